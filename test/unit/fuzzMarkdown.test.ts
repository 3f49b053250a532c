// Property-based fuzzing of the Markdown that comes from files and models and goes back into
// documents: image links found with exact spans, alt text and link paths written so that they
// read back as the same text and path (never a second link, never markup), placeholders and
// their options, links re-pointed at new files, and the hover built from file-borne words.
// Documents are built from links with nested brackets, escapes, titles, code and CJK, mixed with
// raw random text. fc.assert prints the seed and the shrunk case of a failure.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { isValidModelId } from '../../src/core/catalog';
import { hasImageExtension } from '../../src/core/imageType';
import { findImageLinks, localTargetPath, type ImageLink } from '../../src/core/text/imageLinks';
import { imageHoverMarkdown } from '../../src/core/text/imageHover';
import { linkedImagePath, retargetTo } from '../../src/core/text/linkedImage';
import { shownText } from '../../src/core/text/shownText';
import { altText, encodeLinkPath } from '../../src/core/text/markdown';
import {
  ASPECT_RATIO_PATTERN,
  findPlaceholderAgain,
  findPlaceholders,
  parsePlaceholderTarget,
} from '../../src/core/text/placeholders';
import { anyText, hostileText, params, rawText, timed } from '../support/fuzz';
import { markedAutolink } from '../support/linkable';

const posix = path.posix;

interface MdToken {
  type: string;
  tag: string;
  content: string;
  children: MdToken[] | null;
  attrGet(name: string): string | null;
}

interface MarkdownIt {
  parse(src: string, env: object): MdToken[];
  render(src: string): string;
  linkify: { set(options: object): void };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- markdown-it ships no type declarations; the part used is typed above
const markdownIt = (require('markdown-it') as (options?: object) => MarkdownIt)({ html: true, linkify: true });
// As VS Code's marked: no link of a bare domain (`draw.io`); its `www.` and e-mail autolinks are
// checked on the source by markedAutolink (test/support/linkable.ts) where a hover is judged.
markdownIt.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

/**
 * Every token markdown-it (VS Code's preview parser, with linkify on) makes of `src`, except
 * those inside an image's alt text: they are rendered as the alt attribute's plain text.
 */
function inlineTokens(src: string): MdToken[] {
  const walk = (ts: readonly MdToken[]): MdToken[] =>
    ts.flatMap((t) => [t, ...(t.type === 'image' ? [] : walk(t.children ?? []))]);
  return walk(markdownIt.parse(src, {}));
}

/** The `<tag` names in markdown-it's HTML for `src`. */
function htmlTags(src: string): string[] {
  return [...markdownIt.render(src).matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1]);
}

