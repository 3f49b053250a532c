// Check Connection as data: is the base URL reachable (and how long it took), is the key accepted
// and how many (image) models the gateway lists, and the balance when a balance key is set. The
// adapter words each step and its fix; nothing here is a sentence a user reads.
import type { Dispatcher } from 'undici';
import { ImageError, isImageError } from '../errors';
import { postWithRetry, type Timeouts } from '../http/httpClient';
import type { Logger } from '../logger';
import { ModelCatalog } from '../modelCatalog';
import { apiBaseUrl } from '../validateInput';
import type { Balance } from './balance';
import type { GatewayModel } from './models';

export type Step<T> = ({ ok: true } & T) | { ok: false; error: ImageError };

export interface ConnectionReport {
  baseUrl: string;
  /** The host the requests go to (`geekai.co`). */
  host: string;
  /** `direct`, or the proxy the requests to the base URL go through (without credentials). */
  route: string;
  /** The server answered at all (any HTTP status): how fast, and with what. */
  reachable: Step<{ ms: number; status: number }>;
  /** GET /models with the key; absent: no key is set (or it may not go to this base URL). */
  key?: Step<{ ms: number; models: number; imageModels: number }>;
  /** Absent: no balance key is set. */
  balance?: Step<{ balance: Balance }>;
}

export interface ConnectionDeps {
  baseUrl: string;
  dispatcher: Dispatcher;
  log: Logger;
  /** Which proxy a request to `url` goes through; undefined: direct. */
  proxyFor(url: string): string | undefined;
  /** The key for the base URL, or undefined when none is set; throws (nothing sent) when it may not go there. */
  apiKey(): Promise<string | undefined>;
  /** The gateway's list, asked again with the key (not cached). */
  listModels(apiKey: string, signal?: AbortSignal): Promise<GatewayModel[]>;
  /** The balance when a balance key is set, else undefined; throws when it cannot be had. */
  balance(signal?: AbortSignal): Promise<Balance | undefined>;
  now?: () => number;
  signal?: AbortSignal;
}

const PROBE_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 10_000, idleMs: 10_000, totalMs: 15_000 };

/** `e` as an ImageError; anything else is a failure of the network to `host`. */
function asImageError(e: unknown, host: string): ImageError {
  return isImageError(e)
    ? e
    : new ImageError('network', e instanceof Error ? e.message : String(e), { params: { host } });
}

/** Any answer, even 401 or 404, means the server is there: only the network or a time limit says it is not. */
function answered(e: ImageError): boolean {
  return e.kind !== 'network' && e.kind !== 'timeout' && e.kind !== 'cancelled' && e.kind !== 'invalidInput';
}

export async function checkConnection(d: ConnectionDeps): Promise<ConnectionReport> {
  const now = d.now ?? Date.now;
  let base: string;
  try {
    base = apiBaseUrl(d.baseUrl);
  } catch (e) {
    return {
      baseUrl: d.baseUrl,
      host: d.baseUrl,
      route: 'direct',
      reachable: { ok: false, error: asImageError(e, d.baseUrl) },
    };
  }
  const host = new URL(base).host;
  const route = d.proxyFor(base) ?? 'direct';
  const report: ConnectionReport = {
    baseUrl: base,
    host,
    route,
    reachable: { ok: false, error: new ImageError('network', 'not tried', { params: { host } }) },
  };

  // No key goes with this one: it only asks whether anything answers there.
  const started = now();
  try {
    const res = await postWithRetry({
      url: `${base}/models`,
      apiKey: '',
      accept: 'application/json',
      timeouts: PROBE_TIMEOUTS,
      retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
      dispatcher: d.dispatcher,
      log: d.log,
      signal: d.signal,
    });
    res.close();
    report.reachable = { ok: true, ms: now() - started, status: res.status };
  } catch (e) {
    const err = asImageError(e, host);
    report.reachable = answered(err)
      ? { ok: true, ms: now() - started, status: err.status ?? 0 }
      : { ok: false, error: err };
  }
  if (!report.reachable.ok) return report;

  let apiKey: string | undefined;
  try {
    apiKey = await d.apiKey();
  } catch (e) {
    report.key = { ok: false, error: asImageError(e, host) };
  }
  if (apiKey) {
    const t = now();
    try {
      const models = await d.listModels(apiKey, d.signal);
      const catalog = new ModelCatalog(models);
      report.key = {
        ok: true,
        ms: now() - t,
        models: models.length,
        imageModels: catalog.imageModels().filter((m) => m.listed && m.kind === 'image').length,
      };
    } catch (e) {
      report.key = { ok: false, error: asImageError(e, host) };
    }
  }

  try {
    const balance = await d.balance(d.signal);
    if (balance) report.balance = { ok: true, balance };
  } catch (e) {
    report.balance = { ok: false, error: asImageError(e, host) };
  }
  return report;
}
