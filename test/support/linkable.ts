// What VS Code would make of a string beyond its plain text, modelled for tests, independently of
// shownText: the forms its plain-text renderers (notifications, progress, quick input, status bar)
// turn into links or icons, and what a MarkdownString renders as anything but text. markdown-it
// (CommonMark, HTML on, links with a scheme) stands in for VS Code's marked, and marked's own GFM
// autolink rule (bare `https://`, `www.`, e-mail addresses), as VS Code 1.100 ships it, is matched
// on the Markdown source, where an escape or a character reference breaks it as it does in marked.

/** markdown-it (a devDependency; it ships no type declarations, so the part used is typed here). */
interface MarkdownIt {
  render(src: string): string;
  linkify: { set(options: object): void };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const markdownItFactory = require('markdown-it') as (options?: object) => MarkdownIt;

export function markdownIt(options?: object): MarkdownIt {
  const md = markdownItFactory(options);
  // marked links no bare domain (`draw.io`); its autolinks are MARKED_AUTOLINK below.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  return md;
}

/** vs/base/common/linkedText.ts: what a notification, a progress message or an input prompt links. */
const VSCODE_LINKED_TEXT = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
/** vs/base/common/iconLabels.ts: what a quick pick, the status bar or an input prompt draws as an icon. */
const VSCODE_ICON = /\$\(([a-z0-9-]+(?:~[a-z]+)?)\)/i;
/** marked's inline `url` rule with GFM (`gfm: true` in VS Code's renderer), the e-mail part included. */
const MARKED_AUTOLINK =
  /(?:(?:ftp|https?):\/\/|www\.)(?:[a-zA-Z0-9-]+\.?)+|[A-Za-z0-9._+-]+@[a-zA-Z0-9-_]+(?:\.[a-zA-Z0-9-_]*[a-zA-Z0-9])+(?![-_])/i;

/** Each form, with a name for the failure message. */
const PLAIN_FORMS: [string, RegExp][] = [
  ['a VS Code link [label](command:…|file:…|https://…)', VSCODE_LINKED_TEXT],
  ['an icon $(name)', VSCODE_ICON],
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
  const autolink = markedAutolink(markdown);
  if (autolink !== undefined) found.push(`an autolink: ${autolink}`);
  if (VSCODE_ICON.test(markdown.replace(/\\\$/g, ''))) found.push('an icon $(name) (with theme icons on)');
  for (const [name, re] of PLAIN_FORMS.slice(2)) if (re.test(markdown)) found.push(name);
  return found;
}

/** The first bare URL or e-mail address marked (VS Code's Markdown renderer) would link in `markdown`. */
export function markedAutolink(markdown: string): string | undefined {
  return MARKED_AUTOLINK.exec(markdown)?.[0];
}

/** The text of each paragraph markdown-it renders, entities decoded (a no-break space as a space). */
export function renderedParagraphs(markdown: string): string[] {
  const html = markdownIt().render(markdown);
  return [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) =>
    m[1]
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\u00a0/g, ' '),
  );
}

/** MarkdownString.appendText as VS Code 1.100 has it: how a chat shows a tool's running message. */
export function appendText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-!~]/g, '\\$&')
    .replace(/([ \t]+)/g, (_m, g: string) => '&nbsp;'.repeat(g.length))
    .replace(/>/gm, '\\>')
    .replace(/\n/g, '  ');
}
