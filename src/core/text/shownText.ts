// The one sink for text from outside (a server, a model, a file, a setting) on its way to the
// screen. VS Code turns some text into links or markup on its own, and each surface differently
// (read from VS Code 1.100's workbench): a notification, a progress notification and a quick
// input's prompt make a link of `[label](https://…|command:…|file:…)` and nothing else
// (vs/base/common/linkedText's parseLinkedText; the rest goes in as a DOM text node); quick picks,
// the status bar and input prompts draw `$(name)` as an icon; a MarkdownString renders links,
// autolinks (`https://…`, `www.…`, e-mail addresses), images, HTML and emphasis; and a chat tool's
// running message, a plain string, is appended to Markdown with MarkdownString.appendText, which
// escapes brackets and emphasis but not autolinks. Outside text passes through `shownText` first,
// for the surface it is shown on, and loses only what would make one of those, so it reads as it
// was written. The ESLint rule `local/shown-text` (eslint/shownTextRule.mjs) finds a path that skips it.

/**
 * Where the text is shown:
 * - `plain`: notifications, progress messages, quick pick items and titles, input box prompts,
 *   the status bar, diagnostics, tree items, modal dialogs: one line; a linked-text link and an
 *   icon are broken by a space (`[x] (command:y)`, `$ (icon)`).
 * - `markdown`: inside a MarkdownString (hovers, chat tool confirmations): one line, escaped with
 *   a backslash only where Markdown would read syntax, so `gpt-image-1.5` stays as it is.
 * - `chatText`: a chat tool's running message and progress (VS Code escapes brackets and emphasis
 *   itself): `plain`, with autolinks and tags broken by character references, which the chat
 *   renders as the characters they name.
 * - `log`: the output channel: line breaks shown as `\n`, so a line cannot pass for another.
 */
export type Surface = 'plain' | 'markdown' | 'chatText' | 'log';

/** Code points kept by default (the ellipsis included): a sentence's worth for the screen, more for the log. */
export const SHOWN_MAX: Record<Surface, number> = { plain: 300, markdown: 300, chatText: 300, log: 8000 };

const MIN_MAX = 8;

// Control characters (C0, DEL, C1) and invisible format characters: bidi overrides and isolates
// (U+202A-202E, U+2066-2069), marks (U+200E/F, U+061C), zero-width space, BOM, soft hyphen, tags…
// ZWNJ and ZWJ (U+200C/D) stay: scripts and emoji sequences need them, and they cannot reorder text.
// Private-use characters go too (VS Code draws its icons with them).
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
const INVISIBLE = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Co}]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// parseLinkedText's link is `\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^\)\s]+)…\)` (flags gi):
// a space between `]` and `(` is enough, and only where a target of those schemes follows.
const LINKED_TEXT_OPEN = /\]\((?=https?:\/\/|command:|file:)/gi;
// renderLabelWithIcons: `$(name)` or `$(name~modifier)`.
const ICON_OPEN = /\$\((?=[a-z0-9-]+(?:~[a-z]+)?\))/gi;

// marked's GFM autolinks (on in VS Code's renderer): `http://`, `https://`, `ftp://`, `www.`, and
// an e-mail address; each is broken at the one character that starts it.
const AUTOLINK_COLON = /(?<=(?:https?|ftp))(:)(?=\/\/)/gi;
const AUTOLINK_WWW_DOT = /(?<=www)(\.)/gi;
const AUTOLINK_AT = /(?<=[a-z0-9._+-])(@)(?=[a-z0-9_-])/gi;
const ENTITY_LIKE = /&(?=#\d|#x[0-9a-f]|[a-z][a-z0-9]*;)/gi;

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
  return chars.length <= max && head === text
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * What VS Code's plain-text renderers would draw as a link or an icon, broken by a space; nothing
 * else changes. Safe on a whole message whose parts went through shownText already (the Ui port
 * runs it once more, so two parts side by side cannot make a link between them).
 */
export function defusePlain(text: string): string {
  return text.replace(LINKED_TEXT_OPEN, '] (').replace(ICON_OPEN, '$ (');
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

/** Plain text, bounded (defusing after the cut, which may leave a `](command:` before the ellipsis). */
function plain(line: string, limit: number): string {
  const safe = defusePlain(cap(defusePlain(line), limit));
  // The one space defusing may add where the cut meets the ellipsis needs a character of room.
  return codePoints(safe).length <= limit ? safe : defusePlain(cap(defusePlain(line), limit - 1));
}

// A backslash wherever CommonMark/GFM (marked, VS Code's renderer) could read syntax in one line
// placed inside a paragraph, and nowhere else: `\` itself, code spans, emphasis, strikethrough,
// link and image brackets, table cells, HTML and `<…>` autolinks; `(` right after `]`, `!` right
// before `[`, `$(` (an icon where theme icons are on), `&` of a character reference; the one
// character that starts an autolink; a block marker at the start.
const MD_ALWAYS = /[\\`*_~[\]|<]/;
// At the start of a line: a heading (`# `), a quote (`>`), a list item (`- `, `+ `, `1. `, `1) `),
// a setext underline or a rule (a line of `=` or `-` only). `#3`, `-x`, `127.0.0.1` start nothing.
const MD_LEADING = /^(?:#{1,6}(?= |$)|>|[-+](?= |$)|[=-]+ *$|\d{1,9}(?=[.)](?: |$)))/;

function escapeMarkdown(line: string): string {
  const marked = line
    .replace(/(?<=\])\(|!(?=\[)|\$(?=\()|&(?=#\d|#x[0-9a-f]|[a-z][a-z0-9]*;)/gi, (c) => `\uE000${c}`)
    .replace(AUTOLINK_COLON, '\uE000:')
    .replace(AUTOLINK_WWW_DOT, '\uE000.')
    .replace(AUTOLINK_AT, '\uE000@');
  let out = '';
  for (const c of marked) out += MD_ALWAYS.test(c) ? `\\${c}` : c;
  out = out.replace(/\uE000/g, '\\');
  const lead = MD_LEADING.exec(out);
  if (!lead) return out;
  // `1. ` and `1) ` are escaped at their `.` or `)`; the others at their first character.
  const at = /\d/.test(lead[0]) ? lead[0].length : 0;
  return `${out.slice(0, at)}\\${out.slice(at)}`;
}

/** Plain text as a chat appends it to Markdown: autolinks, tags and references broken by references. */
function chatText(line: string, limit: number): string {
  return plain(line, limit)
    .replace(ENTITY_LIKE, '&amp;')
    .replace(/<(?=[a-z/!?])/gi, '&lt;')
    .replace(AUTOLINK_COLON, '&colon;')
    .replace(AUTOLINK_WWW_DOT, '&period;')
    .replace(AUTOLINK_AT, '&commat;');
}

/**
 * `text` as it may be shown on `surface`: one line, no control or bidi characters, at most `max`
 * code points (markdown and chatText: before escaping), with nothing in it VS Code could render as
 * a link, an icon or markup. Plain and log output pass through again unchanged; markdown and
 * chatText output are escaped, so they go through once.
 */
export function shownText(text: string, surface: Surface = 'plain', max: number = SHOWN_MAX[surface]): string {
  const limit = Math.max(MIN_MAX, Math.floor(Number.isFinite(max) ? max : SHOWN_MAX[surface]));
  const line = oneLine(asText(text), surface);
  switch (surface) {
    case 'markdown':
      return escapeMarkdown(cap(line, limit));
    case 'chatText':
      return chatText(line, limit);
    case 'log':
      return cap(line, limit);
    default:
      return plain(line, limit);
  }
}
