// A tiny PNG codec for tests and the test server: 8-bit RGB/RGBA, non-interlaced.
// Decoding accepts all five filter types; anything else is rejected with a PngError
// whose `reason` tells "broken file" apart from "valid PNG this codec does not handle".
import zlib from 'node:zlib';

export interface RawImage {
  width: number;
  height: number;
  /** 3 = RGB, 4 = RGBA */
  channels: 3 | 4;
  /** row-major pixels, `width * height * channels` bytes */
  data: Uint8Array;
}

export type PngFilter = 0 | 1 | 2 | 3 | 4;

export class PngError extends Error {
  constructor(
    readonly reason: 'corrupt' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'PngError';
  }
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Guards the decoder against decompression bombs in hostile input. */
const MAX_PIXELS = 64 * 1024 * 1024;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(...parts: Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) crc = CRC_TABLE[(crc ^ part[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE);
}

/** One chunk: length, type, data, CRC over type+data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(head.subarray(4), data), 0);
  return Buffer.concat([head, data, crc]);
}

export function ihdrChunk(width: number, height: number, channels: 3 | 4): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 4 ? 6 : 2; // colour type
  // compression, filter method and interlace stay 0
  return pngChunk('IHDR', ihdr);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Applies `filter` to one row; `prev` is the previous unfiltered row (zeros for the first). */
export function filterRow(filter: PngFilter, row: Uint8Array, prev: Uint8Array, bpp: number): Buffer {
  const out = Buffer.alloc(row.length);
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? row[i - bpp] : 0;
    const b = prev[i];
    const c = i >= bpp ? prev[i - bpp] : 0;
    const predictor =
      filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
    out[i] = (row[i] - predictor) & 0xff;
  }
  return out;
}

export function encodePng(image: RawImage, filter: PngFilter = 0): Buffer {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`bad PNG size ${width}x${height}`);
  }
  const stride = width * channels;
  if (data.length !== stride * height) throw new RangeError('pixel data does not match width*height*channels');
  const raw = Buffer.alloc((stride + 1) * height);
  let prev: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = data.subarray(y * stride, (y + 1) * stride);
    raw[y * (stride + 1)] = filter;
    filterRow(filter, row, prev, channels).copy(raw, y * (stride + 1) + 1);
    prev = row;
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdrChunk(width, height, channels),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Header {
  width: number;
  height: number;
  channels: 3 | 4;
}

function parseHeader(data: Buffer): Header {
  if (data.length !== 13) throw new PngError('corrupt', 'IHDR has the wrong length');
  const width = data.readUInt32BE(0);
  const height = data.readUInt32BE(4);
  const [depth, colourType, compression, filterMethod, interlace] = data.subarray(8);
  if (width === 0 || height === 0) throw new PngError('corrupt', 'zero width or height');
  if (compression !== 0 || filterMethod !== 0) throw new PngError('corrupt', 'unknown compression or filter method');
  if (depth !== 8) throw new PngError('unsupported', `bit depth ${depth}`);
  if (colourType !== 2 && colourType !== 6) throw new PngError('unsupported', `colour type ${colourType}`);
  if (interlace !== 0) throw new PngError('unsupported', 'interlaced');
  if (width * height > MAX_PIXELS) throw new PngError('unsupported', `too large: ${width}x${height}`);
  return { width, height, channels: colourType === 6 ? 4 : 3 };
}

function unfilter(raw: Buffer, header: Header): Uint8Array {
  const { width, height, channels } = header;
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) throw new PngError('corrupt', 'image data has the wrong length');
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[dst + i - channels] : 0;
      const b = y > 0 ? out[dst - stride + i] : 0;
      const c = y > 0 && i >= channels ? out[dst - stride + i - channels] : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) >> 1;
          break;
        case 4:
          predictor = paeth(a, b, c);
          break;
        default:
          throw new PngError('corrupt', `unknown filter type ${filter} on row ${y}`);
      }
      out[dst + i] = (raw[src + i] + predictor) & 0xff;
    }
  }
  return out;
}

export function decodePng(bytes: Uint8Array): RawImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isPng(buf)) throw new PngError('corrupt', 'not a PNG signature');
  let offset = 8;
  let header: Header | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (!ended) {
    if (offset + 12 > buf.length) throw new PngError('corrupt', 'truncated chunk');
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    if (offset + 12 + length > buf.length) throw new PngError('corrupt', `truncated ${type} chunk`);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    const crc = buf.readUInt32BE(offset + 8 + length);
    if (crc !== crc32(buf.subarray(offset + 4, offset + 8), data)) throw new PngError('corrupt', `bad CRC in ${type}`);
    offset += 12 + length;
    if (!header && type !== 'IHDR') throw new PngError('corrupt', 'first chunk is not IHDR');
    if (type === 'IHDR') {
      if (header) throw new PngError('corrupt', 'second IHDR');
      header = parseHeader(data);
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      ended = true;
    } else if (type !== 'PLTE' && (type.charCodeAt(0) & 0x20) === 0) {
      // An unknown critical chunk changes how the image must be read.
      throw new PngError('unsupported', `critical chunk ${type}`);
    }
  }
  if (!header) throw new PngError('corrupt', 'no IHDR');
  if (idat.length === 0) throw new PngError('corrupt', 'no IDAT');
  const expected = (header.width * header.channels + 1) * header.height;
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(Buffer.concat(idat), { maxOutputLength: expected });
  } catch (err) {
    throw new PngError('corrupt', `bad image data: ${(err as Error).message}`);
  }
  return { ...header, data: unfilter(raw, header) };
}
