// What the Studio shows for a model: the API it will use and the option controls that apply
// there, built from the same support table `generate` fits options with, so the panel never
// offers a control whose value would not be sent.
import {
  ASPECT_RATIOS,
  BACKGROUNDS,
  GPT_IMAGE_QUALITIES,
  GPT_IMAGE_SIZES,
  IMAGE_SIZES,
  MAX_VARIATIONS,
  OUTPUT_FORMATS,
  type ApiSetting,
  type ModelOptionsView,
  type OptionChoices,
} from '../../../shared/imageVocabulary';
import { BUILTIN_CATALOG, type ModelCatalog } from '../modelCatalog';
import type { Accepts } from '../optionSupport';

/** What an unknown model is offered (and may type beyond). */
const SUGGESTED = {
  sizes: GPT_IMAGE_SIZES,
  aspectRatios: ASPECT_RATIOS,
  imageSizes: IMAGE_SIZES,
  qualities: GPT_IMAGE_QUALITIES,
  backgrounds: BACKGROUNDS,
  outputFormats: OUTPUT_FORMATS,
};

function choices(list: Accepts | undefined, suggested: readonly string[]): OptionChoices | undefined {
  if (list === undefined) return undefined;
  return list === 'any' ? { values: [...suggested], free: true } : { values: [...list], free: false };
}

export function modelOptionsView(
  model: string,
  setting: ApiSetting = 'auto',
  catalog: ModelCatalog = BUILTIN_CATALOG,
): ModelOptionsView {
  const api = catalog.resolveApi(model, setting);
  const s = catalog.supportFor(model, api);
  const known = catalog.find(model);
  return {
    model,
    api,
    apiFrom: setting !== 'auto' ? 'choice' : known && known.apiFrom !== 'guess' ? 'catalog' : 'guess',
    maxVariations: MAX_VARIATIONS,
    variationsInOneRequest: s.n,
    sizes: choices(s.sizes, SUGGESTED.sizes),
    aspectRatios: choices(s.aspectRatios, SUGGESTED.aspectRatios),
    imageSizes: choices(s.imageSizes, SUGGESTED.imageSizes),
    qualities: choices(s.qualities, SUGGESTED.qualities),
    backgrounds: choices(s.backgrounds, SUGGESTED.backgrounds),
    outputFormats: choices(s.outputFormats, SUGGESTED.outputFormats),
    negativePrompt: s.negativePrompt,
    maxReferences: s.maxReferences,
    mask: s.mask,
    livePreview: s.partialImages,
    continues: api === 'responses',
  };
}
