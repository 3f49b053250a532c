// Scenario 5: Cancel during a slow generation: no file appears and the server
// sees the connection close.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { imageSnapshot, newFiles, sleep, waitFor } from '../files';
import { ensureApiKey, generateInMarkdown, mark, scenario, waitForCompletion } from '../scenario';

scenario(5, 'Cancel during a slow generation writes nothing and closes the connection', async (wb) => {
  const { workspace, server } = ctx();
  await ensureApiKey(wb);
  const doc = path.join(workspace, 'scenario-5.md');
  const before = fs.readFileSync(doc, 'utf8');
  server.enqueue({ kind: 'delay', ms: 60_000, then: { kind: 'image', via: 'messageImage' } });

  const start = mark();
  await generateInMarkdown(wb, 'scenario-5.md', 5, 'a very slow painting of the sea');
  const request = await waitForCompletion(start.from);
  const cancel = wb.toastButton('Cancel');
  await cancel.waitFor({ state: 'visible', timeout: 15_000 });
  await cancel.click();

  await waitFor('the server to see the client close the connection', () => request.closedByClient, 15_000, 100);
  assert.equal(request.completed, false, 'the server never completed the answer');
  await waitFor('the progress notification to go', async () => !(await cancel.isVisible()), 10_000);
  await sleep(3000); // anything that would still be written has had time

  assert.deepEqual(newFiles(start.images, imageSnapshot(workspace)), [], 'no file appears after Cancel');
  assert.equal((await wb.activeEditorText()).includes('!['), false, 'no link is inserted');
  await wb.saveAll();
  assert.equal(fs.readFileSync(doc, 'utf8'), before, 'the Markdown file is unchanged');
});
