// One POST to the gateway, with bounded retries. undici (not fetch) for per-request headers and
// idle timeouts and a keep-alive Agent shared by every request of the session.
import { Agent, request, type Dispatcher } from 'undici';
import { ImageError } from '../errors';
import { bodyChunks } from './bodyChunks';
import { errorFromResponse, errorFromTransport, type TransportContext } from './httpErrors';
import { withSecret, type Secrets } from '../text/secrets';
import { limitedSignal } from './limitedSignal';
import { ANSWER_MAX_BYTES, SSE_STREAM_MAX_BYTES } from '../limits';
import type { Logger } from '../logger';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer `Retry-After` than this is not waited out: the user is told instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 16_000,
  maxRetryAfterMs: 60_000,
};

export interface Timeouts {
  connectMs: number;
  /** Until the status line arrives (non-stream answers come only when the image is done). */
  headersMs: number;
  /** Longest silence while reading the body. */
  idleMs: number;
  /** The whole request, body included. */
  totalMs: number;
}

/** Keep-alive for every dispatcher of the session, direct or through a proxy. */
export const AGENT_OPTIONS = { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000 } as const;

export function createAgent(connectMs = 15_000): Agent {
  return new Agent({ ...AGENT_OPTIONS, connect: { timeout: connectMs } });
}

export interface PostOptions {
  url: string;
  apiKey: string;
  /** What an error body is cleaned of (the session's holder); the key alone when absent. */
  secrets?: Secrets;
  /** JSON to POST; without it the request is a GET (task polling, the model list). */
  body?: string;
  accept: 'application/json' | 'text/event-stream';
  timeouts: Timeouts;
  retry: RetryPolicy;
  dispatcher: Dispatcher;
  log: Logger;
  signal?: AbortSignal;
  /** Told before each wait, so the UI can say "rate limited, retrying in 4 s". */
  onRetry?: (info: { attempt: number; delayMs: number; error: ImageError }) => void;
}

/** An open 2xx response whose body errors are already mapped to ImageError. */
export interface OpenResponse {
  status: number;
  contentType: string;
  chunks(): AsyncGenerator<Uint8Array>;
  text(): Promise<string>;
  /** The whole body as one buffer of its own (so it can be handed to another thread). */
  bytes(): Promise<Uint8Array>;
  bytesRead(): number;
  /** The body's length as the server announced it (Content-Length), when it did. */
  announcedBytes?: number;
  /** Releases the total-timeout timer; call when done with the body. */
  close(): void;
}

const ERROR_BODY_LIMIT = 64 * 1024;

export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return Math.round(Number(v) * 1000);
  // An HTTP date starts with the day name; Date.parse alone reads junk like "-1" as a past date.
  if (!/^\s*[A-Za-z]{3}/.test(v)) return undefined;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Worth another try: rate limits (not quota), 5xx, and a connection dropped before any answer. */
