// A large JSON answer read with its base64 payloads cut out: each long data URL payload (or a
// whole string of base64, as `b64_json` is) is decoded to bytes and replaced in the value by a
// short token, so the parsed value that crosses back to the extension host is a few KB and the
// megabytes travel as one transferred buffer each. Done in the worker; findImages and download
// then see `data:…;base64,<token>` and take the bytes from the blobs instead of decoding the token.
import type { DecodedDataUrl } from '../images/dataUrl';

/** Strings shorter than this are left as they are (a token would save nothing). */
export const BLOB_MIN_CHARS = 64 * 1024;

/** Bytes cut out of a parsed answer, by token. */
export type Blobs = ReadonlyMap<string, DecodedDataUrl>;

export interface JsonWithBlobs {
  value: unknown;
  blobs: Blobs;
}

// Valid base64 of a length divisible by 4, so the token passes every check a payload does.
const TOKEN_PREFIX = 'GeekAIblob';
const TOKEN = /^GeekAIblob\d{10}$/;

/** The token standing for the `n`th payload cut out (valid base64, so a data URL holding it passes every check). */
export function blobToken(n: number): string {
  return `${TOKEN_PREFIX}${String(n).padStart(10, '0')}`;
}

/** The bytes a `data:` URL (or a bare base64 string) stands for when its payload is a token of `blobs`. */
export function blobFor(url: string, blobs: Blobs | undefined): DecodedDataUrl | undefined {
  if (!blobs || blobs.size === 0) return undefined;
  const payload = url.slice(url.lastIndexOf(',') + 1);
  return TOKEN.test(payload) ? blobs.get(payload) : undefined;
}

/** Clean base64 decoded in one native pass, or undefined when it is not exactly that. */
function decodeBase64(body: string): Uint8Array | undefined {
  if (body.length % 4 !== 0) return undefined;
  let end = body.length;
  if (body.charCodeAt(end - 1) === 0x3d) end--;
  if (body.charCodeAt(end - 1) === 0x3d) end--;
  const bytes = Buffer.from(body, 'base64');
  if (bytes.byteLength !== Math.floor((end * 3) / 4) || body.includes('-') || body.includes('_')) return undefined;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const BASE64_RUN = /[A-Za-z0-9+/]*={0,2}/y;
const WHOLE_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DATA = /data:([^,;\s()<>]{0,100})((?:;[^,;\s()<>]{0,60}){0,5}),/gi;

class Cutter {
  readonly blobs = new Map<string, DecodedDataUrl>();

  private keep(mime: string, bytes: Uint8Array): string {
    const t = blobToken(this.blobs.size);
    this.blobs.set(t, { mime, bytes });
    return t;
  }

  /** `s` with every long base64 data URL payload replaced by its token. */
  cut(s: string): string {
    if (WHOLE_BASE64.test(s)) {
      const bytes = decodeBase64(s);
      return bytes ? this.keep('application/octet-stream', bytes) : s;
    }
    let out = '';
    let kept = 0;
    DATA.lastIndex = 0;
    for (let m = DATA.exec(s); m; m = DATA.exec(s)) {
      if (!/;base64$/i.test(m[2] ?? '')) continue;
      const from = m.index + m[0].length;
      BASE64_RUN.lastIndex = from;
      const run = BASE64_RUN.exec(s);
      const to = from + (run?.[0].length ?? 0);
      DATA.lastIndex = Math.max(to, from);
      if (to - from < BLOB_MIN_CHARS) continue;
      const bytes = decodeBase64(s.slice(from, to));
      if (!bytes) continue;
      out += s.slice(kept, from) + this.keep((m[1] || 'text/plain').toLowerCase(), bytes);
      kept = to;
    }
    return kept === 0 ? s : out + s.slice(kept);
  }

  walk(v: unknown): unknown {
    if (typeof v === 'string') return v.length >= BLOB_MIN_CHARS ? this.cut(v) : v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = this.walk(v[i]);
      return v;
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = this.walk(o[k]);
    }
    return v;
  }
}

export interface TextWithBlobs {
  text: string;
  blobs: Blobs;
}

/** JSON text parsed, its long base64 payloads cut out (throws what JSON.parse throws). */
export function parseJsonWithBlobs(text: string): JsonWithBlobs {
  const cutter = new Cutter();
  const value = cutter.walk(JSON.parse(text) as unknown);
  return { value, blobs: cutter.blobs };
}
