// GET {base}/models: the models the gateway itself reports (type, status, capabilities, price),
// so a model that appeared today can be picked and priced; GET {base}/models/{id} for the price
// of an image model the list gives none for. Kept per base URL for an hour (refreshable on
// demand); concurrent asks share one request. Bodies are read up to a limit.
import type { Dispatcher } from 'undici';
import { ImageError, requireKey } from '../errors';
import { DEFAULT_RETRY, postWithRetry, type OpenResponse, type RetryPolicy, type Timeouts } from '../http/httpClient';
import type { Logger } from '../logger';
import { findModel } from '../catalog';
import { apiBaseUrl } from '../validateInput';
import { ModelListSchema, readGatewayCatalog, withDetail, type GatewayModel } from './gatewayCatalog';
import { parseJson, shapeAs } from './parseJson';
import { IMAGES_FAMILIES } from '../modelCatalog';

export { MAX_GATEWAY_MODELS, type GatewayModel } from './gatewayCatalog';

export interface ListModelsParams {
  baseUrl: string;
  apiKey: string;
  dispatcher: Dispatcher;
  log: Logger;
  timeouts: Timeouts;
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

/** Longest model list read (GeekAI's is a few hundred KB); a longer one is refused as malformed. */
export const MAX_MODEL_LIST_BYTES = 8 * 1024 * 1024;
/** Longest GET /models/{id} answer read. */
export const MAX_MODEL_DETAIL_BYTES = 256 * 1024;
/** Image models whose price is asked for one by one, at most, per list; and how many at once. */
export const MAX_PRICE_LOOKUPS = 64;
const LOOKUPS_AT_ONCE = 6;

/** The body as text, refused once it passes `limit` bytes (nothing more is read). */
export async function boundedText(res: OpenResponse, limit: number, where: string): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of res.chunks()) {
    size += c.byteLength;
    if (size > limit)
      throw new ImageError('badResponse', `the ${where} is larger than ${limit} bytes`, { reason: 'wrongShape' });
    parts.push(c);
  }
  return Buffer.concat(parts).toString('utf8');
}

async function getJson(
  p: ListModelsParams,
  path: string,
  limit: number,
  where: string,
  retry: RetryPolicy,
): Promise<unknown> {
  const res = await postWithRetry({
    url: `${apiBaseUrl(p.baseUrl)}${path}`,
    apiKey: p.apiKey,
    accept: 'application/json',
    timeouts: p.timeouts,
    retry,
    dispatcher: p.dispatcher,
    log: p.log,
    signal: p.signal,
  });
  try {
    return parseJson(await boundedText(res, limit, where), where);
  } finally {
    res.close();
  }
}

export async function listModels(p: ListModelsParams): Promise<GatewayModel[]> {
  requireKey(p.apiKey);
  const body = await getJson(p, '/models', MAX_MODEL_LIST_BYTES, 'model list', p.retry ?? DEFAULT_RETRY);
  return readGatewayCatalog(shapeAs(body, ModelListSchema, 'model list'));
}

/** An image model (by the gateway's word, the table's or its family name) whose price the list did not give. */
function wantsPrice(m: GatewayModel): boolean {
  if (m.price || m.kind === 'other' || m.kind === 'vision') return false;
  return m.kind === 'image' || findModel(m.id) !== undefined || IMAGES_FAMILIES.test(m.id);
}

/**
 * The list with the price of each image model it lacks, asked for one by one (`MAX_PRICE_LOOKUPS`
 * at most, a few at once); a lookup that fails leaves that price unknown, in one log line.
 */
export async function addPrices(p: ListModelsParams, models: readonly GatewayModel[]): Promise<GatewayModel[]> {
  const todo = models.filter(wantsPrice).slice(0, MAX_PRICE_LOOKUPS);
  const found = new Map<string, GatewayModel>();
  let failed = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length && !p.signal?.aborted) {
      const m = todo[next++];
      try {
        const detail = withDetail(
          m,
          await getJson(p, `/models/${encodeURIComponent(m.id)}`, MAX_MODEL_DETAIL_BYTES, 'model detail', {
            ...DEFAULT_RETRY,
            maxRetries: 0,
          }),
        );
        found.set(m.id, detail);
        if (!detail.price) failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUPS_AT_ONCE, todo.length) }, worker));
  if (failed > 0)
    p.log.info(
      `the gateway gave no price for ${failed} of ${todo.length} image models asked about (their price is unknown)`,
    );
  return models.map((m) => found.get(m.id) ?? m);
}

export const MODEL_LIST_TTL_MS = 60 * 60 * 1000;

interface Entry {
  at: number;
  models: Promise<GatewayModel[]>;
}

type Fetcher = (p: ListModelsParams) => Promise<GatewayModel[]>;

/**
 * The last model list per base URL (never keyed by the API key). A failed fetch is not kept.
 * Prices the list lacks are looked up by CatalogSource, which keeps them beside the list.
 */
export class ModelListCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly fetcher: Fetcher = listModels,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = MODEL_LIST_TTL_MS,
  ) {}

  get(p: ListModelsParams, o: { refresh?: boolean } = {}): Promise<GatewayModel[]> {
    const key = keyOf(p.baseUrl);
    const entry = this.entries.get(key);
    if (entry && !o.refresh && this.now() - entry.at < this.ttlMs) return entry.models;
    const models = this.fetcher(p);
    const fresh: Entry = { at: this.now(), models };
    this.entries.set(key, fresh);
    models.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    return models;
  }

  /** What is cached for `baseUrl` right now, without fetching. */
  peek(baseUrl: string): Promise<GatewayModel[]> | undefined {
    const hit = this.entries.get(keyOf(baseUrl));
    return hit && this.now() - hit.at < this.ttlMs ? hit.models : undefined;
  }
}

function keyOf(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}
