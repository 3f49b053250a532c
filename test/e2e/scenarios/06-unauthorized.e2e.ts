// Scenario 6: the server answers 401: the user is told, and offered to set the key.
import assert from 'node:assert/strict';
import path from 'node:path';
import { ctx } from '../context';
import { imageSnapshot, newFiles, sleep, waitFor } from '../files';
import { completionsSince, ensureApiKey, generateInMarkdown, mark, scenario } from '../scenario';

scenario(6, 'A 401 answer tells the user and offers Set API Key', async (wb) => {
  const { workspace, server, artifactsDir } = ctx();
  await ensureApiKey(wb);
  server.enqueue({ kind: 'error', status: 401 });

  const start = mark();
  await generateInMarkdown(wb, 'scenario-6.md', 5, 'a cat in the rain');
  const button = wb.toastButton(/Set API Key/i);
  await button.waitFor({ state: 'visible', timeout: 30_000 });
  const toast = (await wb.toasts()).find((t) => t.buttons.some((b) => /Set API Key/i.test(b)));
  assert.ok(toast, 'a notification offers Set API Key');
  assert.equal(toast.severity, 'error', `it is an error notification (${JSON.stringify(toast)})`);
  assert.ok(toast.text.length > 10, `it says what went wrong (${JSON.stringify(toast.text)})`);
  await sleep(600); // let the toast finish fading in
  await wb.screenshot(path.join(artifactsDir, '06-unauthorized-notification.png'));

  const requests = completionsSince(start.from);
  assert.equal(requests.length, 1, 'a 401 is not retried');
  assert.deepEqual(newFiles(start.images, imageSnapshot(workspace)), [], 'no file is written');

  await button.click();
  const box = await wb.waitForInputBox();
  assert.equal(box.type, 'password', 'the button opens the (hidden) API key input');
  await wb.page.keyboard.press('Escape');
  await waitFor(
    'the key input to close',
    async () => !(await wb.page.locator('.quick-input-widget').isVisible()),
    5000,
  );
  await sleep(300);
});
