// `geekaiImage.*` settings, read once per job into plain values the core understands.
import {
  API_SETTINGS,
  ASPECT_RATIOS,
  BACKGROUNDS,
  IMAGE_SIZES,
  MAX_VARIATIONS,
  OUTPUT_FORMATS,
  QUALITIES,
  withUnset,
  type ApiSetting,
  type Background,
  type ImageOptions,
  type OutputFormat,
} from '../../../shared/imageVocabulary';
import { DEFAULT_MODEL } from '../catalog';
import { SAVE_FORMATS, type SaveFormat } from '../publish/convert';

export const STREAM_SETTINGS = ['auto', 'always', 'never'] as const;
export type StreamSetting = (typeof STREAM_SETTINGS)[number];
export const FORCE_IMAGE_SETTINGS = ['auto', 'always', 'retry', 'never'] as const;
export type ForceImageSetting = (typeof FORCE_IMAGE_SETTINGS)[number];

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
  /** Generate All Images in Document asks before sending its paid requests (a user setting only). */
  confirmBatches: boolean;
  /** CNY a day past which a request is asked about first; 0 = no limit. */
  dailySpendingLimit: number;
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
  confirmBatches: true,
  dailySpendingLimit: 0,
};

export const MAX_CONCURRENT_JOBS = 10;

/** The number settings' bounds, which `readSettings` clamps to and package.json declares. */
const TIMEOUT_SECONDS = { minimum: 10, maximum: 3600 } as const;
const VARIATIONS = { minimum: 1, maximum: MAX_VARIATIONS } as const;
const CONCURRENT_JOBS = { minimum: 1, maximum: MAX_CONCURRENT_JOBS } as const;
const MAX_SIDE = { minimum: 0, maximum: 16384 } as const;
const SAVE_QUALITY = { minimum: 1, maximum: 100 } as const;
const SPENDING_LIMIT = { minimum: 0, maximum: 100_000 } as const;

/** How a setting is declared in package.json's `contributes.configuration`, beside its default. */
export interface SettingDeclaration {
  type: 'string' | 'boolean' | 'number' | 'integer';
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** VS Code's default is `window` (per window, not per folder); `application`: the user's settings only, never a workspace's. */
  scope?: 'resource' | 'application';
  /** Ignored in an untrusted workspace (`capabilities.untrustedWorkspaces.restrictedConfigurations`). */
  restricted?: true;
}

/**
 * Every setting as package.json declares it (its description and order live there only);
 * test/unit/manifest.test.ts holds package.json to this and to DEFAULT_SETTINGS.
 */
export const SETTING_DECLARATIONS: { readonly [K in keyof Settings]: SettingDeclaration } = {
  baseUrl: { type: 'string', restricted: true },
  model: { type: 'string' },
  outputFolder: { type: 'string', scope: 'resource' },
  fileName: { type: 'string', scope: 'resource' },
  insertMarkdown: { type: 'boolean' },
  stream: { type: 'string', enum: STREAM_SETTINGS },
  timeoutSeconds: { type: 'number', ...TIMEOUT_SECONDS },
  forceImageGeneration: { type: 'string', enum: FORCE_IMAGE_SETTINGS },
  aspectRatio: { type: 'string', enum: withUnset(ASPECT_RATIOS) },
  imageSize: { type: 'string', enum: withUnset(IMAGE_SIZES) },
  systemPrompt: { type: 'string' },
  api: { type: 'string', enum: API_SETTINGS },
  variations: { type: 'integer', ...VARIATIONS },
  size: { type: 'string' },
  quality: { type: 'string', enum: withUnset(QUALITIES) },
  background: { type: 'string', enum: withUnset(BACKGROUNDS) },
  outputFormat: { type: 'string', enum: withUnset(OUTPUT_FORMATS) },
  negativePrompt: { type: 'string' },
  asyncTasks: { type: 'boolean' },
  durableJobs: { type: 'boolean' },
  maxConcurrentJobs: { type: 'number', ...CONCURRENT_JOBS },
  saveFormat: { type: 'string', enum: SAVE_FORMATS, scope: 'resource' },
  maxSide: { type: 'number', ...MAX_SIDE, scope: 'resource' },
  saveQuality: { type: 'number', ...SAVE_QUALITY, scope: 'resource' },
  embedProvenance: { type: 'boolean', scope: 'resource' },
  altTextModel: { type: 'string', scope: 'resource' },
  // A workspace must not turn off the question before paid requests.
  confirmBatches: { type: 'boolean', scope: 'application' },
  dailySpendingLimit: { type: 'number', ...SPENDING_LIMIT },
};

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function wholeNumber(value: unknown, min: number, max: number, fallback: number): number {
  const n = Number(value);
  return value === undefined || value === null || value === '' || !Number.isFinite(n)
    ? fallback
    : Math.min(max, Math.max(min, Math.round(n)));
}

