// core's whole job on the Images and Responses APIs: the settings choose the API and options,
// a job's own options win one by one, variations are saved as a set (bytes as served, no overwrite).
import assert from 'node:assert/strict';
import { pathRoots } from '../../src/core/files/destination';
import { runImageJob, type JobDeps } from '../../src/core/job/runImageJob';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../../src/core/job/settings';
import { decodePng, encodePng } from '../support/png';
import { MemoryFileStore } from '../support/memoryFileStore';
import { useLoopback } from '../support/loopback';

const KEY = 'sk-core-apis-key-0123456789';
const NOW = new Date(2025, 8, 22, 10, 30, 0);

describe('runImageJob on every API (core, memory file store, real HTTP)', () => {
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 2, taskPolls: 1 } });
  let store: MemoryFileStore;

  function deps(settings: Partial<Settings> = {}): JobDeps {
    return {
      files: store,
      roots: pathRoots(['/ws']),
      apiKey: async () => KEY,
      // Saved bytes are compared with the served ones; provenance is tested in publishJob.test.ts.
      settings: {
        ...DEFAULT_SETTINGS,
        baseUrl: lb.server.baseUrl,
        timeoutSeconds: 20,
        embedProvenance: false,
        ...settings,
      },
      dispatcher: lb.agent,
      log: lb.log,
      now: () => NOW,
      pollIntervalMs: 10,
    };
  }

  beforeEach(() => {
    store = new MemoryFileStore();
    store.seed('/ws/docs/post.md', new TextEncoder().encode('# Post\n'));
  });

  const posts = (path: string): Record<string, unknown>[] =>
    lb.server.requests
      .filter((r) => r.method === 'POST' && r.path === `/api/v1${path}`)
      .map((r) => r.json as Record<string, unknown>);

  it('reads the new settings, falling back on bad values', () => {
    const s = readSettings(
      (k) =>
        ({
          api: 'images',
          variations: 9,
          size: ' 1024x1024 ',
          quality: 'high',
          background: 'transparent',
          outputFormat: 'gif',
          negativePrompt: ' blur ',
          asyncTasks: true,
        })[k as string],
    );
    assert.deepEqual(
      [s.api, s.variations, s.size, s.quality, s.background, s.outputFormat, s.negativePrompt, s.asyncTasks],
      ['images', 4, '1024x1024', 'high', 'transparent', '', 'blur', true],
    );
    assert.equal(readSettings((k) => ({ api: 'fax', variations: 'x' })[k as string]).api, 'auto');
    assert.equal(readSettings(() => undefined).variations, 1);
  });

  it('variations from the settings: three files saved as served, each its own name, one link each', async () => {
    const r = await runImageJob(
      { prompt: 'a paper boat', model: 'gpt-image-1', references: [], document: '/ws/docs/post.md' },
      deps({ variations: 3, quality: 'low' }),
    );
    assert.equal(r.api, 'images');
    assert.deepEqual(r.files, [
      '/ws/docs/images/2025-09-22-a-paper-boat-1.png',
      '/ws/docs/images/2025-09-22-a-paper-boat-2.png',
      '/ws/docs/images/2025-09-22-a-paper-boat-3.png',
    ]);
    assert.deepEqual(
      r.files.map((f) => Buffer.from(store.files.get(f) ?? [])),
      lb.server.lastServedImages(),
    );
    assert.deepEqual(posts('/images/generations'), [
      { model: 'gpt-image-1', prompt: 'a paper boat', n: 3, quality: 'low' },
    ]);
    assert.equal(r.markdown.split('\n\n').length, 3);
    assert.deepEqual(
      r.images.map((i) => [i.variation, i.revisedPrompt]),
      [0, 0, 0].map((v) => [v, 'A detailed rendering of: a paper boat']),
    );
  });

  it("a job's own options win over the settings, one by one; the api setting overrides the catalog", async () => {
    const r = await runImageJob(
      { prompt: 'a kite', model: 'gpt-4.1', references: [], options: { n: 1, outputFormat: 'jpeg', size: '' } },
      deps({ variations: 2, size: '1536x1024', outputFormat: 'png', background: 'opaque' }),
    );
    assert.equal(r.api, 'responses');
    const tool = (posts('/responses')[0].tools as Record<string, unknown>[])[0];
    assert.deepEqual(tool, {
      type: 'image_generation',
      size: '1536x1024',
      background: 'opaque',
      output_format: 'jpeg',
      partial_images: 2,
    });
    assert.deepEqual(r.files, ['/ws/images/2025-09-22-a-kite.jpg']);
    const forced = await runImageJob(
      { prompt: 'a kite', model: 'my-relay-model', references: [] },
      deps({ api: 'images' }),
    );
    assert.equal(forced.api, 'images');
    assert.equal(posts('/images/generations').length, 1);
  });

  it('async tasks from the settings are polled; a masked edit is saved beside the source', async () => {
    const data = Uint8Array.from({ length: 4 * 4 * 3 }, (_, i) => (i * 53) % 256);
    store.seed('/ws/art/cat.png', encodePng({ width: 4, height: 4, channels: 3, data }));
    const mask = new Uint8Array(4 * 4 * 4);
    for (let p = 0; p < 16; p++) mask[p * 4 + 3] = p < 8 ? 0 : 255;
    const r = await runImageJob(
      {
        prompt: 'top half at night',
        model: 'gpt-image-1',
        references: ['/ws/art/cat.png'],
        besideSource: '/ws/art/cat.png',
        mask: encodePng({ width: 4, height: 4, channels: 4, data: mask }),
      },
      deps({ asyncTasks: true }),
    );
    assert.deepEqual(r.files, ['/ws/art/cat-edited.png']);
    assert.equal(posts('/images/edits')[0].async, true);
    assert.equal(
      lb.server.requests.filter((q) => q.method === 'GET' && q.path.startsWith('/api/v1/images/')).length,
      2,
    );
    const out = decodePng(store.files.get(r.files[0]) ?? new Uint8Array());
    for (let i = 0; i < data.length; i++) assert.equal(out.data[i], Math.floor(i / 3) < 8 ? 255 - data[i] : data[i]);
  });

  it('"Edit this" on a Responses result continues the answer instead of uploading the image', async () => {
    const first = await runImageJob({ prompt: 'a lamp', model: 'gpt-4.1', references: [] }, deps());
    const responseId = first.images[0].responseId;
    assert.match(responseId ?? '', /^resp_/);
    const second = await runImageJob(
      { prompt: 'make it blue', model: 'gpt-4.1', references: [], previousResponseId: responseId },
      deps(),
    );
    const body = posts('/responses')[1];
    assert.equal(body.previous_response_id, responseId);
    assert.equal(body.input, 'make it blue');
    assert.notEqual(second.images[0].responseId, responseId);
  });
});
