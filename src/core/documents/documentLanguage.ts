// One document language's image syntax: how a reference is written, found and pointed elsewhere.
// Every language gives back the same `ImageLink` shape the Markdown reader does, so hover, code
// actions, Write Alt Text, Edit with AI, Regenerate and placeholders work on any of them.
import type { SavedExt } from '../publish/convert';
import type { ImageLink, TextSpan } from '../text/imageLinks';
import { percentEncode } from '../text/markdown';

export type DocumentLanguageId = 'markdown' | 'mdx' | 'asciidoc' | 'rst' | 'html' | 'latex' | 'org' | 'typst';

export interface ReferenceInput {
  /** What the image shows (usually the prompt); each language makes it plain, one-line text. */
  alt: string;
  /** Where the image is, as the document should name it: a relative or root-relative POSIX path, not yet encoded. */
  path: string;
  /** On a line of its own (block forms: a figure, a directive) rather than inside a sentence. */
  standalone: boolean;
  /** Pixel size, written where the language takes it (HTML's width and height). */
  width?: number;
  height?: number;
}

export interface DocumentLanguage {
  id: DocumentLanguageId;
  /** How the language names itself to a user ("AsciiDoc"). */
  label: string;
  /** One image reference. */
  reference: (input: ReferenceInput) => string;
  /** Several references, each rendered on its own (a paragraph or block apart). */
  join: (references: readonly string[]) => string;
  /** Every image reference in the text, in document order. */
  find: (text: string) => ImageLink[];
  /** The edit that makes `link` name `path` (as `ReferenceInput.path`), alt text kept. */
  retarget: (link: ImageLink, path: string) => { span: TextSpan; text: string };
  /** The edit that gives `link` (found in `text`) the plain alt text `alt`, adding the attribute where it has none. */
  altEdit: (link: ImageLink, alt: string, text: string) => { span: TextSpan; text: string };
  /** The file types the language's renderer shows (by extension); others are converted first. */
  formats: readonly SavedExt[];
  /** Whether `geekai:` placeholders are read in this language (it has a natural form for them). */
  placeholders: boolean;
}

/** `%XX` per UTF-8 byte: the one encoder Markdown's links use, shared by every language. */
export { percentEncode } from '../text/markdown';

/** Alt text on one line without control characters, at most `max` characters (on a code point). */
export function oneLine(text: string, max = 100): string {
  const line = text
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  const points = [...line];
  return points.length <= max
    ? line
    : `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * A plain file path in the form `ImageLink.target` has for every language (a URL path, as
 * Markdown's): `%`, `?` and `#` encoded, so `localTargetPath` gives the same path back.
 */
export function urlFormOf(p: string): string {
  return p.replace(/[%?#]/g, percentEncode);
}

/** An ImageLink for a reference found by a regular expression: spans given, texts sliced from `text`. */
export function linkAt(
  text: string,
  o: {
    span: TextSpan;
    targetSpan: TextSpan;
    altSpan?: TextSpan;
    alt?: string;
    target?: string;
    title?: { span: TextSpan; value: string };
  },
): ImageLink {
  const altSpan = o.altSpan ?? { start: o.span.end, end: o.span.end };
  const altSource = text.slice(altSpan.start, altSpan.end);
  const targetSource = text.slice(o.targetSpan.start, o.targetSpan.end);
  const link: ImageLink = {
    span: o.span,
    altSpan,
    altSource,
    alt: o.alt ?? altSource,
    targetSpan: o.targetSpan,
    targetSource,
    target: o.target ?? targetSource,
    angleBrackets: false,
  };
  if (o.title) {
    link.titleSpan = o.title.span;
    link.title = o.title.value;
  }
  return link;
}

/** Blocks one blank line apart: every markup language here reads that as separate paragraphs. */
export function asBlocks(references: readonly string[]): string {
  return references.join('\n\n');
}
