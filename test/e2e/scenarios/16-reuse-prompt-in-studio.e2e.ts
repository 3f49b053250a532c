// Scenario 16: an image saved with its provenance; the explorer's "Reuse Prompt in Studio"
// opens the Studio with that prompt and model filled in and the same reference attached,
// without sending anything.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { embedProvenance } from '../../../src/core/publish/embedProvenance';
import { buildProvenance } from '../../../src/core/publish/provenance';
import { ctx } from '../context';
import { waitFor } from '../files';
import { mark, scenario } from '../scenario';

const PROMPT = '海边的灯塔，水彩风格，清晨的薄雾';
const MODEL = 'gpt-4o-image';

scenario(
  16,
  'Reuse Prompt in Studio from the explorer fills the Studio prompt and model from the image provenance',
  async (wb) => {
    const { workspace, server } = ctx();
    const photo = fs.readFileSync(path.join(workspace, 'photo.png'));
    const ref = path.join(workspace, 'scenario-16-ref.png');
    fs.copyFileSync(path.join(workspace, 'photo.png'), ref);
    const p = buildProvenance({
      prompt: PROMPT,
      model: MODEL,
      options: { aspectRatio: '16:9', stream: true },
      references: [{ name: 'scenario-16-ref.png', bytes: photo }],
    });
    const made = embedProvenance(photo, p);
    assert.ok(made.embedded, 'the sample PNG takes provenance');
    fs.writeFileSync(path.join(workspace, 'scenario-16.png'), made.bytes);

    const start = mark();
    await wb.explorerContextMenu('scenario-16.png', 'Reuse Prompt in Studio');
    const view = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    const prompt = view.locator('textarea.prompt-input').first();
    await prompt.waitFor({ state: 'visible', timeout: 30_000 });
    await waitFor('the Studio prompt to be filled', async () => (await prompt.inputValue()) === PROMPT, 30_000, 200);
    assert.equal(await prompt.inputValue(), PROMPT);
    assert.equal(await view.getByLabel('Model', { exact: true }).inputValue(), MODEL);
    assert.equal(await view.getByLabel('Aspect ratio', { exact: true }).inputValue(), '16:9');
    const attached = view.locator('ul.attachments li img');
    await waitFor('the reference to be attached', async () => (await attached.count()) === 1, 15_000, 200);
    assert.equal(await attached.first().getAttribute('alt'), 'scenario-16-ref.png');
    assert.equal(
      server.requests.slice(start.from).filter((r) => r.method === 'POST').length,
      0,
      'reusing a prompt sends nothing',
    );
  },
);
