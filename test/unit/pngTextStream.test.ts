import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readPngText, writePngText } from '../../src/core/publish/pngText';
import { PngTextStream, type PngTextOutcome } from '../../src/core/publish/pngTextStream';
import { params } from '../support/fuzz';
import { encodePng, pngChunk, PNG_SIGNATURE } from '../support/png';

const KEY = 'geekai-provenance';
const TEXT = '{"prompt":"画一只可爱的小猫","model":"gpt-4o-image"}';

/** `bytes` through the stream, cut at `cuts` (offsets), joined again. */
function streamed(bytes: Uint8Array, cuts: readonly number[], text = TEXT): { bytes: Buffer; outcome: PngTextOutcome } {
  const s = new PngTextStream(KEY, text);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const at of [...new Set(cuts)].sort((a, b) => a - b).filter((c) => c > 0 && c < bytes.length)) {
    out.push(...s.push(bytes.subarray(from, at)));
    from = at;
  }
  out.push(...s.push(bytes.subarray(from)));
  const end = s.end();
  out.push(...end.parts);
  return { bytes: Buffer.concat(out), outcome: end.outcome };
}

const image = encodePng({ width: 3, height: 2, channels: 4, data: new Uint8Array(24).map((_, i) => i * 7) });
const iend = image.length - 12;
const withText = (text: string, keyword = KEY): Buffer => {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
  return Buffer.concat([image.subarray(0, 33), pngChunk('iTXt', data), image.subarray(33)]);
};

describe('PngTextStream (writePngText as the PNG arrives)', () => {
  it('writes the chunk before the first IDAT, byte for byte as writePngText, in one piece or one byte at a time', () => {
    const whole = writePngText(image, KEY, TEXT);
    assert.ok(whole);
    const once = streamed(image, []);
    assert.equal(once.outcome, 'embedded');
    assert.deepEqual(once.bytes, Buffer.from(whole));
    assert.equal(readPngText(once.bytes, KEY), TEXT);
    const bytewise = streamed(
      image,
      Array.from({ length: image.length }, (_, i) => i),
    );
    assert.deepEqual(bytewise.bytes, Buffer.from(whole));
  });

  it('replaces a chunk of the same keyword a server put in (a forged record), keeps other text chunks', () => {
    for (const png of [
      withText('{"prompt":"forged"}'),
      withText('kept', 'Comment'),
      withText('x', 'geekai-provenance-2'),
    ]) {
      const r = streamed(png, [5, 40, 41, 60]);
      assert.deepEqual(r.bytes, Buffer.from(writePngText(png, KEY, TEXT) ?? []));
      assert.equal(readPngText(r.bytes, KEY), TEXT);
    }
    assert.equal(readPngText(streamed(withText('kept', 'Comment'), []).bytes, 'Comment'), 'kept');
  });

  it('drops what follows IEND and a trailing piece shorter than a chunk, as writePngText does', () => {
    for (const tail of [Buffer.from('trailing garbage after the end'), Buffer.from([1, 2, 3])]) {
      const png = Buffer.concat([image, tail]);
      const r = streamed(png, [iend, iend + 3]);
      assert.equal(r.outcome, 'embedded');
      assert.deepEqual(r.bytes, Buffer.from(writePngText(png, KEY, TEXT) ?? []));
    }
    const short = Buffer.concat([image.subarray(0, iend), Buffer.from([0, 0, 0])]);
    assert.deepEqual(streamed(short, []).bytes, Buffer.from(writePngText(short, KEY, TEXT) ?? []));
  });

  it('leaves bytes whose first chunk is not IHDR exactly as they came ("unreadable", as writePngText refuses them)', () => {
    const noIhdr = Buffer.concat([PNG_SIGNATURE, image.subarray(33)]);
    assert.equal(writePngText(noIhdr, KEY, TEXT), undefined);
    const r = streamed(noIhdr, [9, 20]);
    assert.equal(r.outcome, 'unreadable');
    assert.deepEqual(r.bytes, noIhdr);
    const onlySignature = Buffer.concat([PNG_SIGNATURE, Buffer.from([0, 0, 1])]);
    assert.deepEqual(streamed(onlySignature, [4]), { bytes: onlySignature, outcome: 'unreadable' });
  });

  it('says "malformed" when the last chunk is cut short (writePngText refuses the whole file)', () => {
    const cut = image.subarray(0, iend - 5);
    assert.equal(writePngText(cut, KEY, TEXT), undefined);
    assert.equal(streamed(cut, [50]).outcome, 'malformed');
    const lying = Buffer.concat([
      image.subarray(0, 33),
      Buffer.from([0, 0, 0x10, 0, 0x49, 0x44, 0x41, 0x54]),
      Buffer.alloc(8),
    ]);
    assert.equal(streamed(lying, []).outcome, 'malformed');
  });

  it("property: for any PNG-like bytes cut anywhere, the result is writePngText's, or the bytes unchanged when it refuses them", () => {
    const chunkArb = fc.record({
      type: fc.constantFrom('IDAT', 'tEXt', 'iTXt', 'zTXt', 'IEND', 'abcd'),
      data: fc.oneof(
        fc.uint8Array({ maxLength: 40 }),
        fc.constant(Buffer.concat([Buffer.from(KEY, 'latin1'), Buffer.from([0, 0, 0, 0, 0, 0x41])])),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(chunkArb, { maxLength: 6 }),
        fc.boolean(),
        fc.uint8Array({ maxLength: 20 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        fc.string({ maxLength: 30 }),
        (chunks, ihdrFirst, tail, cuts, text) => {
          const body = chunks.map((c) => pngChunk(c.type, c.data));
          const png = Buffer.concat([PNG_SIGNATURE, ...(ihdrFirst ? [image.subarray(8, 33)] : []), ...body, tail]);
          const whole = writePngText(png, KEY, text);
          const r = streamed(png, cuts, text);
          if (whole) {
            assert.equal(r.outcome, 'embedded');
            assert.deepEqual(r.bytes, Buffer.from(whole));
          } else if (r.outcome === 'unreadable') {
            assert.deepEqual(r.bytes, png);
          } else {
            assert.equal(r.outcome, 'malformed');
          }
        },
      ),
      params(),
    );
  });
});
