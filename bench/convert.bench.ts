// 5. Web-ready conversion: size and time per output format for a 1024² and a 2048²
// picture, against the PNG as received. Size ratio = converted bytes / PNG bytes;
// time ratio = conversion time / decoding the received PNG (the least any conversion
// does), both measured here, in this run.
import assert from 'node:assert/strict';
import { createCodecs, type Codecs } from '../src/core/publish/codecs';
import { convertImage, type ConvertOptions } from '../src/core/publish/convert';
import { imageHeaderSize } from '../src/core/publish/imageSize';
import { WASM_FILES } from '../src/core/publish/wasmFiles';
import { encodePng } from '../test/support/png';
import { rng } from './fixtures';

const FORMATS = ['png', 'webp', 'jpeg', 'avif'] as const;
const SIDES = [1024, 2048] as const;
const QUALITY = 80;

/** Photo-like: smooth light and colour fields, a few soft shapes, and film grain, like a generated picture (not flat colour). */
export function pseudoPhoto(side: number): Buffer {
  const next = rng(side);
  const data = new Uint8Array(side * side * 4);
  const blobs = Array.from({ length: 12 }, () => ({
    x: next() * side,
    y: next() * side,
    r: (0.05 + next() * 0.2) * side,
    c: [next() * 255, next() * 255, next() * 255],
  }));
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const u = x / side;
      const v = y / side;
      let r = 90 + 80 * Math.sin(u * 5 + v * 2);
      let g = 110 + 70 * Math.sin(v * 4 - u * 3);
      let b = 140 + 60 * Math.cos((u + v) * 3);
      for (const blob of blobs) {
        const d = Math.hypot(x - blob.x, y - blob.y) / blob.r;
        if (d < 1) {
          const w = (1 - d) * (1 - d);
          r += (blob.c[0] - r) * w;
          g += (blob.c[1] - g) * w;
          b += (blob.c[2] - b) * w;
        }
      }
      const grain = (next() - 0.5) * 18;
      const i = (y * side + x) * 4;
      data[i] = Math.max(0, Math.min(255, r + grain));
      data[i + 1] = Math.max(0, Math.min(255, g + grain));
      data[i + 2] = Math.max(0, Math.min(255, b + grain));
      data[i + 3] = 255;
    }
  }
  return encodePng({ width: side, height: side, channels: 4, data });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

async function timeMs(fn: () => Promise<unknown>, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

/** One conversion as a save makes it; a failure stops the bench (its numbers would mean nothing). */
async function convertOnce(png: Uint8Array, options: ConvertOptions, load: () => Promise<Codecs>): Promise<Uint8Array> {
  const r = await convertImage(png, options, load);
  assert.equal(r.kind, 'converted', `${options.format}: ${r.kind === 'failed' ? r.detail : r.kind}`);
  return r.bytes;
}

/**
 * PNG recompressed at the same size: what the PNG codec makes of the server's PNG. A save never
 * does this (a PNG that needs no resize is kept as it came), so it is measured on the codecs.
 */
async function recompressPng(codecs: Codecs, png: Uint8Array): Promise<Uint8Array> {
  return codecs.encode(await codecs.decode(png, 'png'), 'png', QUALITY);
}

export interface ConvertRow {
  side: number;
  format: string;
  pngBytes: number;
  bytes: number;
  sizeRatio: number;
  ms: number;
  baselineMs: number;
  timeRatio: number;
}

/** Runs every format at every size; returns the rows and prints a table and a summary line. */
export async function convertReport(): Promise<{ rows: ConvertRow[]; ok: boolean }> {
  const codecs: Codecs = createCodecs((f) => require.resolve(WASM_FILES[f]));
  const load = (): Promise<Codecs> => Promise.resolve(codecs);
  const rows: ConvertRow[] = [];
  for (const side of SIDES) {
    const png = pseudoPhoto(side);
    const rounds = side === 1024 ? 3 : 1;
    await codecs.decode(png, 'png'); // compile the PNG codec before timing
    const baselineMs = await timeMs(() => codecs.decode(png, 'png'), 3);
    for (const format of FORMATS) {
      const convert =
        format === 'png'
          ? () => recompressPng(codecs, png)
          : () => convertOnce(png, { format, maxSide: 0, quality: QUALITY }, load);
      const first = await convert(); // also compiles this format's encoder
      const size = imageHeaderSize(first);
      if (format !== 'avif')
        assert.deepEqual(size, { width: side, height: side }, `${format} ${side} readable, same size`);
      const ms = await timeMs(convert, rounds);
      rows.push({
        side,
        format,
        pngBytes: png.length,
        bytes: first.length,
        sizeRatio: first.length / png.length,
        ms,
        baselineMs,
        timeRatio: ms / baselineMs,
      });
    }
  }
  const head = 'size        format   PNG bytes   out bytes  size ratio    ms  decode ms  time ratio';
  console.log(`\n${head}\n${'-'.repeat(head.length)}`);
  for (const r of rows) {
    console.log(
      `${`${r.side}x${r.side}`.padEnd(10)}  ${r.format.padEnd(6)} ${String(r.pngBytes).padStart(10)} ${String(r.bytes).padStart(11)} ${r.sizeRatio.toFixed(3).padStart(11)} ${r.ms.toFixed(0).padStart(5)} ${r.baselineMs.toFixed(0).padStart(10)} ${r.timeRatio.toFixed(1).padStart(11)}`,
    );
  }
  // Lossy formats must make the file smaller than the PNG, or the feature has no point.
  const lossy = rows.filter((r) => r.format !== 'png');
  const ok = lossy.every((r) => r.sizeRatio < 1);
  const of = (f: string): string => {
    const rs = rows.filter((r) => r.format === f);
    return `${f} ${median(rs.map((r) => r.sizeRatio)).toFixed(2)}× size ${median(rs.map((r) => r.timeRatio)).toFixed(0)}× time`;
  };
  console.log(
    `bench: convert vs PNG as received (quality ${QUALITY}): ${FORMATS.map(of).join(', ')}${ok ? '' : ' — a lossy format is not smaller than the PNG'}`,
  );
  return { rows, ok };
}
