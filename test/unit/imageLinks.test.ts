import assert from 'node:assert/strict';
import {
  findImageLinks,
  imageLinkAt,
  localTargetPath,
  retargetEdit,
  type ImageLink,
} from '../../src/core/text/imageLinks';
import { markdownImage } from '../../src/core/text/markdown';

const slice = (doc: string, s: { start: number; end: number }): string => doc.slice(s.start, s.end);

function only(doc: string): ImageLink {
  const links = findImageLinks(doc);
  assert.equal(links.length, 1, `one link in ${JSON.stringify(doc)}`);
  return links[0];
}

function apply(doc: string, edit: { span: { start: number; end: number }; text: string }): string {
  return doc.slice(0, edit.span.start) + edit.text + doc.slice(edit.span.end);
}

describe('imageLinks', () => {
  it('reads a plain relative link with exact spans', () => {
    const doc = 'Intro ![a cat](images/cat.png) end';
    const l = only(doc);
    assert.equal(slice(doc, l.span), '![a cat](images/cat.png)');
    assert.equal(slice(doc, l.altSpan), 'a cat');
    assert.equal(l.alt, 'a cat');
    assert.equal(slice(doc, l.targetSpan), 'images/cat.png');
    assert.equal(l.target, 'images/cat.png');
    assert.equal(l.angleBrackets, false);
    assert.equal(l.title, undefined);
  });

  it('a document that starts with a byte order mark: spans still count it, so edits land on the link (found by fuzzing)', () => {
    const doc = '\ufeff![a kite](geekai: "t")\n\n![b](b.png)';
    const [first, second] = findImageLinks(doc);
    assert.equal(slice(doc, first.span), '![a kite](geekai: "t")');
    assert.equal(slice(doc, first.altSpan), 'a kite');
    assert.equal(slice(doc, first.targetSpan), 'geekai:');
    assert.equal(first.titleSpan && slice(doc, first.titleSpan), 't');
    assert.equal(slice(doc, second.span), '![b](b.png)');
    assert.equal(apply(doc, retargetEdit(first, 'k.png')), '\ufeff![a kite](k.png "t")\n\n![b](b.png)');
  });

  it('reads `<...>` targets with spaces, excluding the brackets from the span', () => {
    const doc = '![x](<my pics/a (1).png>)';
    const l = only(doc);
    assert.equal(l.target, 'my pics/a (1).png');
    assert.equal(slice(doc, l.targetSpan), 'my pics/a (1).png');
    assert.equal(l.angleBrackets, true);
  });

  for (const [form, title] of [
    ['"a title"', 'a title'],
    ["'single'", 'single'],
    ['(paren)', 'paren'],
    ['"say \\"hi\\""', 'say "hi"'],
  ] as const) {
    it(`reads a title written ${form}`, () => {
      const doc = `![alt](a.png ${form})`;
      const l = only(doc);
      assert.equal(l.title, title);
      assert.equal(l.target, 'a.png');
      assert.equal(slice(doc, l.span), doc);
    });
  }

  it('decodes escapes and character references in alt and target, keeping the source too', () => {
    const doc = '![a \\[b\\] &amp; c](x\\(1\\).png)';
    const l = only(doc);
    assert.equal(l.alt, 'a [b] & c');
    assert.equal(l.altSource, 'a \\[b\\] &amp; c');
    assert.equal(l.target, 'x(1).png');
    assert.equal(l.targetSource, 'x\\(1\\).png');
  });

  it('handles empty alt text and an empty target', () => {
    const doc = 'a ![](x.png) b ![y]() c ![z](<>)';
    const links = findImageLinks(doc);
    assert.equal(links.length, 3);
    assert.deepEqual(links[0]?.altSpan, { start: 4, end: 4 });
    assert.equal(links[0]?.alt, '');
    assert.equal(links[1]?.target, '');
    assert.equal(links[2]?.target, '');
    assert.equal(links[2]?.angleBrackets, true);
  });

  it('ignores images in code spans, fenced and indented code, and reference-style images', () => {
    const doc = [
      '`![a](b.png)`',
      '',
      '```',
      '![c](d.png)',
      '```',
      '',
      '    ![e](f.png)',
      '',
      '![g][ref]',
      '',
      '[ref]: h.png',
      '',
      '![real](r.png)',
    ].join('\n');
    const links = findImageLinks(doc);
    assert.deepEqual(
      links.map((l) => l.target),
      ['r.png'],
    );
  });

  it('counts offsets in UTF-16 code units across CRLF, tabs, CJK and emoji', () => {
    const doc = '标题 🐱\r\n\t段落 ![小猫 🐱](图片/猫.png "标题")\r\n';
    const l = only(doc);
    assert.equal(slice(doc, l.span), '![小猫 🐱](图片/猫.png "标题")');
    assert.equal(slice(doc, l.targetSpan), '图片/猫.png');
    assert.equal(l.title, '标题');
  });

  it('finds links inside other links and in lists, quotes and tables', () => {
    const doc = [
      '[![badge](b.svg)](https://x.y)',
      '- item ![li](l.png)',
      '> ![q](q.png)',
      '| a | ![t](t.png) |',
      '|---|---|',
    ].join('\n');
    assert.deepEqual(
      findImageLinks(doc).map((l) => l.target),
      ['b.svg', 'l.png', 'q.png', 't.png'],
    );
  });

  it('keeps a link in the alt text apart from the image around it', () => {
    const doc = '![see [docs](d.md) here](img.png)';
    const l = only(doc);
    assert.equal(l.altSource, 'see [docs](d.md) here');
    assert.equal(l.target, 'img.png');
  });

  it('reads a link that spans lines', () => {
    const doc = '![a long\nalt](\n  a.png\n  "t")';
    const l = only(doc);
    assert.equal(l.target, 'a.png');
    assert.equal(l.title, 't');
  });

  it('imageLinkAt finds the link under the cursor', () => {
    const doc = 'x ![a](a.png) y ![b](b.png)';
    const links = findImageLinks(doc);
    assert.equal(imageLinkAt(links, doc.indexOf('b.png'))?.target, 'b.png');
    assert.equal(imageLinkAt(links, 0), undefined);
  });

  describe('localTargetPath', () => {
    it('decodes percent-encoding and drops query and fragment', () => {
      assert.equal(localTargetPath('my%20pics/%E7%8C%AB.png?v=2#x'), 'my pics/猫.png');
      assert.equal(localTargetPath('../a.png'), '../a.png');
      assert.equal(localTargetPath('bad%zz.png'), 'bad%zz.png');
    });
    it('refuses URLs, schemes and fragments', () => {
      for (const t of ['https://x.y/a.png', 'data:image/png;base64,AA', 'geekai:16:9', '//cdn/a.png', '#top', '']) {
        assert.equal(localTargetPath(t), undefined, t);
      }
    });
  });

  describe('retargetEdit', () => {
    it('replaces only the target, keeping alt and title', () => {
      const doc = 'Text ![猫](old.png "t") more';
      const out = apply(doc, retargetEdit(only(doc), 'images/new%20one.png'));
      assert.equal(out, 'Text ![猫](images/new%20one.png "t") more');
      assert.equal(only(out).target, 'images/new%20one.png');
    });
    it('keeps `<...>` form and escapes what it must', () => {
      const doc = '![a](<old one.png>)';
      const out = apply(doc, retargetEdit(only(doc), 'new <x>.png'));
      assert.equal(out, '![a](<new \\<x\\>.png>)');
      assert.equal(only(out).target, 'new <x>.png');
    });
    it('switches to `<...>` when a raw target would break', () => {
      const doc = '![a](geekai:)';
      const out = apply(doc, retargetEdit(only(doc), 'a b.png'));
      assert.equal(out, '![a](<a b.png>)');
    });
    it('round-trips every link markdownImage writes', () => {
      const md = markdownImage({
        alt: 'a [b] *c*',
        targetPath: '/w/docs/imgs/猫 (1)#2.png',
        documentPath: '/w/docs/p.md',
        workspaceRoot: '/w',
      });
      const l = only(md);
      assert.equal(l.alt, 'a [b] *c*');
      assert.equal(localTargetPath(l.target), 'imgs/猫 (1)#2.png');
    });
  });
});
