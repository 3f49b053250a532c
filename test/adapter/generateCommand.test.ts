import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { generateCommand } from '../../src/vscode/commands/generate';
import { useLoopback } from '../support/loopback';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const PROMPT = '画一只可爱的小猫在草丛中玩耍';

describe('Generate Image… command (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: 'sk-test-key-1234567890', server: { streamDelayMs: 5 } });
  let h: Harness;

  afterEach(async () => {
    await h?.dispose();
  });

  it('a prompt refused as too long: one error and no progress notification, since nothing is sent', async () => {
    h = makeHarness(lb, { key: 'sk-test-key-1234567890' });
    markdownDoc(h, 'post.md', 'Intro', { cursor: 5 });
    h.ui.inputs.push('x'.repeat(32_001));
    await generateCommand(h.ctx);
    assert.deepEqual(h.ui.progressTitles, []);
    assert.deepEqual(h.ui.shown, [
      { level: 'error', message: 'The prompt is too long (32001 characters; the limit is 32000).', actions: [] },
    ]);
    assert.equal(lb.server.requests.length, 0);
    assert.equal(h.editors.text, 'Intro');
  });

  it('a prompt that is accepted opens the one progress notification', async () => {
    h = makeHarness(lb, { key: 'sk-test-key-1234567890' });
    h.ui.inputs.push('a fox');
    await generateCommand(h.ctx);
    assert.deepEqual(h.ui.progressTitles, ['GeekAI Image']);
  });

  it("saves the image beside the Markdown document and inserts the link as its own paragraph after the cursor's line", async () => {
    h = makeHarness(lb, { key: 'sk-test-key-1234567890' });
    markdownDoc(h, 'docs/post.md', '# Cats\n\nIntro: \n\nMore text.', { cursor: '# Cats\n\nIntro: '.length });
    h.ui.inputs.push(PROMPT);

    await generateCommand(h.ctx);

    const saved = path.join(h.root, 'docs/images', `2025-09-22-${PROMPT}.png`);
    assert.deepEqual(listFiles(h.root), ['docs/images/2025-09-22-画一只可爱的小猫在草丛中玩耍.png', 'docs/post.md']);
    assert.deepEqual(fs.readFileSync(saved), lb.server.lastServedImages()[0]);
    assert.equal(h.editors.text, `# Cats\n\nIntro: \n\n![${PROMPT}](images/2025-09-22-${PROMPT}.png)\n\nMore text.`);

    const chat = lb.server.requests.find((r) => r.path === '/api/v1/chat/completions');
    assert.ok(chat);
    assert.equal(chat.headers.authorization, 'Bearer sk-test-key-1234567890');
    // Gemini by default: non-stream, with GeekAI's drawing remedies (forceImageGeneration auto).
    assert.deepEqual(chat.json, {
      model: 'gemini-2.5-flash-image',
      messages: [
        { role: 'system', content: '你是一个AI画图机器人,请根据用户需求进行画图' },
        { role: 'user', content: PROMPT },
      ],
      image_generation: true,
    });
    assert.match(h.ui.messages('info')[0], /^Saved and inserted 2025-09-22-画一只可爱的小猫在草丛中玩耍\.png$/);
  });

  it('takes the prompt from the selection and inserts below it, keeping the text', async () => {
    h = makeHarness(lb, { key: 'sk-test-key-1234567890' });
    markdownDoc(h, 'README.md', 'A fox in the snow\nnext line', {
      selection: { text: 'A fox in the snow', endLine: 0 },
    });
    h.ui.inputs.push('A fox in the snow');

    await generateCommand(h.ctx);

    assert.equal(h.ui.asked[0].value, 'A fox in the snow');
    assert.equal(
      h.editors.text,
      'A fox in the snow\n\n![A fox in the snow](images/2025-09-22-a-fox-in-the-snow.png)\n\nnext line',
    );
    assert.ok(fs.existsSync(path.join(h.root, 'images/2025-09-22-a-fox-in-the-snow.png')));
  });

  it('streams progress for gpt-4o-image into the notification and saves one image (the download link is not a second one)', async () => {
    h = makeHarness(lb, { key: 'sk-test-key-1234567890' });
    h.settings.model = 'gpt-4o-image';
    markdownDoc(h, 'a.md', '');
    h.ui.inputs.push('a red bicycle');

    await generateCommand(h.ctx);

    const percents = h.ui.reports.map((r) => r.percent).filter((p) => p !== undefined);
    assert.deepEqual([...new Set(percents)], [10, 34, 67, 100]);
    assert.ok(
      h.ui.reports.some((r) => /进度 34%/.test(r.message ?? '')),
      "the model's own status line is shown",
    );
    assert.deepEqual(listFiles(h.root), ['a.md', 'images/2025-09-22-a-red-bicycle.png']);
    assert.equal(
      (lb.server.requests.find((r) => r.path.endsWith('/chat/completions'))?.json as { stream?: boolean }).stream,
      true,
    );
  });

  it('without a Markdown editor copies the link to the clipboard and says so', async () => {
    h = makeHarness(lb, { key: 'sk-test-key-1234567890' });
    h.ui.inputs.push('logo');

    await generateCommand(h.ctx);

    assert.equal(h.ui.clipboard, '![logo](images/2025-09-22-logo.png)');
    assert.match(h.ui.messages('info')[0], /copied to the clipboard/);
    assert.equal(h.editors.inserts.length, 0);
  });

  it('asks for the key when none is stored, keeps it in secret storage, and continues', async () => {
    h = makeHarness(lb);
    h.ui.inputs.push('a lighthouse', 'sk-fresh-key-abcdefghij');

    await generateCommand(h.ctx);

    assert.equal(h.ui.asked[1].password, true);
    assert.equal(h.secrets.map.get('geekaiImage.apiKey'), 'sk-fresh-key-abcdefghij');
    assert.equal(
      lb.server.requests.find((r) => r.path.endsWith('/chat/completions'))?.headers.authorization,
      'Bearer sk-fresh-key-abcdefghij',
    );
    assert.deepEqual(listFiles(h.root), ['images/2025-09-22-a-lighthouse.png']);
  });

  it('uses GEEKAI_API_KEY from the environment when secret storage is empty', async () => {
    h = makeHarness(lb, { env: { GEEKAI_API_KEY: 'sk-from-env-0123456789' } });
    h.ui.inputs.push('a boat');
    await generateCommand(h.ctx);
    assert.equal(
      lb.server.requests.find((r) => r.path.endsWith('/chat/completions'))?.headers.authorization,
      'Bearer sk-from-env-0123456789',
    );
  });

  it('on 401 tells the user, offers Set API Key, and retries with the new key', async () => {
    h = makeHarness(lb, { key: 'bad-key' });
    h.ui.inputs.push('a tree', 'sk-good-key-0123456789');
    h.ui.errorChoices.push('Set API Key');

    await generateCommand(h.ctx);

    assert.deepEqual(h.ui.shown[0], {
      level: 'error',
      message: 'GeekAI rejected the API key (401). Set a valid key and try again.',
      actions: ['Set API Key'],
    });
    const chats = lb.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
    assert.deepEqual(
      chats.map((r) => r.headers.authorization),
      ['Bearer bad-key', 'Bearer sk-good-key-0123456789'],
    );
    assert.deepEqual(listFiles(h.root), ['images/2025-09-22-a-tree.png']);
  });

  it('refuses an output folder outside the workspace before any request, and writes nothing', async () => {
    h = makeHarness(lb, { key: 'sk-test-key-1234567890' });
    h.settings.outputFolder = '../../outside';
    h.ui.inputs.push('anything');

    await generateCommand(h.ctx);

    assert.equal(lb.server.requests.length, 0);
    assert.equal(h.ui.shown[0].level, 'error');
    assert.match(h.ui.shown[0].message, /outside the workspace/);
    assert.deepEqual(h.ui.shown[0].actions, ['Open Settings']);
    assert.deepEqual(listFiles(h.root), []);
  });

  it('Cancel during a slow answer aborts the request at once and saves nothing', async () => {
    h = makeHarness(lb, { key: 'sk-test-key-1234567890' });
    lb.server.enqueue({ kind: 'delay', ms: 10_000, then: { kind: 'image', via: 'messageImage' } });
    h.ui.inputs.push('slow one');
    // Cancel once the server holds the request (the 1 s ticker reports while we wait).
    h.ui.cancelWhen = () => lb.server.requests.some((r) => r.path.endsWith('/chat/completions'));
    const started = Date.now();

    await generateCommand(h.ctx);

    assert.ok(Date.now() - started < 5000, 'cancel did not wait for the server');
    assert.deepEqual(h.ui.messages('info'), ['Cancelled. Nothing was saved.']);
    const chat = await lb.server.waitForRequest((r) => r.path.endsWith('/chat/completions'), 2000);
    for (let i = 0; i < 50 && !chat.closedByClient; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(chat.closedByClient, true);
    assert.deepEqual(listFiles(h.root), []);
  });

  it("shows the model's own words when it answers without an image", async () => {
    h = makeHarness(lb, { key: 'sk-test-key-1234567890' });
    h.settings.forceImageGeneration = 'never';
    lb.server.enqueue({ kind: 'text', text: '抱歉,我无法生成这张图片。' });
    h.ui.inputs.push('something');

    await generateCommand(h.ctx);

    assert.equal(h.ui.shown[0].message, 'The model answered without an image: "抱歉,我无法生成这张图片。"');
    assert.deepEqual(h.ui.shown[0].actions, ['Retry']);
    assert.deepEqual(listFiles(h.root), []);
  });

  it('when the workspace refuses the write, offers Save As… and saves the paid-for image there', async () => {
    h = makeHarness(lb, { key: 'sk-test-key-1234567890' });
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-elsewhere-'));
    const inner = h.fs.writeFile.bind(h.fs);
    h.fs.writeFile = async (uri, bytes) => {
      if (uri.path.startsWith(h.root)) throw vscode.FileSystemError.NoPermissions('read-only');
      return inner(uri, bytes);
    };
    // Read-only: a download written as it arrives is refused too.
    const open = h.fs.openWrite.bind(h.fs);
    h.fs.openWrite = async (uri) => {
      if (uri.path.startsWith(h.root)) throw vscode.FileSystemError.NoPermissions('read-only');
      return open(uri);
    };
    h.ui.inputs.push('a lighthouse');
    h.ui.errorChoices.push('Save As…');
    h.ui.saveTargets.push(vscode.Uri.file(path.join(elsewhere, 'lighthouse.png')));

    await generateCommand(h.ctx);

    assert.equal(h.ui.shown[0].level, 'error');
    assert.match(
      h.ui.shown[0].message,
      /^Could not save the image in \/.+\/images: the file system refused the write\./,
    );
    assert.deepEqual(h.ui.shown[0].actions, ['Save As…', 'Show Log']);
    assert.equal(h.ui.saveDialogDefaults[0]?.path, path.join(h.root, '2025-09-22-a-lighthouse.png'));
    assert.deepEqual(fs.readFileSync(path.join(elsewhere, 'lighthouse.png')), lb.server.lastServedImages()[0]);
    assert.deepEqual(h.ui.messages('info'), ['Saved lighthouse.png']);
    assert.deepEqual(listFiles(h.root), [], 'nothing partial left in the workspace');
    assert.equal(
      lb.server.requests.filter((r) => r.path.endsWith('/chat/completions')).length,
      1,
      'not generated (and paid for) twice',
    );
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('never writes the key into the log', async () => {
    const key = 'sk-LEAKCHECK-7f3a9b2c1d';
    h = makeHarness(lb, { key });
    lb.server.enqueue(
      { kind: 'error', status: 500, message: `upstream echoed Bearer ${key}` },
      { kind: 'error', status: 401, message: `bad key ${key}` },
    );
    h.ui.inputs.push('x');
    await generateCommand(h.ctx);
    assert.ok(h.log.lines.length > 0);
    assert.equal(h.log.text().includes(key), false);
    assert.equal(
      h.ui.shown.some((s) => s.message.includes(key)),
      false,
    );
  });
});
