import assert from 'node:assert/strict';
import type { ErrorKind } from '../../src/core/errors';
import {
  errorFromInlineBody,
  errorFromResponse,
  errorFromTransport,
  type TransportContext,
} from '../../src/core/http/httpErrors';
import { Secrets } from '../../src/core/text/secrets';

// Deliberately not shaped like `sk-…`, so only the secrets list can catch it.
const KEY = 'Zq7x9Lm2Pw4Rt6Yu8KdQ';

const openAi = (message: string, code?: string, type = 'invalid_request_error'): string =>
  JSON.stringify({ error: { message, type, code } });

describe('errorFromResponse', () => {
  const table: [number, string, ErrorKind, string | undefined][] = [
    [400, openAi('Invalid value for size'), 'badRequest', undefined],
    [
      400,
      openAi('Your request was rejected by the safety system', 'moderation_blocked'),
      'moderation',
      'moderation_blocked',
    ],
    [401, openAi('Invalid token', 'invalid_api_key'), 'auth', 'invalid_api_key'],
    [402, openAi('余额不足', 'insufficient_balance'), 'payment', 'insufficient_balance'],
    [403, openAi('无权使用该模型'), 'forbidden', undefined],
    [404, openAi('model not found', 'model_not_found'), 'notFound', 'model_not_found'],
    [413, openAi('Request Entity Too Large'), 'tooLarge', undefined],
    [429, openAi('Rate limit reached for gpt-4o-image', 'rate_limit_exceeded'), 'rateLimit', 'rate_limit_exceeded'],
    [
      429,
      openAi('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'),
      'quota',
      'insufficient_quota',
    ],
    [500, openAi('internal error'), 'server', undefined],
    [502, openAi('bad gateway'), 'server', undefined],
    [503, openAi('overloaded'), 'server', undefined],
    [504, openAi('upstream timeout'), 'server', undefined],
  ];
  for (const [status, body, kind, reason] of table) {
    it(`${status} ${reason ?? ''} → ${kind}`, () => {
      const e = errorFromResponse(status, body, new Secrets(KEY));
      assert.equal(e.kind, kind);
      assert.equal(e.status, status);
      assert.equal(e.reason, reason);
      assert.equal(e.detail, (JSON.parse(body) as { error: { message: string } }).error.message);
    });
  }

  it('429 whose message (not code) says insufficient_quota is quota', () => {
    assert.equal(
      errorFromResponse(
        429,
        JSON.stringify({ error: { message: 'insufficient_quota: no credit left' } }),
        new Secrets(),
      ).kind,
      'quota',
    );
  });

  it('relays a top-level message (relay style), with its code', () => {
    const e = errorFromResponse(
      429,
      JSON.stringify({ message: '请求过于频繁', code: 'insufficient_quota' }),
      new Secrets(),
    );
    assert.equal(e.kind, 'quota');
    assert.equal(e.detail, '请求过于频繁');
    const f = errorFromResponse(401, JSON.stringify({ success: false, message: '令牌无效' }), new Secrets());
    assert.equal(f.kind, 'auth');
    assert.equal(f.detail, '令牌无效');
    assert.equal(f.message, 'HTTP 401: 令牌无效');
  });

  it('relays {"error":"string"} and a plain-text body', () => {
    assert.equal(errorFromResponse(400, JSON.stringify({ error: 'bad size' }), new Secrets()).detail, 'bad size');
    assert.equal(errorFromResponse(503, 'Service Unavailable', new Secrets()).detail, 'Service Unavailable');
  });

  it('does not leak an HTML page into the detail or message', () => {
    for (const html of [
      '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>',
      '\n  <!DOCTYPE html><html><title>Just a moment…</title></html>',
    ]) {
      const e = errorFromResponse(502, html, new Secrets());
      assert.equal(e.kind, 'server');
      assert.equal(e.detail, undefined);
      assert.equal(e.message, 'HTTP 502');
    }
  });

  it('gives no detail for an empty body or JSON without a message', () => {
    assert.equal(errorFromResponse(500, '', new Secrets()).detail, undefined);
    assert.equal(errorFromResponse(500, '{"foo":1}', new Secrets()).detail, undefined);
  });

  it('never shows the key: server text that echoes it is redacted in message and detail', () => {
    const bodies = [
      openAi(`Incorrect API key provided: ${KEY}. You can find your API key at https://geekai.co`, 'invalid_api_key'),
      JSON.stringify({ message: `token ${KEY} is disabled` }),
      `invalid key ${KEY}`,
      openAi(`Authorization: Bearer ${KEY}`),
    ];
    for (const body of bodies) {
      const e = errorFromResponse(401, body, new Secrets(KEY));
      assert.equal(e.kind, 'auth');
      assert.ok(e.detail?.includes('***'), e.detail);
      assert.ok(!e.detail?.includes(KEY), e.detail);
      assert.ok(!e.message.includes(KEY), e.message);
      assert.ok(!JSON.stringify(e.params).includes(KEY));
    }
  });

  it('shortens a huge text body to one line of at most 300 characters', () => {
    const e = errorFromResponse(500, `line one\n${'x '.repeat(5000)}`, new Secrets());
    assert.ok(e.detail);
    assert.ok(e.detail.startsWith('line one x x'));
    assert.ok(Array.from(e.detail).length <= 301);
    assert.ok(!e.detail.includes('\n'));
  });
});

