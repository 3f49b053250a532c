// Where a session's catalog comes from: the gateway's list for the base URL in use (cached, see
// ModelListCache) merged over the built-in table, or the table alone when the list cannot be had
// (no key, offline, an answer that is not a model list), said in one log line. It never throws:
// a job, a picker or a price line works on the table rather than fail for want of a list.
import { isImageError } from './errors';
import { BUILTIN_CATALOG, ModelCatalog } from './modelCatalog';
import { ModelListCache, type GatewayModel, type ListModelsParams } from './apis/models';

function keyOf(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

export class CatalogSource {
  /** The last catalog built per base URL, for the callers that cannot wait (a picker's first paint). */
  private readonly built = new Map<string, { from: readonly GatewayModel[]; catalog: ModelCatalog }>();

  constructor(readonly lists: ModelListCache = new ModelListCache()) {}

  /** The catalog for `p.baseUrl`; `prices`: with GET /models/{id} for the image models the list gives no price. */
  async load(p: ListModelsParams, o: { refresh?: boolean; prices?: boolean } = {}): Promise<ModelCatalog> {
    try {
      return this.catalogOf(p.baseUrl, await this.lists.get(p, o));
    } catch (e) {
      const why = isImageError(e) ? e.message : e instanceof Error ? e.message : String(e);
      p.log.warn(`the gateway's model list is not usable (${why}); using the built-in model table`);
      return this.current(p.baseUrl);
    }
  }

  /** What is at hand for `baseUrl` without asking: the last list merged, else the table. */
  current(baseUrl: string): ModelCatalog {
    return this.built.get(keyOf(baseUrl))?.catalog ?? BUILTIN_CATALOG;
  }

  private catalogOf(baseUrl: string, models: readonly GatewayModel[]): ModelCatalog {
    const key = keyOf(baseUrl);
    const hit = this.built.get(key);
    if (hit && hit.from === models) return hit.catalog;
    const catalog = new ModelCatalog(models);
    this.built.set(key, { from: models, catalog });
    return catalog;
  }
}
