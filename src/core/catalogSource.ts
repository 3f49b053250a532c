// Where a session's catalog comes from: the gateway's list for the base URL in use (cached, see
// ModelListCache) merged over the built-in table, or the table alone when the list cannot be had
// (no key, offline, an answer that is not a model list), said in one log line and not asked
// again for a minute. It never throws: a job, a picker or a price line works on the table rather
// than fail for want of a list. Prices the list lacks (GET /models/{id}) are kept beside it, so
// whoever asks next sees every price looked up so far, whichever caller looked it up.
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
  /** The lookups of every image model's price this list lacks (pickers), asked for once per list. */
  pricing?: Promise<void>;
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
   * The catalog for `p.baseUrl`: one GET /models at most (cached). `priceOf`: with that one
   * model's price looked up when the list lacks it (a job's, before it is sent).
   */
  async load(p: ListModelsParams, o: { refresh?: boolean; priceOf?: string } = {}): Promise<ModelCatalog> {
    const models = await this.list(p, o.refresh);
    if (!models) return this.current(p.baseUrl);
    if (o.priceOf !== undefined) await this.lookUp(p, models, o.priceOf);
    return this.catalogOf(keyOf(p.baseUrl), models);
  }

  /**
   * The catalog with the price of every image model the list lacks (GET /models/{id}, a few at
   * once, `MAX_PRICE_LOOKUPS` at most, once per list; callers at the same time share them). For
   * pickers that have already shown `current()` or `load()`: nothing should wait on this.
   */
  async withPrices(p: ListModelsParams): Promise<ModelCatalog> {
    const models = await this.list(p);
    if (!models) return this.current(p.baseUrl);
    const key = keyOf(p.baseUrl);
    const b = this.builtFor(key, models);
    b.pricing ??= this.pricer(
      p,
      b.from.filter((m) => !b.details.has(m.id)),
    ).then((priced) => {
      // addPrices hands back the model it was given when it found nothing new for it.
      const listed = new Set(b.from);
      for (const m of priced) if (!listed.has(m)) b.details.set(m.id, m);
      b.catalog = new ModelCatalog(b.from.map((m) => b.details.get(m.id) ?? m));
    });
    try {
      await b.pricing;
    } catch {
      // A lookup round that failed as a whole is asked for again by the next picker.
      b.pricing = undefined;
    }
    return b.catalog;
  }

  /** What is at hand for `baseUrl` without asking: the last list merged (with the prices looked up so far), else the table. */
  current(baseUrl: string): ModelCatalog {
    return this.built.get(keyOf(baseUrl))?.catalog ?? BUILTIN_CATALOG;
  }

  /** The gateway's list, or undefined (logged once) when it cannot be had and the table stands in. */
  private async list(p: ListModelsParams, refresh?: boolean): Promise<readonly GatewayModel[] | undefined> {
    const key = keyOf(p.baseUrl);
    const failed = this.failedAt.get(key);
    if (!refresh && failed !== undefined && this.now() - failed < CATALOG_RETRY_MS) return undefined;
    try {
      const models = await this.lists.get(p, { refresh });
      this.failedAt.delete(key);
      return models;
    } catch (e) {
      const why = isImageError(e) ? e.message : e instanceof Error ? e.message : String(e);
      p.log.warn(`the gateway's model list is not usable (${why}); using the built-in model table`);
      if (!(isImageError(e) && e.kind === 'cancelled')) this.failedAt.set(key, this.now());
      return undefined;
    }
  }

  /** One model's price from GET /models/{id} when the list has none (once per list). */
  private async lookUp(p: ListModelsParams, models: readonly GatewayModel[], id: string): Promise<void> {
    const listed = models.find((m) => m.id === id);
    const key = keyOf(p.baseUrl);
    if (!listed || listed.price || this.builtFor(key, models).details.has(id)) return;
    const lookup = `${key}\n${id}`;
    let pending = this.lookups.get(lookup);
    if (!pending) {
      pending = this.pricer(p, [listed]).then(([detail]) => {
        // Kept even without a price: a job does not ask again for this list.
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
    // A new list: the details looked up for the last one still hold for the models it kept without a price.
    const details = new Map(
      [...(hit?.details ?? new Map<string, GatewayModel>())].filter(([id]) =>
        models.some((m) => m.id === id && !m.price),
      ),
    );
    const b: Built = { from: models, details, catalog: new ModelCatalog(models.map((m) => details.get(m.id) ?? m)) };
    this.built.set(key, b);
    return b;
  }

  private catalogOf(key: string, models: readonly GatewayModel[]): ModelCatalog {
    return this.builtFor(key, models).catalog;
  }
}
