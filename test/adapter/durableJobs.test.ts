// Durable jobs through the adapter, with a simulated restart: Generate Image… starts a slow job
// that the server runs in the background; the window "closes" once the job is kept in global
// state; a fresh GenerationService over that same global state resumes it, saves the served
// bytes and inserts the exact Markdown where the cursor was. Also: a closed document gets an
// offer instead, a job the server lost says it could not be resumed, old jobs are dropped.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DURABLE_JOB_MAX_AGE_MS, type DurableJob } from '../../src/core/job/durableJobs';
import { generateCommand } from '../../src/vscode/commands/generate';
import { DurableJobStore, type MementoLike } from '../../src/vscode/durableJobStore';
import { DURABLE_JOBS_KEY } from '../../src/vscode/durableJobsKey';
import { GenerationService } from '../../src/vscode/generationService';
import { resumeStoredJobs } from '../../src/vscode/resumeJobs';
import { useLoopback } from '../support/loopback';
import { FakeUi } from './support/fakeUi';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-durable-adapter-4k2m9p';
const PROMPT = 'a lighthouse in a storm';
const FILE = 'images/2025-09-22-a-lighthouse-in-a-storm.png';

/** Global state as VS Code keeps it: JSON in, JSON out. */
class JsonMemento implements MementoLike {
  readonly map = new Map<string, string>();
  get(key: string): unknown {
    const v = this.map.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as unknown);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, JSON.stringify(value));
  }
}

