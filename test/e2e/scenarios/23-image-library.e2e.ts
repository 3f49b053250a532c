// Scenario 23: the Images view in the Explorer. It lists an image the extension made with its
// prompt (the row's tooltip); Delete Unused… on the folder's row lists and trashes only the image
// no document links to (the two linked ones stay); Rename… on the generated image updates the
// links of both documents that use it (Markdown and HTML).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { embedProvenance } from '../../../src/core/publish/embedProvenance';
import { buildProvenance } from '../../../src/core/publish/provenance';
import { ctx } from '../context';
import { sleep, waitFor } from '../files';
import { scenario } from '../scenario';
import type { Workbench } from '../ui';

const PROMPT = '海边的灯塔，水彩风格 lighthouse at dawn';
const FOLDER = 'library-23';
const IMAGES = /^Images/i;

/** The Images view's rows. */
function rows(wb: Workbench): Locator {
  return wb.viewPane(IMAGES).locator('.monaco-list-row');
}

/** Whether a row is shown, the Images view scrolled to it. */
function shown(wb: Workbench, target: Locator): Promise<boolean> {
  return wb.scrolledIntoView(IMAGES, target);
}

function row(wb: Workbench, label: string): Locator {
  return rows(wb)
    .filter({ has: wb.page.locator('.label-name', { hasText: label }) })
    .first();
}

/** The folder's row expanded (a refresh may fold it), and the row of `label` under it. */
async function imageRow(wb: Workbench, label: string): Promise<Locator> {
  const image = row(wb, label);
  if (!(await shown(wb, image))) {
    const folder = row(wb, FOLDER);
    await waitFor('the folder row in view', () => shown(wb, folder), 20_000, 200);
    await folder.locator('.monaco-tl-twistie').click();
  }
  await waitFor(`${label} in view`, () => shown(wb, image), 20_000, 200);
  return image;
}

async function contextMenu(wb: Workbench, target: Locator, entry: string): Promise<void> {
  // A right-click alone selects the row (a left click would also open the image and move focus).
  await sleep(500);
  await target.click({ button: 'right' });
  const item = wb.page.locator('.monaco-menu .action-item .action-label').filter({ hasText: entry });
  await item.first().waitFor({ state: 'visible', timeout: 10_000 });
  await item.first().hover();
  await sleep(200);
  await wb.page.keyboard.press('Enter');
}

scenario(
  23,
  'Images view lists a generated image with its prompt, Delete Unused trashes only the unlinked one, Rename updates two documents',
  async (wb) => {
    const { workspace, userData, server } = ctx();
    // The window may have opened with the view showing (scenario 18 left it open), its watcher
    // still starting while the files below are written: the view hidden now and shown after them
    // catches up, as it does for a user who looks at it again.
    await wb.runCommand('View: Show Search');
    const photo = fs.readFileSync(path.join(workspace, 'photo.png'));
    const made = embedProvenance(photo, buildProvenance({ prompt: PROMPT, model: 'gemini-3-pro-image-preview' }));
    assert.ok(made.embedded);
    const dir = path.join(workspace, FOLDER);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'lighthouse.png'), made.bytes);
    fs.writeFileSync(path.join(dir, 'linked.png'), photo);
    fs.writeFileSync(path.join(dir, 'unlinked.png'), photo);
    fs.writeFileSync(
      path.join(dir, 'one.md'),
      '# One\n\n![the lighthouse](lighthouse.png "dawn")\n\n![linked](<linked.png>)\n',
    );
    fs.writeFileSync(path.join(dir, 'two.html'), '<p><img src="lighthouse.png" alt="lighthouse"></p>\n');
    const posts = server.requests.filter((r) => r.method === 'POST').length;

    await wb.runCommand('View: Show Explorer');
    await wb.runCommand('Focus on Images View');
    // The view starts collapsed; focusing it expands it and the library indexes the workspace.
    const group = row(wb, FOLDER);
    await waitFor('the Images view to list the folder', () => shown(wb, group), 60_000, 500);
    const image = await imageRow(wb, 'lighthouse.png');
    // The row says how often it is used; its tooltip holds the prompt and the model, as plain text.
    assert.match(await image.innerText(), /used 2 times/);
    await image.hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: PROMPT });
    await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await hover.first().innerText(), /Model: gemini-3-pro-image-preview/);
    await wb.page.mouse.move(0, 0);

    // Delete Unused… on the folder: only unlinked.png is listed, and only it goes to the trash.
    await waitFor('the folder row in view', () => shown(wb, row(wb, FOLDER)), 20_000, 200);
    await contextMenu(wb, row(wb, FOLDER), 'Delete Unused Images…');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await dialog.innerText();
    assert.match(text, /Move 1 unused image/);
    assert.match(text, new RegExp(`${FOLDER}/unlinked\\.png`));
    assert.doesNotMatch(text, /lighthouse\.png|linked\.png\n/);
    await dialog.locator('.dialog-buttons .monaco-button').filter({ hasText: 'Move to Trash' }).click();
    const trashed = path.join(path.dirname(userData), 'xdg', 'data', 'Trash', 'files', 'unlinked.png');
    await waitFor(
      'unlinked.png to reach the trash',
      async () => !fs.existsSync(path.join(dir, 'unlinked.png')),
      20_000,
      200,
    );
    assert.ok(fs.existsSync(trashed) && fs.readFileSync(trashed).equals(photo), 'the file is in the trash, whole');
    assert.ok(
      fs.existsSync(path.join(dir, 'lighthouse.png')) && fs.existsSync(path.join(dir, 'linked.png')),
      'the linked images stay',
    );

    // Rename… on the generated image: both documents follow, in one edit; saved, they are on disk.
    await contextMenu(wb, await imageRow(wb, 'lighthouse.png'), 'Rename Image and Update Links…');
    const box = await wb.waitForInputBox();
    assert.equal(box.value, 'lighthouse.png');
    await wb.answerInputBox('灯塔 清晨.png');
    await waitFor('the image to be renamed', async () => fs.existsSync(path.join(dir, '灯塔 清晨.png')), 20_000, 200);
    await wb.runCommand('File: Save All');
    await waitFor(
      'both documents to name the new file',
      async () =>
        fs.readFileSync(path.join(dir, 'one.md'), 'utf8').includes('灯塔%20清晨.png') &&
        fs.readFileSync(path.join(dir, 'two.html'), 'utf8').includes('灯塔%20清晨.png'),
      20_000,
      200,
    );
    assert.equal(
      fs.readFileSync(path.join(dir, 'one.md'), 'utf8'),
      '# One\n\n![the lighthouse](灯塔%20清晨.png "dawn")\n\n![linked](<linked.png>)\n',
    );
    assert.equal(
      fs.readFileSync(path.join(dir, 'two.html'), 'utf8'),
      '<p><img src="灯塔%20清晨.png" alt="lighthouse"></p>\n',
    );
    assert.ok(!fs.existsSync(path.join(dir, 'lighthouse.png')));
    assert.equal(server.requests.filter((r) => r.method === 'POST').length, posts, 'the view sent nothing');
  },
);
