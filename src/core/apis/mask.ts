// Checks a mask before it is sent: a PNG the size of the first reference image, which the
// chosen model accepts. A mask that does not line up would edit the wrong pixels.
import { ImageError } from '../errors';
import { sniffImageType } from '../imageType';
import type { ReferenceImage } from './chat/requestBody';

/** Width and height from a PNG's IHDR, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (sniffImageType(bytes)?.mime !== 'image/png' || bytes.byteLength < 24) return undefined;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

export function checkMask(mask: Uint8Array, references: readonly ReferenceImage[], accepted: boolean): void {
  if (!accepted) throw new ImageError('invalidInput', 'this model takes no mask', { reason: 'maskUnsupported' });
  if (references.length === 0)
    throw new ImageError('invalidInput', 'a mask needs an image to edit', { reason: 'maskWithoutImage' });
  const size = pngSize(mask);
  if (!size) throw new ImageError('invalidInput', 'the mask is not a PNG', { reason: 'maskNotPng' });
  const image = pngSize(references[0].bytes);
  if (image && (image.width !== size.width || image.height !== size.height)) {
    throw new ImageError('invalidInput', 'the mask and the image differ in size', {
      reason: 'maskSizeMismatch',
      params: {
        name: references[0].name,
        mask: `${size.width}x${size.height}`,
        image: `${image.width}x${image.height}`,
      },
    });
  }
}
