// Heavy work on worker threads (dist/worker.js, built by `node esbuild.js`) against the in-thread
// reference: the same bytes and values, conversions side by side, and what happens when a
// request is cancelled, its thread runs out of memory or dies, or the pool sits idle.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathRoots } from '../../src/core/files/destination';
import { inThreadWork, imageFactsOf, type HeavyWork } from '../../src/core/heavy/heavyWork';
import { blobFor } from '../../src/core/heavy/jsonBlobs';
import { heavyWork, workerWork, type WorkerWork } from '../../src/core/heavy/workerWork';
import { isImageError } from '../../src/core/errors';
import { sniffImageType } from '../../src/core/imageType';
import { runImageJob, type JobDeps } from '../../src/core/job/runImageJob';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/job/settings';
import { bundledCodecs } from '../../src/core/publish/bundledCodecs';
import { embedProvenance, readProvenance } from '../../src/core/publish/embedProvenance';
import { buildProvenance } from '../../src/core/publish/provenance';
import { useLoopback } from '../support/loopback';
import { MemoryFileStore } from '../support/memoryFileStore';
import { encodePng } from '../support/png';
import { samplePng } from '../support/sampleImage';
import { inMemory } from '../support/memorySpill';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');
const WORKER = path.join(DIST, 'worker.js');
const KEY = 'sk-heavy-work-key-0123456789';
const NOW = new Date(2025, 8, 22, 10, 30, 0);

/** Noise compresses badly: a PNG of about side² × 4 bytes, slow to encode. */
function noisePng(side: number): Buffer {
  return encodePng({ width: side, height: side, channels: 4, data: new Uint8Array(randomBytes(side * side * 4)) });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), what);
}

