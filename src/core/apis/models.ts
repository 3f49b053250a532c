// GET {base}/models: the ids the gateway itself reports, so a model that appeared today can be
// picked. Kept per base URL for an hour (refreshable on demand); concurrent asks share one request.
import * as z from 'zod/mini';
import type { Dispatcher } from 'undici';
import { requireKey } from '../errors';
import { DEFAULT_RETRY, postWithRetry, type RetryPolicy, type Timeouts } from '../http/httpClient';
import type { Logger } from '../logger';
import { isValidModelId } from '../catalog';
import { apiBaseUrl } from '../validateInput';
import { parseJsonAs } from './parseJson';

const ModelListSchema = z.object({
  data: z.array(z.object({ id: z.string(), owned_by: z.optional(z.nullable(z.string())) })),
});

export interface GatewayModel {
  id: string;
  ownedBy?: string;
}

export interface ListModelsParams {
  baseUrl: string;
  apiKey: string;
  dispatcher: Dispatcher;
  log: Logger;
  timeouts: Timeouts;
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

/** Most ids kept from one answer: a hostile gateway cannot flood the picker. */
export const MAX_GATEWAY_MODELS = 2000;

export async function listModels(p: ListModelsParams): Promise<GatewayModel[]> {
  const base = apiBaseUrl(p.baseUrl);
  requireKey(p.apiKey);
  const res = await postWithRetry({
    url: `${base}/models`,
    apiKey: p.apiKey,
    accept: 'application/json',
    timeouts: p.timeouts,
    retry: p.retry ?? DEFAULT_RETRY,
    dispatcher: p.dispatcher,
    log: p.log,
    signal: p.signal,
  });
  let list: z.infer<typeof ModelListSchema>;
  try {
    list = parseJsonAs(await res.text(), ModelListSchema, 'model list');
  } finally {
    res.close();
  }
  const seen = new Set<string>();
  const out: GatewayModel[] = [];
  for (const m of list.data) {
    // Ids are offered for sending verbatim later: keep only what could be a model id.
    if (!isValidModelId(m.id) || seen.has(m.id)) continue;
    seen.add(m.id);
    out.push(m.owned_by ? { id: m.id, ownedBy: m.owned_by.slice(0, 60) } : { id: m.id });
    if (out.length >= MAX_GATEWAY_MODELS) break;
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export const MODEL_LIST_TTL_MS = 60 * 60 * 1000;

interface Entry {
  at: number;
  models: Promise<GatewayModel[]>;
}

/** The last model list per base URL (never keyed by the API key). A failed fetch is not kept. */
export class ModelListCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly fetcher: (p: ListModelsParams) => Promise<GatewayModel[]> = listModels,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = MODEL_LIST_TTL_MS,
  ) {}

  get(p: ListModelsParams, o: { refresh?: boolean } = {}): Promise<GatewayModel[]> {
    const key = p.baseUrl.trim().replace(/\/+$/, '');
    const hit = this.entries.get(key);
    if (hit && !o.refresh && this.now() - hit.at < this.ttlMs) return hit.models;
    const models = this.fetcher(p);
    const entry = { at: this.now(), models };
    this.entries.set(key, entry);
    models.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return models;
  }

  /** What is cached for `baseUrl` right now, without fetching (the picker shows it at once). */
  peek(baseUrl: string): Promise<GatewayModel[]> | undefined {
    const hit = this.entries.get(baseUrl.trim().replace(/\/+$/, ''));
    return hit && this.now() - hit.at < this.ttlMs ? hit.models : undefined;
  }
}
