import assert from 'node:assert/strict';
import { findImageLinks } from '../../src/core/text/imageLinks';
import { formatBytes, imageHoverMarkdown } from '../../src/core/text/imageHover';
import { shownText } from '../../src/core/text/shownText';
import { findLinkAgain, linkedImagePath, retargetTo } from '../../src/core/text/linkedImage';

const DOC = '/ws/docs/post.md';

/** markdown-it, the renderer behind VS Code's Markdown hovers and preview (a devDependency). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- markdown-it ships no type declarations; the part used is typed here
const markdownIt = require('markdown-it') as (options: object) => { render(src: string): string };

function apply(text: string, edit: { span: { start: number; end: number }; text: string }): string {
  return text.slice(0, edit.span.start) + edit.text + text.slice(edit.span.end);
}

describe('linked image paths', () => {
  it('resolves relative, percent-encoded, <...> and root-relative targets; URLs and non-images are not local images', () => {
    const doc = [
      '![a](images/cat.png)',
      '![b](<my pics/狗 1.webp> "title")',
      '![c](../shared/x%20y.JPG)',
      '![d](/assets/logo.png)',
      '![e](https://example.com/a.png)',
      '![f](notes.txt)',
      '![g](data:image/png;base64,AAAA)',
    ].join('\n\n');
    const paths = findImageLinks(doc).map((l) => linkedImagePath(l, DOC, '/ws'));
    assert.deepEqual(paths, [
      '/ws/docs/images/cat.png',
      '/ws/docs/my pics/狗 1.webp',
      '/ws/shared/x y.JPG',
      '/ws/assets/logo.png',
      undefined,
      undefined,
      undefined,
    ]);
    assert.equal(
      linkedImagePath({ target: '/assets/logo.png' }, DOC),
      undefined,
      'no folder: a root-relative target means nothing',
    );
  });

  it('retargets a link to a new file relative to the document, alt and title kept, in every form', () => {
    const doc = '![猫 *cat*](images/cat.png "Cat")\n\n![b](<old pics/b.png>)\n';
    const [a, b] = findImageLinks(doc);
    assert.equal(
      apply(doc, retargetTo(a, DOC, '/ws/docs/images/cat-edited.png')),
      '![猫 *cat*](images/cat-edited.png "Cat")\n\n![b](<old pics/b.png>)\n',
    );
    assert.equal(
      apply(doc, retargetTo(b, DOC, '/ws/docs/old pics/b (2).png')),
      '![猫 *cat*](images/cat.png "Cat")\n\n![b](<old%20pics/b%20%282%29.png>)\n',
    );
    // What the editor's preview reads back is the new file.
    const after = apply(doc, retargetTo(b, DOC, '/ws/docs/old pics/b (2).png'));
    assert.equal(linkedImagePath(findImageLinks(after)[1], DOC, '/ws'), '/ws/docs/old pics/b (2).png');
  });

  it('finds the same link again after the text moved, the nearest of equal ones, or nothing once it is gone', () => {
    const before = 'x\n\n![a](a.png)\n\n![a](a.png)\n';
    const [, second] = findImageLinks(before);
    const source = before.slice(second.span.start, second.span.end);
    const typed = `# New heading\n\n${before}`;
    const again = findLinkAgain(typed, source, second.span.start + 15);
    assert.equal(again?.span.start, second.span.start + 15);
    assert.equal(findLinkAgain('x\n\n![a](b.png)\n', source, second.span.start), undefined);
  });
});

describe('image hover Markdown', () => {
  const words = {
    prompt: 'Prompt:',
    model: 'Model:',
    cost: 'Cost:',
    pixels: '{0} × {1} px',
    unknown: 'No record of what made it.',
  };

  it('shows the picture, prompt, model, pixels and bytes, and command links with their arguments', () => {
    const md = imageHoverMarkdown({
      imageUri: 'file:///ws/docs/images/cat%20pic.png',
      width: 1024,
      height: 768,
      bytes: 1536,
      prompt: '水彩风格的猫',
      model: 'gemini-2.5-flash-image',
      actions: [
        {
          label: 'Edit with AI…',
          tooltip: 'Edit this image',
          command: 'geekaiImage.editLinkedImage',
          args: ['file:///ws/docs/post.md', 4],
        },
      ],
      words,
    });
    assert.equal(
      md,
      [
        '![](file:///ws/docs/images/cat%20pic.png|width=320)',
        '',
        // Escaped only where Markdown would read syntax: ids and sizes read as typed.
        '**Prompt:** 水彩风格的猫  ',
        '**Model:** gemini-2.5-flash-image  ',
        '1024 × 768 px · 1.5 KB',
        '',
        `[Edit with AI…](command:geekaiImage.editLinkedImage?${encodeURIComponent('["file:///ws/docs/post.md",4]')} "Edit this image")`,
      ].join('\n'),
    );
  });

  it('a prompt from a file never becomes a link, a command or HTML when rendered', () => {
    const evil =
      'nice [click](command:geekaiImage.regenerate?x) <img src=x onerror=alert(1)> https://evil.example `code` **bold**\n# heading';
    const md = imageHoverMarkdown({
      imageUri: 'file:///ws/a.png',
      bytes: 10,
      prompt: evil,
      model: 'm',
      actions: [],
      words,
    });
    const html = markdownIt({ html: false, linkify: true }).render(md);
    assert.doesNotMatch(html, /<a |<img src="x"|<code>|<strong>nice|<h1>/);
    assert.match(
      html,
      /nice \[click\]\(command:geekaiImage\.regenerate\?x\) &lt;img src=x onerror=alert\(1\)&gt; https:\/\/evil\.example `code` \*\*bold\*\* # heading/,
    );
  });

  it('says what the image cost under the model, as text (a cost read back from a file or the history cannot become a link)', () => {
    const md = imageHoverMarkdown({
      imageUri: 'file:///ws/a.png',
      bytes: 10,
      prompt: 'p',
      model: 'm',
      cost: '≈ ¥0.15',
      actions: [],
      words,
    });
    assert.ok(md.includes('**Model:** m  \n**Cost:** ≈ ¥0.15  \n'), md);
    const evil = imageHoverMarkdown({
      imageUri: 'file:///ws/a.png',
      bytes: 10,
      cost: '[¥0](command:x)',
      actions: [],
      words,
    });
    assert.doesNotMatch(markdownIt({ html: false, linkify: true }).render(evil), /<a /);
  });

  it('says when nothing is known, and draws small images at their own width', () => {
    const md = imageHoverMarkdown({
      imageUri: 'file:///ws/a.png',
      width: 64,
      height: 32,
      bytes: 900,
      actions: [],
      words,
    });
    assert.equal(
      md,
      ['![](file:///ws/a.png|width=64)', '', '*No record of what made it.*  ', '64 × 32 px · 900 B', ''].join('\n'),
    );
  });

  it('escapes the Markdown syntax in file-borne text, nothing more, and formats sizes', () => {
    assert.equal(shownText('a*b_c[d](e)<f>#g gpt-image-1.5', 'markdown'), 'a\\*b\\_c\\[d\\]\\(e)\\<f>#g gpt-image-1.5');
    assert.deepEqual(
      [formatBytes(0), formatBytes(1023), formatBytes(1024), formatBytes(5 * 1024 * 1024 + 1)],
      ['0 B', '1023 B', '1.0 KB', '5.0 MB'],
    );
  });
});
