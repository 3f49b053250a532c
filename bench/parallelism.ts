// How many cores the machine gives two busy threads right now: on a shared machine (CI, other
// jobs) two threads get less than twice one thread's speed, whatever the code does, so "four
// variations on a pool of two" is read beside it, measured in the same run.
import { Worker } from 'node:worker_threads';

// About 0.2-0.5 s of arithmetic on one core; the result is posted so it cannot be optimised away.
const SPIN =
  "let x = 0; for (let i = 0; i < 3e8; i++) x = (x + i) | 0; require('node:worker_threads').parentPort.postMessage(x);";

function spin(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const w = new Worker(SPIN, { eval: true });
    w.once('message', (m) => void w.terminate().then(() => resolve(m)));
    w.once('error', reject);
  });
}

async function wallMs(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * Two threads' throughput over one thread's for the same work (2 when two cores are free, 1 when
 * one is): the best of three tries each, taken in turn, so one neighbour's burst does not decide it.
 */
export async function threadParallelism(): Promise<number> {
  let one = Infinity;
  let two = Infinity;
  for (let i = 0; i < 3; i++) {
    one = Math.min(one, await wallMs(spin));
    two = Math.min(two, await wallMs(() => Promise.all([spin(), spin()])));
  }
  return (2 * one) / two;
}
