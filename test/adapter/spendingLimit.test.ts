// The per-day spending limit through the real adapter and the test server's price list: a request
// that would take today's spending past geekaiImage.dailySpendingLimit is sent only after the user
// says so; what was spent is kept in global state for the day.
import assert from 'node:assert/strict';
import { generateCommand } from '../../src/vscode/commands/generate';
import { SPENDING_KEY } from '../../src/vscode/generationService';
import { useLoopback } from '../support/loopback';
import { listFiles, makeHarness, type Harness } from './support/harness';

const KEY = 'sk-spending-key-0123456789';

describe('the daily spending limit (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;
  const draws = () => lb.server.requests.filter((r) => r.method === 'POST');

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
    // ¥0.28 an image in the test server's list: the Images API, one image a request, no ≈.
    h.settings.model = 'dall-e-3';
    h.settings.dailySpendingLimit = 0.5;
  });
  afterEach(async () => h.dispose());

  it('sends what stays under the limit unasked, asks before the request that would pass it, and sends nothing when the user says no', async () => {
    h.ui.inputs.push('a lamp');
    await generateCommand(h.ctx);
    assert.deepEqual(h.ui.confirmations, [], 'under the limit: not asked');
    assert.equal(draws().length, 1);
    assert.deepEqual(h.globalState.get(SPENDING_KEY), { day: '2025-09-22', spent: 0.28 });

    h.ui.inputs.push('a second lamp');
    h.ui.confirmChoices.push(undefined);
    await generateCommand(h.ctx);
    assert.deepEqual(h.ui.confirmations, [
      {
        message: "This request would take today's GeekAI spending past your limit.",
        detail:
          'Spent today: ¥0.28 of your daily limit of ¥0.50 (geekaiImage.dailySpendingLimit). This request: ¥0.28 with dall-e-3.',
        buttons: ['Send Anyway'],
      },
    ]);
    assert.equal(draws().length, 1, 'not sent');
    assert.equal(listFiles(h.root).length, 1);
    assert.deepEqual(
      h.ui.messages('info').at(-1),
      "Not sent: it would take today's spending past geekaiImage.dailySpendingLimit.",
    );
    assert.deepEqual(h.globalState.get(SPENDING_KEY), { day: '2025-09-22', spent: 0.28 });
  });

  it('Send Anyway sends it and counts it; the answer holds for the requests that follow at once (a batch asks once)', async () => {
    h.globalState.map.set(SPENDING_KEY, { day: '2025-09-22', spent: 0.4 });
    h.ui.inputs.push('a lamp');
    h.ui.confirmChoices.push('Send Anyway');
    await generateCommand(h.ctx);
    assert.equal(h.ui.confirmations.length, 1);
    assert.equal(draws().length, 1);
    assert.deepEqual(h.globalState.get(SPENDING_KEY), { day: '2025-09-22', spent: 0.68 });
    h.ui.inputs.push('another lamp');
    await generateCommand(h.ctx);
    assert.equal(h.ui.confirmations.length, 1, 'not asked again straight away');
    assert.equal(draws().length, 2);
  });

  it("yesterday's spending does not count today; no limit (0) never asks", async () => {
    h.globalState.map.set(SPENDING_KEY, { day: '2025-09-21', spent: 40 });
    h.ui.inputs.push('a lamp');
    await generateCommand(h.ctx);
    assert.equal(draws().length, 1);
    h.settings.dailySpendingLimit = 0;
    h.globalState.map.set(SPENDING_KEY, { day: '2025-09-22', spent: 40 });
    h.ui.inputs.push('a lamp again');
    await generateCommand(h.ctx);
    assert.deepEqual(h.ui.confirmations, []);
    assert.equal(draws().length, 2);
  });
});
