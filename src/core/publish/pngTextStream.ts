// writePngText for a PNG that arrives in pieces: the same iTXt chunk before the first IDAT (or
// IEND), the same chunks of that keyword dropped, nothing kept after IEND, so the bytes that
// come out are exactly writePngText's. Only a little is held back (the first 26 bytes of each
// chunk, to know its type and keyword); the rest passes through as it comes, uncopied.
import { itxtChunk } from './pngText';

/**
 * `embedded`: the chunk is in (as writePngText would have it). `unreadable`: not a PNG that
 * writePngText writes into; what came out is the bytes unchanged. `malformed`: its last chunk
 * is cut short, which writePngText finds only at the end: what came out must be thrown away.
 */
export type PngTextOutcome = 'embedded' | 'unreadable' | 'malformed';

const SIGNATURE = 8;
/** Length, type and CRC: a chunk shorter than this at the end is dropped, as writePngText does. */
const CHUNK_MIN = 12;

export class PngTextStream {
  private readonly keyword: Uint8Array;
  private readonly ours: Uint8Array;
  /** The signature or a chunk's start, when it spans two pieces: held until it can be decided. */
  private held: Uint8Array = new Uint8Array(0);
  private phase: 'signature' | 'head' | 'body' | 'raw' | 'done' = 'signature';
  private chunks = 0;
  private inserted = false;
  /** Bytes of the current chunk still to come, whether they pass, and whether it is IEND. */
  private left = 0;
  private pass = true;
  private ended = false;

  constructor(keyword: string, text: string) {
    this.keyword = Buffer.from(keyword, 'latin1');
    this.ours = itxtChunk(keyword, text);
  }

  /**
   * What to write for `bytes`: views of it where they pass unchanged (one per run, however many
   * chunks it holds, so a PNG of a million tiny chunks is still a few writes), our chunk, and a
   * held chunk start.
   */
  push(bytes: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let runFrom = -1;
    const flush = (to: number): void => {
      if (runFrom >= 0 && to > runFrom) out.push(bytes.subarray(runFrom, to));
      runFrom = -1;
    };
    let at = 0;
    while (at < bytes.byteLength) {
      const avail = bytes.byteLength - at;
      if (this.phase === 'raw') {
        if (runFrom < 0) runFrom = at;
        at = bytes.byteLength;
      } else if (this.phase === 'done') {
        flush(at);
        at = bytes.byteLength;
      } else if (this.phase === 'body') {
        const n = Math.min(this.left, avail);
        if (this.pass) runFrom = runFrom < 0 ? at : runFrom;
        else flush(at);
        at += n;
        this.left -= n;
        if (this.left === 0) this.phase = this.ended ? 'done' : 'head';
      } else if (this.phase === 'signature' || this.held.byteLength > 0 || avail < this.needOf(bytes, at, avail)) {
        // Spans the end of this piece: held, then decided once enough has come.
        flush(at);
        const start = this.held.byteLength >= 8 ? this.held : concat(this.held, bytes.subarray(at, at + 8));
        const need = this.phase === 'signature' ? SIGNATURE : this.needOf(start, 0, start.byteLength);
        const take = Math.min(need - this.held.byteLength, avail);
        this.held = concat(this.held, bytes.subarray(at, at + take));
        at += take;
        if (
          this.held.byteLength <
          (this.phase === 'signature' ? SIGNATURE : this.needOf(this.held, 0, this.held.byteLength))
        )
          continue;
        const held = this.held;
        this.held = new Uint8Array(0);
        if (this.phase === 'signature') {
          out.push(held);
          this.phase = 'head';
          continue;
        }
        const decided = this.decide(held, 0);
        if (decided === 'insert') out.push(this.ours);
        if (decided === 'raw' || this.pass) out.push(held);
        if (decided === 'raw') continue;
        this.left -= held.byteLength;
        if (this.left === 0) this.phase = this.ended ? 'done' : 'head';
      } else {
        // The chunk's start is all here: decided in place, its bytes left for the body to pass or drop.
        if (this.decide(bytes, at) === 'insert') {
          flush(at);
          out.push(this.ours);
        }
      }
    }
    flush(bytes.byteLength);
    return out;
  }

  /** What to write at the end, and whether the chunk went in. */
  end(): { parts: Uint8Array[]; outcome: PngTextOutcome } {
    if (this.phase === 'raw') return { parts: [], outcome: 'unreadable' };
    if (this.phase === 'done') return { parts: [], outcome: 'embedded' };
    // A decided chunk had at least its length, type and CRC's worth: cut short.
    if (this.phase === 'body') return { parts: [], outcome: 'malformed' };
    if (this.phase === 'signature' || this.chunks === 0) {
      // No whole first chunk: writePngText finds no IHDR and leaves the bytes as they are.
      return { parts: this.held.byteLength ? [this.held] : [], outcome: 'unreadable' };
    }
    // A chunk's start shorter than its length, type and CRC is dropped; longer, it is cut short.
    return { parts: [], outcome: this.held.byteLength >= CHUNK_MIN ? 'malformed' : 'embedded' };
  }

  /** How many bytes of a chunk's start (at `at` in `b`, `avail` there) decide it: 12, or for an iTXt long enough, up to its keyword's NUL. */
  private needOf(b: Uint8Array, at: number, avail: number): number {
    if (avail < 8) return CHUNK_MIN;
    if (typeAt(b, at) === ITXT && lengthAt(b, at) >= this.keyword.byteLength + 1)
      return Math.max(CHUNK_MIN, 8 + this.keyword.byteLength + 1);
    return CHUNK_MIN;
  }

  /**
   * A chunk starts at `at` in `b` (which holds at least needOf of it): pass it, drop it, or give
   * up on the PNG (`raw`); `insert`: our chunk goes first. Numbers, not strings: a hostile PNG of
   * millions of empty chunks is decided at memory speed.
   */
  private decide(b: Uint8Array, at: number): 'raw' | 'insert' | 'chunk' {
    const type = typeAt(b, at);
    const len = lengthAt(b, at);
    this.chunks++;
    if (this.chunks === 1 && type !== IHDR) {
      // writePngText leaves such bytes alone: so does this, from here on.
      this.phase = 'raw';
      return 'raw';
    }
    this.pass = !(type === ITXT && len >= this.keyword.byteLength + 1 && this.keywordAt(b, at + 8));
    this.left = CHUNK_MIN + len;
    this.ended = type === IEND;
    this.phase = 'body';
    if (this.pass && !this.inserted && (type === IDAT || type === IEND)) {
      this.inserted = true;
      return 'insert';
    }
    return 'chunk';
  }

  /** Whether our keyword and its NUL start at `at`. */
  private keywordAt(b: Uint8Array, at: number): boolean {
    const k = this.keyword;
    for (let i = 0; i < k.byteLength; i++) if (b[at + i] !== k[i]) return false;
    return b[at + k.byteLength] === 0;
  }
}

const IHDR = 0x49484452;
const IDAT = 0x49444154;
const IEND = 0x49454e44;
const ITXT = 0x69545874;

function lengthAt(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

function typeAt(b: Uint8Array, at: number): number {
  return lengthAt(b, at + 4);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
