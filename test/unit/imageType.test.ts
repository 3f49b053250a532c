import assert from 'node:assert/strict';
import { sniffImageType } from '../../src/core/imageType';
import { encodePng } from '../support/png';

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs);
const ascii = (s: string): number[] => Array.from(Buffer.from(s, 'latin1'));

describe('sniffImageType', () => {
  it('recognises PNG, JPEG, WebP and GIF by magic bytes', () => {
    assert.deepEqual(sniffImageType(encodePng({ width: 1, height: 1, channels: 4, data: b(1, 2, 3, 4) })), {
      mime: 'image/png',
      ext: 'png',
    });
    assert.deepEqual(sniffImageType(b(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)), { mime: 'image/jpeg', ext: 'jpg' });
    assert.deepEqual(sniffImageType(b(...ascii('RIFF'), 0x24, 0, 0, 0, ...ascii('WEBPVP8 '))), {
      mime: 'image/webp',
      ext: 'webp',
    });
    assert.deepEqual(sniffImageType(b(...ascii('GIF89a'), 1, 0)), { mime: 'image/gif', ext: 'gif' });
    assert.deepEqual(sniffImageType(b(...ascii('GIF87a'))), { mime: 'image/gif', ext: 'gif' });
  });

  it('refuses HTML, text, empty and truncated or look-alike headers', () => {
    for (const [name, bytes] of [
      ['html', b(...ascii('<!DOCTYPE html><html>'))],
      ['empty', b()],
      ['7-byte PNG signature', b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a)],
      ['PNG signature with a wrong byte', b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b)],
      ['RIFF WAVE', b(...ascii('RIFF'), 0x24, 0, 0, 0, ...ascii('WAVEfmt '))],
      ['RIFF too short', b(...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEB'))],
      ['GIF88a', b(...ascii('GIF88a'))],
      ['two JPEG bytes', b(0xff, 0xd8)],
    ] as const) {
      assert.equal(sniffImageType(bytes), undefined, name);
    }
  });
});
