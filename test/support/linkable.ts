// What VS Code would make of a string beyond its plain text, modelled for tests, independently of
// shownText: the forms its plain-text renderers (notifications, progress, quick input, status bar)
// turn into links or icons, and what a MarkdownString renders as anything but text (markdown-it,
// a CommonMark renderer with GFM-style autolinks, stands in for VS Code's marked).

/** markdown-it (a devDependency; it ships no type declarations, so the part used is typed here). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
export const markdownIt = require('markdown-it') as (options?: object) => { render(src: string): string };

/** vs/base/common/linkedText.ts: what a notification, a progress message or an input prompt links. */
const VSCODE_LINKED_TEXT = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

/** Each form, with a name for the failure message. Broader than VS Code on purpose: any `](` counts. */
const PLAIN_FORMS: [string, RegExp][] = [
  ['a VS Code link [label](command:…|file:…|https://…)', VSCODE_LINKED_TEXT],
  ['a Markdown link opener "]("', /\]\(/],
  ['an icon $(name)', /\$\(/],
  ['an autolink <scheme:…>', /<[a-z][a-z0-9+.-]*:/i],
  ['a URI that runs or opens something', /(?<![a-z0-9+.-])(?:command|file|vscode(?:-[a-z]+)?|javascript|vbscript):\S/i],
  ['a control character', /\p{Cc}/u],
  ['an invisible format character (bidi override, zero-width…)', /(?![\u200c\u200d])\p{Cf}/u],
  ['a lone surrogate', /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/],
];

/** The forms in `text` a plain-text surface of VS Code would render as more than text. */
export function plainForms(text: string): string[] {
  return PLAIN_FORMS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

/** The forms in `markdown` a MarkdownString would render as more than one paragraph of text. */
export function markdownForms(markdown: string): string[] {
  const found: string[] = [];
  const html = markdownIt({ html: true, linkify: true }).render(markdown);
  const inner = /^<p>([\s\S]*)<\/p>\n$/.exec(html)?.[1];
  if (html !== '' && inner === undefined) found.push(`block markup: ${html.slice(0, 80)}`);
  if (/<(?!\/?p>)/.test(inner ?? '')) found.push(`inline markup: ${(inner ?? '').slice(0, 80)}`);
  for (const [name, re] of PLAIN_FORMS.slice(5)) if (re.test(markdown)) found.push(name);
  return found;
}

/** The text of each paragraph markdown-it renders, entities decoded. */
export function renderedParagraphs(markdown: string): string[] {
  const html = markdownIt().render(markdown);
  return [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}
