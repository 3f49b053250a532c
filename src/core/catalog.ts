/** The models GeekAI documents for drawing in chat. Any other id may be typed by the user. */
export interface CatalogModel {
  id: string;
  /** Whether GeekAI streams this model's answer (SSE with progress text). */
  streams: boolean;
  /** Gemini image models may answer with text only unless pushed to draw. */
  gemini: boolean;
  /** Rough duration, shown in the model picker. */
  typicalSeconds: string;
}

export const MODEL_CATALOG: readonly CatalogModel[] = [
  { id: 'gemini-2.5-flash-image', streams: false, gemini: true, typicalSeconds: '10-20' },
  { id: 'gemini-2.5-flash-image-preview', streams: false, gemini: true, typicalSeconds: '10-20' },
  { id: 'gemini-2.0-flash-preview-image-generation', streams: false, gemini: true, typicalSeconds: '10-30' },
  { id: 'gpt-4o-image', streams: true, gemini: false, typicalSeconds: '60-180' },
  { id: 'gpt-5-all', streams: true, gemini: false, typicalSeconds: '30-120' },
  { id: 'midjourney-chat', streams: true, gemini: false, typicalSeconds: '30-120' },
];

export const DEFAULT_MODEL = 'gemini-2.5-flash-image';

export function findModel(id: string): CatalogModel | undefined {
  return MODEL_CATALOG.find((m) => m.id === id);
}

/** Gemini by catalog or by name, so `gemini-3-pro-image` typed by hand gets the same remedies. */
export function isGeminiModel(id: string): boolean {
  return findModel(id)?.gemini ?? /gemini/i.test(id);
}

/** `auto` streams the models GeekAI streams; unknown ids stream unless they look like Gemini. */
export function shouldStream(id: string, setting: 'auto' | 'always' | 'never'): boolean {
  if (setting === 'always') return true;
  if (setting === 'never') return false;
  return findModel(id)?.streams ?? !isGeminiModel(id);
}

/** Model ids are sent verbatim; refuse what can't be one (spaces, control characters, absurd length). */
export function isValidModelId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/.test(id);
}
