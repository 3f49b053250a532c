// jsonBlobs' cut made as an answer arrives: the long base64 payloads of a JSON body (read as its
// raw text, escapes and all) or of a streamed text are decoded piece by piece into bytes and a
// short token is left in their place, so neither the whole body nor the megabyte strings JSON.parse
// would make of it ever exist. What is cut is what parseJsonWithBlobs cuts out of the same answer
// parsed: a data URL's payload of BLOB_MIN_CHARS or more, or a whole string (`b64_json`; in a
// stream, the whole text) of nothing but base64; anything that turns out not to be one is left as
// it came.
import { TextDecoder } from 'node:util';
import type { DecodedDataUrl } from '../images/dataUrl';
import { BLOB_MIN_CHARS, blobToken, type TextWithBlobs } from './jsonBlobs';

/** `json`: the raw text of a JSON body (payloads inside its strings); `text`: one long text (a stream's joined deltas). */
export type BlobStreamMode = 'json' | 'text';

/**
 * Tokens numbered apart from the worker's (jsonBlobs counts from 0): a cut text still large is
 * parsed there, and may have a payload of its own cut (one written with JSON escapes besides `\/`).
 */
const STREAMED_TOKENS_FROM = 5_000_000_000;

/** The longest `data:<mime>;params,` header taken (as jsonBlobs' DATA: 100 + 5 × 61, with JSON's `\/` twice as long). */
const MAX_HEADER_CHARS = 5 + 2 * (100 + 5 * 61) + 1;

/** Base64's alphabet (without `=`), by character code: 1 + the six bits it stands for, 0 outside it. */
const ALPHABET = new Uint8Array(256);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach(
  (c, i) => (ALPHABET[c.charCodeAt(0)] = i + 1),
);

const NOT_ALPHABET = /[^A-Za-z0-9+/]/g;
const ALPHABET_ONLY = /^[A-Za-z0-9+/]{0,3}$/;

/**
 * Where the run of base64 characters from `at` in `s` ends: the first character outside the
 * alphabet, found by the regex engine (one class, no repetition: a `[…]*` over a megabyte would
 * have V8's regex engine keep a backtrack stack of tens of megabytes).
 */
function alphabetRunEnd(s: string, at: number): number {
  NOT_ALPHABET.lastIndex = at;
  return NOT_ALPHABET.exec(s)?.index ?? s.length;
}

