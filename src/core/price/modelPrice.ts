// What an image costs, as the gateway states it (GET /models, /models/{id}: `price.draw_image`
// per image, in CNY, with `discounts`), and the estimate of a job from it: per image price ×
// images, discounted where the gateway says. Never a made-up number: no price, no estimate.
import type { ApiKind } from '../../../shared/imageVocabulary';

/** One price per image, for the option values it names (none: the model's plain price). */
export interface PriceTier {
  /** CNY per image, before any discount. */
  price: number;
  quality?: string;
  size?: string;
  /** `1K`/`2K`/`4K` (the job's `imageSize`). */
  imageSize?: string;
}

export interface ModelPrice {
  tiers: PriceTier[];
  /** What is paid of the price (0 < discount ≤ 1, e.g. 0.8), where the gateway gives one for every channel. */
  discount?: number;
  /** The gateway calls its price an estimate, or a discount applies to some channels only. */
  approximate: boolean;
}

/** What a job is expected to cost (before), or did cost (after). */
export interface CostEstimate {
  /** CNY; absent: the price is unknown (nothing is invented). */
  total?: number;
  /** CNY per image, after the discount. */
  perImage?: number;
  images: number;
  /** Say "≈": the gateway's price is an estimate, or the number of images or the tier is the model's choice. */
  approximate: boolean;
  /** After a job: the answer's `usage` said what it cost. */
  fromUsage?: boolean;
  /** A sum whose parts are not all priced: what the priced ones come to (`total` is then absent). */
  knownTotal?: number;
}

export interface PricedOptions {
  quality?: string;
  size?: string;
  imageSize?: string;
}

const DIMENSIONS = ['quality', 'size', 'imageSize'] as const;

/**
 * The tier for these options: every condition it names must match; the most specific wins. A
 * job that leaves a priced option to the model (the server's default is not known) gets the
 * plain tier, or the dearest when there is none, as an approximation: a spending limit is never
 * passed on a guess that is too low.
 */
function tierFor(price: ModelPrice, o: PricedOptions): { tier?: PriceTier; exact: boolean } {
  if (price.tiers.length === 0) return { exact: false };
  const matching = price.tiers.filter((t) => DIMENSIONS.every((d) => t[d] === undefined || t[d] === o[d]));
  if (matching.length === 0) return { tier: price.tiers.reduce((a, b) => (b.price > a.price ? b : a)), exact: false };
  const specificity = (t: PriceTier): number => DIMENSIONS.filter((d) => t[d] !== undefined).length;
  const best = matching.reduce((a, b) => (specificity(b) > specificity(a) ? b : a));
  const pricedBy = DIMENSIONS.filter((d) => price.tiers.some((t) => t[d] !== undefined));
  return { tier: best, exact: pricedBy.every((d) => best[d] !== undefined || o[d] !== undefined) };
}

/** Money is kept to a hundredth of a fen: no float drift across many small sums. */
export function roundCny(amount: number): number {
  return Math.round(amount * 10_000) / 10_000;
}

export interface EstimateInput extends PricedOptions {
  api: ApiKind;
  /** Images asked for (variations, `n`). */
  images: number;
}

function perImageOf(price: ModelPrice | undefined, o: PricedOptions): { perImage?: number; approximate: boolean } {
  const { tier, exact } = price ? tierFor(price, o) : { exact: false };
  if (!price || !tier) return { approximate: false };
  return { perImage: roundCny(tier.price * (price.discount ?? 1)), approximate: price.approximate || !exact };
}

/** The estimate of a job from its model's price; `total` absent when the price is unknown. */
export function estimateCost(price: ModelPrice | undefined, job: EstimateInput): CostEstimate {
  const images = Math.max(1, Math.round(job.images));
  // A chat model decides how many pictures one answer holds (Midjourney draws four).
  const countIsTheModels = job.api === 'chat';
  const { perImage, approximate } = perImageOf(price, job);
  if (perImage === undefined) return { images, approximate: countIsTheModels };
  return { total: roundCny(perImage * images), perImage, images, approximate: approximate || countIsTheModels };
}

/**
 * What a finished job cost: the answers' `usage` where every answer gave one, else the price ×
 * the images actually saved (counted now, so only the price itself can make it approximate).
 */
export function jobCost(
  price: ModelPrice | undefined,
  o: PricedOptions,
  saved: number,
  usage: readonly (number | undefined)[],
): CostEstimate | undefined {
  if (saved === 0) return undefined;
  if (usage.length > 0 && usage.every((u) => u !== undefined)) {
    const total = roundCny(usage.reduce<number>((a, u) => a + (u ?? 0), 0));
    return { total, perImage: roundCny(total / saved), images: saved, approximate: false, fromUsage: true };
  }
  const { perImage, approximate } = perImageOf(price, o);
  if (perImage === undefined) return { images: saved, approximate: false };
  return { total: roundCny(perImage * saved), perImage, images: saved, approximate };
}

/** `0.12`, `0.035`, `12.50`: two decimals, three for sums under a yuan that need them. */
export function formatAmount(cny: number): string {
  const r = roundCny(cny);
  if (r >= 1 || r === 0) return r.toFixed(2);
  const three = r.toFixed(3);
  return three.endsWith('0') ? r.toFixed(2) : r >= 0.001 ? three : r.toFixed(4);
}

/** `¥0.12` or `≈ ¥0.12` (no words: the adapter puts them around it). */
export function formatCny(cny: number, approximate = false): string {
  return `${approximate ? '≈ ' : ''}¥${formatAmount(cny)}`;
}

/** The cheapest and dearest price per image (discounted) a model's tiers state. */
export function priceRange(
  price: ModelPrice | undefined,
): { min: number; max: number; approximate: boolean } | undefined {
  if (!price || price.tiers.length === 0) return undefined;
  const each = price.tiers.map((t) => roundCny(t.price * (price.discount ?? 1)));
  return { min: Math.min(...each), max: Math.max(...each), approximate: price.approximate };
}
