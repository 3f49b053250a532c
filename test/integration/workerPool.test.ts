// The worker pool itself (workerPool.ts), on a small stand-in thread script that holds its thread
// for a while per request and says when and where it ran: two requests run at once on two
// threads (variations convert side by side), a third waits for a free one, and a transferred
// buffer is moved, not copied: the sender's is empty (detached) the moment it is sent.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkerPool } from '../../src/core/heavy/workerPool';

/** Answers each request after holding its thread `ms` (as a codec does), with when, where and what it got. */
const SCRIPT = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (m) => {
  const start = Date.now();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
  parentPort.postMessage({ id: m.id, ok: true, result: JSON.stringify({ start, end: Date.now(), threadId, byteLength: m.request.bytes.byteLength }) });
});
`;

interface Ran {
  start: number;
  end: number;
  threadId: number;
  byteLength: number;
}

describe('the worker pool: threads side by side, buffers moved', function () {
  this.timeout(20_000);
  let dir: string;
  let pool: WorkerPool;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-pool-'));
    fs.writeFileSync(path.join(dir, 'holder.js'), SCRIPT);
  });
  beforeEach(() => {
    pool = new WorkerPool({ file: path.join(dir, 'holder.js'), size: 2 });
  });
  afterEach(() => pool.close());
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ask = async (bytes: Uint8Array): Promise<Ran> =>
    JSON.parse(await pool.run({ op: 'sha256', bytes }, [bytes.buffer as ArrayBuffer])) as Ran;

  it('runs two requests at once on two threads; a third waits for one of them', async () => {
    let busiest = 0;
    const sampler = setInterval(() => (busiest = Math.max(busiest, pool.busy)), 2);
    const [a, b, c] = await Promise.all([ask(new Uint8Array(8)), ask(new Uint8Array(8)), ask(new Uint8Array(8))]);
    clearInterval(sampler);
    assert.notEqual(a.threadId, b.threadId, 'the first two on threads of their own');
    assert.ok(b.start < a.end && a.start < b.end, `the first two overlap (${a.start}-${a.end}, ${b.start}-${b.end})`);
    assert.ok(c.start >= Math.min(a.end, b.end), 'the third only once a thread is free');
    assert.ok([a.threadId, b.threadId].includes(c.threadId), 'on a thread already started');
    assert.equal(busiest, 2);
    assert.equal(pool.started, 2, 'no more threads than its size');
  });

  it('a transferred buffer is moved: empty (detached) in the sender, whole in the thread', async () => {
    const bytes = new Uint8Array(4 * 1024 * 1024).fill(7);
    const running = ask(bytes);
    assert.equal(bytes.byteLength, 0, 'detached as soon as it is sent');
    assert.equal(bytes.buffer.byteLength, 0);
    assert.equal((await running).byteLength, 4 * 1024 * 1024, 'all of it arrived');
  });
});
