// Durable jobs in core over real loopback: a slow chat job starts in GeekAI's background mode
// and is polled at GET /chat/{id}; its id is handed on as soon as it is known; a job resumed by
// that id (after a reload) is polled, not sent again, and saved like any other. Failed, expired
// and forgotten jobs end in errors the adapter can word.
import assert from 'node:assert/strict';
import { pathRoots } from '../../src/core/files/destination';
import { runImageJob, type JobDeps } from '../../src/core/job/runImageJob';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/job/settings';
import { MemoryFileStore } from '../support/memoryFileStore';
import { expectImageError } from '../support/expect';
import { useLoopback } from '../support/loopback';

const KEY = 'sk-core-background-key-0123456789';
const NOW = new Date(2025, 8, 22, 10, 30, 0);
const SLOW = 'gpt-4o-image';

describe('durable jobs: chat background mode (core, memory file store, real HTTP)', () => {
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 2, backgroundPolls: 3 } });
  let store: MemoryFileStore;

  function deps(settings: Partial<Settings> = {}): JobDeps {
    return {
      files: store,
      roots: pathRoots(['/ws']),
      apiKey: async () => KEY,
      settings: {
        ...DEFAULT_SETTINGS,
        baseUrl: lb.server.baseUrl,
        timeoutSeconds: 20,
        embedProvenance: false,
        stream: 'never',
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

  const chatPosts = (): Record<string, unknown>[] =>
    lb.server.requests
      .filter((r) => r.method === 'POST' && r.path === '/api/v1/chat/completions')
      .map((r) => r.json as Record<string, unknown>);
  const polls = (id: string): number =>
    lb.server.requests.filter((r) => r.method === 'GET' && r.path === `/api/v1/chat/${id}`).length;

  it('a slow non-streamed job is sent with background: true, its id handed on, polled until completed, and saved as served', async () => {
    const ids: [string, string][] = [];
    const r = await runImageJob(
      { prompt: 'a slow lighthouse', model: SLOW, references: [], document: '/ws/docs/post.md' },
      deps(),
      { onServerJob: (id, api) => ids.push([id, api]) },
    );

    assert.deepEqual(chatPosts(), [
      { model: SLOW, messages: [{ role: 'user', content: 'a slow lighthouse' }], background: true },
    ]);
    assert.equal(ids.length, 1);
    const [id, api] = ids[0];
    assert.equal(api, 'chat');
    assert.ok(lb.server.backgroundJobs.has(id));
    assert.equal(polls(id), 4, 'three answers still running, then the completed one');
    assert.deepEqual(r.files, ['/ws/docs/images/2025-09-22-a-slow-lighthouse.png']);
    assert.deepEqual(Buffer.from(store.files.get(r.files[0]) ?? []), lb.server.lastServedImages()[0]);
    assert.equal(r.markdown, '![a slow lighthouse](images/2025-09-22-a-slow-lighthouse.png)');
  });

  it('resumed by its id: only polled (nothing posted again), saved and linked the same way', async () => {
    // The first run stops (as the editor would on a reload) once the server has the job.
    const controller = new AbortController();
    let id = '';
    await expectImageError(
      runImageJob({ prompt: 'a resumed fox', model: SLOW, references: [], document: '/ws/docs/post.md' }, deps(), {
        signal: controller.signal,
        onServerJob: (serverId) => {
          id = serverId;
          controller.abort();
        },
      }),
    );
    assert.ok(id);
    assert.deepEqual(
      [...store.files.keys()].filter((p) => p.endsWith('.png')),
      [],
      'nothing saved by the stopped run',
    );

    const r = await runImageJob(
      { prompt: 'a resumed fox', model: SLOW, references: [], document: '/ws/docs/post.md', resumeId: id },
      deps(),
    );
    assert.equal(chatPosts().length, 1, 'the job was not sent twice');
    assert.ok(polls(id) >= 3);
    assert.deepEqual(Buffer.from(store.files.get(r.files[0]) ?? []), lb.server.lastServedImages()[0]);
    assert.equal(r.markdown, '![a resumed fox](images/2025-09-22-a-resumed-fox.png)');
  });

  it('an Images API task (asyncTasks) is handed on too, and resumed by its id: polled at /images/{id}, not posted again', async () => {
    const controller = new AbortController();
    const ids: [string, string][] = [];
    await expectImageError(
      runImageJob(
        { prompt: 'a kept kite', model: 'gpt-image-1', references: [], document: '/ws/docs/post.md' },
        deps({ asyncTasks: true }),
        {
          signal: controller.signal,
          onServerJob: (id, api) => {
            ids.push([id, api]);
            controller.abort();
          },
        },
      ),
    );
    assert.equal(ids.length, 1);
    assert.equal(ids[0][1], 'images');
    const r = await runImageJob(
      {
        prompt: 'a kept kite',
        model: 'gpt-image-1',
        references: [],
        document: '/ws/docs/post.md',
        resumeId: ids[0][0],
      },
      deps({ asyncTasks: true }),
    );
    assert.equal(lb.server.requests.filter((q) => q.method === 'POST').length, 1, 'the task was not posted again');
    assert.ok(lb.server.requests.some((q) => q.method === 'GET' && q.path === `/api/v1/images/${ids[0][0]}`));
    assert.deepEqual(Buffer.from(store.files.get(r.files[0]) ?? []), lb.server.lastServedImages()[0]);
    assert.equal(r.markdown, '![a kept kite](images/2025-09-22-a-kept-kite.png)');
  });

  it('Gemini (answers in seconds), a streamed model, or durableJobs off: no background mode', async () => {
    await runImageJob({ prompt: 'quick', model: 'gemini-2.5-flash-image', references: [] }, deps());
    await runImageJob({ prompt: 'streamed', model: SLOW, references: [] }, deps({ stream: 'auto' }));
    await runImageJob({ prompt: 'off', model: SLOW, references: [] }, deps({ durableJobs: false }));
    assert.deepEqual(
      chatPosts().map((b) => b.background),
      [undefined, undefined, undefined],
    );
    assert.equal(lb.server.backgroundJobs.size, 0);
  });

  it('a job that failed on the server: server/taskFailed with its words; nothing saved', async () => {
    lb.server.enqueueBackground({ outcome: 'failed', polls: 1 });
    const e = await expectImageError(
      runImageJob({ prompt: 'doomed', model: SLOW, references: [], document: '/ws/docs/post.md' }, deps()),
    );
    assert.equal(e.kind, 'server');
    assert.equal(e.reason, 'taskFailed');
    assert.equal(e.detail, 'The upstream model failed to draw the image.');
    assert.deepEqual(
      [...store.files.keys()].filter((p) => p.endsWith('.png')),
      [],
    );
  });

  it('an expired job: taskFailed naming the status; a job the server no longer knows: 404 notFound', async () => {
    lb.server.enqueueBackground({ outcome: 'expired', polls: 0 }, { outcome: 'gone', polls: 1 });
    const expired = await expectImageError(runImageJob({ prompt: 'old', model: SLOW, references: [] }, deps()));
    assert.equal(expired.reason, 'taskFailed');
    assert.equal(expired.params.status, 'expired');
    const gone = await expectImageError(runImageJob({ prompt: 'forgotten', model: SLOW, references: [] }, deps()));
    assert.equal(gone.kind, 'notFound');
    assert.equal(gone.status, 404);
  });

  it('a job still running when the time limit comes: timeout/task', async () => {
    lb.server.enqueueBackground({ outcome: 'never' });
    const e = await expectImageError(
      runImageJob(
        { prompt: 'endless', model: SLOW, references: [] },
        { ...deps({ timeoutSeconds: 1 }), pollIntervalMs: 200 },
      ),
    );
    assert.equal(e.kind, 'timeout');
    assert.equal(e.reason, 'task');
  });
});
