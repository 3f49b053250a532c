// Make Web-Ready on files in a real folder, with the real codecs: the new file beside the original
// (smaller, its pixels and format as asked, its provenance carried over), the original untouched,
// names that never overwrite, what is skipped and why, and the wall.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { NodeFileStore } from '../../src/core/files/nodeFileStore';
import { inThreadWork } from '../../src/core/heavy/heavyWork';
import { sniffImageType } from '../../src/core/imageType';
import { makeWebReady, webReadyName } from '../../src/core/library/webReady';
import { embedProvenance, readProvenance } from '../../src/core/publish/embedProvenance';
import { imageHeaderSize } from '../../src/core/publish/imageSize';
import { buildProvenance } from '../../src/core/publish/provenance';
import { testCodecs } from '../support/codecs';
import { pngBytes, workspaceOnDisk } from '../support/libraryFixture';
import { samplePng } from '../support/sampleImage';

describe('Make Web-Ready on workspace images (real codecs)', function () {
  this.timeout(60_000);
  let root: string;
  const heavy = inThreadWork(testCodecs);
  const store = new NodeFileStore();
  const photo = (): Uint8Array => {
    const r = embedProvenance(
      samplePng(400, 300),
      buildProvenance({
        prompt: '灯塔 at dawn',
        model: 'gpt-image-1',
        api: 'images/generations',
        date: new Date('2025-03-04T05:06:07Z'),
      }),
    );
    assert.ok(r.embedded);
    return r.bytes;
  };
  beforeEach(() => {
    root = workspaceOnDisk({
      'img/photo.png': photo(),
      'img/tiny.png': pngBytes(2, 2),
      'img/photo.webp': Buffer.from('taken'),
    });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes a smaller WebP beside the original, scaled to the longest side, with the provenance carried over', async () => {
    const original = fs.readFileSync(`${root}/img/photo.png`);
    const [r] = await makeWebReady(
      [`${root}/img/photo.png`],
      { format: 'webp', maxSide: 200, quality: 75 },
      { store, roots: [root], heavy },
    );
    assert.ok(r?.kind === 'written');
    // photo.webp is taken: the new file is photo-1.webp, and nothing was overwritten.
    assert.equal(r.to, `${root}/img/photo-1.webp`);
    assert.equal(fs.readFileSync(`${root}/img/photo.webp`, 'utf8'), 'taken');
    const bytes = fs.readFileSync(r.to);
    assert.equal(sniffImageType(bytes)?.ext, 'webp');
    assert.deepEqual(imageHeaderSize(bytes), { width: 200, height: 150 });
    assert.deepEqual([r.before, r.after, r.width, r.height], [original.byteLength, bytes.byteLength, 200, 150]);
    assert.ok(r.after < r.before);
    assert.equal(readProvenance(bytes)?.prompt, '灯塔 at dawn');
    assert.ok(fs.readFileSync(`${root}/img/photo.png`).equals(original), 'the original is kept as it was');
    assert.deepEqual(fs.readdirSync(`${root}/img`).sort(), ['photo-1.webp', 'photo.png', 'photo.webp', 'tiny.png']);
  });

  it('skips what already fits, what would not be smaller, and what is not an image; a resize in the same format is named -web', async () => {
    fs.writeFileSync(`${root}/img/notes.png`, 'not a png');
    const out = await makeWebReady(
      [`${root}/img/tiny.png`, `${root}/img/notes.png`, `${root}/img/photo.png`],
      { format: 'keep', maxSide: 100, quality: 80 },
      { store, roots: [root], heavy },
    );
    assert.deepEqual(out.slice(0, 2), [
      {
        file: `${root}/img/tiny.png`,
        kind: 'skipped',
        why: 'alreadyFits',
        before: fs.statSync(`${root}/img/tiny.png`).size,
      },
      { file: `${root}/img/notes.png`, kind: 'skipped', why: 'cannotConvert', before: 9 },
    ]);
    assert.ok(out[2]?.kind === 'written' && out[2].to === `${root}/img/photo-web.png`);
    const [avif] = await makeWebReady(
      [`${root}/img/tiny.png`],
      { format: 'avif', maxSide: 0, quality: 50 },
      { store, roots: [root], heavy },
    );
    assert.deepEqual(avif, {
      file: `${root}/img/tiny.png`,
      kind: 'skipped',
      why: 'notSmaller',
      before: fs.statSync(`${root}/img/tiny.png`).size,
    });
    assert.equal(webReadyName('/w/a.JPEG', 'jpg', 0), '/w/a-web.jpg');
    assert.equal(webReadyName('/w/a.png', 'webp', 2), '/w/a-2.webp');
  });

  it('refuses an image whose real path leaves the workspace, and stops when cancelled', async () => {
    const outside = workspaceOnDisk({ 'x.png': photo() });
    try {
      fs.symlinkSync(`${outside}/x.png`, `${root}/img/link.png`);
      await assert.rejects(
        makeWebReady(
          [`${root}/img/link.png`],
          { format: 'webp', maxSide: 0, quality: 80 },
          { store, roots: [root], heavy },
        ),
        { reason: 'escapesWorkspace' },
      );
      assert.deepEqual(fs.readdirSync(`${root}/img`).sort(), ['link.png', 'photo.png', 'photo.webp', 'tiny.png']);
      const c = new AbortController();
      c.abort();
      await assert.rejects(
        makeWebReady(
          [`${root}/img/photo.png`],
          { format: 'webp', maxSide: 0, quality: 80 },
          { store, roots: [root], heavy, signal: c.signal },
        ),
        { kind: 'cancelled' },
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
