// Gives a refused request its precise reason: a parameter this model does not take, or a model
// this endpoint does not serve (with the API that does, when known), so the user is told the fix.
import { ImageError, isImageError } from '../errors';
import type { ApiKind } from '../../../shared/imageVocabulary';
import { BUILTIN_CATALOG, type ModelCatalog } from '../modelCatalog';

const PARAM_CODES = new Set([
  'unsupported_parameter',
  'unknown_parameter',
  'unsupported_value',
  'unrecognized_parameter',
]);
const PARAM_TEXT =
  /\b(?:unsupported|unknown|unrecognized|not supported)\b[^.]*\b(?:parameter|argument|value)\b|\b(?:parameter|argument)\b[^.]*\bnot supported\b/i;
const MODEL_CODES = new Set([
  'model_not_supported',
  'unsupported_model',
  'model_not_supported_on_endpoint',
  'invalid_model',
]);
const MODEL_TEXT =
  /\bmodel\b[^.]*\b(?:not supported|does not support|is not supported|not available)\b[^.]*\b(?:endpoint|api|route)\b/i;

/** The parameter a message names: `'n'`, `"background"`, `` `size` ``. */
function namedParam(text: string): string {
  return /['"`]([A-Za-z_][\w.[\]]{0,40})['"`]/.exec(text)?.[1] ?? '';
}

export function refineApiError(
  e: unknown,
  api: ApiKind,
  model: string,
  catalog: ModelCatalog = BUILTIN_CATALOG,
): unknown {
  if (!isImageError(e) || (e.kind !== 'badRequest' && e.kind !== 'notFound')) return e;
  const code = (e.reason ?? '').toLowerCase();
  const text = e.detail ?? '';
  if (MODEL_CODES.has(code) || MODEL_TEXT.test(text)) {
    const usual = catalog.entry(model).api;
    return new ImageError('badRequest', e.message, {
      status: e.status,
      detail: e.detail,
      reason: 'modelNotOnApi',
      params: usual === api ? { model, api } : { model, api, suggested: usual },
      cause: e,
    });
  }
  if (e.kind === 'badRequest' && (PARAM_CODES.has(code) || PARAM_TEXT.test(text))) {
    return new ImageError('badRequest', e.message, {
      status: e.status,
      detail: e.detail,
      reason: 'unsupportedParameter',
      params: { param: namedParam(text), model, api },
      cause: e,
    });
  }
  return e;
}
