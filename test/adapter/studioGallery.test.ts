// The Studio's gallery of workspace images through the real session, router, backend and image
// library over a temp folder: pages newest first with their facts, ids instead of paths, each
// action on the file the host listed (reference, Insert, Copy Markdown, Open), ids that are never
// reused, a file gone meanwhile, a file too large for a thumbnail, and the library read afresh
// when the gallery opens again.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { GalleryImage, HostToWebview } from '../../shared/protocol';
import { GALLERY_PAGE_SIZE } from '../../src/core/library/galleryPage';
import { createMessageRouter } from '../../src/studio/messageRouter';
import { StudioSession } from '../../src/studio/studioSession';
import { studioStrings } from '../../src/studio/studioStrings';
import { ImageLibrary } from '../../src/vscode/library/imageLibrary';
import { libraryGallery } from '../../src/vscode/library/libraryGallery';
import { VsCodeStudioBackend } from '../../src/studio/studioBackend';
import { pngBytes, writeTree } from '../support/libraryFixture';
import { makeHarness, markdownDoc, type Harness } from './support/harness';
import { DiskLibraryPorts } from './support/libraryFakes';
import { FakeHost, memoryHistory } from './support/studioFakes';

const S = studioStrings({ t: (m) => m });
const HOSTILE_PROMPT = 'a cat [run](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>';

/** The session's host over the temp folder: the workspace and the files are the disk's. */
class DiskHost extends FakeHost {
  constructor(private readonly root: string) {
    super();
  }
  override async isInWorkspace(uri: vscode.Uri): Promise<boolean> {
    const real = fs.realpathSync(uri.path);
    return real.startsWith(`${this.root}/`);
  }
  override async exists(uri: vscode.Uri): Promise<boolean> {
    return fs.existsSync(uri.path);
  }
}

