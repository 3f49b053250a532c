// 5. Peak memory while saving an 8 MB image from a data URL (request to file), as a multiple of
//    8 MB, ours against the minimal client; each measurement in a fresh process.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { median, type BenchGroup, type BenchResult } from './harness';
import { pngLikeBytes } from './fixtures';
import { IMAGE_BYTES } from './responsePath.bench';
import { startResponseServer } from './responseServer';

const run = promisify(execFile);
const ROUNDS = 5;

async function peakOf(side: 'ours' | 'minimal', baseUrl: string, folder: string): Promise<number> {
  const { stdout } = await run(process.execPath, [path.join(__dirname, 'memoryChild.js'), side, baseUrl, folder]);
  return (JSON.parse(stdout) as { peak: number }).peak;
}

async function measure(): Promise<BenchResult> {
  const image = pngLikeBytes(IMAGE_BYTES, 13);
  const server = await startResponseServer({ image, smallImage: image, slowMs: 0, deltaChars: 8192 });
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'geekai-bench-mem-'));
  const ours: number[] = [];
  const base: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      ours.push((await peakOf('ours', server.baseUrl, folder)) / IMAGE_BYTES);
      base.push((await peakOf('minimal', server.baseUrl, folder)) / IMAGE_BYTES);
    }
  } finally {
    await server.close();
    await fs.rm(folder, { recursive: true, force: true });
  }
  const o = median(ours);
  const b = median(base);
  return {
    name: 'memory.dataUrl 8MB',
    what: 'peak resident memory while saving an 8 MB data-URL image, as a multiple of 8 MB, vs the minimal client',
    unit: 'image',
    scale: 'x8MB',
    // The peak is what the user's machine pays; 1.5 × the minimal client's leaves room for GC timing.
    limit: 1.5,
    rounds: ROUNDS,
    oursMs: o,
    baselineMs: b,
    ratio: o / b,
    opsPerSec: 0,
    ok: o / b <= 1.5,
  };
}

export async function memoryCases(): Promise<BenchGroup> {
  return { cases: [{ name: 'memory.dataUrl 8MB', run: measure }] };
}