/** alphabetRunEnd over bytes (a JSON body's UTF-8, where the alphabet is ASCII). */
function alphabetRunEndIn(b: Uint8Array, at: number, to: number): number {
  let i = at;
  while (i < to && ALPHABET[b[i]] !== 0) i++;
  return i;
}
const TEXT_HEADER = /data:([^,;\s()<>]{0,100})((?:;[^,;\s()<>]{0,60}){0,5}),/iy;
// In a JSON string a header ends with the string: no quote, no escape but `\/`.
const JSON_HEADER = /data:((?:[^,;\s()<>"\\]|\\\/){0,100})((?:;(?:[^,;\s()<>"\\]|\\\/){0,60}){0,5}),/iy;
const JSON_SPECIAL = /["\\]|data:/gi;
const TEXT_SPECIAL = /data:/gi;
const EQUALS = 0x3d;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const QUOTE = 0x22;

/** A payload's first buffer when nothing says how long it can be (a 4K PNG is about 25 MB). */
const UNBOUNDED_START_BYTES = 16 * 1024 * 1024;

/**
 * Decoded bytes, written as their characters come: into one buffer of the announced size when the
 * caller knows an upper bound (a body's Content-Length), else one that doubles.
 */
class DecodedBytes {
  private buffer: Buffer;
  private size = 0;
  /** Characters short of a whole group of four, held until the next come. */
  private rest = '';
  /** The padded last group as it came (`QR==` decodes as `QQ==` does), and how many bytes it made. */
  private padded: { chars: string; bytes: number } | undefined;

  constructor(capacity: number | undefined) {
    // Without a bound, room for most images at once: pages never written cost no memory, while
    // each doubling leaves the old buffer behind until the next collection.
    this.buffer = Buffer.allocUnsafeSlow(
      Math.max(capacity ?? 0, capacity === undefined ? UNBOUNDED_START_BYTES : 4096),
    );
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

  private room(more: number): void {
    const need = this.size + more;
    if (need <= this.buffer.byteLength) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(need, 2 * this.buffer.byteLength));
    grown.set(this.buffer.subarray(0, this.size));
    this.buffer = grown;
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

  /** The bytes, or undefined when the characters were not whole groups of four. */
  bytes(): Uint8Array | undefined {
    if (this.rest !== '') return undefined;
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.size);
  }

  /** The characters as they came (JSON's `\/` as `/`): for a payload that is not one after all. */
  text(): string {
    const last = this.padded;
    const plain = this.buffer.subarray(0, this.size - (last?.bytes ?? 0)).toString('base64');
    return plain + (last?.chars ?? '') + this.rest;
  }
}

interface Payload {
  kind: 'whole' | 'dataUrl';
  mime: string;
  /** Payload characters so far (JSON's `\/` counted as one). */
  chars: number;
  /** `=` seen at its end (at most two, as jsonBlobs' BASE64_RUN takes). */
  pad: number;
  /**
   * Until it is long enough to cut, its raw text so far, piece by piece (kept apart from `pending`,
   * so a payload arriving in tiny pieces is not joined again with every one).
   */
  parts: string[];
  /** Where it starts in the text being scanned, when it started there (-1: in an earlier piece). */
  startHere: number;
  /** Once it is long enough: its bytes so far. */
  bytes?: DecodedBytes;
}

export interface BlobStreamOptions {
  /**
   * At most how many more characters can come (a body's announced length less what has come);
   * a payload's buffer is then made that size once instead of growing.
   */
  charsLeft?: () => number | undefined;
}

export class BlobStream {
  private readonly blobs = new Map<string, DecodedDataUrl>();
  private readonly out: string[] = [];
  private pending = '';
  private state: 'outside' | 'inString' | 'payload';
  private payload: Payload | undefined;
  /** JSON: at a string's first character (a whole-string payload may start here). */
  private stringStart = false;
  /** pushBytes' decoder (ignoreBOM: a byte order mark stays, and JSON.parse refuses it, as it always did). */
  private decoder: TextDecoder | undefined;

  constructor(
    private readonly mode: BlobStreamMode,
    private readonly options: BlobStreamOptions = {},
  ) {
    this.state = mode === 'json' ? 'outside' : 'inString';
    this.stringStart = mode === 'text';
  }

  push(piece: string): void {
    if (piece.length === 0) return;
    this.pending = this.pending ? this.pending + piece : piece;
    this.scan(false);
  }

  /**
   * A piece of a UTF-8 body (json mode). While a long payload is being cut its bytes are decoded
   * straight from `bytes`; only the rest is made text.
   */
  pushBytes(bytes: Uint8Array): void {
    let at = 0;
    const p = this.payload;
    if (this.state === 'payload' && p?.bytes && this.pending === '') {
      at = this.runBytes(bytes, p);
      if (at < 0) return;
    }
    this.push(
      (this.decoder ??= new TextDecoder('utf-8', { ignoreBOM: true })).decode(at === 0 ? bytes : bytes.subarray(at), {
        stream: true,
      }),
    );
  }

  /** The text with the payloads cut out, and the payloads' bytes by token. */
  end(): TextWithBlobs {
    if (this.decoder) this.push(this.decoder.decode());
    this.scan(true);
    return { text: this.out.join(''), blobs: this.blobs };
  }

  private emit(s: string): void {
    if (s.length > 0) this.out.push(s);
  }

  private startPayload(kind: Payload['kind'], mime: string, at: number): void {
    this.payload = { kind, mime, chars: 0, pad: 0, parts: [], startHere: at };
    this.state = 'payload';
  }

  /** Works through `pending` as far as it can be decided; `final`: nothing more comes. */
  private scan(final: boolean): void {
    let s = this.pending;
    let i = 0;
    while (i < s.length || (final && this.state === 'payload')) {
      if (this.state === 'outside') {
        const q = s.indexOf('"', i);
        const to = q < 0 ? s.length : q + 1;
        this.emit(s.slice(i, to));
        i = to;
        if (q >= 0) {
          this.state = 'inString';
          this.stringStart = true;
        }
        continue;
      }
      if (this.state === 'inString') {
        if (this.stringStart) {
          this.stringStart = false;
          this.startPayload('whole', 'application/octet-stream', i);
          continue;
        }
        const special = this.mode === 'json' ? JSON_SPECIAL : TEXT_SPECIAL;
        special.lastIndex = i;
        const m = special.exec(s);
        if (!m) {
          // A `data:` may be cut across pieces: its first four characters wait for the next.
          const keep = final ? s.length : Math.max(i, s.length - 4);
          this.emit(s.slice(i, keep));
          i = keep;
          break;
        }
        this.emit(s.slice(i, m.index));
        i = m.index;
        const c = s.charCodeAt(i);
        if (c === QUOTE) {
          this.emit('"');
          i++;
          this.state = 'outside';
        } else if (c === BACKSLASH) {
          if (i + 1 >= s.length && !final) break;
          this.emit(s.slice(i, i + 2));
          i += 2;
        } else {
          const header = this.mode === 'json' ? JSON_HEADER : TEXT_HEADER;
          header.lastIndex = i;
          const h = header.exec(s);
          if (!h) {
            if (!final && s.length - i < MAX_HEADER_CHARS) break;
            this.emit(s.slice(i, i + 5));
            i += 5;
            continue;
          }
          this.emit(h[0]);
          i += h[0].length;
          if (/;base64$/i.test(h[2] ?? ''))
            this.startPayload('dataUrl', (h[1] ?? '').replace(/\\\//g, '/').toLowerCase() || 'text/plain', i);
        }
        continue;
      }
      // A payload: its characters, as far as they go in `s`.
      const p = this.payload as Payload;
      // Most pieces of a long payload are nothing else: taken whole, without looking at each character.
      if (p.bytes && p.pad === 0 && i < s.length && p.bytes.addAll(s, i)) {
        p.chars += s.length - i;
        i = s.length;
        if (!final) break;
      }
      const run = this.run(s, i, p);
      if (p.bytes) {
        p.bytes.add(unescaped(s.slice(i, run.to)));
      } else {
        if (run.to > i) p.parts.push(s.slice(i, run.to));
        if (p.chars >= BLOB_MIN_CHARS) {
          // Long enough: from here on decoded as it comes, its text dropped.
          const raw = p.parts.join('');
          const left = this.options.charsLeft?.();
          p.bytes = new DecodedBytes(left === undefined ? undefined : Math.ceil((left + raw.length) * 0.75));
          p.bytes.add(unescaped(raw));
          p.parts = [];
        }
      }
      i = run.to;
      if (!run.ended && !final) break;
      // Its end: a whole string's payload must end the string, and whatever it is must decode.
      const endsString = this.mode === 'json' ? s.charCodeAt(i) === QUOTE : i >= s.length;
      if (p.bytes) {
        this.finish(p, endsString);
        continue;
      }
      this.state = 'inString';
      this.payload = undefined;
      if (p.kind === 'dataUrl') {
        this.emit(p.parts.join(''));
      } else if (p.startHere >= 0) {
        // Too short to cut: scanned again as the string's text (a `data:` may start in it).
        i = p.startHere;
      } else {
        // The same, for one begun in an earlier piece: only its last four characters can start a
        // `data:`, so only they are scanned again.
        const raw = p.parts.join('');
        this.emit(raw.slice(0, -4));
        s = raw.slice(-4) + s.slice(i);
        i = 0;
      }
    }
    // What is not decided yet (a `data:`'s start, an escape's backslash) waits for the next piece.
    this.pending = s.slice(i);
    if (this.payload) this.payload.startHere = -1;
  }

  /** A payload long enough to cut has ended: its token, or (not one after all) its text as it came. */
  private finish(p: Payload, endsString: boolean): void {
    this.state = 'inString';
    this.payload = undefined;
    const bytes = p.bytes?.bytes();
    if (bytes && (p.kind === 'dataUrl' || endsString)) {
      const token = blobToken(STREAMED_TOKENS_FROM + this.blobs.size);
      this.blobs.set(token, { mime: p.mime, bytes });
      this.emit(token);
    } else {
      // A long string that goes on, a length base64 cannot have: as jsonBlobs leaves it.
      this.emit(p.bytes?.text() ?? '');
    }
  }

  /**
   * A cut payload's characters straight from a body's bytes: where they stop in `b` (the rest is
   * text), or -1 when all of `b` was payload.
   */
  private runBytes(b: Uint8Array, p: Payload): number {
    const decoded = p.bytes as DecodedBytes;
    let at = 0;
    for (;;) {
      if (p.pad === 0) {
        const groups = decoded.addGroups(b, at, b.byteLength);
        p.chars += groups - at;
        at = groups;
        const end = alphabetRunEndIn(b, at, b.byteLength);
        decoded.addBytes(b, at, end);
        p.chars += end - at;
        at = end;
      }
      if (at >= b.byteLength) return -1;
      const c = b[at];
      if (c === EQUALS && p.pad < 2) {
        decoded.add('=');
        p.pad++;
        p.chars++;
        at++;
        continue;
      }
      if (c === BACKSLASH && p.pad === 0) {
        // `\/` split from its slash: left for the text path with the next piece.
        if (at + 1 >= b.byteLength) return at;
        if (b[at + 1] === SLASH) {
          decoded.add('/');
          p.chars++;
          at += 2;
          continue;
        }
      }
      this.finish(p, c === QUOTE);
      return at;
    }
  }

  /** Scans payload characters of `s` from `from`: where they stop, and whether the payload ended there (not just the piece). */
  private run(s: string, from: number, p: Payload): { to: number; ended: boolean } {
    let at = from;
    for (;;) {
      if (p.pad === 0) {
        const end = alphabetRunEnd(s, at);
        p.chars += end - at;
        at = end;
      }
      if (at >= s.length) return { to: at, ended: false };
      const c = s.charCodeAt(at);
      if (c === EQUALS && p.pad < 2) {
        p.pad++;
        p.chars++;
        at++;
        continue;
      }
      if (this.mode === 'json' && c === BACKSLASH && p.pad === 0) {
        if (at + 1 >= s.length) return { to: at, ended: false };
        if (s.charCodeAt(at + 1) === SLASH) {
          p.chars++;
          at += 2;
          continue;
        }
      }
      return { to: at, ended: true };
    }
  }
}

function latin1(b: Uint8Array, from: number, to: number): string {
  return Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1');
}

/** JSON's escaped slash as the slash it stands for (the only escape a payload may hold). */
function unescaped(s: string): string {
  return s.includes('\\') ? s.replace(/\\\//g, '/') : s;
}
