// The error body an OpenAI-compatible gateway sends, in each of the shapes relays use; read by
// the HTTP layer for any failed request and by each API's answer reader for in-band errors.
import * as z from 'zod/mini';

export const ErrorBodySchema = z.object({
  message: z.optional(z.nullable(z.string())),
  type: z.optional(z.nullable(z.string())),
  code: z.optional(z.nullable(z.union([z.string(), z.number()]))),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Error bodies: `{"error":{...}}`, `{"error":"..."}` or a relay's top-level `{"message":...}`. */
export const ErrorEnvelopeSchema = z.object({
  error: z.optional(z.nullable(z.union([ErrorBodySchema, z.string()]))),
  message: z.optional(z.nullable(z.string())),
  code: z.optional(z.nullable(z.union([z.string(), z.number()]))),
  type: z.optional(z.nullable(z.string())),
});

/** Normalises any error envelope to `{message, type, code}`. */
export function readErrorBody(json: unknown): ErrorBody | undefined {
  const parsed = ErrorEnvelopeSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { error, message, code, type } = parsed.data;
  if (typeof error === 'string') return { message: error };
  if (error) return { message: error.message, type: error.type, code: error.code };
  if (message) return { message, type, code };
  return undefined;
}
