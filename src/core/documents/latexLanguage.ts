// LaTeX: `\includegraphics` (with graphicx's `alt` key), inside a `figure` with a `\caption` when
// the image stands on its own. pdfLaTeX and XeLaTeX read PNG and JPEG, not WebP, AVIF or GIF.
import type { ImageLink } from '../text/imageLinks';
import { linkAt, oneLine, urlFormOf, type DocumentLanguage } from './documentLanguage';

/** Text that typesets as itself: each special character as its command. */
export function latexText(text: string): string {
  const map: Record<string, string> = {
    '\\': '\\textbackslash{}',
    '{': '\\{',
    '}': '\\}',
    $: '\\$',
    '&': '\\&',
    '#': '\\#',
    _: '\\_',
    '%': '\\%',
    '~': '\\textasciitilde{}',
    '^': '\\textasciicircum{}',
  };
  return oneLine(text).replace(/[\\{}$&#_%~^]/g, (c) => map[c] ?? c);
}

const GRAPHICS = /\\includegraphics\*?[ \t]*(?:\[((?:[^\]{}]|\{[^{}]*\}){0,500})\])?[ \t]*\{([^{}\n]{1,1000})\}/g;

function findGraphics(text: string): ImageLink[] {
  const out: ImageLink[] = [];
  for (const m of text.matchAll(GRAPHICS)) {
    const start = m.index;
    const target = m[2] ?? '';
    const targetStart = start + m[0].length - 1 - target.length;
    const options = m[1];
    let alt: { start: number; end: number; value: string } | undefined;
    if (options !== undefined) {
      const optionsStart = start + m[0].indexOf('[') + 1;
      const a = /(?:^|,)\s*alt\s*=\s*\{([^{}]*)\}/.exec(options);
      if (a) {
        const at = optionsStart + a.index + a[0].length - 1 - (a[1] ?? '').length;
        alt = { start: at, end: at + (a[1] ?? '').length, value: a[1] ?? '' };
      }
    }
    out.push(
      linkAt(text, {
        span: { start, end: start + m[0].length },
        targetSpan: { start: targetStart, end: targetStart + target.length },
        target: urlFormOf(target.trim()),
        ...(alt ? { altSpan: { start: alt.start, end: alt.end }, alt: alt.value } : {}),
      }),
    );
  }
  return out;
}

export const LATEX: DocumentLanguage = {
  id: 'latex',
  label: 'LaTeX',
  reference: (i) => {
    const graphic = `\\includegraphics[width=\\linewidth,alt={${latexText(i.alt)}}]{${i.path}}`;
    if (!i.standalone) return graphic;
    return [
      '\\begin{figure}[htbp]',
      '  \\centering',
      `  ${graphic}`,
      `  \\caption{${latexText(i.alt)}}`,
      '\\end{figure}',
    ].join('\n');
  },
  join: (refs) => refs.join('\n\n'),
  find: findGraphics,
  retarget: (link, p) => ({ span: link.targetSpan, text: p }),
  altEdit: (link, alt, t) => {
    const value = latexText(alt);
    if (link.altSpan.start !== link.span.end) return { span: link.altSpan, text: value };
    const source = t.slice(link.span.start, link.targetSpan.start);
    const open = source.indexOf('[');
    if (open >= 0)
      return { span: { start: link.span.start + open + 1, end: link.span.start + open + 1 }, text: `alt={${value}},` };
    const at = link.span.start + '\\includegraphics'.length + (source.startsWith('\\includegraphics*') ? 1 : 0);
    return { span: { start: at, end: at }, text: `[alt={${value}}]` };
  },
  formats: ['png', 'jpg'],
  placeholders: false,
};
