// Runs in a worker thread: samples the process's resident set size every millisecond until told
// to stop, then posts the highest value seen. A thread of its own catches the peaks that happen
// while the main thread is busy in one long synchronous step (a JSON.parse, a base64 decode).
import { parentPort, workerData } from 'node:worker_threads';

const stop = new Int32Array(workerData as SharedArrayBuffer);
const nap = new Int32Array(new SharedArrayBuffer(4));
let max = process.memoryUsage.rss();
while (Atomics.load(stop, 0) === 0) {
  max = Math.max(max, process.memoryUsage.rss());
  Atomics.wait(nap, 0, 0, 1);
}
parentPort?.postMessage(Math.max(max, process.memoryUsage.rss()));
