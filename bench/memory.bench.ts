// 5. Peak memory while saving an 8 MB image (request to file) served by URL, as a data URL in JSON
//    and as a streamed data URL, as a multiple of 8 MB, ours against the minimal client; each
//    measurement in a fresh process. Goal: at most 2x the image for every answer kind.
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

type Kind = 'url' | 'dataUrl' | 'stream';
const KINDS: Record<Kind, string> = { url: 'an image served by URL', dataUrl: 'a data-URL image in JSON', stream: 'a streamed data-URL image' };
/** The goal, whatever the minimal client needs. */
export const MEMORY_GOAL = 2;

async function peakOf(side: 'ours' | 'minimal', baseUrl: string, folder: string, kind: Kind): Promise<number> {
  const { stdout } = await run(process.execPath, [path.join(__dirname, 'memoryChild.js'), side, baseUrl, folder, kind]);
  return (JSON.parse(stdout) as { peak: number }).peak;
}

async function measure(kind: Kind): Promise<BenchResult> {
  const image = pngLikeBytes(IMAGE_BYTES, 13);
  const server = await startResponseServer({ image, smallImage: image, slowMs: 0, deltaChars: 8192 });
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'geekai-bench-mem-'));
  const ours: number[] = [];
  const base: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      ours.push((await peakOf('ours', server.baseUrl, folder, kind)) / IMAGE_BYTES);
      base.push((await peakOf('minimal', server.baseUrl, folder, kind)) / IMAGE_BYTES);
    }
  } finally {
    await server.close();
    await fs.rm(folder, { recursive: true, force: true });
  }
  const o = median(ours);
  const b = median(base);
  return {
    name: `memory.${kind} 8MB`,
    what: `peak resident memory while saving ${KINDS[kind]} of 8 MB: ${o.toFixed(2)}x the image (goal ≤ ${MEMORY_GOAL}x), vs the minimal client`,
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
  return { cases: (Object.keys(KINDS) as Kind[]).map((kind) => ({ name: `memory.${kind} 8MB`, run: () => measure(kind) })) };
}
