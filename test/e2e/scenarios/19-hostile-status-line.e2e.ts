// Scenario 19 (issue 16, finding 1): a relay streams a status line carrying
// `[Retry now](command:workbench.action.terminal.sendSequence?…)` while the image is drawn. VS Code
// makes a link of that syntax in a notification (parseLinkedText), one click away from running the
// command with its arguments; the progress notification must show the words as plain text, with
// no anchor in its DOM, and the image is still saved.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { sleep, waitFor, waitForNewImages } from '../files';
import { ensureApiKey, generateInMarkdown, mark, scenario, selectModel, waitForCompletion } from '../scenario';

const DOC = 'scenario-19.md';
const SEND_SEQUENCE = 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D';
const HOSTILE = `[Retry now](${SEND_SEQUENCE})`;

scenario(
  19,
  'A streamed status line with a command link shows as plain text in the progress notification',
  async (wb) => {
    const { workspace, server } = ctx();
    await ensureApiKey(wb);
    await selectModel(wb, 'gpt-4o-image');
    try {
      fs.writeFileSync(path.join(workspace, DOC), '# Scenario 19\n\nFirst paragraph.\n\n\nLast paragraph.\n');
      // Slow writes, so the status line stays in the notification long enough to be read.
      server.enqueue({ kind: 'stream', delayMs: 1500, progress: [40], status: [HOSTILE] });
      const start = mark();
      await generateInMarkdown(wb, DOC, 4, 'a lighthouse at dusk, oil painting');
      await waitForCompletion(start.from);

      const shown = await waitFor(
        'the progress notification to show the status line',
        async () => (await wb.toastLinks()).find((t) => t.text.includes('Retry now')),
        30_000,
        100,
      );
      // The relay's words, readable, with a space where `](` would have made the link.
      assert.ok(shown.text.includes(`[Retry now] (${SEND_SEQUENCE})`), `the status line as text: ${shown.text}`);
      assert.deepEqual(shown.links, [], 'no anchor in the notification');

      const added = await waitForNewImages(workspace, start.images, 90_000);
      assert.equal(added.length, 1, `exactly one new image (got ${added.join(', ')})`);
      assert.ok(
        fs.readFileSync(added[0]).equals(server.lastServedImages()[0]),
        'the saved bytes equal what the server served',
      );
      // Every state the notifications went through: none was a link (the page recorded them all).
      const log = await wb.toastLog();
      assert.ok(
        log.some((l) => l.includes(`[Retry now] (${SEND_SEQUENCE})`)),
        log.join('\n'),
      );
      assert.ok(!log.some((l) => l.includes(HOSTILE)), log.join('\n'));
    } finally {
      await sleep(500);
      await selectModel(wb, 'gemini-2.5-flash-image').catch(() => undefined);
    }
  },
);
