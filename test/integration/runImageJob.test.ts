// core's whole job (check, destination, references, key, generate, save, Markdown) without VS Code:
// a MemoryFileStore for the workspace and the local GeekAI-compatible server over real loopback HTTP.
import assert from 'node:assert/strict';
import { ImageError } from '../../src/core/errors';
import { pathRoots } from '../../src/core/files/destination';
import { runImageJob, type JobDeps } from '../../src/core/job/runImageJob';
import { DEFAULT_SETTINGS } from '../../src/core/job/settings';
import { UnsavedImagesError } from '../../src/core/job/unsavedImages';
import { decodeDataUrl } from '../../src/core/images/dataUrl';
import { encodePng } from '../support/png';
import { coreJobDeps } from '../support/coreJobDeps';
import { MemoryFileStore } from '../support/memoryFileStore';
import { useLoopback } from '../support/loopback';

const KEY = 'sk-core-job-key-0123456789';
const png = (side: number): Uint8Array =>
  new Uint8Array(encodePng({ width: side, height: side, channels: 3, data: Buffer.alloc(side * side * 3, 90) }));

describe('runImageJob (core, memory file store, real HTTP)', () => {
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 5 } });
  let store: MemoryFileStore;

  const asked = { key: 0 };
  const deps = (over: Partial<JobDeps> = {}): JobDeps => coreJobDeps(lb, store, KEY, asked, over);

  beforeEach(() => {
    store = new MemoryFileStore();
    store.seed('/ws/docs/post.md', new TextEncoder().encode('# Post\n'));
    asked.key = 0;
  });

  it('saves beside the document, links relative to it, and sends the trimmed model it chose once', async () => {
    const r = await runImageJob(
      { prompt: 'a paper boat', model: ' gpt-4o-image ', references: [], document: '/ws/docs/post.md' },
      deps(),
    );
    assert.deepEqual(r.files, ['/ws/docs/images/2025-09-22-a-paper-boat.png']);
    assert.deepEqual(Buffer.from(store.files.get(r.files[0]) ?? []), lb.server.lastServedImages()[0]);
    assert.equal(r.markdown, '![a paper boat](images/2025-09-22-a-paper-boat.png)');
    assert.equal(r.model, 'gpt-4o-image');
    const chat = lb.server.requests.filter((q) => q.path.endsWith('/chat/completions'));
    assert.equal(chat.length, 1);
    assert.equal((chat[0].json as { model: string }).model, 'gpt-4o-image');
  });

  it('refuses bad input before asking for the key, touching a file or sending a byte', async () => {
    for (const job of [{ prompt: ' \n ' }, { prompt: 'x', model: 'gpt 4o' }]) {
      await assert.rejects(
        runImageJob({ ...job, references: [] }, deps()),
        (e: unknown) => e instanceof ImageError && e.kind === 'invalidInput',
      );
    }
    await assert.rejects(
      runImageJob({ prompt: 'x', references: [] }, deps({ settings: { ...DEFAULT_SETTINGS, baseUrl: 'file:///etc' } })),
      (e: unknown) => e instanceof ImageError && e.reason === 'badBaseUrl',
    );
    assert.equal(asked.key, 0);
    assert.deepEqual(store.calls, []);
    assert.deepEqual(lb.server.requests, []);
  });

  it('edits: sends the reference from the store and saves `<name>-edited` beside it, never touching the source', async () => {
    const source = png(4);
    store.seed('/ws/art/cat.png', source);
    const r = await runImageJob(
      {
        prompt: 'make it blue',
        model: 'gpt-4o-image',
        references: ['/ws/art/cat.png'],
        besideSource: '/ws/art/cat.png',
      },
      deps(),
    );
    assert.deepEqual(r.files, ['/ws/art/cat-edited.png']);
    assert.deepEqual(store.files.get('/ws/art/cat.png'), source);
    assert.equal(r.markdown, '![make it blue](art/cat-edited.png)');
    const body = lb.server.requests.find((q) => q.path.endsWith('/chat/completions'))?.json as {
      messages: { content: unknown }[];
    };
    const parts = body.messages.at(-1)?.content as { type: string; image_url?: { url: string } }[];
    const sent = parts.find((p) => p.type === 'image_url')?.image_url?.url ?? '';
    assert.deepEqual(decodeDataUrl(sent)?.bytes, source);
  });

  it('a 413 names the largest reference', async () => {
    store.seed('/ws/small.png', png(2));
    store.seed('/ws/big.png', png(40));
    lb.server.enqueue({ kind: 'error', status: 413, message: 'too large' });
    await assert.rejects(
      runImageJob({ prompt: 'merge', model: 'gpt-4o-image', references: ['/ws/small.png', '/ws/big.png'] }, deps()),
      (e: unknown) => {
        assert.ok(e instanceof ImageError && e.kind === 'tooLarge');
        assert.deepEqual(e.params, { name: 'big.png', size: store.files.get('/ws/big.png')?.byteLength });
        return true;
      },
    );
  });

  it('a refused write keeps the paid-for bytes on the error and leaves nothing behind', async () => {
    // Refused whole and piece by piece (the download written as it arrives), as a read-only folder would.
    store.failOn('writeFile', (p) => p.startsWith('/ws/images/'));
    store.failOn('openWrite', (p) => p.startsWith('/ws/images/'));
    await assert.rejects(
      runImageJob({ prompt: 'a kite', model: 'gpt-4o-image', references: [] }, deps()),
      (e: unknown) => {
        assert.ok(e instanceof UnsavedImagesError && e.kind === 'fs');
        assert.deepEqual(
          e.images.map((i) => i.name),
          ['2025-09-22-a-kite.png'],
        );
        assert.deepEqual(Buffer.from(e.images[0].bytes), lb.server.lastServedImages()[0]);
        return true;
      },
    );
    assert.deepEqual([...store.files.keys()], ['/ws/docs/post.md']);
    assert.equal(store.dirs.has('/ws/images'), false);
  });

  it('with no folder open, asks for one (declined: noFolder, before the key) and saves under the chosen one', async () => {
    const none = deps({ roots: pathRoots([]), chooseFolder: async () => undefined });
    await assert.rejects(
      runImageJob({ prompt: 'a kite', references: [] }, none),
      (e: unknown) => e instanceof ImageError && e.reason === 'noFolder',
    );
    assert.equal(asked.key, 0);
    store.seed('/chosen/.keep', new Uint8Array([1]));
    const r = await runImageJob(
      { prompt: 'a kite', model: 'gpt-4o-image', references: [] },
      deps({ roots: pathRoots([]), chooseFolder: async () => '/chosen' }),
    );
    assert.deepEqual(r.files, ['/chosen/images/2025-09-22-a-kite.png']);
    assert.equal(r.markdown, '![a kite](images/2025-09-22-a-kite.png)');
  });

  it('a document outside every workspace folder gets its images inside the workspace, linked relative to the document', async () => {
    store.seed('/elsewhere/notes/todo.md', new TextEncoder().encode('x'));
    const r = await runImageJob(
      { prompt: 'a kite', model: 'gpt-4o-image', references: [], document: '/elsewhere/notes/todo.md' },
      deps(),
    );
    assert.deepEqual(r.files, ['/ws/images/2025-09-22-a-kite.png']);
    assert.equal(r.markdown, '![a kite](../../ws/images/2025-09-22-a-kite.png)');
    assert.deepEqual(store.list('/elsewhere/notes'), ['/elsewhere/notes/todo.md']);
  });
});
