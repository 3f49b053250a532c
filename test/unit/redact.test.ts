import assert from 'node:assert/strict';
import { redact, safeExcerpt } from '../../src/core/text/redact';
import { imagesInMarkdown } from '../../src/core/apis/chat/findImages';

const KEY = 'Zq7x9Lm2Pw4Rt6Yu8KdQ';

describe('redact', () => {
  it('replaces every occurrence of a known secret', () => {
    assert.equal(redact(`a ${KEY} b ${KEY}`, [KEY]), 'a *** b ***');
  });

  it('leaves too-short secrets alone (they would blank ordinary words)', () => {
    assert.equal(redact('the cat', ['at']), 'the cat');
  });

  it('hides bearer tokens and key-looking tokens even when not listed', () => {
    assert.equal(redact('Authorization: Bearer abc.def-123'), 'Authorization: Bearer ***');
    assert.equal(redact('key sk-abcdefgh12345678 used'), 'key sk-*** used');
    assert.equal(redact('key sk-short ok'), 'key sk-short ok');
  });

  it('shortens data URLs and long base64 runs, keeping their length', () => {
    const payload = 'A'.repeat(400);
    assert.equal(redact(`img data:image/png;base64,${payload} end`), `img data:image/png;base64,…(${22 + 400} chars) end`);
    assert.equal(redact(`blob ${'B'.repeat(250)}`), 'blob …(250 chars)');
    assert.equal(redact('short data:image/png;base64,QUJD'), 'short data:image/png;base64,QUJD');
  });

  it('takes a line-wrapped base64 data URL whole, and keeps the next line', () => {
    const wrapped = ['Q'.repeat(76), 'Q'.repeat(76), 'Q'.repeat(20)].join('\r\n');
    const url = `data:image/jpeg;base64,${wrapped}`;
    assert.equal(redact(`${url}\nThe model said hi`), `data:image/jpeg;base64,…(${url.length} chars)\nThe model said hi`);
  });
});

describe('safeExcerpt', () => {
  it('is one line, redacted and capped without splitting characters', () => {
    assert.equal(safeExcerpt(`line1\n\n  line2\t${KEY}`, [KEY]), 'line1 line2 ***');
    const long = '🐱'.repeat(400);
    const ex = safeExcerpt(long, [], 10);
    assert.equal(ex, `${'🐱'.repeat(10)}…`);
    assert.equal(safeExcerpt('x'.repeat(10), [], 10), 'x'.repeat(10));
  });
});

describe('redact and findImages on multi-megabyte base64', () => {
  it('handle a 12 MB data URL without overflowing the regex stack', () => {
    const url = `data:image/png;base64,${'A'.repeat(12 * 1024 * 1024)}`;
    assert.equal(redact(`before ${url} after`), `before data:image/png;base64,…(${url.length} chars) after`);
    assert.equal(redact('x'.repeat(5) + ' ' + 'Q'.repeat(6 * 1024 * 1024)), `xxxxx …(${6 * 1024 * 1024} chars)`);
    assert.deepEqual(imagesInMarkdown(`![a](${url}) tail`), [url]);
  });

  it('still leaves short tokens alone', () => {
    assert.equal(redact('sk-short data:image/png;base64,AAAA ok'), 'sk-short data:image/png;base64,AAAA ok');
  });
});
