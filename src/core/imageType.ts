// An image's type from its magic bytes (never from its name), and the extensions we read as
// images: a leaf every folder of core uses.
import * as path from 'node:path';

const posix = path.posix;

/** The image formats we accept and write, identified by their bytes, never by name. */
export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

export interface ImageType {
  mime: ImageMime;
  ext: 'png' | 'jpg' | 'webp' | 'gif';
}

const PNG: ImageType = { mime: 'image/png', ext: 'png' };
const JPEG: ImageType = { mime: 'image/jpeg', ext: 'jpg' };
const WEBP: ImageType = { mime: 'image/webp', ext: 'webp' };
const GIF: ImageType = { mime: 'image/gif', ext: 'gif' };

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

/** Sniffs PNG/JPEG/WebP/GIF from magic bytes; undefined for anything else (HTML, text, empty). */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return WEBP;
  if (
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38, 0x39, 0x61])
  )
    return GIF;
  return undefined;
}

/** File extensions (lower case, no dot) the explorer menu offers editing for. */
export const IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'webp', 'gif'];

/** Whether a posix path names an image by its extension (the bytes are sniffed separately). */
export function hasImageExtension(p: string): boolean {
  return IMAGE_EXTENSIONS.includes(posix.extname(p).slice(1).toLowerCase());
}
