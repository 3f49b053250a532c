// Scenario 22: a Jupyter notebook in VS Code's notebook editor. Generate Image… from a Markdown
// cell being edited puts the link into that cell (not into the notebook's JSON as text), saves
// the image beside the notebook, and the saved .ipynb holds the link, relative to its folder, in
// that cell's source only.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { sleep, waitFor, waitForNewImages } from '../files';
import { ensureApiKey, mark, scenario, TITLES, userText, waitForCompletion } from '../scenario';

const PROMPT = 'a bar chart of kite sales';

interface Cell {
  cell_type: string;
  source: string | string[];
}
const sourceOf = (c: Cell | undefined): string =>
  c === undefined ? '' : Array.isArray(c.source) ? c.source.join('') : c.source;

scenario(22, "Generate Image… into a Jupyter notebook's Markdown cell links the image in that cell", async (wb) => {
  const { workspace, server } = ctx();
  await ensureApiKey(wb);
  const dir = path.join(workspace, 'scenario-22/lab');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'analysis.ipynb');
  const notebook = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Analysis\n', '\n', 'The data.'] },
      { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['print("kites")'] },
    ],
    metadata: { language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(file, JSON.stringify(notebook, null, 1) + '\n');

  await wb.openNotebook('scenario-22/lab/analysis.ipynb');
  const page = wb.page;
  // Into the Markdown cell's editor (edit mode), the cursor at the end of its text. The first cell
  // has the list's focus; its rendered text lives in the notebook's webview (the row itself has no height).
  const row = page.locator('.notebook-editor .monaco-list-row.markdown-cell-row').first();
  await waitFor(
    'the Markdown cell to have the focus',
    async () => /\bfocused\b/.test((await row.getAttribute('class')) ?? ''),
    10_000,
    100,
  );
  await page.locator('.notebook-editor .cell-list-container > .monaco-list').first().focus();
  await page.keyboard.press('Enter');
  const cellEditor = row.locator('.monaco-editor');
  await waitFor(
    'the cell editor to take the cursor',
    async () => (await row.locator('.monaco-editor.focused').count()) > 0,
    5000,
    100,
  );
  await page.keyboard.press('ControlOrMeta+End');
  await sleep(300);
  await wb.screenshot(path.join(ctx().artifactsDir, '22-cell-editing.png'));

  const start = mark();
  await wb.runCommand(TITLES.generate);
  await wb.answerInputBox(PROMPT);
  const request = await waitForCompletion(start.from);
  assert.ok(userText(request).includes(PROMPT), 'the prompt reaches the server');
  const added = await waitForNewImages(workspace, start.images);
  assert.equal(added.length, 1, `exactly one new image (got ${added.join(', ')})`);
  const image = added[0];
  assert.equal(path.dirname(image), path.join(dir, 'images'), 'in the output folder beside the notebook');
  assert.ok(fs.readFileSync(image).equals(server.lastServedImages()[0]), 'the saved bytes are the served ones');
  const name = path.basename(image);

  // The link is in the cell's editor, as text of the cell.
  await waitFor(
    'the link in the cell',
    async () => (await cellEditor.locator('.view-lines').innerText()).includes(name),
    15_000,
    200,
  );
  await wb.screenshot(path.join(ctx().artifactsDir, '22-cell-linked.png'));
  await page.keyboard.press('Escape');
  await wb.saveAll();
  const saved = await waitFor('the notebook saved with the link', () => {
    const t = fs.readFileSync(file, 'utf8');
    return t.includes(name) ? (JSON.parse(t) as { cells: Cell[] }) : undefined;
  });
  assert.equal(saved.cells.length, 2, 'no cell added or lost');
  assert.equal(
    sourceOf(saved.cells[0]),
    `# Analysis\n\nThe data.\n\n![${PROMPT}](images/${name})`,
    'the link as its own paragraph in the Markdown cell, relative to the notebook',
  );
  assert.equal(saved.cells[0]?.cell_type, 'markdown');
  assert.equal(sourceOf(saved.cells[1]), 'print("kites")', 'the code cell is untouched');
});
