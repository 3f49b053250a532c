// AsciiDoc: `image::path[alt]` as a block, `image:path[alt]` inside a sentence. Targets are read
// relative to the document's `:imagesdir:` when its header sets one, as Asciidoctor reads them.
import * as path from 'node:path';
import type { ImageLink } from '../text/imageLinks';
import { asBlocks, linkAt, oneLine, percentEncode, type DocumentLanguage } from './documentLanguage';
import { WEB_FORMATS } from './markdownLanguage';

const posix = path.posix;

/** A target Asciidoctor reads back whole: what ends the macro, an attribute reference or `%` encoded (inner spaces are fine). */
export function asciidocPath(p: string): string {
  return p.replace(/[[\]{}%?#\p{Cc}]|^\s|\s$/gu, percentEncode);
}

/** The alt text as the macro's first attribute, quoted when it holds what would split or end it. */
export function asciidocAlt(text: string): string {
  const alt = oneLine(text);
  return /[,="\]]/.test(alt) ? `"${alt.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/]/g, '\\]')}"` : alt;
}

// `image::target[attrs]` or `image:target[attrs]`, as Asciidoctor matches them: the target neither
// starts nor ends with a space and holds no `[`.
const MACRO = /(?<![\w:])image(::?)([^\s[\]](?:[^\n[\]]{0,1000}[^\s[\]])?)\[((?:\\.|[^\]\\\n]){0,2000})\]/g;

/** `:imagesdir: images` in the document header (before the first blank line after the title), if relative. */
export function imagesDir(text: string): string | undefined {
  const header = text.split(/\r?\n[ \t]*\r?\n/, 1)[0] ?? '';
  const m = /^:imagesdir:[ \t]*(\S[^\n]*?)[ \t]*$/m.exec(header);
  const dir = m?.[1]?.replace(/\/+$/, '');
  if (!dir || dir.startsWith('/') || /^[A-Za-z][\w+.-]*:/.test(dir) || dir.includes('{')) return undefined;
  return posix.normalize(dir);
}

function findMacros(text: string, dir: string | undefined): ImageLink[] {
  const out: ImageLink[] = [];
  for (const m of text.matchAll(MACRO)) {
    const start = m.index;
    const targetStart = start + 'image'.length + (m[1] ?? ':').length;
    const target = m[2] ?? '';
    const attrsStart = targetStart + target.length + 1;
    const attrs = m[3] ?? '';
    // The first positional attribute is the alt text: quoted, or up to the first comma.
    const quoted = /^"((?:\\.|[^"\\])*)"/.exec(attrs);
    const altSource = quoted ? (quoted[1] ?? '') : (attrs.split(',')[0] ?? '');
    const altStart = attrsStart + (quoted ? 1 : 0);
    const alt = altSource.includes('=') && !quoted ? '' : altSource.replace(/\\(.)/g, '$1').trim();
    const decoded = target;
    const isUrl = /^[A-Za-z][\w+.-]*:/.test(target);
    out.push(
      linkAt(text, {
        span: { start, end: start + m[0].length },
        targetSpan: { start: targetStart, end: targetStart + target.length },
        target: dir && !isUrl && !decoded.startsWith('/') ? posix.join(dir, decoded) : decoded,
        altSpan: { start: altStart, end: altStart + (alt === '' && altSource.includes('=') ? 0 : altSource.length) },
        alt,
      }),
    );
  }
  return out;
}

/** The language for one document: its `:imagesdir:` decides how paths are written and read. */
export function asciidocFor(text: string): DocumentLanguage {
  const dir = imagesDir(text);
  const written = (p: string): string => (dir && !p.startsWith('/') ? posix.relative(dir, posix.normalize(p)) : p);
  return {
    id: 'asciidoc',
    label: 'AsciiDoc',
    reference: (i) => `image${i.standalone ? '::' : ':'}${asciidocPath(written(i.path))}[${asciidocAlt(i.alt)}]`,
    join: asBlocks,
    find: (t) => findMacros(t, dir),
    retarget: (link, p) => ({ span: link.targetSpan, text: asciidocPath(written(p)) }),
    altEdit: (link, alt, t) => {
      // An attribute list without a positional alt (`[width=300]`) gets the alt in front of it.
      const attrs = t.slice(link.altSpan.end, link.span.end - 1);
      const rest = link.altSpan.start === link.altSpan.end && attrs.trim() !== '' ? ',' : '';
      return { span: link.altSpan, text: asciidocAlt(alt) + rest };
    },
    formats: WEB_FORMATS,
    placeholders: true,
  };
}

export const ASCIIDOC = asciidocFor('');
