// The durable job record (what the editor keeps across reloads), its expiry and the resume plan;
// and how a background chat job's answers are read.
import assert from 'node:assert/strict';
import { readBackgroundState } from '../../src/core/apis/chat/backgroundJob';
import { ImageError, hasReason } from '../../src/core/errors';
import {
  belongsTo,
  CLAIM_STALE_MS,
  claimFreeIn,
  claimIsFree,
  DURABLE_JOB_MAX_AGE_MS,
  durableRecord,
  planResume,
  readStoredJobs,
  sentTo,
  withJob,
  withoutJob,
  type DurableJob,
  type ThisWindow,
} from '../../src/core/job/durableJobs';
import { Secrets } from '../../src/core/text/secrets';

const NOW = new Date('2025-09-22T10:30:00Z');

/** A window with these folders; `holds` as VS Code answers for file URIs under them. */
function win(...folders: string[]): ThisWindow {
  return { folders, holds: (uri) => folders.some((f) => uri === f || uri.startsWith(`${f}/`)) };
}

function job(over: Partial<DurableJob> = {}): DurableJob {
  return {
    key: 'k1',
    serverId: 'chatcmpl-bg-1',
    api: 'chat',
    model: 'gpt-4o-image',
    prompt: '一座灯塔',
    document: 'file:///ws/post.md',
    folder: 'file:///ws',
    insert: { at: 'offset', offset: 12 },
    options: { aspectRatio: '16:9', n: 1 },
    created: '2025-09-22T10:00:00.000Z',
    ...over,
  };
}

