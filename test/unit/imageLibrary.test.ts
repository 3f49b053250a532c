// The image library's index on a real folder: what each image is (pixels from its header,
// prompt and model from its provenance), where every document in every language uses it (site-
// rooted links included), the unused / broken / generated / large rules, the search (CJK, full-
// width), the incremental re-index, the caps, the workspace wall and the storage cache.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { imageFactsOf } from '../../src/core/heavy/heavyWork';
import { diskSources, listDisk } from '../../src/core/library/diskLibrary';
import { parseIndex, serializeIndex } from '../../src/core/library/indexCache';
import { LIBRARY_DOCUMENT_MAX_BYTES } from '../../src/core/library/libraryFiles';
import { updateIndex, type IndexSources, type LibraryIndex } from '../../src/core/library/libraryIndex';
import { brokenReferences, byDocument, byFolder, filterImages, usesOf } from '../../src/core/library/libraryQuery';
import { jpegBytes, pngBytes, workspaceOnDisk, writeTree } from '../support/libraryFixture';

const PROMPT = '一只在海边的猫，水彩';

function tree(): Record<string, string | Uint8Array> {
  return {
    'images/gen.png': pngBytes(64, 32, PROMPT),
    'images/my pic.png': pngBytes(10, 20),
    'images/照片.jpg': jpegBytes(1920, 1080),
    'images/unused.png': pngBytes(5, 5),
    'images/orphan gen.png': pngBytes(8, 8, 'a lighthouse at dawn', 'gpt-image-1'),
    'images/fig.png': pngBytes(3, 3),
    'docs/a.md': [
      '# A',
      '',
      '![a cat](../images/gen.png "the title")',
      '',
      '![spaces](<../images/my pic.png>) and ![encoded](../images/my%20pic.png)',
      '',
      '![gone](../images/gone.png) ![remote](https://example.org/x.png) `![code](../images/unused.png)`',
      '![rooted](/images/照片.jpg)',
      '![outside](../../elsewhere.png)',
    ].join('\n'),
    'docs/b.adoc': 'Intro\n\nimage::../images/gen.png[Gen in AsciiDoc]\n',
    'docs/c.rst': 'Title\n=====\n\n.. image:: ../images/照片.jpg\n   :alt: photo\n',
    'docs/d.html': '<p><img src="../images/my%20pic.png" alt="html pic"></p>\n',
    'docs/e.tex': '\\begin{document}\n\\includegraphics[width=3cm]{../images/fig}\n\\end{document}\n',
    'docs/f.org': '#+CAPTION: org caption\n[[file:../images/gen.png]]\n[[notes.org]]\n',
    'docs/g.typ': '#image("../images/照片.jpg", alt: "typst photo")\n',
    'docs/h.mdx': 'import X from "x"\n\n<img src="../images/gen.png" alt="jsx gen" />\n',
    'docs/i.vue': '<template>\n  <img :class="c" src="../images/gen.png" alt="vue gen">\n</template>\n',
    'site/hugo.toml': 'baseURL = "https://example.org/blog/"\ntitle = "Blog"\n',
    'site/static/images/s.png': pngBytes(4, 4, 'site picture'),
    'site/content/post.md': '![on site](/blog/images/s.png)\n\n![not served](/blog/images/missing.png)\n',
  };
}

async function index(root: string, previous?: LibraryIndex, sources: IndexSources = diskSources([root])) {
  return updateIndex(previous, await listDisk([root]), sources);
}

const rel = (root: string, p: string): string => path.posix.relative(root, p);

