// Checks what arrives from the Image Studio webview (untrusted: it shows remote images).
// Kept apart from protocol.ts so only the extension bundles zod; the webview imports the limits.
// The option values are checked as the image vocabulary describes them, so a new option needs no line here.
import * as z from 'zod/mini';
import {
  API_KINDS,
  API_SETTINGS,
  ASPECT_RATIOS,
  IMAGE_SIZES,
  MAX_REFERENCES,
  MAX_VARIATIONS,
  MODEL_ID_MAX_CHARS,
  OPTION_VALUE_MAX_CHARS,
  OPTION_VALUE_PATTERN,
  USER_OPTIONS,
  USER_OPTION_NAMES,
  withUnset,
  type OptionValue,
  type OptionValueSpec,
  type UserOptionName,
} from './imageVocabulary';
import { GALLERY_ACTIONS, LIMITS, PASTE_MIMES, type WebviewToHost } from './protocol';

const id = z.string().check(z.minLength(1), z.maxLength(LIMITS.id), z.regex(/^[A-Za-z0-9_-]+$/));
const uriString = z.string().check(z.minLength(1), z.maxLength(LIMITS.uri));
/** Base64 of at most `pasteBytes` bytes (4 characters per 3 bytes, padded). */
const base64 = z
  .string()
  .check(z.minLength(4), z.maxLength(Math.ceil(LIMITS.pasteBytes / 3) * 4), z.regex(/^[A-Za-z0-9+/]+={0,2}$/));
export const modelIdSchema = z.string().check(z.minLength(1), z.maxLength(MODEL_ID_MAX_CHARS));

/** The schema of one option's value, from its spec in the vocabulary. */
function valueSchema(spec: OptionValueSpec): z.ZodMiniType<string> {
  if (spec.kind === 'oneOf') return z.enum(spec.values);
  if (spec.kind === 'token')
    return z.string().check(z.minLength(1), z.maxLength(OPTION_VALUE_MAX_CHARS), z.regex(OPTION_VALUE_PATTERN));
  return z.string().check(z.maxLength(spec.maxChars));
}

type UserOptionShape = {
  [K in UserOptionName]: z.ZodMiniOptional<z.ZodMiniType<OptionValue<(typeof USER_OPTIONS)[K]>>>;
};
/** Every user option, each checked as the vocabulary says (the cast: built from that same table). */
const userOptionShape = Object.fromEntries(
  USER_OPTION_NAMES.map((k) => [k, z.optional(valueSchema(USER_OPTIONS[k]))]),
) as UserOptionShape;

/** The Studio's option controls (`StudioOptions`), as a generate message and the Studio history carry them. */
export const studioOptionsShape = {
  api: z.optional(z.enum(API_SETTINGS)),
  variations: z.optional(z.int().check(z.gte(1), z.lte(MAX_VARIATIONS))),
  ...userOptionShape,
};
export const apiKindSchema = z.enum(API_KINDS);

const bare = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });
const withResult = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), resultId: id });
const withImage = <T extends string>(type: T) =>
  z.strictObject({
    type: z.literal(type),
    resultId: id,
    image: z.optional(z.int().check(z.gte(0), z.lt(LIMITS.imagesPerResult))),
  });

export const webviewToHostSchema = z.discriminatedUnion('type', [
  bare('ready'),
  z.strictObject({
    type: z.literal('generate'),
    prompt: z.string().check(z.minLength(1), z.maxLength(LIMITS.promptMessage)),
    model: modelIdSchema,
    aspectRatio: z.optional(z.enum(withUnset(ASPECT_RATIOS))),
    imageSize: z.optional(z.enum(withUnset(IMAGE_SIZES))),
    attachmentIds: z.array(id).check(z.maxLength(MAX_REFERENCES)),
    skipStyle: z.optional(z.boolean()),
    ...studioOptionsShape,
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
    model: modelIdSchema,
    api: z.optional(z.enum(API_SETTINGS)),
  }),
  z.strictObject({
    type: z.literal('estimate'),
    seq: z.int().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER)),
    model: modelIdSchema,
    aspectRatio: z.optional(z.enum(withUnset(ASPECT_RATIOS))),
    imageSize: z.optional(z.enum(withUnset(IMAGE_SIZES))),
    ...studioOptionsShape,
  }),
  z.strictObject({
    type: z.literal('gallery'),
    search: z.string().check(z.maxLength(LIMITS.gallerySearch)),
    offset: z.int().check(z.gte(0), z.lte(LIMITS.galleryOffset)),
  }),
  z.strictObject({ type: z.literal('galleryAction'), action: z.enum(GALLERY_ACTIONS), id }),
]);

/** Fails to compile when the schema and the `WebviewToHost` type drift apart, in either direction. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type SchemaMatchesProtocol = Assert<Same<z.infer<typeof webviewToHostSchema>, WebviewToHost>>;