describe('durable jobs: the stored record', () => {
  it('reads back what was stored (through JSON), field for field', () => {
    const stored: unknown = JSON.parse(
      JSON.stringify([job(), job({ key: 'k2', api: 'images', insert: undefined, document: undefined })]),
    );
    const read = readStoredJobs(stored);
    assert.equal(read.unreadable, 0);
    assert.deepEqual(
      read.jobs,
      [job(), job({ key: 'k2', api: 'images', insert: undefined, document: undefined })].map(
        (j) => JSON.parse(JSON.stringify(j)) as DurableJob,
      ),
    );
  });

  it('damaged or foreign entries are counted as unreadable, the rest kept; nothing stored is no jobs', () => {
    const read = readStoredJobs([
      job(),
      { key: 'x' },
      'junk',
      job({ key: 'k3', created: 'not a date' }),
      job({ key: 'k4', api: 'fax' as 'chat' }),
      job({ key: 'k5', serverId: '' }),
    ]);
    assert.deepEqual(
      read.jobs.map((j) => j.key),
      ['k1'],
    );
    assert.equal(read.unreadable, 5);
    assert.deepEqual(readStoredJobs(undefined), { jobs: [], unreadable: 0 });
    assert.deepEqual(readStoredJobs({ not: 'a list' }), { jobs: [], unreadable: 1 });
  });

  it('plans the resume oldest first; jobs older than the 7 days the server keeps results are set apart', () => {
    const fresh = job({ key: 'fresh', created: new Date(NOW.getTime() - 60_000).toISOString() });
    const older = job({ key: 'older', created: new Date(NOW.getTime() - 3_600_000).toISOString() });
    const edge = job({ key: 'edge', created: new Date(NOW.getTime() - DURABLE_JOB_MAX_AGE_MS).toISOString() });
    const stale = job({ key: 'stale', created: new Date(NOW.getTime() - DURABLE_JOB_MAX_AGE_MS - 1).toISOString() });
    const plan = planResume([fresh, stale, older, edge], NOW, win('file:///ws'), 'me');
    assert.deepEqual(
      plan.resume.map((j) => j.key),
      ['edge', 'older', 'fresh'],
    );
    assert.deepEqual(
      plan.expired.map((j) => j.key),
      ['stale'],
    );
  });

  it('new fields (workspace, base URL, claim) read back; a damaged claim or workspace makes the entry unreadable', () => {
    const full = job({
      workspace: ['file:///ws', 'file:///other'],
      baseUrl: 'https://geekai.co/api/v1',
      claim: { owner: 'w1', at: NOW.toISOString() },
    });
    assert.deepEqual(readStoredJobs(JSON.parse(JSON.stringify([full]))).jobs, [full]);
    const read = readStoredJobs([
      { ...full, claim: { owner: '', at: 'x' } },
      { ...full, workspace: 'file:///ws' },
      { ...full, baseUrl: 7 },
    ]);
    assert.deepEqual(read, { jobs: [], unreadable: 3 });
  });

  it("a job is its window's: the same folders in any order; none by none; another set (more, fewer, other) is not", () => {
    const j = job({ workspace: ['file:///a', 'file:///b'] });
    assert.equal(belongsTo(j, win('file:///b', 'file:///a')), true);
    assert.equal(belongsTo(j, win('file:///a')), false);
    assert.equal(belongsTo(j, win('file:///a', 'file:///b', 'file:///c')), false);
    assert.equal(belongsTo(j, win('file:///c', 'file:///d')), false);
    assert.equal(belongsTo(j, win()), false);
    const empty = job({ workspace: [], folder: 'file:///picked' });
    assert.equal(belongsTo(empty, win()), true);
    assert.equal(
      belongsTo(empty, win('file:///picked')),
      false,
      'a job from a window with no folder is not taken by a window with one',
    );
  });

  it("a record of an earlier version (no workspace) is the window's that holds where it saves: its folder, else the edit's source, else the document", () => {
    assert.equal(belongsTo(job({ folder: 'file:///ws' }), win('file:///ws')), true);
    assert.equal(belongsTo(job({ folder: 'file:///ws' }), win('file:///elsewhere')), false);
    assert.equal(belongsTo(job({ folder: undefined, besideSource: 'file:///ws/img/a.png' }), win('file:///ws')), true);
    assert.equal(belongsTo(job({ folder: undefined, document: 'file:///ws/post.md' }), win('file:///ws')), true);
    assert.equal(
      belongsTo(job({ folder: undefined, document: undefined }), win('file:///ws')),
      false,
      'nothing to go by: nobody takes it (it expires)',
    );
    assert.equal(belongsTo(job({ folder: 'file:///ws' }), win()), false);
  });

  it('a claim is free when absent, older than the stale limit or not a date; fresh ones (and far-future ones) are held', () => {
    const at = (ms: number): DurableJob =>
      job({ claim: { owner: 'other', at: new Date(NOW.getTime() + ms).toISOString() } });
    assert.equal(claimIsFree(job(), NOW), true);
    assert.equal(claimIsFree(at(-CLAIM_STALE_MS - 1), NOW), true);
    assert.equal(claimIsFree(at(-CLAIM_STALE_MS), NOW), false);
    assert.equal(claimIsFree(at(-1000), NOW), false);
    assert.equal(
      claimIsFree(at(CLAIM_STALE_MS + 1), NOW),
      true,
      'a claim dated far ahead (a skewed clock) does not hold a job forever',
    );
    assert.equal(claimIsFree(job({ claim: { owner: 'other', at: 'soon' } }), NOW), true);
    assert.equal(claimFreeIn(at(-1000), NOW), CLAIM_STALE_MS - 1000 + 1);
    assert.equal(claimFreeIn(at(-CLAIM_STALE_MS - 5), NOW), 0);
  });

  it('a claim whose holder is gone is free at once, however fresh; the holder is asked about the claim itself', () => {
    const fresh = job({ claim: { owner: 'other', at: NOW.toISOString(), host: 'box', pid: 4242 } });
    const asked: unknown[] = [];
    assert.equal(
      claimIsFree(fresh, NOW, CLAIM_STALE_MS, (c) => (asked.push(c), c.pid === 4242)),
      true,
    );
    assert.deepEqual(asked, [fresh.claim]);
    assert.equal(
      claimIsFree(fresh, NOW, CLAIM_STALE_MS, () => false),
      false,
      'a live holder keeps a fresh claim',
    );
    assert.equal(
      claimIsFree(
        job({ claim: { owner: 'other', at: new Date(NOW.getTime() - CLAIM_STALE_MS - 1).toISOString() } }),
        NOW,
        CLAIM_STALE_MS,
        () => false,
      ),
      true,
      'a stale claim is free even if its holder seems alive',
    );
    assert.equal(
      claimIsFree(job(), NOW, CLAIM_STALE_MS, () => {
        throw new Error('not asked without a claim');
      }),
      true,
    );
  });

  it("the plan: this window's jobs to resume (claimed or not: claims are weighed when each is taken), its own activation's left alone, other windows' untouched, expired ones of any window dropped", () => {
    const ws = ['file:///ws'];
    const free = job({ key: 'free', workspace: ws });
    const stale = job({
      key: 'stale',
      workspace: ws,
      claim: { owner: 'gone', at: new Date(NOW.getTime() - CLAIM_STALE_MS - 1).toISOString() },
    });
    const held = job({ key: 'held', workspace: ws, claim: { owner: 'other', at: NOW.toISOString() } });
    const mine = job({ key: 'mine', workspace: ws, claim: { owner: 'me', at: NOW.toISOString() } });
    const theirs = job({ key: 'theirs', workspace: ['file:///else'] });
    const expired = job({
      key: 'expired',
      workspace: ['file:///else'],
      created: new Date(NOW.getTime() - DURABLE_JOB_MAX_AGE_MS - 1).toISOString(),
    });
    const plan = planResume([free, stale, held, mine, theirs, expired], NOW, win('file:///ws'), 'me');
    assert.deepEqual(
      plan.resume.map((j) => j.key),
      ['free', 'stale', 'held'],
    );
    assert.deepEqual(
      plan.expired.map((j) => j.key),
      ['expired'],
    );
  });

  it('polled only at the base URL it was sent to; a record of an earlier version at the current one', () => {
    assert.equal(sentTo(job({ baseUrl: 'https://geekai.co/api/v1' }), 'https://geekai.co/api/v1'), true);
    assert.equal(sentTo(job({ baseUrl: 'https://geekai.co/api/v1' }), 'https://evil.example/api/v1'), false);
    assert.equal(sentTo(job({ baseUrl: 'https://geekai.co/api/v1' }), undefined), false);
    assert.equal(sentTo(job(), 'https://geekai.co/api/v1'), true);
  });

  it('adding replaces the record with the same key (a retry got a new server id); removing drops only that key', () => {
    const a = job({ key: 'a' });
    const b = job({ key: 'b' });
    assert.deepEqual(
      withJob([a, b], job({ key: 'a', serverId: 'new' })).map((j) => [j.key, j.serverId]),
      [
        ['b', 'chatcmpl-bg-1'],
        ['a', 'new'],
      ],
    );
    assert.deepEqual(withoutJob([a, b], 'a'), [b]);
  });
});

