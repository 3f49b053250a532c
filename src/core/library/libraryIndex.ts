// The index of a workspace's images and of the references its documents make to them, built
// from a listing (path, size, mtime) and updated incrementally: a file whose size and mtime are
// unchanged keeps what was read of it, so a re-index after one change reads one file. An image is
// read only by its head (pixels from the header, provenance from its chunks; imageHead.ts and its
// limits), a document only up to LIBRARY_DOCUMENT_MAX_BYTES, and nothing is read whose real path
// leaves the workspace (checkInsideWorkspace).
import { ImageError } from '../errors';
import type { ImageFacts } from '../heavy/heavyWork';
import { imageFactsOf } from '../heavy/heavyWork';
import { checkInsideWorkspace, isInside, type RealPaths } from '../files/paths';
import { readImageHead, type ByteSource } from '../publish/imageHead';
import type { SiteFiles } from '../sites/siteRules';
import { referencesIn, type ImageReference } from './imageReferences';
import { LIBRARY_MAX_DOCUMENTS, LIBRARY_MAX_IMAGES, LIBRARY_PROMPT_MAX_CHARS } from './libraryFiles';
import { placementCache, type ResolveContext } from './targetResolver';

/** A file as a listing gives it. `mtime` in milliseconds. */
export interface ListedFile {
  path: string;
  size: number;
  mtime: number;
}

export interface IndexedImage extends ListedFile {
  width?: number;
  height?: number;
  /** From the file's provenance (the extension made it): file-borne text, shown only as plain text. */
  prompt?: string;
  /** The prompt was longer than LIBRARY_PROMPT_MAX_CHARS (the file has the rest). */
  promptCut?: boolean;
  model?: string;
  /** When it was made (ISO 8601), from its provenance. */
  date?: string;
}

export interface IndexedDocument extends ListedFile {
  references: ImageReference[];
  /** Not read: larger than LIBRARY_DOCUMENT_MAX_BYTES, unreadable, or outside the workspace by real path. */
  unread?: boolean;
}

export interface LibraryIndex {
  images: Map<string, IndexedImage>;
  documents: Map<string, IndexedDocument>;
  /** Files a reference names that exist but are not listed (excluded, or past the cap): not broken. */
  elsewhere: Set<string>;
  /** More images or documents than the caps: only the first are indexed. */
  truncated: boolean;
}

export interface IndexSources {
  roots: readonly string[];
  /** Real paths for the wall. */
  store: RealPaths;
  /** The image's bytes by parts (or whole, when small: `bytesSource`); undefined when it cannot be read at all. */
  imageBytes(file: ListedFile): Promise<ByteSource | undefined>;
  /** A document's text; undefined when too large (LIBRARY_DOCUMENT_MAX_BYTES) or unreadable. */
  documentText(file: ListedFile): Promise<string | undefined>;
  /** Whether anything is at `p` (a reference to a file the listing left out). */
  exists(p: string): Promise<boolean>;
  /** Site configurations, for root-relative links. */
  siteFiles: SiteFiles;
  /** Provenance and size of a head; in this thread unless given (the adapter hands the worker pool's). */
  facts?(head: Uint8Array): Promise<ImageFacts>;
  signal?: AbortSignal;
}

export interface UpdateResult {
  index: LibraryIndex;
  /** Files read in this update (new or changed). */
  readImages: number;
  readDocuments: number;
}

export function emptyIndex(): LibraryIndex {
  return { images: new Map(), documents: new Map(), elsewhere: new Set(), truncated: false };
}

const PARALLEL = 8;

/** `work` over `items`, PARALLEL at a time, results in the items' order; stops early when `signal` aborts. */
async function eachLimited<T, R>(
  items: readonly T[],
  work: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && signal?.aborted !== true) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, lane));
  if (signal?.aborted === true) throw new ImageError('cancelled', 'indexing was cancelled');
  return out;
}

const unchanged = (a: ListedFile | undefined, b: ListedFile): boolean =>
  a !== undefined && a.size === b.size && a.mtime === b.mtime;

/** The store's real paths, the workspace folders' own looked up once per update (the wall asks for them with every file). */
function rootsOnce(store: RealPaths, roots: readonly string[]): RealPaths {
  const known = new Map<string, Promise<string | undefined>>();
  return {
    realPath: (p) => {
      if (!roots.includes(p)) return store.realPath(p);
      let r = known.get(p);
      if (!r) known.set(p, (r = store.realPath(p)));
      return r;
    },
  };
}

