// Scenario 15: a Markdown file with an image link; the link's hover offers "Edit with AI…":
// the server gets the linked PNG, the result is saved beside it, and after the user picks it
// the link's target is replaced (exact document text); the old file stays.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { sha256, waitFor } from '../files';
import { ensureApiKey, imageUrls, mark, scenario, userText, waitForCompletion } from '../scenario';

const INSTRUCTION = '把天空换成紫色';

scenario(15, 'Hover on a Markdown image link: Edit with AI… replaces the link target after confirming', async (wb) => {
  const { workspace, server } = ctx();
  await ensureApiKey(wb);
  const dir = path.join(workspace, 'scenario-15');
  fs.mkdirSync(dir, { recursive: true });
  const kite = path.join(dir, 'kite.png');
  fs.copyFileSync(path.join(workspace, 'photo.png'), kite);
  const kiteBytes = fs.readFileSync(kite);
  const doc = path.join(dir, 'post.md');
  const before = '# Scenario 15\n\nText before.\n\n![a kite](kite.png "Kite")\n\nText after.\n';
  fs.writeFileSync(doc, before);

  await wb.openFile('scenario-15/post.md');
  await wb.goToLine(5);
  const start = mark();
  const edit = wb.page.locator('.monaco-hover a', { hasText: 'Edit with AI…' }).first();
  // The first hover loads the extension's engine; a hover that closed meanwhile is asked for again.
  for (let attempt = 1; ; attempt++) {
    await wb.runCommand('Show or Focus Hover');
    try {
      await edit.waitFor({ state: 'visible', timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await wb.page.keyboard.press('Escape');
    }
  }
  const hoverText = await edit.locator('xpath=ancestor::div[contains(@class, "monaco-hover-content")][1]').innerText();
  await wb.screenshot(path.join(ctx().artifactsDir, '15-hover.png'));
  assert.match(hoverText, /96 × 64 px · [\d.]+ KB/, `the hover shows the image's size (it says: ${hoverText})`);
  await edit.click();
  await wb.answerInputBox(INSTRUCTION);

  const request = await waitForCompletion(start.from);
  assert.ok(
    imageUrls(request).includes(`data:image/png;base64,${kiteBytes.toString('base64')}`),
    'the linked PNG is sent',
  );
  assert.ok(userText(request).includes(INSTRUCTION), 'the instruction reaches the server');

  // Confirm: the link shows the new image.
  await wb.pick('Use kite-edited.png');
  await waitFor(
    'the link to change in the editor',
    async () => (await wb.activeEditorText()).includes('kite-edited.png'),
    30_000,
    200,
  );
  await wb.saveAll();
  const after = fs.readFileSync(doc, 'utf8');
  assert.equal(after, '# Scenario 15\n\nText before.\n\n![a kite](kite-edited.png "Kite")\n\nText after.\n');

  const edited = fs.readFileSync(path.join(dir, 'kite-edited.png'));
  const served = server.lastServedImages();
  assert.ok(served.length >= 1 && edited.equals(served[0]), 'the new file holds the bytes the server served');
  assert.equal(sha256(fs.readFileSync(kite)), sha256(kiteBytes), 'the old file stays as it was');
});
