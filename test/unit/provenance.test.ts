import assert from 'node:assert/strict';
import { embedProvenance, readProvenance, PNG_PROVENANCE_KEYWORD } from '../../src/core/publish/embedProvenance';
import { readJpegXmp } from '../../src/core/publish/jpegXmp';
import { readPngText, removePngText } from '../../src/core/publish/pngText';
import { buildProvenance, parseProvenance, type Provenance } from '../../src/core/publish/provenance';
import { readWebpXmp } from '../../src/core/publish/webpXmp';
import { imageHeaderSize } from '../../src/core/publish/imageSize';
import { testCodecs } from '../support/codecs';
import { decodePng } from '../support/png';
import { samplePixels, samplePng } from '../support/sampleImage';
import { Secrets } from '../../src/core/text/secrets';

const KEY = 'gk-THISISTHEKEY0123456789';
const REF = Buffer.from('reference image bytes');

function sample(overrides: Partial<Parameters<typeof buildProvenance>[0]> = {}): Provenance {
  return buildProvenance({
    prompt: '画一只可爱的小猫在草丛中玩耍，水彩风格 🐱 "quotes" <tags> & ampersands',
    model: 'gemini-2.5-flash-image',
    baseUrl: `https://user:${KEY}@relay.example.com/api/v1?key=${KEY}`,
    options: { aspectRatio: '16:9', imageSize: '2K', stream: false, empty: '', missing: undefined },
    date: new Date('2025-09-22T10:11:12Z'),
    references: [{ name: '/home/me/proj/docs/images/参考 图.png', bytes: REF }],
    revisedPrompt: '一只橘色小猫在绿色草丛中扑蝴蝶',
    secrets: new Secrets(KEY),
    ...overrides,
  });
}

async function webpOf(lossless: boolean, alpha: boolean): Promise<Uint8Array> {
  const codecs = await testCodecs();
  const img = samplePixels(40, 30);
  if (!alpha) for (let i = 3; i < img.data.length; i += 4) img.data[i] = 255;
  if (!lossless) return codecs.encode(img, 'webp', 80);
  await codecs.encode(img, 'webp', 80); // initialises the encoder module
  const { default: encode } = await import('@jsquash/webp/encode.js');
  return new Uint8Array(await encode(img, { lossless: 1 }));
}

