// Make Web-Ready… from the Images view on a temp workspace with the real codecs: keeping the
// originals points every link at the new files and says the saving; replacing in the same format
// keeps the links and the name, the original in the trash.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { inThreadWork } from '../../src/core/heavy/heavyWork';
import { sniffImageType } from '../../src/core/imageType';
import { imageHeaderSize } from '../../src/core/publish/imageSize';
import { ImageLibrary } from '../../src/vscode/library/imageLibrary';
import { sizeText } from '../../src/vscode/library/libraryNodes';
import { makeWebReadyCommand, type WebReadyDeps } from '../../src/vscode/library/webReadyCommand';
import { testCodecs } from '../support/codecs';
import { writeTree } from '../support/libraryFixture';
import { encodePng } from '../support/png';
import { samplePng } from '../support/sampleImage';
import { makeHarness, type Harness } from './support/harness';
import { DiskEditors, DiskLibraryPorts } from './support/libraryFakes';

describe('Make Web-Ready… (adapter, real codecs)', function () {
  this.timeout(60_000);
  let h: Harness;
  let ports: DiskLibraryPorts;
  let library: ImageLibrary;
  let d: WebReadyDeps;
  let trash: string;

  beforeEach(async () => {
    h = makeHarness('http://127.0.0.1:9');
    trash = fs.mkdtempSync(path.join(path.dirname(h.root), 'geekai-trash-'));
    writeTree(h.root, {
      'images/a.png': samplePng(1200, 800),
      'images/b.png': samplePng(700, 700),
      'docs/one.md': '![a](../images/a.png)\n\n![b](../images/b.png "b")\n',
      'docs/two.html': '<img src="../images/a.png" alt="a">\n',
    });
    ports = new DiskLibraryPorts([h.root], trash);
    library = new ImageLibrary({ workspace: h.ctx.workspace, ports });
    const editors = new DiskEditors();
    d = {
      ctx: { ...h.ctx, editors: { ...h.ctx.editors, read: (u) => editors.read(u) } },
      library,
      ports,
      view: { state: { groupBy: 'folder', filter: {}, brokenOnly: false }, update: () => undefined },
      heavy: inThreadWork(testCodecs),
    };
    await library.refresh();
  });
  afterEach(async () => {
    library.dispose();
    fs.rmSync(trash, { recursive: true, force: true });
    await h.dispose();
  });

  const pickLabel = (label: string) => (items: readonly { label: string }[]) => items.find((i) => i.label === label);

  it('keeping the originals: WebP files beside them, every link moved to them, the saving said', async () => {
    const before = fs.statSync(`${h.root}/images/a.png`).size + fs.statSync(`${h.root}/images/b.png`).size;
    h.ui.picks.push(
      pickLabel('WebP'),
      pickLabel('At most 640 pixels on the longest side'),
      pickLabel('Keep the originals'),
    );
    h.ui.inputs.push('70');
    await makeWebReadyCommand(d, vscode.Uri.file(`${h.root}/images/a.png`), [
      vscode.Uri.file(`${h.root}/images/a.png`),
      vscode.Uri.file(`${h.root}/images/b.png`),
    ]);
    const a = fs.readFileSync(`${h.root}/images/a.webp`);
    const b = fs.readFileSync(`${h.root}/images/b.webp`);
    assert.equal(sniffImageType(a)?.ext, 'webp');
    assert.deepEqual(
      [imageHeaderSize(a), imageHeaderSize(b)],
      [
        { width: 640, height: 427 },
        { width: 640, height: 640 },
      ],
    );
    assert.ok(fs.existsSync(`${h.root}/images/a.png`) && fs.existsSync(`${h.root}/images/b.png`), 'originals kept');
    assert.equal(
      fs.readFileSync(`${h.root}/docs/one.md`, 'utf8'),
      '![a](../images/a.webp)\n\n![b](../images/b.webp "b")\n',
    );
    assert.equal(fs.readFileSync(`${h.root}/docs/two.html`, 'utf8'), '<img src="../images/a.webp" alt="a">\n');
    assert.deepEqual(h.ui.messages('info'), [
      `2 images, ${sizeText(before)} → ${sizeText(a.byteLength + b.byteLength)}. The originals are kept. 3 links now point at the new files.`,
    ]);
    assert.equal(ports.edits.length, 1, 'one undoable edit');
    ports.undo();
    assert.equal(
      fs.readFileSync(`${h.root}/docs/one.md`, 'utf8'),
      '![a](../images/a.png)\n\n![b](../images/b.png "b")\n',
    );
  });

  it('replacing in the same format: the smaller file takes the original name, links untouched, the original in the trash', async () => {
    // Noise: a PNG no encoder makes smaller except by having fewer pixels.
    writeTree(h.root, {
      'images/a.png': encodePng({ width: 1200, height: 800, channels: 4, data: randomBytes(1200 * 800 * 4) }),
    });
    await library.refresh();
    const big = fs.readFileSync(`${h.root}/images/a.png`);
    const ask = (): void =>
      void h.ui.picks.push(
        pickLabel('Keep each format'),
        pickLabel('At most 1024 pixels on the longest side'),
        pickLabel('Replace the originals'),
      );
    ask();
    await makeWebReadyCommand(d, vscode.Uri.file(`${h.root}/images/b.png`));
    // 700 × 700 already fits 1024 and the format is kept: nothing to do, nothing moved.
    assert.deepEqual(h.ui.messages('info'), ['Left as they were: 1 already as small as asked.']);
    assert.deepEqual(ports.trashed, []);
    ask();
    await makeWebReadyCommand(d, vscode.Uri.file(`${h.root}/images/a.png`));
    assert.deepEqual(imageHeaderSize(fs.readFileSync(`${h.root}/images/a.png`)), { width: 1024, height: 683 });
    assert.ok(!fs.existsSync(`${h.root}/images/a-web.png`));
    assert.ok(fs.readFileSync(path.join(trash, 'a.png')).equals(big));
    assert.equal(
      fs.readFileSync(`${h.root}/docs/one.md`, 'utf8'),
      '![a](../images/a.png)\n\n![b](../images/b.png "b")\n',
    );
    assert.equal(ports.edits.length, 0);
    assert.match(h.ui.messages('info')[1] ?? '', /^1 image, .* → .*\. The originals are in the trash\.$/);
  });
});
