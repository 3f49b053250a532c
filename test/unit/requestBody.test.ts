import assert from 'node:assert/strict';
import { decodeDataUrl } from '../../src/core/images/dataUrl';
import { sniffImageType } from '../../src/core/imageType';
import {
  buildChatRequest,
  DRAW_SYSTEM_PROMPT,
  type ChatRequestInput,
  type ReferenceImage,
} from '../../src/core/apis/chat/requestBody';
import { encodePng } from '../support/png';

const base: ChatRequestInput = {
  model: 'gemini-2.5-flash-image',
  prompt: '画一只可爱的小猫在草丛中玩耍',
  references: [],
  stream: false,
  forceImage: false,
};

function reference(name: string, bytes: Uint8Array): ReferenceImage {
  const type = sniffImageType(bytes);
  assert.ok(type);
  return { name, bytes, mime: type.mime };
}

const png = encodePng({ width: 1, height: 1, channels: 3, data: Uint8Array.of(10, 20, 30) });
const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46);

describe('buildChatRequest', () => {
  it('generate: exactly the documented body', () => {
    assert.equal(
      JSON.stringify(buildChatRequest(base)),
      '{"model":"gemini-2.5-flash-image","messages":[{"role":"user","content":"画一只可爱的小猫在草丛中玩耍"}]}',
    );
  });

  it('generate, streamed: adds stream true and nothing else', () => {
    assert.equal(
      JSON.stringify(buildChatRequest({ ...base, model: 'gpt-4o-image', stream: true })),
      '{"model":"gpt-4o-image","messages":[{"role":"user","content":"画一只可爱的小猫在草丛中玩耍"}],"stream":true}',
    );
  });

  it('edit: text part then the image as a data URL whose MIME comes from the bytes', () => {
    const body = buildChatRequest({
      ...base,
      prompt: '把图片中的中文替换成英文 GeekAI',
      references: [reference('a.png', png)],
    });
    assert.deepEqual(body, {
      model: 'gemini-2.5-flash-image',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '把图片中的中文替换成英文 GeekAI' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } },
          ],
        },
      ],
    });
  });

  it('edit with several references keeps their order, each with its own MIME and bytes', () => {
    const body = buildChatRequest({ ...base, references: [reference('b.jpg', jpeg), reference('a.png', png)] });
    const content = body.messages[0].content;
    assert.ok(Array.isArray(content));
    assert.equal(content.length, 3);
    const urls = content.flatMap((p) => (p.type === 'image_url' ? [p.image_url.url] : []));
    assert.ok(urls[0].startsWith('data:image/jpeg;base64,'));
    assert.ok(urls[1].startsWith('data:image/png;base64,'));
    assert.deepEqual(Array.from(decodeDataUrl(urls[0])?.bytes ?? []), Array.from(jpeg));
    assert.deepEqual(Buffer.from(decodeDataUrl(urls[1])?.bytes ?? []), png);
  });

  it('Gemini remedies: the drawing system message first and image_generation true', () => {
    assert.equal(DRAW_SYSTEM_PROMPT, '你是一个AI画图机器人,请根据用户需求进行画图');
    assert.equal(
      JSON.stringify(buildChatRequest({ ...base, forceImage: true })),
      '{"model":"gemini-2.5-flash-image","messages":[{"role":"system","content":"你是一个AI画图机器人,请根据用户需求进行画图"},' +
        '{"role":"user","content":"画一只可爱的小猫在草丛中玩耍"}],"image_generation":true}',
    );
  });

  it("the user's system prompt replaces the drawing one, with or without remedies", () => {
    const own = buildChatRequest({ ...base, systemPrompt: '  Draw in watercolour.  ' });
    assert.deepEqual(own.messages[0], { role: 'system', content: 'Draw in watercolour.' });
    assert.equal(own.image_generation, undefined);
    const forced = buildChatRequest({ ...base, forceImage: true, systemPrompt: 'Draw in watercolour.' });
    assert.deepEqual(
      forced.messages.map((m) => m.role),
      ['system', 'user'],
    );
    assert.equal(forced.messages[0].content, 'Draw in watercolour.');
    assert.equal(forced.image_generation, true);
    // A blank one counts as unset.
    assert.deepEqual(
      buildChatRequest({ ...base, systemPrompt: '   ' }).messages.map((m) => m.role),
      ['user'],
    );
  });

  it('image options only when set, each field only when set', () => {
    assert.equal('image' in buildChatRequest(base), false);
    assert.deepEqual(buildChatRequest({ ...base, aspectRatio: '16:9', imageSize: '2K' }).image, {
      aspect_ratio: '16:9',
      image_size: '2K',
    });
    assert.deepEqual(buildChatRequest({ ...base, aspectRatio: '1:1' }).image, { aspect_ratio: '1:1' });
    assert.deepEqual(buildChatRequest({ ...base, imageSize: '4K' }).image, { image_size: '4K' });
    assert.equal('image' in buildChatRequest({ ...base, aspectRatio: '', imageSize: '' }), false);
  });
});
