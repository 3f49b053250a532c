// A data URL answer's image decoded to disk as the answer arrives (heavy/spill.ts): its bytes go a
// megabyte at a time to a hidden temp file in the folder it is saved in, and are copied from there
// through the save (provenance put in on the way), so the image is never held whole in memory.
// The whole job over loopback HTTP against the test server, JSON and streamed, on a store that
// can read a file's part and (to compare) one that cannot, where every byte stays in memory.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import jpeg from 'jpeg-js';
import { ImageError } from '../../src/core/errors';
import { runImageJob, type JobDeps } from '../../src/core/job/runImageJob';
import { readProvenance } from '../../src/core/publish/embedProvenance';
import type { Behaviour } from '../server/behaviours';
import { coreJobDeps } from '../support/coreJobDeps';
import { MemoryFileStore } from '../support/memoryFileStore';
import { useLoopback } from '../support/loopback';
import { encodePng } from '../support/png';

const KEY = 'sk-spilled-answer-key-0123456789';
const FOLDER = '/ws/images';
const TEMP = /^\/ws\/images\/\.[^/]+\.[0-9a-f]{12}\.tmp$/;
const PART = 1024 * 1024;

/** About 2.2 MB of PNG (noise does not compress): three parts' worth of decoded bytes. */
const BIG_PNG = encodePng({ width: 850, height: 850, channels: 3, data: randomBytes(850 * 850 * 3) });
/** A JPEG of noise over a megabyte: with provenance asked for, it is kept in memory (its record goes where only the whole file can say). */
const BIG_JPEG = Buffer.from(jpeg.encode({ width: 900, height: 900, data: randomBytes(900 * 900 * 4) }, 95).data);

