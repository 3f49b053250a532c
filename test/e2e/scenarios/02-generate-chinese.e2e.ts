// Scenario 2: Generate Image… with a Chinese prompt from a Markdown file: the
// image lands where the settings say with the served bytes, and the link goes
// in as its own paragraph after the line of text the cursor is on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { markdownImages, resolveLink, waitFor, waitForNewImages } from '../files';
import {
  ensureApiKey,
  expectedOutputFolder,
  generateInMarkdown,
  mark,
  scenario,
  userText,
  waitForCompletion,
} from '../scenario';

const PROMPT = '画一只可爱的小猫在草丛中玩耍';

scenario(
  2,
  'Generate Image… with a Chinese prompt saves the served image and links it as its own paragraph',
  async (wb) => {
    const { workspace, server } = ctx();
    await ensureApiKey(wb);
    const doc = path.join(workspace, 'scenario-2.md');
    const before = fs.readFileSync(doc, 'utf8');
    const line = 3; // "First paragraph.": a line of text, so the link must not be glued to it
    const lineEnd = before.split('\n').slice(0, line).join('\n').length; // end of line 3

    const start = mark();
    await generateInMarkdown(wb, 'scenario-2.md', line, PROMPT);
    const request = await waitForCompletion(start.from);
    assert.ok(
      userText(request).includes(PROMPT),
      `the prompt reaches the server unchanged (got ${JSON.stringify(userText(request))})`,
    );

    const added = await waitForNewImages(workspace, start.images);
    assert.equal(added.length, 1, `exactly one new image (got ${added.join(', ')})`);
    const image = added[0];
    const folder = expectedOutputFolder(doc);
    if (folder) assert.equal(path.dirname(image), folder, 'the image is in the output folder the settings give');
    const served = server.lastServedImages();
    assert.ok(served.length >= 1, 'the server served an image');
    assert.ok(fs.readFileSync(image).equals(served[0]), 'the saved bytes equal what the server served');

    await waitFor('the link in the editor', async () => (await wb.activeEditorText()).includes('!['), 15_000);
    await wb.saveAll();
    const after = await waitFor('the link on disk', () => {
      const text = fs.readFileSync(doc, 'utf8');
      return text.includes('![') ? text : undefined;
    });
    const links = markdownImages(after);
    assert.equal(links.length, 1, `one image link in the document:\n${after}`);
    assert.equal(resolveLink(doc, links[0].target), image, 'the link points at the saved image');
    assert.ok(!path.isAbsolute(links[0].target), 'the link is relative');
    // Exactly the link, as its own paragraph right after the cursor's line; nothing else changed.
    assert.equal(
      after,
      `${before.slice(0, lineEnd)}\n\n${links[0].raw}${before.slice(lineEnd)}`,
      `the document text:\n${after}`,
    );
  },
);
