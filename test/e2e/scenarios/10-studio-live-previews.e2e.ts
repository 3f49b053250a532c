// Scenario 10: the Studio on a Responses API model: the running job's card shows the partial
// images as they stream in (each replacing the last, sharper each time) before the final image,
// which is saved with the bytes the server served.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { decodePng } from '../../support/png';
import { ctx } from '../context';
import { waitForNewImages } from '../files';
import { ensureApiKey, mark, requestSince, scenario } from '../scenario';
import { openStudio, pickModel, recordStudio, seen } from '../studio';

const PROMPT = 'a red kite over the sea at dawn';

function pngWidth(dataUrl: string): number {
  assert.match(dataUrl, /^data:image\/png;base64,/);
  return decodePng(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')).width;
}

scenario(10, 'Image Studio on the Responses API shows partial images before the final one', async (wb) => {
  const { workspace, server } = ctx();
  await ensureApiKey(wb);
  await wb.openFile('scenario-10.md');
  const studio = await openStudio(wb);
  await pickModel(studio, 'gpt-4.1', 'Responses API');
  await recordStudio(studio);

  const start = mark();
  await studio.view.locator('textarea.prompt-input').fill(PROMPT);
  await studio.view.getByRole('button', { name: 'Generate', exact: true }).click();
  const request = await requestSince(start.from, (r) => r.method === 'POST' && r.path.endsWith('/responses'));
  const body = request.json as { model: string; stream: boolean; tools: { type: string; partial_images?: number }[] };
  assert.equal(body.model, 'gpt-4.1');
  assert.equal(body.stream, true, 'streamed, so partial images can arrive');
  assert.equal(body.tools[0].type, 'image_generation');
  const partials = body.tools[0].partial_images ?? 0;
  assert.ok(partials >= 2, `partial images asked for (${partials})`);

  const card = studio.view.locator('li.card', { hasText: PROMPT }).first();
  await card.waitFor({ state: 'visible', timeout: 60_000 });
  const shown = await seen(studio);
  const cardAt = shown.findIndex((s) => s.kind === 'card' && s.text?.includes(PROMPT));
  const previews = shown.slice(0, cardAt).filter((s) => s.kind === 'preview');
  assert.ok(
    cardAt >= 0,
    `the recorder saw the result card (seen: ${JSON.stringify(shown.map((s) => [s.kind, s.text?.slice(0, 40)]))})`,
  );
  // Each preview is its own message, so the recorder sees every one.
  assert.deepEqual(
    previews.map((p) => p.index),
    Array.from({ length: partials }, (_, i) => i),
    `every preview, in order, before the final image (seen: ${JSON.stringify(shown.map((s) => s.kind))})`,
  );
  assert.deepEqual(
    previews.map((p) => p.alt),
    previews.map((_, i) => `Preview ${i + 1} of the image being drawn`),
  );
  assert.notEqual(previews[1].src, previews[0].src, 'the preview picture changed');
  const widths = previews.map((p) => pngWidth(p.src ?? ''));
  assert.ok(
    widths.every((w, i) => i === 0 || w > widths[i - 1]),
    `sharper each time (widths ${widths.join(', ')})`,
  );
  assert.equal(await studio.view.locator('.job-preview').count(), 0, 'the final image replaced the previews');

  const added = await waitForNewImages(workspace, start.images);
  assert.equal(added.length, 1, `one new image (got ${added.join(', ')})`);
  const served = server.lastServedImages();
  assert.ok(
    served.length === 1 && fs.readFileSync(added[0]).equals(served[0]),
    'the saved bytes equal the final image served',
  );
  const finalWidth = decodePng(served[0]).width;
  assert.ok(widths[widths.length - 1] < finalWidth, 'every preview is smaller than the final image');
  const src = (await card.locator('img').first().getAttribute('src')) ?? '';
  assert.ok(
    src !== '' && !src.startsWith('data:'),
    `the card shows the saved file, not a preview (${src.slice(0, 60)})`,
  );
});
