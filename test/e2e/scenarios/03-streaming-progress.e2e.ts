// Scenario 3: a streaming model (gpt-4o-image): the progress notification
// shows the progress the server streams, and the result is saved.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ctx } from '../context';
import { sleep, waitForNewImages } from '../files';
import { ensureApiKey, generateInMarkdown, mark, scenario, selectModel, waitForCompletion } from '../scenario';

const PROGRESS = [10, 34, 67, 100];

scenario(3, 'A streaming model shows progress in the notification and saves the result', async (wb) => {
  const { workspace, server } = ctx();
  await ensureApiKey(wb);
  await selectModel(wb, 'gpt-4o-image');
  try {
    // The default stream is quick (30 ms between writes); slow it so the progress has time to show.
    server.enqueue({ kind: 'stream', delayMs: 600, progress: PROGRESS });
    const start = mark();
    await generateInMarkdown(wb, 'scenario-3.md', 5, 'a lighthouse at dusk, oil painting');
    const request = await waitForCompletion(start.from);
    const body = request.json as { model?: string; stream?: boolean };
    assert.equal(body.model, 'gpt-4o-image', 'the selected model is sent');
    assert.equal(body.stream, true, 'a streaming model is asked to stream');

    const added = await waitForNewImages(workspace, start.images, 90_000);
    assert.equal(added.length, 1, `exactly one new image (got ${added.join(', ')})`);
    const served = server.lastServedImages();
    assert.ok(
      served.length >= 1 && fs.readFileSync(added[0]).equals(served[0]),
      'the saved bytes equal what the server served',
    );

    const log = await wb.toastLog();
    const streamed = new RegExp(`\\b(${PROGRESS.slice(0, -1).join('|')})\\s*%`);
    const percents = log.filter((l) => streamed.test(l.replace(/⟨bar:[^⟩]*⟩/, '')));
    const discrete = log.filter((l) => /⟨bar:discrete (?!0%)\d/.test(l));
    assert.ok(
      percents.length + discrete.length > 0,
      `the progress notification showed progress; notifications seen:\n${log.join('\n')}`,
    );
  } finally {
    await sleep(500);
    await selectModel(wb, 'gemini-2.5-flash-image').catch(() => undefined);
  }
});
