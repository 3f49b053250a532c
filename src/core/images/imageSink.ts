// Where a result image may go as it arrives instead of into memory: a sink sees its first bytes
// and type and hands back a writer for the rest (a temp file beside its destination, the PNG
// provenance put in on the way; job/receiveImages.ts), or declines so it is kept in memory.
import type { ImageType } from '../imageType';

/** Where a download may go as it arrives instead of into memory (a temp file beside its destination). */
export interface ImageSink<S> {
  /**
   * The image's first bytes (`SINK_HEAD_BYTES`, or all of it when shorter) and their type: a
   * writer to take the whole image, or undefined to keep it in memory as `fetchImage` does.
   */
  open(head: Uint8Array, type: ImageType): Promise<ImageWriter<S> | undefined>;
  /** Frees what the sink made ready ahead when `open` was never called (a download that failed first). */
  release?(): Promise<void>;
}

export interface ImageWriter<S> {
  write(bytes: Uint8Array): Promise<void>;
  /** Every byte written: what the sink made of them. */
  finish(): Promise<S>;
  /** Removes what was written (a failed, cancelled or oversized download). */
  abort(): Promise<void>;
  /** Resolves once the writer holds no view of the bytes written so far (their buffer may be refilled). */
  settled(): Promise<void>;
}

/** Enough for every header a sink decides on (PNG's IHDR, the type, a WebP or GIF size). */
export const SINK_HEAD_BYTES = 64 * 1024;

/** An image a sink took as it arrived (see ImageSink). */
export interface StoredImage<S> {
  type: ImageType;
  stored: S;
}
