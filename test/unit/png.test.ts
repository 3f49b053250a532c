import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import {
  crc32,
  decodePng,
  encodePng,
  ihdrChunk,
  PNG_SIGNATURE,
  pngChunk,
  PngError,
  type PngFilter,
  type RawImage,
} from '../support/png';

function testImage(width: number, height: number, channels: 3 | 4): RawImage {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 3) * 11) & 0xff;
  return { width, height, channels, data };
}

/** A PNG whose scanlines (filter byte included) are given verbatim. */
function pngFromScanlines(width: number, height: number, channels: 3 | 4, scanlines: number[][]): Buffer {
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdrChunk(width, height, channels),
    pngChunk('IDAT', zlib.deflateSync(Buffer.from(scanlines.flat()))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function withIhdr(mutate: (ihdr: Buffer) => void): Buffer {
  const ihdr = ihdrChunk(2, 2, 3).subarray(8, 21);
  const data = Buffer.from(ihdr);
  mutate(data);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', data),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(2 * 7))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function rejects(bytes: Uint8Array, reason: 'corrupt' | 'unsupported'): void {
  assert.throws(
    () => decodePng(bytes),
    (err: unknown) => err instanceof PngError && err.reason === reason,
  );
}

// 2×2 RGB: row 0 (10,20,30) (40,50,60); row 1 (15,25,35) (200,100,0)
const PIXELS = [10, 20, 30, 40, 50, 60, 15, 25, 35, 200, 100, 0];
// The same rows filtered by hand with each filter type (PNG spec section 9).
const FILTERED: Record<PngFilter, number[][]> = {
  0: [
    [0, 10, 20, 30, 40, 50, 60],
    [0, 15, 25, 35, 200, 100, 0],
  ],
  1: [
    [1, 10, 20, 30, 30, 30, 30],
    [1, 15, 25, 35, 185, 75, 221],
  ],
  2: [
    [2, 10, 20, 30, 40, 50, 60],
    [2, 5, 5, 5, 160, 50, 196],
  ],
  3: [
    [3, 10, 20, 30, 35, 40, 45],
    [3, 10, 15, 20, 173, 63, 209],
  ],
  4: [
    [4, 10, 20, 30, 30, 30, 30],
    [4, 5, 5, 5, 160, 50, 196],
  ],
};

describe('png codec', () => {
  it('computes the standard CRC-32 check value', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });

  for (const channels of [3, 4] as const) {
    it(`round-trips ${channels === 3 ? 'RGB' : 'RGBA'} through every encoder filter`, () => {
      const image = testImage(13, 7, channels);
      for (const filter of [0, 1, 2, 3, 4] as const) {
        const decoded = decodePng(encodePng(image, filter));
        assert.deepEqual(decoded, image, `filter ${filter}`);
      }
    });
  }

  for (const filter of [0, 1, 2, 3, 4] as const) {
    it(`decodes hand-filtered scanlines of filter type ${filter}`, () => {
      const decoded = decodePng(pngFromScanlines(2, 2, 3, FILTERED[filter]));
      assert.deepEqual([...decoded.data], PIXELS);
    });
  }

  it('decodes a different filter on each row, RGBA, split over two IDAT chunks', () => {
    // 1×3 RGBA: (1,2,3,4) (5,6,7,8) (9,10,11,12) with filters None, Up, Paeth
    const raw = Buffer.from([0, 1, 2, 3, 4, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    const z = zlib.deflateSync(raw);
    const png = Buffer.concat([
      PNG_SIGNATURE,
      ihdrChunk(1, 3, 4),
      pngChunk('tEXt', Buffer.from('Comment\0ignored')),
      pngChunk('IDAT', z.subarray(0, 5)),
      pngChunk('IDAT', z.subarray(5)),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
    const decoded = decodePng(png);
    assert.equal(decoded.channels, 4);
    assert.deepEqual([...decoded.data], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('rejects broken files as corrupt', () => {
    const good = encodePng(testImage(4, 4, 3));
    rejects(Buffer.from('GIF89a not a png'), 'corrupt');
    rejects(good.subarray(0, good.length - 20), 'corrupt');
    const badCrc = Buffer.from(good);
    badCrc[40] ^= 0xff; // inside IDAT
    rejects(badCrc, 'corrupt');
    rejects(
      pngFromScanlines(2, 2, 3, [
        [5, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
      ]),
      'corrupt',
    );
    rejects(pngFromScanlines(2, 2, 3, [[0, 1, 2, 3]]), 'corrupt');
    rejects(Buffer.concat([PNG_SIGNATURE, pngChunk('IEND', Buffer.alloc(0))]), 'corrupt');
  });

  it('rejects valid PNGs it does not handle as unsupported', () => {
    rejects(
      withIhdr((h) => (h[8] = 16)),
      'unsupported',
    ); // 16-bit
    rejects(
      withIhdr((h) => (h[9] = 3)),
      'unsupported',
    ); // palette
    rejects(
      withIhdr((h) => (h[9] = 0)),
      'unsupported',
    ); // greyscale
    rejects(
      withIhdr((h) => (h[12] = 1)),
      'unsupported',
    ); // interlaced
  });

  it('refuses to encode mismatched pixel data', () => {
    assert.throws(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(5) }), RangeError);
  });
});
