// The durable job record (what the editor keeps across reloads), its expiry and the resume plan;
// and how a background chat job's answers are read.
import assert from 'node:assert/strict';
import { readBackgroundState } from '../../src/core/apis/chat/backgroundJob';
import { ImageError } from '../../src/core/errors';
import { DURABLE_JOB_MAX_AGE_MS, planResume, readStoredJobs, withJob, withoutJob, type DurableJob } from '../../src/core/job/durableJobs';

const NOW = new Date('2025-09-22T10:30:00Z');

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
    const stored: unknown = JSON.parse(JSON.stringify([job(), job({ key: 'k2', api: 'images', insert: undefined, document: undefined })]));
    const read = readStoredJobs(stored);
    assert.equal(read.unreadable, 0);
    assert.deepEqual(read.jobs, [job(), job({ key: 'k2', api: 'images', insert: undefined, document: undefined })].map((j) => JSON.parse(JSON.stringify(j)) as DurableJob));
  });

  it('damaged or foreign entries are counted as unreadable, the rest kept; nothing stored is no jobs', () => {
    const read = readStoredJobs([job(), { key: 'x' }, 'junk', job({ key: 'k3', created: 'not a date' }), job({ key: 'k4', api: 'fax' as 'chat' }), job({ key: 'k5', serverId: '' })]);
    assert.deepEqual(read.jobs.map((j) => j.key), ['k1']);
    assert.equal(read.unreadable, 5);
    assert.deepEqual(readStoredJobs(undefined), { jobs: [], unreadable: 0 });
    assert.deepEqual(readStoredJobs({ not: 'a list' }), { jobs: [], unreadable: 1 });
  });

  it('plans the resume oldest first; jobs older than the 7 days the server keeps results are set apart', () => {
    const fresh = job({ key: 'fresh', created: new Date(NOW.getTime() - 60_000).toISOString() });
    const older = job({ key: 'older', created: new Date(NOW.getTime() - 3_600_000).toISOString() });
    const edge = job({ key: 'edge', created: new Date(NOW.getTime() - DURABLE_JOB_MAX_AGE_MS).toISOString() });
    const stale = job({ key: 'stale', created: new Date(NOW.getTime() - DURABLE_JOB_MAX_AGE_MS - 1).toISOString() });
    const plan = planResume([fresh, stale, older, edge], NOW);
    assert.deepEqual(plan.resume.map((j) => j.key), ['edge', 'older', 'fresh']);
    assert.deepEqual(plan.expired.map((j) => j.key), ['stale']);
  });

  it('adding replaces the record with the same key (a retry got a new server id); removing drops only that key', () => {
    const a = job({ key: 'a' });
    const b = job({ key: 'b' });
    assert.deepEqual(withJob([a, b], job({ key: 'a', serverId: 'new' })).map((j) => [j.key, j.serverId]), [['b', 'chatcmpl-bg-1'], ['a', 'new']]);
    assert.deepEqual(withoutJob([a, b], 'a'), [b]);
  });
});

describe('durable jobs: a background chat job answer', () => {
  it('queued / in_progress with an id: still running', () => {
    assert.deepEqual(readBackgroundState('{"id":"bg-1","object":"chat.completion","status":"queued"}', []), { kind: 'running', id: 'bg-1', status: 'queued' });
    assert.deepEqual(readBackgroundState('{"id":"bg-1","status":"IN_PROGRESS"}', []), { kind: 'running', id: 'bg-1', status: 'in_progress' });
  });

  it('completed, or a server that ignored background and answered the completion: done', () => {
    assert.deepEqual(readBackgroundState('{"id":"bg-1","status":"completed","choices":[]}', []), { kind: 'done', body: { id: 'bg-1', status: 'completed', choices: [] } });
    assert.deepEqual(readBackgroundState('{"id":"c","object":"chat.completion","choices":[]}', []), { kind: 'done', body: { id: 'c', object: 'chat.completion', choices: [] } });
  });

  it('failed or expired: server/taskFailed with the server words, never the key', () => {
    const key = 'sk-secret-0123456789';
    assert.throws(
      () => readBackgroundState(JSON.stringify({ id: 'bg-2', status: 'failed', error: { message: `upstream broke for ${key}` } }), [key]),
      (e: unknown) => e instanceof ImageError && e.kind === 'server' && e.reason === 'taskFailed' && e.params.status === 'failed' && !String(e.detail).includes(key) && /upstream broke/.test(String(e.detail)),
    );
    assert.throws(() => readBackgroundState('{"id":"bg-3","status":"expired"}', []), (e: unknown) => e instanceof ImageError && e.params.status === 'expired');
  });

  it('running without an id, or not JSON: a bad answer', () => {
    assert.throws(() => readBackgroundState('{"status":"queued"}', []), (e: unknown) => e instanceof ImageError && e.kind === 'badResponse');
    assert.throws(() => readBackgroundState('<html>', []), (e: unknown) => e instanceof ImageError && e.reason === 'notJson');
  });
});
