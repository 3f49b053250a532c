// Where a session's catalog comes from: the gateway's list for the base URL in use (cached, see
// ModelListCache) merged over the built-in table, or the table alone when the list cannot be had
// (no key, offline, an answer that is not a model list), said in one log line and not asked
// again for a minute. It never throws: a job, a picker or a price line works on the table rather
// than fail for want of a list.
import { isImageError } from './errors';
import { BUILTIN_CATALOG, ModelCatalog } from './modelCatalog';
import { addPrices, ModelListCache, type GatewayModel, type ListModelsParams } from './apis/models';

/** After a list could not be had, how long the table stands in before the gateway is asked again. */
export const CATALOG_RETRY_MS = 60_000;

function keyOf(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

interface Built {
  from: readonly GatewayModel[];
  /** Models whose price was looked up on their own (GET /models/{id}), by id. */
  details: Map<string, GatewayModel>;
  catalog: ModelCatalog;
}

export class CatalogSource {
  private readonly built = new Map<string, Built>();
  private readonly failedAt = new Map<string, number>();
  private readonly lookups = new Map<string, Promise<void>>();

  constructor(
    readonly lists: ModelListCache = new ModelListCache(),
    private readonly now: () => number = Date.now,
    private readonly pricer: typeof addPrices = addPrices,
  ) {}

  /**
   * The catalog for `p.baseUrl`. `prices`: with the price of every image model the list gives
   * none for (GET /models/{id}, for pickers); `priceOf`: with that one model's (a job's).
   */
  async load(p: ListModelsParams, o: { refresh?: boolean; prices?: boolean; priceOf?: string } = {}): Promise<ModelCatalog> {
    const key = keyOf(p.baseUrl);
    const failed = this.failedAt.get(key);
    if (!o.refresh && failed !== undefined && this.now() - failed < CATALOG_RETRY_MS) return this.current(p.baseUrl);
    try {
      const models = await this.lists.get(p, { refresh: o.refresh, prices: o.prices });
      this.failedAt.delete(key);
      if (o.priceOf !== undefined) await this.lookUp(p, models, o.priceOf);
      return this.catalogOf(key, models);
    } catch (e) {
      const why = isImageError(e) ? e.message : e instanceof Error ? e.message : String(e);
      p.log.warn(`the gateway's model list is not usable (${why}); using the built-in model table`);
      if (!(isImageError(e) && e.kind === 'cancelled')) this.failedAt.set(key, this.now());
      return this.current(p.baseUrl);
    }
  }

  /** What is at hand for `baseUrl` without asking: the last list merged, else the table. */
  current(baseUrl: string): ModelCatalog {
    return this.built.get(keyOf(baseUrl))?.catalog ?? BUILTIN_CATALOG;
  }

  /** One model's price from GET /models/{id} when the list has none (once per list). */
  private async lookUp(p: ListModelsParams, models: readonly GatewayModel[], id: string): Promise<void> {
    const listed = models.find((m) => m.id === id);
    const key = keyOf(p.baseUrl);
    if (!listed || listed.price || this.built.get(key)?.details.has(id)) return;
    const lookup = `${key}\n${id}`;
    let pending = this.lookups.get(lookup);
    if (!pending) {
      pending = this.pricer(p, [listed]).then(([detail]) => {
        const b = this.builtFor(key, models);
        b.details.set(id, detail);
        b.catalog = new ModelCatalog(b.from.map((m) => b.details.get(m.id) ?? m));
      });
      this.lookups.set(lookup, pending);
      void pending.finally(() => this.lookups.delete(lookup)).catch(() => undefined);
    }
    await pending.catch(() => undefined);
  }

  private builtFor(key: string, models: readonly GatewayModel[]): Built {
    const hit = this.built.get(key);
    if (hit && hit.from === models) return hit;
    // A new list: the details looked up for the last one still hold for the models it kept.
    const details = new Map([...(hit?.details ?? new Map<string, GatewayModel>())].filter(([id]) => models.some((m) => m.id === id && !m.price)));
    const b: Built = { from: models, details, catalog: new ModelCatalog(models.map((m) => details.get(m.id) ?? m)) };
    this.built.set(key, b);
    return b;
  }

  private catalogOf(key: string, models: readonly GatewayModel[]): ModelCatalog {
    return this.builtFor(key, models).catalog;
  }
}
