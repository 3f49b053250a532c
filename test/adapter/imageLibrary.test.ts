// The Images view and its actions with the real library, commands and edits over a temp folder:
// the rows (thumbnail resource, facts, uses, plain-text tooltips of hostile names and prompts),
// Rename… and Move… updating every document in one undoable edit, Delete Unused… listing first and
// trashing only unlinked images, a broken link pointed at a file found, and trust.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ImageLibrary } from '../../src/vscode/library/imageLibrary';
import { imagesTree } from '../../src/vscode/library/imagesView';
import { imageUriArg } from '../../src/vscode/library/libraryArgs';
import {
  deleteUnusedCommand,
  filterImagesCommand,
  findMissingCommand,
  generateMissingCommand,
  moveImagesCommand,
  renameImageCommand,
  searchImagesCommand,
  type LibraryCommandDeps,
} from '../../src/vscode/library/libraryCommands';
import {
  childNodes,
  lookOf,
  rootNodes,
  viewMessage,
  type LibraryNode,
  type NodeContext,
  type ViewState,
} from '../../src/vscode/library/libraryNodes';
import { pngBytes, writeTree } from '../support/libraryFixture';
import { vscodeStub } from '../support/vscodeStub';
import { makeHarness, type Harness } from './support/harness';
import { DiskEditors, DiskLibraryPorts } from './support/libraryFakes';

const HOSTILE_PROMPT = 'a cat [click me](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>';

