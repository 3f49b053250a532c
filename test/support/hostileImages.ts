// Image files a hostile repository or server would send, built quickly and exactly: a PNG whose
// provenance chunk is a deflate bomb, a PNG announcing more pixels than it holds, and XMP
// packets with character references outside Unicode. Shared by the unit, fuzz and reliability
// tests and the bench.
import { constants, deflateRawSync } from 'node:zlib';
import { PNG_PROVENANCE_KEYWORD } from '../../src/core/publish/embedProvenance';
import { ihdrChunk, PNG_SIGNATURE, pngChunk } from './png';
import { samplePng } from './sampleImage';

const ZEROS_PER_BLOCK = 4 * 1024 * 1024;
/** One non-final deflate block of 4 MiB of zeros, byte-aligned (sync flush), ~4 KB: it can be repeated. */
const ZERO_BLOCK = deflateRawSync(Buffer.alloc(ZEROS_PER_BLOCK), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });

export interface Bomb {
  /** A complete zlib stream (header, blocks, final block, Adler-32). */
  bytes: Buffer;
  /** What it inflates to, in bytes (all zeros). */
  inflatesTo: number;
}

/** A zlib stream of about `compressedBytes` that inflates ~1000 times larger, built without deflating it. */
export function zlibBomb(compressedBytes: number): Bomb {
  const blocks = Math.max(1, Math.floor(compressedBytes / ZERO_BLOCK.length));
  const inflatesTo = blocks * ZEROS_PER_BLOCK;
  // Adler-32 of n zeros: a stays 1, b counts the bytes.
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((inflatesTo % 65521) << 16) | 1) >>> 0);
  const bytes = Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array<Buffer>(blocks).fill(ZERO_BLOCK),
    Buffer.from([0x03, 0x00]),
    adler,
  ]);
  return { bytes, inflatesTo };
}

/** A compressed `iTXt` chunk named `keyword` holding `zlib`. */
export function compressedItxt(keyword: string, zlib: Uint8Array): Buffer {
  // keyword NUL, compression flag 1, method 0, empty language NUL, empty translated keyword NUL
  return pngChunk('iTXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 1, 0, 0, 0]), zlib]));
}

const IEND = pngChunk('IEND', new Uint8Array(0));

/** `png`'s chunks with `extra` before its first IDAT and `trailer` before IEND. */
function withChunks(png: Buffer, extra: readonly Buffer[], trailer: readonly Buffer[] = []): Buffer {
  const idat = png.indexOf('IDAT', 8, 'latin1') - 4;
  const iend = png.length - IEND.length;
  return Buffer.concat([png.subarray(0, idat), ...extra, png.subarray(idat, iend), ...trailer, IEND]);
}

export interface BombPng {
  bytes: Buffer;
  /** What its provenance chunk would inflate to. */
  inflatesTo: number;
  width: number;
  height: number;
}

/**
 * A real 64 × 64 PNG of exactly `fileBytes` whose provenance chunk (`bombBytes` of it, before
 * the pixels, within what a reader may read) inflates ~1000 times larger; the rest is an
 * ancillary chunk after the pixels.
 */
export function bombPng(fileBytes = 1024 * 1024, bombBytes = 500_000): BombPng {
  const base = samplePng(64, 64);
  const bomb = zlibBomb(bombBytes);
  const itxt = compressedItxt(PNG_PROVENANCE_KEYWORD, bomb.bytes);
  const padding = fileBytes - base.length - itxt.length - 12;
  if (padding < 0) throw new Error('bombPng: the file is too small for the bomb');
  const bytes = withChunks(base, [itxt], [pngChunk('ruSt', Buffer.alloc(padding))]);
  return { bytes, inflatesTo: bomb.inflatesTo, width: 64, height: 64 };
}

/** A PNG whose header announces `width` × `height` RGB pixels, with one tiny IDAT (a few rows). */
export function announcedPng(width: number, height: number): Buffer {
  const rows = deflateRawSync(Buffer.alloc(Math.min(width * 3 + 1, 1 << 16)));
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdrChunk(width, height, 3),
    pngChunk('IDAT', Buffer.concat([Buffer.from([0x78, 0x9c]), rows])),
    IEND,
  ]);
}
