// Makes a received image web-ready: another format, a smaller longest side, a quality.
// Never loses the original: any failure returns its bytes untouched with the reason,
// so the caller saves them as they came and says so.
import { sniffImageType } from '../imageType';
import type { Codecs, DecodableExt, EncodableFormat, RgbaImage } from './codecs';
import { MAX_DECODE_PIXELS } from '../../../shared/imageVocabulary';
import { imageHeaderSize, type ImageHeaderInfo } from './imageSize';

export type SaveFormat = 'keep' | EncodableFormat;
export const SAVE_FORMATS: readonly SaveFormat[] = ['keep', 'png', 'webp', 'jpeg', 'avif'];

export interface ConvertOptions {
  format: SaveFormat;
  /** Longest side in pixels; larger images are scaled down, never up. 0 = any size. */
  maxSide: number;
  /** 1-100 for WebP, JPEG and AVIF. */
  quality: number;
}

export type SavedExt = 'png' | 'jpg' | 'webp' | 'gif' | 'avif';

export type ConvertResult =
  | { kind: 'converted'; bytes: Uint8Array; ext: SavedExt; width: number; height: number }
  /** Already what was asked for: the original bytes, no codec loaded. */
  | { kind: 'unchanged'; bytes: Uint8Array; ext: SavedExt }
  /** Conversion failed: the original bytes, to be saved as they came. */
  /** `size`: the header's, when it announced too many pixels to decode (`tooManyPixels`). */
  | {
      kind: 'failed';
      bytes: Uint8Array;
      ext: SavedExt | undefined;
      reason: ConvertFailure;
      detail: string;
      size?: ImageHeaderInfo;
    };

/** `tooManyPixels`: the header announces more than MAX_DECODE_PIXELS, so nothing is decoded. */
export type ConvertFailure = 'unsupportedSource' | 'tooManyPixels' | 'codecFailed';

const EXT_OF: Record<EncodableFormat, SavedExt> = { png: 'png', webp: 'webp', jpeg: 'jpg', avif: 'avif' };

/** The size after scaling the longest side down to `maxSide` (never up). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (maxSide <= 0 || longest <= maxSide) return { width, height };
  const scale = maxSide / longest;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** JPEG has no alpha: transparent pixels go onto white, as a page would show them, instead of black. */
export function flattenOnWhite(image: RgbaImage): RgbaImage {
  const data = new Uint8ClampedArray(image.data);
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3] ?? 255;
    if (a === 255) continue;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round(((data[i + c] ?? 0) * a + 255 * (255 - a)) / 255);
    data[i + 3] = 255;
  }
  return { data, width: image.width, height: image.height };
}

function clampQuality(q: number): number {
  return Number.isFinite(q) ? Math.min(100, Math.max(1, Math.round(q))) : 80;
}

/** What a conversion must do, decided from the header alone (no codec): nothing, fail, or decode into `format`. */
export type ConversionPlan =
  { kind: 'done'; result: ConvertResult } | { kind: 'decode'; sourceExt: DecodableExt; format: EncodableFormat };

export function conversionPlan(bytes: Uint8Array, options: ConvertOptions): ConversionPlan {
  const sourceExt = sniffImageType(bytes)?.ext;
  const header = imageHeaderSize(bytes);
  const target: EncodableFormat | undefined = options.format === 'keep' ? undefined : options.format;
  const sameFormat = target === undefined || (sourceExt !== undefined && EXT_OF[target] === sourceExt);
  // Without a readable header only decoding can tell whether the image is too large.
  const fits =
    options.maxSide <= 0 || (header !== undefined && Math.max(header.width, header.height) <= options.maxSide);
  if (sourceExt && sameFormat && fits) return { kind: 'done', result: { kind: 'unchanged', bytes, ext: sourceExt } };
  const fail = (reason: ConvertFailure, detail: string, size?: ImageHeaderInfo): ConversionPlan => ({
    kind: 'done',
    result: { kind: 'failed', bytes, ext: sourceExt, reason, detail, ...(size ? { size } : {}) },
  });
  if (sourceExt !== 'png' && sourceExt !== 'jpg' && sourceExt !== 'webp')
    return fail('unsupportedSource', sourceExt ? `cannot decode ${sourceExt}` : 'not an image we know');
  // Decoding allocates what the header announces: a 1 MB file can announce 60000 × 60000 pixels.
  if (!header) return fail('unsupportedSource', 'its header gives no size');
  if (header.width * header.height > MAX_DECODE_PIXELS) {
    return fail(
      'tooManyPixels',
      `${header.width} × ${header.height} pixels is more than ${MAX_DECODE_PIXELS} to decode`,
      header,
    );
  }
  // `keep` with a resize re-encodes in the source's own format.
  return { kind: 'decode', sourceExt, format: target ?? (sourceExt === 'jpg' ? 'jpeg' : sourceExt) };
}

/** `loadCodecs` is called only when pixels must change, so plain saves never load WebAssembly. */
export async function convertImage(
  bytes: Uint8Array,
  options: ConvertOptions,
  loadCodecs: () => Promise<Codecs>,
): Promise<ConvertResult> {
  const plan = conversionPlan(bytes, options);
  if (plan.kind === 'done') return plan.result;
  const { sourceExt, format } = plan;
  const fail = (reason: ConvertFailure, detail: string): ConvertResult => ({
    kind: 'failed',
    bytes,
    ext: sourceExt,
    reason,
    detail,
  });
  try {
    const codecs = await loadCodecs();
    let image = await codecs.decode(bytes, sourceExt);
    const size = fitWithin(image.width, image.height, options.maxSide);
    if (size.width !== image.width || size.height !== image.height)
      image = await codecs.resize(image, size.width, size.height);
    if (format === 'jpeg') image = flattenOnWhite(image);
    const out = await codecs.encode(image, format, clampQuality(options.quality));
    if (out.length === 0) return fail('codecFailed', 'the encoder returned nothing');
    return { kind: 'converted', bytes: out, ext: EXT_OF[format], width: image.width, height: image.height };
  } catch (e) {
    return fail('codecFailed', e instanceof Error ? e.message : String(e));
  }
}
