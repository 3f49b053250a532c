// Write Alt Text's request and answer against the local GeekAI-compatible server.
import assert from 'node:assert/strict';
import { cleanAltReply, describeImage, documentLanguage } from '../../src/core/apis/chat/altText';
import { ImageError } from '../../src/core/errors';
import { useLoopback } from '../support/loopback';
import { samplePng } from '../support/sampleImage';

const KEY = 'sk-alt-text-key-0123456789';

describe('describeImage (alt text, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  const png = samplePng(16, 16);
  const call = (language: 'zh' | 'en') =>
    describeImage({
      baseUrl: lb.server.baseUrl,
      apiKey: KEY,
      model: 'gpt-4o-mini',
      image: { bytes: png, mime: 'image/png' },
      language,
      dispatcher: lb.agent,
      log: lb.log,
    });

  it('sends the image and a Chinese instruction for a Chinese document, and returns one clean sentence', async () => {
    lb.server.enqueue({ kind: 'text', text: '“一只橘猫趴在窗台上晒太阳。”\n\n希望有帮助！' });
    assert.equal(await call('zh'), '一只橘猫趴在窗台上晒太阳。');
    const chat = lb.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
    assert.equal(chat.length, 1);
    const body = chat[0]?.json as {
      model: string;
      stream: boolean;
      messages: { content: { type: string; text?: string; image_url?: { url: string } }[] }[];
    };
    assert.equal(body.model, 'gpt-4o-mini');
    assert.equal(body.stream, false);
    const parts = body.messages[0]?.content ?? [];
    assert.match(parts[0]?.text ?? '', /简体中文/);
    assert.equal(parts[1]?.image_url?.url, `data:image/png;base64,${png.toString('base64')}`);
  });

  it('returns plain text (each document language escapes it), and never returns the key', async () => {
    lb.server.enqueue({ kind: 'text', text: `Alt text: A *bold* [robot] waving ${KEY}` });
    const alt = await call('en');
    assert.ok(alt?.startsWith('A *bold* [robot] waving'), alt);
    assert.ok(!alt?.includes(KEY));
  });

  it('an empty answer is undefined; an HTTP error is an ImageError', async () => {
    lb.server.enqueue({ kind: 'text', text: '   ' });
    assert.equal(await call('en'), undefined);
    lb.server.enqueue({ kind: 'error', status: 401 });
    await assert.rejects(call('en'), (e: unknown) => e instanceof ImageError && e.kind === 'auth');
  });
});

describe('documentLanguage and cleanAltReply', () => {
  it('tells Chinese, Japanese, Korean and English documents apart, ignoring links and code', () => {
    assert.equal(
      documentLanguage('# 我的博客\n\n今天去了海边，风很大。![kite](images/a-very-long-english-file-name.png)'),
      'zh',
    );
    assert.equal(documentLanguage('# My blog\n\nWe went to the sea. 海'), 'en');
    assert.equal(documentLanguage('今日は海に行きました。とても楽しかったです。ありがとうございました。'), 'ja');
    assert.equal(documentLanguage('오늘은 바다에 갔습니다. 바람이 많이 불었습니다.'), 'ko');
  });
  it('takes the first line and drops labels, quotes and Markdown', () => {
    assert.equal(cleanAltReply('\n**"A red kite over a grey sea."**\nMore text'), 'A red kite over a grey sea.');
    assert.equal(cleanAltReply('替代文本：海上的红色风筝'), '海上的红色风筝');
  });
});
