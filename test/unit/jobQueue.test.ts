import assert from 'node:assert/strict';
import { ImageError } from '../../src/core/errors';
import { JobQueue } from '../../src/core/job/jobQueue';

/** A job the test finishes by hand, recording the signal it was given. */
function gate() {
  let open!: (v: string) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<string>((res, rej) => {
    open = res;
    fail = rej;
  });
  const seen: { signal?: AbortSignal; started: boolean } = { started: false };
  const work = (signal: AbortSignal): Promise<string> => {
    seen.started = true;
    seen.signal = signal;
    signal.addEventListener('abort', () => fail(new ImageError('cancelled', 'aborted')));
    return done;
  };
  return { work, open, seen };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('JobQueue (jobs side by side)', () => {
  it('runs up to the limit at once; the rest wait in order, knowing their place, and start as places free up', async () => {
    const q = new JobQueue<string>(() => 2);
    const jobs = ['a', 'b', 'c', 'd'].map(() => gate());
    const places: Record<string, number[]> = { a: [], b: [], c: [], d: [] };
    const results = ['a', 'b', 'c', 'd'].map((name, i) =>
      q.run(name, jobs[i].work, { onQueued: (p) => places[name].push(p) }),
    );
    await tick();
    assert.deepEqual(
      jobs.map((j) => j.seen.started),
      [true, true, false, false],
    );
    assert.deepEqual(q.counts(), { running: 2, queued: 2 });
    assert.deepEqual(
      q.list().map((e) => [e.meta, e.state, e.place]),
      [
        ['a', 'running', undefined],
        ['b', 'running', undefined],
        ['c', 'queued', 1],
        ['d', 'queued', 2],
      ],
    );

    jobs[1].open('B');
    assert.equal(await results[1], 'B');
    await tick();
    assert.deepEqual(
      jobs.map((j) => j.seen.started),
      [true, true, true, false],
    );
    assert.deepEqual(places, { a: [], b: [], c: [1], d: [2, 1] });

    jobs[0].open('A');
    jobs[2].open('C');
    await Promise.all([results[0], results[2]]);
    await tick();
    assert.equal(jobs[3].seen.started, true);
    jobs[3].open('D');
    assert.deepEqual(await Promise.all(results), ['A', 'B', 'C', 'D']);
    assert.deepEqual(q.counts(), { running: 0, queued: 0 });
  });

  it('cancel of a queued job: it never starts, rejects as cancelled, and the ones behind move up', async () => {
    const q = new JobQueue<string>(() => 1);
    const [a, b, c] = [gate(), gate(), gate()];
    const placesC: number[] = [];
    const ra = q.run('a', a.work);
    const rb = q.run('b', b.work);
    const rc = q.run('c', c.work, { onQueued: (p) => placesC.push(p) });
    await tick();
    const idB = q.list()[1].id;
    assert.equal(q.cancel(idB), true);
    await assert.rejects(rb, (e: unknown) => e instanceof ImageError && e.kind === 'cancelled');
    assert.deepEqual(placesC, [2, 1]);
    a.open('A');
    await ra;
    await tick();
    assert.equal(b.seen.started, false);
    assert.equal(c.seen.started, true);
    c.open('C');
    assert.equal(await rc, 'C');
    assert.equal(q.cancel(idB), false);
  });

  it('cancel of a running job aborts only its own signal; the caller signal cancels too', async () => {
    const q = new JobQueue<string>(() => 3);
    const [a, b, c] = [gate(), gate(), gate()];
    const caller = new AbortController();
    const ra = q.run('a', a.work);
    const rb = q.run('b', b.work);
    const rc = q.run('c', c.work, { signal: caller.signal });
    await tick();
    q.cancel(q.list()[0].id);
    await assert.rejects(ra, (e: unknown) => e instanceof ImageError && e.kind === 'cancelled');
    assert.equal(a.seen.signal?.aborted, true);
    assert.equal(b.seen.signal?.aborted, false);
    caller.abort();
    await assert.rejects(rc, (e: unknown) => e instanceof ImageError && e.kind === 'cancelled');
    b.open('B');
    assert.equal(await rb, 'B');
  });

  it('a job whose caller already cancelled never starts; a failing job frees its place', async () => {
    const q = new JobQueue<string>(() => 1);
    const gone = new AbortController();
    gone.abort();
    let started = false;
    await assert.rejects(
      q.run('x', async () => void (started = true), { signal: gone.signal }),
      (e: unknown) => e instanceof ImageError && e.kind === 'cancelled',
    );
    assert.equal(started, false);
    await assert.rejects(
      q.run('y', () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await q.run('z', async () => 'Z'), 'Z');
  });

  it('reads the limit when a place frees up, and tells listeners of every change', async () => {
    let limit = 1;
    const q = new JobQueue<string>(() => limit);
    const changes: string[] = [];
    q.onChange(() => changes.push(`${q.counts().running}/${q.counts().queued}`));
    const [a, b, c] = [gate(), gate(), gate()];
    const all = [q.run('a', a.work), q.run('b', b.work), q.run('c', c.work)];
    await tick();
    assert.deepEqual(q.counts(), { running: 1, queued: 2 });
    limit = 3;
    a.open('A');
    await all[0];
    await tick();
    assert.deepEqual(q.counts(), { running: 2, queued: 0 });
    b.open('B');
    c.open('C');
    await Promise.all(all);
    assert.deepEqual(changes, ['1/0', '1/1', '1/2', '2/0', '1/0', '0/0']);
  });
});
