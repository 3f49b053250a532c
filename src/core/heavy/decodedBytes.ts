// A long base64 payload's bytes, decoded as its characters come (blobStream.ts): into one buffer
// of the announced size, or one that doubles; with a SpillTarget, into one part-sized buffer
// that goes to a file each time it fills (and is then filled again), so memory holds a part of
// the image, not all of it. A file that cannot be made or written leaves the bytes in memory.
import { readSpilled, SPILL_HEAD_BYTES, SPILL_PART_BYTES, type SpillTarget, type SpillWriter } from './spill';
import type { SpilledBytes } from './spill';

/** Base64's alphabet (without `=`), by character code: 1 + the six bits it stands for, 0 outside it. */
export const ALPHABET = new Uint8Array(256);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach(
  (c, i) => (ALPHABET[c.charCodeAt(0)] = i + 1),
);
const ALPHABET_ONLY = /^[A-Za-z0-9+/]{0,3}$/;
const EQUALS = 0x3d;

/** Room a body chunk's decoded bytes need (a 64 KB socket read holds 48 KB of base64's bytes). */
const NEARLY_FULL_BYTES = 64 * 1024;

/** A payload's first buffer when nothing says how long it can be (a 4K PNG is about 25 MB). */
const UNBOUNDED_START_BYTES = 16 * 1024 * 1024;

export function latin1(b: Uint8Array, from: number, to: number): string {
  return Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1');
}

