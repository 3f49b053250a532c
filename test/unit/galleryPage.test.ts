// The Studio gallery's pages of workspace images: newest first, pages that neither overlap nor
// skip, the search (prompt, model, file name, alt text; CJK and full-width forms), and the count
// of references per image.
import assert from 'node:assert/strict';
import { galleryPage, GALLERY_PAGE_SIZE } from '../../src/core/library/galleryPage';
import type { ImageReference } from '../../src/core/library/imageReferences';
import { emptyIndex, type IndexedImage, type LibraryIndex } from '../../src/core/library/libraryIndex';
import { usesOf } from '../../src/core/library/libraryQuery';

function indexOf(images: IndexedImage[], references: ImageReference[] = []): LibraryIndex {
  const index = emptyIndex();
  for (const i of images) index.images.set(i.path, i);
  const byDoc = new Map<string, ImageReference[]>();
  for (const r of references) byDoc.set(r.document, [...(byDoc.get(r.document) ?? []), r]);
  for (const [document, refs] of byDoc)
    index.documents.set(document, { path: document, size: 1, mtime: 1, references: refs });
  return index;
}

const ref = (document: string, file: string, alt = ''): ImageReference => ({
  document,
  line: 0,
  file,
  form: 'relative',
  alt,
  target: file,
});

describe('Studio gallery pages (core)', () => {
  it("lists newest first, ties by path, with each image's references counted", () => {
    const index = indexOf(
      [
        { path: '/ws/a/old.png', size: 10, mtime: 100 },
        { path: '/ws/b/new.png', size: 20, mtime: 300 },
        { path: '/ws/a/tie-2.png', size: 30, mtime: 200 },
        { path: '/ws/a/tie-1.png', size: 40, mtime: 200 },
      ],
      [
        ref('/ws/doc.md', '/ws/a/old.png'),
        ref('/ws/doc.md', '/ws/a/old.png'),
        ref('/ws/other.md', '/ws/b/new.png'),
        ref('/ws/doc.md', '/ws/gone.png'),
      ],
    );
    const page = galleryPage(index, usesOf(index), '', 0);
    assert.deepEqual(
      page.entries.map((e) => [e.image.path, e.uses]),
      [
        ['/ws/b/new.png', 1],
        ['/ws/a/tie-1.png', 0],
        ['/ws/a/tie-2.png', 0],
        ['/ws/a/old.png', 2],
      ],
    );
    assert.equal(page.total, 4);
  });

  it('pages neither overlap nor skip, and a page past the end is empty with the total', () => {
    const images = Array.from({ length: 130 }, (_, i) => ({
      path: `/ws/img/${String(i).padStart(3, '0')}.png`,
      size: 1,
      mtime: i,
    }));
    const index = indexOf(images);
    const uses = usesOf(index);
    const seen: string[] = [];
    for (let offset = 0; offset < 130; offset += GALLERY_PAGE_SIZE) {
      const page = galleryPage(index, uses, '', offset);
      assert.equal(page.total, 130);
      seen.push(...page.entries.map((e) => e.image.path));
    }
    assert.equal(seen.length, 130);
    assert.equal(new Set(seen).size, 130);
    assert.equal(seen[0], '/ws/img/129.png');
    assert.equal(seen[129], '/ws/img/000.png');
    assert.deepEqual(galleryPage(index, uses, '', 500), { entries: [], total: 130 });
    assert.equal(galleryPage(index, uses, '', 0, 7).entries.length, 7);
  });

  it('the search finds prompts (CJK as substrings, full-width letters), models, file names and alt text', () => {
    const index = indexOf(
      [
        { path: '/ws/images/cat.png', size: 1, mtime: 1, prompt: '一只在海边的猫，水彩', model: 'gpt-image-1' },
        { path: '/ws/images/Lighthouse.webp', size: 1, mtime: 2 },
        { path: '/ws/images/kite.jpg', size: 1, mtime: 3 },
      ],
      [ref('/ws/doc.md', '/ws/images/kite.jpg', 'a red kite over the sea')],
    );
    const uses = usesOf(index);
    const paths = (search: string): string[] => galleryPage(index, uses, search, 0).entries.map((e) => e.image.path);
    assert.deepEqual(paths('海边 猫'), ['/ws/images/cat.png']);
    assert.deepEqual(paths('ＧＰＴ-image'), ['/ws/images/cat.png']);
    assert.deepEqual(paths('lighthouse'), ['/ws/images/Lighthouse.webp']);
    assert.deepEqual(paths('red kite'), ['/ws/images/kite.jpg']);
    assert.deepEqual(paths('   '), ['/ws/images/kite.jpg', '/ws/images/Lighthouse.webp', '/ws/images/cat.png']);
    assert.deepEqual(galleryPage(index, uses, 'nothing like this', 0), { entries: [], total: 0 });
  });
});
