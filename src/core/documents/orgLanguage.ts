// Org mode: `[[file:path]]`, with a `#+CAPTION:` line above it when it stands on its own.
import type { ImageLink } from '../text/imageLinks';
import { asBlocks, linkAt, oneLine, urlFormOf, type DocumentLanguage } from './documentLanguage';
import { WEB_FORMATS } from './markdownLanguage';

/** A link path Org reads back: `\` and brackets escaped with a backslash. */
export function orgPath(p: string): string {
  return p.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

const LINK = /\[\[(?:file:)?((?:\\.|[^\]\\\n]){1,1000})\](?:\[[^\]\n]{0,500}\])?\]/g;
const CAPTION = /^#\+caption:[ \t]*([^\n]*)\n$/im;

function findLinks(text: string): ImageLink[] {
  const out: ImageLink[] = [];
  for (const m of text.matchAll(LINK)) {
    const raw = m[1] ?? '';
    if (/^[a-z]+:/i.test(raw) && !raw.startsWith('file:')) continue;
    const start = m.index;
    const targetStart = start + m[0].indexOf(raw);
    // A caption on the line just above.
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const prevStart = lineStart > 0 ? text.lastIndexOf('\n', lineStart - 2) + 1 : -1;
    const prev = prevStart >= 0 ? text.slice(prevStart, lineStart) : '';
    const c = CAPTION.exec(prev);
    const captionAt = c ? prevStart + prev.length - 1 - (c[1] ?? '').length : -1;
    out.push(
      linkAt(text, {
        span: { start, end: start + m[0].length },
        targetSpan: { start: targetStart, end: targetStart + raw.length },
        target: urlFormOf(raw.replace(/\\(.)/g, '$1')),
        ...(c ? { altSpan: { start: captionAt, end: captionAt + (c[1] ?? '').length }, alt: (c[1] ?? '').trim() } : {}),
      }),
    );
  }
  return out;
}

export const ORG: DocumentLanguage = {
  id: 'org',
  label: 'Org',
  reference: (i) =>
    i.standalone ? `#+CAPTION: ${oneLine(i.alt)}\n[[file:${orgPath(i.path)}]]` : `[[file:${orgPath(i.path)}]]`,
  join: asBlocks,
  find: findLinks,
  retarget: (link, p) => ({ span: link.targetSpan, text: orgPath(p) }),
  altEdit: (link, alt, t) => {
    if (link.altSpan.start !== link.span.end) return { span: link.altSpan, text: oneLine(alt) };
    const lineStart = t.lastIndexOf('\n', link.span.start - 1) + 1;
    return { span: { start: lineStart, end: lineStart }, text: `#+CAPTION: ${oneLine(alt)}\n` };
  },
  formats: WEB_FORMATS,
  placeholders: false,
};
