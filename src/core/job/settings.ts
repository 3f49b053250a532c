// `geekaiImage.*` settings, read once per job into plain values the core understands.
import { API_SETTINGS, BACKGROUNDS, MAX_VARIATIONS, OUTPUT_FORMATS, type ApiSetting, type Background, type ImageOptions, type OutputFormat } from '../../../shared/imageVocabulary';
import { DEFAULT_MODEL } from '../catalog';
import { SAVE_FORMATS, type SaveFormat } from '../publish/convert';

export type StreamSetting = 'auto' | 'always' | 'never';
export type ForceImageSetting = 'auto' | 'always' | 'retry' | 'never';

export interface Settings {
  baseUrl: string;
  model: string;
  outputFolder: string;
  fileName: string;
  insertMarkdown: boolean;
  stream: StreamSetting;
  timeoutSeconds: number;
  forceImageGeneration: ForceImageSetting;
  aspectRatio: string;
  imageSize: string;
  systemPrompt: string;
  /** Which API: `auto` follows the catalog, then the model's family name. */
  api: ApiSetting;
  /** 1-4 images per job. */
  variations: number;
  size: string;
  quality: string;
  background: Background | '';
  outputFormat: OutputFormat | '';
  negativePrompt: string;
  /** Images API: ask for a task id and poll it, so a long generation survives a dropped connection. */
  asyncTasks: boolean;
  /** Slow jobs run on the server in background mode, kept across reloads and polled until done. */
  durableJobs: boolean;
  /** Jobs that run at once (the Studio and the commands together); the rest wait their turn. */
  maxConcurrentJobs: number;
  /** Format of saved images; `keep` saves what the server sent. */
  saveFormat: SaveFormat;
  /** Longest side of saved images in pixels (scaled down only); 0 = as drawn. */
  maxSide: number;
  /** 1-100, for WebP, JPEG and AVIF. */
  saveQuality: number;
  /** Write prompt, model and options into saved files. */
  embedProvenance: boolean;
  /** The vision-capable chat model Write Alt Text asks. */
  altTextModel: string;
}

export const DEFAULT_SETTINGS: Settings = {
  baseUrl: 'https://geekai.co/api/v1',
  model: DEFAULT_MODEL,
  outputFolder: '${documentDir}/images',
  fileName: '${date}-${prompt}',
  insertMarkdown: true,
  stream: 'auto',
  timeoutSeconds: 300,
  forceImageGeneration: 'auto',
  aspectRatio: '',
  imageSize: '',
  systemPrompt: '',
  api: 'auto',
  variations: 1,
  size: '',
  quality: '',
  background: '',
  outputFormat: '',
  negativePrompt: '',
  asyncTasks: false,
  durableJobs: true,
  maxConcurrentJobs: 3,
  saveFormat: 'keep',
  maxSide: 0,
  saveQuality: 80,
  embedProvenance: true,
  altTextModel: 'gpt-4o-mini',
};

export const MAX_CONCURRENT_JOBS = 10;

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function wholeNumber(value: unknown, min: number, max: number, fallback: number): number {
  const n = Number(value);
  return value === undefined || value === null || value === '' || !Number.isFinite(n) ? fallback : Math.min(max, Math.max(min, Math.round(n)));
}

/** `get` is `WorkspaceConfiguration.get` for section `geekaiImage`; wrong types fall back to defaults. */
export function readSettings(get: (key: keyof Settings) => unknown): Settings {
  const d = DEFAULT_SETTINGS;
  const timeout = Number(get('timeoutSeconds'));
  return {
    baseUrl: str(get('baseUrl'), d.baseUrl).trim() || d.baseUrl,
    model: str(get('model'), d.model).trim() || d.model,
    outputFolder: str(get('outputFolder'), d.outputFolder).trim() || d.outputFolder,
    fileName: str(get('fileName'), d.fileName).trim() || d.fileName,
    insertMarkdown: typeof get('insertMarkdown') === 'boolean' ? (get('insertMarkdown') as boolean) : d.insertMarkdown,
    stream: pick(get('stream'), ['auto', 'always', 'never'], d.stream),
    timeoutSeconds: Number.isFinite(timeout) ? Math.min(3600, Math.max(10, Math.round(timeout))) : d.timeoutSeconds,
    forceImageGeneration: pick(get('forceImageGeneration'), ['auto', 'always', 'retry', 'never'], d.forceImageGeneration),
    aspectRatio: str(get('aspectRatio'), d.aspectRatio).trim(),
    imageSize: str(get('imageSize'), d.imageSize).trim(),
    systemPrompt: str(get('systemPrompt'), d.systemPrompt),
    api: pick(get('api'), API_SETTINGS, d.api),
    variations: Number.isFinite(Number(get('variations'))) ? Math.min(MAX_VARIATIONS, Math.max(1, Math.round(Number(get('variations'))))) : d.variations,
    size: str(get('size'), d.size).trim(),
    quality: str(get('quality'), d.quality).trim(),
    background: pick(get('background'), ['', ...BACKGROUNDS], d.background),
    outputFormat: pick(get('outputFormat'), ['', ...OUTPUT_FORMATS], d.outputFormat),
    negativePrompt: str(get('negativePrompt'), d.negativePrompt).trim(),
    asyncTasks: get('asyncTasks') === true,
    durableJobs: get('durableJobs') !== false,
    maxConcurrentJobs: Number.isFinite(Number(get('maxConcurrentJobs')))
      ? Math.min(MAX_CONCURRENT_JOBS, Math.max(1, Math.round(Number(get('maxConcurrentJobs')))))
      : d.maxConcurrentJobs,
    saveFormat: pick(get('saveFormat'), SAVE_FORMATS, d.saveFormat),
    maxSide: wholeNumber(get('maxSide'), 0, 16384, d.maxSide),
    saveQuality: wholeNumber(get('saveQuality'), 1, 100, d.saveQuality),
    embedProvenance: typeof get('embedProvenance') === 'boolean' ? (get('embedProvenance') as boolean) : d.embedProvenance,
    altTextModel: str(get('altTextModel'), d.altTextModel).trim() || d.altTextModel,
  };
}

/** The image options the settings ask for; a job's own options override them one by one. */
export function settingsOptions(s: Settings): ImageOptions {
  const chosen: ImageOptions = {
    size: s.size,
    aspectRatio: s.aspectRatio,
    imageSize: s.imageSize,
    quality: s.quality,
    background: s.background || undefined,
    outputFormat: s.outputFormat || undefined,
    negativePrompt: s.negativePrompt,
  };
  // An empty setting means "not set": it must not override the model's own default.
  const set = Object.entries(chosen).filter(([, v]) => v !== undefined && v !== '');
  return { n: s.variations, ...(Object.fromEntries(set) as Partial<ImageOptions>) };
}
