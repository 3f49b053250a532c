// The Studio's gallery of workspace images in real headless chromium, fed by the real session,
// router, backend and image library over a workspace on disk, its files served to the page as VS
// Code serves a webview its local resources: thumbnails load only as they scroll near view, the
// next page comes when the grid is scrolled to its end, the keyboard moves one tab stop between
// tiles, each tile has a screen reader name with what a sighted user sees, and a selected image's
// actions reach the host. File names and prompts from files stay text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { createMessageRouter } from '../../src/studio/messageRouter';
import { StudioSession } from '../../src/studio/studioSession';
import { studioStrings } from '../../src/studio/studioStrings';
import { ImageLibrary } from '../../src/vscode/library/imageLibrary';
import { libraryGallery } from '../../src/vscode/library/libraryGallery';
import { VsCodeStudioBackend } from '../../src/studio/studioBackend';
import { makeHarness, markdownDoc, type Harness } from '../adapter/support/harness';
import { DiskLibraryPorts } from '../adapter/support/libraryFakes';
import { FakeHost, memoryHistory } from '../adapter/support/studioFakes';
import { pngBytes, writeTree } from '../support/libraryFixture';
import type { StudioPage } from './support/studioPage';
import type { StudioServer } from './support/studioServer';
import { useStudio } from './support/useStudio';

const HOSTILE_NAME = '<img src=x onerror=alert(1)>.png';
const HOSTILE_PROMPT = 'a lighthouse <script>alert(1)</script> [run](command:workbench.action.terminal.new)';

/** The host over the temp folder, its webview URIs the page server's URLs for the files. */
class ServedHost extends FakeHost {
  constructor(
    private readonly root: string,
    private readonly server: StudioServer,
  ) {
    super();
  }
  override asWebviewUri(uri: vscode.Uri): string {
    return this.server.fileUrl(uri.path);
  }
  override async isInWorkspace(uri: vscode.Uri): Promise<boolean> {
    return fs.realpathSync(uri.path).startsWith(`${this.root}/`);
  }
  override async exists(uri: vscode.Uri): Promise<boolean> {
    return fs.existsSync(uri.path);
  }
}

