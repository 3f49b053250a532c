// The sink for outside text (src/core/text/shownText.ts): examples per surface, then fast-check
// over arbitrary strings and generated link and markup shapes, judged by a model of what VS Code
// would render as more than text (test/support/linkable.ts). A failure prints its seed.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SHOWN_MAX, shownText } from '../../src/core/text/shownText';
import { markdownForms, plainForms, renderedParagraphs } from '../support/linkable';

const codePoints = (s: string): number => Array.from(s).length;

/** Pieces hostile text is made of: link, icon and autolink syntax, escapes, controls, bidi. */
const PIECES = [
  '[', ']', '(', ')', '](', '] (', '\\', '\\[', '\\]', '<', '>', '!', '#', '*', '_', '`', '~', '|', ':', '"', "'", '&', ';', '=',
  'command:', 'COMMAND:', 'file:', 'vscode:', 'vscode-insiders:', 'javascript:', 'https://', 'http://', 'www.', '@', 'mailto:',
  '$(', '$(loading~spin)', '[1]: ', '[x][1]', '&#91;', '&amp;', '<img src=x onerror=alert(1)>', '<a href="command:x">',
  '\n', '\r\n', '\r', '\t', '\u0000', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u202e', '\u2066', '\u200b', '\u200d', '\ufeff', '\u00ad',
  '\ud800', '\udfff', '😀', '👨‍👩‍👧', '画', ' ', '    ', 'x', 'OK', 'Retry now', 'workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%22%7D',
];
const hostile = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);
const limit = fc.oneof(fc.constant(undefined), fc.integer({ min: -5, max: 400 }));

describe('shownText (the sink for outside text)', () => {
  describe('plain surfaces (notifications, progress, quick picks, status bar, diagnostics)', () => {
    const cases: [string, string][] = [
      ['[Retry now](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)', '[Retry now] (command: workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)'],
      ['\\[OK\\](command:geekaiImage.clearApiKey)', '\\[OK\\] (command: geekaiImage.clearApiKey)'],
      ['[x](https://evil.example "title")', '[x] (https://evil.example "title")'],
      ['[x]\u200b(command:y)', '[x] (command: y)'],
      ['<command:x> <https://evil.example>', '< command: x> < https://evil.example>'],
      ['see file:///etc/passwd or vscode://ext/x', 'see file: ///etc/passwd or vscode: //ext/x'],
      ['$(loading~spin) busy', '$ (loading~spin) busy'],
      ['line one\nline two\r\n\tend', 'line one line two end'],
      ['abc\u202edcba\u2066x\u0000y\u001b[0m', 'abcdcbaxy[0m'],
      ['  spaced   out  ', 'spaced out'],
      ['profile:default, 60% done, gpt-4o-image', 'profile:default, 60% done, gpt-4o-image'],
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
      // A cut that would leave `command:` before the ellipsis keeps it defused.
      const cut = shownText(`${'a'.repeat(11)} command:x`, 'plain', 21);
      assert.deepEqual(plainForms(cut), [], cut);
      assert.ok(codePoints(cut) <= 21, cut);
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
    it('escapes every Markdown metacharacter so the text renders as itself', () => {
      const input = '\\[OK\\](command:x) [x][1] [1]: command:y <command:z> <b>hi</b> **b** _i_ `c` ~~s~~ # h | t | www.evil.example a@b.example &amp; $(icon)';
      const out = shownText(input, 'markdown', 1000);
      assert.deepEqual(markdownForms(out), []);
      assert.deepEqual(renderedParagraphs(out), [input]);
    });

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
          // Escaping at most doubles what is kept.
          assert.ok(codePoints(out) <= 2 * Math.max(8, max ?? SHOWN_MAX.markdown), `${codePoints(out)} code points`);
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('the output channel', () => {
    it('keeps a line one line: breaks shown as \\n, controls and bidi dropped, links left alone', () => {
      assert.equal(shownText('ok\n2025-01-01 [error] fake line\r\n\u202eevil\u001b[2J', 'log'), 'ok\\n2025-01-01 [error] fake line\\nevil[2J');
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
      fc.property(fc.anything(), fc.constantFrom<'plain' | 'markdown' | 'log'>('plain', 'markdown', 'log'), fc.double(), (value, surface, max) => {
        assert.equal(typeof shownText(value as string, surface, max), 'string');
      }),
      { numRuns: 500 },
    );
  });
});
