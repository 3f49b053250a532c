// HTML and the templates that write HTML (Vue, Svelte, Astro): `<img src="…" alt="…">`.
import type { ImageLink } from '../text/imageLinks';
import {
  asBlocks,
  linkAt,
  oneLine,
  percentEncode,
  type DocumentLanguage,
  type ReferenceInput,
} from './documentLanguage';
import { WEB_FORMATS } from './markdownLanguage';

/** `&`, `<` and `"` as character references: the value stays one attribute of plain text. */
export function attributeValue(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The character references an attribute value may hold, decoded; an invalid code point is left as written. */
export function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** A path as an attribute value: what would end it or read as a reference or a scheme encoded. */
export function htmlPath(p: string): string {
  const encoded = p.replace(/[\s"'<>&%#?\p{Cc}]/gu, percentEncode);
  return (encoded.split('/')[0] ?? '').includes(':') ? `./${encoded}` : encoded;
}

export function imgTag(i: ReferenceInput, close: '>' | ' />'): string {
  const size = i.width && i.height ? ` width="${i.width}" height="${i.height}"` : '';
  return `<img src="${htmlPath(i.path)}" alt="${attributeValue(oneLine(i.alt))}"${size}${close}`;
}

// One tag, attributes quoted or bare; bounded so a stray `<img` cannot make a scan quadratic.
const IMG = /<img\b((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?){0,64})\s*\/?>/gi;
const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Every `<img>` with a `src`, its `src` value as the target and its `alt` value as the alt text. */
export function findImgTags(text: string): ImageLink[] {
  const out: ImageLink[] = [];
  for (const m of text.matchAll(IMG)) {
    const start = m.index;
    const attrsAt = start + 4;
    const found: Record<string, { start: number; end: number; value: string }> = {};
    for (const a of (m[1] ?? '').matchAll(ATTR)) {
      const name = (a[1] ?? '').toLowerCase();
      const raw = a[3] ?? a[4] ?? a[5];
      if (raw === undefined || name in found) continue;
      // The value's offset: past the name, `=`, spaces and an opening quote.
      const valueAt =
        attrsAt + a.index + (a[0].length - (a[2] ?? '').length) + (a[3] !== undefined || a[4] !== undefined ? 1 : 0);
      found[name] = { start: valueAt, end: valueAt + raw.length, value: decodeAttribute(raw) };
    }
    const src = found.src;
    if (!src) continue;
    const alt = found.alt;
    const link = linkAt(text, {
      span: { start, end: start + m[0].length },
      targetSpan: { start: src.start, end: src.end },
      target: src.value,
      ...(alt ? { altSpan: { start: alt.start, end: alt.end }, alt: alt.value } : {}),
    });
    link.form = 'html';
    out.push(link);
  }
  return out;
}

/** The alt attribute's value replaced, or ` alt="…"` added after `<img` when the tag has none. */
export function htmlAltEdit(
  link: ImageLink,
  alt: string,
  text: string,
): { span: { start: number; end: number }; text: string } {
  const value = attributeValue(oneLine(alt));
  const hasAlt = link.altSpan.start !== link.span.end || /\balt\s*=/i.test(text.slice(link.span.start, link.span.end));
  if (hasAlt) return { span: link.altSpan, text: value };
  const at = link.span.start + 4;
  return { span: { start: at, end: at }, text: ` alt="${value}"` };
}

export const HTML: DocumentLanguage = {
  id: 'html',
  label: 'HTML',
  reference: (i) => imgTag(i, '>'),
  join: asBlocks,
  find: findImgTags,
  retarget: (link, path) => ({ span: link.targetSpan, text: htmlPath(path) }),
  altEdit: htmlAltEdit,
  formats: WEB_FORMATS,
  placeholders: true,
};
