// An answer body or event read as JSON of a known shape; anything else is a bad answer.
import type * as z from 'zod/mini';
import { ImageError } from '../errors';
import type { OpenResponse } from '../http/httpClient';
import { BlobStream } from '../heavy/blobStream';
import type { HeavyWork } from '../heavy/heavyWork';
import type { JsonWithBlobs, TextWithBlobs } from '../heavy/jsonBlobs';
import type { SpillTarget } from '../heavy/spill';

export function parseJsonAs<T>(raw: string, schema: z.ZodMiniType<T>, where: string): T {
  return shapeAs(parseJson(raw, where), schema, where);
}

/** JSON text as a value; an answer that is not JSON is a bad answer. */
export function parseJson(raw: string, where: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch (e) {
    throw new ImageError('badResponse', `the ${where} is not JSON`, { reason: 'notJson', cause: e });
  }
}

/** A parsed value checked against `schema` (so a large answer is parsed once and read twice). */
export function shapeAs<T>(json: unknown, schema: z.ZodMiniType<T>, where: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ImageError('badResponse', `the ${where} has an unexpected shape`, { reason: 'wrongShape' });
  return parsed.data;
}

/** A cut text at least this long is parsed off the host thread (JSON.parse of a megabyte takes milliseconds). */
export const PARSE_IN_THREAD_MAX_CHARS = 1024 * 1024;

/**
 * A JSON body read as it arrives, its long base64 payloads decoded on the way and cut out
 * (blobStream.ts), so neither the whole body nor its megabyte strings are ever held; what is left
 * is parsed here, or through `heavy` (on another thread) when it is still large. Not JSON is a bad answer.
 */
export async function readJsonStreamed(
  res: OpenResponse,
  heavy: HeavyWork | undefined,
  spill?: SpillTarget,
): Promise<JsonWithBlobs> {
  const announced = res.announcedBytes;
  const cut = new BlobStream('json', {
    charsLeft: announced === undefined ? undefined : () => Math.max(0, announced - res.bytesRead()),
    spill,
  });
  const { text, blobs } = await readAllInto(cut, res.chunks(), (c) => cut.pushBytes(c));
  try {
    if (!heavy || text.length < PARSE_IN_THREAD_MAX_CHARS) return { value: JSON.parse(text) as unknown, blobs };
    const parsed = await heavy.parseJson(Buffer.from(text, 'utf8'));
    return { value: parsed.value, blobs: new Map([...blobs, ...parsed.blobs]) };
  } catch (e) {
    if (e instanceof ImageError) throw e;
    throw new ImageError('badResponse', 'the body is not JSON', { reason: 'notJson', cause: e });
  }
}

/**
 * Every piece of `pieces` through `cut`, waiting while a payload's part is on its way to its
 * file; a failed read leaves none of the files behind.
 */
export async function readAllInto<T>(
  cut: BlobStream,
  pieces: AsyncIterable<T>,
  push: (piece: T) => void,
): Promise<TextWithBlobs> {
  try {
    for await (const piece of pieces) {
      push(piece);
      const writing = cut.writing();
      if (writing) await writing;
    }
    return await cut.end();
  } catch (e) {
    await cut.abandon();
    throw e;
  }
}
