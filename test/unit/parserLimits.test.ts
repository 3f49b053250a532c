// Each parser of outside bytes stops at its limit (src/core/limits.ts): provenance chunks and
// packets, character references, the image head reader (what it reads of a file), pixels before
// a decode, SSE events, images in an answer, the style file. Exact limits, one byte either side
// where it matters.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { MAX_DECODE_PIXELS, MAX_REFERENCES } from '../../shared/imageVocabulary';
import { findImages } from '../../src/core/apis/chat/findImages';
import { CompletionSchema } from '../../src/core/apis/chat/responseSchema';
import { readImagesAnswer } from '../../src/core/apis/images/answer';
import { readResponsesJson } from '../../src/core/apis/responses/answer';
import { ImageError } from '../../src/core/errors';
import { sseEvents } from '../../src/core/http/sseStream';
import {
  IMAGE_HEAD_MAX_BYTES,
  MAX_ANSWER_IMAGES,
  PROVENANCE_MAX_BYTES,
  STYLE_FILE_MAX_BYTES,
} from '../../src/core/limits';
import type { Codecs } from '../../src/core/publish/codecs';
import { convertImage } from '../../src/core/publish/convert';
import { embedProvenance, PNG_PROVENANCE_KEYWORD, readProvenance } from '../../src/core/publish/embedProvenance';
import { bytesSource, readImageHead, type ByteSource } from '../../src/core/publish/imageHead';
import { imageHeaderSize } from '../../src/core/publish/imageSize';
import { readJpegXmp, writeJpegXmp } from '../../src/core/publish/jpegXmp';
import { readPngText, writePngText } from '../../src/core/publish/pngText';
import { recipeFromProvenance } from '../../src/core/publish/recipe';
import { buildProvenance, parseProvenance, serializeProvenance } from '../../src/core/publish/provenance';
import { readWebpXmp, writeWebpXmp } from '../../src/core/publish/webpXmp';
import { provenanceFromXmp, xmpPacket } from '../../src/core/publish/xmpPacket';
import { parseStyle } from '../../src/core/style/workspaceStyle';
import { encodeJpeg, placeholderImage } from '../server/placeholderImage';
import { testCodecs } from '../support/codecs';
import { announcedPng, bombPng, compressedItxt, zlibBomb } from '../support/hostileImages';
import { encodePng, pngChunk } from '../support/png';
import { samplePixels, samplePng } from '../support/sampleImage';
import { Secrets } from '../../src/core/text/secrets';

const neverLoad = (): Promise<Codecs> => Promise.reject(new Error('codecs must not be loaded for this'));

/** A ByteSource over `bytes` that counts what is read of it. */
function counted(bytes: Uint8Array): ByteSource & { reads: number; bytesRead: number } {
  const inner = bytesSource(bytes);
  const src = {
    size: inner.size,
    reads: 0,
    bytesRead: 0,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const b = await inner.read(offset, length);
      src.reads++;
      src.bytesRead += b.length;
      return b;
    },
  };
  return src;
}

/** `png` with `chunks` before its first IDAT. */
function beforeIdat(png: Uint8Array, ...chunks: Buffer[]): Buffer {
  const b = Buffer.from(png);
  const at = b.indexOf('IDAT', 8, 'latin1') - 4;
  return Buffer.concat([b.subarray(0, at), ...chunks, b.subarray(at)]);
}

function refusedAs(reason: string): (e: unknown) => boolean {
  return (e) => e instanceof ImageError && e.reason === reason;
}

