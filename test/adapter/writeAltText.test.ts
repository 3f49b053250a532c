// Write Alt Text through the real adapter against the test server: what the model is sent, what
// lands in the brackets, and what the user sees when there is nothing to describe.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeAltTextCommand } from '../../src/vscode/commands/writeAltText';
import { samplePng } from '../support/sampleImage';
import { useLoopback } from '../support/loopback';
import { makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-alt-text-adapter-0123456789';

type VisionBody = {
  model: string;
  stream: boolean;
  messages: { content: { type: string; text?: string; image_url?: { url: string } }[] }[];
};

describe('Write Alt Text command (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;
  const png = samplePng(24, 16);

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
    fs.mkdirSync(path.join(h.root, 'docs/images'), { recursive: true });
    fs.writeFileSync(path.join(h.root, 'docs/images/kite.png'), png);
  });
  afterEach(async () => {
    await h.dispose();
  });

  const chats = (): VisionBody[] =>
    lb.server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.json as VisionBody);

  it('describes the linked file with the altTextModel and writes the sentence into the empty brackets (link given by range)', async () => {
    const text = '# Kites\n\nIntro.\n\n![](images/kite.png "A title")\n\nEnd.\n';
    const doc = markdownDoc(h, 'docs/post.md', text, { cursor: 0 });
    await writeAltTextCommand(h.ctx, doc, { start: { line: 4, character: 0 } });

    assert.equal(
      h.editors.text,
      '# Kites\n\nIntro.\n\n![A 24×16 picture of coloured squares.](images/kite.png "A title")\n\nEnd.\n',
    );
    const [body] = chats();
    assert.equal(chats().length, 1);
    assert.equal(body.model, 'gpt-4o-mini');
    assert.equal(body.stream, false);
    assert.equal(body.messages[0].content[1].image_url?.url, `data:image/png;base64,${png.toString('base64')}`);
    assert.match(body.messages[0].content[0].text ?? '', /English/);
    // One edit, which undo takes back whole.
    assert.equal(h.editors.undoStack.length, 1);
    h.editors.undo();
    assert.equal(h.editors.text, text);
  });

  it("the model's sentence arrives as plain text and Markdown escapes it once: brackets, stars and backslashes stay as written", async () => {
    lb.server.enqueue({ kind: 'text', text: 'A *bold* [robot] at C:\\kites & more' });
    const doc = markdownDoc(h, 'docs/post.md', '![](images/kite.png)\n', { cursor: 0 });
    await writeAltTextCommand(h.ctx, doc, { start: { line: 0, character: 0 } });
    assert.equal(h.editors.text, '![A \\*bold\\* \\[robot\\] at C:\\\\kites \\& more](images/kite.png)\n');
  });

  it("takes the link under the cursor, answers in the document's language and uses the altTextModel setting", async () => {
    h.settings.altTextModel = 'gpt-4.1';
    const text = '# 风筝\n\n今天在海边放风筝，风很大。\n\n![](<images/kite.png>)\n';
    markdownDoc(h, 'docs/post.md', text, { cursor: text.indexOf('kite.png') });
    await writeAltTextCommand(h.ctx);

    assert.equal(
      h.editors.text,
      '# 风筝\n\n今天在海边放风筝，风很大。\n\n![一张24×16的彩色方格图片。](<images/kite.png>)\n',
    );
    assert.equal(chats()[0].model, 'gpt-4.1');
    assert.match(chats()[0].messages[0].content[0].text ?? '', /简体中文/);
  });

  it('a link to a web address or a missing file is refused with a clear message, before any request', async () => {
    const doc = markdownDoc(h, 'docs/post.md', '![](https://example.com/a.png)\n\n![](images/gone.png)\n');
    await writeAltTextCommand(h.ctx, doc, { start: { line: 0, character: 3 } });
    await writeAltTextCommand(h.ctx, doc, { start: { line: 2, character: 3 } });
    assert.deepEqual(h.ui.messages('error'), [
      'The link "https://example.com/a.png" does not point to an image file in the workspace, so there is nothing to describe.',
      'gone.png no longer exists.',
    ]);
    assert.equal(chats().length, 0);
    assert.equal(h.editors.text, '![](https://example.com/a.png)\n\n![](images/gone.png)\n');
  });

  it('no link under the cursor: says where to put it and sends nothing', async () => {
    markdownDoc(h, 'docs/post.md', 'Just text.\n', { cursor: 3 });
    await writeAltTextCommand(h.ctx);
    assert.deepEqual(h.ui.messages('info'), ['Put the cursor on an image link (![alt](path)) to write its alt text.']);
    assert.equal(lb.server.requests.length, 0);
  });

  it('an empty answer leaves the link as it was and says which model gave nothing', async () => {
    const doc = markdownDoc(h, 'docs/post.md', '![](images/kite.png)\n');
    lb.server.enqueue({ kind: 'text', text: '  ' });
    await writeAltTextCommand(h.ctx, doc, { start: { line: 0, character: 0 } });
    assert.deepEqual(h.ui.messages('error'), [
      'gpt-4o-mini answered without a description. Try again, or choose another vision model in geekaiImage.altTextModel.',
    ]);
    assert.equal(h.editors.text, '![](images/kite.png)\n');
  });

  it('the link found again where it moved while the model answered; gone, nothing is changed', async () => {
    const doc = markdownDoc(h, 'docs/post.md', '![](images/kite.png)\n');
    // The user types above the link while the request runs.
    const realRead = h.editors.read.bind(h.editors);
    let reads = 0;
    h.editors.read = async () => {
      if (++reads === 2) h.editors.text = `New line.\n\n${h.editors.text}`;
      return realRead();
    };
    await writeAltTextCommand(h.ctx, doc, { start: { line: 0, character: 0 } });
    assert.equal(h.editors.text, 'New line.\n\n![A 24×16 picture of coloured squares.](images/kite.png)\n');

    reads = 0;
    const doc2 = markdownDoc(h, 'docs/other.md', '![](images/kite.png)\n');
    h.editors.read = async () => {
      if (++reads === 2) h.editors.text = 'All gone.\n';
      return realRead();
    };
    await writeAltTextCommand(h.ctx, doc2, { start: { line: 0, character: 0 } });
    assert.equal(h.editors.text, 'All gone.\n');
    assert.deepEqual(h.ui.messages('warn'), [
      'The link changed while its alt text was being written, so nothing was changed. The suggestion was: A 24×16 picture of coloured squares.',
    ]);
  });

  it('never shows or writes the key', async () => {
    const doc = markdownDoc(h, 'docs/post.md', '![](images/kite.png)\n');
    lb.server.enqueue({ kind: 'text', text: `A kite ${KEY}` });
    await writeAltTextCommand(h.ctx, doc, { start: { line: 0, character: 0 } });
    assert.ok(!h.editors.text.includes(KEY), h.editors.text);
    assert.ok(!h.ui.shown.some((s) => s.message.includes(KEY)));
  });
});
