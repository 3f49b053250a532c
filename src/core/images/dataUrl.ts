// `data:` URLs: decoded strictly (base64 only, its type sniffed from the bytes), and made.
import type { SpilledBytes } from '../heavy/spill';
import { sniffImageType, type ImageType } from '../imageType';

export interface DecodedInMemory {
  mime: string;
  bytes: Uint8Array;
}

/** A data URL's bytes: in memory, or (a long payload, decoded as the answer arrived) in a spill file. */
export type DecodedDataUrl = DecodedInMemory | { mime: string; spilled: SpilledBytes };

const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

function view(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * Decodes clean base64 (no whitespace) in one native pass, or returns undefined when the text
 * needs a closer look. Node's decoder skips characters outside the alphabet and stops at an
 * inner `=`, so any such character leaves fewer bytes than the length promises; it also takes
 * the URL-safe `-` and `_`, which a data URL may not hold, so those are looked for (memchr, not a
 * regex) too.
 */
function decodeClean(body: string): Uint8Array | undefined {
  if (body.length % 4 === 1) return undefined;
  let end = body.length;
  if (body.charCodeAt(end - 1) === 0x3d) end--;
  if (body.charCodeAt(end - 1) === 0x3d) end--;
  if (end % 4 === 1) return undefined;
  const bytes = Buffer.from(body, 'base64');
  if (bytes.byteLength !== Math.floor((end * 3) / 4)) return undefined;
  if (body.includes('-') || body.includes('_')) return undefined;
  return view(bytes);
}

/** Line-wrapped base64 (or anything odd): strip whitespace, check the alphabet, then decode. */
function decodeWrapped(raw: string): Uint8Array | undefined {
  const body = raw.replace(/\s+/g, '');
  if (body.length === 0 || body.length % 4 === 1 || !BASE64_BODY.test(body)) return undefined;
  return view(Buffer.from(body, 'base64'));
}

interface Parts {
  mime: string;
  body: string;
}

/** Splits `data:<mime>[;param…];base64,<body>`; only the header is looked at, never the body. */
function splitDataUrl(s: string): Parts | undefined {
  if (s.length < 5 || s.slice(0, 5).toLowerCase() !== 'data:') return undefined;
  const comma = s.indexOf(',', 5);
  if (comma === -1) return undefined;
  const [type = '', ...params] = s.slice(5, comma).split(';');
  if (!params.some((p) => p.trim().toLowerCase() === 'base64')) return undefined;
  const body = s.slice(comma + 1);
  return body.length === 0 ? undefined : { mime: (type || 'text/plain').toLowerCase(), body };
}

/**
 * Decodes a base64 `data:` URL. Returns undefined for anything malformed: Node's decoder
 * silently skips bad characters, so the alphabet is checked (see decodeClean).
 */
export function decodeDataUrl(url: string): DecodedInMemory | undefined {
  const parts = splitDataUrl(url.trim());
  const bytes = parts && (decodeClean(parts.body) ?? decodeWrapped(parts.body));
  return bytes && { mime: parts.mime, bytes };
}

/**
 * decodeDataUrl for the common case only: a data URL whose payload is unwrapped base64 (so holds
 * no whitespace, parentheses or angle brackets). Undefined means "not that", not "invalid".
 */
export function decodeCleanDataUrl(url: string): DecodedInMemory | undefined {
  const parts = splitDataUrl(url);
  const bytes = parts && decodeClean(parts.body);
  return bytes && { mime: parts.mime, bytes };
}

/** Decodes a data URL that must hold a real image by its bytes (the declared MIME is not trusted). */
export function decodeImageDataUrl(url: string): { bytes: Uint8Array; type: ImageType } | undefined {
  const d = decodeDataUrl(url);
  if (!d) return undefined;
  const type = sniffImageType(d.bytes);
  return type ? { bytes: d.bytes, type } : undefined;
}

export function toDataUrl(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
