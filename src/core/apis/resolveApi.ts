// Which API a job goes to, and what the model takes there: the `api` setting wins, then the
// catalog, then the id's family name (a new `flux-…` or `imagen-…` id is an Images API model).
import { findModel } from '../catalog';
import type { ApiKind, ApiSetting } from '../../../shared/imageVocabulary';
import { CHAT_SUPPORT, GPT_IMAGE_SUPPORT, IMAGES_ANY_SUPPORT, RESPONSES_SUPPORT, type OptionSupport } from '../optionSupport';

const IMAGES_FAMILIES = /^(?:[\w.-]+\/)?(?:gpt-image|dall-e|flux|seedream|doubao-seedream|seededit|imagen|cogview|wanx|wan2|kling|stable-|sd3|ideogram|recraft|hunyuan-image|qwen-image)/i;

/** The API a model id is served by when the setting is `auto`. */
export function apiForModel(model: string): ApiKind {
  return findModel(model)?.api ?? (IMAGES_FAMILIES.test(model) ? 'images' : 'chat');
}

export function resolveApi(model: string, setting: ApiSetting = 'auto'): ApiKind {
  return setting === 'auto' ? apiForModel(model) : setting;
}

/** What `model` accepts on `api`: the catalog's entry when it is served there, else the API's general shape. */
export function supportFor(model: string, api: ApiKind): OptionSupport {
  const known = findModel(model);
  if (known && known.api === api) return known.support;
  if (api === 'chat') return CHAT_SUPPORT;
  if (api === 'responses') return RESPONSES_SUPPORT;
  return /^(?:[\w.-]+\/)?gpt-image/i.test(model) ? GPT_IMAGE_SUPPORT : IMAGES_ANY_SUPPORT;
}
