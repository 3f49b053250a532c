// A job's options fitted to what its model takes on its API (`OptionSupport`): each option is
// sent only where it is accepted, since a gateway refuses (400) or silently ignores the others.
import { MAX_PARTIAL_IMAGES, type ImageOptions } from '../../../shared/imageVocabulary';
import type { Accepts, OptionSupport } from '../optionSupport';

function accepted(list: Accepts | undefined, value: string): boolean {
  return list === 'any' || (list !== undefined && list.includes(value));
}

export interface FittedOptions {
  /** What will be sent (`n` excluded: variations are the caller's business). */
  sent: ImageOptions;
  /** Names of the options the user set that this model does not take, for the log and the UI. */
  dropped: (keyof ImageOptions)[];
}

/** Keeps the options `support` accepts, with the values it accepts. */
export function fitOptions(o: ImageOptions, support: OptionSupport): FittedOptions {
  const sent: ImageOptions = {};
  const dropped: (keyof ImageOptions)[] = [];
  const keep = <K extends 'size' | 'aspectRatio' | 'imageSize' | 'quality'>(
    key: K,
    list: Accepts | undefined,
  ): void => {
    const v = o[key];
    if (v === undefined || v === '') return;
    if (accepted(list, v)) sent[key] = v;
    else dropped.push(key);
  };
  keep('size', support.sizes);
  keep('aspectRatio', support.aspectRatios);
  keep('imageSize', support.imageSizes);
  keep('quality', support.qualities);
  if (o.background !== undefined) {
    if (accepted(support.backgrounds, o.background)) sent.background = o.background;
    else dropped.push('background');
  }
  if (o.outputFormat !== undefined) {
    if (accepted(support.outputFormats, o.outputFormat)) sent.outputFormat = o.outputFormat;
    else dropped.push('outputFormat');
  }
  // A transparent background needs a format with alpha: PNG unless the user chose WebP.
  if (sent.background === 'transparent' && sent.outputFormat === 'jpeg') {
    dropped.push('outputFormat');
    delete sent.outputFormat;
  }
  if (o.negativePrompt?.trim()) {
    if (support.negativePrompt) sent.negativePrompt = o.negativePrompt.trim();
    else dropped.push('negativePrompt');
  }
  if (o.partialImages !== undefined && o.partialImages > 0) {
    if (support.partialImages)
      sent.partialImages = Math.min(MAX_PARTIAL_IMAGES, Math.max(0, Math.round(o.partialImages)));
    else dropped.push('partialImages');
  }
  return { sent, dropped };
}
