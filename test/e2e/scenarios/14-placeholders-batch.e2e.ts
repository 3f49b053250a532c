// Scenario 14: a Markdown document with three `geekai:` placeholders → Generate All Images in
// Document: a modal question names the three paid requests, the model and the server, and
// nothing is sent before Generate; then three files saved with the served bytes, each
// placeholder's target replaced in the editor (title and options kept as written), and Undo
// brings the placeholders back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { sleep, waitFor, waitForNewImages } from '../files';
import { ensureApiKey, mark, scenario } from '../scenario';

const DOC = 'placeholders.md';
const TEXT =
  '# Kites\n\n![a red kite](geekai:)\n\nSome text.\n\n![a blue boat](geekai:16:9 "the boat")\n\n![a green hill](geekai:?ratio=3:2)\n';

scenario(14, 'Generate All Images in Document fills three placeholders in one batch', async (wb) => {
  const { workspace, server } = ctx();
  await ensureApiKey(wb);
  const doc = path.join(workspace, DOC);
  fs.writeFileSync(doc, TEXT);

  const start = mark();
  await wb.openFile(DOC);
  await wb.runCommand('GeekAI Image: Generate All Images in Document');

  // Asked first, in a modal dialog; nothing is sent while it is open.
  const question = await waitFor('the question before the batch', () => wb.dialogText(), 20_000);
  const asked = /Generate 3 image\(s\) with (\S+)\? This sends 3 paid request\(s\) to ([^\s]+)\./.exec(question);
  assert.ok(asked, `the question names the count, the model and the server: ${question}`);
  assert.equal(asked[2], new URL(server.baseUrl).host);
  await sleep(500);
  assert.equal(
    server.requests.slice(start.from).filter((r) => r.method === 'POST').length,
    0,
    'nothing sent before Generate',
  );
  await wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Generate$/ }).click();

  const added = await waitFor(
    'three new images',
    async () => {
      const files = await waitForNewImages(workspace, start.images);
      return files.length === 3 ? files : undefined;
    },
    90_000,
  );
  const served = server.allServedImages();
  const fileFor = (slug: string): string => {
    const f = added.find((a) => a.endsWith(`-${slug}.png`));
    assert.ok(f, `a file for ${slug} (saved: ${added.join(', ')})`);
    assert.ok(
      served.some((s) => s.equals(fs.readFileSync(f))),
      `${slug}: the saved bytes are what the server served`,
    );
    return path.relative(path.dirname(doc), f).split(path.sep).join('/');
  };
  const expected = TEXT.replace('![a red kite](geekai:)', `![a red kite](${fileFor('a-red-kite')})`)
    .replace('![a blue boat](geekai:16:9 "the boat")', `![a blue boat](${fileFor('a-blue-boat')} "the boat")`)
    .replace('![a green hill](geekai:?ratio=3:2)', `![a green hill](${fileFor('a-green-hill')})`);

  await waitFor(
    'every placeholder replaced in the editor',
    async () => !(await wb.activeEditorText()).includes('geekai:'),
    30_000,
  );
  await wb.saveAll();
  assert.equal(fs.readFileSync(doc, 'utf8'), expected, 'the document text');

  // The options went with their prompts.
  const bodies = server.requests
    .slice(start.from)
    .filter((r) => r.path.endsWith('/chat/completions'))
    .map((r) => JSON.stringify(r.json));
  assert.equal(bodies.length, 3, 'one request per placeholder');
  const models = server.requests
    .slice(start.from)
    .filter((r) => r.path.endsWith('/chat/completions'))
    .map((r) => (r.json as { model?: string }).model);
  assert.deepEqual(models, [asked[1], asked[1], asked[1]], 'the model the question named');
  assert.ok(
    bodies.some((b) => b.includes('a blue boat') && b.includes('16:9')),
    'the blue boat asked for 16:9',
  );

  // Undo, once per replaced link, brings back the placeholders (the files stay).
  await wb.page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
  for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Control+z');
  await wb.saveAll();
  await waitFor('the placeholders back on disk', () => fs.readFileSync(doc, 'utf8') === TEXT, 10_000);
  for (const f of added) assert.ok(fs.existsSync(f), `${f} stays`);
});
