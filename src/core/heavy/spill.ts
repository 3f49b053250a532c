// Where a long payload's decoded bytes go while an answer is still arriving: a file beside the
// images (the job's receiving folder), a megabyte at a time, so an 8 MB image is never held whole
// in memory next to the 11 MB of base64 it came as (the socket's chunks wait for a collection).

/** Makes one file per payload that outgrows a part. */
export interface SpillTarget {
  /** A new file; undefined when none can be made here (the bytes then stay in memory). */
  open(): Promise<SpillWriter | undefined>;
  /** Bytes decoded in memory before they go to the file (SPILL_PART_BYTES unless said). */
  partBytes?: number;
}

export interface SpillWriter {
  /** Resolves once the file has `bytes` and the writer holds no view of them (they may be reused). */
  write(bytes: Uint8Array): Promise<void>;
  /** Every byte written: the file, to be read back. */
  close(): Promise<SpillFile>;
  /** Removes the file (a payload that was not one after all, a read that failed). */
  discard(): Promise<void>;
}

export interface SpillFile {
  /** Fills `into` from `offset` (less at the file's end): how many bytes it holds now. */
  readInto(into: Uint8Array, offset: number): Promise<number>;
  discard(): Promise<void>;
}

/** A payload's bytes in a file: its size and first bytes, to decide on without reading it. */
export interface SpilledBytes {
  size: number;
  /** The first HEAD_BYTES (all of it when shorter). */
  head: Uint8Array;
  file: SpillFile;
}

/** How much is decoded in memory before it goes to the file (and the size of the buffer reused for it). */
export const SPILL_PART_BYTES = 512 * 1024;

/** Enough for every header a sink decides on (download.ts' SINK_HEAD_BYTES). */
export const SPILL_HEAD_BYTES = 64 * 1024;

/** Every byte of a spilled payload, read back in parts into one buffer of its size. */
export async function readSpilled(s: SpilledBytes): Promise<Uint8Array> {
  const all = Buffer.allocUnsafeSlow(s.size);
  let at = 0;
  while (at < s.size) {
    const n = await s.file.readInto(all.subarray(at, Math.min(s.size, at + SPILL_PART_BYTES)), at);
    if (n === 0) throw new Error('the spilled image is shorter than was written');
    at += n;
  }
  return new Uint8Array(all.buffer, all.byteOffset, s.size);
}
