// Scenario 7: the Image Studio panel: open it, type a prompt, generate, press
// Insert; the Markdown file gains the link.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { markdownImages, resolveLink, waitFor, waitForNewImages } from '../files';
import { ensureApiKey, mark, scenario, TITLES, userText, waitForCompletion } from '../scenario';

const PROMPT = '一座雪山下的小木屋';

scenario(7, 'Image Studio panel: prompt, Generate, Insert adds the link to the Markdown file', async (wb) => {
  const { workspace, server } = ctx();
  await ensureApiKey(wb);
  assert.ok(
    await wb.hasCommand(TITLES.openStudio),
    `"${TITLES.openStudio}" is not in the command palette: the Studio panel has not landed yet`,
  );
  const doc = path.join(workspace, 'scenario-7.md');
  await wb.openFile('scenario-7.md');
  await wb.goToLine(5);

  const start = mark();
  await wb.runCommand(TITLES.openStudio);
  const view = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  const prompt = view.locator('textarea.prompt-input, textarea').first();
  await prompt.waitFor({ state: 'visible', timeout: 30_000 });
  await prompt.fill(PROMPT);
  await view
    .getByRole('button', { name: /^\s*(Generate|生成)/i })
    .first()
    .click();
  const request = await waitForCompletion(start.from);
  assert.ok(userText(request).includes(PROMPT), 'the prompt from the panel reaches the server');

  // The result card of this prompt, and its Insert button.
  const card = view.locator('li.card', { hasText: PROMPT }).first();
  const insert = card.getByRole('button', { name: /^\s*(Insert|插入)\s*$/i }).first();
  await insert.waitFor({ state: 'visible', timeout: 60_000 });
  await waitFor('Insert to be enabled', () => insert.isEnabled(), 30_000);
  await insert.click();
  const added = await waitForNewImages(workspace, start.images);
  assert.equal(added.length, 1, `exactly one new image (got ${added.join(', ')})`);
  const served = server.lastServedImages();
  assert.ok(
    served.length >= 1 && fs.readFileSync(added[0]).equals(served[0]),
    'the saved bytes equal what the server served',
  );

  // Insert edits the document after the image is on disk: a Save All before that edit lands
  // saves the old text, so save again until the link is there.
  const text = await waitFor(
    'the link in scenario-7.md on disk',
    async () => {
      await wb.saveAll();
      const t = fs.readFileSync(doc, 'utf8');
      return t.includes('![') ? t : undefined;
    },
    20_000,
    500,
  );
  const links = markdownImages(text);
  assert.equal(links.length, 1, `one image link in the document:\n${text}`);
  assert.equal(resolveLink(doc, links[0].target), added[0], 'the link points at the saved image');
});
