import assert from 'node:assert/strict';
import { echoedPrompt } from '../../src/core/apis/chat/revisedPrompt';

describe('echoedPrompt', () => {
  it('takes the tool call a streamed answer echoes', () => {
    const text =
      '{"prompt":"一只橘猫在草地上扑蝴蝶，水彩","size":"1024x1024"}\n> 进度 **34%**\n![file](https://x/y.png)';
    assert.equal(echoedPrompt(text), '一只橘猫在草地上扑蝴蝶，水彩');
  });
  it('is undefined without one, or for text that only looks like JSON', () => {
    assert.equal(echoedPrompt('好的，这是小猫：\n![](https://x/y.png)'), undefined);
    assert.equal(echoedPrompt('{"prompt": broken'), undefined);
    assert.equal(echoedPrompt('{"prompt": 5}'), undefined);
  });
});