describe('parser limits: provenance in PNG', () => {
  it('a compressed chunk that inflates past the limit gives no text, at once, having inflated no more than the limit', () => {
    const bomb = zlibBomb(400_000);
    assert.ok(bomb.bytes.length <= PROVENANCE_MAX_BYTES && bomb.inflatesTo > 400 * 1000 * 1000);
    const png = beforeIdat(samplePng(8, 8), compressedItxt(PNG_PROVENANCE_KEYWORD, bomb.bytes));
    const started = performance.now();
    assert.equal(readPngText(png, PNG_PROVENANCE_KEYWORD), undefined);
    assert.ok(performance.now() - started < 200, 'bounded time');
  });

  it('inflated text up to the limit is read; one byte more is not', () => {
    const text = (n: number): string => `{"p":"${'a'.repeat(n - 8)}"}`;
    const at = beforeIdat(samplePng(8, 8), compressedItxt('k', deflateSync(Buffer.from(text(PROVENANCE_MAX_BYTES)))));
    assert.equal(readPngText(at, 'k')?.length, PROVENANCE_MAX_BYTES);
    const over = beforeIdat(
      samplePng(8, 8),
      compressedItxt('k', deflateSync(Buffer.from(text(PROVENANCE_MAX_BYTES + 1)))),
    );
    assert.equal(readPngText(over, 'k'), undefined);
  });

  it('an uncompressed chunk over the limit is not read', () => {
    const at = writePngText(samplePng(8, 8), 'k', 'a'.repeat(PROVENANCE_MAX_BYTES - 'k'.length - 5));
    assert.ok(at);
    assert.equal(readPngText(at, 'k')?.length, PROVENANCE_MAX_BYTES - 6);
    const over = writePngText(samplePng(8, 8), 'k', 'a'.repeat(PROVENANCE_MAX_BYTES));
    assert.ok(over);
    assert.equal(readPngText(over, 'k'), undefined);
  });

  it('provenance larger than readers take is written shortened (revised prompt dropped, prompt cut), and reads back', () => {
    const p = buildProvenance({ prompt: '一只猫 '.repeat(40_000), model: 'm', revisedPrompt: 'r'.repeat(600_000) });
    for (const image of [samplePng(8, 8)]) {
      const out = embedProvenance(image, p);
      assert.ok(out.embedded);
      assert.equal(out.provenance.truncated, true);
      assert.equal(out.provenance.revisedPrompt, undefined);
      assert.ok(
        p.prompt.startsWith(out.provenance.prompt) && out.provenance.prompt.length > 100_000,
        `${out.provenance.prompt.length} characters kept`,
      );
      assert.deepEqual(readProvenance(out.bytes), out.provenance);
    }
  });
});

