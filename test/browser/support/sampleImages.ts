// Small generated PNGs standing in for results: a gradient whose hue depends on the index,
// so screenshots show distinct "images" without shipping any.
import { encodePng } from '../../support/png';

const SIZE = 96;
const cache = new Map<number, Buffer>();

function hue(h: number): [number, number, number] {
  const f = (n: number): number => {
    const k = (n + h / 60) % 6;
    return Math.round(255 * (1 - Math.max(0, Math.min(k, 4 - k, 1))));
  };
  return [f(5), f(3), f(1)];
}

export function sampleImage(index: number): Buffer {
  const key = index % 24;
  const hit = cache.get(key);
  if (hit) return hit;
  const [r, g, b] = hue(key * 15);
  const data = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const i = (y * SIZE + x) * 3;
      const light = 0.35 + (0.65 * (x + y)) / (2 * SIZE);
      const sun = (x - 62) ** 2 + (y - 30) ** 2 < 140 ? 1.4 : 1;
      data[i] = Math.min(255, r * light * sun);
      data[i + 1] = Math.min(255, g * light * sun);
      data[i + 2] = Math.min(255, b * light * sun);
    }
  }
  const png = encodePng({ width: SIZE, height: SIZE, channels: 3, data });
  cache.set(key, png);
  return png;
}

/** A gradient of any size (`/img/120x80.png`), for tests that need an image's exact pixel size. */
export function sizedImage(width: number, height: number): Buffer {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.round((255 * x) / width);
      data[i + 1] = Math.round((255 * y) / height);
      data[i + 2] = 160;
    }
  }
  return encodePng({ width, height, channels: 3, data });
}
