// One page of the Studio's gallery of workspace images: the images the search lets through, newest
// first (what a writer looks for is most often what they made last), each with how many references
// use it. Pure: the index and its uses in, plain data out.
import type { ImageReference } from './imageReferences';
import type { IndexedImage, LibraryIndex } from './libraryIndex';
import { compareText, matches } from './libraryQuery';

/** Images per page: a screenful or two of thumbnails, each a lazy file load, not a payload. */
export const GALLERY_PAGE_SIZE = 60;

export interface GalleryEntry {
  image: IndexedImage;
  /** References to it in the documents the index read. */
  uses: number;
}

export interface GalleryPage {
  entries: GalleryEntry[];
  /** How many images the search lets through in all. */
  total: number;
}

/** Newest first (by the file's mtime), then by path, so pages do not overlap or skip. */
function newestFirst(a: IndexedImage, b: IndexedImage): number {
  return b.mtime - a.mtime || compareText(a.path, b.path);
}

/** The images matching `search` (the Images view's search: prompt, model, file name, alt text; CJK as substrings), `limit` from `offset`. */
export function galleryPage(
  index: LibraryIndex,
  uses: ReadonlyMap<string, readonly ImageReference[]>,
  search: string,
  offset: number,
  limit = GALLERY_PAGE_SIZE,
): GalleryPage {
  const filter = search.trim() === '' ? {} : { search };
  const found = [...index.images.values()].filter((i) => matches(i, uses, filter)).sort(newestFirst);
  const start = Math.max(0, Math.floor(offset));
  const entries = found
    .slice(start, start + Math.max(0, Math.floor(limit)))
    .map((image) => ({ image, uses: uses.get(image.path)?.length ?? 0 }));
  return { entries, total: found.length };
}
