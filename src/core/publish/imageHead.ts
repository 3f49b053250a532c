// The head of an image file: the parts its pixel size and provenance are read from, gathered
// without reading the pixels, as a file of the same format that readProvenance and
// imageHeaderSize read like the whole one. The hover and Regenerate read only this, so a large
// or hostile file costs a few reads: at most IMAGE_HEAD_MAX_BYTES read from it and
// IMAGE_HEAD_MAX_PARTS chunks walked, and any chunk over PROVENANCE_MAX_BYTES left unread.
//   PNG: the signature, IHDR and the iTXt chunks before the first IDAT (where text chunks go),
//        then IEND.
//   JPEG: SOI, the frame header (SOFn) and the APP1 segments (Exif, XMP) before the scan, EOI.
//   WebP: an extended file's RIFF header, VP8X and XMP chunks; a simple one's first 30 bytes
//        (its size; a simple WebP holds no XMP).
//   GIF and anything else: the first bytes only.
import { IMAGE_HEAD_MAX_BYTES, IMAGE_HEAD_MAX_PARTS, PROVENANCE_MAX_BYTES } from '../limits';
import { sniffImageType } from '../imageType';

/** A file read by parts. `read` may return fewer bytes than asked at the end of the file. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A file already in memory, as a ByteSource. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

/**
 * Reads in blocks, so walking many small chunks costs few reads, and stops (undefined) once
 * IMAGE_HEAD_MAX_BYTES have been read from the file in all.
 */
class Reader {
  private block: Uint8Array = new Uint8Array(0);
  private blockAt = 0;
  private read = 0;

  constructor(private readonly src: ByteSource) {}

  get size(): number {
    return this.src.size;
  }

  /** `length` bytes at `offset`, or undefined when the file ends first or the budget is spent. */
  async bytes(offset: number, length: number): Promise<Uint8Array | undefined> {
    if (offset < 0 || length < 0 || offset + length > this.src.size) return undefined;
    const inBlock = offset >= this.blockAt && offset + length <= this.blockAt + this.block.length;
    if (!inBlock) {
      const left = IMAGE_HEAD_MAX_BYTES - this.read;
      if (length > left) return undefined;
      this.block = await this.src.read(offset, Math.max(length, Math.min(BLOCK, left)));
      this.blockAt = offset;
      this.read += this.block.length;
      if (this.block.length < length) return undefined;
    }
    return this.block.subarray(offset - this.blockAt, offset - this.blockAt + length);
  }

  /** A copy of bytes that go into the head. */
  async keep(offset: number, length: number): Promise<Uint8Array | undefined> {
    const b = await this.bytes(offset, length);
    return b && Uint8Array.from(b);
  }
}

const BLOCK = 64 * 1024;
const PNG_SIGNATURE_LENGTH = 8;
const IEND = Uint8Array.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const EOI = Uint8Array.from([0xff, 0xd9]);

const be32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at);
const le32 = (b: Uint8Array, at: number): number =>
  new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true);
const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

async function pngHead(r: Reader): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  const signature = await r.keep(0, PNG_SIGNATURE_LENGTH);
  if (!signature) return parts;
  parts.push(signature);
  let at = PNG_SIGNATURE_LENGTH;
  for (let walked = 0; walked < IMAGE_HEAD_MAX_PARTS; walked++) {
    const header = await r.bytes(at, 8);
    if (!header) break;
    const length = be32(header, 0);
    const type = latin1(header.subarray(4, 8));
    if (type === 'IDAT' || type === 'IEND') break;
    const whole = 12 + length;
    if ((type === 'IHDR' || type === 'iTXt') && length <= PROVENANCE_MAX_BYTES) {
      const chunk = await r.keep(at, whole);
      if (!chunk) break;
      parts.push(chunk);
    }
    at += whole;
  }
  parts.push(IEND);
  return parts;
}

/** SOF0-SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC). */
const isFrameHeader = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** Markers without a length: TEM and RST0-7 (not expected before the scan, but harmless). */
const standsAlone = (m: number): boolean => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

async function jpegHead(r: Reader): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [Uint8Array.from([0xff, 0xd8])];
  let at = 2;
  for (let walked = 0; walked < IMAGE_HEAD_MAX_PARTS; walked++) {
    const head = await r.bytes(at, 2);
    if (!head || head[0] !== 0xff) break;
    const marker = head[1] ?? 0;
    // Fill bytes (FF FF …) before a marker.
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break;
    if (standsAlone(marker)) {
      at += 2;
      continue;
    }
    const len = await r.bytes(at + 2, 2);
    if (!len) break;
    const length = ((len[0] ?? 0) << 8) | (len[1] ?? 0);
    if (length < 2) break;
    if (isFrameHeader(marker) || marker === 0xe1) {
      const segment = await r.keep(at, 2 + length);
      if (!segment) break;
      parts.push(segment);
    }
    at += 2 + length;
  }
  parts.push(EOI);
  return parts;
}

async function webpHead(r: Reader): Promise<Uint8Array[]> {
  const first = await r.bytes(12, 8);
  if (!first) return [];
  if (latin1(first.subarray(0, 4)) !== 'VP8X') {
    const prefix = await r.keep(0, Math.min(30, r.size));
    return prefix ? [prefix] : [];
  }
  const riff = await r.keep(0, 12);
  if (!riff) return [];
  const parts = [riff];
  const end = Math.min(r.size, 8 + le32(riff, 4));
  let at = 12;
  for (let walked = 0; walked < IMAGE_HEAD_MAX_PARTS && at + 8 <= end; walked++) {
    const header = await r.bytes(at, 8);
    if (!header) break;
    const size = le32(header, 4);
    const fourcc = latin1(header.subarray(0, 4));
    const whole = 8 + size + (size % 2);
    if ((fourcc === 'VP8X' || fourcc === 'XMP ') && size <= PROVENANCE_MAX_BYTES) {
      const chunk = await r.keep(at, Math.min(whole, end - at));
      if (!chunk) break;
      parts.push(chunk);
    }
    at += whole;
  }
  return parts;
}

/** Enough of the start of a file for its type and a GIF's size. */
const PREFIX = 64;

/** The head of the file `src` (see above); empty when it is not an image we know. */
export async function readImageHead(src: ByteSource): Promise<Uint8Array> {
  const r = new Reader(src);
  const start = await r.bytes(0, Math.min(PREFIX, src.size));
  if (!start) return new Uint8Array(0);
  const ext = sniffImageType(start)?.ext;
  const parts =
    ext === 'png'
      ? await pngHead(r)
      : ext === 'jpg'
        ? await jpegHead(r)
        : ext === 'webp'
          ? await webpHead(r)
          : [Uint8Array.from(start)];
  return Buffer.concat(parts);
}
