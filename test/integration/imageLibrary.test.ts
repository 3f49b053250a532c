// The image library on a generated workspace of thousands of images and documents, end to end in
// core: index it, change one document and re-index (only that document read), then Make Web-Ready
// on 20 images through the worker pool with every link rewritten, checked file by file: each link
// resolves to a WebP whose bytes are the converted image's, and every original is kept as it was.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileStore } from '../../src/core/files/nodeFileStore';
import { isInside } from '../../src/core/files/paths';
import { workerWork } from '../../src/core/heavy/workerWork';
import { sniffImageType } from '../../src/core/imageType';
import { diskSources, listDisk } from '../../src/core/library/diskLibrary';
import { linksOf } from '../../src/core/library/imageReferences';
import { updateIndex, type LibraryIndex } from '../../src/core/library/libraryIndex';
import { brokenReferences, filterImages, usesOf } from '../../src/core/library/libraryQuery';
import { retargetEdits } from '../../src/core/library/retargetEdits';
import { placementCache, resolveTarget, type ResolveContext } from '../../src/core/library/targetResolver';
import { makeWebReady } from '../../src/core/library/webReady';
import { imageHeaderSize } from '../../src/core/publish/imageSize';
import { generateWorkspace, type GeneratedWorkspace } from '../support/libraryFixture';
import { samplePng } from '../support/sampleImage';

const IMAGES = 3000;
const DOCUMENTS = 1000;

describe('image library on a generated workspace (3,000 images, 1,000 documents)', function () {
  this.timeout(120_000);
  let root: string;
  let ws: GeneratedWorkspace;
  let index: LibraryIndex;
  // The worker pool the extension uses (dist/worker.js, which loads dist/codecs.js itself).
  const heavy = workerWork({ file: path.resolve(__dirname, '../../../dist/worker.js') });

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-library-it-')));
    ws = generateWorkspace(root, IMAGES, DOCUMENTS);
  });
  after(async () => {
    await heavy.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const ctx = (): ResolveContext => ({
    rootOf: (p) => (isInside(root, p) ? root : undefined),
    placementOf: placementCache(diskSources([root]).siteFiles),
    isImage: (p) => index.images.has(p),
  });

  it('indexes every image and every reference; the unused are exactly the unlinked ones; nothing broken', async () => {
    const r = await updateIndex(undefined, await listDisk([root]), diskSources([root]));
    index = r.index;
    assert.deepEqual(
      [r.readImages, r.readDocuments, index.images.size, index.documents.size],
      [IMAGES, DOCUMENTS, IMAGES, DOCUMENTS],
    );
    const uses = usesOf(index);
    assert.equal(
      [...uses.values()].reduce((n, l) => n + l.length, 0),
      DOCUMENTS * 5,
    );
    assert.deepEqual(
      filterImages(index, { unused: true }).map((i) => i.path),
      [...ws.unused].sort(),
    );
    assert.deepEqual(brokenReferences(index), []);
    assert.equal(filterImages(index, { generated: true }).length, IMAGES / 2);
    assert.equal(filterImages(index, { search: '灯塔' }).length, IMAGES / 2);
  });

  it('after one document changes, a re-index reads only it', async () => {
    const doc = ws.documents[0];
    const unused = ws.unused[0];
    fs.appendFileSync(doc, `\n![now used](${path.posix.relative(path.dirname(doc), unused).replace(/ /g, '%20')})\n`);
    const r = await updateIndex(index, await listDisk([root]), diskSources([root]));
    assert.deepEqual([r.readImages, r.readDocuments], [0, 1]);
    index = r.index;
    assert.equal(filterImages(index, { unused: true }).length, ws.unused.length - 1);
    assert.deepEqual(
      usesOf(index)
        .get(unused)
        ?.map((u) => u.document),
      [doc],
    );
  });

  it('Make Web-Ready on 20 used images: every link names the new WebP, whose bytes are the conversion; the originals kept', async () => {
    const uses = usesOf(index);
    const chosen = [...uses.keys()].sort().slice(0, 20);
    for (const p of chosen) fs.writeFileSync(p, samplePng(400, 300));
    const originals = new Map(chosen.map((p) => [p, fs.readFileSync(p)]));
    const outcomes = await makeWebReady(
      chosen,
      { format: 'webp', maxSide: 320, quality: 75 },
      { store: new NodeFileStore(), roots: [root], heavy },
    );
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      chosen.map(() => 'written'),
    );
    const moves = new Map(outcomes.map((o) => [o.file, o.kind === 'written' ? o.to : '']));
    // The adapter's one WorkspaceEdit, applied here to the files: every document using a moved image.
    const documents = new Set(chosen.flatMap((p) => (uses.get(p) ?? []).map((u) => u.document)));
    for (const d of documents) {
      const text = fs.readFileSync(d, 'utf8');
      const edits = await retargetEdits(ctx(), d, text, moves);
      let out = text;
      for (const e of [...edits].sort((a, b) => b.span.start - a.span.start))
        out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
      fs.writeFileSync(d, out);
    }
    // Every link of every document changed names a new WebP of 320 × 240 that exists; none names an original.
    let checked = 0;
    for (const d of documents) {
      const text = fs.readFileSync(d, 'utf8');
      for (const link of linksOf(d, text)) {
        const file = (await resolveTarget(ctx(), d, link.target))?.file;
        assert.ok(file !== undefined && fs.existsSync(file), `${d}: ${link.target}`);
        assert.ok(!chosen.includes(file), `${d} still names ${file}`);
        if (!file.endsWith('.webp')) continue;
        const bytes = fs.readFileSync(file);
        assert.equal(sniffImageType(bytes)?.ext, 'webp');
        assert.deepEqual(imageHeaderSize(bytes), { width: 320, height: 240 });
        checked++;
      }
    }
    assert.equal(
      checked,
      chosen.reduce((n, p) => n + (uses.get(p)?.length ?? 0), 0),
    );
    for (const [p, bytes] of originals) assert.ok(fs.readFileSync(p).equals(bytes), `${p} kept as it was`);
    const r = await updateIndex(index, await listDisk([root]), diskSources([root]));
    assert.deepEqual(brokenReferences(r.index), []);
    // The originals are now linked by nothing: Delete Unused would offer exactly them and the earlier unlinked ones.
    assert.deepEqual(
      filterImages(r.index, { unused: true }).map((i) => i.path),
      [...ws.unused.slice(1), ...chosen].sort(),
    );
  });
});