const graphemes = (s: string): string[] =>
  [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

/** What altText promises to keep of `t`: one line, whitespace collapsed, trimmed. */
const oneLine = (t: string): string =>
  t
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();

/** A file or folder name: hostile characters but no `/`, no lone surrogate (a file name holds none). */
const segment = hostileText(8)
  .map((s) => s.replace(/\//g, '').replace(/[\ud800-\udfff]/g, ''))
  .filter((s) => s.length > 0);
const relativePath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

/** A Markdown image link as people and tools write them: raw or `<...>` targets, titles, nested brackets, escapes. */
const imageLinkSource = fc
  .record({
    alt: fc.oneof(
      hostileText(12).map((s) => s.replace(/[[\]\n\r]/g, '')),
      fc.constantFrom('a [nested] b', 'x \\] y', '风筝 ![inner](i.png)', '`code]`', ''),
    ),
    target: fc.oneof(
      fc.constantFrom(
        'a.png',
        'img/猫 (1).png',
        '../b.jpg',
        'https://example.com/c.webp',
        'geekai:16:9',
        '%E7%8C%AB.png',
        'x_(1).gif',
      ),
      relativePath,
    ),
    angle: fc.boolean(),
    title: fc.option(fc.constantFrom('"t"', "'it''s'", '(p)', '"a \\" b"', '""'), { nil: undefined }),
  })
  .map(({ alt, target, angle, title }) => {
    const dest = angle ? `<${target.replace(/[<>\\\n\r]/g, '')}>` : target.replace(/[\s()<>\\]/g, '') || 'x.png';
    return `![${alt}](${dest}${title ? ` ${title}` : ''})`;
  });

/** Documents: links, prose, code spans and fences, headings, lists, CJK and raw noise. */
const document = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: imageLinkSource },
      { weight: 3, arbitrary: hostileText(20) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '\n\n',
          '\n',
          '`![c](d.png)`',
          '```\n![e](f.png)\n```\n',
          '# ',
          '- ',
          '> ',
          '[link](g.png)',
          '\\![h](i.png)',
          '<!-- ![j](k.png) -->',
        ),
      },
      { weight: 1, arbitrary: rawText(30) },
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

function checkSpans(text: string, l: ImageLink): void {
  assert.ok(0 <= l.span.start && l.span.start < l.span.end && l.span.end <= text.length, 'span inside the text');
  assert.ok(
    l.span.start <= l.altSpan.start && l.altSpan.start <= l.altSpan.end && l.altSpan.end <= l.span.end,
    'alt inside the link',
  );
  assert.ok(l.span.start <= l.targetSpan.start && l.targetSpan.end <= l.span.end, 'target inside the link');
  assert.equal(text.slice(l.altSpan.start, l.altSpan.end), l.altSource);
  assert.equal(text.slice(l.targetSpan.start, l.targetSpan.end), l.targetSource);
  assert.ok(text.startsWith('![', l.span.start) && text[l.span.end - 1] === ')', 'from `![` to `)`');
}

describe('fuzz: Markdown image links, alt text, link paths, placeholders, hover', () => {
  it('findImageLinks never throws, ends in bounded time, and every span it gives is exact', () => {
    fc.assert(
      fc.property(fc.oneof(document, anyText(200)), (text) => {
        const links = timed(() => findImageLinks(text));
        for (const l of links) checkSpans(text, l);
        for (let i = 1; i < links.length; i++)
          assert.ok(links[i - 1].span.start <= links[i].span.start, 'in document order');
      }),
      params(),
    );
  });

  it('altText: any prompt becomes exactly one image whose alt reads back as the same one-line text (capped), never a link or markup', () => {
    fc.assert(
      fc.property(anyText(60), (prompt) => {
        const alt = timed(() => altText(prompt));
        assert.ok(!/[\p{Cc}\n\r]/u.test(alt), 'one line, no control characters');
        const md = `![${alt}](x.png)`;
        const links = findImageLinks(md);
        assert.equal(links.length, 1, `one image in ${JSON.stringify(md)}`);
        assert.deepEqual(links[0].span, { start: 0, end: md.length });
        assert.equal(links[0].target, 'x.png');
        const want = oneLine(prompt);
        const read = links[0].alt;
        assert.ok(graphemes(read).length <= 100, 'at most 100 characters');
        if (graphemes(want).length <= 100) assert.equal(read, want);
        else
          assert.ok(
            read.endsWith('…') && want.startsWith(read.slice(0, -1)),
            `cut, not changed: ${JSON.stringify(read)}`,
          );
        // As VS Code's preview reads it (linkify on): one image, no link, no HTML.
        const tokens = inlineTokens(md);
        assert.deepEqual(
          tokens.filter((t) => t.type === 'image').map((t) => t.attrGet('src')),
          ['x.png'],
        );
        assert.deepEqual(
          tokens.filter((t) => /link|html/.test(t.type)).map((t) => t.type),
          [],
        );
        assert.deepEqual(htmlTags(md), ['p', 'img']);
      }),
      params(),
    );
  });

  it('encodeLinkPath: any relative path becomes one link target that reads back as the same file, with nothing that ends the link', () => {
    fc.assert(
      fc.property(relativePath, (rel) => {
        const encoded = timed(() => encodeLinkPath(rel));
        assert.ok(!/[\s()<>\\[\]]/u.test(encoded), `link-safe: ${encoded}`);
        const md = `![a](${encoded})`;
        const links = findImageLinks(md);
        assert.equal(links.length, 1, md);
        assert.deepEqual(links[0].span, { start: 0, end: md.length });
        const back = localTargetPath(links[0].target);
        assert.ok(back !== undefined, `read as a local path: ${links[0].target}`);
        assert.equal(posix.normalize(back), posix.normalize(rel));
        const tokens = inlineTokens(md);
        assert.equal(tokens.filter((t) => t.type === 'image').length, 1);
        assert.deepEqual(
          tokens.filter((t) => /link|html/.test(t.type)).map((t) => t.type),
          [],
        );
      }),
      params(),
    );
  });

  it('retargetTo: re-pointing any link of any document at any new file keeps every other link, its alt and title, and names that file', () => {
    fc.assert(
      fc.property(document, fc.nat(), relativePath, (text, pick, rel) => {
        const links = findImageLinks(text);
        fc.pre(links.length > 0);
        const link = links[pick % links.length];
        const newFile = posix.join('/ws/docs', rel);
        const edit = timed(() => retargetTo(link, '/ws/docs/post.md', newFile));
        const after = text.slice(0, edit.span.start) + edit.text + text.slice(edit.span.end);
        const again = findImageLinks(after);
        assert.equal(again.length, links.length, `the same number of links in ${JSON.stringify(after)}`);
        const moved = again.find((l) => l.span.start === link.span.start);
        assert.ok(moved, 'the link is where it was');
        assert.equal(moved.alt, link.alt);
        assert.equal(moved.title, link.title);
        assert.equal(
          linkedImagePath(moved, '/ws/docs/post.md', '/ws'),
          hasImageExtension(newFile) ? posix.normalize(newFile) : undefined,
        );
        // Every other link reads as before (shifted by the edit's change in length).
        const shift = edit.text.length - (edit.span.end - edit.span.start);
        for (const l of links) {
          // A link holding the edited one (an image in its alt text) changes with it.
          if (l === link || (l.span.start <= edit.span.start && edit.span.end <= l.span.end)) continue;
          const start = l.span.start >= edit.span.end ? l.span.start + shift : l.span.start;
          const same = again.find((x) => x.span.start === start);
          assert.ok(
            same && same.target === l.target && same.alt === l.alt,
            `another link kept: ${text.slice(l.span.start, l.span.end)}`,
          );
        }
      }),
      params(),
    );
  });

  it('placeholders: any document parses without throwing; options are valid, problems short, prompts one line', () => {
    fc.assert(
      fc.property(fc.oneof(document, anyText(120), placeholderDoc()), (text) => {
        const found = timed(() => findPlaceholders(text));
        for (const p of found) {
          assert.ok(!/[\n\r]/.test(p.prompt) && p.prompt === p.prompt.trim());
          if (p.options.aspectRatio !== undefined) assert.match(p.options.aspectRatio, ASPECT_RATIO_PATTERN);
          if (p.options.model !== undefined) assert.ok(isValidModelId(p.options.model), p.options.model);
          if (p.options.imageSize !== undefined) assert.ok(['1K', '2K', '4K'].includes(p.options.imageSize));
          for (const pr of p.problems) assert.ok(pr.value.length <= 60, 'a problem quotes at most 60 characters');
          assert.equal(
            findPlaceholderAgain(text, p, text)?.link.span.start,
            p.link.span.start,
            'found again where it is',
          );
        }
      }),
      params(),
    );
  });

  it('a placeholder written with altText and any ratio/model/size reads back as that prompt and those options', () => {
    fc.assert(
      fc.property(
        anyText(40),
        fc.option(ratioArb(), { nil: undefined }),
        fc.option(fc.constantFrom('gpt-4o-image', 'gemini-2.5-flash-image', 'a/b:c.d_e-f'), { nil: undefined }),
        fc.option(fc.constantFrom('1K', '2k', '4K'), { nil: undefined }),
        (prompt, ratio, model, size) => {
          const want = oneLine(prompt);
          fc.pre(want !== '' && graphemes(want).length <= 100);
          const query = [model && `model=${encodeURIComponent(model)}`, size && `size=${size}`]
            .filter(Boolean)
            .join('&');
          const md = `![${altText(prompt)}](geekai:${ratio ?? ''}${query ? `?${query}` : ''})`;
          const [p, ...more] = timed(() => findPlaceholders(md));
          assert.equal(more.length, 0);
          assert.equal(p?.prompt, want);
          assert.deepEqual(p.problems, []);
          assert.deepEqual(p.options, {
            ...(ratio ? { aspectRatio: ratio } : {}),
            ...(model ? { model } : {}),
            ...(size ? { imageSize: size.toUpperCase() } : {}),
          });
        },
      ),
      params(),
    );
  });

  it('parsePlaceholderTarget: any target is a placeholder or not, never a throw; problems quote at most 60 characters', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText(80).map((s) => `geekai:${s}`),
          anyText(80),
        ),
        (target) => {
          const parsed = timed(() => parsePlaceholderTarget(target));
          if (!parsed) return;
          for (const pr of parsed.problems) assert.ok(pr.value.length <= 60);
        },
      ),
      params(),
    );
  });

  it('linkedImagePath: any target gives an absolute path or nothing, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(60), relativePath), (target) => {
        const p = timed(() => linkedImagePath({ target }, '/ws/docs/post.md', '/ws'));
        if (p !== undefined) assert.ok(p.startsWith('/'), p);
      }),
      params(),
    );
  });

  it('the hover over an image: prompts and model ids from a file never become a link, an image or HTML; only its own command links do', () => {
    fc.assert(
      fc.property(anyText(80), anyText(30), (prompt, model) => {
        const md = timed(() =>
          imageHoverMarkdown({
            imageUri: 'https://file+.vscode-resource.vscode-cdn.net/ws/a%20b.png',
            width: 640,
            height: 480,
            bytes: 2048,
            prompt,
            model,
            actions: [
              {
                label: 'Regenerate',
                tooltip: 'Make it again',
                command: 'geekaiImage.regenerate',
                args: [{ path: '/ws/a b.png' }],
              },
              { label: 'Edit…', tooltip: 'Edit it', command: 'geekaiImage.editLinkedImage', args: [] },
            ],
            words: { prompt: 'Prompt:', model: 'Model:', cost: 'Cost:', pixels: '{0} × {1} px', unknown: 'Unknown' },
          }),
        );
        const tokens = inlineTokens(md);
        assert.deepEqual(
          tokens.filter((t) => t.type === 'image').map((t) => t.attrGet('src')),
          ['https://file+.vscode-resource.vscode-cdn.net/ws/a%20b.png%7Cwidth=320'],
        );
        const links = tokens.filter((t) => t.type === 'link_open').map((t) => t.attrGet('href') ?? '');
        assert.equal(links.length, 2, `only the two command links: ${JSON.stringify(links)}`);
        for (const href of links) assert.match(href, /^command:geekaiImage\.(regenerate|editLinkedImage)\?/);
        assert.deepEqual(
          tokens.filter((t) => t.type.startsWith('html')).map((t) => t.content),
          [],
        );
        // Below the picture (whose own address marked reads as a link, not an autolink).
        assert.equal(
          markedAutolink(md.split('\n').slice(1).join('\n')),
          undefined,
          'no bare URL or e-mail address VS Code would link',
        );
        assert.ok(!/[\n\r]/.test(shownText(prompt, 'markdown')));
      }),
      params(),
    );
  });
});

function ratioArb(): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 })).map(([w, h]) => `${w}:${h}`);
}

/** Documents of placeholders with options right and wrong. */
function placeholderDoc(): fc.Arbitrary<string> {
  const target = fc.oneof(
    fc.constantFrom(
      'geekai:',
      'GEEKAI:16:9',
      'geekai:wide',
      'geekai:?ratio=3:2&model=gpt-4o-image&size=2k',
      'geekai:?size=8K',
      'geekai:?foo=bar',
      'geekai:%31%36:9',
      'geekai:?model=a%20b',
      'geekai:16:9?ratio=1:1',
    ),
    hostileText(20).map((s) => `geekai:${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}`),
    hostileText(20).map((s) => `geekai:?${s.replace(/[\s()<>]/g, '')}`),
  );
  return fc
    .array(fc.tuple(hostileText(10), target), { maxLength: 6 })
    .map((items) =>
      items.map(([alt, t]) => `![${alt.replace(/[[\]\n]/g, '')}](${t.replace(/[\s()<>]/g, '')})`).join('\n\n'),
    );
}