describe('durable jobs: a background chat job answer', () => {
  it('queued / in_progress with an id: still running', () => {
    assert.deepEqual(readBackgroundState('{"id":"bg-1","object":"chat.completion","status":"queued"}', new Secrets()), {
      kind: 'running',
      id: 'bg-1',
      status: 'queued',
    });
    assert.deepEqual(readBackgroundState('{"id":"bg-1","status":"IN_PROGRESS"}', new Secrets()), {
      kind: 'running',
      id: 'bg-1',
      status: 'in_progress',
    });
  });

  it('completed, or a server that ignored background and answered the completion: done', () => {
    assert.deepEqual(readBackgroundState('{"id":"bg-1","status":"completed","choices":[]}', new Secrets()), {
      kind: 'done',
      body: { id: 'bg-1', status: 'completed', choices: [] },
    });
    assert.deepEqual(readBackgroundState('{"id":"c","object":"chat.completion","choices":[]}', new Secrets()), {
      kind: 'done',
      body: { id: 'c', object: 'chat.completion', choices: [] },
    });
  });

  it('failed or expired: server/taskFailed with the server words, never the key', () => {
    const key = 'sk-secret-0123456789';
    assert.throws(
      () =>
        readBackgroundState(
          JSON.stringify({ id: 'bg-2', status: 'failed', error: { message: `upstream broke for ${key}` } }),
          new Secrets(key),
        ),
      (e: unknown) =>
        hasReason(e, 'server', 'taskFailed') &&
        e.params.status === 'failed' &&
        !String(e.detail).includes(key) &&
        /upstream broke/.test(String(e.detail)),
    );
    assert.throws(
      () => readBackgroundState('{"id":"bg-3","status":"expired"}', new Secrets()),
      (e: unknown) => hasReason(e, 'server', 'taskFailed') && e.params.status === 'expired',
    );
  });

  it('running without an id, or not JSON: a bad answer', () => {
    assert.throws(
      () => readBackgroundState('{"status":"queued"}', new Secrets()),
      (e: unknown) => e instanceof ImageError && e.kind === 'badResponse',
    );
    assert.throws(
      () => readBackgroundState('<html>', new Secrets()),
      (e: unknown) => e instanceof ImageError && e.reason === 'notJson',
    );
  });
});

describe('durableRecord (the record core builds for a job kept across reloads)', () => {
  const base = {
    key: 'k1',
    serverId: 'srv-1',
    model: 'gpt-image-1',
    prompt: '风筝',
    created: '2026-12-07T10:00:00.000Z',
    workspace: ['file:///ws'],
    baseUrl: 'https://geekai.co/api/v1',
  };

  it("keeps what the job needs to resume, unset options left out, readable back by the store's schema", () => {
    const r = durableRecord({
      ...base,
      api: 'images',
      options: { size: '1024x1024', quality: '', n: 1, aspectRatio: undefined },
      document: 'file:///ws/post.md',
      folder: 'file:///ws',
      insert: { at: 'offset', offset: 12 },
    });
    assert.deepEqual(r, {
      key: 'k1',
      serverId: 'srv-1',
      api: 'images',
      model: 'gpt-image-1',
      prompt: '风筝',
      options: { size: '1024x1024', n: 1 },
      created: base.created,
      document: 'file:///ws/post.md',
      folder: 'file:///ws',
      insert: { at: 'offset', offset: 12 },
      workspace: ['file:///ws'],
      baseUrl: base.baseUrl,
    });
    assert.deepEqual(readStoredJobs([r]).jobs, [r]);
  });

  it('no record for an API whose jobs cannot be resumed; no place for the link without a document', () => {
    assert.equal(durableRecord({ ...base, api: 'responses', options: {} }), undefined);
    assert.equal(durableRecord({ ...base, api: 'chat', options: {}, insert: { at: 'cursor' } })?.insert, undefined);
  });
});
