// Which workspace files the image library lists (images) and reads (documents), and what either
// may cost: a repository is outside input, so the index is capped in count, a document is read
// only up to a size, and an image only ever by its head (core/publish/imageHead.ts).
import * as path from 'node:path';
import { LANGUAGE_EXTENSIONS } from '../documents/languages';

/** Image files listed, by extension (lower case, no dot). Pixels and provenance are read only from the first four kinds' headers. */
export const LIBRARY_IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'webp', 'gif', 'avif', 'svg'];

/** Documents read for references: Markdown's extensions and every other language the extension reads. */
export const LIBRARY_DOCUMENT_EXTENSIONS: readonly string[] = [
  'md',
  'markdown',
  'mdown',
  'mkd',
  ...LANGUAGE_EXTENSIONS,
];

/** Images indexed at most: past this the view says it shows only part of the workspace. */
export const LIBRARY_MAX_IMAGES = 20_000;

/** Documents read at most. */
export const LIBRARY_MAX_DOCUMENTS = 20_000;

/** A document larger than this is not read for references (a real one is tens of KB; 4 MB is a book). */
export const LIBRARY_DOCUMENT_MAX_BYTES = 4 * 1024 * 1024;

/** Prompt characters the index keeps per image (search and the tooltip); the file keeps the rest. */
export const LIBRARY_PROMPT_MAX_CHARS = 2000;

const ext = (p: string): string => path.posix.extname(p).slice(1).toLowerCase();

export function isLibraryImage(p: string): boolean {
  return LIBRARY_IMAGE_EXTENSIONS.includes(ext(p));
}

export function isLibraryDocument(p: string): boolean {
  return LIBRARY_DOCUMENT_EXTENSIONS.includes(ext(p));
}

/** A glob of every file the library looks at, for a workspace search (`**\/*.{png,…,md,…}`). */
export function libraryGlob(): string {
  return `**/*.{${[...LIBRARY_IMAGE_EXTENSIONS, ...LIBRARY_DOCUMENT_EXTENSIONS].join(',')}}`;
}

/**
 * A document's bytes read by part, never past the cap: as many as the listing said (and one more,
 * to see it grew), then, if it did grow, up to the cap and one byte; undefined past the cap.
 */
export async function readDocumentPart(
  read: (offset: number, length: number) => Promise<Uint8Array>,
  listedSize: number,
): Promise<Uint8Array | undefined> {
  if (listedSize > LIBRARY_DOCUMENT_MAX_BYTES) return undefined;
  let bytes = await read(0, listedSize + 1);
  if (bytes.byteLength > listedSize) bytes = await read(0, LIBRARY_DOCUMENT_MAX_BYTES + 1);
  return bytes.byteLength > LIBRARY_DOCUMENT_MAX_BYTES ? undefined : bytes;
}