async function insideWall(s: IndexSources, p: string): Promise<boolean> {
  try {
    await checkInsideWorkspace(s.store, s.roots, p, 'read');
    return true;
  } catch {
    return false;
  }
}

async function readImage(s: IndexSources, file: ListedFile): Promise<IndexedImage | undefined> {
  if (!(await insideWall(s, file.path))) return undefined;
  const out: IndexedImage = { path: file.path, size: file.size, mtime: file.mtime };
  try {
    const src = await s.imageBytes(file);
    if (!src) return out;
    const head = await readImageHead(src);
    if (head.byteLength === 0) return out;
    const facts = s.facts ? await s.facts(head) : imageFactsOf(head);
    if (facts.size) {
      out.width = facts.size.width;
      out.height = facts.size.height;
    }
    const p = facts.provenance;
    if (p) {
      out.prompt = p.prompt.length > LIBRARY_PROMPT_MAX_CHARS ? p.prompt.slice(0, LIBRARY_PROMPT_MAX_CHARS) : p.prompt;
      if (p.prompt.length > LIBRARY_PROMPT_MAX_CHARS) out.promptCut = true;
      out.model = p.model.slice(0, 200);
      out.date = p.date.slice(0, 40);
    }
  } catch {
    // Gone or refused since the listing, or malformed: listed with what the listing said.
  }
  return out;
}

/**
 * The index for `listing`, reusing from `previous` every file whose size and mtime are unchanged
 * (and, for a document, whose references were read). Images go first: LaTeX's extension-less
 * references are resolved against them.
 */
export async function updateIndex(
  previous: LibraryIndex | undefined,
  listing: { images: readonly ListedFile[]; documents: readonly ListedFile[] },
  sources: IndexSources,
): Promise<UpdateResult> {
  const s: IndexSources = { ...sources, store: rootsOnce(sources.store, sources.roots) };
  const old = previous ?? emptyIndex();
  const truncated = listing.images.length > LIBRARY_MAX_IMAGES || listing.documents.length > LIBRARY_MAX_DOCUMENTS;
  const imageFiles = listing.images.slice(0, LIBRARY_MAX_IMAGES);
  const documentFiles = listing.documents.slice(0, LIBRARY_MAX_DOCUMENTS);
  let readImages = 0;
  const readOrKept = await eachLimited(
    imageFiles,
    async (f) => {
      const before = old.images.get(f.path);
      if (before && unchanged(before, f)) return before;
      readImages++;
      return readImage(s, f);
    },
    s.signal,
  );
  const images = new Map<string, IndexedImage>();
  for (const image of readOrKept) if (image) images.set(image.path, image);
  const known = new Set(imageFiles.map((f) => f.path));
  const ctx: ResolveContext = {
    rootOf: (p) => s.roots.find((r) => isInside(r, p)),
    placementOf: placementCache(s.siteFiles),
    isImage: (p) => known.has(p),
  };
  let readDocuments = 0;
  const docs = await eachLimited(
    documentFiles,
    async (f): Promise<IndexedDocument> => {
      const before = old.documents.get(f.path);
      if (before && unchanged(before, f)) return before;
      readDocuments++;
      const text = (await insideWall(s, f.path)) ? await s.documentText(f).catch(() => undefined) : undefined;
      const doc: IndexedDocument = {
        path: f.path,
        size: f.size,
        mtime: f.mtime,
        references: text === undefined ? [] : await referencesIn(ctx, f.path, text),
      };
      if (text === undefined) doc.unread = true;
      return doc;
    },
    s.signal,
  );
  const documents = new Map(docs.map((d) => [d.path, d]));
  const elsewhere = new Set<string>();
  const missing = new Set<string>();
  for (const d of documents.values()) for (const r of d.references) if (!images.has(r.file)) missing.add(r.file);
  const there = await eachLimited([...missing], (p) => s.exists(p).catch(() => false), s.signal);
  [...missing].forEach((p, i) => there[i] === true && elsewhere.add(p));
  return { index: { images, documents, elsewhere, truncated }, readImages, readDocuments };
}
