// reStructuredText: the `image` and `figure` directives with their `:alt:` option. A directive is
// a block of its own, so every reference is written as one.
import type { ImageLink } from '../text/imageLinks';
import { asBlocks, linkAt, oneLine, percentEncode, type DocumentLanguage } from './documentLanguage';
import { WEB_FORMATS } from './markdownLanguage';

// docutils removes whitespace from an image URI, so a space could never be read back: encode it
// (Sphinx then reports the file as missing rather than silently naming another).
export function rstPath(p: string): string {
  return p.replace(/[\s%?#\p{Cc}]/gu, percentEncode);
}

const DIRECTIVE = /^([ \t]*)\.\.[ \t]+(image|figure)::[ \t]*([^\n]*?)[ \t]*$/gm;

function findDirectives(text: string): ImageLink[] {
  const out: ImageLink[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const indent = (m[1] ?? '').length;
    const target = m[3] ?? '';
    if (!target) continue;
    const start = m.index;
    const targetStart = start + m[0].indexOf(target, indent + 4);
    let end = start + m[0].length;
    let alt: { start: number; end: number; value: string } | undefined;
    // The options: the following lines indented deeper than the directive.
    const option = /\n([ \t]+):([\w-]+):[ \t]*([^\n]*)/y;
    option.lastIndex = end;
    for (let o = option.exec(text); o && (o[1] ?? '').length > indent; o = option.exec(text)) {
      if (o[2] === 'alt' && !alt) {
        const value = (o[3] ?? '').trimEnd();
        const at = o.index + o[0].length - (o[3] ?? '').length;
        alt = { start: at, end: at + value.length, value };
      }
      end = o.index + o[0].length;
    }
    out.push(
      linkAt(text, {
        span: { start, end },
        targetSpan: { start: targetStart, end: targetStart + target.length },
        target,
        ...(alt ? { altSpan: { start: alt.start, end: alt.end }, alt: alt.value } : {}),
      }),
    );
  }
  return out;
}

export const RST: DocumentLanguage = {
  id: 'rst',
  label: 'reStructuredText',
  reference: (i) => `.. image:: ${rstPath(i.path)}\n   :alt: ${oneLine(i.alt)}`,
  join: asBlocks,
  find: findDirectives,
  retarget: (link, p) => ({ span: link.targetSpan, text: rstPath(p) }),
  altEdit: (link, alt, t) => {
    if (link.altSpan.start !== link.span.end || /\n[ \t]+:alt:/.test(t.slice(link.span.start, link.span.end)))
      return { span: link.altSpan, text: oneLine(alt) };
    // A new `:alt:` option just below the directive's line, indented under it.
    const lineStart = t.lastIndexOf('\n', link.span.start - 1) + 1;
    const indent = /^[ \t]*/.exec(t.slice(lineStart))?.[0] ?? '';
    return {
      span: { start: link.targetSpan.end, end: link.targetSpan.end },
      text: `\n${indent}   :alt: ${oneLine(alt)}`,
    };
  },
  formats: WEB_FORMATS,
  placeholders: true,
};