describe('Studio gallery of workspace images (headless chromium, real session and library)', function () {
  this.timeout(60_000);
  const studio = useStudio();
  let h: Harness;
  let host: ServedHost;
  let library: ImageLibrary;
  let session: StudioSession;
  let route: (raw: unknown) => Promise<string>;
  let page: StudioPage;
  let trash: string;
  let relayed = 0;

  /** `count` shots, newest first by name (shot-00 the newest), each 48 × 48. */
  function shots(count: number): void {
    const tree: Record<string, Uint8Array> = {};
    for (let i = 0; i < count; i++) tree[`shots/shot-${String(i).padStart(2, '0')}.png`] = pngBytes(48, 48);
    writeTree(h.root, tree);
    for (let i = 0; i < count; i++)
      fs.utimesSync(path.join(h.root, `shots/shot-${String(i).padStart(2, '0')}.png`), 100_000 - i, 100_000 - i);
  }

  beforeEach(async () => {
    h = makeHarness('http://127.0.0.1:9');
    trash = fs.mkdtempSync(path.join(path.dirname(h.root), 'geekai-trash-'));
    studio.server.serveFiles(h.root);
    host = new ServedHost(h.root, studio.server);
    host.targetUri = markdownDoc(h, 'notes.md', '# Notes\n');
    library = new ImageLibrary({
      workspace: h.ctx.workspace,
      ports: new DiskLibraryPorts([h.root], trash),
      debounceMs: 1,
    });
    session = new StudioSession(
      host,
      new VsCodeStudioBackend(h.ctx),
      memoryHistory(host, h.log),
      studioStrings({ t: (m) => m }),
      h.log,
      libraryGallery(library),
    );
    route = createMessageRouter(session.handlers, h.log, (_m, e) => session.reportError(e));
    relayed = 0;
  });
  afterEach(async () => {
    studio.server.serveFiles(undefined);
    session.dispose();
    library.dispose();
    fs.rmSync(trash, { recursive: true, force: true });
    await h.dispose();
  });

  /** Opens the page through the session's own `ready` and `init`. */
  async function openStudio(): Promise<void> {
    page = await studio.open();
    await route({ type: 'ready' });
    await deliver();
    relayed = (await page.posted()).length;
  }

  /** What the session posted, handed to the page in order. */
  async function deliver(): Promise<void> {
    for (const m of host.posted.splice(0)) await page.post(m);
  }

  /** The page's new messages routed to the session (as VS Code hands them over), and its answers back, until quiet. */
  async function pump(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const all = await page.posted();
      const fresh = all.slice(relayed);
      relayed = all.length;
      for (const m of fresh) await route(m);
      const answers = host.posted.length;
      await deliver();
      if (fresh.length === 0 && answers === 0) {
        // A tick for observers that may ask again (the grid's end in view).
        await page.page.waitForTimeout(50);
        if ((await page.posted()).length === relayed) return;
      }
    }
    throw new Error('the page and the session kept talking');
  }

  async function openGallery(): Promise<void> {
    await page.page.locator('details.gallery > summary').click();
    await pump();
  }

  const tiles = () => page.page.locator('.gallery-grid button.gallery-tile');
  const galleryAsks = async (): Promise<unknown[]> => (await page.postedOfType('gallery')).map((m) => m.offset);

  it('thumbnails load only near view, the next page when the grid is scrolled to its end', async () => {
    shots(75);
    const before = studio.server.requested().length;
    const requested = (): string[] => studio.server.requested().slice(before);
    await openStudio();
    assert.deepEqual(requested(), [], 'nothing is loaded before the gallery is opened');
    await openGallery();
    assert.equal(await tiles().count(), 60);
    assert.equal(await page.page.locator('.gallery-status').textContent(), '75 image(s) in the workspace');
    assert.deepEqual(await galleryAsks(), [0]);

    // Only the first rows' files were fetched: the grid shows a few rows of 60 tiles.
    await page.page.waitForTimeout(300);
    const loaded = requested();
    assert.ok(loaded.includes('/ws/shots/shot-00.png'), loaded.join(' '));
    assert.ok(loaded.length >= 7 && loaded.length < 45, `${loaded.length} thumbnails loaded before scrolling`);
    assert.ok(!loaded.includes('/ws/shots/shot-59.png'));
    const firstDecoded = await page.page.evaluate<number>(
      "document.querySelector('.gallery-grid img.gallery-thumb').naturalWidth",
    );
    assert.equal(firstDecoded, 48, 'the thumbnail is the file itself, decoded');

    // Scrolled to its end: the last tiles' files load, and the next page is asked for and shown.
    await page.page.evaluate(
      "(() => { const g = document.querySelector('.gallery-grid'); g.scrollTop = g.scrollHeight; })()",
    );
    await page.page.waitForTimeout(200);
    await pump();
    assert.deepEqual(await galleryAsks(), [0, 60]);
    assert.equal(await tiles().count(), 75);
    await page.page.evaluate(
      "(() => { const g = document.querySelector('.gallery-grid'); g.scrollTop = g.scrollHeight; })()",
    );
    await page.page.waitForTimeout(300);
    assert.ok(requested().includes('/ws/shots/shot-74.png'));
    assert.equal(new Set(requested()).size, requested().length, 'each thumbnail fetched once');
    await page.screenshot('gallery-scrolled', false);
  });

  it('the keyboard: one tab stop, arrows, Home and End move between tiles; Enter selects; each tile is named for a screen reader', async () => {
    shots(12);
    writeTree(h.root, {
      'art/lighthouse.png': pngBytes(64, 32, HOSTILE_PROMPT, 'gpt-image-1'),
      'notes.md': '# Notes\n\n![l](art/lighthouse.png)\n',
    });
    fs.utimesSync(path.join(h.root, 'art/lighthouse.png'), 200_000, 200_000);
    await openStudio();
    await openGallery();
    assert.equal(await tiles().count(), 13);
    const size = fs.statSync(path.join(h.root, 'shots/shot-00.png')).size;
    const labels = await page.page.evaluate<(string | null)[]>(
      "[...document.querySelectorAll('.gallery-grid button.gallery-tile')].map((b) => b.getAttribute('aria-label'))",
    );
    assert.equal(
      labels[0],
      `lighthouse.png, 64 × 32 px, ${fs.statSync(path.join(h.root, 'art/lighthouse.png')).size} B, used in 1 place. Prompt: ${HOSTILE_PROMPT}`,
    );
    assert.equal(labels[1], `shot-00.png, 48 × 48 px, ${size} B, not used in any document`);
    const tabStops = async (): Promise<string[]> =>
      page.page.evaluate<string[]>(
        '[...document.querySelectorAll(\'.gallery-grid button[tabindex="0"]\')].map((b) => b.title)',
      );
    assert.deepEqual(await tabStops(), ['lighthouse.png']);

    // Into the grid with Tab from the search box's hint: the first tile.
    await page.page.locator('.gallery-search input').focus();
    await page.page.keyboard.press('Tab');
    const focused = (): Promise<string | null> =>
      page.page.evaluate<string | null>('document.activeElement && document.activeElement.title');
    assert.equal(await focused(), 'lighthouse.png');
    await page.page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'shot-00.png');
    const columns = await page.page.evaluate<number>(
      "(() => { const t = [...document.querySelectorAll('.gallery-tile')]; const top = t[0].getBoundingClientRect().top; return t.filter((e) => e.getBoundingClientRect().top === top).length; })()",
    );
    assert.ok(columns > 1 && columns < 13, `${columns} columns`);
    await page.page.keyboard.press('ArrowDown');
    assert.equal(await focused(), `shot-${String(columns).padStart(2, '0')}.png`, 'down one row');
    await page.page.keyboard.press('End');
    assert.equal(await focused(), 'shot-11.png');
    await page.page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'shot-11.png', 'the last stays last');
    assert.deepEqual(await tabStops(), ['shot-11.png'], 'the tab stop follows focus');
    await page.page.keyboard.press('Home');
    assert.equal(await focused(), 'lighthouse.png');

    // Enter selects: the facts, the whole prompt as text, and the actions.
    await page.page.keyboard.press('Enter');
    const details = page.page.locator('.gallery-details');
    assert.ok(await details.isVisible());
    assert.equal(await details.locator('.gallery-title').textContent(), 'lighthouse.png');
    assert.equal(await details.locator('.gallery-prompt').textContent(), `Prompt: ${HOSTILE_PROMPT}`);
    assert.equal(await details.locator('script').count(), 0);
    assert.equal(await page.page.locator('.gallery-tile[aria-current="true"]').getAttribute('title'), 'lighthouse.png');
    const group = page.page.getByRole('group', { name: 'Actions for lighthouse.png' });
    assert.deepEqual(await group.getByRole('button').allTextContents(), [
      'Use as reference',
      'Insert',
      'Copy Markdown',
      'Open',
      'Reuse prompt',
    ]);
    await page.screenshot('gallery-selected');

    // Use as reference: the host attaches the file, and the strip above the prompt shows it.
    await group.getByRole('button', { name: 'Use as reference' }).click();
    await pump();
    const strip = page.page.locator('.attachments img');
    assert.equal(await strip.count(), 1);
    assert.equal(await strip.getAttribute('src'), studio.server.fileUrl(path.join(h.root, 'art/lighthouse.png')));
    // Insert: the link goes into the target document, in its form, with a notice.
    await group.getByRole('button', { name: 'Insert' }).click();
    await pump();
    assert.equal(
      h.editors.text,
      '# Notes\n![a lighthouse \\<script>alert(1)\\</script> \\[run\\](command:workbench.action.terminal.new)](art/lighthouse.png)',
    );
    assert.equal(await page.page.locator('.notice').textContent(), 'Inserted into the Markdown editor.');
    // Reuse prompt: the host runs Reuse Prompt in Studio on that file.
    await group.getByRole('button', { name: 'Reuse prompt' }).click();
    await pump();
    assert.deepEqual(
      host.calls.filter((c) => c.startsWith('reusePrompt')),
      [`reusePrompt ${path.join(h.root, 'art/lighthouse.png')}`],
    );
    // An image that does not say how it was made offers no Reuse prompt.
    await tiles().nth(1).click();
    assert.deepEqual(
      await page.page.getByRole('group', { name: 'Actions for shot-00.png' }).getByRole('button').allTextContents(),
      ['Use as reference', 'Insert', 'Copy Markdown', 'Open'],
    );
    assert.deepEqual(await page.cspViolations(), []);
  });

  it('a job that saves an image: the open gallery lists again and shows it first, the selected image still selected', async () => {
    shots(3);
    await openStudio();
    await openGallery();
    assert.equal(await tiles().count(), 3);
    await tiles().nth(1).click();
    assert.equal(await page.page.locator('.gallery-tile[aria-current="true"]').getAttribute('title'), 'shot-01.png');

    writeTree(h.root, { 'shots/new-cat.png': pngBytes(48, 48, 'a new cat', 'gpt-image-1') });
    fs.utimesSync(path.join(h.root, 'shots/new-cat.png'), 300_000, 300_000);
    // What the session posts when a job has saved its images.
    await page.post({ type: 'jobEnded', jobId: 'job-1', outcome: 'done', elapsedMs: 1200 });
    await pump();
    assert.deepEqual(await galleryAsks(), [0, 0], 'asked again from the start');
    assert.equal(await tiles().count(), 4);
    assert.equal(await tiles().first().getAttribute('title'), 'new-cat.png');
    assert.equal(await page.page.locator('.gallery-tile[aria-current="true"]').getAttribute('title'), 'shot-01.png');
    assert.equal(await page.page.locator('.gallery-details .gallery-title').textContent(), 'shot-01.png');

    // A job that failed or was cancelled saved nothing: no new listing.
    await page.post({ type: 'jobEnded', jobId: 'job-2', outcome: 'error', elapsedMs: 10 });
    await pump();
    assert.deepEqual(await galleryAsks(), [0, 0]);
  });

  it('a file named like markup is a name; the search narrows and an answer to an older search is not shown', async () => {
    shots(3);
    writeTree(h.root, { [`odd/${HOSTILE_NAME}`]: pngBytes(8, 8) });
    await openStudio();
    await openGallery();
    const names = await page.page.locator('.gallery-name').allTextContents();
    assert.ok(names.includes(HOSTILE_NAME), names.join(' | '));
    assert.equal(
      await page.page.locator('.gallery-grid img:not(.gallery-thumb)').count(),
      0,
      'no element made from the name',
    );

    await page.page.locator('.gallery-search input').fill('shot-01');
    await page.page.waitForTimeout(400);
    await pump();
    assert.deepEqual(await page.page.locator('.gallery-name').allTextContents(), ['shot-01.png']);
    assert.equal(await page.page.locator('.gallery-status').textContent(), '1 image(s) match');

    // A late answer to an earlier search is dropped: the grid keeps what the box says.
    await page.post({
      type: 'gallery',
      search: '',
      offset: 0,
      total: 1,
      images: [{ id: 'g-old', name: 'stale.png', folder: '', webviewUri: '', size: '1 B', uses: 0, attachable: true }],
    });
    assert.deepEqual(await page.page.locator('.gallery-name').allTextContents(), ['shot-01.png']);

    await page.page.locator('.gallery-search input').fill('nothing like it');
    await page.page.locator('.gallery-search input').press('Enter');
    await pump();
    assert.equal(await page.page.locator('.gallery-status').textContent(), 'No workspace image matches the search.');
    assert.ok(await page.page.locator('.gallery-grid').isHidden());
  });
});
