import assert from 'node:assert/strict';
import { MODEL_CATALOG } from '../../src/core/catalog';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ImageError } from '../../src/core/errors';
import { VsCodeStudioBackend } from '../../src/studio/studioBackend';
import { decodePng, encodePng } from '../support/png';
import { useLoopback } from '../support/loopback';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-test-key-1234567890';

describe("StudioBackend (the panel's port onto the shared GenerationService)", () => {
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 5 } });
  let h: Harness;

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
  });
  afterEach(() => h.dispose());

  it("generates with the panel's model and options, reports progress text, and saves beside the target document", async () => {
    const doc = markdownDoc(h, 'notes/day.md', 'Hello ');
    const backend = new VsCodeStudioBackend(h.ctx);
    const progress: { percent?: number; text: string }[] = [];
    const result = await backend.generate(
      {
        prompt: 'a paper boat',
        model: 'gpt-4o-image',
        aspectRatio: '16:9',
        imageSize: '2K',
        references: [],
        document: doc,
      },
      (p) => progress.push(p),
      new AbortController().signal,
    );
    assert.deepEqual(listFiles(h.root), ['notes/day.md', 'notes/images/2025-09-22-a-paper-boat.png']);
    assert.equal(result.markdown, '![a paper boat](images/2025-09-22-a-paper-boat.png)');
    assert.deepEqual(fs.readFileSync(result.files[0].path), lb.server.lastServedImages()[0]);
    const body = lb.server.requests.find((r) => r.path.endsWith('/chat/completions'))?.json as {
      model: string;
      stream: boolean;
      image: unknown;
    };
    assert.equal(body.model, 'gpt-4o-image');
    assert.equal(body.stream, true);
    assert.deepEqual(body.image, { aspect_ratio: '16:9', image_size: '2K' });
    assert.ok(progress.some((p) => p.percent === 67 && /67%/.test(p.text)));

    await backend.insertMarkdown(doc, result.files, 'a paper boat');
    // Insert puts the link in a paragraph of its own, after the line the cursor is on.
    assert.equal(h.editors.text, 'Hello \n\n![a paper boat](images/2025-09-22-a-paper-boat.png)');
  });

  it('a Responses API model: each partial image reaches the panel as a PNG data URL, sharper each time; the controls follow the api setting', async () => {
    const backend = new VsCodeStudioBackend(h.ctx);
    const previews: string[] = [];
    const result = await backend.generate(
      { prompt: 'a kite', model: 'gpt-4.1', references: [] },
      (p) => p.preview && previews.push(p.preview.dataUrl),
      new AbortController().signal,
    );
    assert.equal(previews.length, 2);
    const widths = previews.map((u) => {
      assert.match(u, /^data:image\/png;base64,/);
      return decodePng(Buffer.from(u.slice(u.indexOf(',') + 1), 'base64')).width;
    });
    assert.deepEqual(widths, [64, 128]);
    assert.equal(result.api, 'responses');
    assert.match(result.images[0].responseId ?? '', /^resp_/);
    assert.equal(backend.modelOptions('gpt-image-1').api, 'images');
    h.settings.api = 'responses';
    assert.equal(backend.modelOptions('gpt-image-1').api, 'responses');
  });

  it("puts the model's reply in detail (plain text) when there is no image, with Retry", () => {
    const backend = new VsCodeStudioBackend(h.ctx);
    const view = backend.describeError(
      new ImageError('noImage', 'x', { detail: '<img src=x onerror=alert(1)> 我只能描述' }),
    );
    assert.deepEqual(view, {
      kind: 'noImage',
      message: 'The model answered without an image. Its reply:',
      detail: '<img src=x onerror=alert(1)> 我只能描述',
      actions: ['retry'],
    });
    assert.deepEqual(backend.describeError(new ImageError('auth', 'x', { status: 401 })).actions, ['setApiKey']);
  });

  it('saves a pasted image into the output folder without overwriting', async () => {
    const backend = new VsCodeStudioBackend(h.ctx, () => new Date(2025, 0, 2));
    const png = encodePng({ width: 2, height: 2, channels: 3, data: Buffer.alloc(12, 200) });
    const a = await backend.saveReferenceImage(png, { mime: 'image/png', ext: 'png' }, 'clipboard.png');
    const b = await backend.saveReferenceImage(png, { mime: 'image/png', ext: 'png' }, 'clipboard.png');
    assert.deepEqual(
      [path.basename(a.path), path.basename(b.path)],
      ['pasted-clipboard.png', 'pasted-clipboard-1.png'],
    );
    assert.deepEqual(fs.readFileSync(a.path), png);
  });

  it("a document outside the workspace: the generated and the pasted image both go to the workspace's images folder, linked relative to the document", async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-outside-'));
    const doc = vscode.Uri.file(path.join(outside, 'todo.md'));
    fs.writeFileSync(doc.path, 'Todo ');
    const backend = new VsCodeStudioBackend(h.ctx, () => new Date(2025, 8, 22));
    const result = await backend.generate(
      { prompt: 'a kite', model: 'gpt-4o-image', references: [], document: doc },
      () => undefined,
      new AbortController().signal,
    );
    const png = encodePng({ width: 2, height: 2, channels: 3, data: Buffer.alloc(12, 7) });
    const pasted = await backend.saveReferenceImage(png, { mime: 'image/png', ext: 'png' }, 'clip.png', doc);
    assert.deepEqual(listFiles(h.root), ['images/2025-09-22-a-kite.png', 'images/pasted-clip.png']);
    assert.deepEqual(
      [path.dirname(result.files[0].path), path.dirname(pasted.path)],
      [path.join(h.root, 'images'), path.join(h.root, 'images')],
    );
    const link = `![a kite](${path.posix.relative(outside, path.join(h.root, 'images/2025-09-22-a-kite.png'))})`;
    assert.equal(result.markdown, link);
    assert.equal(await backend.markdownFor(doc, result.files, 'a kite'), link);
    assert.deepEqual(fs.readdirSync(outside), ['todo.md']);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('a Hugo post: the line, the job, Insert and Copy Markdown agree on static/images and the site-rooted link', async () => {
    fs.writeFileSync(path.join(h.root, 'hugo.toml'), 'baseURL = "https://example.org/blog/"\n');
    const post = markdownDoc(h, 'content/posts/kites.md', 'Intro.\n');
    const backend = new VsCodeStudioBackend(h.ctx);
    assert.deepEqual(await backend.placement(post), { folder: 'static/images', link: '/blog/images/…', site: 'Hugo' });
    const result = await backend.generate(
      { prompt: 'a kite', model: 'gpt-4o-image', references: [], document: post },
      () => undefined,
      new AbortController().signal,
    );
    assert.deepEqual(listFiles(h.root), ['content/posts/kites.md', 'hugo.toml', 'static/images/2025-09-22-a-kite.png']);
    assert.equal(result.markdown, '![a kite](/blog/images/2025-09-22-a-kite.png)');
    assert.equal(await backend.markdownFor(post, result.files, 'a kite'), result.markdown);
    await backend.insertMarkdown(post, result.files, 'a kite');
    assert.equal(h.editors.text, 'Intro.\n\n![a kite](/blog/images/2025-09-22-a-kite.png)');
    // The same file Copied for a page outside the site's content: a plain relative link.
    const readme = markdownDoc(h, 'README.md', '# Kites\n');
    assert.equal(
      await backend.markdownFor(readme, result.files, 'a kite'),
      '![a kite](static/images/2025-09-22-a-kite.png)',
    );
    assert.deepEqual(await backend.placement(readme), { folder: 'images', link: 'images/…' });
  });

  it('says plainly in demo mode that a local test server draws placeholders, and nothing otherwise', () => {
    assert.equal(new VsCodeStudioBackend(h.ctx, undefined, {}).defaults().banner, undefined);
    assert.equal(
      new VsCodeStudioBackend(h.ctx, undefined, { GEEKAI_IMAGE_DEMO: '1' }).defaults().banner,
      `Demo: this panel talks to a local test server (${lb.server.baseUrl}) that draws placeholder images. No GeekAI key or credit is used.`,
    );
  });

  it('offers Save As… when the workspace refused the write, and saves the paid-for image where the user says', async () => {
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
    const backend = new VsCodeStudioBackend(h.ctx);
    const failure = await backend
      .generate(
        { prompt: 'a kite', model: 'gemini-2.5-flash-image', references: [] },
        () => undefined,
        new AbortController().signal,
      )
      .then(
        () => assert.fail('the write should have been refused'),
        (e: unknown) => e,
      );
    const view = backend.describeError(failure);
    assert.equal(view.kind, 'fs');
    assert.deepEqual(view.actions, ['saveAs']);
    h.ui.saveTargets.push(vscode.Uri.file(path.join(elsewhere, 'kite.png')));

    await backend.saveUnsaved();

    assert.deepEqual(fs.readFileSync(path.join(elsewhere, 'kite.png')), lb.server.lastServedImages()[0]);
    assert.deepEqual(listFiles(h.root), []);
    // Once saved, a second click has nothing left to save and opens no dialog.
    await backend.saveUnsaved();
    assert.equal(h.ui.saveDialogDefaults.length, 1);
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('lists the catalog plus a custom current model', () => {
    h.settings.model = 'my-relay/flux-9';
    const ids = new VsCodeStudioBackend(h.ctx).models().map((m) => m.id);
    assert.deepEqual(ids, [...MODEL_CATALOG.map((m) => m.id), 'my-relay/flux-9']);
  });

  it('a cancelled job rejects as cancelled and leaves no file', async () => {
    lb.server.enqueue({ kind: 'delay', ms: 5000, then: { kind: 'image', via: 'messageImage' } });
    const controller = new AbortController();
    const backend = new VsCodeStudioBackend(h.ctx);
    const run = backend.generate(
      { prompt: 'slow', model: 'gemini-2.5-flash-image', references: [] },
      () => undefined,
      controller.signal,
    );
    await lb.server.waitForRequest((r) => r.path.endsWith('/chat/completions'), 3000);
    controller.abort();
    await assert.rejects(run, (e: unknown) => e instanceof ImageError && e.kind === 'cancelled');
    assert.equal(backend.describeError(new ImageError('cancelled', 'x')).kind, 'cancelled');
    assert.deepEqual(listFiles(h.root), []);
  });

  it('a model sent to an API that does not serve it: the panel is offered the switch to the one that does', async () => {
    const backend = new VsCodeStudioBackend(h.ctx);
    const failure = await backend
      .generate(
        { prompt: 'a lamp', model: 'gpt-image-1', api: 'chat', references: [] },
        () => undefined,
        new AbortController().signal,
      )
      .then(
        () => assert.fail('chat completions do not serve gpt-image-1'),
        (e: unknown) => e,
      );
    const view = backend.describeError(failure);
    assert.deepEqual([view.kind, view.actions, view.switchTo], ['badRequest', ['switchApi', 'openSettings'], 'images']);
    // The panel's own API control decides there, so no word about the setting: the button is the fix.
    assert.equal(view.message, 'gpt-image-1 is not served by chat completions; it is served by the Images API.');
    assert.deepEqual(listFiles(h.root), []);
  });
});
