import assert from 'node:assert/strict';
import { decodePng, encodePng, isPng } from '../support/png';
import { startTestServer, type Behaviour, type TestServer } from '../server/testServer';

interface ChatMessage {
  role: string;
  content: unknown;
  image?: { url: string };
  images?: { image_url: { url: string } }[];
}
interface ChatJson {
  object: string;
  model: string;
  choices: { index: number; finish_reason: string; message: ChatMessage }[];
  usage: { total_tokens: number };
}
interface ChunkJson {
  choices: { delta: { content?: string }; finish_reason: string | null }[];
}
interface ErrorJson {
  error: { message: string; type: string; code: string };
}

const KEY = 'sk-test';

function chat(
  server: TestServer,
  body: object,
  init: { key?: string | null; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const key = init.key === undefined ? KEY : init.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  return fetch(`${server.baseUrl}/chat/completions`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: init.signal,
  });
}

function userBody(model: string, prompt: string, extra: object = {}): object {
  return { model, messages: [{ role: 'user', content: prompt }], ...extra };
}

async function bytesOf(url: string): Promise<Buffer> {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  return Buffer.from(await res.arrayBuffer());
}

/** Raw body chunks as they arrived. */
async function rawChunks(res: Response): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(Buffer.from(value));
  }
}

/** True when `buf` ends part-way through a multi-byte UTF-8 character. */
function endsMidCharacter(buf: Buffer): boolean {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b < 0x80) return false;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return back < needed;
  }
  return false;
}