describe('image library: the index', () => {
  let root: string;
  beforeEach(() => {
    root = workspaceOnDisk(tree());
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists every image with its size on disk, its pixels and, where it has provenance, its prompt and model', async () => {
    const { index: ix } = await index(root);
    const gen = ix.images.get(`${root}/images/gen.png`);
    assert.ok(gen);
    assert.equal(gen.size, fs.statSync(`${root}/images/gen.png`).size);
    assert.deepEqual(
      [gen.width, gen.height, gen.prompt, gen.model, gen.date],
      [64, 32, PROMPT, 'gemini-3-pro-image-preview', '2025-01-02T03:04:05.000Z'],
    );
    const photo = ix.images.get(`${root}/images/照片.jpg`);
    assert.deepEqual([photo?.width, photo?.height, photo?.prompt], [1920, 1080, undefined]);
    assert.deepEqual(
      [...ix.images.keys()].map((p) => rel(root, p)),
      [
        'images/fig.png',
        'images/gen.png',
        'images/my pic.png',
        'images/orphan gen.png',
        'images/unused.png',
        'images/照片.jpg',
        'site/static/images/s.png',
      ],
    );
  });

  it('finds the references of every document language, each with its document, line and alt text', async () => {
    const { index: ix } = await index(root);
    const uses = usesOf(ix);
    const where = (image: string): string[] =>
      (uses.get(`${root}/${image}`) ?? []).map((r) => `${rel(root, r.document)}:${r.line + 1} ${r.form} ${r.alt}`);
    assert.deepEqual(where('images/gen.png'), [
      'docs/a.md:3 relative a cat',
      'docs/b.adoc:3 relative Gen in AsciiDoc',
      'docs/f.org:2 relative org caption',
      'docs/h.mdx:3 relative jsx gen',
      'docs/i.vue:2 relative vue gen',
    ]);
    assert.deepEqual(where('images/my pic.png'), [
      'docs/a.md:5 relative spaces',
      'docs/a.md:5 relative encoded',
      'docs/d.html:1 relative html pic',
    ]);
    assert.deepEqual(where('images/照片.jpg'), [
      'docs/a.md:8 root rooted',
      'docs/c.rst:4 relative photo',
      'docs/g.typ:1 relative typst photo',
    ]);
    // LaTeX's extension-less graphic is the PNG beside it; a site's root-relative link is its static file.
    assert.deepEqual(where('images/fig.png'), ['docs/e.tex:2 relative ']);
    assert.deepEqual(where('site/static/images/s.png'), ['site/content/post.md:1 site on site']);
    // A code span, a URL, a path out of the workspace and a non-image Org link are no references.
    assert.equal(where('images/unused.png').length, 0);
    assert.ok(![...uses.keys()].some((p) => p.includes('elsewhere') || p.endsWith('notes.org')));
  });

  it('unused, broken, generated and large, and the groups by folder and by document', async () => {
    const { index: ix } = await index(root);
    const names = (list: { path: string }[]): string[] => list.map((i) => rel(root, i.path));
    assert.deepEqual(names(filterImages(ix, { unused: true })), ['images/orphan gen.png', 'images/unused.png']);
    assert.deepEqual(names(filterImages(ix, { generated: true })), [
      'images/gen.png',
      'images/orphan gen.png',
      'site/static/images/s.png',
    ]);
    assert.deepEqual(names(filterImages(ix, { generated: true, unused: true })), ['images/orphan gen.png']);
    // The generated PNGs carry their provenance (255-327 bytes); the plain ones are under 100.
    assert.deepEqual(names(filterImages(ix, { largerThan: 200 })), [
      'images/gen.png',
      'images/orphan gen.png',
      'site/static/images/s.png',
    ]);
    assert.deepEqual(names(filterImages(ix, { largerThan: 300 })), ['images/gen.png']);
    assert.deepEqual(
      brokenReferences(ix).map((r) => `${rel(root, r.document)}:${r.line + 1} ${r.target}`),
      ['docs/a.md:7 ../images/gone.png', 'site/content/post.md:3 /blog/images/missing.png'],
    );
    const folders = byFolder(filterImages(ix, {}));
    assert.deepEqual(
      [...folders.keys()].map((d) => rel(root, d)),
      ['images', 'site/static/images'],
    );
    const docs = byDocument(filterImages(ix, {}), usesOf(ix));
    assert.deepEqual(
      [...docs.entries()].map(
        ([d, list]) => `${d === undefined ? '(unused)' : rel(root, d)}: ${names(list).join(', ')}`,
      ),
      [
        'docs/a.md: images/gen.png, images/my pic.png, images/照片.jpg',
        'docs/b.adoc: images/gen.png',
        'docs/c.rst: images/照片.jpg',
        'docs/d.html: images/my pic.png',
        'docs/e.tex: images/fig.png',
        'docs/f.org: images/gen.png',
        'docs/g.typ: images/照片.jpg',
        'docs/h.mdx: images/gen.png',
        'docs/i.vue: images/gen.png',
        'site/content/post.md: site/static/images/s.png',
        '(unused): images/orphan gen.png, images/unused.png',
      ],
    );
  });

  it('a reference to a file that exists but is not listed (a dot-folder, an excluded one) is not broken', async () => {
    writeTree(root, { '.hidden/x.png': pngBytes(1, 1), 'docs/j.md': '![hidden](../.hidden/x.png)' });
    const { index: ix } = await index(root);
    assert.equal(ix.images.has(`${root}/.hidden/x.png`), false);
    assert.deepEqual(
      brokenReferences(ix).map((r) => r.target),
      ['../images/gone.png', '/blog/images/missing.png'],
    );
  });

  it('searches prompts, alt texts, models and file names: CJK without spaces, words in any order, full-width letters', async () => {
    const { index: ix } = await index(root);
    const found = (search: string): string[] => filterImages(ix, { search }).map((i) => rel(root, i.path));
    assert.deepEqual(found('海边 猫'), ['images/gen.png']);
    assert.deepEqual(found('水彩'), ['images/gen.png']);
    assert.deepEqual(found('LIGHTHOUSE'), ['images/orphan gen.png']);
    assert.deepEqual(found('ｇｐｔ－ｉｍａｇｅ'), ['images/orphan gen.png']);
    assert.deepEqual(found('照片'), ['images/照片.jpg']);
    assert.deepEqual(found('typst photo'), ['images/照片.jpg']);
    assert.deepEqual(found('html'), ['images/my pic.png']);
    assert.deepEqual(
      found('  '),
      filterImages(ix, {}).map((i) => rel(root, i.path)),
    );
    assert.deepEqual(found('海边 lighthouse'), []);
  });

  it('re-indexes incrementally: nothing read when nothing changed, only the changed file after one change', async () => {
    const first = await index(root);
    assert.deepEqual([first.readImages, first.readDocuments], [7, 10]);
    const again = await index(root, first.index);
    assert.deepEqual([again.readImages, again.readDocuments], [0, 0]);
    assert.deepEqual(serializeIndex(again.index, [root]), serializeIndex(first.index, [root]));
    // One document edited: only it is read, and its new reference counts.
    fs.writeFileSync(`${root}/docs/b.adoc`, 'image::../images/unused.png[now used]\n');
    const changed = await index(root, again.index);
    assert.deepEqual([changed.readImages, changed.readDocuments], [0, 1]);
    assert.deepEqual(
      filterImages(changed.index, { unused: true }).map((i) => rel(root, i.path)),
      ['images/orphan gen.png'],
    );
    // One image replaced by another of a different size: only it is read.
    fs.writeFileSync(`${root}/images/fig.png`, pngBytes(30, 40, 'redrawn'));
    const redrawn = await index(root, changed.index);
    assert.deepEqual([redrawn.readImages, redrawn.readDocuments], [1, 0]);
    const fig = redrawn.index.images.get(`${root}/images/fig.png`);
    assert.deepEqual([fig?.width, fig?.height, fig?.prompt], [30, 40, 'redrawn']);
    // Deleted files leave the index; their references become broken.
    fs.rmSync(`${root}/images/fig.png`);
    const gone = await index(root, redrawn.index);
    assert.equal(gone.index.images.has(`${root}/images/fig.png`), false);
    assert.ok(brokenReferences(gone.index).some((r) => r.target === '../images/fig'));
  });

  it('reads only an image’s head: a 20 MB PNG costs a block or two of reads', async () => {
    // A small PNG's signature and IHDR announcing 4000 × 3000, then 20 MB of pixel data.
    const head = Buffer.from(pngBytes(4, 4).subarray(0, 33));
    head.writeUInt32BE(4000, 16);
    head.writeUInt32BE(3000, 20);
    const big = Buffer.concat([head, Buffer.alloc(20 * 1024 * 1024)]);
    writeTree(root, { 'images/large.png': big });
    const disk = diskSources([root]);
    let read = 0;
    const counting: IndexSources = {
      ...disk,
      imageBytes: async (f) => {
        const src = await disk.imageBytes(f);
        return (
          src && {
            size: src.size,
            read: async (o, l) => ((read += f.path.endsWith('large.png') ? l : 0), src.read(o, l)),
          }
        );
      },
    };
    const { index: ix } = await index(root, undefined, counting);
    const large = ix.images.get(`${root}/images/large.png`);
    assert.deepEqual([large?.width, large?.height, large?.size], [4000, 3000, big.byteLength]);
    assert.ok(read > 0 && read <= 64 * 1024, `read ${read} bytes`);
  });

  it('leaves out what lies outside the workspace by real path, and documents over the size cap', async () => {
    const outside = workspaceOnDisk({ 'secret.png': pngBytes(2, 2, 'outside prompt'), 'doc.md': '![x](secret.png)' });
    try {
      fs.symlinkSync(`${outside}/secret.png`, `${root}/images/link.png`);
      fs.symlinkSync(`${outside}/doc.md`, `${root}/docs/linked.md`);
      writeTree(root, { 'docs/huge.md': `![big](../images/unused.png)\n${'x'.repeat(LIBRARY_DOCUMENT_MAX_BYTES)}` });
      const { index: ix } = await index(root);
      assert.equal(ix.images.has(`${root}/images/link.png`), false);
      assert.ok(![...ix.images.values()].some((i) => i.prompt === 'outside prompt'));
      assert.equal(ix.documents.get(`${root}/docs/linked.md`)?.unread, true);
      assert.equal(ix.documents.get(`${root}/docs/huge.md`)?.unread, true);
      assert.deepEqual(ix.documents.get(`${root}/docs/huge.md`)?.references, []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('hands each head to the facts reader it is given (the worker pool in VS Code)', async () => {
    const heads: number[] = [];
    const disk = diskSources([root]);
    const { index: ix } = await index(root, undefined, {
      ...disk,
      facts: async (h) => (heads.push(h.byteLength), imageFactsOf(h)),
    });
    assert.equal(heads.length, 7);
    assert.equal(ix.images.get(`${root}/images/gen.png`)?.prompt, PROMPT);
  });

  it('a cancelled index stops with `cancelled`', async () => {
    const c = new AbortController();
    c.abort();
    await assert.rejects(index(root, undefined, diskSources([root], c.signal)), { kind: 'cancelled' });
  });
});

describe('image library: the cache in workspace storage', () => {
  let root: string;
  before(() => {
    root = workspaceOnDisk(tree());
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('round-trips, and a re-index from it reads nothing', async () => {
    const { index: ix } = await index(root);
    const back = parseIndex(serializeIndex(ix, [root]), [root]);
    assert.ok(back);
    assert.deepEqual(back, ix);
    const again = await index(root, back);
    assert.deepEqual([again.readImages, again.readDocuments], [0, 0]);
  });

  it('is ignored when it is for other folders, another version, malformed or oversized', async () => {
    const { index: ix } = await index(root);
    const text = serializeIndex(ix, [root]);
    assert.equal(parseIndex(text, ['/other']), undefined);
    assert.equal(parseIndex(text.replace('"v":1', '"v":2'), [root]), undefined);
    assert.equal(parseIndex('{"v":1,', [root]), undefined);
    assert.equal(parseIndex(JSON.stringify({ ...JSON.parse(text), images: [{ path: 1 }] }), [root]), undefined);
    assert.equal(parseIndex(' '.repeat(64 * 1024 * 1024 + 1), [root]), undefined);
  });
});
