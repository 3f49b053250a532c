// Which request options a model gets, from the settings: streaming, and the Gemini remedies.
import { BUILTIN_CATALOG, type ModelCatalog } from '../../modelCatalog';
import type { Timeouts } from '../../http/httpClient';

export interface PlanSettings {
  stream: 'auto' | 'always' | 'never';
  forceImageGeneration: 'auto' | 'always' | 'retry' | 'never';
  timeoutSeconds: number;
  durableJobs?: boolean;
}

export interface RequestPlan {
  stream: boolean;
  forceImage: boolean;
  retryWithRemedies: boolean;
  /** Chat: run on the server in background mode and poll it (never with a stream). */
  background: boolean;
  timeouts: Timeouts;
}

/** Streams must send something at least this often, or the time limit if that is shorter. */
export const STREAM_IDLE_SECONDS = 120;

/**
 * `auto`: Gemini models get the remedies from the first request and one more try when the
 * answer still has no image; other models are sent as typed;
 * `retry`: plain first, remedies on one more try when the answer has no image;
 * `always` / `never`: as they say.
 */
export function planRequest(model: string, s: PlanSettings, catalog: ModelCatalog = BUILTIN_CATALOG): RequestPlan {
  const gemini = catalog.isGemini(model);
  const force = s.forceImageGeneration;
  const stream = catalog.shouldStream(model, s.stream);
  const totalMs = s.timeoutSeconds * 1000;
  return {
    stream,
    forceImage: force === 'always' || (force === 'auto' && gemini),
    retryWithRemedies: force === 'retry' || (force === 'auto' && gemini),
    // Gemini answers in seconds: polling would only add to its wait.
    background: (s.durableJobs ?? false) && !stream && !gemini,
    timeouts: {
      connectMs: Math.min(15_000, totalMs),
      headersMs: totalMs,
      idleMs: stream ? Math.min(STREAM_IDLE_SECONDS * 1000, totalMs) : totalMs,
      totalMs,
    },
  };
}
