// Checks a job before any byte leaves the machine, so bad input costs nothing and changes nothing.
import { PROMPT_MAX_CHARS } from '../../shared/imageVocabulary';
import { isValidModelId } from './catalog';
import { ImageError } from './errors';

/** Control characters but newline and tab. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Strips control characters (keeping newlines and tabs) and checks length; returns the prompt to send. */
export function cleanPrompt(prompt: string): string {
  const cleaned = prompt.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').trim();
  if (!cleaned) throw new ImageError('invalidInput', 'the prompt is empty', { reason: 'emptyPrompt' });
  if (cleaned.length > PROMPT_MAX_CHARS) {
    throw new ImageError('invalidInput', 'the prompt is too long', {
      reason: 'promptTooLong',
      params: { length: cleaned.length, limit: PROMPT_MAX_CHARS },
    });
  }
  return cleaned;
}

/** The chat-completions URL for a base URL, which must be http(s). */
export function chatCompletionsUrl(baseUrl: string): string {
  return `${apiBaseUrl(baseUrl)}/chat/completions`;
}

/** The base URL every endpoint hangs off, checked (http(s), no credentials) and without a trailing slash. */
export function apiBaseUrl(baseUrl: string): string {
  let u: URL;
  try {
    u = new URL(baseUrl.trim());
  } catch {
    throw new ImageError('invalidInput', 'the base URL is not a URL', {
      reason: 'badBaseUrl',
      params: { value: baseUrl.slice(0, 80) },
    });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ImageError('invalidInput', 'the base URL must use http or https', {
      reason: 'badBaseUrl',
      params: { value: baseUrl.slice(0, 80) },
    });
  }
  if (u.username || u.password) {
    throw new ImageError('invalidInput', 'the base URL must not contain credentials', {
      reason: 'badBaseUrl',
      params: { value: u.host },
    });
  }
  u.search = '';
  u.hash = '';
  return u.href.replace(/\/+$/, '');
}

export function checkModelId(model: string): string {
  const m = model.trim();
  if (!isValidModelId(m))
    throw new ImageError('invalidInput', 'the model id is not valid', {
      reason: 'badModel',
      params: { value: m.slice(0, 80) },
    });
  return m;
}

/** A request's prompt, model and URL, checked: what `generateImages` sends. */
export interface CheckedRequest {
  prompt: string;
  model: string;
  /** The chat-completions URL. */
  url: string;
  /** The base URL every endpoint hangs off (no trailing slash). */
  base: string;
}

/** Checks everything about a request that can be refused locally, once, before a key or a byte is spent. */
export function checkRequest(r: { prompt: string; model: string; baseUrl: string }): CheckedRequest {
  const base = apiBaseUrl(r.baseUrl);
  return { prompt: cleanPrompt(r.prompt), model: checkModelId(r.model), url: `${base}/chat/completions`, base };
}
