// Screenshots for the README and the walkthrough, made smaller without losing a pixel: an opaque
// image loses its alpha channel, each row gets the PNG filter that suits it best, and zlib packs
// at its highest level (chromium writes PNGs fast, not small).
import zlib from 'node:zlib';
import {
  decodePng,
  filterRow,
  ihdrChunk,
  PNG_SIGNATURE,
  pngChunk,
  type PngFilter,
  type RawImage,
} from '../support/png';

function opaque(image: RawImage): RawImage {
  if (image.channels === 3) return image;
  const rgb = new Uint8Array(image.width * image.height * 3);
  for (let i = 0, j = 0; i < image.data.length; i += 4, j += 3) {
    if (image.data[i + 3] !== 255) return image;
    rgb[j] = image.data[i];
    rgb[j + 1] = image.data[i + 1];
    rgb[j + 2] = image.data[i + 2];
  }
  return { ...image, channels: 3, data: rgb };
}

/** The row filtered the way whose bytes, read as signed, add up smallest (the usual heuristic). */
function bestRow(row: Uint8Array, prev: Uint8Array, bpp: number): Buffer {
  let best: Buffer | undefined;
  let bestScore = Infinity;
  for (const filter of [0, 1, 2, 3, 4] as PngFilter[]) {
    const filtered = filterRow(filter, row, prev, bpp);
    let score = 0;
    for (const b of filtered) score += b < 128 ? b : 256 - b;
    if (score < bestScore) {
      bestScore = score;
      best = Buffer.concat([Buffer.from([filter]), filtered]);
    }
  }
  return best ?? Buffer.alloc(0);
}

export function optimisePng(png: Uint8Array): Buffer {
  const image = opaque(decodePng(Buffer.from(png)));
  const stride = image.width * image.channels;
  const rows: Buffer[] = [];
  let prev: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < image.height; y++) {
    const row = image.data.subarray(y * stride, (y + 1) * stride);
    rows.push(bestRow(row, prev, image.channels));
    prev = row;
  }
  const idat = zlib.deflateSync(Buffer.concat(rows), { level: 9, memLevel: 9 });
  const out = Buffer.concat([
    PNG_SIGNATURE,
    ihdrChunk(image.width, image.height, image.channels),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return out.length < png.length ? out : Buffer.from(png);
}
