// The webview's only line to the extension. Typed against the shared protocol; the host
// still validates everything, since a compromised page could post anything.
import type { WebviewToHost } from '../../shared/protocol';
import type { OptionDraft } from './optionControls';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The form as the user left it; kept by VS Code across hide/show and reloads. */
export interface Draft extends OptionDraft {
  prompt: string;
  model: string;
}

const DRAFT_KEYS: readonly (keyof Draft)[] = [
  'prompt',
  'model',
  'api',
  'variations',
  'aspectRatio',
  'imageSize',
  'size',
  'quality',
  'transparent',
  'outputFormat',
  'negativePrompt',
];

export interface HostLink {
  post(message: WebviewToHost): void;
  draft(): Partial<Draft>;
  saveDraft(draft: Draft): void;
}

function readDraft(state: unknown): Partial<Draft> {
  if (typeof state !== 'object' || state === null) return {};
  const out: Partial<Draft> = {};
  for (const key of DRAFT_KEYS) {
    const value: unknown = (state as Record<string, unknown>)[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

export function connect(): HostLink {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    draft: () => readDraft(api.getState()),
    saveDraft: (draft) => api.setState(draft),
  };
}
