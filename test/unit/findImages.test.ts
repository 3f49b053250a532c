import assert from 'node:assert/strict';
import { contentText, findImages, imagesInMarkdown, readableText } from '../../src/core/apis/chat/findImages';
import type { Completion } from '../../src/core/apis/chat/responseSchema';
import { CompletionSchema } from '../../src/core/apis/chat/responseSchema';

/** Parses through the real schema, as readAnswer does. */
function completion(json: unknown): Completion {
  const r = CompletionSchema.safeParse(json);
  assert.ok(r.success, 'fixture must match the completion schema');
  return r.data;
}

function message(msg: Record<string, unknown>): Completion {
  return completion({ model: 'm', choices: [{ index: 0, message: { role: 'assistant', ...msg } }] });
}

const A = 'https://static.geekai.co/image/2025/09/22/a.png';
const B = 'https://static.geekai.co/image/2025/09/22/b.jpg';
const DATA_A = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';

describe('findImages', () => {
  it('1. message.image.url (GeekAI)', () => {
    assert.deepEqual(findImages([message({ content: '好的', image: { url: A } })], '好的'), [
      { url: A, where: 'message.image' },
    ]);
  });

  it('1b. message.image.b64_json becomes a PNG data URL', () => {
    assert.deepEqual(findImages([message({ content: '', image: { b64_json: 'iVBORw0K' } })], ''), [
      { url: 'data:image/png;base64,iVBORw0K', where: 'message.image' },
    ]);
  });

  it('2. message.images[].image_url.url (OpenRouter), several', () => {
    const c = message({
      content: 'here',
      images: [
        { type: 'image_url', image_url: { url: DATA_A } },
        { type: 'image_url', image_url: { url: B } },
      ],
    });
    assert.deepEqual(findImages([c], 'here'), [
      { url: DATA_A, where: 'message.images' },
      { url: B, where: 'message.images' },
    ]);
  });

  it('3. delta.images across stream chunks', () => {
    const chunks = [
      completion({ choices: [{ delta: { content: '' } }] }),
      completion({ choices: [{ delta: { images: [{ type: 'image_url', image_url: { url: DATA_A } }] } }] }),
      completion({ choices: [{ delta: { images: [{ image_url: B }] } }] }),
    ];
    assert.deepEqual(
      findImages(chunks, '').map((r) => r.url),
      [DATA_A, B],
    );
  });

  it('4. markdown in content: plain, with a title, with angle brackets, and a data URL', () => {
    const text = `好的 ![](${A})\n![a b](${B} "title")\n![x](<https://x.example/c.webp> 't')\n![d](${DATA_A})`;
    assert.deepEqual(findImages([], text), [
      { url: A, where: 'markdown' },
      { url: B, where: 'markdown' },
      { url: 'https://x.example/c.webp', where: 'markdown' },
      { url: DATA_A, where: 'markdown' },
    ]);
    assert.deepEqual(imagesInMarkdown(text), [A, B, 'https://x.example/c.webp', DATA_A]);
  });

  it('5. content as an array of parts', () => {
    const c = message({
      content: [
        { type: 'text', text: '这是结果' },
        { type: 'image_url', image_url: { url: A } },
        { type: 'image', url: B },
      ],
    });
    const text = contentText(c.choices?.[0].message?.content);
    assert.equal(text, '这是结果');
    assert.deepEqual(findImages([c], text), [
      { url: A, where: 'content.parts' },
      { url: B, where: 'content.parts' },
    ]);
  });

  it('6. Images API data[].url and data[].b64_json, each with its revised prompt', () => {
    const c = completion({ created: 1, data: [{ url: A, revised_prompt: 'x' }, { b64_json: 'R0lGODlh' }] });
    assert.deepEqual(findImages([c], ''), [
      { url: A, where: 'data', revisedPrompt: 'x' },
      { url: 'data:image/png;base64,R0lGODlh', where: 'data' },
    ]);
  });

  it('keeps several markdown images in order (a midjourney grid)', () => {
    const urls = [1, 2, 3, 4].map((i) => `https://cdn.example/mj/${i}.png`);
    const text = urls.map((u, i) => `![image ${i + 1}](${u})`).join('\n');
    assert.deepEqual(
      findImages([], text).map((r) => r.url),
      urls,
    );
  });

  it('takes the same URL once when it is in message.image and in the markdown', () => {
    const text = `这是一只小猫: \n![](${A})\n`;
    assert.deepEqual(findImages([message({ content: text, image: { url: A } })], text), [
      { url: A, where: 'message.image' },
    ]);
  });

  it('takes the same markdown image once when repeated, and ignores surrounding whitespace', () => {
    assert.deepEqual(findImages([], `![](${A})\n![again]( ${A} )`), [{ url: A, where: 'markdown' }]);
  });

  it('does not take the [下载⏬](…/download/…) link as a second image', () => {
    const text = `> 进度 **100%**\n\n![file_0000](${A})\n\n[下载⏬](https://static.geekai.co/download/a.png)\n`;
    assert.deepEqual(findImages([], text), [{ url: A, where: 'markdown' }]);
  });

  it('uses bare image URLs only when nothing else was found', () => {
    assert.deepEqual(findImages([], `图片已生成: ${A} 请查看`), [{ url: A, where: 'bareUrl' }]);
    assert.deepEqual(findImages([], `![](${B})\n另一张: ${A}`), [{ url: B, where: 'markdown' }]);
    assert.deepEqual(findImages([message({ content: `see ${B}`, image: { url: A } })], `see ${B}`), [
      { url: A, where: 'message.image' },
    ]);
  });

  it('finds nothing in a text-only answer (a refusal)', () => {
    assert.deepEqual(
      findImages([message({ content: '抱歉，我无法生成这张图片。' })], '抱歉，我无法生成这张图片。'),
      [],
    );
    assert.deepEqual(findImages([], 'see https://example.com/page.html'), []);
  });
});

describe('readableText', () => {
  it('removes the tool echo, progress, image markdown and download link of a stream', () => {
    const text = [
      '{"prompt":"一只小猫","size":"1024x1024"}',
      '',
      '> 🎨 生成中...',
      '',
      '> 进度 **34%**',
      '',
      `![file_0000](${A})`,
      '',
      '[下载⏬](https://static.geekai.co/download/a.png)',
      '',
    ].join('\n');
    assert.equal(readableText(text), '');
  });

  it("keeps the model's words around an image", () => {
    assert.equal(
      readableText(`好的,这是一只在草丛中玩耍的可爱小猫: \n![](${A})\n`),
      '好的,这是一只在草丛中玩耍的可爱小猫:',
    );
  });

  it('keeps a Gemini refusal in Chinese intact, line for line', () => {
    const refusal =
      '我无法根据这个描述生成图片，因为它涉及真实人物。\n你可以换一种描述，例如“一只在草丛中玩耍的小猫”。';
    assert.equal(readableText(refusal), refusal);
  });

  it('keeps a quoted line that is not progress, and drops only blank lines', () => {
    assert.equal(readableText('> 注意：这是引用\r\n\r\n第二行'), '> 注意：这是引用\n第二行');
  });
});

describe('findImages: URLs with parentheses and angle brackets', () => {
  it('keeps balanced parentheses and <…> destinations whole', () => {
    const text = '![a](https://h/x_(1).png) and ![b](<https://h/with space.png> "t")';
    assert.deepEqual(imagesInMarkdown(text), ['https://h/x_(1).png', 'https://h/with space.png']);
  });
});
