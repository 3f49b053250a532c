// The answer's long base64 payloads cut out as it arrives (blobStream.ts) against the cut made of
// the whole answer parsed (jsonBlobs' parseJsonWithBlobs, the worker's): whatever the answer and
// however it is split into pieces (as text or as UTF-8 bytes, cut inside headers, escapes and
// multi-byte characters), the same payloads come out as the same bytes, and the text with them
// put back is the answer as sent.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BlobStream } from '../../src/core/heavy/blobStream';
import { BLOB_MIN_CHARS, blobFor, parseJsonWithBlobs, type Blobs } from '../../src/core/heavy/jsonBlobs';
import { rng } from '../../bench/fixtures';
import { inMemory, MemorySpill } from '../support/memorySpill';
import { hostileText, params, RUNS } from '../support/fuzz';

const TOKEN = /GeekAIblob\d{10}/g;

/** Base64 of `bytes` pseudo-random bytes (deterministic per seed). */
function base64(bytes: number, seed: number): string {
  const next = rng(seed);
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = Math.floor(next() * 256);
  return b.toString('base64');
}

type BytesOf = (b: Blobs extends ReadonlyMap<string, infer D> ? D | undefined : never) => Uint8Array;

/** `s` with every token put back as the base64 of its bytes. */
function restored(s: string, blobs: Blobs, bytesOf: BytesOf = inMemory): string {
  return s.replace(TOKEN, (t) => {
    const b = blobs.get(t);
    assert.ok(b, `a token with no bytes: ${t}`);
    return Buffer.from(bytesOf(b)).toString('base64');
  });
}

function restoredValue(v: unknown, blobs: Blobs, bytesOf: BytesOf = inMemory): unknown {
  if (typeof v === 'string') return restored(v, blobs, bytesOf);
  if (Array.isArray(v)) return v.map((x) => restoredValue(x, blobs, bytesOf));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restoredValue(x, blobs, bytesOf)]));
  return v;
}

/** No spill, or one whose parts are small enough that the fuzzed payloads go to several files' worth. */
const spillParts = fc.option(fc.constantFrom(3000, 4096, 10_001, 65_536), { nil: undefined });

/** Around the cut-off (either side of BLOB_MIN_CHARS), or well past it. */
const payloadBytes = fc.oneof(
  fc.integer({ min: 10, max: 2000 }),
  fc.integer({ min: (BLOB_MIN_CHARS * 3) / 4 - 40, max: (BLOB_MIN_CHARS * 3) / 4 + 40 }),
  fc.integer({ min: 60_000, max: 120_000 }),
);

/** A piece of an answer's text: words, or a data URL (good, cut short, wrongly padded, oddly headed). */
const textPart = fc.oneof(
  { weight: 2, arbitrary: hostileText(12) },
  {
    weight: 3,
    arbitrary: fc
      .record({
        n: payloadBytes,
        seed: fc.integer(),
        tail: fc.constantFrom('', '', 'Q', 'QQ=', '=', '===', '\n', ' more'),
        header: fc.constantFrom(
          'data:image/png;base64,',
          'DATA:image/webp;BASE64,',
          'data:image/jpeg;name=a.jpg;base64,',
          'data:;base64,',
          'data:image/png,',
        ),
      })
      .map(({ n, seed, tail, header }) => `![图](${header}${base64(n, seed)}${tail})`),
  },
);

/** A string value of the answer: words and data URLs, or nothing but base64 (`b64_json`), maybe going on after it. */
const stringValue = fc.oneof(
  fc.array(textPart, { maxLength: 4 }).map((p) => p.join('')),
  fc
    .record({ n: payloadBytes, seed: fc.integer(), after: fc.constantFrom('', '', 'Q', ' words', '数据') })
    .map(({ n, seed, after }) => base64(n, seed) + after),
);

const answer = fc.record({
  content: stringValue,
  b64: stringValue,
  note: hostileText(8),
  extra: fc.array(stringValue, { maxLength: 2 }),
});

/** Where to cut `length` units into pieces: tiny pieces (every boundary tried), or socket-sized ones. */
const cuts = fc.oneof(
  fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 40 }),
  fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 8 }),
);

function pieces<T extends string | Uint8Array>(whole: T, sizes: readonly number[]): T[] {
  const out: T[] = [];
  for (let at = 0, i = 0; at < whole.length; i++) {
    const n = sizes[i % sizes.length] ?? 1;
    out.push(whole.slice(at, at + n) as T);
    at += n;
  }
  return out;
}

