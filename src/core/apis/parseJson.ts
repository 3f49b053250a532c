// An answer body or event read as JSON of a known shape; anything else is a bad answer.
import type * as z from 'zod/mini';
import { ImageError } from '../errors';
import { utf8, type HeavyWork } from '../heavy/heavyWork';
import type { JsonWithBlobs } from '../heavy/jsonBlobs';

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
  if (!parsed.success) throw new ImageError('badResponse', `the ${where} has an unexpected shape`, { reason: 'wrongShape' });
  return parsed.data;
}

/**
 * A JSON body's bytes parsed: through `heavy` (on another thread when it is large, with its long
 * base64 payloads cut out: jsonBlobs.ts), else here. Not JSON is a bad answer.
 */
export async function readJsonBody(bytes: Uint8Array, heavy: HeavyWork | undefined): Promise<JsonWithBlobs> {
  try {
    return heavy ? await heavy.parseJson(bytes) : { value: JSON.parse(utf8(bytes)) as unknown, blobs: new Map() };
  } catch (e) {
    if (e instanceof ImageError) throw e;
    throw new ImageError('badResponse', 'the body is not JSON', { reason: 'notJson', cause: e });
  }
}
