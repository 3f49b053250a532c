// The workspace style through the commands and the Studio's backend: applied to the request the
// server receives, and an invalid style refused with a message naming the problem.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateCommand } from '../../src/vscode/commands/generate';
import { VsCodeStudioBackend } from '../../src/studio/studioBackend';
import { useLoopback } from '../support/loopback';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-style-adapter-0123456789';
type ChatBody = { model: string; messages: { role: string; content: string | { type: string; text?: string }[] }[] };
const userText = (b: ChatBody): string =>
  b.messages
    .filter((m) => m.role === 'user')
    .map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => p.text ?? '').join('')))
    .join('');

describe('workspace style in the commands and the Studio (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 5 } });
  let h: Harness;
  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
  });
  afterEach(async () => {
    await h.dispose();
  });
  const writeStyle = (text: string): void => {
    fs.mkdirSync(path.join(h.root, '.geekai'), { recursive: true });
    fs.writeFileSync(path.join(h.root, '.geekai/style.json'), text);
  };
  const chats = (): ChatBody[] =>
    lb.server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.json as ChatBody);

  it("Generate Image… sends the prompt with the style appended, in the style's model; the link keeps the user's prompt", async () => {
    writeStyle(JSON.stringify({ prompt: 'pastel watercolour', model: 'gpt-4o-image' }));
    markdownDoc(h, 'post.md', '');
    h.ui.inputs.push('a fox');
    await generateCommand(h.ctx);
    assert.equal(chats()[0]?.model, 'gpt-4o-image');
    assert.equal(userText(chats()[0]), 'a fox\n\npastel watercolour');
    assert.equal(h.editors.text, '![a fox](images/2025-09-22-a-fox.png)');
  });

  it('an invalid style: the command says what is wrong and sends nothing', async () => {
    writeStyle('{ "prompt": "x", "aspectRatio": "wide" }');
    markdownDoc(h, 'post.md', '');
    h.ui.inputs.push('a fox');
    await generateCommand(h.ctx);
    assert.deepEqual(h.ui.messages('error'), [
      'The value of "aspectRatio" in .geekai/style.json is not allowed; nothing was sent.',
    ]);
    assert.equal(lb.server.requests.length, 0);
    assert.deepEqual(listFiles(h.root), ['.geekai/style.json', 'post.md']);
  });

  it('an unknown field: one short sentence naming it, no progress notification, and Open style.json puts the cursor on the field', async () => {
    const text = '{\n  "prompt": "pastel",\n  "colour": "red"\n}\n';
    writeStyle(text);
    markdownDoc(h, 'post.md', '');
    h.ui.inputs.push('a fox');
    h.ui.errorChoices.push('Open style.json');
    await generateCommand(h.ctx);
    assert.deepEqual(h.ui.shown, [
      {
        level: 'error',
        message: '"colour" is not a style field in .geekai/style.json; nothing was sent.',
        actions: ['Open style.json'],
      },
    ]);
    assert.deepEqual(h.ui.progressTitles, []);
    assert.deepEqual(
      h.editors.shownAt.map((s) => ({ path: s.document.path, at: text.slice(s.offset, s.offset + 8) })),
      [{ path: path.join(h.root, '.geekai/style.json').split(path.sep).join('/'), at: '"colour"' }],
    );
    assert.equal(lb.server.requests.length, 0);
  });

  it('a reference outside the folder: Open style.json goes to that item of references', async () => {
    const text = '{ "references": ["ok.png", "../../etc/x.png"] }';
    writeStyle(text);
    markdownDoc(h, 'post.md', '');
    h.ui.inputs.push('a fox');
    h.ui.errorChoices.push('Open style.json');
    await generateCommand(h.ctx);
    assert.deepEqual(h.ui.messages('error'), [
      'references.1 in .geekai/style.json is outside the workspace folder; nothing was sent.',
    ]);
    assert.equal(text.slice(h.editors.shownAt[0]?.offset ?? -1).startsWith('"../../etc/x.png"'), true);
  });

  it("the Studio's job can skip the style once", async () => {
    writeStyle(JSON.stringify({ prompt: 'pastel watercolour' }));
    const backend = new VsCodeStudioBackend(h.ctx);
    const doc = markdownDoc(h, 'post.md', '');
    await backend.generate(
      { prompt: 'a boat', model: 'gpt-4o-image', references: [], document: doc, skipStyle: true },
      () => undefined,
      new AbortController().signal,
    );
    await backend.generate(
      { prompt: 'a boat', model: 'gpt-4o-image', references: [], document: doc },
      () => undefined,
      new AbortController().signal,
    );
    assert.deepEqual(chats().map(userText), ['a boat', 'a boat\n\npastel watercolour']);
  });

  it("the Studio is told the style of the target document's folder, or why it cannot be used", async () => {
    const backend = new VsCodeStudioBackend(h.ctx);
    const doc = markdownDoc(h, 'post.md', '');
    assert.equal(await backend.workspaceStyle(doc), undefined);
    writeStyle(JSON.stringify({ prompt: 'pastel watercolour', references: ['ref.png'], aspectRatio: '3:2' }));
    assert.deepEqual(await backend.workspaceStyle(doc), {
      prompt: 'pastel watercolour',
      references: 1,
      model: undefined,
      aspectRatio: '3:2',
      saveFormat: undefined,
    });
    writeStyle('{ "colour": "red" }');
    assert.deepEqual(await backend.workspaceStyle(doc), {
      references: 0,
      problem: '"colour" is not a style field in .geekai/style.json; nothing was sent.',
    });
  });
});