function view(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** What a decoded payload came to: its bytes in memory, or in a file. */
export type DecodedResult = { bytes: Uint8Array } | { spilled: SpilledBytes };

export class DecodedBytes {
  private buffer: Buffer;
  private size = 0;
  /** Characters short of a whole group of four, held until the next come. */
  private rest = '';
  /** The padded last group as it came (`QR==` decodes as `QQ==` does), and how many bytes it made. */
  private padded: { chars: string; bytes: number } | undefined;
  /** Bytes handed to the file so far (before `buffer`'s). */
  private handed = 0;
  private head: Uint8Array | undefined;
  private writer: SpillWriter | undefined;
  /** Bytes the file holds. */
  private written = 0;
  /** Parts kept in memory once the file could not be made or written. */
  private memory: Uint8Array[] | undefined;
  /** A part-sized buffer whose bytes are in the file: filled next. */
  private spare: Buffer | undefined;
  private io: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private readonly part: number;

  constructor(
    capacity: number | undefined,
    private readonly spill?: SpillTarget,
  ) {
    // Without a bound, room for most images at once: pages never written cost no memory, while
    // each doubling leaves the old buffer behind until the next collection.
    const wanted = Math.max(capacity ?? 0, capacity === undefined ? UNBOUNDED_START_BYTES : 4096);
    this.part = spill?.partBytes ?? SPILL_PART_BYTES;
    this.buffer = Buffer.allocUnsafeSlow(spill ? Math.min(wanted, this.part) : wanted);
  }

  /**
   * What the reader waits for before decoding more, so the disk keeps pace: the part on its way
   * to the file, once the buffer being filled is nearly full too (so two parts' buffers take
   * turns, one filled while the other is written).
   */
  get busy(): Promise<void> | undefined {
    return this.inFlight > 0 && this.size >= this.buffer.byteLength - NEARLY_FULL_BYTES ? this.io : undefined;
  }

  get spilled(): boolean {
    return this.handed > 0;
  }

  add(chars: string): void {
    let from = 0;
    if (this.rest) {
      // The held characters' group made whole on its own: joining them to `chars` would copy all of it.
      from = Math.min(4 - this.rest.length, chars.length);
      const group = this.rest + chars.slice(0, from);
      this.rest = '';
      if (group.length < 4) {
        this.rest = group;
        return;
      }
      this.write(group);
    }
    const whole = from + (chars.length - from) - ((chars.length - from) % 4);
    if (whole > from) this.write(from === 0 && whole === chars.length ? chars : chars.slice(from, whole));
    this.rest = chars.slice(whole);
  }

  /**
   * Base64 characters as bytes (`b[from..to)`, all in the alphabet, no `=`), decoded here: no
   * string is made of a body's megabytes (V8 would grow its young generation to hold them).
   */
  addBytes(b: Uint8Array, from: number, to: number): void {
    let at = from;
    if (this.rest) {
      const k = Math.min(4 - this.rest.length, to - at);
      this.add(latin1(b, at, at + k));
      at += k;
      if (this.rest) return;
    }
    const whole = at + ((to - at) & ~3);
    if (whole > at) {
      this.room(((whole - at) / 4) * 3);
      const out = this.buffer;
      let o = this.size;
      for (let i = at; i < whole; i += 4) {
        const v =
          ((ALPHABET[b[i]] - 1) << 18) |
          ((ALPHABET[b[i + 1]] - 1) << 12) |
          ((ALPHABET[b[i + 2]] - 1) << 6) |
          (ALPHABET[b[i + 3]] - 1);
        out[o++] = v >>> 16;
        out[o++] = (v >>> 8) & 0xff;
        out[o++] = v & 0xff;
      }
      this.size = o;
    }
    if (whole < to) this.rest = latin1(b, whole, to);
  }

  /**
   * Whole groups of four from `b[from..to)` decoded while all four are in the alphabet (one pass:
   * each byte looked up once); where it stopped. Nothing when characters are held from before.
   */
  addGroups(b: Uint8Array, from: number, to: number): number {
    if (this.rest) return from;
    this.room(((to - from) >> 2) * 3);
    const out = this.buffer;
    let o = this.size;
    let i = from;
    for (; i + 4 <= to; i += 4) {
      const w = ALPHABET[b[i]];
      const x = ALPHABET[b[i + 1]];
      const y = ALPHABET[b[i + 2]];
      const z = ALPHABET[b[i + 3]];
      if (w === 0 || x === 0 || y === 0 || z === 0) break;
      const v = ((w - 1) << 18) | ((x - 1) << 12) | ((y - 1) << 6) | (z - 1);
      out[o++] = v >>> 16;
      out[o++] = (v >>> 8) & 0xff;
      out[o++] = v & 0xff;
    }
    this.size = o;
    return i;
  }

  /** Room for `more` bytes: the filled part goes to the file first when spilling, else the buffer grows. */
  private room(more: number): void {
    if (this.spill && this.size > 0 && this.size + more > this.buffer.byteLength) this.handOff();
    const need = this.size + more;
    if (need <= this.buffer.byteLength) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(need, 2 * this.buffer.byteLength));
    grown.set(this.buffer.subarray(0, this.size));
    this.buffer = grown;
  }

  /** The buffer's bytes to the file (whole groups only, so the parts join as base64 does); the spare is filled next. */
  private handOff(): void {
    const full = this.buffer;
    const part = full.subarray(0, this.size);
    // The head is copied: the buffer is refilled once its bytes are in the file.
    const have = this.head?.byteLength ?? 0;
    if (have < SPILL_HEAD_BYTES)
      this.head = view(Buffer.concat([this.head ?? new Uint8Array(0), part.subarray(0, SPILL_HEAD_BYTES - have)]));
    this.handed += this.size;
    this.size = 0;
    this.buffer = this.spare ?? Buffer.allocUnsafeSlow(this.part);
    this.spare = undefined;
    this.inFlight++;
    this.io = this.io.then(async () => {
      const reusable = await this.put(part);
      this.inFlight--;
      if (reusable && full.byteLength === this.part) this.spare ??= full;
    });
  }

  /** One part into the file (made at the first); false when it is kept in memory instead. */
  private async put(part: Uint8Array): Promise<boolean> {
    if (!this.memory && !this.writer) {
      this.writer = await this.spill?.open().catch(() => undefined);
      if (!this.writer) this.memory = [];
    }
    if (this.memory || !this.writer) {
      this.memory?.push(part);
      return false;
    }
    try {
      await this.writer.write(part);
      this.written += part.byteLength;
      return true;
    } catch {
      // A full disk, say: what the file holds is read back at the end, the rest stays here.
      this.memory = [part];
      return false;
    }
  }

  /** Whole groups of four (a slice of a flat string: Node decodes it without another copy here). */
  private write(groups: string): void {
    this.room((groups.length / 4) * 3);
    const written = this.buffer.write(groups, this.size, 'base64');
    // `=` comes only at a payload's end: this group is its last.
    const n = groups.length;
    if (groups.charCodeAt(n - 1) === EQUALS)
      this.padded = { chars: groups.slice(n - 4), bytes: groups.charCodeAt(n - 2) === EQUALS ? 1 : 2 };
    this.size += written;
  }

  /**
   * All of `s` from `from`, when it is nothing but the alphabet, decoded by Node in one native
   * pass (false, nothing taken, when it is not): its decoder skips a character outside the
   * alphabet and stops at `=`, so either leaves fewer bytes than the length promises; `-` and `_`
   * (which it takes as URL-safe base64) are looked for apart.
   */
  addAll(s: string, from: number): boolean {
    const chars = from === 0 ? s : s.slice(from);
    const all = this.rest ? this.rest + chars : chars;
    const whole = all.length - (all.length % 4);
    const expected = (whole / 4) * 3;
    this.room(expected);
    const written =
      whole === 0 ? 0 : this.buffer.write(whole === all.length ? all : all.slice(0, whole), this.size, 'base64');
    // The last characters short of a group are not decoded yet: looked at one by one.
    const tail = all.slice(whole);
    if (written !== expected || chars.includes('-') || chars.includes('_') || !ALPHABET_ONLY.test(tail)) return false;
    this.size += written;
    this.rest = tail;
    return true;
  }

  /** Whether the characters were whole groups of four (so they are bytes). */
  get whole(): boolean {
    return this.rest === '';
  }

  /** The bytes (not spilled), or undefined when the characters were not whole groups of four. */
  bytes(): Uint8Array | undefined {
    if (this.rest !== '') return undefined;
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.size);
  }

  /** A spilled payload's end: the rest to the file, then the file (or, when it failed, the bytes). */
  async result(): Promise<DecodedResult> {
    if (this.size > 0) this.handOff();
    await this.io;
    if (this.memory) return { bytes: await this.gathered() };
    const file = await (this.writer as SpillWriter).close();
    return { spilled: { size: this.handed, head: this.head ?? new Uint8Array(0), file } };
  }

  /** A spilled payload's characters as they came (it was not one after all); the file goes. */
  async spilledText(): Promise<string> {
    if (this.size > 0) this.handOff();
    await this.io;
    const all = await this.gathered();
    return this.textOf(all);
  }

  /** Every spilled byte in memory, what the file held read back; the file goes. */
  private async gathered(): Promise<Uint8Array> {
    const writer = this.writer;
    this.writer = undefined;
    const parts = this.memory ?? [];
    if (!writer) return view(Buffer.concat(parts));
    try {
      const file = await writer.close();
      const front = await readSpilled({ size: this.written, head: new Uint8Array(0), file });
      return parts.length === 0 ? front : view(Buffer.concat([front, ...parts]));
    } finally {
      await writer.discard().catch(() => undefined);
    }
  }

  /** Removes the file of a payload nobody will read (the answer failed on its way). */
  async abandon(): Promise<void> {
    await this.io;
    await this.writer?.discard().catch(() => undefined);
    this.writer = undefined;
  }

  /** The characters as they came (JSON's `\/` as `/`): for a payload that is not one after all. */
  text(): string {
    return this.textOf(this.buffer.subarray(0, this.size));
  }

  private textOf(bytes: Uint8Array): string {
    const last = this.padded;
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const plain = b.subarray(0, b.byteLength - (last?.bytes ?? 0)).toString('base64');
    return plain + (last?.chars ?? '') + this.rest;
  }
}
