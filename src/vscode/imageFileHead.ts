// What the hover and Regenerate read of a workspace image: its head (size and provenance, see
// core/publish/imageHead.ts) through `readPart` where the file system has it, else the whole
// file when it is small enough, else nothing. Never the pixels of a large file.
import type * as vscode from 'vscode';
import { IMAGE_WHOLE_READ_MAX_BYTES } from '../core/limits';
import { imageFactsOf, type HeavyWork, type ImageFacts } from '../core/heavy/heavyWork';
import { bytesSource, readImageHead, type ByteSource } from '../core/publish/imageHead';
import type { FsLike } from './ports';

export interface ImageFileHead {
  /** The file's size in bytes. */
  size: number;
  /** The head's bytes; empty when the file was too large to read whole and had no parts to read. */
  head: Uint8Array;
}

/** Throws what the file system throws when the file cannot be read (gone, refused). */
export async function readImageFileHead(
  fs: Pick<FsLike, 'stat' | 'readFile' | 'readPart'>,
  uri: vscode.Uri,
): Promise<ImageFileHead> {
  const { size } = await fs.stat(uri);
  let src: ByteSource | undefined;
  if (fs.readPart && uri.scheme === 'file')
    src = { size, read: (offset, length) => fs.readPart?.(uri, offset, length) ?? Promise.resolve(new Uint8Array(0)) };
  else if (size <= IMAGE_WHOLE_READ_MAX_BYTES) src = bytesSource(await fs.readFile(uri));
  return { size, head: src ? await readImageHead(src) : new Uint8Array(0) };
}

/**
 * Provenance and pixel size of a head, off this thread when `heavy` says it is large (a head
 * holds at most a few provenance chunks); a malformed file has neither, never an error.
 */
export async function headFacts(head: Uint8Array, heavy: HeavyWork | undefined): Promise<ImageFacts> {
  const byteLength = head.byteLength;
  try {
    return heavy ? await heavy.imageFacts(head) : imageFactsOf(head);
  } catch {
    return { byteLength };
  }
}
