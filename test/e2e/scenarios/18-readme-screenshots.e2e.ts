// Scenario 18: the README's and the walkthrough's pictures of the extension at work in a real
// VS Code, in the dark and light default themes: the hover on an image link, placeholders with
// their CodeLens, an agent's call being confirmed, a first image linked below its prompt, and the
// Images view.
// Each scene is checked (the hover's actions, the CodeLens, the confirmation's words, the link
// inserted) before its picture is taken. `npm run screenshots` sets GEEKAI_SCREENSHOTS=1 and the
// pictures replace docs/images and media/walkthrough; otherwise they go to test-artifacts/e2e.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { downscale, placeholderImage } from '../../server/placeholderImage';
import { encodePng } from '../../support/png';
import { optimisePng } from '../../screenshots/optimisePng';
import { ctx } from '../context';
import { sleep, waitFor } from '../files';
import { ensureApiKey, scenario, TITLES } from '../scenario';
import type { Workbench } from '../ui';

const ROOT = path.resolve(__dirname, '../../../..');
const THEMES = { dark: 'Dark Modern', light: 'Light Modern' } as const;
type Theme = keyof typeof THEMES;

const publish = process.env.GEEKAI_SCREENSHOTS === '1';
const out = (folder: 'docs/images' | 'media/walkthrough'): string =>
  publish ? path.join(ROOT, folder) : path.join(ctx().artifactsDir, 'readme', folder);

/** Picks the theme as a user does (Preferences: Color Theme), and waits until the workbench wears it. */
async function setTheme(wb: Workbench, theme: Theme): Promise<void> {
  await wb.runCommand('Preferences: Color Theme');
  await wb.pick(THEMES[theme]);
  // The workbench's class names the theme's kind: `vs-dark` or `vs`.
  const want = theme === 'dark' ? 'vs-dark' : 'vs';
  let seen = '';
  try {
    await waitFor(
      `the ${theme} theme`,
      async () => {
        seen = await wb.page.evaluate<string>(
          "[...document.querySelectorAll('.monaco-workbench')].map((e) => e.className).join(' | ')",
        );
        return seen.split(/[\s|]+/).includes(want);
      },
      20_000,
      200,
    );
  } catch {
    throw new Error(`the ${theme} theme did not apply (workbench classes: ${seen})`);
  }
  await sleep(800);
}

/** The window without its title and status bars, optimised, as `name`. */
async function picture(
  wb: Workbench,
  folder: 'docs/images' | 'media/walkthrough',
  name: string,
  size = { width: 1400, height: 900 },
): Promise<void> {
  // No tooltip of the tab or breadcrumb the pointer last crossed (it shows the temp folder's path):
  // the pointer rests on the explorer's empty space, outside the editor and its hover.
  await wb.page.mouse.move(200, size.height - 10);
  await sleep(300);
  const png = await wb.page.screenshot({ clip: { x: 0, y: 0, ...size } });
  const dir = out(folder);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), optimisePng(png));
}

async function hover(wb: Workbench, theme: Theme, dir: string): Promise<void> {
  const prompt = 'A lighthouse on a rocky coast at dusk';
  // Half the test server's size, so the hover shows the picture and its actions on one screen.
  fs.writeFileSync(path.join(dir, 'lighthouse.png'), encodePng(downscale(placeholderImage(prompt), 2)));
  fs.writeFileSync(
    path.join(dir, 'walk.md'),
    `# A walk by the sea\n\n![${prompt}](lighthouse.png)\n\nThe path turns north after the harbour.\n`,
  );
  await wb.openFile('readme-shots/walk.md');
  await wb.goToLine(3);
  const edit = wb.page.locator('.monaco-hover a', { hasText: 'Edit with AI…' }).first();
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
  const text = await wb.page.locator('.monaco-hover').first().innerText();
  for (const action of ['Edit with AI…', 'Open in Studio', 'Write Alt Text'])
    assert.ok(text.includes(action), `the hover offers ${action}: ${text}`);
  await sleep(500);
  await picture(wb, 'docs/images', `hover-${theme}.png`, { width: 1000, height: 560 });
  await wb.page.keyboard.press('Escape');
}

async function placeholders(wb: Workbench, theme: Theme, dir: string): Promise<void> {
  const text = [
    '# Kites of the north coast',
    '',
    'Write the pictures first, make them later.',
    '',
    '![a red kite over a grey sea, watercolour](geekai:16:9)',
    '',
    'The harbour in the morning:',
    '',
    '![一只在码头上晒太阳的猫](geekai:3:2?model=gpt-4o-image)',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'placeholders.md'), text);
  await wb.openFile('readme-shots/placeholders.md');
  const lenses = wb.page.locator('.editor-group-container.active .codelens-decoration', { hasText: 'Generate image' });
  await waitFor(
    'a Generate image CodeLens above each placeholder',
    async () => (await lenses.count()) === 2,
    30_000,
    200,
  );
  await picture(wb, 'docs/images', `placeholders-${theme}.png`, { width: 1000, height: 480 });
}

