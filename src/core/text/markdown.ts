// Markdown's own image link: the path percent-encoded so every renderer reads it, the alt text
// as one plain line and escaped for the brackets, several links as paragraphs.
import * as path from 'node:path';
import { capGraphemes } from '../files/naming';
import { relativePosix } from '../files/paths';

const posix = path.posix;

const MAX_ALT_CHARS = 100;

export interface MarkdownImageInput {
  /** Usually the prompt; made single-line, escaped and capped. */
  alt: string;
  /** Absolute posix path of the saved image. */
  targetPath: string;
  /** The Markdown document the link goes into; links are relative to its folder. */
  documentPath?: string;
  /** Links are relative to this when there is no document. */
  workspaceRoot: string;
}

export interface MarkdownImagesInput extends Omit<MarkdownImageInput, 'targetPath'> {
  targetPaths: readonly string[];
}

/** `%XX` per UTF-8 byte; encodeURIComponent would leave `(` and `)` alone. */
export function percentEncode(c: string): string {
  return [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * Percent-encodes what would end or confuse a Markdown link destination
 * (spaces, brackets, `%`, `#`, `?`, `&` entities, `\`, control and
 * other whitespace), and the backtick: code spans bind tighter than links, so
 * one in a file name closes a stray backtick earlier in the paragraph and the
 * link is gone. CJK and other Unicode stay readable, as both VS Code's
 * preview and GitHub accept them raw.
 */
export function encodeLinkPath(p: string): string {
  const encoded = p.replace(/[\s()<>%#?[\]\\&`\p{Cc}]/gu, percentEncode);
  // `c:x.png` or `http:x.png` as a first segment would read as a URL scheme.
  const first = encoded.split('/')[0] ?? '';
  return first.includes(':') ? `./${encoded}` : encoded;
}

/** Alt text as plain text: one line without control characters, at most 100 characters. */
export function altLine(text: string): string {
  const line = text
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  const fits = capGraphemes(line, MAX_ALT_CHARS) === line;
  return fits ? line : `${capGraphemes(line, MAX_ALT_CHARS - 1).trimEnd()}…`;
}

/** Alt text that renders as the same plain text: `altLine` with Markdown syntax escaped. */
export function altText(text: string): string {
  return altLine(text).replace(/[\\[\]*_`<&]/g, (c) => `\\${c}`);
}

/** `![alt](relative/path.png)`, relative to the document's folder (or the workspace root). */
export function markdownImage(input: MarkdownImageInput): string {
  const fromDir = input.documentPath === undefined ? input.workspaceRoot : posix.dirname(input.documentPath);
  const rel = relativePosix(fromDir, input.targetPath);
  return `![${altText(input.alt)}](${encodeLinkPath(rel)})`;
}

/** Links on adjacent lines render as one paragraph: a blank line between them makes each its own. */
export function asParagraphs(links: readonly string[]): string {
  return links.join('\n\n');
}

/** The links of `asParagraphs`, one per paragraph. */
export function paragraphsOf(markdown: string): string[] {
  return markdown.split(/\n[ \t]*\n/).filter((p) => p.trim() !== '');
}

/** One image per paragraph, in order. */
export function markdownForImages(input: MarkdownImagesInput): string {
  const { targetPaths, ...rest } = input;
  return asParagraphs(targetPaths.map((targetPath) => markdownImage({ ...rest, targetPath })));
}
