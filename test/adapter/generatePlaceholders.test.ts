// Generate All Images in Document through the real adapter against the test server: each
// placeholder's link replaced as its image lands (one edit each, undoable), failures left in place
// with a diagnostic saying why, progress as "n / total".
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePlaceholdersCommand } from '../../src/vscode/commands/generatePlaceholders';
import { useLoopback } from '../support/loopback';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-placeholder-key-0123456789';

type ChatBody = { model: string; messages: { role: string; content: string }[]; image?: { aspect_ratio?: string } };

describe('Generate All Images in Document (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
  });
  afterEach(async () => {
    await h.dispose();
  });

  const chats = (): ChatBody[] => lb.server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.json as ChatBody);
  const promptOf = (b: ChatBody): string => b.messages.filter((m) => m.role === 'user').map((m) => m.content).join('');

  it('replaces every placeholder with its saved image, as it lands, each as its own undoable edit', async () => {
    const text = '# Kites\n\n![a red kite](geekai:)\n\nText between.\n\n![一只蓝色的风筝](geekai:16:9 "kite two")\n\n![a green kite](<geekai:?ratio=3:2>)\n';
    const doc = markdownDoc(h, 'docs/post.md', text);
    // All three land at once: each placement reads the document only when the others have too
    // (or after a while, when placements take turns), so edits made side by side would collide.
    const realRead = h.editors.read.bind(h.editors);
    let reads = 0;
    let waiting: (() => void)[] = [];
    h.editors.read = async () => {
      if (++reads > 1) {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === 3) {
            for (const w of waiting) w();
            waiting = [];
          } else setTimeout(resolve, 200);
        });
      }
      return realRead();
    };
    h.ui.confirmChoices.push('Generate 3 Images');
    await generatePlaceholdersCommand(h.ctx, doc);

    // Three paid requests: asked once, with their estimated total at the gateway's price (¥0.04 an image, ≈ on a chat model).
    assert.deepEqual(h.ui.confirmations, [
      {
        message: 'Generate the 3 placeholder images in post.md?',
        detail: 'Estimated cost: ≈ ¥0.12 · 3 images. Each image is a paid request with gemini-2.5-flash-image.',
        buttons: ['Generate 3 Images'],
      },
    ]);
    assert.equal(
      h.editors.text,
      '# Kites\n\n![a red kite](images/2025-09-22-a-red-kite.png)\n\nText between.\n\n![一只蓝色的风筝](images/2025-09-22-一只蓝色的风筝.png "kite two")\n\n![a green kite](<images/2025-09-22-a-green-kite.png>)\n',
    );
    assert.deepEqual(listFiles(h.root), ['docs/images/2025-09-22-a-green-kite.png', 'docs/images/2025-09-22-a-red-kite.png', 'docs/images/2025-09-22-一只蓝色的风筝.png', 'docs/post.md']);
    // Each file holds exactly the bytes the server served for it.
    const served = lb.server.allServedImages();
    assert.equal(served.length, 3);
    for (const f of ['a-green-kite', 'a-red-kite', '一只蓝色的风筝']) {
      const bytes = fs.readFileSync(path.join(h.root, `docs/images/2025-09-22-${f}.png`));
      assert.ok(served.some((s) => s.equals(bytes)), f);
    }
    // The options of each placeholder went with its prompt.
    const byPrompt = new Map(chats().map((b) => [promptOf(b), b]));
    assert.deepEqual([...byPrompt.keys()].sort(), ['a green kite', 'a red kite', '一只蓝色的风筝']);
    assert.equal(byPrompt.get('一只蓝色的风筝')?.image?.aspect_ratio, '16:9');
    assert.equal(byPrompt.get('a green kite')?.image?.aspect_ratio, '3:2');
    assert.equal(byPrompt.get('a red kite')?.image?.aspect_ratio, undefined);
    assert.deepEqual(
      h.ui.reports.map((r) => r.message),
      ['0 / 3', '1 / 3', '2 / 3', '3 / 3'],
    );
    assert.deepEqual(h.ui.messages('info'), ['Generated 3 of 3 image(s).']);
    assert.deepEqual(h.problems.of(doc), []);
    // Undo, one edit at a time, brings back the placeholders (the files stay).
    assert.equal(h.editors.undoStack.length, 3);
    for (let i = 0; i < 3; i++) h.editors.undo();
    assert.equal(h.editors.text, text);
  });

  it('a failing placeholder and one written wrong stay as they are, each with a diagnostic saying why', async () => {
    h.settings.maxConcurrentJobs = 1;
    const text = 'A ![a red kite](geekai:) and ![a kite](geekai:wide) and ![a blue kite](geekai:1:1).\n';
    const doc = markdownDoc(h, 'post.md', text);
    lb.server.enqueue({ kind: 'error', status: 402, message: 'Insufficient balance' });
    h.ui.confirmChoices.push('Generate 2 Images');
    await generatePlaceholdersCommand(h.ctx, doc);

    assert.equal(h.editors.text, 'A ![a red kite](geekai:) and ![a kite](geekai:wide) and ![a blue kite](images/2025-09-22-a-blue-kite.png).\n');
    assert.equal(chats().length, 2, 'the placeholder written wrong is never sent');
    const problems = h.problems.of(doc).map((p) => ({ at: h.editors.text.slice(p.span.start, p.span.end), message: p.message }));
    assert.equal(problems.length, 2);
    assert.deepEqual(problems[0], { at: '![a kite](geekai:wide)', message: '"wide" is not an aspect ratio: write it as width:height, e.g. geekai:16:9.' });
    assert.equal(problems[1]?.at, '![a red kite](geekai:)');
    // The 402 says what the request was expected to cost (no balance key: no balance).
    assert.equal(problems[1]?.message, 'Your GeekAI balance is too low (402): this request ≈ ¥0.04; top up at https://geekai.co, then try again.');
    assert.deepEqual(h.ui.messages('warn'), ['Generated 1 of 3 image(s). 2 placeholder(s) could not be generated and stay in the document; the Problems panel says why.']);
    assert.deepEqual(h.ui.reports.map((r) => r.message), ['0 / 2', '1 / 2', '2 / 2']);
  });

  it('the CodeLens runs just its own placeholder', async () => {
    const text = '![one](geekai:)\n\n![two](geekai:)\n';
    const doc = markdownDoc(h, 'post.md', text);
    await generatePlaceholdersCommand(h.ctx, doc, { start: { line: 2, character: 0 } });
    assert.equal(h.editors.text, '![one](geekai:)\n\n![two](images/2025-09-22-two.png)\n');
    assert.deepEqual(chats().map(promptOf), ['two']);
  });

  it('a CodeLens run keeps the diagnostics of the other placeholders, moved to where they now are', async () => {
    h.settings.maxConcurrentJobs = 1;
    const text = '![a kite](geekai:wide)\n\n![two](geekai:)\n';
    const doc = markdownDoc(h, 'post.md', text);
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(h.editors.text, '![a kite](geekai:wide)\n\n![two](images/2025-09-22-two.png)\n');
    h.editors.text = `Intro.\n\n${h.editors.text}![three](geekai:)\n`;
    await generatePlaceholdersCommand(h.ctx, doc, { start: { line: 5, character: 0 } });
    assert.equal(h.editors.text, 'Intro.\n\n![a kite](geekai:wide)\n\n![two](images/2025-09-22-two.png)\n![three](images/2025-09-22-three.png)\n');
    const problems = h.problems.of(doc).map((p) => ({ at: h.editors.text.slice(p.span.start, p.span.end), message: p.message }));
    assert.deepEqual(problems, [{ at: '![a kite](geekai:wide)', message: '"wide" is not an aspect ratio: write it as width:height, e.g. geekai:16:9.' }]);
  });

  it('Cancel stops the batch: what is not generated stays a placeholder, without a diagnostic', async () => {
    h.settings.maxConcurrentJobs = 1;
    const text = '![one](geekai:)\n\n![two](geekai:)\n\n![three](geekai:)\n';
    const doc = markdownDoc(h, 'post.md', text);
    h.ui.cancelWhen = (r) => r.message === '1 / 3';
    h.ui.confirmChoices.push('Generate 3 Images');
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(h.editors.text, '![one](images/2025-09-22-one.png)\n\n![two](geekai:)\n\n![three](geekai:)\n');
    assert.equal(chats().length, 1);
    assert.deepEqual(h.problems.of(doc), []);
    assert.deepEqual(h.ui.messages('warn'), ['Generated 1 of 3 image(s). Cancelled: the placeholders not yet generated stay in the document.']);
  });

  it('a placeholder moved by the user\'s typing is still found; one changed meanwhile is left alone', async () => {
    h.settings.maxConcurrentJobs = 1;
    const doc = markdownDoc(h, 'post.md', '![one](geekai:)\n\n![two](geekai:)\n');
    const realRead = h.editors.read.bind(h.editors);
    let reads = 0;
    h.editors.read = async () => {
      reads++;
      // Before the first link is placed the user adds a line on top and rewrites the second placeholder.
      if (reads === 2) h.editors.text = `Intro.\n\n${h.editors.text.replace('![two](geekai:)', '![two, bigger](geekai:)')}`;
      return realRead();
    };
    h.ui.confirmChoices.push('Generate 2 Images');
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(h.editors.text, 'Intro.\n\n![one](images/2025-09-22-one.png)\n\n![two, bigger](geekai:)\n');
    assert.deepEqual(h.ui.messages('warn'), ['Generated 1 of 2 image(s). 1 image(s) were saved but their placeholder had changed, so no link was replaced.']);
  });

  it('a batch not confirmed sends nothing and changes nothing', async () => {
    const text = '![one](geekai:)\n\n![two](geekai:16:9)\n';
    const doc = markdownDoc(h, 'post.md', text);
    h.ui.confirmChoices.push(undefined);
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(h.editors.text, text);
    assert.deepEqual(chats(), []);
    assert.deepEqual(listFiles(h.root), ['post.md']);
    assert.match(h.ui.confirmations[0]?.detail ?? '', /^Estimated cost: ≈ ¥0\.08 · 2 images\./);
  });

  it('no placeholders: says how to write one and sends nothing', async () => {
    markdownDoc(h, 'post.md', '![done](a.png)\n');
    await generatePlaceholdersCommand(h.ctx);
    assert.deepEqual(h.ui.messages('info'), ['No geekai: placeholders here. Write one as ![what to draw](geekai:) or ![what to draw](geekai:16:9).']);
    assert.equal(lb.server.requests.length, 0);
  });
});
