// postWithRetry against the test server over real loopback HTTP: headers, retries, timeouts, cancel.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWithRetry, type OpenResponse, type PostOptions, type RetryPolicy } from '../../src/core/http/httpClient';
import type { RecordedRequest } from '../server/testServer';
import { expectImageError as failure } from '../support/expect';
import { useLoopback, type Loopback } from '../support/loopback';

const KEY = 'Zq7x9Lm2Pw4Rt6Yu8KdQ-http';

let lb: Loopback;
const RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5000 };
const BODY = JSON.stringify({ model: 'gemini-2.5-flash-image', messages: [{ role: 'user', content: '一只猫' }] });
const STREAM_BODY = JSON.stringify({
  model: 'gpt-4o-image',
  messages: [{ role: 'user', content: '一只猫' }],
  stream: true,
});

function post(over: Partial<PostOptions> = {}): Promise<OpenResponse> {
  return postWithRetry({
    url: `${lb.server.baseUrl}/chat/completions`,
    apiKey: KEY,
    body: BODY,
    accept: 'application/json',
    timeouts: { connectMs: 2000, headersMs: 5000, idleMs: 5000, totalMs: 10_000 },
    retry: RETRY,
    dispatcher: lb.agent,
    log: lb.log,
    ...over,
  });
}

const chats = (): RecordedRequest[] => lb.server.requests.filter((r) => r.method === 'POST');

async function drain(res: OpenResponse): Promise<string> {
  try {
    return await res.text();
  } finally {
    res.close();
  }
}

