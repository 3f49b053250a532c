// `geekaiImage.*` settings, read once per job into plain values the core understands.
import { DEFAULT_MODEL } from '../catalog';

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
};

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
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
  };
}