/** A sum of money (two decimals kept), clamped; anything not a number is the default. */
function amount(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n * 100) / 100)) : fallback;
}

/**
 * `get` is `WorkspaceConfiguration.get` for section `geekaiImage`; wrong types fall back to
 * defaults. `user`, when given, is the user's own value (`inspect(key).globalValue`): an
 * application-scoped setting is read from it only, so no workspace value counts even where one
 * reached `get`.
 */
export function readSettings(
  read: (key: keyof Settings) => unknown,
  user?: (key: keyof Settings) => unknown,
): Settings {
  const get = (key: keyof Settings): unknown =>
    user && SETTING_DECLARATIONS[key].scope === 'application' ? user(key) : read(key);
  const d = DEFAULT_SETTINGS;
  const timeout = Number(get('timeoutSeconds'));
  return {
    baseUrl: str(get('baseUrl'), d.baseUrl).trim() || d.baseUrl,
    model: str(get('model'), d.model).trim() || d.model,
    outputFolder: str(get('outputFolder'), d.outputFolder).trim() || d.outputFolder,
    fileName: str(get('fileName'), d.fileName).trim() || d.fileName,
    insertMarkdown: typeof get('insertMarkdown') === 'boolean' ? (get('insertMarkdown') as boolean) : d.insertMarkdown,
    stream: pick(get('stream'), STREAM_SETTINGS, d.stream),
    timeoutSeconds: Number.isFinite(timeout)
      ? Math.min(TIMEOUT_SECONDS.maximum, Math.max(TIMEOUT_SECONDS.minimum, Math.round(timeout)))
      : d.timeoutSeconds,
    forceImageGeneration: pick(get('forceImageGeneration'), FORCE_IMAGE_SETTINGS, d.forceImageGeneration),
    aspectRatio: str(get('aspectRatio'), d.aspectRatio).trim(),
    imageSize: str(get('imageSize'), d.imageSize).trim(),
    systemPrompt: str(get('systemPrompt'), d.systemPrompt),
    api: pick(get('api'), API_SETTINGS, d.api),
    variations: Number.isFinite(Number(get('variations')))
      ? Math.min(VARIATIONS.maximum, Math.max(VARIATIONS.minimum, Math.round(Number(get('variations')))))
      : d.variations,
    size: str(get('size'), d.size).trim(),
    quality: str(get('quality'), d.quality).trim(),
    background: pick(get('background'), ['', ...BACKGROUNDS], d.background),
    outputFormat: pick(get('outputFormat'), ['', ...OUTPUT_FORMATS], d.outputFormat),
    negativePrompt: str(get('negativePrompt'), d.negativePrompt).trim(),
    asyncTasks: get('asyncTasks') === true,
    durableJobs: get('durableJobs') !== false,
    maxConcurrentJobs: Number.isFinite(Number(get('maxConcurrentJobs')))
      ? Math.min(
          CONCURRENT_JOBS.maximum,
          Math.max(CONCURRENT_JOBS.minimum, Math.round(Number(get('maxConcurrentJobs')))),
        )
      : d.maxConcurrentJobs,
    saveFormat: pick(get('saveFormat'), SAVE_FORMATS, d.saveFormat),
    maxSide: wholeNumber(get('maxSide'), MAX_SIDE.minimum, MAX_SIDE.maximum, d.maxSide),
    saveQuality: wholeNumber(get('saveQuality'), SAVE_QUALITY.minimum, SAVE_QUALITY.maximum, d.saveQuality),
    embedProvenance:
      typeof get('embedProvenance') === 'boolean' ? (get('embedProvenance') as boolean) : d.embedProvenance,
    altTextModel: str(get('altTextModel'), d.altTextModel).trim() || d.altTextModel,
    confirmBatches: get('confirmBatches') !== false,
    dailySpendingLimit: amount(
      get('dailySpendingLimit'),
      SPENDING_LIMIT.minimum,
      SPENDING_LIMIT.maximum,
      d.dailySpendingLimit,
    ),
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
