// Width, height and alpha from an image's header, without decoding it: a save that
// needs no resize and no format change must not load a codec.
import { sniffImageType } from '../imageType';

export interface ImageHeaderInfo {
  width: number;
  height: number;
}

function png(b: Buffer): ImageHeaderInfo | undefined {
  if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function gif(b: Buffer): ImageHeaderInfo | undefined {
  return b.length < 10 ? undefined : { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

function webp(b: Buffer): ImageHeaderInfo | undefined {
  if (b.length < 30) return undefined;
  const fourcc = b.toString('latin1', 12, 16);
  if (fourcc === 'VP8X') return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  if (fourcc === 'VP8L' && b[20] === 0x2f) {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (fourcc === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  return undefined;
}

function jpeg(b: Buffer): ImageHeaderInfo | undefined {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at++;
      continue;
    }
    // SOF0-SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    at += 2 + b.readUInt16BE(at + 2);
  }
  return undefined;
}

/** The pixel size written in the header of a PNG, JPEG, WebP or GIF; undefined when unreadable. */
export function imageHeaderSize(bytes: Uint8Array): ImageHeaderInfo | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ext = sniffImageType(bytes)?.ext;
  const info =
    ext === 'png' ? png(b) : ext === 'gif' ? gif(b) : ext === 'webp' ? webp(b) : ext === 'jpg' ? jpeg(b) : undefined;
  return info && info.width > 0 && info.height > 0 ? info : undefined;
}