describe('errorFromInlineBody', () => {
  it('redacts the key and keeps the code as the reason', () => {
    const e = errorFromInlineBody({ message: `bad key ${KEY}`, code: 'upstream_error' }, new Secrets(KEY));
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.reason, 'upstream_error');
    assert.equal(e.detail, 'bad key ***');
    assert.equal(e.status, undefined);
  });
});

describe('errorFromTransport', () => {
  const ctx = (over: Partial<TransportContext> = {}): TransportContext => ({
    cancelled: false,
    timedOut: false,
    gotHeaders: false,
    host: 'geekai.co',
    ...over,
  });
  const err = (code: string): Error => Object.assign(new Error(code), { code });

  it('maps undici and socket codes to kinds and reasons', () => {
    const cases: [unknown, string, string][] = [
      [err('UND_ERR_HEADERS_TIMEOUT'), 'timeout', 'headers'],
      [err('UND_ERR_BODY_TIMEOUT'), 'timeout', 'idle'],
      [err('UND_ERR_CONNECT_TIMEOUT'), 'timeout', 'connect'],
      [Object.assign(new Error('fetch failed'), { cause: err('ECONNREFUSED') }), 'network', 'refused'],
      [err('ENOTFOUND'), 'network', 'dns'],
      [err('EAI_AGAIN'), 'network', 'dns'],
      [err('CERT_HAS_EXPIRED'), 'network', 'tls'],
      [err('ERR_TLS_CERT_ALTNAME_INVALID'), 'network', 'tls'],
      [err('ECONNRESET'), 'network', 'closedBeforeHeaders'],
      [err('UND_ERR_SOCKET'), 'network', 'closedBeforeHeaders'],
    ];
    for (const [e, kind, reason] of cases) {
      const m = errorFromTransport(e, ctx());
      assert.equal(m.kind, kind, String(e));
      assert.equal(m.reason, reason, String(e));
      assert.deepEqual(m.params, { host: 'geekai.co' });
    }
  });

  it('tells a drop after the headers from one before', () => {
    assert.equal(errorFromTransport(err('UND_ERR_SOCKET'), ctx({ gotHeaders: true })).reason, 'closedMidBody');
  });

  it('cancel wins over everything, then the total time limit', () => {
    assert.equal(
      errorFromTransport(err('UND_ERR_ABORTED'), ctx({ cancelled: true, timedOut: true })).kind,
      'cancelled',
    );
    const t = errorFromTransport(err('UND_ERR_ABORTED'), ctx({ timedOut: true }));
    assert.equal(t.kind, 'timeout');
    assert.equal(t.reason, 'total');
  });
});

describe('errorFromResponse: the key in an error code', () => {
  it('redacts a key that a relay echoes in the code field', () => {
    const key = 'sk-ECHOED-0123456789abcdef';
    const e = errorFromResponse(
      400,
      JSON.stringify({ error: { message: 'bad', code: `invalid key ${key}` } }),
      new Secrets(key),
    );
    assert.equal(`${e.message} ${e.reason}`.includes(key), false);
  });
});
