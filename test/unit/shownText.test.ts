// The sink for outside text (src/core/text/shownText.ts): examples per surface, then fast-check
// over arbitrary strings and generated link and markup shapes, judged by a model of what VS Code
// would render as more than text (test/support/linkable.ts). A failure prints its seed.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SHOWN_MAX, shownText } from '../../src/core/text/shownText';
import { appendText, markdownForms, plainForms, renderedParagraphs } from '../support/linkable';

const codePoints = (s: string): number => Array.from(s).length;

/** Pieces hostile text is made of: link, icon and autolink syntax, escapes, controls, bidi. */
const PIECES = [
  '[',
  ']',
  '(',
  ')',
  '](',
  '] (',
  '\\',
  '\\[',
  '\\]',
  '<',
  '>',
  '!',
  '#',
  '*',
  '_',
  '`',
  '~',
  '|',
  ':',
  '"',
  "'",
  '&',
  ';',
  '=',
  'command:',
  'COMMAND:',
  'file:',
  'vscode:',
  'vscode-insiders:',
  'javascript:',
  'https://',
  'http://',
  'www.',
  '@',
  'mailto:',
  '$(',
  '$(loading~spin)',
  '[1]: ',
  '[x][1]',
  '&#91;',
  '&amp;',
  '<img src=x onerror=alert(1)>',
  '<a href="command:x">',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u0000',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u202e',
  '\u2066',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u00ad',
  '\ud800',
  '\udfff',
  '😀',
  '👨‍👩‍👧',
  '画',
  ' ',
  '    ',
  'x',
  'OK',
  'Retry now',
  'workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%22%7D',
];
const hostile = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 40 })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);
const limit = fc.oneof(fc.constant(undefined), fc.integer({ min: -5, max: 400 }));

