// The image vocabulary, said once for the extension, the agent tools and the webview: the APIs,
// every option a job can carry, the values each takes and its limits. Pure data and types, so
// the webview can import it too: no zod, no `vscode`, nothing from `src` (ESLint keeps it so).
// `''` is "not set" everywhere (a setting, a Studio control): the model decides.

/** The APIs a job can go to. */
export const API_KINDS = ['chat', 'images', 'responses'] as const;
export type ApiKind = (typeof API_KINDS)[number];
/** The `api` setting and the Studio's choice: `auto` follows the catalog, then the model's family name. */
export const API_SETTINGS = ['auto', ...API_KINDS] as const;
export type ApiSetting = (typeof API_SETTINGS)[number];

/** Width to height, as the settings and the Studio offer them (a gateway may take others). */
export const ASPECT_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];
/** Resolution class (chat's `image.image_size`). */
export const IMAGE_SIZES = ['1K', '2K', '4K'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];
/** Pixel sizes the GPT image models take (and what an unknown model is offered). */
export const GPT_IMAGE_SIZES = ['auto', '1024x1024', '1536x1024', '1024x1536'] as const;
export const GPT_IMAGE_QUALITIES = ['auto', 'low', 'medium', 'high'] as const;
/** DALL·E 3 and CogView name their qualities so. */
export const STANDARD_HD_QUALITIES = ['standard', 'hd'] as const;
/** Every quality the `quality` setting offers. */
export const QUALITIES = [...GPT_IMAGE_QUALITIES, ...STANDARD_HD_QUALITIES] as const;
export const BACKGROUNDS = ['auto', 'opaque', 'transparent'] as const;
export type Background = (typeof BACKGROUNDS)[number];
export const OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A list with `''` (not set) in front, as a setting's enum and a Studio control hold it. */
export function withUnset<T extends string>(list: readonly T[]): readonly ['', ...T[]] {
  return ['', ...list];
}

/** Most variations one job may ask for. */
export const MAX_VARIATIONS = 4;
/** Most low-resolution previews a Responses stream sends while it draws. */
export const MAX_PARTIAL_IMAGES = 3;
/** Most reference images one job (an edit) may carry. */
export const MAX_REFERENCES = 16;
/** The longest prompt a job sends; a longer one is refused with a sentence before anything is sent. */
export const PROMPT_MAX_CHARS = 32_000;
export const NEGATIVE_PROMPT_MAX_CHARS = 2000;
/** The longest model id, and the longest free option value (a size or quality as a model names it). */
export const MODEL_ID_MAX_CHARS = 128;
export const OPTION_VALUE_MAX_CHARS = 32;
/**
 * Most pixels an image may have for us to decode it (to convert, resize or paint a mask on),
 * read from its header before any decoding: about 6300 × 6300, above every model's largest
 * output (4096 × 4096 is 16.8 million) and 160 MB as RGBA once decoded. A file announcing more
 * is saved as it came (a conversion) or refused (a mask).
 */
export const MAX_DECODE_PIXELS = 40_000_000;
/** A free option value: `1024x1024`, `1024*1024`, `2K`, `hd`, `16:9`. */
export const OPTION_VALUE_PATTERN = /^[A-Za-z0-9:*._-]+$/;

/** How an option's value is written, which decides how it is checked wherever it arrives. */
export type OptionValueSpec =
  | { readonly kind: 'oneOf'; readonly values: readonly [string, ...string[]] }
  /** A short value a model names (`OPTION_VALUE_MAX_CHARS`, `OPTION_VALUE_PATTERN`): the server decides which. */
  | { readonly kind: 'token' }
  | { readonly kind: 'text'; readonly maxChars: number };

/**
 * The options a user sets one by one beside the prompt: the Studio's controls, the settings of
 * the same names, a recipe read back from a file. Each is sent only where the model takes it.
 * A message, the Studio history and a file's provenance are all checked against this table.
 */
