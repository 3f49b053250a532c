// Rename… and Move… as text edits: every reference to a moved image, in every document language,
// pointed at the new file in the form it was written (relative, root-relative, site-rooted), with
// titles, `<...>` targets, percent-encoding, spaces and CJK names handled by each language.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { isInside } from '../../src/core/files/paths';
import { diskSources } from '../../src/core/library/diskLibrary';
import {
  checkNewName,
  planMoves,
  retargetEdits,
  type Moves,
  type TextEdit,
} from '../../src/core/library/retargetEdits';
import { placementCache, type ResolveContext } from '../../src/core/library/targetResolver';
import { pngBytes, workspaceOnDisk } from '../support/libraryFixture';

function applied(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start))
    out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}

describe('image library: rename and move edits', () => {
  let root: string;
  let ctx: ResolveContext;
  before(() => {
    root = workspaceOnDisk({
      'images/a.png': pngBytes(2, 2),
      'images/my pic.png': pngBytes(2, 2),
      'site/hugo.toml': 'baseURL = "https://example.org/blog/"\n',
      'site/static/images/s.png': pngBytes(2, 2),
    });
    const sources = diskSources([root]);
    ctx = {
      rootOf: (p) => (isInside(root, p) ? root : undefined),
      placementOf: placementCache(sources.siteFiles),
      isImage: (p) => p.endsWith('.png'),
    };
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const edit = async (doc: string, text: string, moves: Record<string, string>): Promise<string> => {
    const m: Moves = new Map(Object.entries(moves).map(([a, b]) => [`${root}/${a}`, `${root}/${b}`]));
    return applied(text, await retargetEdits(ctx, `${root}/${doc}`, text, m));
  };

  it('Markdown: relative, `./`, titles, `<...>`, percent-encoding, spaces and CJK; other links untouched', async () => {
    const text = [
      '![a](../images/a.png "title kept")',
      '![b](./../images/a.png)',
      "![c](<../images/my pic.png> 't')",
      '![d](../images/my%20pic.png)',
      '![e](../images/b.png) [link](../images/a.png) `![f](../images/a.png)`',
      '![g](https://example.org/images/a.png)',
    ].join('\n');
    const out = await edit('docs/x.md', text, {
      'images/a.png': 'images/猫 猫.png',
      'images/my pic.png': 'art/新 图.png',
    });
    assert.equal(
      out,
      [
        '![a](../images/猫%20猫.png "title kept")',
        '![b](../images/猫%20猫.png)',
        "![c](<../art/新%20图.png> 't')",
        '![d](../art/新%20图.png)',
        '![e](../images/b.png) [link](../images/a.png) `![f](../images/a.png)`',
        '![g](https://example.org/images/a.png)',
      ].join('\n'),
    );
  });

  it('keeps `./` where the new path stays below the document, and a document beside the image', async () => {
    assert.equal(
      await edit('x.md', '![a](./images/a.png)', { 'images/a.png': 'images/sub/b.png' }),
      '![a](./images/sub/b.png)',
    );
    assert.equal(await edit('images/x.md', '![a](a.png)', { 'images/a.png': 'b.png' }), '![a](../b.png)');
  });

  it('root-relative links stay root-relative; site-rooted links stay site-rooted while in the static folder', async () => {
    assert.equal(
      await edit('docs/x.md', '![a](/images/a.png)', { 'images/a.png': 'pics/a b.png' }),
      '![a](/pics/a%20b.png)',
    );
    assert.equal(
      await edit('site/content/post.md', '![s](/blog/images/s.png)', {
        'site/static/images/s.png': 'site/static/img/t.png',
      }),
      '![s](/blog/img/t.png)',
    );
    // Moved out of the folder the site serves at its root: only a relative link reaches it.
    assert.equal(
      await edit('site/content/post.md', '![s](/blog/images/s.png)', {
        'site/static/images/s.png': 'site/content/s.png',
      }),
      '![s](s.png)',
    );
  });

  it('every other document language, written its own way', async () => {
    const moves = { 'images/a.png': 'images/new name.png' };
    assert.equal(
      await edit('d/x.adoc', 'image::../images/a.png[Alt, 300]\nimage:../images/a.png[inline]', moves),
      'image::../images/new name.png[Alt, 300]\nimage:../images/new name.png[inline]',
    );
    assert.equal(
      await edit('d/x.rst', '.. image:: ../images/a.png\n   :alt: x\n', moves),
      '.. image:: ../images/new%20name.png\n   :alt: x\n',
    );
    assert.equal(
      await edit('d/x.html', '<img alt="x" src="../images/a.png" width="3">', moves),
      '<img alt="x" src="../images/new%20name.png" width="3">',
    );
    assert.equal(
      await edit('d/x.vue', "<img :src='x' src='../images/a.png'>", moves),
      "<img :src='x' src='../images/new%20name.png'>",
    );
    assert.equal(
      await edit('d/x.tex', '\\includegraphics[width=2cm]{../images/a}', moves),
      '\\includegraphics[width=2cm]{../images/new name.png}',
    );
    assert.equal(
      await edit('d/x.org', '#+CAPTION: c\n[[file:../images/a.png]]', moves),
      '#+CAPTION: c\n[[file:../images/new name.png]]',
    );
    assert.equal(
      await edit('d/x.typ', '#image("../images/a.png", alt: "t")', moves),
      '#image("../images/new name.png", alt: "t")',
    );
    assert.equal(
      await edit('d/x.mdx', '![m](../images/a.png)\n\n<img src="../images/a.png" alt="j" />', moves),
      '![m](../images/new%20name.png)\n\n<img src="../images/new%20name.png" alt="j" />',
    );
  });

  it('checks a new name: one plain file name with the same extension', () => {
    assert.equal(checkNewName('b.png', 'a.png'), undefined);
    assert.equal(checkNewName('新 图.PNG', 'a.png'), undefined);
    assert.equal(checkNewName('  ', 'a.png'), 'empty');
    assert.equal(checkNewName('x/b.png', 'a.png'), 'separator');
    assert.equal(checkNewName('..\\b.png', 'a.png'), 'separator');
    assert.equal(checkNewName('.b.png', 'a.png'), 'dots');
    assert.equal(checkNewName('b\u202egnp.png', 'a.png'), 'control');
    assert.equal(checkNewName('b?.png', 'a.png'), 'control');
    assert.equal(checkNewName(`${'图'.repeat(90)}.png`, 'a.png'), 'tooLong');
    assert.equal(checkNewName('con.png', 'a.png'), 'reserved');
    assert.equal(checkNewName('b.webp', 'a.png'), 'extension');
  });

  it('plans a move into a folder: each keeps its name; a taken name or two of the same name is a clash', async () => {
    const none = async (): Promise<boolean> => false;
    const plan = await planMoves(['/w/a/x.png', '/w/b/y.png', '/w/dest/z.png'], '/w/dest', none);
    assert.deepEqual(plan, {
      moves: new Map([
        ['/w/a/x.png', '/w/dest/x.png'],
        ['/w/b/y.png', '/w/dest/y.png'],
      ]),
    });
    assert.deepEqual(await planMoves(['/w/a/x.png', '/w/b/x.png'], '/w/dest', none), { clash: '/w/dest/x.png' });
    assert.deepEqual(await planMoves(['/w/a/x.png'], '/w/dest', async (p) => p === '/w/dest/x.png'), {
      clash: '/w/dest/x.png',
    });
  });
});
