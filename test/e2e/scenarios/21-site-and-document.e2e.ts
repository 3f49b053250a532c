// Scenario 21: the document's language and its site decide. Generate Image… into an AsciiDoc
// book (a `.adoc` code-server knows only as plain text) inserts a block image macro relative to
// the header's :imagesdir:; into a Hugo post it saves in the site's static/ folder and links
// from the site root under baseURL's path, the progress notification saying which rule applied.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { waitFor, waitForNewImages } from '../files';
import { ensureApiKey, generateInMarkdown, mark, scenario, userText, waitForCompletion } from '../scenario';
import type { Workbench } from '../ui';

/** Generates into `rel` with the cursor on `line`, and returns the one new image (its bytes the served ones) and the saved document text. */
async function generateInto(
  wb: Workbench,
  rel: string,
  line: number,
  prompt: string,
): Promise<{ image: string; text: string }> {
  const { workspace, server } = ctx();
  const start = mark();
  await generateInMarkdown(wb, rel, line, prompt);
  const request = await waitForCompletion(start.from);
  assert.ok(userText(request).includes(prompt), 'the prompt reaches the server');
  const added = await waitForNewImages(workspace, start.images);
  assert.equal(added.length, 1, `exactly one new image (got ${added.join(', ')})`);
  assert.ok(fs.readFileSync(added[0]).equals(server.lastServedImages()[0]), 'the saved bytes are the served ones');
  const doc = path.join(workspace, rel);
  const before = fs.readFileSync(doc, 'utf8');
  const name = path.basename(added[0]);
  await waitFor('the reference in the editor', async () => (await wb.activeEditorText()).includes(name), 15_000);
  await wb.saveAll();
  const text = await waitFor('the reference on disk', () => {
    const t = fs.readFileSync(doc, 'utf8');
    return t !== before && t.includes(name) ? t : undefined;
  });
  return { image: added[0], text };
}

scenario(21, 'Generate Image… into an AsciiDoc book inserts image:: relative to its :imagesdir:', async (wb) => {
  const { workspace } = ctx();
  await ensureApiKey(wb);
  const before = '= Kites\n:imagesdir: images\n\nFlying kites.\n\nThe end.\n';
  fs.mkdirSync(path.join(workspace, 'scenario-21/book'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'scenario-21/book/kites.adoc'), before);
  const { image, text } = await generateInto(wb, 'scenario-21/book/kites.adoc', 4, 'a red kite, 风筝');
  assert.equal(
    path.dirname(image),
    path.join(workspace, 'scenario-21/book/images'),
    'in the output folder beside the book',
  );
  // Its own block after "Flying kites.", the path relative to :imagesdir:, the alt quoted (it holds a comma).
  assert.equal(
    text,
    `= Kites\n:imagesdir: images\n\nFlying kites.\n\nimage::${path.basename(image)}["a red kite, 风筝"]\n\nThe end.\n`,
  );
});

scenario(21, 'Generate Image… into a Hugo post saves in static/ and links from the site root', async (wb) => {
  const { workspace } = ctx();
  await ensureApiKey(wb);
  const site = path.join(workspace, 'scenario-21/blog');
  fs.mkdirSync(path.join(site, 'content/posts'), { recursive: true });
  fs.writeFileSync(path.join(site, 'hugo.toml'), 'baseURL = "https://example.org/blog/"\ntitle = "Kites"\n');
  const before = '---\ntitle: First flight\n---\n\nIt flew.\n';
  fs.writeFileSync(path.join(site, 'content/posts/first.md'), before);
  await wb.clearNotifications();
  const { image, text } = await generateInto(
    wb,
    'scenario-21/blog/content/posts/first.md',
    5,
    'a blue kite over the sea',
  );
  assert.equal(path.dirname(image), path.join(site, 'static/images'), "in the site's static/images");
  const lineEnd = before.indexOf('It flew.') + 'It flew.'.length;
  assert.equal(
    text,
    `${before.slice(0, lineEnd)}\n\n![a blue kite over the sea](/blog/images/${path.basename(image)})${before.slice(lineEnd)}`,
  );
  const log = await wb.toastLog();
  assert.ok(
    log.some((l) =>
      l.includes(
        'GeekAI Image · Hugo site: saving in its static folder static/images, linked from the site root as /blog/images/…',
      ),
    ),
    `the progress notification names the site rule:\n${log.join('\n')}`,
  );
  assert.ok(
    log.some((l) => l.includes(`(Hugo site: saved in static/images, linked as /blog/images/${path.basename(image)})`)),
    `the saved message names it too:\n${log.join('\n')}`,
  );
});
