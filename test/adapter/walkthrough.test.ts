// The Get Started walkthrough's steps complete on real events: the context keys the commands set
// when a key is stored and GeekAI accepted it, when an image was saved, when a placeholder's image
// landed; and its example documents, as the user gets them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkApiKeyCommand, clearApiKeyCommand, setApiKeyCommand } from '../../src/vscode/commands/apiKey';
import { generatePlaceholdersCommand } from '../../src/vscode/commands/generatePlaceholders';
import { openExampleCommand } from '../../src/vscode/commands/openExample';
import { HAS_KEY, MADE_IMAGE, MADE_PLACEHOLDER_IMAGE } from '../../src/vscode/walkthroughContext';
import { useLoopback } from '../support/loopback';
import { listFiles, makeHarness, type Harness } from './support/harness';

const KEY = 'sk-walkthrough-0123456789';
const models = (lb: ReturnType<typeof useLoopback>): { auth: unknown }[] =>
  lb.server.requests
    .filter((r) => r.method === 'GET' && r.path === '/api/v1/models')
    .map((r) => ({ auth: r.headers.authorization }));

describe('Get Started walkthrough: completion events and example documents (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 2 } });
  let h: Harness;
  afterEach(async () => h?.dispose());

  it('Set API Key stores the key, checks it with GET /models, says it works, and sets hasKey', async () => {
    h = makeHarness(lb);
    h.ui.inputs.push(KEY);
    await setApiKeyCommand(h.ctx);
    assert.deepEqual(models(lb), [{ auth: `Bearer ${KEY}` }]);
    const host = new URL(lb.server.baseUrl).host;
    assert.match(
      h.ui.messages('info')[0] ?? '',
      new RegExp(
        `^GeekAI API key saved in VS Code's secret storage\\. The key works: ${host.replace(/\./g, '\\.')} lists \\d+ models\\.$`,
      ),
    );
    assert.deepEqual(h.ui.progressTitles, [`Checking the GeekAI API key with ${host}…`]);
    assert.equal(h.ui.contexts.get(HAS_KEY), true);
  });

  it('a key GeekAI refuses: the message says so and offers Set API Key; hasKey stays false until a good key is checked', async () => {
    h = makeHarness(lb);
    // The test server refuses `bad-key` with 401, as GeekAI refuses a wrong key.
    h.ui.inputs.push('bad-key', KEY);
    h.ui.errorChoices.push('Set API Key');
    await setApiKeyCommand(h.ctx);
    assert.deepEqual(h.ui.shown[0], {
      level: 'error',
      message:
        "GeekAI API key saved in VS Code's secret storage. GeekAI rejected the API key (401). Set a valid key and try again.",
      actions: ['Set API Key'],
    });
    assert.deepEqual(models(lb), [{ auth: 'Bearer bad-key' }, { auth: `Bearer ${KEY}` }]);
    assert.equal(h.secrets.map.get('geekaiImage.apiKey'), KEY);
    assert.equal(h.ui.contexts.get(HAS_KEY), true);
  });

  it('Check API Key without a key asks for one instead of sending anything; Clear API Key unsets hasKey', async () => {
    h = makeHarness(lb);
    h.ui.errorChoices.push(undefined);
    await checkApiKeyCommand(h.ctx);
    assert.deepEqual(h.ui.shown, [{ level: 'error', message: 'No GeekAI API key is set.', actions: ['Set API Key'] }]);
    assert.equal(lb.server.requests.length, 0);
    assert.equal(h.ui.contexts.get(HAS_KEY), false);

    h.secrets.map.set('geekaiImage.apiKey', KEY);
    await checkApiKeyCommand(h.ctx);
    assert.equal(h.ui.contexts.get(HAS_KEY), true);
    await clearApiKeyCommand(h.ctx, {});
    assert.equal(h.ui.contexts.get(HAS_KEY), false);
  });

  it('"Generate in a New Document": an unsaved Markdown document, the prompt selected and asked for, the image saved and linked below it', async () => {
    h = makeHarness(lb, { key: KEY });
    const prompt = 'A lighthouse on a rocky coast at dusk, warm light in the windows, watercolour';
    h.ui.inputs.push(undefined);
    await openExampleCommand(h.ctx, 'image');
    // The prompt box starts from the selection; Escape leaves the document as opened.
    assert.equal(h.ui.asked[0]?.value, prompt);
    assert.equal(h.editors.text, `# My first image\n\n${prompt}\n`);
    assert.equal(h.ui.contexts.get(MADE_IMAGE), undefined);

    h.ui.inputs.push(prompt);
    await openExampleCommand(h.ctx, 'image');
    const saved = listFiles(h.root).find((f) => f.startsWith('images/')) ?? '';
    assert.match(saved, /^images\/2025-09-22-a-lighthouse-on-a-rocky-coast-[\w-]*\.png$/);
    assert.deepEqual(fs.readFileSync(path.join(h.root, saved)), lb.server.lastServedImages()[0]);
    assert.equal(h.editors.text, `# My first image\n\n${prompt}\n\n![${prompt}](${saved})\n`);
    assert.equal(h.ui.contexts.get(MADE_IMAGE), true);
    assert.equal(h.ui.contexts.get(HAS_KEY), true);
  });

  it('"Open a Document with a Placeholder": its CodeLens run replaces the placeholder and sets madePlaceholderImage', async () => {
    h = makeHarness(lb, { key: KEY });
    await openExampleCommand(h.ctx, 'placeholder');
    const tail = '\n\nClick "Generate image" above the link, or run GeekAI Image: Generate All Images in Document.\n';
    assert.equal(
      h.editors.text,
      `# Images still to be made\n\n![a red kite over a grey sea, watercolour](geekai:16:9)${tail}`,
    );
    assert.equal(lb.server.requests.length, 0, 'opening the example sends nothing');
    const doc = h.editors.active()?.document;
    assert.ok(doc);
    // As the CodeLens above the placeholder runs it: its document and the placeholder's line (one request, not asked).
    await generatePlaceholdersCommand(h.ctx, doc, { start: { line: 2, character: 0 } });
    assert.deepEqual(h.ui.confirmations, []);
    const saved = listFiles(h.root).find((f) => f.startsWith('images/')) ?? '';
    assert.equal(
      h.editors.text,
      `# Images still to be made\n\n![a red kite over a grey sea, watercolour](${saved})${tail}`,
    );
    assert.equal(h.ui.contexts.get(MADE_PLACEHOLDER_IMAGE), true);
  });
});