function sseContent(raw: string): string {
  return raw
    .split(/\r?\n/)
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => (JSON.parse(l.slice(6)) as ChunkJson).choices[0].delta.content ?? '')
    .join('');
}

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('GeekAI test server', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  it('serves /health and answers unknown paths and bad bodies like the API', async () => {
    assert.equal(await (await fetch(`${server.origin}/health`)).text(), 'ok');
    const missing = await fetch(`${server.baseUrl}/nope`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}` },
    });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as ErrorJson).error.type, 'invalid_request_error');
    const notJson = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}` },
      body: '{nope',
    });
    assert.equal(notJson.status, 400);
  });

  it('answers Gemini like GeekAI: JSON even when stream is asked, image in message.image and markdown', async () => {
    const res = await chat(server, userBody('gemini-2.5-flash-image', '画一只猫', { stream: true }));
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const body = (await res.json()) as ChatJson;
    assert.equal(body.object, 'chat.completion');
    const { message, finish_reason } = body.choices[0];
    assert.equal(finish_reason, 'stop');
    const url = message.image?.url ?? '';
    assert.ok(url.startsWith(`${server.origin}/files/`));
    assert.ok((message.content as string).includes(`![](${url})`));
    assert.ok(body.usage.total_tokens > 0);
    const bytes = await bytesOf(url);
    assert.deepEqual(bytes, server.servedImages.get(new URL(url).pathname));
    assert.deepEqual(server.lastServedImages(), [bytes]);
    assert.equal(decodePng(bytes).width, 256);
    const other = (await (await chat(server, userBody('gemini-2.5-flash-image', '画一条狗'))).json()) as ChatJson;
    assert.notDeepEqual(await bytesOf(other.choices[0].message.image?.url ?? ''), bytes);
    const rec = await server.waitForRequest((r) => r.path.endsWith('/chat/completions'));
    assert.equal(rec.model, 'gemini-2.5-flash-image');
    assert.equal(rec.completed, true);
  });

  it('geminiStrict answers text only unless forced', async () => {
    const strict = await startTestServer({ geminiStrict: true });
    try {
      const plain = (await (await chat(strict, userBody('gemini-2.5-flash-image', '猫'))).json()) as ChatJson;
      assert.equal(plain.choices[0].message.image, undefined);
      assert.deepEqual(strict.lastServedImages(), []);
      const forced = (await (
        await chat(strict, userBody('gemini-2.5-flash-image', '猫', { image_generation: true }))
      ).json()) as ChatJson;
      assert.ok(forced.choices[0].message.image?.url);
    } finally {
      await strict.close();
    }
  });

  it('streams progress, image and download link in awkwardly split chunks', async () => {
    const res = await chat(server, userBody('gpt-4o-image', 'a red fox', { stream: true }));
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const chunks = await rawChunks(res);
    assert.ok(chunks.some(endsMidCharacter), 'one raw chunk ends inside a UTF-8 character');
    const raw = Buffer.concat(chunks).toString('utf8');
    assert.ok(raw.includes('\n: keep-alive\n'));
    assert.ok(raw.trimEnd().endsWith('data: [DONE]'));
    const content = sseContent(raw);
    assert.ok(content.startsWith('{"prompt":"a red fox"'));
    assert.ok(content.includes('> 🎨 生成中...'));
    for (const p of [10, 34, 67, 100]) assert.ok(content.includes(`> 进度 **${p}%**`), `progress ${p}`);
    const image = /!\[(file_[^\]]+)\]\((http[^)]+)\)/.exec(content);
    assert.ok(image);
    assert.ok(content.includes(`[下载⏬](${server.origin}/download/${image[1]}.png)`));
    const bytes = await bytesOf(image[2]);
    assert.deepEqual(await bytesOf(`${server.origin}/download/${image[1]}.png`), bytes);
    assert.deepEqual(server.lastServedImages(), [bytes]);
  });

  it('midjourney-chat streams four distinct images', async () => {
    const content = sseContent(
      await (await chat(server, userBody('midjourney-chat', 'castle', { stream: true }))).text(),
    );
    const urls = [...content.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.equal(urls.length, 4);
    const images = server.lastServedImages();
    assert.equal(new Set(images.map((b) => b.toString('base64'))).size, 4);
  });

  it('returns an edited PNG with colours inverted and alpha kept', async () => {
    const input = {
      width: 3,
      height: 2,
      channels: 4 as const,
      data: new Uint8Array([...Array(24).keys()].map((i) => i * 10)),
    };
    const dataUrl = `data:image/png;base64,${encodePng(input, 4).toString('base64')}`;
    const content = [
      { type: 'text', text: 'invert it' },
      { type: 'image_url', image_url: { url: 'https://example.com/ref.png' } },
      { type: 'image_url', image_url: { url: dataUrl } },
    ];
    const body = (await (
      await chat(server, { model: 'gemini-2.5-flash-image', messages: [{ role: 'user', content }] })
    ).json()) as ChatJson;
    const out = decodePng(await bytesOf(body.choices[0].message.image?.url ?? ''));
    assert.equal(out.channels, 4);
    assert.deepEqual(
      [...out.data],
      [...input.data].map((v, i) => (i % 4 === 3 ? v : 255 - v)),
    );

    const jpeg = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64')}`;
    await chat(server, {
      model: 'gpt-5-all',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: jpeg } }] }],
    });
    const rec = server.requests[server.requests.length - 1];
    assert.ok(rec.notes.some((n) => n.includes('non-PNG')));
    assert.ok(isPng(server.lastServedImages()[0]));
  });

  it('rejects a missing, empty or bad key with 401 and leaves the queue alone', async () => {
    server.enqueue({ kind: 'text', text: 'queued' });
    for (const key of [null, '', 'bad-key']) {
      const res = await chat(server, userBody('gpt-5-all', 'x'), { key });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), {
        error: { message: 'Invalid API key', type: 'invalid_request_error', code: 'invalid_api_key' },
      });
    }
    const ok = (await (await chat(server, userBody('gpt-5-all', 'x'))).json()) as ChatJson;
    assert.equal(ok.choices[0].message.content, 'queued');
  });

  it('sends each enqueued error with its status, code and Retry-After', async () => {
    const cases: { b: Extract<Behaviour, { kind: 'error' }>; code: string }[] = [
      { b: { kind: 'error', status: 429, retryAfter: '1' }, code: 'rate_limit_exceeded' },
      { b: { kind: 'error', status: 402 }, code: 'insufficient_balance' },
      { b: { kind: 'error', status: 429, code: 'insufficient_quota' }, code: 'insufficient_quota' },
      { b: { kind: 'error', status: 400, code: 'moderation_blocked' }, code: 'moderation_blocked' },
      { b: { kind: 'error', status: 413 }, code: 'request_too_large' },
      { b: { kind: 'error', status: 500 }, code: 'internal_error' },
      { b: { kind: 'error', status: 503, retryAfter: '2' }, code: 'service_unavailable' },
      { b: { kind: 'error', status: 504 }, code: 'upstream_timeout' },
    ];
    server.enqueue(...cases.map((c) => c.b));
    for (const { b, code } of cases) {
      const res = await chat(server, userBody('gpt-4o-image', 'x'));
      assert.equal(res.status, b.status);
      assert.equal(res.headers.get('retry-after'), b.retryAfter ?? null);
      assert.equal(((await res.json()) as ErrorJson).error.code, code);
    }
    server.enqueue(
      { kind: 'error', status: 502, topLevelMessage: true, message: 'bad gateway' },
      { kind: 'error', status: 502, rawBody: '<html>502</html>' },
    );
    assert.equal(
      ((await (await chat(server, userBody('m', 'x'))).json()) as { message: string }).message,
      'bad gateway',
    );
    const html = await chat(server, userBody('m', 'x'));
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(await html.text(), '<html>502</html>');
  });

  it('puts images in every documented place', async () => {
    const vias = [
      'messageImage',
      'markdown',
      'markdownTitle',
      'messagesImages',
      'contentParts',
      'dataUrlMarkdown',
    ] as const;
    for (const via of vias) {
      server.enqueue({ kind: 'image', via, count: 2 });
      const text = await (await chat(server, userBody('gpt-4o-image', via))).text();
      const expected = via === 'messageImage' ? 1 : 2;
      assert.equal(server.lastServedImages().length, expected, via);
      for (const img of server.lastServedImages()) {
        const name = [...server.servedImages].find(([, b]) => b === img)?.[0] ?? '';
        const asData = img.toString('base64');
        assert.ok(text.includes(name) || text.includes(asData), `${via} references its image`);
      }
    }
    server.enqueue({ kind: 'image', via: 'imagesApi' });
    const api = (await (await chat(server, userBody('gpt-4o-image', 'x'))).json()) as {
      data: { url?: string; b64_json?: string }[];
    };
    assert.ok(api.data[0].url && api.data[1].b64_json);
    server.enqueue({ kind: 'image', via: 'messageImage', duplicateLinks: true });
    const dup = (await (await chat(server, userBody('gpt-4o-image', 'x'))).json()) as ChatJson;
    const url = dup.choices[0].message.image?.url ?? '';
    assert.ok((dup.choices[0].message.content as string).includes(`![](${url})`));
    assert.ok((dup.choices[0].message.content as string).includes(url.replace('/files/', '/download/')));
  });

  it('closeBeforeHeaders makes fetch reject; stream faults break the body', async () => {
    server.enqueue({ kind: 'closeBeforeHeaders' });
    await assert.rejects(chat(server, userBody('gpt-4o-image', 'x')));
    server.enqueue({ kind: 'closeMidStream' });
    const res = await chat(server, userBody('gpt-4o-image', 'x', { stream: true }));
    assert.equal(res.status, 200);
    await assert.rejects(res.text());
    server.enqueue({ kind: 'inStreamError' });
    const errText = await (await chat(server, userBody('gpt-4o-image', 'x', { stream: true }))).text();
    assert.ok(errText.includes('data: {"error":{"message":"upstream failed","type":"server_error"}}'));
    for (const r of server.requests) assert.equal(r.closedByClient, false);
  });

  it('delay + client abort records closedByClient, live', async () => {
    server.enqueue({ kind: 'delay', ms: 5000, then: { kind: 'text', text: 'late' } });
    const abort = new AbortController();
    const pending = chat(server, userBody('gpt-4o-image', 'x'), { signal: abort.signal });
    const rec = await server.waitForRequest((r) => r.path.endsWith('/chat/completions'));
    assert.equal(rec.closedByClient, false);
    abort.abort();
    await assert.rejects(pending);
    await until(() => rec.closedByClient);
    assert.equal(rec.status, undefined);
    assert.equal(rec.completed, false);
  });

  it('badImageUrl huge streams 60 MB without a Content-Length and stops when the client leaves', async () => {
    server.enqueue({ kind: 'badImageUrl', variant: 'huge' });
    const body = (await (await chat(server, userBody('gemini-2.5-flash-image', 'x'))).json()) as ChatJson;
    const url = body.choices[0].message.image?.url ?? '';
    const res = await fetch(url);
    assert.equal(res.headers.get('content-length'), null);
    let total = 0;
    let first: Buffer | undefined;
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      first ??= Buffer.from(value);
      total += value.length;
    }
    assert.ok(first && isPng(first));
    assert.ok(total > 60 * 1024 * 1024);
    assert.deepEqual(server.lastServedImages(), []);

    const abort = new AbortController();
    const partial = await fetch(url, { signal: abort.signal });
    await (partial.body as ReadableStream<Uint8Array>).getReader().read();
    abort.abort();
    const rec = server.requests[server.requests.length - 1];
    assert.ok(rec.path.startsWith('/bad/huge/'));
    await until(() => rec.closedByClient);
    assert.equal(rec.completed, false);
  });

  it('redirectOnce leads to the good image', async () => {
    server.enqueue({ kind: 'badImageUrl', variant: 'redirectOnce' });
    const again = (await (await chat(server, userBody('gemini-2.5-flash-image', 'x'))).json()) as ChatJson;
    const redirected = await fetch(again.choices[0].message.image?.url ?? '');
    assert.equal(redirected.redirected, true);
    assert.deepEqual(Buffer.from(await redirected.arrayBuffer()), server.lastServedImages()[0]);
  });

  it('close() ends requests held open forever', async () => {
    server.enqueue({ kind: 'neverHeaders' });
    const pending = chat(server, userBody('gpt-4o-image', 'x'));
    await server.waitForRequest((r) => r.path.endsWith('/chat/completions'));
    await server.close();
    await assert.rejects(pending);
  });
});
