// The Generate command on the Images and Responses APIs: variations saved as a set, the user
// picks which to insert; the new endpoints' refusals reach the user as a sentence with the fix.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GATEWAY_ONLY_MODEL } from '../server/catalogAnswers';
import { MODEL_CATALOG } from '../../src/core/catalog';
import { generateCommand } from '../../src/vscode/commands/generate';
import { selectModelCommand } from '../../src/vscode/commands/selectModel';
import { useLoopback } from '../support/loopback';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-apis-adapter-key-1234567';

describe('Generate Image… on the Images and Responses APIs (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 2 } });
  let h: Harness;

  afterEach(async () => {
    await h?.dispose();
  });

  it('two variations are both saved as served; only the one the user picks is inserted', async () => {
    h = makeHarness(lb, { key: KEY });
    Object.assign(h.settings, { model: 'gpt-image-1', variations: 2, quality: 'high' });
    markdownDoc(h, 'docs/post.md', '# Boats\n\n', { cursor: '# Boats\n\n'.length });
    h.ui.inputs.push('a paper boat');
    let offered: string[] = [];
    h.ui.manyPicks.push((items) => {
      offered = items.map((i) => `${i.label} | ${i.description} | ${i.detail} | ${i.picked}`);
      return [items[1]];
    });

    await generateCommand(h.ctx);

    const names = ['2025-09-22-a-paper-boat-1.png', '2025-09-22-a-paper-boat-2.png'];
    assert.deepEqual(listFiles(h.root), [...names.map((n) => `docs/images/${n}`), 'docs/post.md']);
    assert.deepEqual(
      names.map((n) => fs.readFileSync(path.join(h.root, 'docs/images', n))),
      lb.server.lastServedImages(),
    );
    assert.deepEqual(
      offered,
      names.map((n, i) => `${n} | Variation ${i + 1} of 2 | A detailed rendering of: a paper boat | true`),
    );
    assert.equal(h.editors.text, '# Boats\n\n![a paper boat](images/2025-09-22-a-paper-boat-2.png)');
    const post = lb.server.requests.find((r) => r.path === '/api/v1/images/generations');
    assert.deepEqual(post?.json, { model: 'gpt-image-1', prompt: 'a paper boat', n: 2, quality: 'high' });
  });

  it("three variations kept: each link is its own paragraph, with a blank line between, in the document's line breaks", async () => {
    h = makeHarness(lb, { key: KEY });
    Object.assign(h.settings, { model: 'gpt-image-1', variations: 3 });
    markdownDoc(h, 'docs/post.md', '# Boats\r\n\r\nText after.\r\n', { cursor: '# Boats\r\n\r\n'.length });
    h.ui.inputs.push('a paper boat');
    h.ui.manyPicks.push((items) => [items[0], items[2]]);
    await generateCommand(h.ctx);
    assert.equal(
      h.editors.text,
      '# Boats\r\n\r\nText after.\r\n\r\n![a paper boat](images/2025-09-22-a-paper-boat-1.png)\r\n\r\n![a paper boat](images/2025-09-22-a-paper-boat-3.png)\r\n',
    );
  });

  it('picking none inserts nothing and says the images were saved', async () => {
    h = makeHarness(lb, { key: KEY });
    Object.assign(h.settings, { model: 'dall-e-3', variations: 2 });
    markdownDoc(h, 'post.md', 'text', { cursor: 4 });
    h.ui.inputs.push('two moons');
    h.ui.manyPicks.push(() => []);
    await generateCommand(h.ctx);
    assert.equal(h.editors.text, 'text');
    assert.equal(listFiles(h.root).filter((f) => f.endsWith('.png')).length, 2);
    assert.match(
      h.ui.messages('info')[0],
      /^Saved \(nothing inserted\) 2025-09-22-two-moons-1\.png, 2025-09-22-two-moons-2\.png$/,
    );
  });

  it('a model sent to an API that does not serve it: the sentence names the API that does and the setting to change', async () => {
    h = makeHarness(lb, { key: KEY });
    Object.assign(h.settings, { model: 'gpt-image-1', api: 'chat' });
    h.ui.inputs.push('a lamp');
    h.ui.errorChoices.push(undefined);
    await generateCommand(h.ctx);
    assert.deepEqual(h.ui.messages('error'), [
      'gpt-image-1 is not served by chat completions; it is served by the Images API. Set geekaiImage.api to "images" (or "auto") and try again.',
    ]);
    assert.deepEqual(h.ui.shown.find((m) => m.level === 'error')?.actions, [
      'Switch to the Images API',
      'Open Settings',
    ]);
    assert.deepEqual(listFiles(h.root), []);
    assert.equal(h.settings.api, 'chat', 'dismissed: nothing changed');
  });

  it('"Switch to the Images API" sets geekaiImage.api and runs the same job there; the image is saved as served', async () => {
    h = makeHarness(lb, { key: KEY });
    Object.assign(h.settings, { model: 'gpt-image-1', api: 'chat' });
    markdownDoc(h, 'post.md', '', { cursor: 0 });
    h.ui.inputs.push('a lamp');
    h.ui.errorChoices.push('Switch to the Images API');
    await generateCommand(h.ctx);
    assert.equal(h.settings.api, 'images');
    assert.deepEqual(
      lb.server.requests.filter((r) => r.method === 'POST').map((r) => r.path),
      ['/api/v1/chat/completions', '/api/v1/images/generations'],
    );
    assert.deepEqual(lb.server.requests.at(-1)?.json, { model: 'gpt-image-1', prompt: 'a lamp' });
    assert.deepEqual(
      fs.readFileSync(path.join(h.root, 'images/2025-09-22-a-lamp.png')),
      lb.server.lastServedImages()[0],
    );
    assert.equal(h.editors.text, '![a lamp](images/2025-09-22-a-lamp.png)');
    assert.equal(h.ui.messages('error').length, 1);
  });

  it("an option the model refuses is named, with the server's own words after it", async () => {
    h = makeHarness(lb, { key: KEY });
    Object.assign(h.settings, { model: 'flux-2-pro', background: 'transparent' });
    h.ui.inputs.push('a lamp');
    h.ui.errorChoices.push(undefined);
    await generateCommand(h.ctx);
    assert.match(
      h.ui.messages('error')[0],
      /^flux-2-pro does not take the option "background"\. Clear that setting \(or pick another model\) and try again\. Server says: Unsupported parameter: 'background'/,
    );
  });

  it('a Responses API model streams partial images into the progress and saves the final one', async () => {
    h = makeHarness(lb, { key: KEY });
    Object.assign(h.settings, { model: 'gpt-4.1' });
    markdownDoc(h, 'post.md', '', { cursor: 0 });
    h.ui.inputs.push('a red kite');
    await generateCommand(h.ctx);
    assert.equal(h.editors.text, '![a red kite](images/2025-09-22-a-red-kite.png)');
    assert.deepEqual(
      fs.readFileSync(path.join(h.root, 'images/2025-09-22-a-red-kite.png')),
      lb.server.lastServedImages()[0],
    );
    assert.ok(
      h.ui.reports.some((r) => /preview 2/.test(r.message ?? '')),
      JSON.stringify(h.ui.reports.map((r) => r.message)),
    );
  });

  it("Select Model lists the gateway's own models beside the catalog (cached), and refreshes on request", async () => {
    h = makeHarness(lb, { key: KEY });
    let labels: string[] = [];
    let descriptions: string[] = [];
    h.ui.picks.push((items) => items.find((i) => i.label.startsWith('Refresh')));
    h.ui.picks.push((items) => {
      labels = items.map((i) => i.label);
      descriptions = items.map((i) => i.description ?? '');
      return items.find((i) => i.label === 'flux-2-pro');
    });
    assert.equal(await selectModelCommand(h.ctx), 'flux-2-pro');
    // The table's models, then the image models only the gateway lists; the one it marks unavailable last. Its chat, vision and embedding models are not image models.
    const available = MODEL_CATALOG.map((m) => m.id).filter((id) => id !== 'imagen-4.0-generate-001');
    assert.deepEqual(labels, [
      ...available,
      GATEWAY_ONLY_MODEL,
      'flux-2-pro',
      'imagen-4.0-generate-001',
      "Refresh the gateway's model list",
      'Other model id…',
    ]);
    assert.equal(descriptions[labels.indexOf('flux-2-pro')], 'listed by the gateway · ≈ ¥0.20 per image');
    assert.equal(
      descriptions[labels.indexOf(GATEWAY_ONLY_MODEL)],
      'the Images API · listed by the gateway · ¥0.15 per image',
    );
    assert.equal(
      descriptions[labels.indexOf('gpt-image-1')],
      'the Images API · ¥0.02–¥0.25 per image · about 30-120 s',
    );
    // Priced only by GET /models/{id}, with the discount every channel gets (0.3 × 0.8).
    assert.equal(descriptions[labels.indexOf('gpt-image-2')], 'the Images API · ¥0.24 per image · about 30-120 s');
    assert.equal(
      descriptions[labels.indexOf('gemini-2.5-flash-image-preview')],
      'chat completions · price unknown · about 10-20 s',
    );
    assert.match(descriptions[labels.indexOf('imagen-4.0-generate-001')], /^unavailable · /);
    for (const other of ['gpt-4o-mini', 'text-embedding-3-small']) assert.ok(!labels.includes(other), other);
    const lists = () => lb.server.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/models');
    assert.equal(lists().length, 2, 'fetched once, then again for Refresh');
    assert.equal(lists()[0].headers.authorization, `Bearer ${KEY}`);
    h.ui.picks.push(() => undefined);
    await selectModelCommand(h.ctx);
    assert.equal(lists().length, 2, 'then served from the cache');
  });
});
