// One measurement of the memory benchmark, in a fresh process: `node memoryChild.js <ours|minimal>
// <baseUrl> <folder> <url|dataUrl|stream> [warm]` saves the 8 MB image of that answer kind once and prints
// `{"peak": bytes}`, the highest resident set size seen while doing so minus the size just before.
// `warm` (run with node's --no-liftoff): one request that fails (a 404) first, so undici's HTTP
// parser (WebAssembly) is compiled by V8's optimising tier before the measurement, as in a host that
// has read a large answer before. Otherwise that happens during the first large answer of a process,
// in the background, and its ~30 MB of compiler memory stays with the process, whoever reads the answer.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { request } from 'undici';
import { createAgent } from '../src/core/http/httpClient';
import { minimalJob } from './minimalClient';
import { ourJob } from './ourJob';
import { BENCH_MODELS } from './responseServer';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function main(): Promise<void> {
  const [side, baseUrl, folder, kind, warm] = process.argv.slice(2) as [
    string,
    string,
    string,
    keyof typeof BENCH_MODELS,
    string | undefined,
  ];
  const dispatcher = createAgent();
  const job = {
    baseUrl,
    apiKey: 'sk-Zq7x9Lm2Pw4Rt6Yu8KdBench',
    model: BENCH_MODELS[kind],
    prompt: 'memory',
    stream: kind === 'stream',
    dispatcher,
    folder,
    name: side,
  };
  const once = () => (side === 'ours' ? ourJob(job) : minimalJob(job));
  if (warm === 'warm') await (await request(`${baseUrl}/warm`, { dispatcher })).body.dump();
  const stop = new SharedArrayBuffer(4);
  const sampler = new Worker(path.join(__dirname, 'rssSampler.js'), { workerData: stop });
  const peak = new Promise<number>((resolve) => sampler.once('message', resolve));
  await new Promise((r) => setTimeout(r, 50));
  gc();
  const before = process.memoryUsage.rss();
  const r = await once();
  Atomics.store(new Int32Array(stop), 0, 1);
  const max = await peak;
  await fs.unlink(r.file);
  await dispatcher.close();
  console.log(JSON.stringify({ peak: max - before }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
