// The one sink for text from outside (a server, a model, a file, a setting) on its way to the
// screen. VS Code turns some text into links or markup on its own: `[x](command:…)` in a
// notification, a progress message or a quick input's prompt runs a command when clicked;
// `$(icon)` draws an icon in a quick pick or the status bar; a MarkdownString (a hover, a chat
// confirmation) renders links, images, HTML and emphasis. Outside text passes through
// `shownText` first, for the surface it is shown on, so none of that can happen.
// The ESLint rule `local/shown-text` (eslint/shownTextRule.mjs) finds a path that skips it.

/**
 * Where the text is shown:
 * - `plain`: notifications, progress messages, quick pick items and titles, input box prompts,
 *   the status bar, diagnostics, tree items: one line, links, icons and scheme URIs defused.
 * - `markdown`: inside a MarkdownString (hovers, chat tool confirmations): one line, every ASCII
 *   punctuation character escaped, so it renders as exactly the text and nothing else.
 * - `log`: the output channel: line breaks shown as `\n`, so a line cannot pass for another.
 */
export type Surface = 'plain' | 'markdown' | 'log';

/** Code points kept by default (the ellipsis included): a sentence's worth for the screen, more for the log. */
export const SHOWN_MAX: Record<Surface, number> = { plain: 300, markdown: 300, log: 8000 };

const MIN_MAX = 8;

// Control characters (C0, DEL, C1) and invisible format characters: bidi overrides and isolates
// (U+202A-202E, U+2066-2069), marks (U+200E/F, U+061C), zero-width space, BOM, soft hyphen, tags…
// ZWNJ and ZWJ (U+200C/D) stay: scripts and emoji sequences need them, and they cannot reorder text.
// Private-use characters go too (VS Code draws its icons with them).
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
const INVISIBLE = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Co}]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// What VS Code's plain-text renderers turn into something other than text:
// `[label](https://…|command:…|file:…)` (vs/base/common/linkedText), `$(icon)` (labels, status bar),
// an autolink `<scheme:…>`, and URIs of schemes that run or open things.
const LINK_OPEN = /\](?=\()/g;
const ICON_OPEN = /\$(?=\()/g;
const AUTOLINK_OPEN = /<(?=[a-z][a-z0-9+.-]*:)/gi;
const RISKY_SCHEME = /(?<![a-z0-9+.-])(command|file|vscode[a-z0-9+.-]*|javascript|vbscript):(?=\S)/gi;
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Never throws: a value that is not a string (it cannot be by type, but JSON lies) shows as empty. */
function asText(text: unknown): string {
  return typeof text === 'string' ? text : '';
}

function codePoints(text: string): string[] {
  return Array.from(text);
}

/** At most `max` code points, the last an ellipsis when something was cut. */
function cap(text: string, max: number): string {
  // A string of many megabytes is cut before it is split into code points.
  const head = text.length > max * 2 + 2 ? text.slice(0, max * 2 + 2) : text;
  const chars = codePoints(head);
  return chars.length <= max && head === text ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

function defuse(text: string): string {
  return text.replace(LINK_OPEN, '] ').replace(ICON_OPEN, '$ ').replace(AUTOLINK_OPEN, '< ').replace(RISKY_SCHEME, '$1: ');
}

/** One line of visible characters (the log keeps its line breaks as `\n`). */
function oneLine(text: string, surface: Surface): string {
  const breaks = surface === 'log' ? '\\n' : ' ';
  return text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(LINE_BREAK, breaks)
    .replace(/\t/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * `text` as it may be shown on `surface`: one line, no control or bidi characters, at most `max`
 * code points (markdown: before escaping), with nothing in it VS Code could render as a link, an
 * icon or markup. Plain and log output pass through again unchanged; markdown output is escaped,
 * so it goes through once.
 */
export function shownText(text: string, surface: Surface = 'plain', max: number = SHOWN_MAX[surface]): string {
  const limit = Math.max(MIN_MAX, Math.floor(Number.isFinite(max) ? max : SHOWN_MAX[surface]));
  const line = oneLine(asText(text), surface);
  switch (surface) {
    case 'markdown':
      return cap(line, limit).replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
    case 'log':
      return cap(line, limit);
    default: {
      const safe = defuse(line);
      // Room for the one space defusing may add where the cut meets the ellipsis (`command:…`).
      return codePoints(safe).length <= limit ? safe : defuse(cap(safe, limit - 1));
    }
  }
}
