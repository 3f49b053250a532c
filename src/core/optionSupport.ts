// What a model on an API takes, option by option: the shape the catalog states for each model,
// and the general shape of each API for a model it does not know. The values are the image
// vocabulary's; `apis/options.ts` fits a job's options to one of these.
import {
  BACKGROUNDS,
  GPT_IMAGE_QUALITIES,
  GPT_IMAGE_SIZES,
  IMAGE_SIZES,
  MAX_REFERENCES,
  OUTPUT_FORMATS,
} from '../../shared/imageVocabulary';

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

/** The `image_generation` tool of the Responses API: the same fields for every model. */
export const RESPONSES_SUPPORT: OptionSupport = {
  n: false,
  sizes: GPT_IMAGE_SIZES,
  qualities: GPT_IMAGE_QUALITIES,
  backgrounds: BACKGROUNDS,
  outputFormats: OUTPUT_FORMATS,
  negativePrompt: false,
  partialImages: true,
  maxReferences: MAX_REFERENCES,
  mask: true,
};

/** Chat models take GeekAI's `image` field and references, one image per request. */
export const CHAT_SUPPORT: OptionSupport = {
  n: false,
  aspectRatios: 'any',
  imageSizes: IMAGE_SIZES,
  negativePrompt: false,
  partialImages: false,
  maxReferences: MAX_REFERENCES,
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
  maxReferences: MAX_REFERENCES,
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
  maxReferences: MAX_REFERENCES,
  mask: true,
};
