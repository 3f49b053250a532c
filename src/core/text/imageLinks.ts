// Finds inline image links in a Markdown document with the offsets of each part,
// using micromark (CommonMark to the letter), so code spans, fenced code, escapes,
// `<...>` targets and titles are read exactly as the preview reads them.
import { parse, postprocess, preprocess } from 'micromark';
import { decodeString } from 'micromark-util-decode-string';

/** A half-open range of UTF-16 offsets in the document text. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface ImageLink {
  /** The whole `![alt](target "title")`. */
  span: TextSpan;
  /** Between the brackets (empty span for `![]`). */
  altSpan: TextSpan;
  /** The alt text as written (escapes kept). */
  altSource: string;
  /** The alt text as read: escapes and character references decoded. */
  alt: string;
  /** The target as written, without `<` `>`; its span excludes them too. */
  targetSpan: TextSpan;
  targetSource: string;
  /** The target as read: escapes and character references decoded (percent-encoding kept). */
  target: string;
  /** Written as `<...>`. */
  angleBrackets: boolean;
  /** Inside the quotes or parentheses, when there is a title. */
  titleSpan?: TextSpan;
  title?: string;
  /** `html` for an `<img>` tag found in a document that mixes it with Markdown (MDX). */
  form?: 'html';
}

type Point = { offset: number };
type Token = { type: string; start: Point; end: Point };
type Event = [string, Token, unknown];

interface Pending {
  /** Links inside an alt text get a frame too, so their brackets are not taken for the image's. */
  isLink: boolean;
  imageStart: number;
  altStart?: number;
  altEnd?: number;
  inResource: boolean;
  targetSpan?: TextSpan;
  angleBrackets: boolean;
  titleSpan?: TextSpan;
}

function tokenize(text: string): readonly Event[] {
  return postprocess(
    parse()
      .document()
      .write(preprocess()(text, undefined, true)),
  );
}

/** Every inline image link (`![alt](target)`), in document order. Reference-style images (`![alt][ref]`) are not included. */
export function findImageLinks(text: string): ImageLink[] {
  // micromark drops a leading byte order mark and counts its offsets without it: read the rest,
  // as the preview does, and count the mark back in.
  if (text.charCodeAt(0) === 0xfeff) return findImageLinks(text.slice(1)).map((l) => shifted(l, 1));
  const links: ImageLink[] = [];
  // Images can nest (`![a ![b](c)](d)`): one pending entry per open image.
  const stack: Pending[] = [];
  for (const [kind, token] of tokenize(text)) {
    const top = stack[stack.length - 1];
    if (kind === 'enter') {
      if (token.type === 'image' || token.type === 'link') {
        stack.push({
          isLink: token.type === 'link',
          imageStart: token.start.offset,
          inResource: false,
          angleBrackets: false,
        });
      } else if (!top || top.isLink) {
        continue;
      } else if (token.type === 'labelMarker' && top.altStart === undefined) {
        top.altStart = token.end.offset;
      } else if (token.type === 'labelMarker' && top.altEnd === undefined && !top.inResource) {
        top.altEnd = token.start.offset;
      } else if (token.type === 'resource') {
        top.inResource = true;
      } else if (top.inResource && token.type === 'resourceDestinationLiteral') {
        top.angleBrackets = true;
      } else if (top.inResource && token.type === 'resourceDestinationString') {
        top.targetSpan = { start: token.start.offset, end: token.end.offset };
      } else if (top.inResource && token.type === 'resourceTitleString') {
        top.titleSpan = { start: token.start.offset, end: token.end.offset };
      } else if (top.inResource && token.type === 'resourceTitle' && !top.titleSpan) {
        // `""` has no title string token: an empty title sits between the markers.
        top.titleSpan = { start: token.start.offset + 1, end: token.start.offset + 1 };
      }
    } else if (token.type === 'image' || token.type === 'link') {
      const done = stack.pop();
      if (done && !done.isLink) {
        const link = finish(text, done, token.end.offset);
        if (link) links.push(link);
      }
    }
  }
  return links.sort((a, b) => a.span.start - b.span.start);
}

function finish(text: string, p: Pending, end: number): ImageLink | undefined {
  if (!p.inResource || p.altStart === undefined || p.altEnd === undefined) return undefined;
  // `![a](<>)` and `![a]()` have no destination string: an empty target.
  const targetSpan = p.targetSpan ?? emptyTargetSpan(text, p.altEnd, p.angleBrackets);
  const altSource = text.slice(p.altStart, p.altEnd);
  const targetSource = text.slice(targetSpan.start, targetSpan.end);
  const link: ImageLink = {
    span: { start: p.imageStart, end },
    altSpan: { start: p.altStart, end: p.altEnd },
    altSource,
    alt: decodeString(altSource),
    targetSpan,
    targetSource,
    target: decodeString(targetSource),
    angleBrackets: p.angleBrackets,
  };
  if (p.titleSpan) {
    link.titleSpan = p.titleSpan;
    link.title = decodeString(text.slice(p.titleSpan.start, p.titleSpan.end));
  }
  return link;
}

function shifted(l: ImageLink, by: number): ImageLink {
  const move = (s: TextSpan): TextSpan => ({ start: s.start + by, end: s.end + by });
  const out: ImageLink = { ...l, span: move(l.span), altSpan: move(l.altSpan), targetSpan: move(l.targetSpan) };
  if (l.titleSpan) out.titleSpan = move(l.titleSpan);
  return out;
}

function emptyTargetSpan(text: string, altEnd: number, angle: boolean): TextSpan {
  // altEnd is at `]`, then `(`, optional whitespace, then `<>` or nothing.
  let i = altEnd + 2;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  const at = angle ? i + 1 : i;
  return { start: at, end: at };
}

/** The link whose text contains `offset` (the innermost when images nest). */
export function imageLinkAt(links: readonly ImageLink[], offset: number): ImageLink | undefined {
  let found: ImageLink | undefined;
  for (const l of links) {
    if (l.span.start <= offset && offset <= l.span.end && (!found || l.span.start >= found.span.start)) found = l;
  }
  return found;
}

/**
 * The file path a local target names, decoded (`my%20pic.png` → `my pic.png`), or
 * undefined for URLs with a scheme, protocol-relative and fragment-only targets.
 * Query and fragment are dropped.
 */
export function localTargetPath(target: string): string | undefined {
  const t = target.trim();
  if (!t || t.startsWith('#') || t.startsWith('//')) return undefined;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(t) && !/^[A-Za-z]:[\\/]/.test(t)) return undefined;
  const bare = t.replace(/[?#].*$/s, '');
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

/** How to write `path` as a link target: raw when Markdown reads it back unchanged, else `<...>` with `<`, `>` and `\` escaped. */
export function formatTarget(target: string): string {
  const raw = !/[\s<>()\\]/.test(target) && target.length > 0;
  return raw ? target : `<${target.replace(/[<>\\]/g, (c) => `\\${c}`)}>`;
}

/** The edit that replaces a link's target with `newTarget` (already link-safe, e.g. from encodeLinkPath), keeping alt and title. */
export function retargetEdit(link: ImageLink, newTarget: string): { span: TextSpan; text: string } {
  if (link.angleBrackets) {
    return { span: link.targetSpan, text: newTarget.replace(/[<>\\]/g, (c) => `\\${c}`) };
  }
  return { span: link.targetSpan, text: formatTarget(newTarget) };
}
