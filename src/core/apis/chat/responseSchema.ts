// Shapes of what an OpenAI-compatible gateway sends back. Deliberately lenient (unknown keys are
// ignored, most fields optional) so a relay's extra fields don't break us, but strict enough that
// `{"choices":"nope"}` is caught as a malformed answer instead of crashing later.
import * as z from 'zod/mini';
import { ErrorBodySchema } from '../../http/errorBody';

const ImageUrlObject = z.object({ url: z.string() });

/** `{type:'image_url', image_url:{url}}` (OpenAI / OpenRouter) or a bare `{image_url:'...'}`. */
export const ImagePartSchema = z.object({
  type: z.optional(z.string()),
  image_url: z.optional(z.union([z.string(), ImageUrlObject])),
  url: z.optional(z.string()),
  text: z.optional(z.string()),
  b64_json: z.optional(z.string()),
});
export type ImagePart = z.infer<typeof ImagePartSchema>;

const ContentSchema = z.nullable(z.union([z.string(), z.array(ImagePartSchema)]));

export const MessageSchema = z.object({
  role: z.optional(z.nullable(z.string())),
  content: z.optional(ContentSchema),
  image: z.optional(
    z.nullable(z.object({ url: z.optional(z.nullable(z.string())), b64_json: z.optional(z.nullable(z.string())) })),
  ),
  images: z.optional(z.nullable(z.array(ImagePartSchema))),
});
export type Message = z.infer<typeof MessageSchema>;

const ChoiceSchema = z.object({
  index: z.optional(z.number()),
  message: z.optional(z.nullable(MessageSchema)),
  delta: z.optional(z.nullable(MessageSchema)),
  finish_reason: z.optional(z.nullable(z.string())),
});

const ImagesApiItemSchema = z.object({
  url: z.optional(z.nullable(z.string())),
  b64_json: z.optional(z.nullable(z.string())),
  revised_prompt: z.optional(z.nullable(z.string())),
});

/** A non-stream completion, a stream chunk, or an Images API answer. */
export const CompletionSchema = z.object({
  model: z.optional(z.nullable(z.string())),
  choices: z.optional(z.nullable(z.array(ChoiceSchema))),
  data: z.optional(z.nullable(z.array(ImagesApiItemSchema))),
  error: z.optional(z.nullable(z.union([ErrorBodySchema, z.string()]))),
  /** Read by `usageCost` only: its shape is the gateway's. */
  usage: z.optional(z.unknown()),
});
export type Completion = z.infer<typeof CompletionSchema>;
