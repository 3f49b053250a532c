// An image served by address goes to disk as it downloads: a hidden temp file in the folder it is
// saved in, with its provenance chunk put in on the way, renamed into place at the end. The
// whole job over real loopback HTTP, on a MemoryFileStore that writes piece by piece (and, to
// compare, one that cannot: every image written whole, as before).
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import jpeg from 'jpeg-js';
import { ImageError } from '../../src/core/errors';
import { runImageJob, type JobDeps } from '../../src/core/job/runImageJob';
import { PNG_PROVENANCE_KEYWORD, readProvenance } from '../../src/core/publish/embedProvenance';
import { removePngText } from '../../src/core/publish/pngText';
import { coreJobDeps } from '../support/coreJobDeps';
import { MemoryFileStore } from '../support/memoryFileStore';
import { useLoopback } from '../support/loopback';
import { encodePng } from '../support/png';

const KEY = 'sk-streamed-download-key-0123456789';
const FOLDER = '/ws/images';
const TEMP = /^\/ws\/images\/\.[^/]+\.[0-9a-f]{12}\.tmp$/;

/** Serves fixed images in 16 KB pieces (as a CDN's socket would hand them over), counting requests. */
async function imageHost(
  images: Record<string, Buffer>,
): Promise<{ url: (name: string) => string; hits: Map<string, number>; close: () => Promise<void> }> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '').slice(1);
    const bytes = images[name];
    hits.set(name, (hits.get(name) ?? 0) + 1);
    if (!bytes) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) });
    let at = 0;
    const next = (): void => {
      while (at < bytes.length) {
        const piece = bytes.subarray(at, at + 16 * 1024);
        at += piece.length;
        if (!res.write(piece)) {
          res.once('drain', next);
          return;
        }
      }
      res.end();
    };
    next();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    hits,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** About 1.4 MB of PNG: noise does not compress, so it takes many pieces. */
const BIG_PNG = encodePng({ width: 700, height: 700, channels: 3, data: randomBytes(700 * 700 * 3) });
const JPEG = Buffer.from(jpeg.encode({ width: 64, height: 64, data: Buffer.alloc(64 * 64 * 4, 200) }, 80).data);
// GIF89a, 1×1, one colour, no extensions: a format with no place for provenance.
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=', 'base64');

