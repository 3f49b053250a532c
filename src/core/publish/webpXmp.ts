// XMP in a WebP file: an `XMP ` chunk at the end and the XMP flag in `VP8X`. A
// simple (`VP8 `/`VP8L`) file is turned into the extended form first, keeping its
// canvas size and alpha flag, as the WebP container spec requires.
import { PROVENANCE_MAX_BYTES } from '../limits';

interface RiffChunk {
  fourcc: string;
  /** Offset of the chunk header. */
  start: number;
  /** Offset past the data and its padding byte. */
  end: number;
  data: Uint8Array;
}

const XMP_FLAG = 0x04;
const ALPHA_FLAG = 0x10;

function riffChunks(bytes: Uint8Array): RiffChunk[] | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP')
    return undefined;
  const out: RiffChunk[] = [];
  let at = 12;
  const limit = Math.min(b.length, 8 + b.readUInt32LE(4));
  while (at + 8 <= limit) {
    const size = b.readUInt32LE(at + 4);
    const dataEnd = at + 8 + size;
    if (dataEnd > limit) return undefined;
    out.push({
      fourcc: b.toString('latin1', at, at + 4),
      start: at,
      end: Math.min(limit, dataEnd + (size % 2)),
      data: bytes.subarray(at + 8, dataEnd),
    });
    at = dataEnd + (size % 2);
  }
  return out;
}

function riffChunk(fourcc: string, data: Uint8Array): Buffer {
  const pad = data.length % 2;
  const out = Buffer.alloc(8 + data.length + pad);
  out.write(fourcc, 0, 'latin1');
  out.writeUInt32LE(data.length, 4);
  out.set(data, 8);
  return out;
}

/** Canvas size and alpha of a simple WebP's image chunk. */
function simpleInfo(c: RiffChunk): { width: number; height: number; alpha: boolean } | undefined {
  const d = Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength);
  if (c.fourcc === 'VP8 ' && d.length >= 10 && d[3] === 0x9d && d[4] === 0x01 && d[5] === 0x2a) {
    return { width: d.readUInt16LE(6) & 0x3fff, height: d.readUInt16LE(8) & 0x3fff, alpha: false };
  }
  if (c.fourcc === 'VP8L' && d.length >= 5 && d[0] === 0x2f) {
    const bits = d.readUInt32LE(1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
  }
  return undefined;
}

function vp8x(flags: number, width: number, height: number): Buffer {
  const d = Buffer.alloc(10);
  d[0] = flags;
  d.writeUIntLE(width - 1, 4, 3);
  d.writeUIntLE(height - 1, 7, 3);
  return riffChunk('VP8X', d);
}

/** `bytes` with `xmp` as its XMP chunk (replacing any), or undefined if it is not a WebP we can read. */
export function writeWebpXmp(bytes: Uint8Array, xmp: string): Uint8Array | undefined {
  const list = riffChunks(bytes);
  const first = list?.[0];
  if (!list || !first) return undefined;
  const parts: Buffer[] = [];
  if (first.fourcc === 'VP8X') {
    const header = Buffer.from(first.data);
    header[0] = (header[0] ?? 0) | XMP_FLAG;
    parts.push(riffChunk('VP8X', header));
  } else {
    const info = simpleInfo(first);
    if (!info) return undefined;
    parts.push(vp8x(XMP_FLAG | (info.alpha ? ALPHA_FLAG : 0), info.width, info.height));
    parts.push(Buffer.from(bytes.subarray(first.start, first.end)));
  }
  for (const c of list.slice(1)) {
    if (c.fourcc !== 'XMP ') parts.push(Buffer.from(bytes.subarray(c.start, c.end)));
  }
  parts.push(riffChunk('XMP ', Buffer.from(xmp, 'utf8')));
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** The XMP packet's text; undefined without one, or with one over PROVENANCE_MAX_BYTES (not ours). */
export function readWebpXmp(bytes: Uint8Array): string | undefined {
  const c = riffChunks(bytes)?.find((x) => x.fourcc === 'XMP ');
  return c && c.data.length <= PROVENANCE_MAX_BYTES ? Buffer.from(c.data).toString('utf8') : undefined;
}