describe('durable jobs across a restart (adapter, real HTTP)', function () {
  this.timeout(20_000);
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 2, backgroundPolls: 4 } });
  let h: Harness;

  afterEach(async () => h?.dispose());

  /** Starts Generate Image… and "closes the window" once the job is kept: returns global state as it was then. */
  async function startAndClose(memento: JsonMemento): Promise<JsonMemento> {
    h = makeHarness(lb, { key: KEY, durable: new DurableJobStore(memento), pollIntervalMs: 20 });
    h.settings.model = 'gpt-4o-image';
    h.settings.stream = 'never';
    markdownDoc(h, 'post.md', '# Storms\n\nBefore. After.\n', { cursor: '# Storms\n\nBefore.'.length });
    // The cursor moves on while the job runs; the link still goes where it was asked.
    h.editors.cursor = 0;
    h.ui.inputs.push(PROMPT);
    const atClose = new JsonMemento();
    h.ui.cancelWhen = () => {
      const kept = memento.map.get(DURABLE_JOBS_KEY);
      if (kept === undefined) return false;
      atClose.map.set(DURABLE_JOBS_KEY, kept);
      return true;
    };
    await generateCommand(h.ctx);
    assert.ok(atClose.map.has(DURABLE_JOBS_KEY), 'the job was kept before the window closed');
    assert.deepEqual(listFiles(h.root), ['post.md'], 'nothing saved before the reload');
    return atClose;
  }

  /** A new activation: a fresh service over the stored state, the same workspace and editor. */
  function restart(memento: JsonMemento): { ui: FakeUi; run: () => Promise<void> } {
    const ui = new FakeUi();
    const durable = new DurableJobStore(memento);
    const service = new GenerationService({ ui, keys: h.keys, workspace: h.ctx.workspace, dispatcher: lb.agent, log: h.log, durable, pollIntervalMs: 20 });
    const ctx = { ...h.ctx, ui, service };
    return { ui, run: () => resumeStoredJobs(ctx, durable, new Date(2025, 8, 22, 10, 31, 0)) };
  }

  it('the job is kept with everything needed to resume it; after the restart it is polled, saved as served, and linked where the cursor was', async () => {
    const stored = await startAndClose(new JsonMemento());
    const [job] = stored.get(DURABLE_JOBS_KEY) as DurableJob[];
    const serverId = [...lb.server.backgroundJobs.keys()][0];
    assert.deepEqual({ ...job, key: '' }, {
      key: '',
      serverId,
      api: 'chat',
      model: 'gpt-4o-image',
      prompt: PROMPT,
      document: h.editors.snapshot?.document.toString(),
      folder: h.rootUri.toString(),
      insert: { at: 'offset', offset: '# Storms\n\nBefore.'.length },
      options: {},
      created: new Date(2025, 8, 22, 10, 30, 0).toISOString(),
    });

    const after = restart(stored);
    await after.run();

    const posts = lb.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions'));
    assert.equal(posts.length, 1, 'the job was not sent again');
    assert.deepEqual(listFiles(h.root), [FILE, 'post.md']);
    assert.deepEqual(fs.readFileSync(path.join(h.root, FILE)), lb.server.lastServedImages()[0]);
    // Where the cursor was: as its own paragraph after that line, as the editor inserts at a cursor.
    assert.equal(h.editors.text, `# Storms\n\nBefore. After.\n\n![${PROMPT}](${FILE})\n`);
    assert.deepEqual(after.ui.messages(), [`The image job "${PROMPT}" finished after the reload: saved and inserted 2025-09-22-a-lighthouse-in-a-storm.png`]);
    assert.equal(stored.get(DURABLE_JOBS_KEY), undefined, 'nothing left to resume');
  });

  it('the document is no longer open: the image is saved and a notification offers to open it and insert', async () => {
    const stored = await startAndClose(new JsonMemento());
    const document = h.editors.snapshot?.document;
    h.editors.snapshot = undefined;
    const after = restart(stored);
    after.ui.info = async (message: string, ...actions: string[]) => {
      after.ui.shown.push({ level: 'info', message, actions });
      return actions[0];
    };
    await after.run();
    assert.deepEqual(after.ui.shown.map((s) => [s.message, s.actions]), [
      [`The image job "${PROMPT}" finished after the reload: saved 2025-09-22-a-lighthouse-in-a-storm.png. Insert its link into post.md?`, ['Open and Insert']],
    ]);
    assert.equal(h.editors.inserts.length, 1);
    assert.equal(h.editors.inserts[0].document.path, document?.path);
    assert.equal(h.editors.inserts[0].text, `![${PROMPT}](${FILE})`);
    assert.deepEqual(fs.readFileSync(path.join(h.root, FILE)), lb.server.lastServedImages()[0]);
  });

  it('a job the server no longer knows says it could not be resumed, saves nothing and is forgotten', async () => {
    lb.server.enqueueBackground({ outcome: 'gone', polls: 1 });
    const stored = await startAndClose(new JsonMemento());
    const after = restart(stored);
    await after.run();
    assert.equal(after.ui.messages('error').length, 1);
    assert.match(after.ui.messages('error')[0], new RegExp(`^The image job "${PROMPT}" started before the reload could not be resumed: Not found \\(404\\)`));
    assert.deepEqual(listFiles(h.root), ['post.md']);
    assert.equal(stored.get(DURABLE_JOBS_KEY), undefined);
    assert.ok(!h.log.text().includes(KEY));
  });

  it('jobs older than 7 days are dropped with a log line, unreadable ones reported; nothing is polled', async () => {
    h = makeHarness(lb, { key: KEY });
    const memento = new JsonMemento();
    const now = new Date(2025, 8, 22, 10, 31, 0);
    const old: DurableJob = { key: 'old', serverId: 'chatcmpl-bg-old', api: 'chat', model: 'gpt-4o-image', prompt: 'ancient', options: {}, created: new Date(now.getTime() - DURABLE_JOB_MAX_AGE_MS - 60_000).toISOString() };
    await memento.update(DURABLE_JOBS_KEY, [old, { junk: true }]);
    const after = restart(memento);
    await after.run();
    assert.match(h.log.text(), /dropped background chat job chatcmpl-bg-old \("ancient", started .*\): older than the 7 days the server keeps results/);
    assert.deepEqual(after.ui.messages('warn'), ['1 image job(s) started before the reload could not be resumed: what was kept of them is unreadable.']);
    assert.equal(memento.get(DURABLE_JOBS_KEY), undefined);
    assert.deepEqual(lb.server.requests, []);
  });

  it('with durableJobs off nothing is kept and the job is sent without background mode', async () => {
    const memento = new JsonMemento();
    h = makeHarness(lb, { key: KEY, durable: new DurableJobStore(memento), pollIntervalMs: 20 });
    h.settings.model = 'gpt-4o-image';
    h.settings.stream = 'never';
    h.settings.durableJobs = false;
    markdownDoc(h, 'post.md', 'x\n');
    h.ui.inputs.push(PROMPT);
    await generateCommand(h.ctx);
    assert.equal(memento.map.size, 0);
    const post = lb.server.requests.find((r) => r.method === 'POST');
    assert.equal((post?.json as { background?: unknown }).background, undefined);
    assert.deepEqual(listFiles(h.root), [FILE, 'post.md']);
  });
});
