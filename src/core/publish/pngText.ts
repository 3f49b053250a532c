// PNG text chunks: `iTXt` (UTF-8, so Chinese prompts survive) written before the
// first IDAT; any earlier chunk with the same keyword is replaced. Read from untrusted files:
// a chunk over PROVENANCE_MAX_BYTES is not read, and a compressed one is inflated to at most
// that (a 1 MB chunk can inflate to gigabytes).
import { crc32, inflateSync } from 'node:zlib';
import { PROVENANCE_MAX_BYTES } from '../limits';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface Chunk {
  type: string;
  start: number;
  /** Offset just past the CRC. */
  end: number;
  data: Uint8Array;
}

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

function chunks(bytes: Uint8Array): Chunk[] | undefined {
  if (!isPng(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Chunk[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const len = view.getUint32(at);
    const end = at + 12 + len;
    if (end > bytes.length) return undefined;
    const type = Buffer.from(bytes.subarray(at + 4, at + 8)).toString('latin1');
    out.push({ type, start: at, end, data: bytes.subarray(at + 8, at + 8 + len) });
    at = end;
    if (type === 'IEND') break;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An uncompressed `iTXt` chunk `keyword` = `text`, whole (length, type, data, CRC). */
export function itxtChunk(keyword: string, text: string): Uint8Array {
  // keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text
  return chunk(
    'iTXt',
    Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]),
  );
}

function itxtKeyword(data: Uint8Array): string | undefined {
  const nul = data.indexOf(0);
  return nul < 1 ? undefined : Buffer.from(data.subarray(0, nul)).toString('latin1');
}

/** `bytes` with an uncompressed `iTXt` chunk `keyword` = `text`; undefined if `bytes` is not a PNG. */
export function writePngText(bytes: Uint8Array, keyword: string, text: string): Uint8Array | undefined {
  const list = chunks(bytes);
  if (!list || list[0]?.type !== 'IHDR') return undefined;
  const ours = itxtChunk(keyword, text);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let written = false;
  for (const c of list) {
    if (c.type === 'iTXt' && itxtKeyword(c.data) === keyword) continue;
    if (!written && (c.type === 'IDAT' || c.type === 'IEND')) {
      parts.push(ours);
      written = true;
    }
    parts.push(bytes.subarray(c.start, c.end));
  }
  return Buffer.concat(parts);
}

/** The text of the first `iTXt` chunk named `keyword` (compressed or not), if any. */
export function readPngText(bytes: Uint8Array, keyword: string): string | undefined {
  for (const c of chunks(bytes) ?? []) {
    if (c.type !== 'iTXt' || itxtKeyword(c.data) !== keyword) continue;
    if (c.data.length > PROVENANCE_MAX_BYTES) return undefined;
    let at = keyword.length + 1;
    const compressed = c.data[at] === 1;
    at += 2;
    const langEnd = c.data.indexOf(0, at);
    if (langEnd < 0) return undefined;
    const transEnd = c.data.indexOf(0, langEnd + 1);
    if (transEnd < 0) return undefined;
    const body = c.data.subarray(transEnd + 1);
    try {
      // Over the limit inflateSync throws (ERR_BUFFER_TOO_LARGE) having inflated no more than it.
      return Buffer.from(compressed ? inflateSync(body, { maxOutputLength: PROVENANCE_MAX_BYTES }) : body).toString(
        'utf8',
      );
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `bytes` without the `iTXt` chunks named `keyword` (the PNG as it was before writePngText); undefined if not a PNG. */
export function removePngText(bytes: Uint8Array, keyword: string): Uint8Array | undefined {
  const list = chunks(bytes);
  if (!list) return undefined;
  const kept = list
    .filter((c) => !(c.type === 'iTXt' && itxtKeyword(c.data) === keyword))
    .map((c) => bytes.subarray(c.start, c.end));
  return Buffer.concat([bytes.subarray(0, 8), ...kept]);
}
