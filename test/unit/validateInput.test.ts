import assert from 'node:assert/strict';
import { ImageError, isImageError } from '../../src/core/errors';
import { PROMPT_MAX_CHARS } from '../../shared/imageVocabulary';
import { chatCompletionsUrl, checkModelId, cleanPrompt } from '../../src/core/validateInput';

function invalid(fn: () => unknown): ImageError {
  try {
    fn();
  } catch (e) {
    assert.ok(isImageError(e));
    assert.equal(e.kind, 'invalidInput');
    return e;
  }
  assert.fail('expected invalidInput');
}

describe('cleanPrompt', () => {
  it('refuses an empty, whitespace-only or control-only prompt', () => {
    for (const p of ['', '   ', '\n\t \r\n', '\u0000\u0007\u001b', '\u3000'.trim()]) {
      assert.equal(invalid(() => cleanPrompt(p)).reason, 'emptyPrompt', JSON.stringify(p));
    }
  });

  it('refuses a 100 000-character prompt, saying how long and the limit', () => {
    const e = invalid(() => cleanPrompt('猫'.repeat(100_000)));
    assert.equal(e.reason, 'promptTooLong');
    assert.deepEqual(e.params, { length: 100_000, limit: PROMPT_MAX_CHARS });
  });

  it('accepts a prompt of exactly the limit', () => {
    assert.equal(cleanPrompt('a'.repeat(PROMPT_MAX_CHARS)).length, PROMPT_MAX_CHARS);
    assert.equal(invalid(() => cleanPrompt('a'.repeat(PROMPT_MAX_CHARS + 1))).reason, 'promptTooLong');
  });

  it('strips control characters, keeps tabs and newlines, normalises CRLF and trims', () => {
    assert.equal(cleanPrompt('  画\u0000一只\u0007猫\u001b[31m\t在\r\n草丛\r里\u007f  '), '画一只猫[31m\t在\n草丛\n里');
  });

  it('keeps Chinese text and emoji unchanged', () => {
    assert.equal(cleanPrompt('画一只可爱的小猫在草丛中玩耍 🐱'), '画一只可爱的小猫在草丛中玩耍 🐱');
  });
});

describe('chatCompletionsUrl', () => {
  it('appends /chat/completions, dropping trailing slashes, query and hash', () => {
    assert.equal(chatCompletionsUrl('https://geekai.co/api/v1'), 'https://geekai.co/api/v1/chat/completions');
    assert.equal(chatCompletionsUrl(' https://geekai.co/api/v1// '), 'https://geekai.co/api/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://127.0.0.1:8080/v1?x=1#h'), 'http://127.0.0.1:8080/v1/chat/completions');
  });

  it('refuses what is not a URL, or not http(s)', () => {
    for (const bad of [
      'geekai.co/api/v1',
      'not a url',
      '',
      'file:///etc/passwd',
      'ftp://geekai.co/api',
      'javascript:alert(1)',
      'data:text/plain,x',
    ]) {
      assert.equal(invalid(() => chatCompletionsUrl(bad)).reason, 'badBaseUrl', bad);
    }
  });

  it('refuses credentials in the URL without repeating them', () => {
    const e = invalid(() => chatCompletionsUrl('https://me:s3cretPw@geekai.co/api/v1'));
    assert.equal(e.reason, 'badBaseUrl');
    assert.ok(!JSON.stringify(e.params).includes('s3cretPw'));
    assert.ok(!e.message.includes('s3cretPw'));
    assert.equal(invalid(() => chatCompletionsUrl('https://token@geekai.co/api/v1')).reason, 'badBaseUrl');
  });
});

describe('checkModelId', () => {
  it('accepts catalog and hand-typed ids, trimmed', () => {
    assert.equal(checkModelId(' gpt-4o-image '), 'gpt-4o-image');
    assert.equal(checkModelId('openai/gpt-image-1'), 'openai/gpt-image-1');
    assert.equal(checkModelId('gemini-2.5-flash-image-preview'), 'gemini-2.5-flash-image-preview');
  });

  it('refuses spaces, control characters, empty and absurd lengths', () => {
    for (const bad of ['gpt 4o image', '', '   ', 'gpt\u0000', 'gpt\n4o', '-leading', 'x'.repeat(129), 'a"b']) {
      assert.equal(invalid(() => checkModelId(bad)).reason, 'badModel', JSON.stringify(bad));
    }
    assert.equal(checkModelId('x'.repeat(128)), 'x'.repeat(128));
  });
});

describe('cleanPrompt: C1 controls', () => {
  it('strips C1 control characters too', () => {
    assert.equal(cleanPrompt('a\u0085b\u009bc'), 'abc');
  });
});