export const USER_OPTIONS = {
  /** `1024x1024`, `1536x1024`, `auto`, … (Images and Responses APIs). */
  size: { kind: 'token' },
  quality: { kind: 'token' },
  background: { kind: 'oneOf', values: BACKGROUNDS },
  outputFormat: { kind: 'oneOf', values: OUTPUT_FORMATS },
  negativePrompt: { kind: 'text', maxChars: NEGATIVE_PROMPT_MAX_CHARS },
} as const satisfies Record<string, OptionValueSpec>;
export type UserOptionName = keyof typeof USER_OPTIONS;
export const USER_OPTION_NAMES = Object.keys(USER_OPTIONS) as UserOptionName[];

/** The value type an option's spec describes. */
export type OptionValue<S extends OptionValueSpec> = S extends { kind: 'oneOf'; values: readonly (infer V)[] }
  ? V
  : string;
export type UserOptions = { [K in UserOptionName]?: OptionValue<(typeof USER_OPTIONS)[K]> };

/** Everything a job may ask of a model beyond its prompt and references; the one shape core sends from. */
export interface ImageOptions extends UserOptions {
  /** Variations (1 to `MAX_VARIATIONS`): one request with `n` where accepted, else that many requests in parallel. */
  n?: number;
  /** `16:9`, … (chat's `image.aspect_ratio`, GeekAI's Images API `aspect_ratio`). */
  aspectRatio?: string;
  /** `1K` | `2K` | `4K` (chat's `image.image_size`). */
  imageSize?: string;
  /** Low-resolution previews while a Responses stream draws (0 to `MAX_PARTIAL_IMAGES`). */
  partialImages?: number;
}

/**
 * The Studio's option controls as a message, the history and a `fill` carry them: the user
 * options, the API and the number of `variations` (the job's `n`). Aspect ratio and resolution
 * travel beside them, as they do in a job.
 */
export interface StudioOptions extends UserOptions {
  api?: ApiSetting;
  /** 1 to `MAX_VARIATIONS` images. */
  variations?: number;
}

/** The Studio's options (every key present, as given) out of anything that carries them, such as a `generate` message. */
export function studioOptionsOf(o: StudioOptions): StudioOptions {
  const out: StudioOptions = { api: o.api, variations: o.variations };
  for (const k of USER_OPTION_NAMES) Object.assign(out, { [k]: o[k] });
  return out;
}

/** The one place `variations` becomes `n`: the Studio's options as a job's, and the API it asked for. */
export function jobOptionsOf(o: StudioOptions): { api?: ApiSetting; options: ImageOptions } {
  const { api, variations, ...rest } = studioOptionsOf(o);
  return { api, options: { ...rest, n: variations } };
}

/** And back: a job's options (and API) as the Studio's controls show them. */
export function studioOptionsFor(o: ImageOptions, api?: ApiSetting): StudioOptions {
  return studioOptionsOf({ ...o, api, variations: o.n });
}

/** The number of variations asked for, clamped to 1 to `MAX_VARIATIONS` (anything unusable is 1). */
export function variationCount(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return 1;
  return Math.min(MAX_VARIATIONS, Math.max(1, Math.round(n)));
}

/** Values offered for one option; `free`: another value may be typed (an unknown model: the server decides). */
export interface OptionChoices {
  values: string[];
  free: boolean;
}

/**
 * What the Studio shows for a model on the API it will use: the controls that apply, and only
 * those. An absent list means the option does not apply (the control is hidden).
 */
export interface ModelOptionsView {
  model: string;
  api: ApiKind;
  /** Where `api` came from: the `api` setting (or the panel's choice), the catalog, or the model's family name. */
  apiFrom: 'choice' | 'catalog' | 'guess';
  maxVariations: number;
  /** Several variations travel in one request; otherwise each is its own (paid) request. */
  variationsInOneRequest: boolean;
  sizes?: OptionChoices;
  aspectRatios?: OptionChoices;
  imageSizes?: OptionChoices;
  qualities?: OptionChoices;
  backgrounds?: OptionChoices;
  outputFormats?: OptionChoices;
  negativePrompt: boolean;
  /** Most references an edit may carry; 0: the model cannot edit. */
  maxReferences: number;
  mask: boolean;
  /** Partial images arrive while it draws (`preview` messages). */
  livePreview: boolean;
  /** "Edit this" continues the same conversation instead of sending the image again. */
  continues: boolean;
}
