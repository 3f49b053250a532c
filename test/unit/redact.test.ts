import assert from 'node:assert/strict';
import { redact, safeExcerpt } from '../../src/core/text/redact';
import { imagesInMarkdown } from '../../src/core/apis/chat/findImages';
import { redactingLogger } from '../../src/core/logger';
import { buildProvenance } from '../../src/core/publish/provenance';
import { Secrets } from '../../src/core/text/secrets';

const KEY = 'Zq7x9Lm2Pw4Rt6Yu8KdQ';

describe('redact', () => {
  it('replaces every occurrence of a known secret', () => {
    assert.equal(redact(`a ${KEY} b ${KEY}`, new Secrets(KEY)), 'a *** b ***');
  });

  it('leaves too-short secrets alone (they would blank ordinary words)', () => {
    assert.equal(redact('the cat', new Secrets('at')), 'the cat');
  });

  it('hides bearer tokens and key-looking tokens even when not listed', () => {
    assert.equal(redact('Authorization: Bearer abc.def-123'), 'Authorization: Bearer ***');
    assert.equal(redact('key sk-abcdefgh12345678 used'), 'key sk-*** used');
    assert.equal(redact('key sk-short ok'), 'key sk-short ok');
  });

  it('shortens data URLs and long base64 runs, keeping their length', () => {
    const payload = 'A'.repeat(400);
    assert.equal(
      redact(`img data:image/png;base64,${payload} end`),
      `img data:image/png;base64,…(${22 + 400} chars) end`,
    );
    assert.equal(redact(`blob ${'B'.repeat(250)}`), 'blob …(250 chars)');
    assert.equal(redact('short data:image/png;base64,QUJD'), 'short data:image/png;base64,QUJD');
  });

  it('takes a line-wrapped base64 data URL whole, and keeps the next line', () => {
    const wrapped = ['Q'.repeat(76), 'Q'.repeat(76), 'Q'.repeat(20)].join('\r\n');
    const url = `data:image/jpeg;base64,${wrapped}`;
    assert.equal(
      redact(`${url}\nThe model said hi`),
      `data:image/jpeg;base64,…(${url.length} chars)\nThe model said hi`,
    );
  });
});

describe('Secrets, the one holder of what is never shown', () => {
  it('hides a secret added after the holder was handed out, wherever it is used by reference', () => {
    const secrets = new Secrets(KEY);
    const log: string[] = [];
    const logger = redactingLogger(
      { info: (m) => log.push(m), warn: () => undefined, error: () => undefined, debug: () => undefined },
      secrets,
    );
    const balanceKey = 'sys-Hq8w2Ne5Tr7Yk3Lp';
    logger.info(`keys ${KEY} ${balanceKey}`);
    secrets.add(balanceKey);
    logger.info(`keys ${KEY} ${balanceKey}`);
    assert.deepEqual(log, [`keys *** ${balanceKey}`, 'keys *** ***']);
    assert.equal(safeExcerpt(`balance key ${balanceKey}`, secrets), 'balance key ***');
  });

  it('hides the longest first, so a secret inside another is not left half shown', () => {
    const token = 'dXNlcjpwYXNzd29yZA';
    assert.equal(
      redact(`Proxy-Authorization: Basic ${token}`, new Secrets(token, `Basic ${token}`)),
      'Proxy-Authorization: ***',
    );
  });

  it('holds nothing it is not given, and no value too short to hide without blanking words', () => {
    assert.equal(redact('the cat sat', new Secrets(undefined, '', 'cat', 'sat')), 'the cat sat');
    const s = new Secrets();
    s.add(undefined);
    s.add('at');
    assert.equal(s.hide('the cat'), 'the cat');
  });

  it('is what provenance is scrubbed with', () => {
    const p = buildProvenance({
      prompt: `a kite ${KEY}`,
      model: 'm',
      options: { style: `x${KEY}` },
      secrets: new Secrets(KEY),
    });
    assert.equal(p.prompt, 'a kite ***');
    assert.equal(p.options.style, 'x***');
  });
});

describe('safeExcerpt', () => {
  it('is one line, redacted and capped without splitting characters', () => {
    assert.equal(safeExcerpt(`line1\n\n  line2\t${KEY}`, new Secrets(KEY)), 'line1 line2 ***');
    const long = '🐱'.repeat(400);
    const ex = safeExcerpt(long, new Secrets(), 10);
    assert.equal(ex, `${'🐱'.repeat(10)}…`);
    assert.equal(safeExcerpt('x'.repeat(10), new Secrets(), 10), 'x'.repeat(10));
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