describe('an image served by address is written to disk as it downloads', function () {
  this.timeout(20_000);
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 5 } });
  let store: MemoryFileStore;
  let host: Awaited<ReturnType<typeof imageHost>>;
  const asked = { key: 0 };
  const deps = (files: MemoryFileStore, over: Partial<JobDeps> = {}): JobDeps => {
    const d = coreJobDeps(lb, files, KEY, asked, over);
    return { ...d, settings: { ...d.settings, embedProvenance: true, ...over.settings } };
  };
  const job = { prompt: '画一只可爱的小猫', model: 'gpt-4o-image', references: [] };
  const serve = (name: string): void => lb.server.enqueue({ kind: 'imageAt', url: host.url(name) });
  const ops = (files: MemoryFileStore, op: string): string[] =>
    files.calls.filter((c) => c.op === op).map((c) => c.path);
  const leftInFolder = (files: MemoryFileStore): string[] =>
    [...files.files.keys()].filter((p) => p.startsWith(`${FOLDER}/`));

  beforeEach(async () => {
    store = new MemoryFileStore();
    store.seed('/ws/docs/post.md', new TextEncoder().encode('# Post\n'));
    host = await imageHost({ 'big.png': BIG_PNG, 'photo.jpg': JPEG, 'tiny.gif': GIF });
  });
  afterEach(() => host.close());

  it('byte for byte what the whole-file save writes (provenance chunk included), through one temp file on disk before the body has all come, renamed into place', async () => {
    let partway: number | undefined;
    store.onCall((call, s) => {
      if (call.op === 'write' && partway === undefined && ops(s, 'write').length === 10)
        partway = s.files.get(call.path)?.byteLength;
    });
    serve('big.png');
    const r = await runImageJob(job, deps(store));
    const whole = new MemoryFileStore();
    whole.streams = false;
    serve('big.png');
    const w = await runImageJob(job, deps(whole));

    assert.deepEqual(r.files, [`${FOLDER}/2025-09-22-画一只可爱的小猫.png`]);
    const saved = store.files.get(r.files[0]) ?? new Uint8Array(0);
    assert.deepEqual(Buffer.from(saved), Buffer.from(whole.files.get(w.files[0]) ?? []));
    assert.equal(readProvenance(saved)?.prompt, '画一只可爱的小猫');
    assert.ok(saved.byteLength > BIG_PNG.length, 'the provenance chunk is in');
    const [temp] = ops(store, 'openWrite');
    assert.match(temp ?? '', TEMP);
    assert.ok(
      partway !== undefined && partway > 0 && partway < BIG_PNG.length / 2,
      `on disk while downloading (${partway} B after 10 pieces)`,
    );
    assert.deepEqual(ops(store, 'writeFile'), [], 'never written whole');
    assert.deepEqual(
      store.calls.filter((c) => c.op === 'rename').map((c) => [c.path, c.to]),
      [[temp, r.files[0]]],
    );
    assert.deepEqual(leftInFolder(store), r.files);
    assert.equal(r.provenanceSkipped, undefined);
  });

  it('Cancel mid-download: "cancelled", no temp file and no folder made for it', async () => {
    const controller = new AbortController();
    store.onCall((call, s) => {
      if (call.op === 'write' && ops(s, 'write').length === 5) controller.abort();
    });
    serve('big.png');
    await assert.rejects(
      runImageJob(job, deps(store), { signal: controller.signal }),
      (e: unknown) => e instanceof ImageError && e.kind === 'cancelled',
    );
    assert.equal(ops(store, 'openWrite').length, 1, 'the download had gone to disk');
    assert.deepEqual(leftInFolder(store), []);
    assert.equal(store.dirs.has(FOLDER), false);
  });

  it('the connection drops mid-download: a download error, no partial file and no folder left', async () => {
    lb.server.enqueue({ kind: 'badImageUrl', variant: 'cut' });
    await assert.rejects(
      runImageJob(job, deps(store)),
      (e: unknown) => e instanceof ImageError && e.kind === 'download' && e.reason === 'network',
    );
    assert.equal(ops(store, 'openWrite').length, 1, 'the download had gone to disk');
    assert.deepEqual(leftInFolder(store), []);
    assert.equal(store.dirs.has(FOLDER), false);
  });

  it('an image past the size cap with no length announced: refused as it arrives (tooLarge), nothing left', async () => {
    lb.server.enqueue({ kind: 'badImageUrl', variant: 'huge' });
    await assert.rejects(
      runImageJob(job, deps(store)),
      (e: unknown) => e instanceof ImageError && e.reason === 'tooLarge',
    );
    assert.equal(ops(store, 'openWrite').length, 1);
    assert.deepEqual(leftInFolder(store), []);
    assert.equal(store.dirs.has(FOLDER), false);
  });

  it('an address the policy refuses (a redirect to a link-local host) writes no byte: the temp file made ready while the request went out is removed, and its folder', async () => {
    lb.server.enqueue({
      kind: 'imageAt',
      url: `${new URL(lb.server.baseUrl).origin}/bad/to/${encodeURIComponent('http://169.254.169.254/latest/x.png')}`,
    });
    await assert.rejects(
      runImageJob(job, deps(store)),
      (e: unknown) => e instanceof ImageError && e.reason === 'privateAddress',
    );
    const [temp] = ops(store, 'openWrite');
    assert.match(temp ?? '', TEMP);
    assert.deepEqual(ops(store, 'write'), []);
    assert.ok(ops(store, 'delete').includes(temp ?? ''), 'removed');
    assert.deepEqual(leftInFolder(store), []);
    assert.equal(store.dirs.has(FOLDER), false);
  });

  it('an image that fails among others that are saved: the temp file made ready for it is removed, the others kept', async () => {
    const text = `两张：\n![a](${host.url('gone.png')})\n![b](${host.url('big.png')})\n`;
    lb.server.enqueue({ kind: 'text', text, stream: false });
    const r = await runImageJob(job, deps(store));
    assert.equal(r.files.length, 1);
    assert.equal(ops(store, 'openWrite').length, 2, 'one made ready for each');
    assert.deepEqual(leftInFolder(store), r.files);
  });

  it('a disk that fails mid-download: that file is removed, the image fetched again into memory and saved whole', async () => {
    store.failOn('write', () => true, 3);
    serve('big.png');
    const r = await runImageJob(job, deps(store));
    assert.equal(host.hits.get('big.png'), 2, 'fetched again');
    const whole = new MemoryFileStore();
    whole.streams = false;
    serve('big.png');
    const w = await runImageJob(job, deps(whole));
    assert.deepEqual(Buffer.from(store.files.get(r.files[0]) ?? []), Buffer.from(whole.files.get(w.files[0]) ?? []));
    assert.equal(ops(store, 'writeFile').length, 1);
    assert.deepEqual(leftInFolder(store), r.files);
  });

  it("the same picture by address, by download link and as data URLs: saved once, the repeats' temp files removed", async () => {
    lb.server.enqueue({ kind: 'image', via: 'messagesImages', count: 2, duplicateLinks: true });
    const r = await runImageJob(job, deps(store, { settings: { ...deps(store).settings, embedProvenance: false } }));
    const served = lb.server.lastServedImages();
    assert.equal(r.files.length, 2);
    assert.deepEqual(
      r.files.map((f) => Buffer.from(store.files.get(f) ?? [])),
      served,
    );
    assert.ok(ops(store, 'openWrite').length >= 2, 'addresses went to disk');
    assert.deepEqual(leftInFolder(store).sort(), [...r.files].sort());
  });

  it('the same picture twice with provenance on: saved once, found by reading the two temp files only when their sizes match', async () => {
    lb.server.enqueue({ kind: 'image', via: 'messagesImages', count: 2, duplicateLinks: true });
    const r = await runImageJob(job, deps(store));
    const served = lb.server.lastServedImages();
    assert.equal(r.files.length, 2);
    assert.deepEqual(
      r.files.map((f) =>
        Buffer.from(removePngText(store.files.get(f) ?? new Uint8Array(0), PNG_PROVENANCE_KEYWORD) ?? []),
      ),
      served,
    );
    assert.ok(r.files.every((f) => readProvenance(store.files.get(f) ?? new Uint8Array(0))?.prompt === job.prompt));
    assert.ok(
      ops(store, 'readFile').some((p) => TEMP.test(p)),
      'a repeat of the same size is compared by its stored file',
    );
    assert.deepEqual(leftInFolder(store).sort(), [...r.files].sort());

    const single = new MemoryFileStore();
    serve('big.png');
    await runImageJob(job, deps(single));
    assert.deepEqual(
      ops(single, 'readFile').filter((p) => TEMP.test(p)),
      [],
      'one image is never read back',
    );
  });

  it('a GIF (no place for provenance) streams as it came and says so; a JPEG with provenance is made whole in memory', async () => {
    serve('tiny.gif');
    const g = await runImageJob(job, deps(store));
    assert.deepEqual(Buffer.from(store.files.get(g.files[0]) ?? []), GIF);
    assert.equal(g.provenanceSkipped, 1);
    assert.equal(ops(store, 'openWrite').length, 1);

    const jpegStore = new MemoryFileStore();
    serve('photo.jpg');
    const j = await runImageJob(job, deps(jpegStore));
    const [ready] = ops(jpegStore, 'openWrite');
    assert.deepEqual(ops(jpegStore, 'write'), [], 'XMP goes where only the whole file can say');
    assert.ok(ops(jpegStore, 'delete').includes(ready ?? ''), 'the temp file made ready is removed');
    assert.equal(ops(jpegStore, 'writeFile').length, 1, 'written whole');
    assert.deepEqual(leftInFolder(jpegStore), j.files);
    assert.equal(readProvenance(jpegStore.files.get(j.files[0]) ?? new Uint8Array(0))?.prompt, '画一只可爱的小猫');
  });

  it('a data URL image is saved as a download is: through its temp file, the provenance chunk put in on the way, byte for byte the whole-file save', async () => {
    lb.server.enqueue({ kind: 'image', via: 'dataUrlMarkdown' });
    const r = await runImageJob(job, deps(store));
    const whole = new MemoryFileStore();
    whole.streams = false;
    lb.server.enqueue({ kind: 'image', via: 'dataUrlMarkdown' });
    const w = await runImageJob(job, deps(whole));
    const saved = store.files.get(r.files[0]) ?? new Uint8Array(0);
    assert.deepEqual(Buffer.from(saved), Buffer.from(whole.files.get(w.files[0]) ?? []));
    assert.equal(readProvenance(saved)?.prompt, '画一只可爱的小猫');
    const [temp] = ops(store, 'openWrite');
    assert.match(temp ?? '', TEMP);
    assert.deepEqual(ops(store, 'writeFile'), [], 'never written whole');
    assert.deepEqual(leftInFolder(store), r.files);
  });

  for (const stream of [false, true]) {
    it(`a 1.4 MB PNG as a data URL ${stream ? 'streamed in deltas' : 'in a JSON answer'}: cut out as the answer arrives and saved through its temp file, the PNG as sent with its provenance`, async () => {
      const text = `好的，这是图片：\n![猫](data:image/png;base64,${BIG_PNG.toString('base64')})\n`;
      lb.server.enqueue({ kind: 'text', text, stream });
      const r = await runImageJob(job, deps(store));
      const whole = new MemoryFileStore();
      whole.streams = false;
      lb.server.enqueue({ kind: 'text', text, stream });
      const w = await runImageJob(job, deps(whole));
      const saved = store.files.get(r.files[0]) ?? new Uint8Array(0);
      assert.deepEqual(Buffer.from(saved), Buffer.from(whole.files.get(w.files[0]) ?? []), 'the same file either way');
      assert.ok(
        Buffer.from(removePngText(saved, PNG_PROVENANCE_KEYWORD) ?? []).equals(BIG_PNG),
        'the PNG as sent, once its provenance chunk is taken out',
      );
      assert.equal(readProvenance(saved)?.prompt, '画一只可爱的小猫');
      assert.equal(r.text, '好的，这是图片：', 'the words around it, without the payload');
      assert.ok(ops(store, 'write').length >= 2, 'written in parts');
      assert.deepEqual(ops(store, 'writeFile'), []);
      assert.deepEqual(leftInFolder(store), r.files);
    });
  }

  it('a store that cannot write piece by piece saves as before (whole), with the same file', async () => {
    store.streams = false;
    serve('big.png');
    const r = await runImageJob(job, deps(store));
    assert.deepEqual(ops(store, 'openWrite'), []);
    assert.equal(ops(store, 'writeFile').length, 1);
    assert.equal(readProvenance(store.files.get(r.files[0]) ?? new Uint8Array(0))?.model, 'gpt-4o-image');
  });
});
