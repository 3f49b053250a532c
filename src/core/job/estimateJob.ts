// A job's estimate from its model's entry in the catalog: the options that would really be sent
// (fitted to the model, so a quality the model ignores does not change the price) and the number
// of images asked for. One function for the Studio's line, the confirmations, the spending limit
// and the job itself.
import { variationCount, type ApiKind, type ApiSetting, type ImageOptions } from '../../../shared/imageVocabulary';
import { fitOptions } from '../apis/options';
import type { ModelCatalog } from '../modelCatalog';
import { estimateCost, jobCost, roundCny, type CostEstimate, type PricedOptions } from '../price/modelPrice';

export interface JobEstimate extends CostEstimate {
  model: string;
  api: ApiKind;
  /** The option values the price was read for. */
  priced: PricedOptions;
}

export function estimateJob(
  catalog: ModelCatalog,
  model: string,
  apiSetting: ApiSetting | undefined,
  options: ImageOptions,
): JobEstimate {
  const api = catalog.resolveApi(model, apiSetting ?? 'auto');
  const { sent } = fitOptions(options, catalog.supportFor(model, api));
  const priced: PricedOptions = {};
  if (sent.quality) priced.quality = sent.quality;
  if (sent.size) priced.size = sent.size;
  if (sent.imageSize) priced.imageSize = sent.imageSize;
  const price = catalog.entry(model).price;
  return { ...estimateCost(price, { api, images: variationCount(options.n), ...priced }), model, api, priced };
}

/** What the job cost once its images are saved (the answers' `usage`, else the price × images). */
export function costOfJob(
  catalog: ModelCatalog,
  estimate: JobEstimate,
  saved: number,
  usage: readonly (number | undefined)[],
): CostEstimate | undefined {
  return jobCost(catalog.entry(estimate.model).price, estimate.priced, saved, usage);
}

/** Several estimates as one (a batch): unknown when any part is, approximate when any part is. */
export function sumEstimates(parts: readonly CostEstimate[]): CostEstimate {
  const images = parts.reduce((a, p) => a + p.images, 0);
  const approximate = parts.some((p) => p.approximate);
  if (parts.length === 0 || parts.some((p) => p.total === undefined)) {
    const known = parts.filter((p) => p.total !== undefined);
    // What is known is still said, as a lower bound the caller may show ("at least").
    return {
      images,
      approximate,
      ...(known.length > 0 ? { knownTotal: roundCny(known.reduce((a, p) => a + (p.total ?? 0), 0)) } : {}),
    };
  }
  return { total: roundCny(parts.reduce((a, p) => a + (p.total ?? 0), 0)), images, approximate };
}