describe('Studio gallery of workspace images (adapter: session, router, backend, library)', () => {
  let h: Harness;
  let host: DiskHost;
  let library: ImageLibrary;
  let session: StudioSession;
  let trash: string;
  let route: (raw: unknown) => Promise<string>;

  /** Sets a file's mtime, seconds from an epoch, so "newest first" is known. */
  const age = (rel: string, seconds: number): void => fs.utimesSync(path.join(h.root, rel), seconds, seconds);

  beforeEach(async () => {
    h = makeHarness('http://127.0.0.1:9');
    trash = fs.mkdtempSync(path.join(path.dirname(h.root), 'geekai-trash-'));
    writeTree(h.root, {
      'images/cat.png': pngBytes(64, 32, HOSTILE_PROMPT, 'gpt-image-1'),
      'images/used.png': pngBytes(4, 4),
      'art/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
      'docs/a.md': '# A\n\n![used](../images/used.png)\n\n![again](<../images/used.png>)\n',
    });
    age('images/cat.png', 3000);
    age('images/used.png', 2000);
    age('art/logo.svg', 1000);
    host = new DiskHost(h.root);
    host.targetUri = markdownDoc(h, 'docs/a.md', fs.readFileSync(path.join(h.root, 'docs/a.md'), 'utf8'));
    library = new ImageLibrary({
      workspace: h.ctx.workspace,
      ports: new DiskLibraryPorts([h.root], trash),
      debounceMs: 1,
    });
    session = new StudioSession(
      host,
      new VsCodeStudioBackend(h.ctx),
      memoryHistory(host, h.log),
      S,
      h.log,
      libraryGallery(library),
    );
    route = createMessageRouter(session.handlers, h.log, (_m, e) => session.reportError(e));
  });
  afterEach(async () => {
    session.dispose();
    library.dispose();
    fs.rmSync(trash, { recursive: true, force: true });
    await h.dispose();
  });

  async function page(search: string, offset: number): Promise<Extract<HostToWebview, { type: 'gallery' }>> {
    host.posted.length = 0;
    assert.equal(await route({ type: 'gallery', search, offset }), 'handled');
    const answers = host.ofType('gallery');
    assert.equal(answers.length, 1);
    return answers[0];
  }
  const byName = (images: GalleryImage[], name: string): GalleryImage => {
    const found = images.find((i) => i.name === name);
    assert.ok(found, `${name} is listed`);
    return found;
  };

  it("lists the workspace's images newest first with their facts; the webview gets ids and thumbnails, never paths to act on", async () => {
    const m = await page('', 0);
    assert.equal(m.total, 3);
    assert.deepEqual(
      m.images.map((i) => [i.name, i.folder, i.width, i.height, i.uses, i.attachable, i.prompt, i.model]),
      [
        ['cat.png', 'images', 64, 32, 0, true, HOSTILE_PROMPT, 'gpt-image-1'],
        ['used.png', 'images', 4, 4, 2, true, undefined, undefined],
        ['logo.svg', 'art', undefined, undefined, 0, false, undefined, undefined],
      ],
    );
    for (const i of m.images) {
      assert.match(i.id, /^g\d+$/);
      assert.equal(i.webviewUri, `https://webview.test${path.join(h.root, i.folder, i.name)}`);
      assert.match(i.size, /^\d+ B$/);
    }
    assert.deepEqual((await page('海边', 0)).images, [], 'a search that matches nothing');
    assert.deepEqual(
      (await page('CAT', 0)).images.map((i) => i.name),
      ['cat.png'],
      'by file name and prompt, case folded',
    );
  });

  it('Use as reference, Insert, Copy Markdown and Open act on the file the host listed', async () => {
    const images = (await page('', 0)).images;
    const cat = byName(images, 'cat.png');
    host.posted.length = 0;
    await route({ type: 'galleryAction', action: 'attach', id: cat.id });
    const attachments = host.ofType('attachments');
    assert.deepEqual(
      attachments.at(-1)?.attachments.map((a) => [a.name, a.webviewUri]),
      [['cat.png', `https://webview.test${path.join(h.root, 'images/cat.png')}`]],
    );

    await route({ type: 'galleryAction', action: 'copyMarkdown', id: byName(images, 'used.png').id });
    assert.deepEqual(
      host.calls,
      ['copy ![used](../images/used.png)'],
      'the link for the target document, alt text from the file name',
    );
    assert.equal(host.ofType('notice').at(-1)?.message, S.copied);

    const before = h.editors.text;
    await route({ type: 'galleryAction', action: 'insert', id: cat.id });
    const inserted = h.editors.text.slice(before.length);
    // The alt text is the prompt that made it, its link syntax and markup escaped as every Insert escapes them.
    assert.equal(
      inserted,
      '\n![a cat \\[run\\](command:workbench.action.terminal.new) \\<img src=x onerror=alert(1)>](../images/cat.png)',
    );
    assert.equal(host.ofType('notice').at(-1)?.message, S.inserted);

    await route({ type: 'galleryAction', action: 'open', id: byName(images, 'logo.svg').id });
    assert.equal(host.calls.at(-1), `open ${path.join(h.root, 'art/logo.svg')}`);
  });

  it('an SVG is not taken as a reference even when asked; an id from before the gallery started over, or never listed, acts on nothing', async () => {
    const first = (await page('', 0)).images;
    host.posted.length = 0;
    await route({ type: 'galleryAction', action: 'attach', id: byName(first, 'logo.svg').id });
    assert.equal(host.ofType('error').at(-1)?.message, S.outsideWorkspace);
    assert.deepEqual(host.ofType('attachments').at(-1)?.attachments, []);

    const again = (await page('', 0)).images;
    assert.ok(
      again.every((i) => !first.some((f) => f.id === i.id)),
      'ids are never reused',
    );
    host.posted.length = 0;
    await route({ type: 'galleryAction', action: 'open', id: byName(first, 'cat.png').id });
    await route({ type: 'galleryAction', action: 'insert', id: 'g999999' });
    assert.deepEqual(
      host.ofType('error').map((e) => e.message),
      [S.galleryGone, S.galleryGone],
    );
    assert.deepEqual(host.calls, []);
  });

  it('a file deleted after it was listed: the action says the file is gone and writes nothing', async () => {
    const cat = byName((await page('', 0)).images, 'cat.png');
    fs.rmSync(path.join(h.root, 'images/cat.png'));
    const before = h.editors.text;
    host.posted.length = 0;
    await route({ type: 'galleryAction', action: 'insert', id: cat.id });
    assert.equal(h.editors.text, before);
    assert.deepEqual(
      host.ofType('error').map((e) => [e.kind, e.message]),
      [['fs', S.fileMissing]],
    );
  });

  it('pages of 60 without overlap; opening again lists a new file and drops a deleted one; a large file gets no thumbnail', async () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 70; i++) many[`shots/shot-${String(i).padStart(2, '0')}.png`] = pngBytes(2, 2);
    writeTree(h.root, many);
    const first = await page('', 0);
    assert.equal(first.total, 73);
    assert.equal(first.images.length, GALLERY_PAGE_SIZE);
    const second = await page('', GALLERY_PAGE_SIZE);
    assert.equal(second.offset, GALLERY_PAGE_SIZE);
    assert.equal(second.images.length, 13);
    const names = [...first.images, ...second.images].map((i) => `${i.folder}/${i.name}`);
    assert.equal(new Set(names).size, 73);

    // A 9 MB file: listed with its facts, but the webview is not handed the file to load whole.
    const big = Buffer.concat([Buffer.from(pngBytes(3, 3)), Buffer.alloc(9 * 1024 * 1024)]);
    fs.writeFileSync(path.join(h.root, 'images/huge.png'), big);
    fs.rmSync(path.join(h.root, 'art/logo.svg'));
    const fresh = await page('', 0);
    assert.equal(fresh.total, 73);
    const huge = byName(fresh.images, 'huge.png');
    assert.equal(huge.webviewUri, '');
    assert.equal(huge.size, '9.0 MB');
    assert.ok(!fresh.images.some((i) => i.name === 'logo.svg'));
  });

  it('without a library (no folder open) the gallery is empty, not an error', async () => {
    const bare = new StudioSession(host, new VsCodeStudioBackend(h.ctx), memoryHistory(host, h.log), S, h.log);
    host.posted.length = 0;
    await bare.handlers.gallery({ type: 'gallery', search: '', offset: 0 });
    assert.deepEqual(host.posted, [{ type: 'gallery', search: '', offset: 0, total: 0, images: [] }]);
    bare.dispose();
  });
});
