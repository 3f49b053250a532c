import assert from 'node:assert/strict';
import { findImageLinks } from '../../src/core/text/imageLinks';
import { altText, encodeLinkPath, markdownForImages, markdownImage, paragraphsOf } from '../../src/core/text/markdown';

const WS = '/home/me/proj';
const DOC = '/home/me/proj/docs/notes.md';

interface MdToken {
  type: string;
  content: string;
  children: MdToken[] | null;
  attrGet(name: string): string | null;
}

interface MarkdownIt {
  parse(src: string, env: object): MdToken[];
}

/** markdown-it, the parser VS Code's Markdown preview uses (a devDependency). */
function loadMarkdownIt(): MarkdownIt | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- markdown-it ships no type declarations; the part used is typed above
    const create = require('markdown-it') as (options?: object) => MarkdownIt;
    return create({ html: true });
  } catch {
    return undefined;
  }
}

describe('markdown', () => {
  describe('markdownImage', () => {
    it('links relative to the document folder and keeps CJK raw', () => {
      assert.equal(
        markdownImage({
          alt: '画一只可爱的小猫',
          targetPath: `${WS}/docs/images/2025-01-02-画一只可爱的小猫.png`,
          documentPath: DOC,
          workspaceRoot: WS,
        }),
        '![画一只可爱的小猫](images/2025-01-02-画一只可爱的小猫.png)',
      );
    });

    it('links relative to the workspace root without a document', () => {
      assert.equal(
        markdownImage({ alt: 'cat', targetPath: `${WS}/images/cat.png`, workspaceRoot: WS }),
        '![cat](images/cat.png)',
      );
    });

    it('uses `..` for images outside the document folder', () => {
      assert.equal(
        markdownImage({
          alt: 'cat',
          targetPath: `${WS}/assets/cat.png`,
          documentPath: `${WS}/docs/deep/a.md`,
          workspaceRoot: WS,
        }),
        '![cat](../../assets/cat.png)',
      );
    });

    it('percent-encodes spaces, parentheses and other link-breaking characters', () => {
      assert.equal(
        markdownImage({
          alt: 'cat',
          targetPath: `${WS}/docs/my images/猫 (1).png`,
          documentPath: DOC,
          workspaceRoot: WS,
        }),
        '![cat](my%20images/猫%20%281%29.png)',
      );
    });

    it('works with Windows drive paths', () => {
      const ws = '/c:/Users/me/proj';
      assert.equal(
        markdownImage({
          alt: 'a',
          targetPath: `${ws}/images/a b.png`,
          documentPath: `${ws}/docs/x.md`,
          workspaceRoot: ws,
        }),
        '![a](../images/a%20b.png)',
      );
    });
  });

  describe('encodeLinkPath', () => {
    it('encodes exactly the characters that break or alter a link', () => {
      assert.equal(encodeLinkPath('a b(c)<d>e%f#g?h[i]j\\k&l'), 'a%20b%28c%29%3Cd%3Ee%25f%23g%3Fh%5Bi%5Dj%5Ck%26l');
      assert.equal(encodeLinkPath('tab\there\u0001\u007f'), 'tab%09here%01%7F');
      assert.equal(encodeLinkPath('全角\u3000空格'), '全角%E3%80%80空格');
    });

    it('encodes a backtick, which would close a stray one earlier in the paragraph into a code span (found by fuzzing)', () => {
      assert.equal(encodeLinkPath('`/a`b.png'), '%60/a%60b.png');
      const link = markdownImage({
        alt: 'x',
        targetPath: '/ws/a`b.png',
        documentPath: '/ws/post.md',
        workspaceRoot: '/ws',
      });
      assert.equal(link, '![x](a%60b.png)');
      assert.deepEqual(
        findImageLinks(`a stray \` before ${link}`).map((l) => l.target),
        ['a%60b.png'],
      );
    });

    it('leaves slashes, dots, dashes, Unicode and emoji alone', () => {
      assert.equal(
        encodeLinkPath("../images/東京-夜景_1.2+x~y!@$,;='*😀.png"),
        "../images/東京-夜景_1.2+x~y!@$,;='*😀.png",
      );
    });

    it('prefixes ./ when the first segment would read as a URL scheme', () => {
      assert.equal(encodeLinkPath('c:x.png'), './c:x.png');
      assert.equal(encodeLinkPath('http:x/a.png'), './http:x/a.png');
      assert.equal(encodeLinkPath('images/a:b.png'), 'images/a:b.png');
    });
  });

  describe('altText', () => {
    it('makes one line from whitespace and newlines', () => {
      assert.equal(altText('  a cat\n\non a\r\nmat\twith   a hat  '), 'a cat on a mat with a hat');
    });

    it('escapes Markdown syntax so it renders as plain text', () => {
      assert.equal(
        altText('a [link](x) *bold* _it_ `code` <b> \\ &amp;'),
        'a \\[link\\](x) \\*bold\\* \\_it\\_ \\`code\\` \\<b> \\\\ \\&amp;',
      );
    });

    it('keeps CJK and emoji', () => {
      assert.equal(altText('画一只可爱的小猫 😺'), '画一只可爱的小猫 😺');
    });

    it('caps at 100 characters with an ellipsis, on a character boundary', () => {
      assert.equal(altText('a'.repeat(100)), 'a'.repeat(100));
      assert.equal(altText('a'.repeat(101)), `${'a'.repeat(99)}…`);
      assert.equal(altText('😺'.repeat(150)), `${'😺'.repeat(99)}…`);
      assert.equal(altText(`${'a'.repeat(98)} bbbb`), `${'a'.repeat(98)}…`);
    });

    it('counts the cap before escaping', () => {
      assert.equal(altText('*'.repeat(100)), '\\*'.repeat(100));
    });
  });

  describe('markdownForImages', () => {
    it('puts each image in its own paragraph (a blank line between: adjacent lines would render as one paragraph)', () => {
      assert.equal(
        markdownForImages({
          alt: 'two cats',
          targetPaths: [`${WS}/docs/images/c-1.png`, `${WS}/docs/images/c-2.png`],
          documentPath: DOC,
          workspaceRoot: WS,
        }),
        '![two cats](images/c-1.png)\n\n![two cats](images/c-2.png)',
      );
      assert.deepEqual(paragraphsOf('![a](a.png)\n\n![b](b.png)\r\n\r\n![c](c.png)'.replace(/\r/g, '')), [
        '![a](a.png)',
        '![b](b.png)',
        '![c](c.png)',
      ]);
      assert.equal(markdownForImages({ alt: 'x', targetPaths: [], workspaceRoot: WS }), '');
    });
  });

  describe('rendered by markdown-it', () => {
    const md = loadMarkdownIt();
    before(() => {
      // A devDependency: its absence is a broken install, not a reason to skip.
      assert.ok(md, 'markdown-it must be installed (npm ci)');
    });

    // The parse tree, not render(): markdown-it 14 drops escaped characters from the alt attribute.
    it('parses as one image with the intended path and literal alt text', () => {
      const alt = 'A [weird] *prompt* with `code` <tag> & (parens) _x_ \\';
      const link = markdownImage({
        alt,
        targetPath: `${WS}/docs/my images/猫 (1) #2 [x].png`,
        documentPath: DOC,
        workspaceRoot: WS,
      });
      const inline = md?.parse(`text ${link} more`, {}).find((t) => t.type === 'inline');
      const types = inline?.children?.map((t) => t.type);
      assert.deepEqual(types, ['text', 'image', 'text']);
      const image = inline?.children?.[1];
      assert.equal(decodeURIComponent(image?.attrGet('src') ?? ''), 'my images/猫 (1) #2 [x].png');
      const altParts = image?.children ?? [];
      assert.ok(
        altParts.every((t) => t.type === 'text' || t.type === 'text_special'),
        altParts.map((t) => t.type).join(),
      );
      assert.equal(altParts.map((t) => t.content).join(''), alt);
    });
  });
});
