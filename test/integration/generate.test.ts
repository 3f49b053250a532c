// generateImages against the GeekAI-compatible test server over real loopback HTTP.
import assert from 'node:assert/strict';
import { decodeDataUrl } from '../../src/core/images/dataUrl';
import { generateImages, type GenerateParams, type GenerationProgress } from '../../src/core/generate';
import { type RetryPolicy } from '../../src/core/http/httpClient';
import { DRAW_SYSTEM_PROMPT } from '../../src/core/apis/chat/requestBody';
import { startTestServer, type RecordedRequest } from '../server/testServer';
import { decodePng, encodePng } from '../support/png';
import { expectImageError as failure, until } from '../support/expect';
import { useLoopback, type Loopback } from '../support/loopback';

const KEY = 'Zq7x9Lm2Pw4Rt6Yu8KdQ-test-key';

let lb: Loopback;
const PROMPT = '画一只可爱的小猫在草丛中玩耍';
const RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5000 };
const TIMEOUTS = { connectMs: 2000, headersMs: 5000, idleMs: 5000, totalMs: 10_000 };

function params(over: Partial<GenerateParams> = {}): GenerateParams {
  return {
    baseUrl: lb.server.baseUrl,
    apiKey: KEY,
    model: 'gemini-2.5-flash-image',
    prompt: PROMPT,
    references: [],
    stream: false,
    forceImage: false,
    retryWithRemedies: false,
    timeouts: TIMEOUTS,
    retry: RETRY,
    dispatcher: lb.agent,
    log: lb.log,
    ...over,
  };
}

const chats = (): RecordedRequest[] =>
  lb.server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/chat/completions');
const gets = (): RecordedRequest[] => lb.server.requests.filter((r) => r.method === 'GET');

