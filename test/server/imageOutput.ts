// The picture an Images or Responses request gets: an edit of its first PNG input (under the
// mask when there is one), or a placeholder; transparent on request; PNG or JPEG bytes.
import { decodeDataUrlLoose } from './dataUrlInput';
import { decodePng, encodePng, isPng, type RawImage } from '../support/png';
import { encodeJpeg, FIXED_PLACEHOLDER_PNG, invertImage, invertUnderMask, placeholderImage } from './placeholderImage';

export interface ImageRequestFacts {
  prompt: string;
  /** Distinguishes the answers to identical requests (a real model never draws the same twice). */
  seed: number;
  transparent: boolean;
  format: 'png' | 'jpeg' | 'webp';
  /** Input images as sent (data URLs or addresses). */
  inputs: readonly string[];
  mask?: string;
  /** A picture to edit when there are no inputs (the Responses API's previous image). */
  base?: RawImage;
}

export interface Produced {
  bytes: Buffer;
  raw?: RawImage;
  mime: string;
  notes: string[];
}

export type ProduceResult = Produced | { error: string; code: string };

function encode(raw: RawImage, format: ImageRequestFacts['format']): { bytes: Buffer; mime: string } {
  if (format === 'jpeg') return { bytes: encodeJpeg(raw), mime: 'image/jpeg' };
  return { bytes: encodePng(raw), mime: 'image/png' };
}

export function produceImage(f: ImageRequestFacts): ProduceResult {
  const notes: string[] = [];
  let base = f.base;
  if (f.inputs.length > 0) {
    const first = decodeDataUrlLoose(f.inputs[0]);
    if (!first) {
      notes.push(`edit input not a data URL: ${f.inputs[0].slice(0, 60)}`);
    } else if (!isPng(first)) {
      notes.push('non-PNG edit input: placeholder returned');
      return { bytes: FIXED_PLACEHOLDER_PNG, mime: 'image/png', notes };
    } else {
      try {
        base = decodePng(first);
      } catch (err) {
        return { error: `Invalid image data: ${(err as Error).message}`, code: 'invalid_image' };
      }
    }
  }
  if (f.mask !== undefined) {
    if (!base) return { error: 'A mask needs an image to edit.', code: 'invalid_mask' };
    const maskBytes = decodeDataUrlLoose(f.mask);
    let mask: RawImage;
    try {
      if (!maskBytes || !isPng(maskBytes)) throw new Error('not a PNG');
      mask = decodePng(maskBytes);
    } catch {
      return { error: 'The mask must be a PNG image.', code: 'invalid_mask' };
    }
    const edited = invertUnderMask(base, mask);
    if (!edited)
      return {
        error: `The mask (${mask.width}x${mask.height}, ${mask.channels} channels) must be an RGBA PNG the size of the image (${base.width}x${base.height}).`,
        code: 'invalid_mask',
      };
    notes.push(`masked edit: ${mask.width}x${mask.height}`);
    return { ...encode(edited, f.format), raw: edited, notes };
  }
  const raw = base
    ? invertImage(base)
    : placeholderImage(`${f.prompt}\u0000${f.seed}`, f.transparent && f.format !== 'jpeg');
  if (base) notes.push('edit: inverted');
  return { ...encode(raw, f.format), raw, notes };
}
