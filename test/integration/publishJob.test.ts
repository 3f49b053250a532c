// The job's web-ready files against the local GeekAI-compatible server: conversion,
// sizes, extensions, transparency and provenance as saved, and the original bytes kept
// (and counted) when a conversion fails.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { pathRoots } from '../../src/core/files/destination';
import { sniffImageType } from '../../src/core/imageType';
import { runImageJob, type JobDeps } from '../../src/core/job/runImageJob';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/job/settings';
import type { Codecs } from '../../src/core/publish/codecs';
import { readProvenance } from '../../src/core/publish/embedProvenance';
import { imageHeaderSize } from '../../src/core/publish/imageSize';
import { testCodecs } from '../support/codecs';
import { MemoryFileStore } from '../support/memoryFileStore';
import { useLoopback } from '../support/loopback';
import { encodePng } from '../support/png';

const KEY = 'sk-publish-job-key-0123456789';
const NOW = new Date(2025, 8, 22, 10, 30, 0);

/** 64×64 RGBA: left half fully transparent, right half opaque blue. */
function transparentPng(): Uint8Array {
  const data = new Uint8Array(64 * 64 * 4);
  for (let i = 0; i < 64 * 64; i++) {
    const x = i % 64;
    data.set(x < 32 ? [0, 0, 0, 0] : [20, 40, 200, 255], i * 4);
  }
  return new Uint8Array(encodePng({ width: 64, height: 64, channels: 4, data }));
}

describe('runImageJob: web-ready files and provenance (real HTTP, real codecs)', function () {
  this.timeout(60_000);
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 2 } });
  let store: MemoryFileStore;
  let codecLoads: number;

  function deps(settings: Partial<Settings>, over: Partial<JobDeps> = {}): JobDeps {
    return {
      files: store,
      roots: pathRoots(['/ws']),
      apiKey: async () => KEY,
      settings: { ...DEFAULT_SETTINGS, baseUrl: lb.server.baseUrl, timeoutSeconds: 20, ...settings },
      dispatcher: lb.agent,
      log: lb.log,
      now: () => NOW,
      codecs: () => {
        codecLoads++;
        return testCodecs();
      },
      ...over,
    };
  }

  beforeEach(() => {
    store = new MemoryFileStore();
    store.seed('/ws/docs/post.md', new TextEncoder().encode('# Post\n'));
    codecLoads = 0;
  });

  it('saves a WebP, scaled down, with the .webp extension in the file and the link, and its provenance inside', async () => {
    const r = await runImageJob(
      {
        prompt: '一只纸船漂在雨后的街道上',
        model: 'gpt-4o-image',
        aspectRatio: '16:9',
        references: [],
        document: '/ws/docs/post.md',
      },
      deps({ saveFormat: 'webp', maxSide: 128, saveQuality: 75 }),
    );
    assert.deepEqual(r.files, ['/ws/docs/images/2025-09-22-一只纸船漂在雨后的街道上.webp']);
    assert.equal(r.markdown, '![一只纸船漂在雨后的街道上](images/2025-09-22-一只纸船漂在雨后的街道上.webp)');
    const saved = store.files.get(r.files[0] ?? '') ?? new Uint8Array();
    assert.equal(sniffImageType(saved)?.ext, 'webp');
    assert.deepEqual(imageHeaderSize(saved), { width: 128, height: 128 }, 'the 256² image scaled to 128²');
    assert.ok(saved.length < (lb.server.lastServedImages()[0]?.length ?? 0), 'smaller than the PNG served');
    const p = readProvenance(saved);
    assert.equal(p?.prompt, '一只纸船漂在雨后的街道上');
    assert.equal(p?.model, 'gpt-4o-image');
    assert.equal(p?.api, 'chat/completions');
    assert.equal(p?.service, new URL(lb.server.baseUrl).origin);
    assert.deepEqual(p?.options, { aspectRatio: '16:9', n: 1, stream: true }, 'the options sent');
    assert.equal(p?.revisedPrompt, '一只纸船漂在雨后的街道上', 'the tool call the stream echoed');
    assert.equal(p?.date, NOW.toISOString());
    assert.ok(!Buffer.from(saved).includes(KEY));
    assert.equal(r.conversionFailures, undefined);
  });

  it('keeps transparency from an edited RGBA reference, and records the reference by name and SHA-256', async () => {
    const ref = transparentPng();
    store.seed('/ws/docs/logo.png', ref);
    const r = await runImageJob(
      { prompt: 'make it red', references: ['/ws/docs/logo.png'], besideSource: '/ws/docs/logo.png' },
      deps({ saveFormat: 'webp' }),
    );
    assert.deepEqual(r.files, ['/ws/docs/logo-edited.webp']);
    const saved = store.files.get('/ws/docs/logo-edited.webp') ?? new Uint8Array();
    const img = await (await testCodecs()).decode(saved, 'webp');
    assert.equal(img.data[(10 * 64 + 5) * 4 + 3], 0, 'left half still transparent');
    assert.equal(img.data[(10 * 64 + 50) * 4 + 3], 255, 'right half opaque');
    assert.deepEqual(readProvenance(saved)?.references, [
      { name: 'logo.png', sha256: createHash('sha256').update(ref).digest('hex') },
    ]);
  });

  it('AVIF: converted and named .avif; the format holds no provenance, which the result counts', async () => {
    const r = await runImageJob(
      { prompt: 'a lighthouse', references: [], document: '/ws/docs/post.md' },
      deps({ saveFormat: 'avif', saveQuality: 50 }),
    );
    assert.match(r.files[0] ?? '', /\.avif$/);
    assert.equal(Buffer.from(store.files.get(r.files[0] ?? '') ?? []).toString('latin1', 4, 12), 'ftypavif');
    assert.equal(r.provenanceSkipped, 1);
  });

  it('a failed conversion saves the image as the server sent it (PNG, with provenance), counts it and logs why', async () => {
    const broken = (): Promise<Codecs> => Promise.reject(new Error('wasm missing'));
    const r = await runImageJob(
      { prompt: 'a lighthouse', references: [], document: '/ws/docs/post.md' },
      deps({ saveFormat: 'jpeg' }, { codecs: broken }),
    );
    assert.deepEqual(r.files, ['/ws/docs/images/2025-09-22-a-lighthouse.png']);
    assert.equal(r.conversionFailures, 1);
    const saved = store.files.get(r.files[0] ?? '') ?? new Uint8Array();
    assert.equal(sniffImageType(saved)?.ext, 'png');
    assert.equal(readProvenance(saved)?.prompt, 'a lighthouse');
    assert.match(lb.log.text(), /conversion to jpeg failed \(wasm missing\); saving the image as received/);
  });

  it('with provenance off and format keep, the file is byte for byte what the server sent, and no codec is loaded', async () => {
    const r = await runImageJob(
      { prompt: 'a lighthouse', references: [], document: '/ws/docs/post.md' },
      deps({ embedProvenance: false }),
    );
    assert.deepEqual(Buffer.from(store.files.get(r.files[0] ?? '') ?? []), lb.server.lastServedImages()[0]);
    assert.equal(codecLoads, 0);
  });
});