describe('blobStream: payloads cut out as the answer arrives', () => {
  it('a JSON body, as text or as bytes, slashes escaped or not, spilled or not: the same payloads as the whole answer parsed, and the answer as sent once put back', async () => {
    await fc.assert(
      fc.asyncProperty(
        answer,
        cuts,
        fc.boolean(),
        fc.boolean(),
        spillParts,
        async (a, sizes, asBytes, escapeSlashes, part) => {
          const value = {
            id: 'chatcmpl-1',
            choices: [{ message: { role: 'assistant', content: a.content, images: [{ b64_json: a.b64 }] } }],
            note: a.note,
            extra: a.extra,
          };
          let json = JSON.stringify(value);
          if (escapeSlashes) json = json.replace(/\//g, '\\/');
          // What a server's UTF-8 says (a lone surrogate becomes U+FFFD on the way).
          const bytes = Buffer.from(json, 'utf8');
          const sent = bytes.toString('utf8');
          const spill = part === undefined ? undefined : new MemorySpill(part);
          const bytesOf: BytesOf = spill ? (b) => spill.bytesOf(b) : inMemory;
          const cut = new BlobStream('json', { spill });
          const push = async (p: Uint8Array | string): Promise<void> => {
            if (typeof p === 'string') cut.push(p);
            else cut.pushBytes(p);
            await cut.writing();
          };
          if (asBytes) for (const p of pieces(new Uint8Array(bytes), sizes)) await push(p);
          else for (const p of pieces(sent, sizes)) await push(p);
          const got = await cut.end();
          const whole = parseJsonWithBlobs(sent);
          assert.equal(got.blobs.size, whole.blobs.size, 'as many payloads cut as the worker cuts');
          assert.deepEqual(restoredValue(JSON.parse(got.text), got.blobs, bytesOf), JSON.parse(sent));
          assert.deepEqual(
            [...got.blobs.values()].map((b) => [b.mime, Buffer.from(bytesOf(b)).toString('base64')]),
            [...whole.blobs.values()].map((b) => [b.mime, Buffer.from(inMemory(b)).toString('base64')]),
            'the same bytes and types, in order',
          );
          for (const b of got.blobs.values())
            assert.ok(Buffer.from(bytesOf(b)).toString('base64').length >= BLOB_MIN_CHARS);
          if (spill) {
            const spilled = [...got.blobs.values()].filter((b) => 'spilled' in b);
            assert.equal(spill.left, spilled.length, 'a file for each spilled payload, none for what was not one');
            for (const b of spilled)
              if ('spilled' in b)
                assert.ok(Buffer.from(b.spilled.head).equals(Buffer.from(bytesOf(b)).subarray(0, 64 * 1024)));
          }
        },
      ),
      params({ numRuns: Math.ceil(RUNS * 0.4) }),
    );
  });

  it('a streamed text, in deltas of any size, spilled or not: the same payloads as the worker cuts of the joined text', async () => {
    await fc.assert(
      fc.asyncProperty(stringValue, cuts, spillParts, async (text, sizes, part) => {
        const spill = part === undefined ? undefined : new MemorySpill(part);
        const cut = new BlobStream('text', { spill });
        for (const p of pieces(text, sizes)) {
          cut.push(p);
          await cut.writing();
        }
        const got = await cut.end();
        const whole = parseJsonWithBlobs(JSON.stringify(text));
        assert.equal(got.blobs.size, whole.blobs.size);
        assert.equal(restored(got.text, got.blobs, spill ? (b) => spill.bytesOf(b) : inMemory), text);
        assert.equal(restored(whole.value as string, whole.blobs), text);
      }),
      params({ numRuns: Math.ceil(RUNS * 0.4) }),
    );
  });

  it('a 3 MB image in a data URL: a few hundred characters of text left, and the bytes exactly', async () => {
    const image = Buffer.from(base64(3 * 1024 * 1024, 7), 'base64');
    const json = JSON.stringify({
      choices: [{ message: { content: `好的 ![cat](data:image/png;base64,${image.toString('base64')}) 完成` } }],
    });
    const bytes = Buffer.from(json);
    // As an announced body: the payload's buffer made once, of the size the body can still hold.
    let read = 0;
    const cut = new BlobStream('json', { charsLeft: () => bytes.length - read });
    for (let at = 0; at < bytes.length; at += 64 * 1024) {
      const piece = bytes.subarray(at, at + 64 * 1024);
      read += piece.length;
      cut.pushBytes(piece);
    }
    const got = await cut.end();
    assert.ok(got.text.length < 200, `${got.text.length} characters left`);
    const content = (JSON.parse(got.text) as { choices: { message: { content: string } }[] }).choices[0].message
      .content;
    const url = /\((data:[^)]+)\)/.exec(content)?.[1] ?? '';
    const blob = blobFor(url, got.blobs);
    assert.equal(blob?.mime, 'image/png');
    assert.ok(Buffer.from(inMemory(blob)).equals(image), 'byte for byte');
    const from = Buffer.byteLength(json.slice(0, json.indexOf('base64,') + 7));
    assert.equal(
      inMemory(blob).buffer.byteLength,
      Math.ceil((bytes.length - from) * 0.75),
      'one buffer, sized from what the body can still hold, never grown',
    );
  });

  it('what is not a payload after all is left exactly as it came: a long base64 string that goes on, a length base64 cannot have, a non-base64 data URL', async () => {
    const long = base64(60_000, 3);
    for (const s of [
      `${long} and words`,
      `${long}Q`,
      `x ![a](data:image/png;base64,${long}QQ=) y`,
      `data:image/png,${long}`,
      `${long.slice(0, -2)}QR== z`,
    ]) {
      for (const spill of [undefined, new MemorySpill(4096)]) {
        const cut = new BlobStream('json', { spill });
        const json = JSON.stringify({ s });
        for (let at = 0; at < json.length; at += 7000) {
          cut.push(json.slice(at, at + 7000));
          await cut.writing();
        }
        const got = await cut.end();
        assert.equal(got.blobs.size, 0, s.slice(-20));
        assert.deepEqual(JSON.parse(got.text), { s });
        if (spill) {
          // A data URL without `;base64` is no payload from its start.
          if (!s.startsWith('data:image/png,')) assert.ok(spill.files.length > 0, 'it went to a file on the way');
          assert.equal(spill.left, 0, 'and the file is gone');
        }
      }
    }
  });
});

