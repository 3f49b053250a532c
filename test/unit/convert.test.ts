import assert from 'node:assert/strict';
import { sniffImageType } from '../../src/core/imageType';
import { convertImage, fitWithin, type ConvertResult } from '../../src/core/publish/convert';
import { createCodecs, type Codecs } from '../../src/core/publish/codecs';
import { imageHeaderSize } from '../../src/core/publish/imageSize';
import { decodeAvif, testCodecs } from '../support/codecs';
import { pixel, samplePng } from '../support/sampleImage';

const neverLoad = (): Promise<Codecs> => Promise.reject(new Error('codecs must not be loaded for this'));

function converted(r: ConvertResult): Extract<ConvertResult, { kind: 'converted' }> {
  assert.equal(r.kind, 'converted', r.kind === 'failed' ? r.detail : r.kind);
  return r;
}

describe('convertImage (real WebAssembly codecs)', function () {
  this.timeout(60_000);
  const png = samplePng(320, 200);

  it('keep with no size limit returns the very bytes and loads no codec', async () => {
    const r = await convertImage(png, { format: 'keep', maxSide: 0, quality: 80 }, neverLoad);
    assert.equal(r.kind, 'unchanged');
    assert.equal(r.bytes, png);
    assert.equal(r.ext, 'png');
  });

  it('a size limit the image already fits, or the same format, loads no codec either', async () => {
    assert.equal((await convertImage(png, { format: 'keep', maxSide: 320, quality: 80 }, neverLoad)).kind, 'unchanged');
    assert.equal((await convertImage(png, { format: 'png', maxSide: 2048, quality: 80 }, neverLoad)).kind, 'unchanged');
  });

  it('PNG → WebP keeps transparency and colours, and the bytes are WebP', async () => {
    const r = converted(await convertImage(png, { format: 'webp', maxSide: 0, quality: 90 }, testCodecs));
    assert.equal(r.ext, 'webp');
    assert.equal(sniffImageType(r.bytes)?.ext, 'webp');
    assert.ok(r.bytes.length < png.length, 'smaller than the PNG');
    const back = await (await testCodecs()).decode(r.bytes, 'webp');
    assert.deepEqual([back.width, back.height], [320, 200]);
    assert.equal(pixel(back, 5, 5)[3], 0, 'transparent corner stays transparent');
    const [red, green, blue, alpha] = pixel(back, 300, 150);
    assert.equal(alpha, 255);
    assert.ok(
      Math.abs((red ?? 0) - 239) < 12 && Math.abs((green ?? 0) - 191) < 12 && Math.abs((blue ?? 0) - 160) < 12,
      `colour kept: ${red},${green},${blue}`,
    );
  });

  it('PNG → AVIF keeps transparency, and the bytes are AVIF', async () => {
    const r = converted(await convertImage(png, { format: 'avif', maxSide: 0, quality: 60 }, testCodecs));
    assert.equal(r.ext, 'avif');
    assert.equal(Buffer.from(r.bytes.subarray(4, 12)).toString('latin1'), 'ftypavif');
    const back = await decodeAvif(r.bytes);
    assert.deepEqual([back.width, back.height], [320, 200]);
    assert.equal(back.data[(5 * 320 + 5) * 4 + 3], 0);
    assert.equal(back.data[(150 * 320 + 300) * 4 + 3], 255);
  });

  it('PNG → JPEG puts transparent pixels on white (JPEG has no alpha)', async () => {
    const r = converted(await convertImage(png, { format: 'jpeg', maxSide: 0, quality: 90 }, testCodecs));
    assert.equal(r.ext, 'jpg');
    assert.equal(sniffImageType(r.bytes)?.ext, 'jpg');
    const back = await (await testCodecs()).decode(r.bytes, 'jpg');
    const corner = pixel(back, 5, 5);
    assert.ok(
      corner.slice(0, 3).every((c) => c > 245),
      `white corner, got ${corner.join(',')}`,
    );
  });

  it('scales the longest side down, keeps the aspect ratio, never scales up', async () => {
    const r = converted(await convertImage(png, { format: 'keep', maxSide: 160, quality: 80 }, testCodecs));
    assert.equal(r.ext, 'png');
    assert.deepEqual(imageHeaderSize(r.bytes), { width: 160, height: 100 });
    const tall = converted(
      await convertImage(samplePng(100, 400), { format: 'webp', maxSide: 200, quality: 80 }, testCodecs),
    );
    assert.deepEqual(imageHeaderSize(tall.bytes), { width: 50, height: 200 });
    const small = converted(await convertImage(png, { format: 'webp', maxSide: 4096, quality: 80 }, testCodecs));
    assert.deepEqual(imageHeaderSize(small.bytes), { width: 320, height: 200 });
    assert.deepEqual(fitWithin(3, 1000, 10), { width: 1, height: 10 });
  });

  it('re-encodes a JPEG or WebP source too', async () => {
    const jpg = converted(await convertImage(png, { format: 'jpeg', maxSide: 0, quality: 80 }, testCodecs)).bytes;
    const r = converted(await convertImage(jpg, { format: 'keep', maxSide: 64, quality: 70 }, testCodecs));
    assert.equal(r.ext, 'jpg');
    assert.deepEqual(imageHeaderSize(r.bytes), { width: 64, height: 40 });
    const webp = converted(await convertImage(png, { format: 'webp', maxSide: 0, quality: 80 }, testCodecs)).bytes;
    const p = converted(await convertImage(webp, { format: 'png', maxSide: 0, quality: 80 }, testCodecs));
    assert.equal(sniffImageType(p.bytes)?.ext, 'png');
    assert.deepEqual(imageHeaderSize(p.bytes), { width: 320, height: 200 });
  });

  it('reads small images held in a pooled Buffer (whose .buffer is shared memory)', async () => {
    const tiny = samplePng(6, 4);
    assert.ok(tiny.buffer.byteLength > tiny.length, 'the fixture sits in a larger shared buffer');
    const r = converted(await convertImage(tiny, { format: 'webp', maxSide: 0, quality: 90 }, testCodecs));
    const back = await (await testCodecs()).decode(r.bytes, 'webp');
    assert.deepEqual([back.width, back.height, pixel(back, 0, 0)[3], pixel(back, 5, 3)[3]], [6, 4, 0, 255]);
  });

  it('a broken image comes back as it was, flagged, never half-converted', async () => {
    const broken = Buffer.from(png);
    broken.fill(7, 60, 200); // inside IDAT
    const r = await convertImage(broken, { format: 'webp', maxSide: 0, quality: 80 }, testCodecs);
    assert.equal(r.kind, 'failed');
    assert.equal(r.bytes, broken);
    assert.equal(r.ext, 'png');
  });

  it('a GIF cannot be decoded: original bytes back, no codec loaded', async () => {
    const gif = Buffer.from('GIF89a\x02\x00\x02\x00\x00\x00\x00;', 'latin1');
    const r = await convertImage(gif, { format: 'webp', maxSide: 0, quality: 80 }, neverLoad);
    assert.deepEqual(
      [r.kind, r.kind === 'failed' && r.reason, r.bytes, r.ext],
      ['failed', 'unsupportedSource', gif, 'gif'],
    );
  });

  it('codecs that cannot load (a missing .wasm) leave the original bytes, flagged', async () => {
    const missing = createCodecs(() => '/nonexistent/codec.wasm');
    const r = await convertImage(png, { format: 'avif', maxSide: 0, quality: 80 }, () => Promise.resolve(missing));
    assert.equal(r.kind, 'failed');
    assert.equal(r.kind === 'failed' && r.reason, 'codecFailed');
    assert.equal(r.bytes, png);
  });
});
