import assert from 'node:assert/strict';
import { decodeDataUrl, decodeImageDataUrl, toDataUrl } from '../../src/core/images/dataUrl';
import { encodePng } from '../support/png';

const png = encodePng({ width: 2, height: 1, channels: 3, data: Uint8Array.of(255, 0, 0, 0, 0, 255) });
const b64 = png.toString('base64');

describe('decodeDataUrl', () => {
  it('decodes a base64 PNG data URL to its exact bytes', () => {
    const d = decodeDataUrl(`data:image/png;base64,${b64}`);
    assert.ok(d);
    assert.equal(d.mime, 'image/png');
    assert.deepEqual(Buffer.from(d.bytes), png);
  });

  it('accepts whitespace inside the payload, extra parameters, upper-case MIME and missing padding', () => {
    const wrapped = b64.replace(/(.{20})/g, '$1\n ');
    assert.deepEqual(Buffer.from(decodeDataUrl(`data:IMAGE/PNG;name=a.png;base64,${wrapped}`)?.bytes ?? []), png);
    assert.equal(decodeDataUrl('data:image/png;name=a.png;base64,QQ')?.mime, 'image/png');
    assert.deepEqual(Array.from(decodeDataUrl('data:image/png;base64,QUI')?.bytes ?? []), [0x41, 0x42]);
  });

  it('accepts an upper-case DATA: scheme (URL schemes are case-insensitive)', () => {
    assert.deepEqual(Buffer.from(decodeDataUrl(`DATA:image/png;BASE64,${b64}`)?.bytes ?? []), png);
  });

  it('defaults the MIME to text/plain when none is given', () => {
    assert.equal(decodeDataUrl('data:;base64,QUJD')?.mime, 'text/plain');
  });

  it('refuses anything malformed', () => {
    for (const bad of [
      'data:image/png,rawtext', // not base64
      'data:image/png;base64,', // empty
      'data:image/png;base64,A', // impossible length
      'data:image/png;base64,iVBO*RW0', // bad character
      'data:image/png;base64,QU=JD', // padding in the middle
      'data:image/png;base64', // no comma
      'https://x.example/a.png',
      '',
    ]) {
      assert.equal(decodeDataUrl(bad), undefined, bad);
    }
  });
});

describe('decodeImageDataUrl', () => {
  it('sniffs the type from the bytes, not the declared MIME', () => {
    const d = decodeImageDataUrl(`data:image/jpeg;base64,${b64}`);
    assert.deepEqual(d?.type, { mime: 'image/png', ext: 'png' });
  });

  it('refuses a data URL that holds no image', () => {
    assert.equal(
      decodeImageDataUrl(`data:image/png;base64,${Buffer.from('<html>nope</html>').toString('base64')}`),
      undefined,
    );
  });
});

describe('toDataUrl', () => {
  it('encodes exactly the viewed bytes of a subarray', () => {
    const big = new Uint8Array([9, 9, ...png, 9]);
    const view = big.subarray(2, 2 + png.length);
    const url = toDataUrl('image/png', view);
    assert.equal(url, `data:image/png;base64,${b64}`);
    assert.deepEqual(Buffer.from(decodeDataUrl(url)?.bytes ?? []), png);
  });
});