describe('blobStream: a long payload decoded into a file as it arrives', () => {
  const image = Buffer.from(base64(600_000, 11), 'base64');
  const json = JSON.stringify({ data: [{ b64_json: image.toString('base64'), revised_prompt: 'a cat' }] });
  const bytes = Buffer.from(json);

  async function cutInto(spill: MemorySpill, upTo = bytes.length): Promise<BlobStream> {
    const cut = new BlobStream('json', { spill });
    for (let at = 0; at < upTo; at += 16 * 1024) {
      cut.pushBytes(bytes.subarray(at, Math.min(upTo, at + 16 * 1024)));
      await cut.writing();
    }
    return cut;
  }

  it('the file holds the image byte for byte, a part at a time; its head and size say what it is without reading it', async () => {
    const spill = new MemorySpill(64 * 1024);
    const got = await (await cutInto(spill)).end();
    const [blob] = [...got.blobs.values()];
    assert.ok(blob && 'spilled' in blob, 'spilled');
    assert.equal(blob.spilled.size, image.length);
    assert.deepEqual(Buffer.from(blob.spilled.head), image.subarray(0, 64 * 1024));
    assert.ok(Buffer.from(spill.bytesOf(blob)).equals(image));
    assert.equal(spill.files.length, 1);
    assert.ok(
      spill.files[0].parts.every((p) => p.length <= 64 * 1024),
      'no part over the part size',
    );
    assert.deepEqual(JSON.parse(got.text), { data: [{ b64_json: 'GeekAIblob5000000000', revised_prompt: 'a cat' }] });
  });

  it('no file can be made: the bytes stay in memory, exactly', async () => {
    const spill = new MemorySpill(64 * 1024, { open: true });
    const got = await (await cutInto(spill)).end();
    const [blob] = [...got.blobs.values()];
    assert.ok(Buffer.from(inMemory(blob)).equals(image));
  });

  it('the disk fills after two parts: what the file took is read back, the rest was kept, and the file goes', async () => {
    const spill = new MemorySpill(64 * 1024, { writeAfter: 2 });
    const got = await (await cutInto(spill)).end();
    const [blob] = [...got.blobs.values()];
    assert.ok(Buffer.from(inMemory(blob)).equals(image));
    assert.equal(spill.files[0].parts.length, 2, 'two parts had gone to the file');
    assert.equal(spill.left, 0);
  });

  it('an answer cut short: abandon removes the file it had begun', async () => {
    const spill = new MemorySpill(64 * 1024);
    const cut = await cutInto(spill, bytes.length / 2);
    assert.equal(spill.files.length, 1);
    await cut.abandon();
    assert.equal(spill.left, 0);
  });
});