describe('parser limits: XMP (WebP, JPEG)', () => {
  const json = serializeProvenance(buildProvenance({ prompt: 'a MARK kite', model: 'm' }));
  const promptIn = (xmp: string): string | undefined => parseProvenance(provenanceFromXmp(xmp) ?? '')?.prompt;

  it('character references outside Unicode, surrogates and NUL become U+FFFD; real ones are read; none throws', () => {
    for (const ref of ['&#99999999;', '&#x110000;', '&#xD800;', '&#0;', '&#xFFFFFFFF;']) {
      const xmp = xmpPacket(json, 'd').replace('MARK', ref);
      assert.equal(promptIn(xmp), 'a \ufffd kite', ref);
    }
    assert.equal(promptIn(xmpPacket(json, 'd').replace('MARK', '&#x1F3A8;&#20320;')), 'a 🎨你 kite');
    // Too many digits to be a reference: left as the text it is.
    assert.equal(promptIn(xmpPacket(json, 'd').replace('MARK', '&#1234567890123;')), 'a &#1234567890123; kite');
  });

  it('a packet over the limit is not ours; thousands of unclosed tags are searched in bounded time', () => {
    const packet = xmpPacket(json, 'd');
    assert.ok(provenanceFromXmp(packet.padEnd(PROVENANCE_MAX_BYTES, ' ')));
    assert.equal(provenanceFromXmp(packet.padEnd(PROVENANCE_MAX_BYTES + 1, ' ')), undefined);
    const hostile = `${'<geekai:provenance>x'.repeat(Math.floor(PROVENANCE_MAX_BYTES / 25))} geekai:provenance="`;
    const started = performance.now();
    assert.equal(provenanceFromXmp(hostile), undefined);
    assert.ok(performance.now() - started < 100, `took ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('a WebP XMP chunk over the limit is not read', async () => {
    const webp = await (await testCodecs()).encode(samplePixels(8, 8), 'webp', 80);
    const at = writeWebpXmp(webp, 'x'.repeat(PROVENANCE_MAX_BYTES));
    const over = writeWebpXmp(webp, 'x'.repeat(PROVENANCE_MAX_BYTES + 1));
    assert.ok(at && over);
    assert.equal(readWebpXmp(at)?.length, PROVENANCE_MAX_BYTES);
    assert.equal(readWebpXmp(over), undefined);
  });
});

describe('parser limits: the head of an image file', () => {
  it('PNG: the provenance and size of a large file, reading a few blocks, never its pixels', async () => {
    const noise = encodePng({ width: 800, height: 600, channels: 3, data: randomBytes(800 * 600 * 3) });
    const made = embedProvenance(noise, buildProvenance({ prompt: '灯塔', model: 'm' }));
    assert.ok(made.embedded && made.bytes.length > 1024 * 1024, `${made.bytes.length} bytes`);
    const src = counted(made.bytes);
    const head = await readImageHead(src);
    assert.deepEqual(readProvenance(head), made.provenance);
    assert.deepEqual(imageHeaderSize(head), { width: 800, height: 600 });
    assert.ok(src.bytesRead <= 3 * 64 * 1024, `read ${src.bytesRead} of ${made.bytes.length} bytes`);
  });

  it('JPEG and WebP (its XMP at the end of the file): the same provenance and size as the whole file', async () => {
    const p = buildProvenance({ prompt: 'a kite', model: 'm' });
    const jpeg = embedProvenance(encodeJpeg(placeholderImage('head')), p);
    const webp = embedProvenance(await (await testCodecs()).encode(samplePixels(900, 700), 'webp', 100), p);
    for (const made of [jpeg, webp]) {
      assert.ok(made.embedded);
      const src = counted(made.bytes);
      const head = await readImageHead(src);
      assert.deepEqual(readProvenance(head), p);
      assert.deepEqual(imageHeaderSize(head), imageHeaderSize(made.bytes));
      assert.ok(src.reads <= 3, `${src.reads} reads`);
    }
    assert.ok(
      readJpegXmp(
        await readImageHead(bytesSource(writeJpegXmp(encodeJpeg(placeholderImage('x')), 'x') ?? new Uint8Array())),
      ),
    );
  });

  it('a PNG of 100,000 empty chunks, or whose bomb is over the chunk limit: at most the limits read, no provenance', async () => {
    const empties = beforeIdat(samplePng(8, 8), ...Array<Buffer>(100_000).fill(pngChunk('tEXt', new Uint8Array(0))));
    const src = counted(empties);
    const head = await readImageHead(src);
    assert.equal(readProvenance(head), undefined);
    assert.deepEqual(imageHeaderSize(head), { width: 8, height: 8 });
    assert.ok(src.bytesRead <= IMAGE_HEAD_MAX_BYTES, `read ${src.bytesRead}`);

    const big = bombPng(2 * 1024 * 1024, PROVENANCE_MAX_BYTES + 10_000);
    const bigSrc = counted(big.bytes);
    assert.equal(readProvenance(await readImageHead(bigSrc)), undefined);
    assert.ok(bigSrc.bytesRead < 200 * 1024, `the chunk over the limit was skipped unread: ${bigSrc.bytesRead}`);
  });

  it('anything else: the first bytes only; an empty file: nothing', async () => {
    const gif = Buffer.concat([
      Buffer.from('GIF89a', 'latin1'),
      Buffer.from([0x40, 0x01, 0xf0, 0x00]),
      Buffer.alloc(5000),
    ]);
    const head = await readImageHead(bytesSource(gif));
    assert.equal(head.length, 64);
    assert.deepEqual(imageHeaderSize(head), { width: 320, height: 240 });
    assert.equal((await readImageHead(bytesSource(new Uint8Array(0)))).length, 0);
    assert.equal((await readImageHead(bytesSource(Buffer.from('<html>')))).length, 6);
  });
});

describe('parser limits: pixels before a decode', () => {
  it('a PNG announcing 60000 × 60000 is not decoded: original bytes, tooManyPixels with its size, no codec loaded', async () => {
    const bomb = announcedPng(60000, 60000);
    for (const options of [
      { format: 'webp' as const, maxSide: 0 },
      { format: 'keep' as const, maxSide: 1024 },
    ]) {
      const r = await convertImage(bomb, { ...options, quality: 80 }, neverLoad);
      assert.equal(r.kind, 'failed');
      assert.ok(r.kind === 'failed' && r.reason === 'tooManyPixels' && r.bytes === bomb);
      assert.deepEqual(r.kind === 'failed' && r.size, { width: 60000, height: 60000 });
    }
    // Saved as it is, when nothing asks for a decode.
    assert.equal((await convertImage(bomb, { format: 'keep', maxSide: 0, quality: 80 }, neverLoad)).kind, 'unchanged');
  });

  it('the limit itself is decoded; one pixel more is not', async () => {
    const width = 8000;
    const height = MAX_DECODE_PIXELS / width;
    const at = await convertImage(announcedPng(width, height), { format: 'webp', maxSide: 0, quality: 80 }, neverLoad);
    assert.ok(at.kind === 'failed' && at.reason === 'codecFailed', 'tried (and the codecs refused to load)');
    const over = await convertImage(
      announcedPng(width, height + 1),
      { format: 'webp', maxSide: 0, quality: 80 },
      neverLoad,
    );
    assert.ok(over.kind === 'failed' && over.reason === 'tooManyPixels');
  });

  it('a header that gives no size is not decoded either', async () => {
    const noSize = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    const r = await convertImage(noSize, { format: 'webp', maxSide: 0, quality: 80 }, neverLoad);
    assert.ok(r.kind === 'failed' && r.reason === 'unsupportedSource');
  });
});

describe('parser limits: answers', () => {
  async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
    for (const p of parts) yield Buffer.from(p);
  }
  async function events(limit: number, ...parts: string[]): Promise<string[]> {
    const out: string[] = [];
    for await (const e of sseEvents(chunks(...parts), limit)) out.push(e.data);
    return out;
  }

  it('one SSE event up to the limit is read; past it (in one line or many, ended or not) it is eventTooLarge', async () => {
    assert.deepEqual(await events(100, `data: ${'a'.repeat(100)}\n\n`), ['a'.repeat(100)]);
    await assert.rejects(events(100, 'data: ', 'a'.repeat(60), 'a'.repeat(60)), refusedAs('eventTooLarge'));
    await assert.rejects(
      events(
        100,
        'data: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n',
        'data: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n',
        'data: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n',
      ),
      refusedAs('eventTooLarge'),
    );
    // Many events each under it: all read.
    assert.equal((await events(100, ...Array<string>(50).fill(`data: ${'b'.repeat(90)}\n\n`))).length, 50);
  });

  const urls = (n: number): string[] => Array.from({ length: n }, (_, i) => `https://img.example/${i}.png`);

  it(`an answer naming ${MAX_ANSWER_IMAGES} images is read; one more (in any place) is tooManyImages`, () => {
    const markdown = (n: number): string =>
      urls(n)
        .map((u) => `![](${u})`)
        .join('\n');
    assert.equal(findImages([], markdown(MAX_ANSWER_IMAGES)).length, MAX_ANSWER_IMAGES);
    assert.throws(() => findImages([], markdown(MAX_ANSWER_IMAGES + 1)), refusedAs('tooManyImages'));
    // The same image named again and again counts once.
    assert.equal(findImages([], Array<string>(5000).fill('![](https://img.example/a.png)').join('\n')).length, 1);
    const structured = CompletionSchema.parse({
      choices: [{ message: { images: urls(MAX_ANSWER_IMAGES + 1).map((url) => ({ image_url: { url } })) } }],
    });
    assert.throws(() => findImages([structured], ''), refusedAs('tooManyImages'));
    assert.throws(
      () =>
        readImagesAnswer(JSON.stringify({ data: urls(MAX_ANSWER_IMAGES + 1).map((url) => ({ url })) }), new Secrets()),
      refusedAs('tooManyImages'),
    );
    assert.equal(
      readImagesAnswer(JSON.stringify({ data: urls(MAX_ANSWER_IMAGES).map((url) => ({ url })) }), new Secrets()).kind,
      'images',
    );
    const output = (n: number): string =>
      JSON.stringify({ output: urls(n).map((u, i) => ({ type: 'image_generation_call', id: `ig_${i}`, result: u })) });
    assert.equal(readResponsesJson(output(MAX_ANSWER_IMAGES), new Secrets()).images.length, MAX_ANSWER_IMAGES);
    assert.throws(() => readResponsesJson(output(MAX_ANSWER_IMAGES + 1), new Secrets()), refusedAs('tooManyImages'));
  });

  it("a provenance naming thousands of references gives a recipe with at most a job's worth", () => {
    const p = buildProvenance({ prompt: 'a fox', model: 'gemini-2.5-flash-image' });
    const many = Array.from({ length: 5000 }, (_, i) => ({ name: `r${i}.png`, sha256: 'a'.repeat(64) }));
    assert.equal(recipeFromProvenance({ ...p, references: many })?.references.length, MAX_REFERENCES);
  });

  it('a style file over its limit is tooLarge, unread', () => {
    const style = (n: number): string => JSON.stringify({ prompt: 'x' }).padEnd(n, ' ');
    assert.equal(parseStyle(style(STYLE_FILE_MAX_BYTES), '/ws').ok, true);
    assert.deepEqual(parseStyle(style(STYLE_FILE_MAX_BYTES + 1), '/ws'), {
      ok: false,
      problems: [{ reason: 'tooLarge', field: '' }],
    });
  });
});