async function agent(wb: Workbench, theme: Theme): Promise<void> {
  const { workspace } = ctx();
  const calls = path.join(workspace, '.e2e-agent');
  fs.mkdirSync(calls, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'readme-shots', 'guide.md'), '# Guide\n\nThe harbour at dawn.\n');
  fs.writeFileSync(
    path.join(calls, 'calls.json'),
    JSON.stringify([
      {
        name: 'geekai_generate_image',
        input: { prompt: 'The harbour at dawn, fishing boats, soft light', markdownFile: 'readme-shots/guide.md' },
      },
    ]),
  );
  try {
    await wb.runCommand('GeekAI E2E: Invoke Tools');
    const box = wb.page.locator('.monaco-dialog-box');
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    const said = await box.innerText();
    for (const line of [
      'Generate an image with GeekAI?',
      'Prompt: The harbour at dawn',
      'paid request',
      'Links appended to: readme-shots/guide.md',
    ])
      assert.ok(said.includes(line), `the confirmation says "${line}": ${said}`);
    await sleep(400);
    await picture(wb, 'docs/images', `agent-${theme}.png`, { width: 1400, height: 760 });
    const buttons = box.locator('.dialog-buttons .monaco-button');
    const labels = (await buttons.allInnerTexts()).map((l) => l.trim());
    await buttons.nth(labels.findIndex((l) => /^(Yes|OK|Continue)$/.test(l))).click();
    await waitFor('the companion to record the result', () => fs.existsSync(path.join(calls, 'results.json')), 60_000);
  } finally {
    fs.rmSync(calls, { recursive: true, force: true });
  }
}

async function firstImage(wb: Workbench, theme: Theme, dir: string): Promise<void> {
  const prompt = 'A paper boat on a pond at sunrise, soft watercolour';
  fs.writeFileSync(path.join(dir, `first-${theme}.md`), `# My first image\n\n${prompt}\n`);
  await wb.openFile(`readme-shots/first-${theme}.md`);
  // The empty line below the prompt (the palette's Escape would drop a selection).
  await wb.goToLine(4);
  await wb.runCommand(TITLES.generate);
  await wb.answerInputBox(prompt);
  await waitFor(
    'the link below the prompt',
    async () => /!\[A paper boat/.test((await wb.activeEditorText()).replace(/\u00a0/g, ' ')),
    60_000,
    200,
  );
  await wb.saveAll();
  assert.match(
    fs.readFileSync(path.join(dir, `first-${theme}.md`), 'utf8'),
    new RegExp(`^# My first image\\n\\n${prompt}\\n\\n!\\[${prompt}\\]\\(images/[^)]+\\.png\\)\\n?$`),
  );
  await wb.clearNotifications();
  await wb.runCommand('Markdown: Open Preview to the Side');
  await wb.page.locator('.webview').first().waitFor({ state: 'visible', timeout: 20_000 });
  await sleep(2500);
  await picture(wb, 'media/walkthrough', `first-image-${theme}.png`, { width: 1400, height: 640 });
  await wb.closeAllEditors();
}

/** The Images view in the Explorer, its folder of the README's scenes open: thumbnails, sizes and uses. */
async function imagesView(wb: Workbench, theme: Theme): Promise<void> {
  await wb.runCommand('View: Show Explorer');
  await wb.runCommand('Focus on Images View');
  const pane = wb.viewPane(/^Images/i);
  const row = (label: string | RegExp) =>
    pane
      .locator('.monaco-list-row')
      .filter({ has: wb.page.locator('.label-name', { hasText: label }) })
      .first();
  const folder = row(/^readme-shots$/);
  await waitFor('the Images view to list readme-shots', () => wb.scrolledIntoView(/^Images/i, folder), 60_000, 500);
  const lighthouse = row('lighthouse.png');
  if (!(await lighthouse.isVisible())) await folder.locator('.monaco-tl-twistie').click();
  await waitFor('lighthouse.png in view', () => wb.scrolledIntoView(/^Images/i, lighthouse), 20_000, 200);
  const text = await lighthouse.innerText();
  assert.match(text, /lighthouse\.png/, `the row names the file: ${text}`);
  await sleep(800);
  await picture(wb, 'docs/images', `images-view-${theme}.png`);
}

scenario(
  18,
  'README and walkthrough pictures: hover, placeholders, an agent call, a first image, in dark and light',
  async (wb) => {
    const { workspace } = ctx();
    await ensureApiKey(wb);
    const dir = path.join(workspace, 'readme-shots');
    fs.mkdirSync(dir, { recursive: true });
    try {
      for (const theme of ['dark', 'light'] as const) {
        await setTheme(wb, theme);
        await hover(wb, theme, dir);
        await placeholders(wb, theme, dir);
        await agent(wb, theme);
        await firstImage(wb, theme, dir);
        await imagesView(wb, theme);
      }
    } finally {
      await setTheme(wb, 'dark').catch(() => undefined);
    }
  },
);
