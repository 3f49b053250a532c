// An answer body or event read as JSON of a known shape; anything else is a bad answer.
import type * as z from 'zod/mini';
import { ImageError } from '../errors';

export function parseJsonAs<T>(raw: string, schema: z.ZodMiniType<T>, where: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new ImageError('badResponse', `the ${where} is not JSON`, { reason: 'notJson', cause: e });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ImageError('badResponse', `the ${where} has an unexpected shape`, { reason: 'wrongShape' });
  return parsed.data;
}
