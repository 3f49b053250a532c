// Prices and estimates in the user's words: "¥0.04 per image", "¥0.02–¥0.25 per image",
// "≈ ¥0.12 · 3 images", "price unknown". Numbers come from core (never invented); only the
// words are added here.
import { l10n } from 'vscode';
import type { ModelEntry } from '../core/modelCatalog';
import { formatCny, priceRange, type CostEstimate } from '../core/price/modelPrice';

/** A model's price per image as Select Model shows it. */
export function perImageText(entry: Pick<ModelEntry, 'price'>): string {
  const r = priceRange(entry.price);
  if (!r) return l10n.t('price unknown');
  const amount =
    r.min === r.max ? formatCny(r.min, r.approximate) : `${formatCny(r.min, r.approximate)}–${formatCny(r.max)}`;
  return l10n.t('{0} per image', amount);
}

/** An estimate or a cost with its number of images: "≈ ¥0.12 · 3 images". */
export function estimateText(e: CostEstimate): string {
  const images = e.images === 1 ? l10n.t('1 image') : l10n.t('{0} images', e.images);
  if (e.total === undefined) {
    return e.knownTotal === undefined
      ? l10n.t('price unknown · {0}', images)
      : l10n.t('at least {0} (some prices unknown) · {1}', formatCny(e.knownTotal), images);
  }
  return `${formatCny(e.total, e.approximate)} · ${images}`;
}