describe('Images view and its actions (adapter)', () => {
  let h: Harness;
  let ports: DiskLibraryPorts;
  let editors: DiskEditors;
  let library: ImageLibrary;
  let d: LibraryCommandDeps;
  let trash: string;
  const state: ViewState = { groupBy: 'folder', filter: {}, brokenOnly: false };

  beforeEach(async () => {
    h = makeHarness('http://127.0.0.1:9');
    trash = fs.mkdtempSync(path.join(path.dirname(h.root), 'geekai-trash-'));
    writeTree(h.root, {
      'images/cat.png': pngBytes(64, 32, HOSTILE_PROMPT),
      'images/used.png': pngBytes(4, 4),
      'images/unused one.png': pngBytes(2, 2),
      'images/\u202eevil\u0007.png': pngBytes(1, 1),
      'docs/a.md': '# A\n\n![a cat](../images/cat.png "t")\n![u](<../images/used.png>)\n![gone](../images/gone.png)\n',
      'docs/b.html': '<p><img src="../images/cat.png" alt="cat in html"></p>\n',
    });
    ports = new DiskLibraryPorts([h.root], trash);
    editors = new DiskEditors();
    library = new ImageLibrary({ workspace: h.ctx.workspace, ports, debounceMs: 1 });
    Object.assign(state, { groupBy: 'folder', filter: {}, brokenOnly: false });
    d = {
      ctx: {
        ...h.ctx,
        editors: { ...h.ctx.editors, read: (u) => editors.read(u), replace: (u, e) => editors.replace(u, e) },
      },
      library,
      ports,
      view: { state, update: (c) => Object.assign(state, c) },
    };
    await library.refresh();
  });
  afterEach(async () => {
    library.dispose();
    fs.rmSync(trash, { recursive: true, force: true });
    await h.dispose();
  });

  const ctxOf = (): NodeContext => ({
    index: library.index,
    uses: library.uses,
    shown: (p) => library.shown(p),
    uriOf: (p) => library.uriOf(p),
  });
  const rel = (p: string): string => path.relative(h.root, p);

  it('rows: folders, each image with its facts, uses and a plain-text tooltip; hostile names and prompts stay text', () => {
    const ctx = ctxOf();
    const roots = rootNodes(ctx, state);
    assert.deepEqual(
      roots.map((n) => lookOf(ctx, n).label),
      ['images', 'Broken links'],
    );
    const images = childNodes(ctx, roots[0]);
    const looks = images.map((n) => lookOf(ctx, n));
    assert.deepEqual(
      looks.map((l) => l.label),
      ['cat.png', 'unused one.png', 'used.png', 'evil.png'],
    );
    const cat = looks[0];
    assert.equal(cat?.description, `64 × 32 · ${fs.statSync(`${h.root}/images/cat.png`).size} B · used 2 times`);
    assert.equal(cat?.contextValue, 'image generated');
    assert.equal(looks[1]?.contextValue, 'image unused');
    assert.equal(cat?.resource, `${h.root}/images/cat.png`);
    // The tooltip is a plain string (VS Code never renders it as Markdown): the prompt on one line, its link syntax broken.
    assert.equal(
      cat?.tooltip,
      [
        `images/cat.png`,
        `Prompt: ${HOSTILE_PROMPT.replace('](command:', '] (command:')}`,
        'Model: gemini-3-pro-image-preview',
        cat?.description?.replace(' · used 2 times', ''),
        'Used in:',
        '  docs/a.md:3',
        '  docs/b.html:1',
      ].join('\n'),
    );
    assert.equal(typeof cat?.tooltip, 'string');
    // The bidi override and the bell are gone from the label (they could fake an extension).
    for (const c of ['\u202e', '\u0007'])
      assert.ok(!(looks[3]?.label ?? '').includes(c) && !(looks[3]?.tooltip ?? '').includes(c));
    // The uses under an image open the document at the line.
    const uses = childNodes(ctx, images[0]).map((n) => lookOf(ctx, n));
    assert.deepEqual(
      uses.map((u) => [u.label, u.description, u.resource && rel(u.resource), u.line]),
      [
        ['docs/a.md:3', 'a cat', 'docs/a.md', 2],
        ['docs/b.html:1', 'cat in html', 'docs/b.html', 0],
      ],
    );
    // Reuse Prompt, Regenerate and Open in Studio take the row as its file.
    assert.equal(imageUriArg(images[0])?.path, `${h.root}/images/cat.png`);
    const broken = childNodes(ctx, roots[1]).map((n) => lookOf(ctx, n));
    assert.deepEqual(
      broken.map((b) => [b.label, b.description, b.contextValue]),
      [['../images/gone.png', 'docs/a.md:5', 'brokenLink']],
    );
  });

  it('by document, with the unused ones last; search and filters, and the line that says so', async () => {
    const ctx = ctxOf();
    state.groupBy = 'document';
    assert.deepEqual(
      rootNodes(ctx, state).map((n) => `${lookOf(ctx, n).label} (${lookOf(ctx, n).description})`),
      ['docs/a.md (2 images)', 'docs/b.html (1 image)', 'Not used in any document (2 images)', 'Broken links (1)'],
    );
    h.ui.inputs.push('html CAT');
    await searchImagesCommand(d);
    assert.deepEqual(state.filter, { search: 'html CAT' });
    h.ui.manyPicks.push((items) => items.filter((i) => (i as { key?: string }).key === 'generated'));
    await filterImagesCommand(d);
    assert.deepEqual(state.filter, { search: 'html CAT', generated: true });
    assert.equal(viewMessage(ctx, state), 'Search: html CAT · Generated by GeekAI · 1 of 4 images');
    assert.deepEqual(
      rootNodes(ctx, state).map((n) => lookOf(ctx, n).label),
      ['docs/a.md', 'docs/b.html', 'Broken links'],
    );
  });

  it('Rename… updates both documents in one undoable edit, and Undo puts everything back', async () => {
    const a = fs.readFileSync(`${h.root}/docs/a.md`, 'utf8');
    const b = fs.readFileSync(`${h.root}/docs/b.html`, 'utf8');
    h.ui.inputs.push('海边 的猫.png');
    await renameImageCommand(d, vscode.Uri.file(`${h.root}/images/cat.png`));
    assert.equal(ports.edits.length, 1);
    assert.ok(fs.existsSync(`${h.root}/images/海边 的猫.png`) && !fs.existsSync(`${h.root}/images/cat.png`));
    assert.equal(
      fs.readFileSync(`${h.root}/docs/a.md`, 'utf8'),
      a.replace('../images/cat.png', '../images/海边%20的猫.png'),
    );
    assert.equal(
      fs.readFileSync(`${h.root}/docs/b.html`, 'utf8'),
      b.replace('../images/cat.png', '../images/海边%20的猫.png'),
    );
    assert.deepEqual(h.ui.messages('info'), ['Renamed cat.png to 海边 的猫.png; 2 links updated in 2 documents.']);
    // The index follows: the new name is used twice.
    assert.equal(library.uses.get(`${h.root}/images/海边 的猫.png`)?.length, 2);
    ports.undo();
    assert.ok(fs.existsSync(`${h.root}/images/cat.png`));
    assert.deepEqual(
      [fs.readFileSync(`${h.root}/docs/a.md`, 'utf8'), fs.readFileSync(`${h.root}/docs/b.html`, 'utf8')],
      [a, b],
    );
  });

  it('Rename… refuses a name that would change the folder or the type, and a name already taken', async () => {
    const asked = h.ui.asked.length;
    h.ui.inputs.push('../x.png');
    await renameImageCommand(d, vscode.Uri.file(`${h.root}/images/cat.png`));
    assert.equal(
      h.ui.asked[asked]?.validate?.('../x.png'),
      'A name only: use Move… to put the image in another folder.',
    );
    assert.equal(
      h.ui.asked[asked]?.validate?.('cat.webp'),
      'Keep the extension .png: the file stays the same kind of image (Make Web-Ready… converts it).',
    );
    h.ui.inputs.push('used.png');
    await renameImageCommand(d, vscode.Uri.file(`${h.root}/images/cat.png`));
    assert.deepEqual(h.ui.messages('warn'), ['used.png already exists; nothing was renamed.']);
    assert.equal(ports.edits.length, 0);
    assert.ok(fs.existsSync(`${h.root}/images/cat.png`));
  });

  it('Move… takes several rows into a folder, links follow; a folder outside the workspace is refused', async () => {
    fs.mkdirSync(`${h.root}/art`);
    h.ui.pickedFolder = vscode.Uri.file(`${h.root}/art`);
    const ctx = ctxOf();
    const rows = childNodes(ctx, rootNodes(ctx, state)[0]);
    await moveImagesCommand(d, rows[0], [rows[0], rows[2]]);
    assert.deepEqual(
      ports.edits[0]?.moves.map((m) => [rel(m.from), rel(m.to)]),
      [
        ['images/cat.png', 'art/cat.png'],
        ['images/used.png', 'art/used.png'],
      ],
    );
    assert.equal(
      fs.readFileSync(`${h.root}/docs/a.md`, 'utf8'),
      '# A\n\n![a cat](../art/cat.png "t")\n![u](<../art/used.png>)\n![gone](../images/gone.png)\n',
    );
    assert.deepEqual(h.ui.messages('info'), ['Moved 2 images; 3 links updated in 2 documents.']);
    h.ui.pickedFolder = vscode.Uri.file(trash);
    await moveImagesCommand(d, vscode.Uri.file(`${h.root}/images/unused one.png`));
    assert.match(h.ui.messages('warn')[0] ?? '', /outside the workspace/i);
    assert.equal(ports.edits.length, 1);
  });

  it('Delete Unused… lists exactly the unlinked images first, then moves only those to the trash', async () => {
    h.ui.confirmChoices.push(undefined);
    await deleteUnusedCommand(d);
    assert.deepEqual(h.ui.confirmations[0], {
      message: `Move 2 unused images (${fs.statSync(`${h.root}/images/unused one.png`).size + fs.statSync(`${h.root}/images/\u202eevil\u0007.png`).size} B) to the trash?`,
      detail: 'No document in the workspace links to these:\n\nimages/unused one.png\nimages/evil.png',
      buttons: ['Move to Trash'],
    });
    assert.equal(ports.trashed.length, 0, 'dismissed: nothing moved');
    h.ui.confirmChoices.push('Move to Trash');
    await deleteUnusedCommand(d);
    assert.deepEqual(ports.trashed.map(rel).sort(), ['images/unused one.png', 'images/\u202eevil\u0007.png'].sort());
    assert.ok(fs.existsSync(`${h.root}/images/cat.png`) && fs.existsSync(`${h.root}/images/used.png`));
    assert.deepEqual(fs.readdirSync(trash).sort(), ['unused one.png', '\u202eevil\u0007.png'].sort());
    // On a linked image: nothing asked, nothing moved.
    await deleteUnusedCommand(d, vscode.Uri.file(`${h.root}/images/used.png`));
    assert.equal(h.ui.confirmations.length, 2);
    assert.equal(h.ui.messages('info').at(-1), 'used.png is used in a document; nothing was deleted.');
  });

  it('a broken link: Find the File points it at the file picked (same name first); Generate is refused untrusted, sending nothing', async () => {
    writeTree(h.root, { 'old/gone.png': pngBytes(3, 3) });
    await library.refresh();
    const ctx = ctxOf();
    const brokenRow = rootNodes(ctx, state).find((n) => n.kind === 'broken') as LibraryNode;
    const [link] = childNodes(ctx, brokenRow);
    let offered: string[] = [];
    h.ui.picks.push((items) => ((offered = items.map((i) => `${i.description}/${i.label}`)), items[0]));
    await findMissingCommand(d, link);
    assert.equal(offered[0], 'old/gone.png');
    assert.equal(fs.readFileSync(`${h.root}/docs/a.md`, 'utf8').split('\n')[4], '![gone](../old/gone.png)');
    assert.deepEqual(h.ui.messages('info'), ['The link in a.md now shows gone.png.']);
    h.trust.trusted = false;
    await generateMissingCommand(d, link);
    assert.deepEqual(h.ui.messages('warn'), [
      'This workspace is not trusted: nothing is sent from it. Trust it to generate images here.',
    ]);
    assert.equal(h.ui.progressTitles.length, 0);
  });

  it('the view shown again catches up on a file the watcher missed (one written while it was starting)', async () => {
    // This stub's watcher reports nothing, as a watcher not yet running when the window opens.
    const quiet = (): vscode.Disposable => ({ dispose: () => undefined });
    const members = {
      createFileSystemWatcher: () => ({ onDidCreate: quiet, onDidChange: quiet, onDidDelete: quiet, dispose() {} }),
      onDidChangeWorkspaceFolders: quiet,
      onDidChangeConfiguration: quiet,
    };
    Object.assign(vscodeStub.workspace, members);
    const visibility = new vscode.EventEmitter<vscode.TreeViewVisibilityChangeEvent>();
    const tree = imagesTree(library, () => undefined);
    try {
      tree.attach({ onDidChangeVisibility: visibility.event } as unknown as vscode.TreeView<unknown>);
      const labels = async (): Promise<string[]> => {
        const ctx = ctxOf();
        return ((await tree.getChildren(undefined)) ?? []).map((n) => lookOf(ctx, n).label);
      };
      assert.deepEqual(await labels(), ['images', 'Broken links']);
      writeTree(h.root, { 'later/new.png': pngBytes(3, 3) });
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(await labels(), ['images', 'Broken links'], 'nothing told the library yet');
      const updated = new Promise<void>((r) => library.onDidChange(() => r()));
      visibility.fire({ visible: false });
      visibility.fire({ visible: true });
      await updated;
      assert.deepEqual(await labels(), ['images', 'later', 'Broken links']);
    } finally {
      tree.dispose();
      visibility.dispose();
      for (const k of Object.keys(members)) delete vscodeStub.workspace[k];
    }
  });

  it('keeps the index in the cache, and a library built from it lists before reading the disk', async () => {
    assert.ok(ports.cache);
    const slow = new DiskLibraryPorts([h.root], trash);
    slow.cache = ports.cache;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const list = slow.list.bind(slow);
    slow.list = async () => (await gate, list());
    const second = new ImageLibrary({ workspace: h.ctx.workspace, ports: slow });
    let fired = 0;
    second.onDidChange(() => fired++);
    const done = second.refresh();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(fired, 1, 'the cached index is shown while the disk is listed');
    assert.equal(second.index.images.size, 4);
    release();
    await done;
    second.dispose();
  });
});
