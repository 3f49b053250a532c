// The models the extension knows without asking the gateway: which API serves each, whether it
// streams, what it accepts. The gateway's own list (`apis/gatewayCatalog.ts`) is merged over it
// in `modelCatalog.ts`; this table is the fallback offline and on other gateways, and keeps what
// the gateway does not report (Gemini's remedies, typical durations). Any other id may be typed;
// its API is then guessed by name.
import { IMAGE_SIZES, STANDARD_HD_QUALITIES, type ApiKind } from '../../shared/imageVocabulary';
import { CHAT_SUPPORT, GPT_IMAGE_SUPPORT, RESPONSES_SUPPORT, type OptionSupport } from './optionSupport';

export interface CatalogModel {
  id: string;
  /** The endpoint that serves it: chat/completions, images/generations|edits, or responses. */
  api: ApiKind;
  /** Whether GeekAI streams this model's answer (SSE with progress text or partial images). */
  streams: boolean;
  /** Gemini image models may answer with text only unless pushed to draw. */
  gemini: boolean;
  /** Rough duration, shown in the model picker. */
  typicalSeconds: string;
  /** The options it takes on its API. */
  support: OptionSupport;
}

const chat = (id: string, streams: boolean, gemini: boolean, typicalSeconds: string): CatalogModel => ({
  id,
  api: 'chat',
  streams,
  gemini,
  typicalSeconds,
  support: CHAT_SUPPORT,
});

const images = (id: string, typicalSeconds: string, support: OptionSupport): CatalogModel => ({
  id,
  api: 'images',
  streams: false,
  gemini: false,
  typicalSeconds,
  support,
});

const responses = (id: string): CatalogModel => ({
  id,
  api: 'responses',
  streams: true,
  gemini: false,
  typicalSeconds: '30-120',
  support: RESPONSES_SUPPORT,
});

/** Options of an Images-API model that takes no negative prompt, previews or mask unless named. */
const plain = (
  o: Omit<OptionSupport, 'negativePrompt' | 'partialImages' | 'mask'> & Partial<OptionSupport>,
): OptionSupport => ({
  negativePrompt: false,
  partialImages: false,
  mask: false,
  ...o,
});

/** One request per image, no transparency, no edits: DALL·E 3's documented limits. */
const DALL_E_3 = plain({
  n: false,
  sizes: ['1024x1024', '1792x1024', '1024x1792'],
  qualities: STANDARD_HD_QUALITIES,
  maxReferences: 0,
});

const ASPECT_5 = ['1:1', '3:4', '4:3', '9:16', '16:9'];

const IMAGEN = plain({ n: true, aspectRatios: ASPECT_5, maxReferences: 0 });

const FLUX_KONTEXT = plain({
  n: false,
  aspectRatios: ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9'],
  outputFormats: ['png', 'jpeg'],
  maxReferences: 1,
});

const SEEDREAM = plain({
  n: false,
  sizes: [...IMAGE_SIZES, '2048x2048', '2304x1728', '1728x2304', '2560x1440', '1440x2560'],
  maxReferences: 10,
});

const COGVIEW = plain({
  n: false,
  sizes: ['1024x1024', '768x1344', '864x1152', '1344x768', '1152x864', '1440x720', '720x1440'],
  qualities: STANDARD_HD_QUALITIES,
  maxReferences: 0,
});

/** Seedream 4.0 as GeekAI names it: a resolution class or WxH, several references, no negative prompt or quality. */
const SEEDREAM_4 = plain({
  n: false,
  sizes: ['1K', '2K', '4K', '2048x2048', '2304x1728', '1728x2304', '2560x1440', '1440x2560'],
  maxReferences: 10,
});

/** Enhance/upscale: one picture in, the same picture sharper out. */
const ENHANCE = plain({ n: false, maxReferences: 1 });

const WANX = plain({
  n: true,
  sizes: ['1024*1024', '720*1280', '1280*720', '768*1152'],
  negativePrompt: true,
  maxReferences: 0,
});

export const MODEL_CATALOG: readonly CatalogModel[] = [
  chat('gemini-2.5-flash-image', false, true, '10-20'),
  chat('gemini-2.5-flash-image-preview', false, true, '10-20'),
  chat('gemini-2.0-flash-preview-image-generation', false, true, '10-30'),
  chat('nano-banana-2', false, true, '10-40'),
  chat('gpt-4o-image', true, false, '60-180'),
  chat('gpt-5-all', true, false, '30-120'),
  chat('midjourney-chat', true, false, '30-120'),
  images('gpt-image-1', '30-120', GPT_IMAGE_SUPPORT),
  images('gpt-image-1.5', '30-120', GPT_IMAGE_SUPPORT),
  images('gpt-image-2', '30-120', GPT_IMAGE_SUPPORT),
  images('dall-e-3', '10-30', DALL_E_3),
  images('imagen-4.0-generate-001', '10-30', IMAGEN),
  images('flux-kontext-pro', '10-30', FLUX_KONTEXT),
  images('doubao-seedream-4-0-250828', '10-40', SEEDREAM),
  images('doubao-seedream-4.0', '10-40', SEEDREAM_4),
  images('jimeng-image-enhance-v2', '10-40', ENHANCE),
  images('cogview-4', '10-30', COGVIEW),
  images('wanx2.1-t2i-turbo', '10-30', WANX),
  responses('gpt-4.1'),
  responses('gpt-4.1-mini'),
  responses('gpt-4o'),
  responses('gpt-5'),
];

export const DEFAULT_MODEL = 'gemini-2.5-flash-image';

/** Chat models that see images (Write Alt Text's choices) when the gateway does not say which do. */
export const VISION_MODELS: readonly string[] = [
  'gpt-4o-mini',
  'gpt-4o',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-5',
  'gemini-2.5-flash',
  'gemini-2.5-pro',
  'claude-sonnet-4-5',
  'qwen-vl-max',
];

export function findModel(id: string): CatalogModel | undefined {
  return MODEL_CATALOG.find((m) => m.id === id);
}

/** A Gemini image model by its name (Nano Banana is one), for ids the table does not hold. */
export const GEMINI_NAME = /gemini|nano-banana/i;

/** Gemini by catalog or by name, so `gemini-3-pro-image` typed by hand gets the same remedies. */
export function isGeminiModel(id: string): boolean {
  return findModel(id)?.gemini ?? GEMINI_NAME.test(id);
}

/** `auto` streams the models GeekAI streams; unknown ids stream unless they look like Gemini. */
export function shouldStream(id: string, setting: 'auto' | 'always' | 'never'): boolean {
  if (setting === 'always') return true;
  if (setting === 'never') return false;
  return findModel(id)?.streams ?? !isGeminiModel(id);
}

/** Model ids are sent verbatim; refuse what can't be one (spaces, control characters, absurd length). */
// A literal, so the style's JSON Schema keeps its plain pattern; the length is `MODEL_ID_MAX_CHARS` (a unit test holds them together).
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/;

export function isValidModelId(id: string): boolean {
  return MODEL_ID_PATTERN.test(id);
}
