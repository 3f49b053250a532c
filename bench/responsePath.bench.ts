// 4. The response-to-file path, end to end over loopback: request, answer, image bytes (download
//    or decode), file on disk, Markdown link, for an 8 MB image as a URL, a data URL in JSON and a
//    data URL streamed over SSE, against a minimal client doing the same bytes in the same run;
//    and 8 jobs at once against a server that answers after 2 s.
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAgent } from '../src/core/http/httpClient';
import type { BenchCase, BenchGroup } from './harness';
import { pngLikeBytes } from './fixtures';
import { minimalJob } from './minimalClient';
import { ourJob } from './ourJob';
import { BENCH_MODELS, startResponseServer } from './responseServer';

const MB = 1024 * 1024;
const KEY = 'sk-Zq7x9Lm2Pw4Rt6Yu8KdBench';
const PROMPT = '画一只可爱的小猫在草丛中玩耍';
export const IMAGE_BYTES = 8 * MB;
export const SLOW_MS = 2000;
const PARALLEL = 8;

export async function responsePathCases(): Promise<BenchGroup> {
  const image = pngLikeBytes(IMAGE_BYTES, 11);
  const smallImage = pngLikeBytes(64 * 1024, 12);
  // Relays cut a streamed image into deltas of a few KB.
  const server = await startResponseServer({ image, smallImage, slowMs: SLOW_MS, deltaChars: 8 * 1024 });
  const dispatcher = createAgent();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'geekai-bench-'));
  const oursDir = path.join(dir, 'ours');
  const minDir = path.join(dir, 'minimal');
  await fs.mkdir(oursDir);
  await fs.mkdir(minDir);
  const job = { baseUrl: server.baseUrl, apiKey: KEY, prompt: PROMPT, dispatcher };

  const ours = async (model: string, stream: boolean, name = 'ours'): Promise<void> => {
    const r = await ourJob({ ...job, model, stream, folder: oursDir, name });
    await fs.unlink(r.file);
  };
  const minimal = async (model: string, stream: boolean, name = 'minimal'): Promise<void> => {
    const r = await minimalJob({ ...job, model, stream, folder: minDir, name });
    await fs.unlink(r.file);
  };

  // Before timing: both sides write exactly the served bytes and a link to them.
  for (const [model, stream] of [
    [BENCH_MODELS.url, false],
    [BENCH_MODELS.dataUrl, false],
    [BENCH_MODELS.stream, true],
  ] as const) {
    const o = await ourJob({ ...job, model, stream, folder: oursDir, name: 'check' });
    const m = await minimalJob({ ...job, model, stream, folder: minDir, name: 'check' });
    assert.ok((await fs.readFile(o.file)).equals(image), `${model}: ours saved the served bytes`);
    assert.ok((await fs.readFile(m.file)).equals(image), `${model}: the minimal client saved the served bytes`);
    assert.equal(o.markdown, `![${PROMPT}](check.png)`);
    await fs.unlink(o.file);
    await fs.unlink(m.file);
  }

  const whole = (name: string, what: string, model: string, stream: boolean): BenchCase => ({
    name,
    what,
    items: 1,
    unit: 'image',
    // The goal is 1.10; the limit leaves room for a busy machine's noise.
    limit: 1.25,
    ours: () => ours(model, stream),
    baseline: () => minimal(model, stream),
    rounds: 9,
    budgetMs: 15_000,
  });

  const cases: BenchCase[] = [
    whole(
      'response.url 8MB',
      'an answer linking an 8 MB PNG by URL → file + link vs the minimal client',
      BENCH_MODELS.url,
      false,
    ),
    whole(
      'response.dataUrl 8MB',
      'an answer holding an 8 MB PNG as a data URL → file + link vs the minimal client',
      BENCH_MODELS.dataUrl,
      false,
    ),
    whole(
      'response.stream 8MB',
      'an SSE answer streaming an 8 MB PNG data URL in 8 KB deltas → file + link vs the minimal client',
      BENCH_MODELS.stream,
      true,
    ),
    {
      name: `response.${PARALLEL} jobs at once`,
      what: `${PARALLEL} jobs at once against a server that answers after ${SLOW_MS / 1000} s vs one minimal request to it (goal ≤ 1.2)`,
      items: PARALLEL,
      unit: 'job',
      limit: 1.2,
      ours: () => Promise.all(Array.from({ length: PARALLEL }, (_, i) => ours(BENCH_MODELS.slow, false, `job-${i}`))),
      baseline: () => minimal(BENCH_MODELS.slow, false),
      rounds: 3,
    },
  ];
  return {
    cases,
    close: async () => {
      await dispatcher.close();
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
