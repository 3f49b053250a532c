// An image already decoded from a data URL handed to a sink as a download would be: from memory
// a part at a time (views, never copies), or from the spill file it was decoded into as the
// answer arrived (heavy/spill.ts), copied through one reused buffer. Kept in memory when the sink
// declines or fails; a spill file is removed either way.
import { isImageError } from '../errors';
import { readSpilled, type SpilledBytes } from '../heavy/spill';
import { checkImage, tooLarge, type FetchedImage } from './imageChecks';
import { SINK_HEAD_BYTES, type ImageSink, type StoredImage } from './imageSink';

/** How much of an image already in memory is handed to a sink at a time (views, never copies). */
const STORE_PART_BYTES = 1024 * 1024;

/**
 * An image already in memory (a decoded data URL) handed to `sink` as a download would be, so it
 * is saved the same way (its provenance put in as it is written, not by copying the whole file);
 * kept in memory when the sink declines it or fails.
 */
export async function storeInto<S>(image: FetchedImage, sink: ImageSink<S>): Promise<FetchedImage | StoredImage<S>> {
  const { bytes, type } = image;
  const writer = await sink.open(bytes.subarray(0, SINK_HEAD_BYTES), type);
  if (!writer) return image;
  try {
    for (let at = 0; at < bytes.byteLength; at += STORE_PART_BYTES)
      await writer.write(bytes.subarray(at, at + STORE_PART_BYTES));
    return { type, stored: await writer.finish() };
  } catch (e) {
    await writer.abort().catch(() => undefined);
    if (isImageError(e) && e.kind === 'cancelled') throw e;
    return image;
  }
}

/** A spilled data URL's bytes read back into memory (an image to convert, say); its file goes. */
export async function readBack(s: SpilledBytes, url: string, maxBytes: number): Promise<Uint8Array> {
  try {
    if (s.size > maxBytes) throw tooLarge(url, maxBytes);
    return await readSpilled(s);
  } finally {
    await s.file.discard().catch(() => undefined);
  }
}

/**
 * A data URL decoded into a spill file as the answer arrived, copied through `sink` a part at a
 * time (one buffer, refilled once the writer is done with it); read back into memory when the
 * sink declines it or fails. The spill file goes either way.
 */
export async function storeSpilled<S>(
  s: SpilledBytes,
  url: string,
  maxBytes: number,
  sink: ImageSink<S>,
): Promise<FetchedImage | StoredImage<S>> {
  if (s.size > maxBytes) {
    await s.file.discard().catch(() => undefined);
    throw tooLarge(url, maxBytes);
  }
  const { type } = checkImage(s.head, url);
  const writer = await sink.open(s.head.subarray(0, SINK_HEAD_BYTES), type);
  if (!writer) return checkImage(await readBack(s, url, maxBytes), url);
  try {
    // One buffer, refilled only once the writer holds no view of it.
    const part = new Uint8Array(Math.min(STORE_PART_BYTES, s.size));
    for (let at = 0; at < s.size;) {
      const n = await s.file.readInto(part.subarray(0, Math.min(part.byteLength, s.size - at)), at);
      if (n === 0) throw new Error('the spilled image is shorter than was written');
      await writer.write(part.subarray(0, n));
      await writer.settled();
      at += n;
    }
    const stored = await writer.finish();
    await s.file.discard().catch(() => undefined);
    return { type, stored };
  } catch (e) {
    await writer.abort().catch(() => undefined);
    if (isImageError(e) && e.kind === 'cancelled') {
      await s.file.discard().catch(() => undefined);
      throw e;
    }
    return checkImage(await readBack(s, url, maxBytes), url);
  }
}
