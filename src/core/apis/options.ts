// The image options a user can set, and which of them a model on an API accepts. Each option is
// sent only where it is accepted: a gateway refuses (400) or silently ignores the others.

export const API_KINDS = ['chat', 'images', 'responses'] as const;
export type ApiKind = (typeof API_KINDS)[number];
export type ApiSetting = 'auto' | ApiKind;

export const BACKGROUNDS = ['auto', 'opaque', 'transparent'] as const;
export type Background = (typeof BACKGROUNDS)[number];
export const OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Most variations one job may ask for. */
export const MAX_VARIATIONS = 4;

export interface ImageOptions {
  /** Variations (1-4): one request with `n` where accepted, else that many requests in parallel. */
  n?: number;
  /** `1024x1024`, `1536x1024`, `auto`, … (Images and Responses APIs). */
  size?: string;
  /** `16:9`, … (chat's `image.aspect_ratio`, GeekAI's Images API `aspect_ratio`). */
  aspectRatio?: string;
  /** `1K` | `2K` | `4K` (chat's `image.image_size`). */
  imageSize?: string;
  quality?: string;
  background?: Background;
  outputFormat?: OutputFormat;
  negativePrompt?: string;
  /** Low-resolution previews while a Responses stream draws (0-3). */
  partialImages?: number;
}

/** A list of accepted values, or `any` when the model is unknown and the server decides. */
export type Accepts = readonly string[] | 'any';

/** What one model takes on one API; an absent list means the option is not accepted. */
export interface OptionSupport {
  /** One request may ask for several images with `n`; otherwise variations are fanned out. */
  n: boolean;
  sizes?: Accepts;
  aspectRatios?: Accepts;
  imageSizes?: Accepts;
  qualities?: Accepts;
  backgrounds?: Accepts;
  outputFormats?: Accepts;
  negativePrompt: boolean;
  partialImages: boolean;
  /** Most reference images an edit may carry; 0 means the model cannot edit. */
  maxReferences: number;
  /** Takes a mask (a PNG whose transparent pixels mark what may change). */
  mask: boolean;
}

const GPT_IMAGE_SIZES = ['auto', '1024x1024', '1536x1024', '1024x1536'];
const GPT_IMAGE_QUALITIES = ['auto', 'low', 'medium', 'high'];

/** The `image_generation` tool of the Responses API: the same fields for every model. */
export const RESPONSES_SUPPORT: OptionSupport = {
  n: false,
  sizes: GPT_IMAGE_SIZES,
  qualities: GPT_IMAGE_QUALITIES,
  backgrounds: BACKGROUNDS,
  outputFormats: OUTPUT_FORMATS,
  negativePrompt: false,
  partialImages: true,
  maxReferences: 16,
  mask: true,
};

/** Chat models take GeekAI's `image` field and references, one image per request. */
export const CHAT_SUPPORT: OptionSupport = {
  n: false,
  aspectRatios: 'any',
  imageSizes: ['1K', '2K', '4K'],
  negativePrompt: false,
  partialImages: false,
  maxReferences: 16,
  mask: false,
};

/** A model the catalog does not know, on the Images API: send what the user set, the server decides. */
export const IMAGES_ANY_SUPPORT: OptionSupport = {
  n: true,
  sizes: 'any',
  aspectRatios: 'any',
  qualities: 'any',
  backgrounds: 'any',
  outputFormats: 'any',
  negativePrompt: true,
  partialImages: false,
  maxReferences: 16,
  mask: true,
};

export const GPT_IMAGE_SUPPORT: OptionSupport = {
  n: true,
  sizes: GPT_IMAGE_SIZES,
  qualities: GPT_IMAGE_QUALITIES,
  backgrounds: BACKGROUNDS,
  outputFormats: OUTPUT_FORMATS,
  negativePrompt: false,
  partialImages: false,
  maxReferences: 16,
  mask: true,
};

function accepted(list: Accepts | undefined, value: string): boolean {
  return list === 'any' || (list !== undefined && list.includes(value));
}

export interface FittedOptions {
  /** What will be sent (`n` excluded: variations are the caller's business). */
  sent: ImageOptions;
  /** Names of the options the user set that this model does not take, for the log and the UI. */
  dropped: (keyof ImageOptions)[];
}

/** Keeps the options `support` accepts, with the values it accepts. */
export function fitOptions(o: ImageOptions, support: OptionSupport): FittedOptions {
  const sent: ImageOptions = {};
  const dropped: (keyof ImageOptions)[] = [];
  const keep = <K extends 'size' | 'aspectRatio' | 'imageSize' | 'quality'>(key: K, list: Accepts | undefined): void => {
    const v = o[key];
    if (v === undefined || v === '') return;
    if (accepted(list, v)) sent[key] = v;
    else dropped.push(key);
  };
  keep('size', support.sizes);
  keep('aspectRatio', support.aspectRatios);
  keep('imageSize', support.imageSizes);
  keep('quality', support.qualities);
  if (o.background !== undefined) {
    if (accepted(support.backgrounds, o.background)) sent.background = o.background;
    else dropped.push('background');
  }
  if (o.outputFormat !== undefined) {
    if (accepted(support.outputFormats, o.outputFormat)) sent.outputFormat = o.outputFormat;
    else dropped.push('outputFormat');
  }
  // A transparent background needs a format with alpha: PNG unless the user chose WebP.
  if (sent.background === 'transparent' && sent.outputFormat === 'jpeg') {
    dropped.push('outputFormat');
    delete sent.outputFormat;
  }
  if (o.negativePrompt?.trim()) {
    if (support.negativePrompt) sent.negativePrompt = o.negativePrompt.trim();
    else dropped.push('negativePrompt');
  }
  if (o.partialImages !== undefined && o.partialImages > 0) {
    if (support.partialImages) sent.partialImages = Math.min(3, Math.max(0, Math.round(o.partialImages)));
    else dropped.push('partialImages');
  }
  return { sent, dropped };
}

/** The number of variations asked for, clamped to 1-4 (anything unusable is 1). */
export function variationCount(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return 1;
  return Math.min(MAX_VARIATIONS, Math.max(1, Math.round(n)));
}
