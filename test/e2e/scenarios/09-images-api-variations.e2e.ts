// Scenario 9: Generate Image… with an Images API model and two variations: both files are saved
// with the bytes the server served, the user keeps "all" in the picker and both links go in.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { markdownImages, resolveLink, sleep, waitFor, waitForNewImages } from '../files';
import { currentModel, ensureApiKey, generateInMarkdown, mark, requestSince, scenario } from '../scenario';

const PROMPT = 'two paper boats on a pond';
const MODEL = 'gpt-image-1';

scenario(9, 'Generate Image… on the Images API with 2 variations saves both as served and inserts all', async (wb) => {
  const { workspace, server } = ctx();
  await ensureApiKey(wb);
  // Workspace settings, written on disk: VS Code reloads them when the file changes.
  const settingsFile = path.join(workspace, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ 'geekaiImage.model': MODEL, 'geekaiImage.variations': 2 }, null, 2));
  try {
    await waitFor('the workspace settings to apply', async () => (await currentModel(wb)).includes(MODEL), 30_000, 500);
    const doc = path.join(workspace, 'scenario-9.md');
    const before = fs.readFileSync(doc, 'utf8');
    const line = 3;
    const lineEnd = before.split('\n').slice(0, line).join('\n').length;

    const start = mark();
    await generateInMarkdown(wb, 'scenario-9.md', line, PROMPT);
    const request = await requestSince(
      start.from,
      (r) => r.method === 'POST' && r.path.endsWith('/images/generations'),
    );
    assert.deepEqual(
      request.json,
      { model: MODEL, prompt: PROMPT, n: 2 },
      'one Images API request asking for two images',
    );

    // The picker: both variations offered, both kept; Enter inserts them.
    const rows = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await waitFor(
      'the variation picker',
      async () =>
        (await rows.count()) === 2 &&
        (await wb.page.locator('.quick-input-widget').innerText()).includes('Which images should be inserted'),
      60_000,
    );
    const offered = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    assert.ok(
      offered[0].includes('Variation 1 of 2') && offered[1].includes('Variation 2 of 2'),
      `rows: ${JSON.stringify(offered)}`,
    );
    await sleep(200);
    await wb.page.keyboard.press('Enter');

    const added = (await waitForNewImages(workspace, start.images)).sort();
    assert.equal(added.length, 2, `two new images (got ${added.join(', ')})`);
    const served = server.lastServedImages();
    assert.equal(served.length, 2, 'the server drew two images');
    assert.deepEqual(
      added.map((f) => fs.readFileSync(f)),
      served,
      'each saved file holds exactly the bytes served, in order',
    );
    assert.ok(!served[0].equals(served[1]), 'two different images');

    await waitFor(
      'both links in the editor',
      async () => (await wb.activeEditorText()).split('![').length === 3,
      15_000,
    );
    await wb.saveAll();
    const after = await waitFor('the links on disk', () => {
      const text = fs.readFileSync(doc, 'utf8');
      return markdownImages(text).length === 2 ? text : undefined;
    });
    const links = markdownImages(after);
    assert.deepEqual(
      links.map((l) => resolveLink(doc, l.target)),
      added,
      'the links point at the two saved images, in order',
    );
    assert.equal(
      after,
      `${before.slice(0, lineEnd)}\n\n${links[0].raw}\n\n${links[1].raw}${before.slice(lineEnd)}`,
      `the document text:\n${after}`,
    );
  } finally {
    fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
  }
});
