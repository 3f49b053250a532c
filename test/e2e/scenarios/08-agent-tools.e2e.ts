// Scenario 8: the language model tools as an agent calls them. A test-only companion extension
// runs vscode.lm.invokeTool for generate and edit (and one bad call); VS Code asks to confirm
// each paid call in a dialog, which must name the model, the prompt and the paid request.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { sleep, waitFor } from '../files';
import { ensureApiKey, scenario } from '../scenario';
import type { Workbench } from '../ui';

const PROMPT = 'A lighthouse drawn for the agent scenario';
const EDIT = 'make it look like night';
const MODEL = 'gemini-2.5-flash-image';

interface Recorded {
  tools: { name: string; description: string; inputSchema: { required?: string[] } }[];
  results: { name: string; parts?: { text?: string; other?: string }[]; error?: string }[];
}

/** Waits for VS Code's confirmation dialog, returns its text, and presses its Yes button. */
async function confirm(wb: Workbench): Promise<string> {
  const box = wb.page.locator('.monaco-dialog-box');
  await box.waitFor({ state: 'visible', timeout: 30_000 });
  const text = (await box.innerText()).replace(/\r/g, '');
  const buttons = box.locator('.dialog-buttons .monaco-button');
  const labels = (await buttons.allInnerTexts()).map((l) => l.trim());
  const yes = labels.findIndex((l) => /^(Yes|OK|Continue)$/.test(l));
  assert.ok(yes >= 0, `a Yes button in the dialog (buttons: ${labels.join(', ')})`);
  await buttons.nth(yes).click();
  await waitFor('the dialog to close', async () => !(await box.isVisible()), 10_000);
  return text;
}

scenario(
  8,
  'Agent tools: vscode.lm.invokeTool generates and edits after a confirmation naming model, prompt and the paid request',
  async (wb) => {
    const { workspace, server } = ctx();
    await ensureApiKey(wb);
    const doc = path.join(workspace, 'scenario-8.md');
    const before = fs.readFileSync(doc, 'utf8');
    const dir = path.join(workspace, '.e2e-agent');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'calls.json'),
      JSON.stringify([
        { name: 'geekai_generate_image', input: { prompt: PROMPT, model: MODEL, markdownFile: 'scenario-8.md' } },
        { name: 'geekai_edit_image', input: { images: ['photo.png'], prompt: EDIT, model: MODEL } },
        { name: 'geekai_generate_image', input: { prompt: 'x', size: '1024x1024' } },
      ]),
    );
    const host = new URL(server.baseUrl).host;
    const from = server.requests.length;
    try {
      await wb.runCommand('GeekAI E2E: Invoke Tools');

      const first = await confirm(wb);
      // "≈" before (a chat model may draw more than one image), the exact cost after (one image saved).
      for (const line of [
        'Generate an image with GeekAI?',
        `Model: ${MODEL}`,
        `Prompt: ${PROMPT}`,
        `This makes a paid request to ${host} with your GeekAI API key.`,
        'Estimated cost: ≈ ¥0.04 for 1 image',
        'Links appended to: scenario-8.md',
      ]) {
        assert.ok(first.includes(line), `the confirmation says "${line}":\n${first}`);
      }
      const second = await confirm(wb);
      for (const line of [
        'Edit an image with GeekAI?',
        `Model: ${MODEL}`,
        `Prompt: ${EDIT}`,
        `This makes a paid request to ${host} with your GeekAI API key.`,
        'Images sent: photo.png',
      ]) {
        assert.ok(second.includes(line), `the confirmation says "${line}":\n${second}`);
      }

      const recorded = await waitFor(
        'the companion to record the results',
        () =>
          fs.existsSync(path.join(dir, 'results.json'))
            ? (JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as Recorded)
            : undefined,
        60_000,
      );
      // The bad call cost nothing, so it was never confirmed: no third dialog.
      await sleep(300);
      assert.equal(await wb.page.locator('.monaco-dialog-box').isVisible(), false);

      assert.deepEqual(recorded.tools.map((t) => t.name).sort(), ['geekai_edit_image', 'geekai_generate_image']);
      assert.deepEqual(recorded.tools.find((t) => t.name === 'geekai_generate_image')?.inputSchema.required, [
        'prompt',
      ]);
      const [gen, edit, bad] = recorded.results;
      assert.equal(gen.error, undefined, gen.error);
      const genText = gen.parts?.[0]?.text ?? '';
      const saved = /^Saved 1 image with .*:\n(images\/[^\n]+\.png)\n/.exec(genText)?.[1];
      assert.ok(saved, `the result names the saved file:\n${genText}`);
      const savedBytes = fs.readFileSync(path.join(workspace, saved));
      const chats = server.requests.slice(from).filter((r) => r.path === '/api/v1/chat/completions');
      assert.equal(chats.length, 2, 'two paid requests: generate and edit, none for the bad call');
      const markdown = `![${PROMPT}](${saved})`;
      // The whole answer: what was saved, what it cost (the test server's list price for the model,
      // ¥0.04 an image, times the one image saved), the Markdown, and last that it is already in the file.
      assert.equal(
        genText,
        [
          `Saved 1 image with ${MODEL}:`,
          saved,
          '',
          'Cost: ¥0.04 for 1 image',
          '',
          'Markdown to use (links relative to scenario-8.md):',
          markdown,
          '',
          'These links were appended to the end of scenario-8.md.',
        ].join('\n'),
      );
      // The Markdown written into the target document, as its own paragraph at the end.
      const after = await waitFor('the link in scenario-8.md on disk', () => {
        const text = fs.readFileSync(doc, 'utf8');
        return text.includes(markdown) ? text : undefined;
      });
      assert.equal(after, `${before.replace(/\n+$/, '')}\n\n${markdown}`);

      assert.equal(edit.error, undefined, edit.error);
      const editText = edit.parts?.[0]?.text ?? '';
      const edited = /\n(photo-edited[^\n]*\.png)\n/.exec(editText)?.[1];
      assert.ok(edited, `the result names the edited file:\n${editText}`);
      assert.ok(editText.includes(`\n${edited}\n\nCost: ¥0.04 for 1 image\n\nMarkdown to use`), editText);
      const editedBytes = fs.readFileSync(path.join(workspace, edited));
      assert.ok(server.lastServedImages()[0].equals(editedBytes), 'the saved edit is what the server served last');
      assert.ok(!editedBytes.equals(savedBytes));

      assert.equal(bad.error, undefined);
      assert.match(bad.parts?.[0]?.text ?? '', /^Unknown option\(s\): size\. This tool accepts: prompt, model/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
