// Scenario 20: a model that only the gateway's own list knows (GET /models names it an image model
// on the Images API, at ¥0.15 an image): Select Model offers it with its price, the Studio shows the
// estimate beside Generate, the job draws on the API the gateway named (not the chat API its name
// would suggest), and its result card says what it cost.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { GATEWAY_ONLY_MODEL } from '../../server/catalogAnswers';
import { ctx } from '../context';
import { waitFor, waitForNewImages } from '../files';
import { currentModel, ensureApiKey, mark, requestSince, scenario, TITLES } from '../scenario';
import type { Workbench } from '../ui';
import { openStudio, pickModel } from '../studio';

const PROMPT = 'a lighthouse drawn in ink';

/** Select Model, filtered to `model` (the list is long and drawn only where it shows), then that row. */
async function chooseModel(wb: Workbench, model: string): Promise<string> {
  await wb.runCommand(TITLES.selectModel);
  const filter = wb.page.locator('.quick-input-widget .quick-input-box input');
  await filter.waitFor({ state: 'visible', timeout: 15_000 });
  await filter.fill(model);
  const row = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({
    has: wb.page.locator('.label-name', { hasText: new RegExp(`^${model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  });
  await waitFor(`${model} in the picker`, async () => (await row.count()) > 0, 30_000, 200);
  const text = (await row.first().innerText()).replace(/\s+/g, ' ');
  await row.first().click();
  await waitFor(
    'the model picker to close',
    async () => !(await wb.page.locator('.quick-input-widget').isVisible()),
    10_000,
  );
  return text;
}

scenario(
  20,
  'A model only the gateway lists: Select Model shows its price, it draws on the API the gateway named, and its card shows its cost',
  async (wb) => {
    const { workspace, server } = ctx();
    await ensureApiKey(wb);
    const before = (await currentModel(wb)).replace(/^Current: /, '');
    try {
      // Select Model: the gateway's model, with its price per image, among the table's.
      const text = await chooseModel(wb, GATEWAY_ONLY_MODEL);
      assert.ok(text.includes('¥0.15 per image') && text.includes('listed by the gateway'), `its row: ${text}`);
      await waitFor(
        'the model setting',
        async () => (await currentModel(wb)).includes(GATEWAY_ONLY_MODEL),
        15_000,
        300,
      );

      await wb.openFile('scenario-7.md');
      const studio = await openStudio(wb);
      await pickModel(studio, GATEWAY_ONLY_MODEL, 'Images API');
      const estimate = studio.view.locator('.estimate');
      await waitFor(
        'the estimate beside Generate',
        async () => (await estimate.textContent()) === '¥0.15 · 1 image',
        15_000,
        200,
      );

      const start = mark();
      await studio.view.locator('textarea.prompt-input').fill(PROMPT);
      await studio.view.getByRole('button', { name: 'Generate', exact: true }).click();
      const request = await requestSince(
        start.from,
        (r) =>
          r.method === 'POST' && r.json !== undefined && (r.json as { model?: string }).model === GATEWAY_ONLY_MODEL,
      );
      assert.equal(request.path, '/api/v1/images/generations', 'the Images API, as the gateway named it');
      assert.equal(
        server.requests.slice(start.from).filter((r) => r.path.endsWith('/chat/completions')).length,
        0,
        'not the chat API its name suggests',
      );

      const card = studio.view.locator('li.card', { hasText: PROMPT }).first();
      await card.waitFor({ state: 'visible', timeout: 60_000 });
      const meta = (await card.locator('.meta').textContent()) ?? '';
      assert.ok(meta.includes(GATEWAY_ONLY_MODEL) && meta.includes('Cost: ¥0.15'), `the card's line: ${meta}`);
      const added = await waitForNewImages(workspace, start.images);
      assert.equal(added.length, 1);
      const served = server.lastServedImages();
      assert.equal(served.length, 1, 'one image drawn');
      assert.ok(fs.readFileSync(added[0]).equals(served[0]), 'the saved file holds the bytes the server drew');
    } finally {
      if (before && before !== GATEWAY_ONLY_MODEL) await chooseModel(wb, before).catch(() => undefined);
    }
  },
);
