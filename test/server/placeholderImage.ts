// The pictures the test server "generates": real PNGs drawn from a hash of the prompt,
// so different prompts give different bytes and the same seed always gives the same bytes.
import crypto from 'node:crypto';
import jpeg from 'jpeg-js';
import { decodePng, encodePng, type RawImage } from '../support/png';

const SIZE = 256;

type Rgb = [number, number, number];

function colour(hash: Buffer, at: number): Rgb {
  return [hash[at], hash[at + 1], hash[at + 2]];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb;
}

/**
 * A 256×256 RGB PNG: a gradient, a disc, a square and stripes placed by the hash of `seed`.
 * `transparent`: RGBA whose background (gradient and stripes) is fully transparent, shapes opaque.
 */
export function placeholderPng(seed: string, transparent = false): Buffer {
  return encodePng(placeholderImage(seed, transparent), 1);
}

export function placeholderImage(seed: string, transparent = false): RawImage {
  const hash = crypto.createHash('sha256').update(seed).digest();
  const [top, bottom, disc, square] = [colour(hash, 0), colour(hash, 3), colour(hash, 6), colour(hash, 9)];
  const cx = 48 + (hash[12] % 160);
  const cy = 48 + (hash[13] % 160);
  const radius = 24 + (hash[14] % 48);
  const sx = hash[15] % 192;
  const sy = hash[16] % 192;
  const side = 24 + (hash[17] % 56);
  const stripe = 8 + (hash[18] % 24);
  const channels = transparent ? 4 : 3;
  const data = new Uint8Array(SIZE * SIZE * channels);
  for (let y = 0; y < SIZE; y++) {
    const background = mix(top, bottom, y / (SIZE - 1));
    for (let x = 0; x < SIZE; x++) {
      let px = background;
      let opaque = false;
      if (Math.floor((x + y) / stripe) % 2 === 0) px = mix(px, [255, 255, 255], 0.12);
      if (x >= sx && x < sx + side && y >= sy && y < sy + side) [px, opaque] = [square, true];
      if ((x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2) [px, opaque] = [disc, true];
      data.set(transparent ? [...px, opaque ? 255 : 0] : px, (y * SIZE + x) * channels);
    }
  }
  return { width: SIZE, height: SIZE, channels, data };
}

/** A smaller copy (nearest neighbour), for the low-resolution previews of a Responses stream. */
export function downscale(image: RawImage, factor: number): RawImage {
  const width = Math.max(1, Math.floor(image.width / factor));
  const height = Math.max(1, Math.floor(image.height / factor));
  const c = image.channels;
  const data = new Uint8Array(width * height * c);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (Math.floor(y * factor) * image.width + Math.floor(x * factor)) * c;
      data.set(image.data.subarray(from, from + c), (y * width + x) * c);
    }
  }
  return { width, height, channels: c, data };
}

/** JPEG bytes of an image (what `output_format: jpeg` answers with). */
export function encodeJpeg(image: RawImage): Buffer {
  const rgba = new Uint8Array(image.width * image.height * 4);
  for (let i = 0; i < image.width * image.height; i++) {
    rgba.set(image.data.subarray(i * image.channels, i * image.channels + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return jpeg.encode({ width: image.width, height: image.height, data: rgba }, 90).data;
}

/** What an edit of a non-PNG input returns: always the same bytes (a grey checkerboard). */
export const FIXED_PLACEHOLDER_PNG: Buffer = (() => {
  const data = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const v = (Math.floor(x / 32) + Math.floor(y / 32)) % 2 === 0 ? 160 : 96;
      data.fill(v, (y * SIZE + x) * 3, (y * SIZE + x) * 3 + 3);
    }
  }
  return encodePng({ width: SIZE, height: SIZE, channels: 3, data });
})();

/** Colours inverted (255 - x), alpha kept: proves an edit input arrived intact. */
export function invertImage(image: RawImage): RawImage {
  const data = new Uint8Array(image.data);
  for (let i = 0; i < data.length; i++) {
    const isAlpha = image.channels === 4 && i % 4 === 3;
    if (!isAlpha) data[i] = 255 - data[i];
  }
  return { ...image, data };
}

export function invertPng(png: Uint8Array): Buffer {
  return encodePng(invertImage(decodePng(png)));
}

/**
 * An edit under a mask: only the pixels the mask leaves fully transparent are inverted, so a
 * test can tell that mask and image arrived aligned. Undefined when the sizes differ.
 */
export function invertUnderMask(image: RawImage, mask: RawImage): RawImage | undefined {
  if (mask.width !== image.width || mask.height !== image.height || mask.channels !== 4) return undefined;
  const data = new Uint8Array(image.data);
  for (let p = 0; p < image.width * image.height; p++) {
    if (mask.data[p * 4 + 3] !== 0) continue;
    for (let ch = 0; ch < 3; ch++) data[p * image.channels + ch] = 255 - data[p * image.channels + ch];
  }
  return { ...image, data };
}
