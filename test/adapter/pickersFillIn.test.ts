// The pickers never wait on the price lookups: Select Model and the Studio's model list are shown
// from what is at hand, filled in with the gateway's list (one GET /models), then with the prices
// only GET /models/{id} gives, while the test server holds those answers back.
import assert from 'node:assert/strict';
import { GATEWAY_ONLY_MODEL } from '../server/catalogAnswers';
import { selectModelCommand } from '../../src/vscode/commands/selectModel';
import { VsCodeStudioBackend } from '../../src/studio/studioBackend';
import type { ModelChoice } from '../../shared/protocol';
import type { PickItem } from '../../src/vscode/ports';
import { useLoopback } from '../support/loopback';
import { makeHarness, type Harness } from './support/harness';

const KEY = 'sk-pickers-adapter-key-12345';

async function until(what: string, test: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const described = (rows: readonly PickItem[], label: string): string | undefined =>
  rows.find((r) => r.label === label)?.description;

describe('pickers fill in prices as they come (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;

  afterEach(async () => {
    await h?.dispose();
  });

  const lists = () => lb.server.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/models');
  const details = () => lb.server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/models/'));

  it("Select Model is up before any request, shows the gateway's list while the price lookups are held, then their prices", async () => {
    h = makeHarness(lb, { key: KEY });
    const release = lb.server.holdModelDetails();
    let whileHeld: readonly PickItem[] = [];
    h.ui.livePicks.push(async (pick) => {
      // Shown at once, from the built-in table: the gateway has not been asked yet.
      assert.equal(lb.server.requests.length, 0);
      assert.equal(described(pick.shown[0], GATEWAY_ONLY_MODEL), undefined);
      assert.equal(described(pick.shown[0], 'gpt-image-2'), 'the Images API · price unknown · about 30-120 s');
      // The list is in while every price lookup is still waiting at the server.
      await until("the gateway's list in the pick", () => described(pick.rows(), GATEWAY_ONLY_MODEL) !== undefined);
      await until('the price lookups at the server', () => details().length === 4);
      whileHeld = pick.rows();
      assert.ok(
        details().every((r) => !r.completed),
        'no lookup answered yet',
      );
      release();
      await pick.settled;
      return pick.rows().find((r) => r.label === 'gpt-image-2');
    });
    assert.equal(await selectModelCommand(h.ctx), 'gpt-image-2');
    assert.equal(described(whileHeld, GATEWAY_ONLY_MODEL), 'the Images API · listed by the gateway · ¥0.15 per image');
    assert.equal(described(whileHeld, 'gpt-image-2'), 'the Images API · price unknown · about 30-120 s');
    // Priced only by GET /models/{id}, with the discount every channel gets (0.3 × 0.8).
    const [shown] = h.ui.liveShown;
    assert.equal(
      described(shown[shown.length - 1], 'gpt-image-2'),
      'the Images API · ¥0.24 per image · about 30-120 s',
    );
    assert.equal(shown.length, 3, 'the table, the list, the list with its prices');
    assert.equal(h.settings.model, 'gpt-image-2');
    assert.equal(lists().length, 1);
  });

  it('Select Model opened again while the lookups are under way shares them, and a closed pick leaves them to finish', async () => {
    h = makeHarness(lb, { key: KEY });
    const release = lb.server.holdModelDetails();
    h.ui.livePicks.push(async () => {
      await until('the price lookups at the server', () => details().length === 4);
      return undefined; // Escape, with the lookups still held
    });
    assert.equal(await selectModelCommand(h.ctx), undefined);
    h.ui.livePicks.push(async (pick) => {
      // What is at hand now: the list, its lookups still under way (not asked a second time).
      assert.equal(
        described(pick.shown[0], GATEWAY_ONLY_MODEL),
        'the Images API · listed by the gateway · ¥0.15 per image',
      );
      release();
      await pick.settled;
      return pick.rows().find((r) => r.label === 'flux-kontext-pro');
    });
    assert.equal(await selectModelCommand(h.ctx), 'flux-kontext-pro');
    const rows = h.ui.liveShown[1];
    assert.equal(
      described(rows[rows.length - 1], 'flux-kontext-pro'),
      'the Images API · ¥0.12 per image · about 10-30 s',
    );
    assert.equal(details().length, 4, 'each price asked for once');
    assert.equal(lists().length, 1);
  });

  it("the Studio shows the gateway's list while the lookups are held, then its models again with the prices (the estimate follows)", async () => {
    h = makeHarness(lb, { key: KEY });
    const release = lb.server.holdModelDetails();
    const backend = new VsCodeStudioBackend(h.ctx);
    const request = { model: 'gpt-image-2', options: { api: 'images' as const } };
    // Nothing asked for yet: the estimate is at hand at once, from the table.
    assert.equal(backend.estimate(request, undefined), 'price unknown · 1 image');
    const shown: ModelChoice[][] = [];
    const done = backend.refreshModels((m) => shown.push(m));
    await until("the gateway's list", () => shown.length === 1);
    await until('the price lookups at the server', () => details().length === 4);
    assert.ok(shown[0].some((m) => m.id === GATEWAY_ONLY_MODEL && m.api === 'images'));
    assert.equal(backend.estimate(request, undefined), 'price unknown · 1 image');
    assert.equal(backend.estimate({ model: GATEWAY_ONLY_MODEL, options: {} }, undefined), '¥0.15 · 1 image');
    release();
    await done;
    // The same choices, shown again so the panel asks its estimate anew, which now has the price.
    assert.equal(shown.length, 2);
    assert.deepEqual(shown[1], shown[0]);
    assert.equal(backend.estimate(request, undefined), '¥0.24 · 1 image');
    // Opened again: everything at hand, nothing shown again and nothing asked.
    const again: ModelChoice[][] = [];
    await backend.refreshModels((m) => again.push(m));
    assert.deepEqual(again, []);
    assert.deepEqual([lists().length, details().length], [1, 4]);
  });
});
