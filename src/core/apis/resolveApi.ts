// Which API a job goes to, and what the model takes there: the `api` setting wins, then the
// catalog (the gateway's list merged over the built-in table), then the id's family name (a new
// `flux-…` or `imagen-…` id is an Images API model). See `modelCatalog.ts`.
import type { ApiKind, ApiSetting } from '../../../shared/imageVocabulary';
import { BUILTIN_CATALOG, type ModelCatalog } from '../modelCatalog';
import type { OptionSupport } from '../optionSupport';

export { IMAGES_FAMILIES } from '../modelCatalog';

/** The API a model id is served by when the setting is `auto`. */
export function apiForModel(model: string, catalog: ModelCatalog = BUILTIN_CATALOG): ApiKind {
  return catalog.entry(model).api;
}

export function resolveApi(
  model: string,
  setting: ApiSetting = 'auto',
  catalog: ModelCatalog = BUILTIN_CATALOG,
): ApiKind {
  return catalog.resolveApi(model, setting);
}

/** What `model` accepts on `api`: the catalog's entry when it is served there, else the API's general shape. */
export function supportFor(model: string, api: ApiKind, catalog: ModelCatalog = BUILTIN_CATALOG): OptionSupport {
  return catalog.supportFor(model, api);
}