describe('generateImages (integration)', function () {
  this.timeout(10_000);

  lb = useLoopback({ key: KEY, server: { streamDelayMs: 5 } });

  it('gemini, non-stream: one image with the served bytes, the documented body and the Bearer key', async () => {
    const result = await generateImages(params());
    assert.equal(result.images.length, 1);
    assert.deepEqual(Buffer.from(result.images[0].bytes), lb.server.lastServedImages()[0]);
    assert.deepEqual(result.images[0].type, { mime: 'image/png', ext: 'png' });
    assert.equal(result.model, 'gemini-2.5-flash-image');
    assert.equal(result.usedRemedies, false);
    assert.equal(result.text, '好的,这是根据你的描述生成的图片:');
    assert.deepEqual(result.failures, []);

    assert.equal(chats().length, 1);
    const req = chats()[0];
    assert.deepEqual(req.json, { model: 'gemini-2.5-flash-image', messages: [{ role: 'user', content: PROMPT }] });
    assert.equal(
      req.bodyText,
      JSON.stringify({ model: 'gemini-2.5-flash-image', messages: [{ role: 'user', content: PROMPT }] }),
    );
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers.accept, 'application/json');
    // message.image and the markdown name the same URL: downloaded once, without the key.
    assert.equal(gets().length, 1);
    assert.match(gets()[0].path, /^\/files\/file_0000[0-9a-f]+\.png$/);
    assert.equal(gets()[0].headers.authorization, undefined);
  });

  it('gemini with remedies on the first try sends the system prompt and image_generation', async () => {
    const result = await generateImages(params({ forceImage: true, aspectRatio: '16:9', imageSize: '2K' }));
    assert.equal(result.usedRemedies, true);
    assert.equal(chats().length, 1);
    assert.deepEqual(chats()[0].json, {
      model: 'gemini-2.5-flash-image',
      messages: [
        { role: 'system', content: DRAW_SYSTEM_PROMPT },
        { role: 'user', content: PROMPT },
      ],
      image_generation: true,
      image: { aspect_ratio: '16:9', image_size: '2K' },
    });
  });

  it('gpt-4o-image, streamed: progress 10..100 in order and one image (the download link not fetched)', async () => {
    const progress: GenerationProgress[] = [];
    const result = await generateImages(
      params({ model: 'gpt-4o-image', stream: true, onProgress: (p) => progress.push(p) }),
    );
    const streaming = progress.filter((p) => p.phase === 'streaming');
    assert.deepEqual(
      streaming.filter((p) => p.percent !== undefined).map((p) => p.percent),
      [10, 34, 67, 100],
    );
    assert.equal(streaming[0].status, '🎨 生成中...');
    assert.deepEqual(
      progress.map((p) => p.phase).filter((ph, i, all) => ph !== all[i - 1]),
      ['sending', 'waiting', 'streaming', 'downloading'],
    );
    assert.equal(result.images.length, 1);
    assert.deepEqual(Buffer.from(result.images[0].bytes), lb.server.lastServedImages()[0]);
    assert.equal(result.text, '');
    const req = chats()[0];
    assert.equal((req.json as { stream?: unknown }).stream, true);
    assert.equal(req.headers.accept, 'text/event-stream');
    assert.deepEqual(
      gets().map((r) => r.path.split('/')[1]),
      ['files'],
    );
  });

  it('gpt-4o-image, streamed with CRLF line endings: same image', async () => {
    lb.server.enqueue({ kind: 'stream', crlf: true });
    const result = await generateImages(params({ model: 'gpt-4o-image', stream: true }));
    assert.equal(result.images.length, 1);
    assert.deepEqual(Buffer.from(result.images[0].bytes), lb.server.lastServedImages()[0]);
  });

  it('streamed delta.images data URLs are decoded without any download', async () => {
    lb.server.enqueue({ kind: 'stream', images: 2, deltaImages: true });
    const result = await generateImages(params({ model: 'gpt-5-all', stream: true }));
    assert.deepEqual(
      result.images.map((i) => Buffer.from(i.bytes)),
      lb.server.lastServedImages(),
    );
    assert.equal(gets().length, 0);
  });

  it('gemini asked to stream answers JSON: read by Content-Type, one image', async () => {
    const result = await generateImages(params({ stream: true }));
    assert.equal((chats()[0].json as { stream?: unknown }).stream, true);
    assert.deepEqual(
      result.images.map((i) => Buffer.from(i.bytes)),
      lb.server.lastServedImages(),
    );
  });

  it('a streaming model asked for JSON: the markdown image once, the download link not fetched', async () => {
    const result = await generateImages(params({ model: 'gpt-4o-image' }));
    assert.equal(result.images.length, 1);
    assert.deepEqual(Buffer.from(result.images[0].bytes), lb.server.lastServedImages()[0]);
    assert.deepEqual(
      gets().map((r) => r.path.split('/')[1]),
      ['files'],
    );
    assert.equal(result.text, '');
  });

  it('midjourney-chat: four distinct images, in order', async () => {
    const result = await generateImages(params({ model: 'midjourney-chat', stream: true }));
    const served = lb.server.lastServedImages();
    assert.equal(served.length, 4);
    assert.equal(new Set(served.map((b) => b.toString('base64'))).size, 4);
    assert.deepEqual(
      result.images.map((i) => Buffer.from(i.bytes)),
      served,
    );
    assert.equal(gets().length, 4);
  });

  it('the same image as message.image, markdown and a download link is saved once', async () => {
    lb.server.enqueue({ kind: 'image', via: 'markdown', count: 2, duplicateLinks: true });
    const result = await generateImages(params());
    assert.deepEqual(
      result.images.map((i) => Buffer.from(i.bytes)),
      lb.server.lastServedImages(),
    );
    assert.equal(result.images.length, 2);
  });

  for (const via of ['messagesImages', 'contentParts', 'markdownTitle', 'dataUrlMarkdown', 'imagesApi'] as const) {
    it(`finds images sent via ${via}`, async () => {
      lb.server.enqueue({ kind: 'image', via, count: 2 });
      const result = await generateImages(params());
      assert.equal(result.images.length, 2);
      assert.deepEqual(
        result.images.map((i) => Buffer.from(i.bytes)),
        lb.server.lastServedImages(),
      );
    });
  }

  it('edit: the PNG reference arrives as a data URL, byte for byte, and comes back inverted', async () => {
    const w = 5;
    const h = 3;
    const pixels = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 37 + 11) % 256);
    const input = encodePng({ width: w, height: h, channels: 4, data: pixels });
    const result = await generateImages(
      params({ prompt: '把颜色反转', references: [{ name: 'in.png', bytes: input, mime: 'image/png' }] }),
    );

    const content = (chats()[0].json as { messages: { content: unknown }[] }).messages[0].content;
    assert.ok(Array.isArray(content));
    assert.deepEqual(content[0], { type: 'text', text: '把颜色反转' });
    const part = content[1] as { type: string; image_url: { url: string } };
    assert.equal(part.type, 'image_url');
    assert.ok(part.image_url.url.startsWith('data:image/png;base64,'));
    assert.deepEqual(Buffer.from(decodeDataUrl(part.image_url.url)?.bytes ?? []), input);

    assert.equal(result.images.length, 1);
    const out = decodePng(result.images[0].bytes);
    assert.equal(out.width, w);
    assert.equal(out.height, h);
    assert.equal(out.channels, 4);
    const expected = pixels.map((v, i) => (i % 4 === 3 ? v : 255 - v));
    assert.deepEqual(Array.from(out.data), Array.from(expected));
  });

  it('gemini answering text only: retries ONCE with the remedies and gets the image', async () => {
    await lb.server.close();
    lb.server = await startTestServer({ geminiStrict: true, streamDelayMs: 5 });
    const progress: GenerationProgress[] = [];
    const result = await generateImages(params({ retryWithRemedies: true, onProgress: (p) => progress.push(p) }));
    assert.equal(chats().length, 2);
    assert.deepEqual(chats()[0].json, {
      model: 'gemini-2.5-flash-image',
      messages: [{ role: 'user', content: PROMPT }],
    });
    assert.deepEqual(chats()[1].json, {
      model: 'gemini-2.5-flash-image',
      messages: [
        { role: 'system', content: DRAW_SYSTEM_PROMPT },
        { role: 'user', content: PROMPT },
      ],
      image_generation: true,
    });
    assert.equal(result.usedRemedies, true);
    assert.equal(result.images.length, 1);
    assert.deepEqual(Buffer.from(result.images[0].bytes), lb.server.lastServedImages()[0]);
    assert.ok(progress.some((p) => p.phase === 'remedies'));
  });

  it('text only even after the remedies: noImage whose detail is the model text, after exactly 2 requests', async () => {
    const refusal = '抱歉，我无法生成包含真实人物的图片。你可以换一种描述吗？';
    lb.server.enqueue({ kind: 'text', text: refusal }, { kind: 'text', text: refusal });
    const e = await failure(generateImages(params({ retryWithRemedies: true })));
    assert.equal(e.kind, 'noImage');
    assert.equal(e.detail, refusal);
    assert.equal(chats().length, 2);
    assert.equal((chats()[1].json as { image_generation?: boolean }).image_generation, true);
    assert.equal(gets().length, 0);
  });

  it('text only with no retry asked for: noImage after one request', async () => {
    lb.server.enqueue({ kind: 'text', text: 'I can only describe it.', stream: true });
    const e = await failure(generateImages(params({ model: 'gpt-4o-image', stream: true })));
    assert.equal(e.kind, 'noImage');
    assert.equal(e.detail, 'I can only describe it.');
    assert.equal(chats().length, 1);
  });

  it('429 with Retry-After: 1, then 200: waits about a second and succeeds on the 2nd request', async () => {
    lb.server.enqueue({ kind: 'error', status: 429, retryAfter: '1' });
    const progress: GenerationProgress[] = [];
    const t0 = Date.now();
    const result = await generateImages(params({ onProgress: (p) => progress.push(p) }));
    const elapsed = Date.now() - t0;
    assert.equal(result.images.length, 1);
    assert.equal(chats().length, 2);
    assert.ok(elapsed >= 950, `waited only ${elapsed} ms`);
    assert.ok(elapsed < 4000, `took ${elapsed} ms`);
    assert.deepEqual(
      progress.filter((p) => p.phase === 'retrying').map((p) => p.delayMs),
      [1000],
    );
  });

  for (const [status, code, kind] of [
    [401, undefined, 'auth'],
    [402, undefined, 'payment'],
    [400, undefined, 'badRequest'],
    [400, 'moderation_blocked', 'moderation'],
    [403, undefined, 'forbidden'],
    [429, 'insufficient_quota', 'quota'],
  ] as const) {
    it(`${status}${code ? ` ${code}` : ''} is not retried: ${kind} after exactly 1 request`, async () => {
      lb.server.enqueue({ kind: 'error', status, code, message: `refused (key was ${KEY})` });
      const e = await failure(generateImages(params()));
      assert.equal(e.kind, kind);
      assert.equal(e.status, status);
      assert.equal(e.detail, 'refused (key was ***)');
      assert.ok(!e.message.includes(KEY));
      assert.equal(chats().length, 1);
    });
  }

  it('a wrong key (the server itself answers 401) is auth, not retried', async () => {
    const e = await failure(generateImages(params({ apiKey: 'bad-key' })));
    assert.equal(e.kind, 'auth');
    assert.equal(chats().length, 1);
  });

  it('500 then 200: succeeds on the 2nd request', async () => {
    lb.server.enqueue({ kind: 'error', status: 500 });
    const result = await generateImages(params());
    assert.equal(result.images.length, 1);
    assert.equal(chats().length, 2);
  });

  it('503 every time: gives up after maxRetries + 1 requests with kind server', async () => {
    lb.server.enqueue(
      { kind: 'error', status: 503 },
      { kind: 'error', status: 503 },
      { kind: 'error', status: 503 },
      { kind: 'error', status: 503 },
    );
    const e = await failure(generateImages(params()));
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 503);
    assert.equal(chats().length, 3);
  });

  it('cancel mid-stream: kind cancelled, and the server sees the client close', async () => {
    lb.server.enqueue({ kind: 'stream', delayMs: 150 });
    const controller = new AbortController();
    const t0 = Date.now();
    const p = generateImages(
      params({
        model: 'gpt-4o-image',
        stream: true,
        signal: controller.signal,
        onProgress: (pr) => {
          if (pr.phase === 'streaming') controller.abort();
        },
      }),
    );
    const e = await failure(p);
    assert.equal(e.kind, 'cancelled');
    assert.ok(Date.now() - t0 < 2000);
    const req = chats()[0];
    await until(() => req.closedByClient);
    assert.equal(req.completed, false);
    assert.equal(gets().length, 0);
  });

  it('cancel before anything is sent: cancelled, nothing completed', async () => {
    const controller = new AbortController();
    controller.abort();
    const e = await failure(generateImages(params({ signal: controller.signal })));
    assert.equal(e.kind, 'cancelled');
    assert.equal(lb.server.requests.length, 0);
  });

  it('a stream that stalls: timeout with reason idle, quickly', async () => {
    lb.server.enqueue({ kind: 'stallStream' });
    const t0 = Date.now();
    const e = await failure(
      generateImages(
        params({
          model: 'gpt-4o-image',
          stream: true,
          timeouts: { connectMs: 1000, headersMs: 2000, idleMs: 300, totalMs: 5000 },
        }),
      ),
    );
    assert.equal(e.kind, 'timeout');
    assert.equal(e.reason, 'idle');
    assert.ok(Date.now() - t0 < 2000);
    assert.equal(chats().length, 1);
  });

  it('an in-stream error after a 200 is badResponse with the server message', async () => {
    lb.server.enqueue({ kind: 'inStreamError', message: '上游服务错误' });
    const e = await failure(generateImages(params({ model: 'gpt-4o-image', stream: true })));
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.detail, '上游服务错误');
    assert.equal(chats().length, 1);
  });

  it('an answer whose only image is unusable fails with kind download', async () => {
    lb.server.enqueue({ kind: 'badImageUrl', variant: 'html' });
    const e = await failure(generateImages(params()));
    assert.equal(e.kind, 'download');
    assert.equal(e.reason, 'notAnImage');
  });

  it('refuses bad input before sending anything', async () => {
    assert.equal((await failure(generateImages(params({ prompt: '  \n ' })))).reason, 'emptyPrompt');
    assert.equal((await failure(generateImages(params({ model: 'gpt 4o' })))).reason, 'badModel');
    assert.equal((await failure(generateImages(params({ baseUrl: 'file:///etc' })))).reason, 'badBaseUrl');
    assert.equal((await failure(generateImages(params({ apiKey: '  ' })))).kind, 'auth');
    assert.equal(lb.server.requests.length, 0);
  });
});
