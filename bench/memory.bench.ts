// 5. Peak memory while saving an 8 MB image (request to file) served by URL, as a data URL in JSON
//    and as a streamed data URL, as a multiple of 8 MB, ours against the minimal client; each
//    measurement in a fresh process. Goal: at most 2x the image for every answer kind. Measured
//    twice: the first save of a fresh process (which pays once for V8 compiling undici's HTTP
//    parser in its optimising tier, ~30 MB, whoever reads the answer) and a save with that parser
//    compiled before (memoryChild's `warm`), as in an extension host that has read a large answer.
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
const KINDS: Record<Kind, string> = {
  url: 'an image served by URL',
  dataUrl: 'a data-URL image in JSON',
  stream: 'a streamed data-URL image',
};
/** The goal, whatever the minimal client needs. */
export const MEMORY_GOAL = 2;

async function peakOf(
  side: 'ours' | 'minimal',
  baseUrl: string,
  folder: string,
  kind: Kind,
  warm = false,
): Promise<number> {
  const child = path.join(__dirname, 'memoryChild.js');
  const { stdout } = await run(
    process.execPath,
    warm ? ['--no-liftoff', child, side, baseUrl, folder, kind, 'warm'] : [child, side, baseUrl, folder, kind],
  );
  return (JSON.parse(stdout) as { peak: number }).peak;
}

async function measure(kind: Kind): Promise<BenchResult> {
  const image = pngLikeBytes(IMAGE_BYTES, 13);
  const server = await startResponseServer({ image, smallImage: image, slowMs: 0, deltaChars: 8192 });
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'geekai-bench-mem-'));
  const ours: number[] = [];
  const base: number[] = [];
  const oursWarm: number[] = [];
  const baseWarm: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      ours.push((await peakOf('ours', server.baseUrl, folder, kind)) / IMAGE_BYTES);
      base.push((await peakOf('minimal', server.baseUrl, folder, kind)) / IMAGE_BYTES);
      oursWarm.push((await peakOf('ours', server.baseUrl, folder, kind, true)) / IMAGE_BYTES);
      baseWarm.push((await peakOf('minimal', server.baseUrl, folder, kind, true)) / IMAGE_BYTES);
    }
  } finally {
    await server.close();
    await fs.rm(folder, { recursive: true, force: true });
  }
  const o = median(ours);
  const b = median(base);
  const range = (xs: number[]): string => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;
  return {
    name: `memory.${kind} 8MB`,
    what:
      `peak resident memory while saving ${KINDS[kind]} of 8 MB (goal ≤ ${MEMORY_GOAL}x the image): parser compiled ${median(oursWarm).toFixed(2)}x (rounds ${range(oursWarm)}; minimal client ${median(baseWarm).toFixed(2)}x), ` +
      `the first of a fresh process ${o.toFixed(2)}x (rounds ${range(ours)}; minimal client ${b.toFixed(2)}x)`,
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
  return {
    cases: (Object.keys(KINDS) as Kind[]).map((kind) => ({ name: `memory.${kind} 8MB`, run: () => measure(kind) })),
  };
}
