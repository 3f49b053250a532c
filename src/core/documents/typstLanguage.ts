// Typst: `#image("path", alt: "…")`. Typst reads PNG, JPEG, GIF and WebP, not AVIF.
import type { ImageLink } from '../text/imageLinks';
import { asBlocks, linkAt, oneLine, urlFormOf, type DocumentLanguage } from './documentLanguage';

export function typstString(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`);
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

const IMAGE =
  /#?image\(\s*"((?:\\.|[^"\\\n]){1,1000})"((?:\s*,\s*[a-z-]+\s*:\s*(?:"(?:\\.|[^"\\\n]){0,1000}"|[^,)\n]{0,200}))*)\s*,?\s*\)/g;

function findImages(text: string): ImageLink[] {
  const out: ImageLink[] = [];
  for (const m of text.matchAll(IMAGE)) {
    const start = m.index;
    const raw = m[1] ?? '';
    const targetStart = start + m[0].indexOf('"') + 1;
    const args = m[2] ?? '';
    const argsStart = targetStart + raw.length + 1;
    const a = /alt\s*:\s*"((?:\\.|[^"\\\n])*)"/.exec(args);
    const altAt = a ? argsStart + a.index + a[0].length - 1 - (a[1] ?? '').length : -1;
    out.push(
      linkAt(text, {
        span: { start, end: start + m[0].length },
        targetSpan: { start: targetStart, end: targetStart + raw.length },
        target: urlFormOf(unescape(raw)),
        ...(a ? { altSpan: { start: altAt, end: altAt + (a[1] ?? '').length }, alt: unescape(a[1] ?? '') } : {}),
      }),
    );
  }
  return out;
}

export const TYPST: DocumentLanguage = {
  id: 'typst',
  label: 'Typst',
  reference: (i) => `#image("${typstString(i.path)}", alt: "${typstString(oneLine(i.alt))}")`,
  join: asBlocks,
  find: findImages,
  retarget: (link, p) => ({ span: link.targetSpan, text: typstString(p) }),
  altEdit: (link, alt) => {
    const value = typstString(oneLine(alt));
    if (link.altSpan.start !== link.span.end) return { span: link.altSpan, text: value };
    const at = link.targetSpan.end + 1;
    return { span: { start: at, end: at }, text: `, alt: "${value}"` };
  },
  formats: ['png', 'jpg', 'gif', 'webp'],
  placeholders: false,
};
