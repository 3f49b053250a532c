// Durable jobs through the adapter, with a simulated restart: Generate Image… starts a slow job
// that the server runs in the background; the window "closes" once the job is kept in global
// state; a fresh GenerationService over that same global state resumes it, saves the served
// bytes and inserts the exact Markdown where the cursor was. Also: a closed document gets an
// offer instead, a job the server lost says it could not be resumed, old jobs are dropped.
// Several windows share global state: a job is resumed only by a window with its workspace, by
// one window only, and only at the base URL it was sent to (polls counted per window's key at
// the test server). Each window runs in its own simulated extension host process; a window that
// closes or reloads ends it, and writes nothing on the way out.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DURABLE_JOB_MAX_AGE_MS, type DurableJob } from '../../src/core/job/durableJobs';
import { generateCommand } from '../../src/vscode/commands/generate';
import {
  DurableJobStore,
  type ClaimTiming,
  type HostProcess,
  type MementoLike,
} from '../../src/vscode/durableJobStore';
import { DURABLE_JOBS_KEY } from '../../src/vscode/durableJobsKey';
import { GenerationService } from '../../src/vscode/generationService';
import { KeyStore } from '../../src/vscode/keyStore';
import type { WorkspacePort } from '../../src/vscode/ports';
import { resumeStoredJobs } from '../../src/vscode/resumeJobs';
import { useLoopback } from '../support/loopback';
import { startTestServer } from '../server/testServer';
import { hostileCase } from '../reliability/support/tally';
import { FakeUi } from './support/fakeUi';
import { listFiles, makeHarness, markdownDoc, MemorySecrets, type Harness } from './support/harness';
import { FakeMachine, SharedGlobalState } from './support/sharedState';

