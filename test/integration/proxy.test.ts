// Proxies and certificates over real loopback: a real proxy server (the `proxy` package) whose log
// proves what went through it, the project's test server over http and over https with a
// certificate from the tests' own CA, and createNetworkDispatcher as the extension builds it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Dispatcher } from 'undici';
import { ImageError } from '../../src/core/errors';
import type { CaughtError } from '../support/expect';
import { generateImages, type GenerateParams, type GenerationResult } from '../../src/core/generate';
import { createNetworkDispatcher, type Environment, type NetworkSettings } from '../../src/core/http/networkDispatcher';
import { DEFAULT_DOWNLOAD_LIMITS, fetchImage } from '../../src/core/images/download';
import { startTestServer, type TestServer } from '../server/testServer';
import { LogCapture } from '../support/logCapture';
import { deadPort, startLoopbackProxy, type LoopbackProxy } from '../support/loopbackProxy';
import { makeTestCertificates, type TestCertificates } from '../support/testCertificates';

const KEY = 'Zq7x9Lm2Pw4Rt6Yu8KdQ-proxy-key';
const TIMEOUTS = { connectMs: 2000, headersMs: 5000, idleMs: 5000, totalMs: 10_000 };
const NO_RETRY = { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 };

describe('proxies and certificates (integration)', function () {
  this.timeout(20_000);
  let certs: TestCertificates;
  let server: TestServer;
  let proxy: LoopbackProxy;
  const open: Dispatcher[] = [];

  before(async () => {
    certs = await makeTestCertificates();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
    await server?.close();
    await proxy?.close();
  });

  function dispatcher(settings: NetworkSettings, env: Environment = {}): Dispatcher {
    const d = createNetworkDispatcher({ connectMs: 2000, ...settings }, env);
    open.push(d);
    return d;
  }

  function generate(d: Dispatcher, over: Partial<GenerateParams> = {}): Promise<GenerationResult> {
    return generateImages({
      baseUrl: server.baseUrl,
      apiKey: KEY,
      model: 'gemini-2.5-flash-image',
      prompt: '画一只猫',
      references: [],
      stream: false,
      forceImage: false,
      retryWithRemedies: false,
      timeouts: TIMEOUTS,
      retry: NO_RETRY,
      dispatcher: d,
      log: new LogCapture(),
      ...over,
    });
  }

  async function failure(p: Promise<unknown>): Promise<CaughtError> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof ImageError, `an ImageError, not ${String(e)}`);
      return e;
    }
    return assert.fail('expected a failure');
  }

  const hostOf = (s: TestServer): string => new URL(s.origin).host;

  describe('through a proxy', () => {
    beforeEach(async () => {
      server = await startTestServer({ streamDelayMs: 1 });
      proxy = await startLoopbackProxy();
    });

    it('the API call and the image download both go through the proxy named in the setting', async () => {
      const result = await generate(dispatcher({ proxy: proxy.url }));
      assert.deepEqual(Buffer.from(result.images[0].bytes), server.lastServedImages()[0]);
      assert.ok(proxy.log.length >= 1);
      for (const entry of proxy.log) assert.deepEqual(entry, { method: 'CONNECT', target: hostOf(server) });
      // An http target's bytes cross the tunnel as they are: the proxy saw both requests.
      const seen = proxy.received().toString('latin1');
      assert.match(seen, /POST \/api\/v1\/chat\/completions HTTP\/1\.1/);
      const image = new URL(server.requests.find((r) => r.method === 'GET')?.path ?? '/none', server.origin).pathname;
      assert.ok(seen.includes(`GET ${image} HTTP/1.1`), 'the image download went through the proxy');
    });

    it('HTTP_PROXY from the environment applies when the setting is empty; the setting wins over it', async () => {
      await generate(dispatcher({}, { HTTP_PROXY: proxy.url }));
      const first = proxy.log.length;
      assert.ok(first >= 1);
      const dead = `http://127.0.0.1:${await deadPort()}`;
      await generate(dispatcher({ proxy: proxy.url }, { HTTP_PROXY: dead, http_proxy: dead }));
      assert.ok(proxy.log.length > first);
    });

    it('NO_PROXY (or the noProxy setting) sends matching hosts directly: the proxy sees nothing', async () => {
      await generate(dispatcher({}, { HTTP_PROXY: proxy.url, NO_PROXY: 'example.org,127.0.0.1' }));
      await generate(dispatcher({ proxy: proxy.url, noProxy: ['127.0.0.1'] }));
      assert.deepEqual(proxy.log, []);
      assert.equal(server.requests.filter((r) => r.method === 'POST').length, 2);
    });

    it('a dead proxy gets its own error naming it, is not retried, and the server sees nothing', async () => {
      const port = await deadPort();
      const e = await failure(
        generate(dispatcher({ proxy: `http://user:secret@127.0.0.1:${port}` }), {
          retry: { ...NO_RETRY, maxRetries: 3 },
        }),
      );
      assert.equal(e.kind, 'network');
      assert.equal(e.reason, 'proxyRefused');
      assert.equal(e.params.proxy, `http://127.0.0.1:${port}`);
      assert.ok(
        !JSON.stringify({ m: e.message, p: e.params }).includes('secret'),
        'the proxy password is never in the error',
      );
      assert.deepEqual(server.requests, []);
    });

    it('a proxy host that does not resolve: proxyNotFound', async () => {
      const e = await failure(generate(dispatcher({ proxy: 'http://proxy.invalid:3128' })));
      assert.equal(e.reason, 'proxyNotFound');
      assert.equal(e.params.proxy, 'http://proxy.invalid:3128');
    });

    it('an image download through a dead proxy says so too (not a generic download failure)', async () => {
      const port = await deadPort();
      const d = dispatcher({ proxy: `127.0.0.1:${port}` });
      const e = await failure(
        fetchImage(`${server.origin}/files/x.png`, { ...DEFAULT_DOWNLOAD_LIMITS, dispatcher: d }),
      );
      assert.equal(e.kind, 'network');
      assert.equal(e.reason, 'proxyRefused');
    });

    it('a proxy address that is not http(s) is refused before anything is sent, without echoing it', () => {
      for (const bad of ['ftp://u:pw@proxy:21', 'http://', 'socks5://proxy:1080']) {
        assert.throws(
          () => createNetworkDispatcher({ proxy: bad }, {}),
          (e: unknown) =>
            e instanceof ImageError &&
            e.kind === 'invalidInput' &&
            e.reason === 'badProxy' &&
            !e.message.includes('pw'),
        );
      }
      assert.throws(
        () => createNetworkDispatcher({}, { HTTPS_PROXY: 'ftp://proxy' }),
        (e: unknown) => e instanceof ImageError && e.reason === 'badProxy',
      );
    });
  });

  describe('a proxy that asks for credentials', () => {
    beforeEach(async () => {
      server = await startTestServer({ streamDelayMs: 1 });
      proxy = await startLoopbackProxy('alice:s3cret');
    });

    it('credentials in the proxy address are sent as Basic Proxy-Authorization', async () => {
      await generate(dispatcher({ proxy: `http://alice:s3cret@127.0.0.1:${proxy.port}` }));
      assert.equal(proxy.log[0]?.proxyAuthorization, `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    });

    it('the proxyAuthorization setting is sent as it is', async () => {
      const header = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
      const result = await generate(dispatcher({ proxy: proxy.url, proxyAuthorization: header }));
      assert.equal(result.images.length, 1);
      assert.equal(proxy.log[0]?.proxyAuthorization, header);
    });

    it('none or wrong: proxyAuth, naming the proxy without the password', async () => {
      const none = await failure(generate(dispatcher({ proxy: proxy.url })));
      assert.equal(none.reason, 'proxyAuth');
      const wrong = await failure(generate(dispatcher({ proxy: `http://alice:wrong@127.0.0.1:${proxy.port}` })));
      assert.equal(wrong.reason, 'proxyAuth');
      assert.equal(wrong.params.proxy, proxy.url);
      assert.ok(!wrong.message.includes('wrong'));
      assert.deepEqual(server.requests, []);
    });
  });

  describe('https with a company CA', () => {
    beforeEach(async () => {
      server = await startTestServer({ streamDelayMs: 1, tls: { key: certs.key, cert: certs.cert } });
      proxy = await startLoopbackProxy();
    });

    it('a certificate from an unknown CA is refused (tls) and nothing is sent', async () => {
      const e = await failure(generate(dispatcher({})));
      assert.equal(e.kind, 'network');
      assert.equal(e.reason, 'tls');
      assert.deepEqual(server.requests, []);
    });

    it('the CA as an extra certificate, or in NODE_EXTRA_CA_CERTS, is trusted', async () => {
      const a = await generate(dispatcher({ extraCaPems: [certs.ca] }));
      assert.deepEqual(Buffer.from(a.images[0].bytes), server.lastServedImages()[0]);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'geekai-ca-'));
      try {
        const file = path.join(dir, 'company-ca.pem');
        await fs.writeFile(file, certs.ca);
        const b = await generate(dispatcher({}, { NODE_EXTRA_CA_CERTS: file }));
        assert.equal(b.images.length, 1);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });

    it('strictSSL off accepts the unknown CA', async () => {
      const result = await generate(dispatcher({ strictSSL: false }));
      assert.equal(result.images.length, 1);
    });

    it('through the proxy: the CA applies inside the tunnel, and the key never reaches the proxy readable', async () => {
      const result = await generate(dispatcher({ proxy: proxy.url, extraCaPems: [certs.ca] }));
      assert.deepEqual(Buffer.from(result.images[0].bytes), server.lastServedImages()[0]);
      assert.ok(proxy.log.length >= 1);
      for (const entry of proxy.log) assert.deepEqual(entry, { method: 'CONNECT', target: hostOf(server) });
      assert.equal(server.requests.find((r) => r.method === 'POST')?.headers.authorization, `Bearer ${KEY}`);
      const seen = proxy.received().toString('latin1');
      assert.ok(
        !seen.includes(KEY) && !seen.includes('chat/completions'),
        'the proxy saw only the CONNECT line and TLS records',
      );
    });

    it('through the proxy without the CA: tls, and strictSSL off lets it through', async () => {
      const e = await failure(generate(dispatcher({ proxy: proxy.url })));
      assert.equal(e.reason, 'tls');
      const ok = await generate(dispatcher({ proxy: proxy.url, strictSSL: false }));
      assert.equal(ok.images.length, 1);
    });
  });

  describe('an http base URL through a proxy', () => {
    beforeEach(async () => {
      server = await startTestServer({ streamDelayMs: 1 });
      proxy = await startLoopbackProxy();
    });

    it('is readable by the proxy, key included, as it is by anyone on the network: https is the remedy', async () => {
      await generate(dispatcher({ proxy: proxy.url }));
      assert.ok(proxy.received().toString('latin1').includes(`Bearer ${KEY}`));
    });
  });
});
