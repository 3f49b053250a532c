// jsonBlobs' cut made as an answer arrives: the long base64 payloads of a JSON body (read as its
// raw text, escapes and all) or of a streamed text are decoded piece by piece into bytes (with a
// spill target, into a file beside the images: decodedBytes.ts) and a short token is left in their
// place, so neither the whole body nor the megabyte strings JSON.parse would make of it ever exist. What is cut is what parseJsonWithBlobs cuts out of the same answer
// parsed: a data URL's payload of BLOB_MIN_CHARS or more, or a whole string (`b64_json`; in a
// stream, the whole text) of nothing but base64; anything that turns out not to be one is left as
// it came.
import { TextDecoder } from 'node:util';
import type { DecodedDataUrl } from '../images/dataUrl';
import { ALPHABET, DecodedBytes } from './decodedBytes';
import { BLOB_MIN_CHARS, blobToken, type TextWithBlobs } from './jsonBlobs';
import type { SpillTarget } from './spill';

/** `json`: the raw text of a JSON body (payloads inside its strings); `text`: one long text (a stream's joined deltas). */
export type BlobStreamMode = 'json' | 'text';

/**
 * Tokens numbered apart from the worker's (jsonBlobs counts from 0): a cut text still large is
 * parsed there, and may have a payload of its own cut (one written with JSON escapes besides `\/`).
 */
const STREAMED_TOKENS_FROM = 5_000_000_000;

/** The longest `data:<mime>;params,` header taken (as jsonBlobs' DATA: 100 + 5 × 61, with JSON's `\/` twice as long). */
const MAX_HEADER_CHARS = 5 + 2 * (100 + 5 * 61) + 1;

const NOT_ALPHABET = /[^A-Za-z0-9+/]/g;

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
  /** Where a payload's bytes go beyond a part (spill.ts); without it they are held in memory. */
  spill?: SpillTarget;
}

export class BlobStream {
  private readonly blobs = new Map<string, DecodedDataUrl>();
  private readonly out: string[] = [];
  /** Spilled payloads being finished: each sets its blob (or its text in `out`) when done. */
  private readonly settling: Promise<void>[] = [];
  /** Every payload decoded with a spill target: when the read fails, whatever file each began goes. */
  private readonly begun = new Set<DecodedBytes>();
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

  /**
   * While a payload's bytes are on their way to the file: what to wait for before pushing more,
   * so at most a part or two is held (a few microseconds' wait on a fast disk).
   */
  writing(): Promise<void> | undefined {
    return this.payload?.bytes?.busy;
  }

  /** The text with the payloads cut out, and the payloads' bytes (or files) by token. */
  async end(): Promise<TextWithBlobs> {
    if (this.decoder) this.push(this.decoder.decode());
    this.scan(true);
    await Promise.all(this.settling);
    this.begun.clear();
    return { text: this.out.join(''), blobs: this.blobs };
  }

  /** The answer failed on its way: the files of its payloads go (none is left in the folder). */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.settling);
    // Every spilled blob's file is one of these payloads'.
    for (const b of this.begun) await b.abandon();
    this.begun.clear();
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
          p.bytes = new DecodedBytes(
            left === undefined ? undefined : Math.ceil((left + raw.length) * 0.75),
            this.options.spill,
          );
          if (this.options.spill) this.begun.add(p.bytes);
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
    const decoded = p.bytes;
    if (decoded?.spilled) {
      this.finishSpilled(p.mime, decoded, decoded.whole && (p.kind === 'dataUrl' || endsString));
      return;
    }
    const bytes = decoded?.bytes();
    if (bytes && (p.kind === 'dataUrl' || endsString)) {
      const token = blobToken(STREAMED_TOKENS_FROM + this.blobs.size);
      this.blobs.set(token, { mime: p.mime, bytes });
      this.emit(token);
    } else {
      // A long string that goes on, a length base64 cannot have: as jsonBlobs leaves it.
      this.emit(p.bytes?.text() ?? '');
    }
  }

  /** finish for a payload partly in its file: the token (or a place for its text) now, what it stands for once written. */
  private finishSpilled(mime: string, decoded: DecodedBytes, isPayload: boolean): void {
    if (isPayload) {
      const token = blobToken(STREAMED_TOKENS_FROM + this.blobs.size);
      // Held until its file is ready, so the numbering stays in the order the payloads came.
      this.blobs.set(token, { mime, bytes: new Uint8Array(0) });
      this.emit(token);
      this.settle(decoded.result().then((r) => void this.blobs.set(token, { mime, ...r })));
    } else {
      const at = this.out.push('') - 1;
      this.settle(decoded.spilledText().then((t) => void (this.out[at] = t)));
    }
  }

  private settle(done: Promise<void>): void {
    // Awaited at end (or abandon); until then a failure must not count as unhandled.
    done.catch(() => undefined);
    this.settling.push(done);
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

/** JSON's escaped slash as the slash it stands for (the only escape a payload may hold). */
function unescaped(s: string): string {
  return s.includes('\\') ? s.replace(/\\\//g, '/') : s;
}
