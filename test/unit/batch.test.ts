import assert from 'node:assert/strict';
import { batchCost, runBatch } from '../../src/core/job/batch';
import { DEFAULT_SETTINGS, readSettings, SETTING_DECLARATIONS } from '../../src/core/job/settings';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('runBatch', () => {
  it('never runs more than `concurrency` at once, reports "n / total" as each lands, keeps going past failures', async () => {
    let running = 0;
    let peak = 0;
    const progress: string[] = [];
    const out = await runBatch(
      [30, 10, 20, 5, 15, 25, 1],
      async (ms, i) => {
        running++;
        peak = Math.max(peak, running);
        await tick(ms);
        running--;
        if (i === 2) throw new Error('boom');
        return ms * 2;
      },
      { concurrency: 3, onSettled: (_item, _i, _o, n, total) => void progress.push(`${n} / ${total}`) },
    );
    assert.equal(peak, 3);
    assert.deepEqual(progress, ['1 / 7', '2 / 7', '3 / 7', '4 / 7', '5 / 7', '6 / 7', '7 / 7']);
    assert.deepEqual(
      out.map((o) => o.status),
      ['done', 'done', 'failed', 'done', 'done', 'done', 'done'],
    );
    assert.deepEqual(out[0], { status: 'done', value: 60 });
    assert.equal(out[2]?.status === 'failed' && (out[2].error as Error).message, 'boom');
  });

  it('Cancel starts nothing new, hands the signal to those running, and leaves the rest skipped', async () => {
    const ac = new AbortController();
    const started: number[] = [];
    const out = await runBatch(
      [0, 1, 2, 3, 4],
      async (i, _index, signal) => {
        started.push(i);
        if (i === 1) ac.abort();
        await tick(5);
        if (signal?.aborted) throw new Error('cancelled');
        return i;
      },
      { concurrency: 2, signal: ac.signal },
    );
    assert.deepEqual(started, [0, 1]);
    assert.deepEqual(
      out.map((o) => o.status),
      ['failed', 'failed', 'skipped', 'skipped', 'skipped'],
    );
  });

  it('an empty batch settles at once; a bad concurrency means one at a time', async () => {
    assert.deepEqual(await runBatch([], async () => 1, { concurrency: 4 }), []);
    let running = 0;
    let peak = 0;
    await runBatch(
      [1, 2, 3],
      async () => {
        peak = Math.max(peak, ++running);
        await tick(2);
        running--;
      },
      { concurrency: 0 },
    );
    assert.equal(peak, 1);
  });
});

describe('batchCost and the confirmBatches setting', () => {
  it('sums the requests, per model most first, ties in the order first met', () => {
    assert.deepEqual(batchCost([]), { requests: 0, byModel: [] });
    assert.deepEqual(
      batchCost([
        { model: 'a', requests: 1 },
        { model: 'b', requests: 2 },
        { model: 'c', requests: 1 },
        { model: 'a', requests: 1 },
        { model: 'c', requests: 1 },
      ]),
      {
        requests: 6,
        byModel: [
          { model: 'a', requests: 2 },
          { model: 'b', requests: 2 },
          { model: 'c', requests: 2 },
        ],
      },
    );
    assert.deepEqual(
      batchCost([
        { model: 'x', requests: 4 },
        { model: 'y', requests: 1 },
        { model: 'y', requests: 4 },
      ]).byModel.map((m) => m.model),
      ['y', 'x'],
    );
  });

  it('confirmBatches is on unless set to false', () => {
    assert.equal(DEFAULT_SETTINGS.confirmBatches, true);
    const read = (v: unknown): boolean => readSettings((k) => (k === 'confirmBatches' ? v : undefined)).confirmBatches;
    assert.deepEqual(
      [read(undefined), read(true), read(false), read('false'), read(0)],
      [true, true, false, true, true],
    );
  });

  it("confirmBatches is the user's own value only: a workspace's false does not turn the question off, the user's does; other settings read as VS Code resolves them", () => {
    const workspace = (k: string): unknown => ({ confirmBatches: false, model: 'workspace-model' })[k];
    assert.equal(readSettings(workspace, () => undefined).confirmBatches, true);
    assert.equal(readSettings(workspace, (k) => (k === 'confirmBatches' ? true : undefined)).confirmBatches, true);
    assert.equal(
      readSettings(
        () => undefined,
        (k) => (k === 'confirmBatches' ? false : undefined),
      ).confirmBatches,
      false,
    );
    assert.equal(readSettings(workspace, () => 'user-model').model, 'workspace-model');
    assert.deepEqual(
      Object.entries(SETTING_DECLARATIONS)
        .filter(([, d]) => d.scope === 'application')
        .map(([k]) => k),
      ['confirmBatches'],
    );
  });
});
