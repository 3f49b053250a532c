import assert from 'node:assert/strict';
import { readProgress } from '../../src/core/apis/chat/progressText';

describe('readProgress', () => {
  it('reads `> 进度 **34%**`', () => {
    assert.deepEqual(readProgress('> 进度 **34%**\n'), { percent: 34, status: '进度 34%' });
  });

  it('reads a status line without a percentage', () => {
    assert.deepEqual(readProgress('{"prompt":"x"}\n\n> 🎨 生成中...\n'), {
      percent: undefined,
      status: '🎨 生成中...',
    });
  });

  it('takes the latest percentage and status across lines, CRLF included', () => {
    const text = '> 🕐 排队中\r\n\r\n> 进度 **10%**\r\n> 进度 **45.6%**\r\n';
    assert.deepEqual(readProgress(text), { percent: 46, status: '进度 45.6%' });
  });

  it('keeps the last percentage when a later status line has none', () => {
    assert.deepEqual(readProgress('> 进度 **80%**\n> ✅ 生成完成\n'), { percent: 80, status: '✅ 生成完成' });
  });

  it('ignores percentages outside quote lines and above 100', () => {
    assert.deepEqual(readProgress('这张图 50% 是蓝色\n'), { percent: undefined, status: undefined });
    assert.deepEqual(readProgress('> 进度 **250%**'), { percent: undefined, status: '进度 250%' });
  });

  it('strips markdown decoration and caps the status at 120 characters', () => {
    assert.equal(readProgress('> __排队__ `中`').status, '排队 中');
    assert.equal(readProgress(`> ${'字'.repeat(300)}`).status, '字'.repeat(120));
  });

  it('returns nothing for empty text', () => {
    assert.deepEqual(readProgress(''), { percent: undefined, status: undefined });
  });
});