function isRetryable(e: ImageError): boolean {
  if (e.kind === 'rateLimit' || e.kind === 'server') return true;
  return e.kind === 'network' && e.reason === 'closedBeforeHeaders';
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ImageError('cancelled', 'cancelled by the user'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ImageError('cancelled', 'cancelled by the user'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function readLimited(body: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    parts.push(Buffer.from(chunk));
    size += chunk.byteLength;
    if (size >= limit) break;
  }
  return Buffer.concat(parts).subarray(0, limit).toString('utf8');
}

const tooLarge = (limit: number): ImageError =>
  new ImageError('badResponse', `the answer is larger than ${limit} bytes`, {
    reason: 'answerTooLarge',
    params: { limit },
  });

/** The most a 2xx body may hold: a stream twice a JSON answer (see limits.ts). */
export function bodyLimit(contentType: string): number {
  return contentType.includes('text/event-stream') ? SSE_STREAM_MAX_BYTES : ANSWER_MAX_BYTES;
}

function wrapBody(res: Dispatcher.ResponseData, ctx: TransportContext, close: () => void): OpenResponse {
  let bytes = 0;
  const header = res.headers['content-type'];
  const contentType = (Array.isArray(header) ? header[0] : header) ?? '';
  const limit = bodyLimit(contentType);
  const announced = Number(res.headers['content-length']);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      if (announced > limit) throw tooLarge(limit);
      for await (const chunk of bodyChunks(res.body)) {
        bytes += chunk.byteLength;
        // Counted as it arrives: an endless body stops here, not when memory runs out.
        if (bytes > limit) throw tooLarge(limit);
        yield chunk;
      }
    } catch (e) {
      if (e instanceof ImageError) throw e;
      throw errorFromTransport(e, ctx);
    } finally {
      // Stopping early (an in-stream error, say) must not leave the socket half-read.
      if (!res.body.destroyed) res.body.destroy();
    }
  }
  return {
    status: res.statusCode,
    contentType,
    chunks,
    async text() {
      const parts: Uint8Array[] = [];
      for await (const c of chunks()) parts.push(c);
      return Buffer.concat(parts).toString('utf8');
    },
    async bytes() {
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const c of chunks()) {
        parts.push(c);
        size += c.byteLength;
      }
      // Not Buffer.concat: a short result would be a slice of Node's shared pool.
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of parts) {
        out.set(c, at);
        at += c.byteLength;
      }
      return out;
    },
    bytesRead: () => bytes,
    ...(Number.isSafeInteger(announced) && announced >= 0 ? { announcedBytes: announced } : {}),
    close,
  };
}

/** POSTs JSON (or GETs without a body); returns the open 2xx response or throws a ImageError after bounded retries. */
export async function postWithRetry(o: PostOptions): Promise<OpenResponse> {
  const host = new URL(o.url).host;
  for (let attempt = 0; ; attempt++) {
    const started = Date.now();
    const a = limitedSignal(o.signal, o.timeouts.totalMs, host);
    let error: ImageError;
    let retryAfterMs: number | undefined;
    try {
      const res = await request(o.url, {
        method: o.body === undefined ? 'GET' : 'POST',
        dispatcher: o.dispatcher,
        signal: a.signal,
        headersTimeout: o.timeouts.headersMs,
        bodyTimeout: o.timeouts.idleMs,
        headers: {
          authorization: `Bearer ${o.apiKey}`,
          ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
          accept: o.accept,
          'user-agent': 'geekai-image-studio',
        },
        body: o.body,
      });
      a.ctx.gotHeaders = true;
      o.log.info(
        `${o.body === undefined ? 'GET' : 'POST'} ${host}${new URL(o.url).pathname} → ${res.statusCode} after ${Date.now() - started} ms (attempt ${attempt + 1})`,
      );
      if (res.statusCode >= 200 && res.statusCode < 300) return wrapBody(res, a.ctx, a.close);
      const text = await readLimited(res.body, ERROR_BODY_LIMIT).catch(() => '');
      if (!res.body.destroyed) res.body.destroy();
      error = errorFromResponse(res.statusCode, text, withSecret(o.secrets, o.apiKey));
      retryAfterMs = parseRetryAfter(res.headers['retry-after']);
    } catch (e) {
      error = errorFromTransport(e, a.ctx);
      o.log.warn(
        `${o.body === undefined ? 'GET' : 'POST'} ${host} failed after ${Date.now() - started} ms: ${error.message}`,
      );
    }
    a.close();
    if (error.kind !== 'network') o.log.warn(`request failed: ${error.message}`);
    if (!isRetryable(error) || attempt >= o.retry.maxRetries) throw error;
    if (retryAfterMs !== undefined && retryAfterMs > o.retry.maxRetryAfterMs) throw error;
    const delayMs = retryAfterMs ?? backoffDelay(attempt, o.retry);
    o.onRetry?.({ attempt: attempt + 1, delayMs, error });
    o.log.info(`retrying in ${delayMs} ms (retry ${attempt + 1} of ${o.retry.maxRetries})`);
    await sleep(delayMs, o.signal);
  }
}
