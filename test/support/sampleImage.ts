// A test picture with opaque colours, soft edges and a fully transparent corner,
// so conversions show whether they keep alpha and roughly keep colours.
import type { RgbaImage } from '../../src/core/publish/codecs';
import { encodePng } from './png';

export function samplePixels(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = Math.round((x / width) * 255);
      data[i + 1] = Math.round((y / height) * 255);
      data[i + 2] = 160;
      // Top-left quarter fully transparent; the rest opaque.
      data[i + 3] = x < width / 4 && y < height / 4 ? 0 : 255;
    }
  }
  return { data, width, height };
}

export function samplePng(width: number, height: number): Buffer {
  const img = samplePixels(width, height);
  return encodePng({ width, height, channels: 4, data: new Uint8Array(img.data.buffer) });
}

/** RGBA of one pixel. */
export function pixel(img: RgbaImage, x: number, y: number): number[] {
  const i = (y * img.width + x) * 4;
  return Array.from(img.data.subarray(i, i + 4));
}