describe('shownText (the sink for outside text)', () => {
  describe('plain surfaces (notifications, progress, quick picks, status bar, diagnostics)', () => {
    const cases: [string, string][] = [
      [
        '[Retry now](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
        '[Retry now] (command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
      ],
      ['\\[OK\\](command:geekaiImage.clearApiKey)', '\\[OK\\] (command:geekaiImage.clearApiKey)'],
      [
        '[x](https://evil.example "title") [y](HTTP://evil.example) [z](File:///etc/passwd)',
        '[x] (https://evil.example "title") [y] (HTTP://evil.example) [z] (File:///etc/passwd)',
      ],
      ['[x]\u200b(command:y)', '[x] (command:y)'],
      ['[x]\n(command:y)', '[x] (command:y)'],
      // What parseLinkedText does not link stays as it was written.
      [
        'see ![alt](path) and [x](geekai:16:9) or [y](vscode:x)',
        'see ![alt](path) and [x](geekai:16:9) or [y](vscode:x)',
      ],
      [
        '<command:x> <https://evil.example> file:///etc/passwd javascript:alert(1) https://geekai.dev/docs',
        '<command:x> <https://evil.example> file:///etc/passwd javascript:alert(1) https://geekai.dev/docs',
      ],
      ['$(loading~spin) busy $(x y) $( $(pwd)', '$ (loading~spin) busy $(x y) $( $ (pwd)'],
      ['line one\nline two\r\n\tend', 'line one line two end'],
      ['abc\u202edcba\u2066x\u0000y\u001b[0m', 'abcdcbaxy[0m'],
      ['  spaced   out  ', 'spaced out'],
      ['profile:default, 60% done, gpt-image-1.5', 'profile:default, 60% done, gpt-image-1.5'],
      ['<b>bold</b> *em* `code` 画一只猫 😀', '<b>bold</b> *em* `code` 画一只猫 😀'],
    ];
    for (const [input, expected] of cases) {
      it(`shows ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
        const out = shownText(input);
        assert.equal(out, expected);
        assert.deepEqual(plainForms(out), []);
      });
    }

    it('cuts long text at the limit with an ellipsis, never inside a surrogate pair', () => {
      assert.equal(shownText('x'.repeat(500)), `${'x'.repeat(SHOWN_MAX.plain - 1)}…`);
      assert.equal(shownText('😀'.repeat(20), 'plain', 10), `${'😀'.repeat(9)}…`);
      assert.equal(shownText('abcdefghij', 'plain', 10), 'abcdefghij');
      // A cut through a link keeps it defused, and within the limit.
      for (let max = 8; max <= 30; max++) {
        const cut = shownText(`${'a'.repeat(10)}[x](command:y)`, 'plain', max);
        assert.doesNotMatch(cut, /\]\(c/, cut);
        assert.ok(codePoints(cut) <= max, cut);
      }
      assert.equal(shownText(`${'a'.repeat(10)}[x](command:y)`, 'plain', 21), 'aaaaaaaaaa[x] (comma…');
      assert.equal(shownText('y'.repeat(5_000_000)).length, SHOWN_MAX.plain);
    });

    it('fuzz: no linkable form, bounded, one line, and a second pass changes nothing', () => {
      fc.assert(
        fc.property(hostile, limit, (text, max) => {
          const out = shownText(text, 'plain', max);
          assert.deepEqual(plainForms(out), [], JSON.stringify(out));
          assert.ok(codePoints(out) <= Math.max(8, max ?? SHOWN_MAX.plain), `${codePoints(out)} code points`);
          assert.equal(shownText(out, 'plain', max), out, 'idempotent');
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('MarkdownString surfaces (hovers, chat tool confirmations)', () => {
    const cases: [string, string][] = [
      // Model ids, file names and sentences read as typed: no escape where Markdown sees no syntax.
      ['gpt-image-1.5', 'gpt-image-1.5'],
      ['gemini-2.5-flash-image', 'gemini-2.5-flash-image'],
      ['a/b:c.d_e-f', 'a/b:c.d\\_e-f'],
      [
        'images/cat (1).png, 60% done. "Quoted" {braces} #3 + 4 = 7!',
        'images/cat (1).png, 60% done. "Quoted" {braces} #3 + 4 = 7!',
      ],
      // What could be a link, an autolink, HTML, an image, emphasis or code.
      ['[OK](command:x)', '\\[OK\\]\\(command:x)'],
      ['\\[OK\\](command:x)', '\\\\\\[OK\\\\\\]\\(command:x)'],
      ['![i](https://evil.example/x.png)', '\\!\\[i\\]\\(https\\://evil.example/x.png)'],
      [
        'see https://evil.example or HTTP://x.example or ftp://y.example',
        'see https\\://evil.example or HTTP\\://x.example or ftp\\://y.example',
      ],
      ['www.evil.example and WWW.x.example', 'www\\.evil.example and WWW\\.x.example'],
      ['mail a.b+c@evil.example', 'mail a.b+c\\@evil.example'],
      ['<command:x> <b>hi</b>', '\\<command:x> \\<b>hi\\</b>'],
      ['**b** _i_ `c` ~~s~~ a|b', '\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\~\\~s\\~\\~ a\\|b'],
      ['&amp; &#91; &#x5b; & so on', '\\&amp; \\&#91; \\&#x5b; & so on'],
      ['$(icon) costs $5 (or $(6))', '\\$(icon) costs $5 (or \\$(6))'],
      // A block marker counts at the start only, and only as CommonMark reads one.
      ['# not a heading', '\\# not a heading'],
      ['###### not a heading', '\\###### not a heading'],
      ['#3 is', '#3 is'],
      ['> not a quote', '\\> not a quote'],
      ['- not a list', '\\- not a list'],
      ['-x', '-x'],
      ['+ not a list', '\\+ not a list'],
      ['2025. not a list', '2025\\. not a list'],
      ['1) not a list', '1\\) not a list'],
      ['127.0.0.1:8080', '127.0.0.1:8080'],
      ['===', '\\==='],
      ['=== not a heading', '=== not a heading'],
      ['---', '\\---'],
      ['- - -', '\\- - -'],
      ['--- not a rule', '--- not a rule'],
    ];
    for (const [input, expected] of cases) {
      it(`writes ${JSON.stringify(input)} as ${JSON.stringify(expected)}, which renders as the input`, () => {
        const out = shownText(input, 'markdown');
        assert.equal(out, expected);
        assert.deepEqual(markdownForms(out), []);
        assert.deepEqual(renderedParagraphs(out), [input]);
      });
    }

    it('keeps a reference definition on another line from making a link', () => {
      const out = shownText('see [docs][1]\n\n[1]: command:workbench.action.terminal.sendSequence', 'markdown');
      assert.deepEqual(markdownForms(out), []);
      assert.deepEqual(renderedParagraphs(out), ['see [docs][1] [1]: command:workbench.action.terminal.sendSequence']);
    });

    it('fuzz: renders as one paragraph of its own text, nothing else, bounded', () => {
      fc.assert(
        fc.property(hostile, limit, (text, max) => {
          const out = shownText(text, 'markdown', max);
          assert.deepEqual(markdownForms(out), [], JSON.stringify(out));
          // What is shown is the one line kept (the log's, line breaks as spaces), escapes undone.
          const kept = shownText(text.replace(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/g, ' '), 'log', max);
          // Compared with white space as the renderer folds it (a no-break or ideographic space may come out as a plain one).
          const fold = (t: string): string => t.replace(/\s+/gu, ' ').trim();
          if (fold(kept) !== '') assert.deepEqual(renderedParagraphs(out).map(fold), [fold(kept)], JSON.stringify(out));
          // Escaping at most doubles what is kept.
          assert.ok(codePoints(out) <= 2 * Math.max(8, max ?? SHOWN_MAX.markdown), `${codePoints(out)} code points`);
        }),
        { numRuns: 1000, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
      );
    });
  });

  describe("a chat tool's running message (a string chat appends to Markdown as text)", () => {
    const cases: [string, string][] = [
      ['Drawing with gpt-image-1.5…', 'Drawing with gpt-image-1.5…'],
      ['[Retry now](command:x)', '[Retry now] (command:x)'],
      [
        'see https://evil.example, www.evil.example or a@evil.example',
        'see https&colon;//evil.example, www&period;evil.example or a&commat;evil.example',
      ],
      ['<img src=x> a < b', '&lt;img src=x> a < b'],
      ['&amp; & more', '&amp;amp; & more'],
    ];
    for (const [input, expected] of cases) {
      it(`writes ${JSON.stringify(input)} as ${JSON.stringify(expected)}, which the chat shows as plain text`, () => {
        const out = shownText(input, 'chatText');
        assert.equal(out, expected);
        const md = appendText(out);
        assert.deepEqual(markdownForms(md), [], md);
        assert.deepEqual(renderedParagraphs(md), [shownText(input)]);
      });
    }

    it('fuzz: what the chat renders is the plain text, with no link or markup', () => {
      fc.assert(
        fc.property(hostile, limit, (text, max) => {
          const md = appendText(shownText(text, 'chatText', max));
          assert.deepEqual(markdownForms(md), [], JSON.stringify(md));
          const shown = shownText(text, 'plain', max);
          // (appendText writes spaces as &nbsp;, which the model reads back as spaces: so is a no-break space.)
          if (shown !== '')
            assert.deepEqual(renderedParagraphs(md), [shown.replace(/\u00a0/g, ' ')], JSON.stringify(md));
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('the output channel', () => {
    it('keeps a line one line: breaks shown as \\n, controls and bidi dropped, links left alone', () => {
      assert.equal(
        shownText('ok\n2025-01-01 [error] fake line\r\n\u202eevil\u001b[2J', 'log'),
        'ok\\n2025-01-01 [error] fake line\\nevil[2J',
      );
      assert.equal(shownText('[x](command:y)', 'log'), '[x](command:y)');
    });

    it('fuzz: never a line break or control character, bounded', () => {
      fc.assert(
        fc.property(hostile, limit, (text, max) => {
          const out = shownText(text, 'log', max);
          assert.doesNotMatch(out, /[\p{Cc}\u2028\u2029]/u);
          assert.ok(codePoints(out) <= Math.max(8, max ?? SHOWN_MAX.log));
        }),
        { numRuns: 1000 },
      );
    });
  });

  it('never throws, whatever it is handed (JSON can put anything where a string was expected)', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.constantFrom<'plain' | 'markdown' | 'chatText' | 'log'>('plain', 'markdown', 'chatText', 'log'),
        fc.double(),
        (value, surface, max) => {
          assert.equal(typeof shownText(value as string, surface, max), 'string');
        },
      ),
      { numRuns: 500 },
    );
  });
});
