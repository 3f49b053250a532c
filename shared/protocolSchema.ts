// Checks what arrives from the Image Studio webview (untrusted: it shows remote images).
// Kept apart from protocol.ts so only the extension bundles zod; the webview imports the limits.
import * as z from 'zod/mini';
import {
  API_CHOICES,
  ASPECT_RATIOS,
  BACKGROUND_CHOICES,
  IMAGE_SIZES,
  LIMITS,
  MAX_VARIATIONS,
  OUTPUT_FORMAT_CHOICES,
  PASTE_MIMES,
  type WebviewToHost,
} from './protocol';

const id = z.string().check(z.minLength(1), z.maxLength(LIMITS.id), z.regex(/^[A-Za-z0-9_-]+$/));
const uriString = z.string().check(z.minLength(1), z.maxLength(LIMITS.uri));
/** Base64 of at most `pasteBytes` bytes (4 characters per 3 bytes, padded). */
const base64 = z
  .string()
  .check(z.minLength(4), z.maxLength(Math.ceil(LIMITS.pasteBytes / 3) * 4), z.regex(/^[A-Za-z0-9+/]+={0,2}$/));

/** A size or quality value as a model names it (`1024x1024`, `1024*1024`, `2K`, `hd`). */
const option = z.string().check(z.minLength(1), z.maxLength(LIMITS.option), z.regex(/^[A-Za-z0-9:*._-]+$/));

const bare = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });
const withResult = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), resultId: id });
const withImage = <T extends string>(type: T) =>
  z.strictObject({ type: z.literal(type), resultId: id, image: z.optional(z.int().check(z.gte(0), z.lt(LIMITS.imagesPerResult))) });

export const webviewToHostSchema = z.discriminatedUnion('type', [
  bare('ready'),
  z.strictObject({
    type: z.literal('generate'),
    prompt: z.string().check(z.minLength(1), z.maxLength(LIMITS.prompt)),
    model: z.string().check(z.minLength(1), z.maxLength(LIMITS.model)),
    aspectRatio: z.optional(z.enum(ASPECT_RATIOS)),
    imageSize: z.optional(z.enum(IMAGE_SIZES)),
    attachmentIds: z.array(id).check(z.maxLength(LIMITS.attachments)),
    skipStyle: z.optional(z.boolean()),
    api: z.optional(z.enum(API_CHOICES)),
    variations: z.optional(z.int().check(z.gte(1), z.lte(MAX_VARIATIONS))),
    size: z.optional(option),
    quality: z.optional(option),
    background: z.optional(z.enum(BACKGROUND_CHOICES)),
    outputFormat: z.optional(z.enum(OUTPUT_FORMAT_CHOICES)),
    negativePrompt: z.optional(z.string().check(z.maxLength(LIMITS.negativePrompt))),
    maskBase64: z.optional(base64),
  }),
  z.strictObject({ type: z.literal('cancel'), jobId: id }),
  bare('pickImages'),
  z.strictObject({ type: z.literal('removeAttachment'), id }),
  z.strictObject({
    type: z.literal('pasteImage'),
    name: z.string().check(z.maxLength(LIMITS.fileName)),
    mime: z.enum(PASTE_MIMES),
    base64,
  }),
  z.strictObject({
    type: z.literal('dropUris'),
    uris: z.array(uriString).check(z.minLength(1), z.maxLength(LIMITS.urisPerDrop)),
  }),
  withImage('insert'),
  withImage('copyMarkdown'),
  withResult('reveal'),
  withResult('open'),
  withResult('editThis'),
  withResult('regenerate'),
  bare('dropContinuation'),
  bare('setApiKey'),
  bare('openSettings'),
  bare('saveAs'),
  z.strictObject({ type: z.literal('loadMoreHistory'), offset: z.int().check(z.gte(0), z.lte(1_000_000)) }),
  z.strictObject({
    type: z.literal('describeModel'),
    model: z.string().check(z.minLength(1), z.maxLength(LIMITS.model)),
    api: z.optional(z.enum(API_CHOICES)),
  }),
]);

/** Fails to compile when the schema and the `WebviewToHost` type drift apart, in either direction. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type SchemaMatchesProtocol = Assert<Same<z.infer<typeof webviewToHostSchema>, WebviewToHost>>;