describe('heavy work on worker threads (dist/worker.js) against the in-thread reference', function () {
  this.timeout(120_000);
  const local: HeavyWork = inThreadWork(bundledCodecs(DIST));
  let work: WorkerWork;

  before(() => assert.ok(fs.existsSync(WORKER), 'dist/worker.js is missing: run `node esbuild.js` first'));
  beforeEach(() => {
    work = workerWork({ file: WORKER });
  });
  afterEach(() => work.close());

  it('converts to the same bytes as the in-thread codecs, in every format, resized or not', async () => {
    const png = samplePng(300, 200);
    for (const [format, maxSide] of [
      ['webp', 0],
      ['jpeg', 128],
      ['avif', 0],
      ['png', 150],
      ['keep', 100],
    ] as const) {
      const options = { format, maxSide, quality: 70 };
      const [a, b] = [await work.convert(png, options), await local.convert(png, options)];
      assert.equal(a.kind, 'converted', `${format}: ${a.kind === 'failed' ? a.detail : a.kind}`);
      assert.equal(b.kind, 'converted', format);
      assert.ok(Buffer.from(a.bytes).equals(Buffer.from(b.bytes)), `${format} ${maxSide}: byte for byte`);
      assert.deepEqual({ ...a, bytes: undefined }, { ...b, bytes: undefined }, `${format}: same ext and size`);
    }
    // Nothing to do: answered here, the original bytes, no thread started for it.
    const kept = await work.convert(png, { format: 'png', maxSide: 0, quality: 80 });
    assert.equal(kept.kind, 'unchanged');
    assert.equal(kept.bytes, png);
    assert.ok(Buffer.from(png).equals(samplePng(300, 200)), "the caller's bytes are left as they were");
  });

  it('hashes, reads provenance and header sizes of large files like the in-thread code', async () => {
    const big = randomBytes(3 * 1024 * 1024);
    assert.equal(await work.sha256(big), createHash('sha256').update(big).digest('hex'));
    assert.equal(work.pool.started, 1, 'a large hash goes to a thread');
    const p = buildProvenance({ prompt: '雨后的街道，纸船', model: 'gpt-4o-image', date: NOW });
    const embedded = embedProvenance(noisePng(400), p);
    assert.ok(embedded.embedded && embedded.bytes.byteLength > 256 * 1024);
    const expected = imageFactsOf(embedded.bytes);
    assert.deepEqual(expected.provenance, readProvenance(embedded.bytes));
    // The bytes are handed to the thread (moved, not copied): pass a copy, keep the original to compare.
    const handed = new Uint8Array(embedded.bytes);
    assert.deepEqual(await work.imageFacts(handed), expected);
    assert.equal(handed.byteLength, 0, 'moved to the thread: detached here');
    // A hash or a conversion keeps the caller's bytes (a copy is moved).
    assert.equal(await work.sha256(big), createHash('sha256').update(big).digest('hex'));
    assert.equal(big.byteLength, 3 * 1024 * 1024);
    assert.deepEqual(expected.size, { width: 400, height: 400 });
  });

  it('parses a large JSON answer with its base64 payloads cut out: the same value, the same bytes', async () => {
    const image = noisePng(420);
    const b64 = image.toString('base64');
    const answer = {
      id: 'chatcmpl-1',
      choices: [
        {
          message: {
            role: 'assistant',
            content: `好的 ![cat](data:image/png;base64,${b64}) 完成`,
            images: [{ b64_json: b64 }],
          },
        },
      ],
      note: 'short strings stay as they are',
    };
    const json = JSON.stringify(answer);
    assert.ok(json.length > 1024 * 1024, 'above the in-thread limit');
    const parsed = await work.parseJson(new TextEncoder().encode(json));
    assert.equal(parsed.blobs.size, 2);
    const v = parsed.value as typeof answer;
    const content = v.choices[0].message.content;
    assert.ok(content.length < 200, 'the payload is cut out of the text');
    const url = /\((data:[^)]+)\)/.exec(content)?.[1] ?? '';
    assert.ok(Buffer.from(inMemory(blobFor(url, parsed.blobs))).equals(image), 'the data URL as bytes');
    assert.ok(
      Buffer.from(
        inMemory(blobFor(`data:image/png;base64,${v.choices[0].message.images[0].b64_json}`, parsed.blobs)),
      ).equals(image),
      'b64_json as bytes',
    );
    // Put back, it is the answer as sent.
    const restored = content.replace(url, `data:image/png;base64,${b64}`);
    assert.deepEqual(
      { ...v, choices: [{ message: { ...v.choices[0].message, content: restored, images: [{ b64_json: b64 }] } }] },
      JSON.parse(json),
    );
    await assert.rejects(
      work.parseJson(new TextEncoder().encode(`{"a": "${'x'.repeat(2 * 1024 * 1024)}"`)),
      SyntaxError,
      'not JSON is a SyntaxError, as JSON.parse throws',
    );
  });

  describe('in a job (real HTTP)', () => {
    const lb = useLoopback({ key: KEY, server: { streamDelayMs: 2 } });
    const deps = (store: MemoryFileStore, heavy: HeavyWork, settings: Partial<Settings>): JobDeps => ({
      files: store,
      roots: pathRoots(['/ws']),
      apiKey: async () => KEY,
      settings: { ...DEFAULT_SETTINGS, baseUrl: lb.server.baseUrl, timeoutSeconds: 30, ...settings },
      dispatcher: lb.agent,
      log: lb.log,
      now: () => NOW,
      heavy,
    });
    const job = { prompt: '一只纸船漂在雨后的街道上', model: 'gpt-image-1', references: [] };

    it('saves through the worker what this thread makes of the served images, converting the variations side by side', async () => {
      // No provenance, so each saved file is exactly the conversion of an image the server drew.
      const settings = { saveFormat: 'webp', variations: 4, embedProvenance: false } as const;
      const viaWorker = new MemoryFileStore();
      let most = 0;
      const sampler = setInterval(() => (most = Math.max(most, work.pool.busy)), 1);
      const a = await runImageJob(job, deps(viaWorker, work, settings));
      clearInterval(sampler);
      const served = lb.server.allServedImages();
      assert.equal(a.files.length, 4);
      assert.equal(served.length, 4);
      const expected: Buffer[] = [];
      for (const png of served) {
        const c = await local.convert(png, { format: 'webp', maxSide: 0, quality: DEFAULT_SETTINGS.saveQuality });
        assert.equal(c.kind, 'converted');
        expected.push(Buffer.from(c.bytes));
      }
      for (const f of a.files) {
        const saved = Buffer.from(viaWorker.files.get(f) ?? []);
        assert.equal(sniffImageType(saved)?.ext, 'webp', f);
        assert.ok(
          expected.some((e) => e.equals(saved)),
          `${f}: byte for byte the in-thread conversion of a served image`,
        );
      }
      assert.equal(most, 2, "two threads converting at once (the pool's size)");
    });

    it('a thread that dies mid-conversion: the image is saved as the server sent it, with the reason logged; the next job converts', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-crash-'));
      const crashing = path.join(dir, 'crash.js');
      fs.writeFileSync(crashing, "require('node:worker_threads').parentPort.on('message', () => process.exit(7));\n");
      const dying = workerWork({ file: crashing });
      try {
        const store = new MemoryFileStore();
        const r = await runImageJob({ ...job, model: 'gpt-4o-image' }, deps(store, dying, { saveFormat: 'webp' }));
        assert.equal(r.conversionFailures, 1);
        assert.equal(r.files.length, 1);
        assert.match(r.files[0], /\.png$/);
        const saved = store.files.get(r.files[0]) ?? new Uint8Array();
        assert.equal(sniffImageType(saved)?.ext, 'png');
        assert.equal(readProvenance(saved)?.prompt, job.prompt, 'the original, with its provenance');
        assert.match(
          lb.log.text(),
          /conversion to webp failed \(the image worker stopped: exit code 7\); saving the image as received/,
        );
        assert.equal(dying.pool.threads, 0, 'the dead thread is gone');
      } finally {
        await dying.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const next = await runImageJob(
        { ...job, model: 'gpt-4o-image' },
        deps(new MemoryFileStore(), work, { saveFormat: 'webp' }),
      );
      assert.equal(next.conversionFailures, undefined);
      assert.match(next.files[0], /\.webp$/);
    });
  });

  it('a cancelled conversion terminates its thread at once (its memory freed); the next one gets a fresh thread', async () => {
    const big = noisePng(1400);
    const ac = new AbortController();
    const running = work.convert(big, { format: 'avif', maxSide: 0, quality: 60 }, ac.signal);
    await until(() => work.pool.busy === 1, 'the conversion is running on a thread');
    await new Promise((r) => setTimeout(r, 150));
    const cancelledAt = Date.now();
    ac.abort();
    await assert.rejects(running, (e: unknown) => isImageError(e) && e.kind === 'cancelled');
    assert.ok(Date.now() - cancelledAt < 1000, 'stopped, not waited for');
    assert.equal(work.pool.threads, 0, 'the thread is gone');
    const next = await work.convert(samplePng(64, 64), { format: 'webp', maxSide: 0, quality: 70 });
    assert.equal(next.kind, 'converted');
    assert.equal(work.pool.started, 2, 'a fresh thread for the next conversion');
  });

  it('a thread past its memory limit fails that request with a clear error; the next request gets a fresh thread', async () => {
    const small = workerWork({
      file: WORKER,
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    try {
      // 40 MB of tiny objects: far more heap than 16 MB once parsed.
      const json = `[${Array.from({ length: 800_000 }, (_, i) => `{"i":${i},"s":"ab${i}"}`).join(',')}]`;
      await assert.rejects(
        small.parseJson(new TextEncoder().encode(json)),
        (e: unknown) => isImageError(e) && e.kind === 'badResponse' && /ran out of memory/.test(e.message),
      );
      assert.equal(small.pool.threads, 0);
      const bytes = randomBytes(2 * 1024 * 1024);
      assert.equal(await small.sha256(bytes), createHash('sha256').update(bytes).digest('hex'));
      assert.equal(small.pool.started, 2);
    } finally {
      await small.close();
    }
  });

  it('a pool closed mid-conversion saves nothing wrong: the original bytes come back as a failed conversion, and the next request starts again', async () => {
    const png = noisePng(1000);
    const running = work.convert(png, { format: 'avif', maxSide: 0, quality: 60 });
    await until(() => work.pool.busy === 1, 'running');
    await work.close();
    const r = await running;
    assert.equal(r.kind, 'failed');
    assert.equal(r.bytes, png);
    assert.ok(r.kind === 'failed' && /closed/.test(r.detail));
    assert.equal(
      (await work.convert(samplePng(32, 32), { format: 'jpeg', maxSide: 0, quality: 70 })).kind,
      'converted',
    );
  });

  it('stops its threads when idle, and starts one again when work comes', async () => {
    const idle = workerWork({ file: WORKER, idleMs: 50 });
    try {
      await idle.sha256(randomBytes(2 * 1024 * 1024));
      assert.equal(idle.pool.threads, 1);
      await until(() => idle.pool.threads === 0, 'stopped after 50 ms idle');
      await idle.sha256(randomBytes(2 * 1024 * 1024));
      assert.equal(idle.pool.started, 2);
    } finally {
      await idle.close();
    }
  });

  it('small inputs stay on this thread; without a worker script everything does', async () => {
    await work.sha256(randomBytes(1000));
    await work.imageFacts(samplePng(16, 16));
    await work.parseJson(new TextEncoder().encode('{"a":1}'));
    assert.equal(work.pool.started, 0);
    const fallback = heavyWork({ file: path.join(DIST, 'no-such-worker.js'), loadCodecs: bundledCodecs(DIST) });
    assert.ok(!('pool' in fallback));
    assert.equal(
      (await fallback.convert(samplePng(40, 30), { format: 'webp', maxSide: 0, quality: 70 })).kind,
      'converted',
    );
  });
});
