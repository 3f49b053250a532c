// What the library view asks of an index: where each image is used, which images are linked
// nowhere, which references name a missing file, the filters and the search box, and the groups
// (by folder, by document) the view shows.
import * as path from 'node:path';
import type { ImageReference } from './imageReferences';
import type { IndexedImage, LibraryIndex } from './libraryIndex';

const posix = path.posix;

/** The references to each file, every document's, in document then line order. */
export function usesOf(index: LibraryIndex): Map<string, ImageReference[]> {
  const uses = new Map<string, ImageReference[]>();
  for (const d of index.documents.values()) {
    for (const r of d.references) {
      const list = uses.get(r.file);
      if (list) list.push(r);
      else uses.set(r.file, [r]);
    }
  }
  return uses;
}

/** Linked from no document the index read. */
export function isUnused(
  image: Pick<IndexedImage, 'path'>,
  uses: ReadonlyMap<string, readonly ImageReference[]>,
): boolean {
  return (uses.get(image.path)?.length ?? 0) === 0;
}

/** References whose file is neither an indexed image nor anything else on disk. */
export function brokenReferences(index: LibraryIndex): ImageReference[] {
  const out: ImageReference[] = [];
  for (const d of index.documents.values())
    for (const r of d.references) if (!index.images.has(r.file) && !index.elsewhere.has(r.file)) out.push(r);
  return out;
}

/** Made by the extension: the file carries its provenance. */
export function isGenerated(image: IndexedImage): boolean {
  return image.prompt !== undefined;
}

export interface LibraryFilter {
  generated?: boolean;
  unused?: boolean;
  /** Only images larger than this many bytes. */
  largerThan?: number;
  /** Words that must each appear in the prompt, the model, the file name or an alt text of a reference. */
  search?: string;
}

/** Compared as a reader would: full-width and half-width forms alike (NFKC), case folded. */
export function searchForm(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * The search's terms: split at spaces; a term of Chinese, Japanese or Korean text matches as a
 * substring anyway (those scripts do not put spaces between words), so "猫 海边" and "海边的猫" both find a
 * prompt "一只在海边的猫".
 */
export function searchTerms(query: string): string[] {
  return searchForm(query)
    .split(/\s+/u)
    .filter((t) => t !== '');
}

function haystack(image: IndexedImage, uses: readonly ImageReference[] | undefined): string {
  const alts = (uses ?? []).map((r) => r.alt);
  return searchForm([posix.basename(image.path), image.prompt ?? '', image.model ?? '', ...alts].join('\n'));
}

export function matches(
  image: IndexedImage,
  uses: ReadonlyMap<string, readonly ImageReference[]>,
  filter: LibraryFilter,
): boolean {
  if (filter.generated === true && !isGenerated(image)) return false;
  if (filter.unused === true && !isUnused(image, uses)) return false;
  if (filter.largerThan !== undefined && image.size <= filter.largerThan) return false;
  const terms = filter.search === undefined ? [] : searchTerms(filter.search);
  if (terms.length === 0) return true;
  const text = haystack(image, uses.get(image.path));
  return terms.every((t) => text.includes(t));
}

/** The images `filter` lets through, by path. */
export function filterImages(
  index: LibraryIndex,
  filter: LibraryFilter,
  uses: ReadonlyMap<string, readonly ImageReference[]> = usesOf(index),
): IndexedImage[] {
  return [...index.images.values()].filter((i) => matches(i, uses, filter)).sort((a, b) => compareText(a.path, b.path));
}

/** Code point order, so a listing is the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Images grouped by their folder, folders in path order. */
export function byFolder(images: readonly IndexedImage[]): Map<string, IndexedImage[]> {
  const out = new Map<string, IndexedImage[]>();
  for (const i of [...images].sort((a, b) => compareText(a.path, b.path))) {
    const dir = posix.dirname(i.path);
    const list = out.get(dir);
    if (list) list.push(i);
    else out.set(dir, [i]);
  }
  return out;
}

/**
 * Images grouped by the documents that use them (an image used by two documents is under both),
 * documents in path order; the images no document uses under the `undefined` key, last.
 */
export function byDocument(
  images: readonly IndexedImage[],
  uses: ReadonlyMap<string, readonly ImageReference[]>,
): Map<string | undefined, IndexedImage[]> {
  const docs = new Map<string, IndexedImage[]>();
  const unused: IndexedImage[] = [];
  for (const i of [...images].sort((a, b) => compareText(a.path, b.path))) {
    const refs = uses.get(i.path) ?? [];
    if (refs.length === 0) unused.push(i);
    for (const d of new Set(refs.map((r) => r.document))) {
      const list = docs.get(d);
      if (list) list.push(i);
      else docs.set(d, [i]);
    }
  }
  const out = new Map<string | undefined, IndexedImage[]>([...docs.entries()].sort(([a], [b]) => compareText(a, b)));
  if (unused.length > 0) out.set(undefined, unused);
  return out;
}

/** Total bytes of some images. */
export function totalBytes(images: readonly Pick<IndexedImage, 'size'>[]): number {
  return images.reduce((n, i) => n + i.size, 0);
}
