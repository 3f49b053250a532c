import { sniffImageType, type ImageType } from './imageType';

export interface DecodedDataUrl {
  mime: string;
  bytes: Uint8Array;
}

const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes a base64 `data:` URL. Returns undefined for anything malformed: Node's decoder
 * silently skips bad characters, so the alphabet is checked first.
 */
export function decodeDataUrl(url: string): DecodedDataUrl | undefined {
  const m = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(url.trim());
  if (!m) return undefined;
  const params = m[2].split(';').map((p) => p.trim().toLowerCase());
  if (!params.includes('base64')) return undefined;
  const body = m[3].replace(/\s+/g, '');
  if (body.length === 0 || body.length % 4 === 1 || !BASE64_BODY.test(body)) return undefined;
  return { mime: (m[1] || 'text/plain').toLowerCase(), bytes: new Uint8Array(Buffer.from(body, 'base64')) };
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