describe('a data URL answer is decoded to disk as it arrives', function () {
  this.timeout(30_000);
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 0 } });
  const asked = { key: 0 };
  const deps = (files: MemoryFileStore, over: Partial<JobDeps> = {}): JobDeps => {
    const d = coreJobDeps(lb, files, KEY, asked, over);
    return { ...d, settings: { ...d.settings, embedProvenance: true, ...over.settings } };
  };
  const job = { prompt: '画一只可爱的小猫', model: 'gpt-4o-image', references: [] };
  const ops = (files: MemoryFileStore, op: string): string[] =>
    files.calls.filter((c) => c.op === op).map((c) => c.path);
  const leftInFolder = (files: MemoryFileStore): string[] =>
    [...files.files.keys()].filter((p) => p.startsWith(`${FOLDER}/`));
  const fresh = (): MemoryFileStore => {
    const s = new MemoryFileStore();
    s.seed('/ws/docs/post.md', new TextEncoder().encode('# Post\n'));
    return s;
  };
  /** The same answer saved by a store that reads no parts: nothing decoded to disk, every byte in memory. */
  async function inMemory(b: Behaviour, over: Partial<JobDeps> = {}): Promise<Buffer> {
    const whole = fresh();
    whole.readInto = undefined;
    lb.server.enqueue(b);
    const w = await runImageJob(job, deps(whole, over));
    assert.equal(ops(whole, 'openWrite').length, 1, 'the baseline has no spill file');
    return Buffer.from(whole.files.get(w.files[0]) ?? []);
  }
  for (const [name, behaviour] of [
    ['in a JSON answer', { kind: 'image', via: 'dataUrlMarkdown', bytes: BIG_PNG }],
    ['streamed in 8 KB deltas', { kind: 'stream', dataUrl: true, bytes: BIG_PNG, deltaChars: 8192 }],
  ] as [string, Behaviour][]) {
    it(`${name}: byte for byte what the in-memory save writes (provenance in), through a spill file a part at a time that is gone afterwards`, async () => {
      const store = fresh();
      // The spill file is the first opened (while the answer arrives): its size before each write to it, and at its removal.
      const grew: number[] = [];
      let whenSaveOpened: number | undefined;
      store.onCall((call, s) => {
        const spill = ops(s, 'openWrite')[0];
        if (call.path !== spill) {
          if (call.op === 'openWrite') whenSaveOpened ??= s.files.get(spill)?.byteLength;
          return;
        }
        if (call.op === 'write' || call.op === 'delete') grew.push(s.files.get(spill)?.byteLength ?? 0);
      });
      lb.server.enqueue(behaviour);
      const r = await runImageJob(job, deps(store));
      const saved = Buffer.from(store.files.get(r.files[0]) ?? []);
      assert.deepEqual(saved, await inMemory(behaviour));
      assert.equal(readProvenance(saved)?.prompt, '画一只可爱的小猫');
      assert.ok(saved.length > BIG_PNG.length, 'the provenance chunk is in');

      const opened = ops(store, 'openWrite');
      assert.equal(opened.length, 2, 'the save’s temp file and the spill file');
      for (const p of opened) assert.match(p, TEMP);
      // It grew a part at a time (never more than a part per write) while the answer came, to the whole image.
      assert.ok(grew.length >= 3, `${grew.length} writes`);
      grew.forEach((size, i) =>
        assert.ok(size - (grew[i - 1] ?? 0) <= PART, `write ${i} took ${size - (grew[i - 1] ?? 0)} B`),
      );
      assert.equal(grew.at(-1), BIG_PNG.length);
      assert.equal(whenSaveOpened, BIG_PNG.length, 'all of it was in the spill file before the save began');
      assert.ok(ops(store, 'delete').includes(opened[0]), 'the spill file is removed');
      assert.deepEqual(ops(store, 'writeFile'), [], 'never written whole');
      assert.deepEqual(leftInFolder(store), r.files);
    });
  }

  it('an image kept in memory after all (a JPEG with provenance): read back from its spill file, saved as the in-memory save saves it, nothing left', async () => {
    const b: Behaviour = { kind: 'image', via: 'dataUrlMarkdown', bytes: BIG_JPEG };
    const store = fresh();
    lb.server.enqueue(b);
    const r = await runImageJob(job, deps(store));
    assert.ok(BIG_JPEG.length > PART, `${BIG_JPEG.length} B`);
    assert.deepEqual(Buffer.from(store.files.get(r.files[0]) ?? []), await inMemory(b));
    assert.equal(ops(store, 'openWrite').length, 2, 'it had gone to a spill file');
    assert.deepEqual(leftInFolder(store), r.files);
  });

  it('the same image twice in one answer: two spill files, saved once, both removed', async () => {
    const store = fresh();
    lb.server.enqueue({ kind: 'image', via: 'dataUrlMarkdown', bytes: BIG_PNG, count: 2 });
    const r = await runImageJob(job, deps(store));
    assert.equal(r.files.length, 1);
    assert.ok(ops(store, 'openWrite').length >= 3, 'a spill file for each');
    assert.deepEqual(leftInFolder(store), r.files);
  });

  it('the connection drops inside the payload: a network error, and no spill file, temp file or folder left', async () => {
    const store = fresh();
    let spilled = 0;
    store.onCall((call, s) => {
      if (call.op === 'write' && call.path === ops(s, 'openWrite')[0]) spilled++;
    });
    lb.server.enqueue({ kind: 'image', via: 'dataUrlMarkdown', bytes: BIG_PNG, cutAt: 2 * 1024 * 1024 });
    await assert.rejects(
      runImageJob(job, deps(store)),
      (e: unknown) => e instanceof ImageError && e.kind === 'network',
    );
    assert.ok(spilled >= 1, 'part of it had gone to the spill file');
    assert.deepEqual(leftInFolder(store), []);
    assert.equal(store.dirs.has(FOLDER), false);
  });

  it('Cancel while the answer is decoded to disk: "cancelled", and no spill file, temp file or folder left', async () => {
    const store = fresh();
    const controller = new AbortController();
    store.onCall((call, s) => {
      if (call.op === 'write' && call.path === ops(s, 'openWrite')[0] && ops(s, 'write').length === 2)
        controller.abort();
    });
    lb.server.enqueue({ kind: 'stream', dataUrl: true, bytes: BIG_PNG, deltaChars: 8192 });
    await assert.rejects(
      runImageJob(job, deps(store), { signal: controller.signal }),
      (e: unknown) => e instanceof ImageError && e.kind === 'cancelled',
    );
    assert.equal(ops(store, 'openWrite').length, 1, 'the spill file had been begun');
    assert.deepEqual(leftInFolder(store), []);
    assert.equal(store.dirs.has(FOLDER), false);
  });

  it('the disk fails while the answer is decoded: the image is kept in memory and saved the same, nothing left', async () => {
    const b: Behaviour = { kind: 'image', via: 'dataUrlMarkdown', bytes: BIG_PNG };
    const store = fresh();
    // The spill file's second write fails (the save's own temp file has had none by then).
    store.failOn('write', () => true, 2);
    lb.server.enqueue(b);
    const r = await runImageJob(job, deps(store));
    assert.deepEqual(Buffer.from(store.files.get(r.files[0]) ?? []), await inMemory(b));
    assert.ok(ops(store, 'openWrite').length >= 2, 'a spill file had been begun');
    assert.deepEqual(leftInFolder(store), r.files);
  });
});