describe('postWithRetry (integration)', function () {
  this.timeout(10_000);

  lb = useLoopback({ key: KEY, server: { streamDelayMs: 5 } });

  it('sends the body with the Bearer key and JSON headers, and hands back the open 200', async () => {
    const res = await post();
    assert.equal(res.status, 200);
    assert.match(res.contentType, /^application\/json/);
    const text = await drain(res);
    assert.equal(res.bytesRead(), Buffer.byteLength(text));
    assert.equal((JSON.parse(text) as { object: string }).object, 'chat.completion');
    const req = chats()[0];
    assert.equal(req.bodyText, BODY);
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers.accept, 'application/json');
    assert.match(lb.log.text(), /POST 127\.0\.0\.1:\d+\/api\/v1\/chat\/completions → 200 after \d+ ms \(attempt 1\)/);
  });

  it('a connection dropped before any answer is retried', async () => {
    lb.server.enqueue({ kind: 'closeBeforeHeaders' });
    const retries: { attempt: number; kind: string; reason?: string }[] = [];
    const res = await post({
      onRetry: (i) => retries.push({ attempt: i.attempt, kind: i.error.kind, reason: i.error.reason }),
    });
    await drain(res);
    assert.equal(chats().length, 2);
    assert.deepEqual(retries, [{ attempt: 1, kind: 'network', reason: 'closedBeforeHeaders' }]);
  });

  it('429 without Retry-After waits a jittered backoff from the policy', async () => {
    lb.server.enqueue({ kind: 'error', status: 429 }, { kind: 'error', status: 429 });
    const delays: number[] = [];
    await drain(await post({ onRetry: (i) => delays.push(i.delayMs) }));
    assert.equal(chats().length, 3);
    assert.equal(delays.length, 2);
    assert.ok(delays[0] >= 5 && delays[0] <= 10, String(delays[0]));
    assert.ok(delays[1] >= 10 && delays[1] <= 20, String(delays[1]));
  });

  it('Retry-After as an HTTP date is honoured', async () => {
    lb.server.enqueue({ kind: 'error', status: 503, retryAfter: new Date(Date.now() + 1000).toUTCString() });
    const delays: number[] = [];
    await drain(await post({ onRetry: (i) => delays.push(i.delayMs) }));
    assert.equal(chats().length, 2);
    assert.ok(delays[0] >= 0 && delays[0] <= 1000, String(delays[0]));
  });

  it('a Retry-After longer than maxRetryAfterMs is not waited out', async () => {
    lb.server.enqueue({ kind: 'error', status: 429, retryAfter: '30' });
    const t0 = Date.now();
    const e = await failure(post());
    assert.equal(e.kind, 'rateLimit');
    assert.equal(chats().length, 1);
    assert.ok(Date.now() - t0 < 1000);
  });

  it('stops after maxRetries: 3 requests for maxRetries 2; an HTML error page gives no detail', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    lb.server.enqueue(...[1, 2, 3, 4].map(() => ({ kind: 'error' as const, status: 502, rawBody: html })));
    const e = await failure(post());
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 502);
    assert.equal(e.detail, undefined);
    assert.equal(chats().length, 3);
  });

  it('a relay error with a top-level message: detail relayed, key redacted', async () => {
    lb.server.enqueue({ kind: 'error', status: 403, topLevelMessage: true, message: `令牌 ${KEY} 无权使用该模型` });
    const e = await failure(post());
    assert.equal(e.kind, 'forbidden');
    assert.equal(e.detail, '令牌 *** 无权使用该模型');
    assert.equal(chats().length, 1);
  });

  it('cancel during the wait before a retry: cancelled at once, no second request', async () => {
    lb.server.enqueue({ kind: 'error', status: 429, retryAfter: '3' });
    const c = new AbortController();
    const t0 = Date.now();
    const p = post({ signal: c.signal, onRetry: () => setTimeout(() => c.abort(), 50) });
    const e = await failure(p);
    assert.equal(e.kind, 'cancelled');
    assert.ok(Date.now() - t0 < 1500);
    assert.equal(chats().length, 1);
  });

  it('no response headers in time: timeout headers, not retried', async () => {
    lb.server.enqueue({ kind: 'neverHeaders' });
    const t0 = Date.now();
    const e = await failure(post({ timeouts: { connectMs: 1000, headersMs: 300, idleMs: 5000, totalMs: 5000 } }));
    assert.equal(e.kind, 'timeout');
    assert.equal(e.reason, 'headers');
    assert.ok(Date.now() - t0 < 2000);
    assert.equal(chats().length, 1);
  });

  it('a body that never ends: the total time limit fires while reading', async () => {
    lb.server.enqueue({ kind: 'neverEndBody', intervalMs: 50 });
    const t0 = Date.now();
    const res = await post({ timeouts: { connectMs: 1000, headersMs: 2000, idleMs: 2000, totalMs: 500 } });
    const e = await failure(drain(res));
    assert.equal(e.kind, 'timeout');
    assert.equal(e.reason, 'total');
    assert.ok(Date.now() - t0 < 2000);
  });

  it('a stream dropped mid-way: network closedMidBody while reading chunks', async () => {
    lb.server.enqueue({ kind: 'closeMidStream' });
    const res = await post({ body: STREAM_BODY, accept: 'text/event-stream' });
    assert.match(res.contentType, /^text\/event-stream/);
    const e = await failure(drain(res));
    assert.equal(e.kind, 'network');
    assert.equal(e.reason, 'closedMidBody');
    assert.ok(res.bytesRead() > 0);
    assert.equal(chats().length, 1);
  });

  it('headers then a dropped connection: network closedMidBody, not retried', async () => {
    lb.server.enqueue({ kind: 'closeAfterHeaders' });
    const res = await post();
    const e = await failure(drain(res));
    assert.equal(e.kind, 'network');
    assert.equal(e.reason, 'closedMidBody');
    assert.equal(chats().length, 1);
  });

  it('connection refused: network refused, quickly', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const t0 = Date.now();
    const e = await failure(post({ url: `http://127.0.0.1:${port}/api/v1/chat/completions` }));
    assert.equal(e.kind, 'network');
    assert.equal(e.reason, 'refused');
    assert.equal(e.params.host, `127.0.0.1:${port}`);
    assert.ok(Date.now() - t0 < 2000);
  });
});