describe('provenance', () => {
  it('holds what made the image, the origin without credentials, the reference hash, never the key', () => {
    const p = sample();
    assert.equal(p.service, 'https://relay.example.com');
    assert.deepEqual(p.options, { aspectRatio: '16:9', imageSize: '2K', stream: false });
    // `printf 'reference image bytes' | sha256sum`
    assert.deepEqual(p.references, [
      { name: '参考 图.png', sha256: '94762d4855ee8216190a1304cb8a44f5a315891e62250af5988c338dcd6ab645' },
    ]);
    assert.equal(p.date, '2025-09-22T10:11:12.000Z');
    const withKeyInPrompt = sample({ prompt: `draw ${KEY} as text`, revisedPrompt: `revised ${KEY}` });
    assert.ok(!JSON.stringify(withKeyInPrompt).includes(KEY));
    assert.ok(!JSON.stringify(p).includes('user'));
  });

  it('parseProvenance refuses what is not ours', () => {
    assert.equal(parseProvenance('not json'), undefined);
    assert.equal(parseProvenance('{"prompt":1}'), undefined);
    assert.equal(parseProvenance('[]'), undefined);
    assert.deepEqual(parseProvenance(JSON.stringify(sample())), sample());
  });

  it('PNG: an iTXt chunk (UTF-8) round-trips Chinese text, and the PNG stays valid with the same pixels', () => {
    const png = samplePng(24, 16);
    const r = embedProvenance(png, sample());
    assert.equal(r.embedded, true);
    assert.deepEqual(readProvenance(r.bytes), sample());
    const decoded = decodePng(r.bytes); // checks every chunk's CRC
    assert.deepEqual(Buffer.from(decoded.data), Buffer.from(decodePng(png).data));
    const raw = readPngText(r.bytes, PNG_PROVENANCE_KEYWORD);
    assert.ok(raw?.includes('画一只可爱的小猫'), 'stored as UTF-8 text, not escaped');
    assert.ok(!Buffer.from(r.bytes).includes(KEY));
    assert.deepEqual(removePngText(r.bytes, PNG_PROVENANCE_KEYWORD), png, 'removing it gives back the very bytes');
  });

  it('PNG: writing again replaces the old provenance instead of adding a second one', () => {
    const once = embedProvenance(samplePng(8, 8), sample()).bytes;
    const twice = embedProvenance(once, sample({ prompt: '第二次' })).bytes;
    assert.equal(readProvenance(twice)?.prompt, '第二次');
    assert.equal(Buffer.from(twice).toString('latin1').split('iTXt').length - 1, 1);
  });

  for (const [label, lossless, alpha] of [
    ['lossy, opaque (simple VP8)', false, false],
    ['lossy with alpha (VP8X + ALPH)', false, true],
    ['lossless with alpha (simple VP8L)', true, true],
  ] as const) {
    it(`WebP ${label}: XMP round-trips Chinese text and the image still decodes the same`, async () => {
      const webp = await webpOf(lossless, alpha);
      const r = embedProvenance(webp, sample());
      assert.equal(r.embedded, true);
      assert.deepEqual(readProvenance(r.bytes), sample());
      assert.match(
        readWebpXmp(r.bytes) ?? '',
        /<dc:description><rdf:Alt><rdf:li xml:lang="x-default">画一只可爱的小猫.*&lt;tags&gt; &amp; ampersands/,
      );
      assert.deepEqual(imageHeaderSize(r.bytes), { width: 40, height: 30 });
      const codecs = await testCodecs();
      const before = await codecs.decode(webp, 'webp');
      const after = await codecs.decode(r.bytes, 'webp');
      assert.deepEqual(Buffer.from(after.data), Buffer.from(before.data));
      const b = Buffer.from(r.bytes);
      assert.equal(b.readUInt32LE(4), b.length - 8, 'RIFF size updated');
      assert.equal(b.toString('latin1', 12, 16), 'VP8X');
      assert.equal((b[20] ?? 0) & 0x04, 0x04, 'XMP flag set');
      assert.equal(((b[20] ?? 0) & 0x10) !== 0, alpha, 'alpha flag as before');
      const again = embedProvenance(r.bytes, sample({ prompt: '再来' })).bytes;
      assert.equal(readProvenance(again)?.prompt, '再来');
      assert.equal(Buffer.from(again).toString('latin1').split('XMP ').length - 1, 1);
    });
  }

  it('JPEG: an XMP APP1 segment round-trips Chinese text and the image still decodes the same', async () => {
    const codecs = await testCodecs();
    const jpg = await codecs.encode(samplePixels(40, 30), 'jpeg', 80);
    const r = embedProvenance(jpg, sample());
    assert.equal(r.embedded, true);
    assert.deepEqual(readProvenance(r.bytes), sample());
    assert.ok(readJpegXmp(r.bytes)?.includes('<xmp:CreatorTool>GeekAI Image Studio</xmp:CreatorTool>'));
    assert.deepEqual(imageHeaderSize(r.bytes), { width: 40, height: 30 });
    const before = await codecs.decode(jpg, 'jpg');
    const after = await codecs.decode(r.bytes, 'jpg');
    assert.deepEqual(Buffer.from(after.data), Buffer.from(before.data));
    const again = embedProvenance(r.bytes, sample({ prompt: '再来' })).bytes;
    assert.equal(readProvenance(again)?.prompt, '再来');
    assert.equal(Buffer.from(again).toString('latin1').split('http://ns.adobe.com/xap/1.0/\0').length - 1, 1);
  });

  it('JPEG: a prompt too long for one 64 KB segment is shortened and marked, the revised prompt dropped', async () => {
    const jpg = await (await testCodecs()).encode(samplePixels(8, 8), 'jpeg', 80);
    const long = '长'.repeat(30_000); // 90 KB of UTF-8
    const r = embedProvenance(jpg, sample({ prompt: long }));
    assert.equal(r.embedded, true);
    const back = readProvenance(r.bytes);
    assert.equal(back?.truncated, true);
    assert.equal(back?.revisedPrompt, undefined);
    assert.ok(back && back.prompt.length > 10_000 && long.startsWith(back.prompt));
  });

  it('formats without a place for it (GIF) and unreadable bytes come back unchanged, flagged', () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    assert.deepEqual(embedProvenance(gif, sample()), { embedded: false, bytes: gif, reason: 'unsupportedFormat' });
    const cut = samplePng(8, 8).subarray(0, 20);
    const r = embedProvenance(cut, sample());
    assert.equal(r.embedded, false);
    assert.equal(r.bytes, cut);
    assert.equal(readProvenance(cut), undefined);
    assert.equal(readProvenance(samplePng(8, 8)), undefined);
  });
});