const KEY = 'sk-durable-adapter-4k2m9p';
const PROMPT = 'a lighthouse in a storm';
const FILE = 'images/2025-09-22-a-lighthouse-in-a-storm.png';
/** Another window's key: its polls are told apart from the first window's at the server. */
const KEY_B = 'sk-durable-window-b-7q3x';
/** Claims go stale in well under a second here, so a takeover is seen within a test. */
const TIMING: ClaimTiming = { staleMs: 600, refreshMs: 100, settleMs: 40, recheckMs: 50 };
/** Claims that would not go stale within a test: only a process that ended frees one. */
const NEVER_STALE: ClaimTiming = { ...TIMING, staleMs: 60_000 };

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
  const extra: Harness[] = [];
  const machine = new FakeMachine();

  afterEach(async () => {
    await h?.dispose();
    for (const x of extra.splice(0)) await x.dispose();
  });

  /**
   * Starts Generate Image… and "closes the window" once the job is kept: returns global state as
   * it was then (what the window wrote later is lost with it). Its process ends, unless `hung`.
   */
  async function startAndClose(
    memento: JsonMemento,
    o: { hung?: boolean; folders?: boolean; process?: HostProcess & { end(): void } } = {},
  ): Promise<JsonMemento> {
    const proc = o.process ?? machine.process();
    const first = new DurableJobStore(memento, { timing: TIMING, process: proc });
    h = makeHarness(lb, { key: KEY, durable: first, pollIntervalMs: 20, folders: o.folders });
    h.settings.model = 'gpt-4o-image';
    h.settings.stream = 'never';
    h.ui.pickedFolder = h.rootUri;
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
    const claim = (atClose.get(DURABLE_JOBS_KEY) as DurableJob[])[0].claim;
    assert.deepEqual(
      { ...claim, at: undefined },
      { owner: first.owner, at: undefined, host: proc.host, pid: proc.pid },
      'the window that started it holds it, naming its process',
    );
    assert.ok(Math.abs(Date.parse(claim?.at ?? '') - Date.now()) < 5000, `claimed just now (${claim?.at})`);
    if (!o.hung) proc.end();
    return atClose;
  }

  interface Window {
    ui: FakeUi;
    store: DurableJobStore;
    /** Its extension host process: `end()` is the window closing or reloading. */
    process: HostProcess & { end(): void };
    run: () => Promise<void>;
  }

  /** A new activation over `memento`, in a process of its own: the workspace and editor of `over` (else h's), its own key, UI and service. */
  function openWindow(
    memento: MementoLike,
    o: { over?: Harness; key?: string; workspace?: WorkspacePort; timing?: ClaimTiming } = {},
  ): Window {
    const over = o.over ?? h;
    const ui = new FakeUi();
    const secrets = new MemorySecrets();
    secrets.map.set('geekaiImage.apiKey', o.key ?? KEY);
    const workspace = o.workspace ?? over.ctx.workspace;
    // The test server's base URL is the user's own setting here, as in the harness.
    const keys = new KeyStore(secrets, {}, { userBaseUrl: () => over.ctx.workspace.userBaseUrl() });
    const proc = machine.process();
    const store = new DurableJobStore(memento, { timing: o.timing ?? TIMING, process: proc });
    const service = new GenerationService({
      ui,
      keys,
      workspace,
      dispatcher: lb.agent,
      log: over.log,
      durable: store,
      pollIntervalMs: 20,
    });
    const ctx = { ...over.ctx, ui, service, keys, workspace };
    return { ui, store, process: proc, run: () => resumeStoredJobs(ctx, store, new Date(2025, 8, 22, 10, 31, 0)) };
  }

  function restart(memento: MementoLike): Window {
    return openWindow(memento);
  }

  /** Another window, on another folder, with its own key. */
  function otherWindow(memento: MementoLike, key = KEY_B): { window: Window; harness: Harness } {
    const harness = makeHarness(lb, { key });
    extra.push(harness);
    return { window: openWindow(memento, { over: harness, key }), harness };
  }

  /** Polls of background chat jobs the server answered for `key`. */
  function pollsBy(key: string): number {
    return lb.server.requests.filter(
      (r) => r.method === 'GET' && /\/chat\/chatcmpl-bg-/.test(r.path) && r.headers.authorization === `Bearer ${key}`,
    ).length;
  }

  function finished(ui: FakeUi): string[] {
    return ui.messages().filter((m) => m.includes('finished after the reload'));
  }

  it('the job is kept with everything needed to resume it; after the restart it is polled, saved as served, and linked where the cursor was', async () => {
    const stored = await startAndClose(new JsonMemento());
    const [job] = stored.get(DURABLE_JOBS_KEY) as DurableJob[];
    const serverId = [...lb.server.backgroundJobs.keys()][0];
    assert.deepEqual(
      { ...job, key: '' },
      {
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
        workspace: [h.rootUri.toString()],
        baseUrl: lb.server.baseUrl,
        // Held still: the window wrote nothing as it closed.
        claim: job.claim,
      },
    );

    const after = restart(stored);
    await after.run();

    const posts = lb.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions'));
    assert.equal(posts.length, 1, 'the job was not sent again');
    assert.deepEqual(listFiles(h.root), [FILE, 'post.md']);
    assert.deepEqual(fs.readFileSync(path.join(h.root, FILE)), lb.server.lastServedImages()[0]);
    // Where the cursor was: as its own paragraph after that line, as the editor inserts at a cursor.
    assert.equal(h.editors.text, `# Storms\n\nBefore. After.\n\n![${PROMPT}](${FILE})\n`);
    assert.deepEqual(after.ui.messages(), [
      `The image job "${PROMPT}" finished after the reload: saved and inserted 2025-09-22-a-lighthouse-in-a-storm.png`,
    ]);
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
    assert.deepEqual(
      after.ui.shown.map((s) => [s.message, s.actions]),
      [
        [
          `The image job "${PROMPT}" finished after the reload: saved 2025-09-22-a-lighthouse-in-a-storm.png. Insert its link into post.md?`,
          ['Open and Insert'],
        ],
      ],
    );
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
    assert.match(
      after.ui.messages('error')[0],
      new RegExp(`^The image job "${PROMPT}" started before the reload could not be resumed: Not found \\(404\\)`),
    );
    assert.deepEqual(listFiles(h.root), ['post.md']);
    assert.equal(stored.get(DURABLE_JOBS_KEY), undefined);
    assert.ok(!h.log.text().includes(KEY));
  });

  it('jobs older than 7 days are dropped with a log line, unreadable ones reported; nothing is polled', async () => {
    h = makeHarness(lb, { key: KEY });
    const memento = new JsonMemento();
    const now = new Date(2025, 8, 22, 10, 31, 0);
    const old: DurableJob = {
      key: 'old',
      serverId: 'chatcmpl-bg-old',
      api: 'chat',
      model: 'gpt-4o-image',
      prompt: 'ancient',
      options: {},
      created: new Date(now.getTime() - DURABLE_JOB_MAX_AGE_MS - 60_000).toISOString(),
    };
    await memento.update(DURABLE_JOBS_KEY, [old, { junk: true }]);
    const after = restart(memento);
    await after.run();
    assert.match(
      h.log.text(),
      /dropped background chat job chatcmpl-bg-old \("ancient", started .*\): older than the 7 days the server keeps results/,
    );
    assert.deepEqual(after.ui.messages('warn'), [
      '1 image job(s) started before the reload could not be resumed: what was kept of them is unreadable.',
    ]);
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

  /** Global state as two windows see it, each starting from `stored`. */
  function twoViews(stored: JsonMemento, lagMs: number): [MementoLike, MementoLike, SharedGlobalState] {
    const shared = new SharedGlobalState(lagMs);
    const first = shared.window();
    for (const [k, v] of stored.map) first.map.set(k, v);
    return [first, shared.window(), shared];
  }

  function keptJobs(memento: MementoLike): DurableJob[] {
    return (memento.get(DURABLE_JOBS_KEY) as DurableJob[] | undefined) ?? [];
  }

  hostileCase(
    "a window on another workspace leaves the job alone (no poll with its key, nothing in its folder); the job's own window resumes it",
    async () => {
      const stored = await startAndClose(new JsonMemento());
      const before = pollsBy(KEY);
      const { window: b, harness: hb } = otherWindow(stored);
      await b.run();
      assert.equal(pollsBy(KEY_B), 0, 'the other window sent nothing');
      assert.equal(lb.server.requests.filter((r) => r.headers.authorization === `Bearer ${KEY_B}`).length, 0);
      assert.deepEqual(b.ui.shown, []);
      assert.equal(keptJobs(stored).length, 1, 'kept for its own window');

      const a = restart(stored);
      await a.run();
      assert.ok(pollsBy(KEY) > before, 'its own window polled it');
      assert.equal(pollsBy(KEY), 5, 'polled until done, once: 4 "in progress" answers, then the result');
      assert.deepEqual(listFiles(h.root), [FILE, 'post.md']);
      assert.deepEqual(listFiles(hb.root), [], "no copy in the other window's folder");
      assert.equal(finished(a.ui).length, 1);
      assert.equal(keptJobs(stored).length, 0);
    },
  );

  hostileCase(
    'two windows with the same workspace start together: one claims and polls the job, the other waits; one file, one link, one message',
    async () => {
      const stored = await startAndClose(new JsonMemento());
      const before = pollsBy(KEY);
      // A write reaches the other window 10 ms later: both see the job free and claim it at once.
      const [v1, v2, shared] = twoViews(stored, 10);
      const w1 = openWindow(v1, { key: KEY });
      const w2 = openWindow(v2, { key: KEY_B });
      await Promise.all([w1.run(), w2.run()]);
      const p1 = pollsBy(KEY) - before;
      const p2 = pollsBy(KEY_B);
      assert.ok((p1 === 0) !== (p2 === 0), `exactly one window polled (first ${p1}, second ${p2})`);
      assert.equal(pollsBy(KEY) + p2, 5, 'one series of polls in all');
      assert.equal(lb.server.requests.filter((r) => r.method === 'POST').length, 1, 'sent once, before the reload');
      assert.deepEqual(listFiles(h.root), [FILE, 'post.md'], 'one file');
      assert.equal(finished(w1.ui).length + finished(w2.ui).length, 1, 'one message');
      assert.equal(h.editors.text, `# Storms\n\nBefore. After.\n\n![${PROMPT}](${FILE})\n`, 'one link');
      while (shared.settling()) await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual([keptJobs(v1), keptJobs(v2)], [[], []]);
    },
  );

  hostileCase(
    'a window opened while another runs the job on the same workspace does not poll it; the running window finishes it alone',
    async () => {
      const memento = new JsonMemento();
      h = makeHarness(lb, {
        key: KEY,
        durable: new DurableJobStore(memento, { timing: TIMING, process: machine.process() }),
        pollIntervalMs: 20,
      });
      h.settings.model = 'gpt-4o-image';
      h.settings.stream = 'never';
      markdownDoc(h, 'post.md', 'x\n');
      h.ui.inputs.push(PROMPT);
      const second = openWindow(memento, { key: KEY_B });
      let secondRun: Promise<void> | undefined;
      h.ui.cancelWhen = () => {
        if (!secondRun && memento.map.has(DURABLE_JOBS_KEY)) secondRun = second.run();
        return false;
      };
      await generateCommand(h.ctx);
      assert.ok(secondRun, 'the second window started while the job ran');
      await secondRun;
      assert.equal(pollsBy(KEY_B), 0);
      assert.equal(pollsBy(KEY), 5);
      assert.deepEqual(listFiles(h.root), [FILE, 'post.md']);
      assert.deepEqual(second.ui.shown, []);
      assert.equal(memento.get(DURABLE_JOBS_KEY), undefined);
    },
  );

  /** The first poll of the resumed job, as the server received it. */
  function firstPollSince(from: number): number {
    const poll = lb.server.requests.slice(from).find((r) => r.method === 'GET' && /\/chat\/chatcmpl-bg-/.test(r.path));
    assert.ok(poll, 'the job was polled');
    return poll.receivedAt;
  }

  it('a reloaded window takes its own job back at once: the claim is still fresh (nothing was written as the window went), but its process is gone', async () => {
    const stored = await startAndClose(new JsonMemento());
    const claimAt = Date.parse(keptJobs(stored)[0].claim?.at ?? '');
    const from = lb.server.requests.length;
    // Claims that would hold for a minute: only the ended process lets this window take it.
    const a = openWindow(stored, { timing: NEVER_STALE });
    const started = Date.now();
    await a.run();
    assert.ok(
      firstPollSince(from) - started < 1000,
      `polled at once (after ${firstPollSince(from) - started} ms; the claim was ${started - claimAt} ms old)`,
    );
    assert.doesNotMatch(h.log.text(), /polled by another window/);
    assert.equal(pollsBy(KEY), 5);
    assert.deepEqual(listFiles(h.root), [FILE, 'post.md']);
    assert.equal(finished(a.ui).length, 1);
    assert.equal(keptJobs(stored).length, 0);
  });

  it('a claim whose process still runs (a window that hangs) holds the job until it is stale; then one window takes it', async () => {
    const stored = await startAndClose(new JsonMemento(), { hung: true });
    const claimAt = Date.parse(keptJobs(stored)[0].claim?.at ?? '');
    const from = lb.server.requests.length;
    const a = restart(stored);
    await a.run();
    assert.ok(firstPollSince(from) >= claimAt + TIMING.staleMs, 'not polled while the claim was fresh');
    assert.match(
      h.log.text(),
      /1 of them polled by another window now: taken should its process end or its claim go stale/,
    );
    assert.match(h.log.text(), /is polled by another window; looked at again should that window stop/);
    assert.equal(pollsBy(KEY), 5);
    assert.deepEqual(listFiles(h.root), [FILE, 'post.md']);
    assert.equal(finished(a.ui).length, 1);
  });

  it("a claim from another machine's extension host (same folder URIs, e.g. a remote window) holds until it is stale, whatever runs here under its process id", async () => {
    const elsewhere = new FakeMachine('another-machine').process();
    const stored = await startAndClose(new JsonMemento(), { process: elsewhere });
    assert.equal(keptJobs(stored)[0].claim?.host, 'another-machine');
    const claimAt = Date.parse(keptJobs(stored)[0].claim?.at ?? '');
    const from = lb.server.requests.length;
    const a = restart(stored);
    await a.run();
    assert.ok(firstPollSince(from) >= claimAt + TIMING.staleMs, 'not polled while the claim was fresh');
    assert.equal(pollsBy(KEY), 5);
    assert.equal(finished(a.ui).length, 1);
  });

  hostileCase(
    'two activations over one global state (the window before a reload still polling as the new one starts): the new one waits, takes the job once the old process ends, and it is saved and linked once',
    async () => {
      lb.server.enqueueBackground({ outcome: 'completed', polls: 12 });
      const shared = new SharedGlobalState(10);
      const oldView = shared.window();
      const newView = shared.window();
      const oldProcess = machine.process();
      h = makeHarness(lb, {
        key: KEY,
        durable: new DurableJobStore(oldView, { timing: NEVER_STALE, process: oldProcess }),
        pollIntervalMs: 20,
      });
      h.settings.model = 'gpt-4o-image';
      h.settings.stream = 'never';
      h.ui.pickedFolder = h.rootUri;
      markdownDoc(h, 'post.md', '# Storms\n\nBefore. After.\n', { cursor: '# Storms\n\nBefore.'.length });
      h.ui.inputs.push(PROMPT);
      const fresh = openWindow(newView, { key: KEY_B, timing: NEVER_STALE });
      let freshRun: Promise<void> | undefined;
      let endedAt = 0;
      h.ui.cancelWhen = () => {
        if (endedAt) return true;
        if (!freshRun && newView.get(DURABLE_JOBS_KEY) !== undefined) freshRun = fresh.run();
        // The old window keeps polling while the new one looks; then its process ends, mid-job,
        // and what it writes on the way out (the job's removal as it is cancelled) is lost.
        if (!freshRun || pollsBy(KEY) < 4 || !h.log.text().includes('is polled by another window')) return false;
        endedAt = Date.now();
        oldProcess.end();
        oldView.close();
        return true;
      };
      await generateCommand(h.ctx);
      assert.ok(
        freshRun && endedAt > 0,
        'the new window started while the old one polled, and the old one ended mid-job',
      );
      await freshRun;
      const byNew = lb.server.requests.filter((r) => r.headers.authorization === `Bearer ${KEY_B}`);
      assert.ok(byNew.length > 0, 'the new window polled');
      assert.ok(
        byNew.every((r) => r.receivedAt >= endedAt),
        'not while the old window still polled',
      );
      assert.ok(
        byNew[0].receivedAt - endedAt < 1000,
        `taken soon after the old process ended (${byNew[0].receivedAt - endedAt} ms)`,
      );
      assert.equal(
        pollsBy(KEY) + pollsBy(KEY_B),
        13,
        'one series of polls in all: 12 "in progress" answers, then the result',
      );
      assert.equal(lb.server.requests.filter((r) => r.method === 'POST').length, 1, 'sent once');
      assert.deepEqual(listFiles(h.root), [FILE, 'post.md'], 'one file');
      assert.deepEqual(fs.readFileSync(path.join(h.root, FILE)), lb.server.lastServedImages()[0]);
      assert.equal(finished(fresh.ui).length, 1, 'one message, in the new window');
      assert.equal(
        h.editors.text,
        `# Storms\n\nBefore. After.\n\n![${PROMPT}](${FILE})\n`,
        'one link, where it was asked',
      );
      while (shared.settling()) await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual(keptJobs(newView), []);
    },
  );

  hostileCase(
    'a job from a window with no folder is resumed only by a window with no folder, not by one on the folder it saves to',
    async () => {
      const stored = await startAndClose(new JsonMemento(), { folders: false });
      assert.deepEqual(keptJobs(stored)[0].workspace, []);
      assert.equal(keptJobs(stored)[0].folder, h.rootUri.toString());
      const onThatFolder: WorkspacePort = {
        ...h.ctx.workspace,
        folders: () => [h.rootUri],
        folderOf: (uri) => (uri.path === h.root || uri.path.startsWith(`${h.root}/`) ? h.rootUri : undefined),
      };
      const before = pollsBy(KEY);
      const withFolder = openWindow(stored, { key: KEY_B, workspace: onThatFolder });
      await withFolder.run();
      assert.equal(pollsBy(KEY_B), 0);
      assert.deepEqual(withFolder.ui.shown, []);
      const empty = restart(stored);
      await empty.run();
      assert.ok(pollsBy(KEY) > before);
      assert.deepEqual(listFiles(h.root), [FILE, 'post.md']);
      assert.equal(finished(empty.ui).length, 1);
    },
  );

  hostileCase(
    'a record of the previous version (no workspace, no base URL) is resumed only by a window holding its folder, at the current base URL',
    async () => {
      const stored = await startAndClose(new JsonMemento());
      const [job] = keptJobs(stored);
      const old: Partial<DurableJob> = { ...job };
      delete old.workspace;
      delete old.baseUrl;
      await stored.update(DURABLE_JOBS_KEY, [old]);
      const before = pollsBy(KEY);
      const { window: b, harness: hb } = otherWindow(stored);
      await b.run();
      assert.equal(pollsBy(KEY_B), 0);
      assert.deepEqual(listFiles(hb.root), []);
      assert.equal(keptJobs(stored).length, 1);
      const a = restart(stored);
      await a.run();
      assert.ok(pollsBy(KEY) > before);
      assert.deepEqual(listFiles(h.root), [FILE, 'post.md']);
      assert.equal(finished(a.ui).length, 1);
    },
  );

  hostileCase(
    'a job sent to another base URL than the settings now name is not polled anywhere; it says so, stays kept, and is resumed once the setting is back',
    async () => {
      const stored = await startAndClose(new JsonMemento());
      const closedClaim = keptJobs(stored)[0].claim;
      const before = pollsBy(KEY);
      const other = await startTestServer();
      try {
        h.settings.baseUrl = `${other.baseUrl}/`;
        const a = restart(stored);
        await a.run();
        assert.deepEqual(other.requests, [], 'nothing sent to the base URL the settings name now');
        assert.equal(pollsBy(KEY), before, 'nor to the one it was sent to');
        assert.deepEqual(a.ui.messages(), [
          `The image job "${PROMPT}" started before the reload was not resumed: it was sent to ${lb.server.baseUrl}, and geekaiImage.baseUrl is now ${other.baseUrl}. It is kept, and resumed once the setting is ${lb.server.baseUrl} again (for up to 7 days).`,
        ]);
        assert.equal(keptJobs(stored).length, 1);
        assert.deepEqual(
          keptJobs(stored)[0].claim,
          closedClaim,
          'not claimed by this window: it waits for a window that may poll it',
        );
        assert.deepEqual(listFiles(h.root), ['post.md']);
      } finally {
        await other.close();
      }
      h.settings.baseUrl = lb.server.baseUrl;
      const b = restart(stored);
      await b.run();
      assert.equal(pollsBy(KEY), 5);
      assert.deepEqual(listFiles(h.root), [FILE, 'post.md']);
      assert.equal(finished(b.ui).length, 1);
    },
  );
});
