// VS Code's proxy settings in the adapter, over real loopback: the extension's own dispatcher
// (sessionNetwork, as the engine builds it from `http.*`) under the real GenerationService and
// Generate Image… command, a real proxy server (the `proxy` package) whose log shows what went
// through it, and the project's test server behind it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateCommand } from '../../src/vscode/commands/generate';
import { redact } from '../../src/core/text/redact';
import { Secrets } from '../../src/core/text/secrets';
import { sessionNetwork, type SessionNetwork } from '../../src/vscode/sessionNetwork';
import { startTestServer, type TestServer } from '../server/testServer';
import { LogCapture } from '../support/logCapture';
import { deadPort, startLoopbackProxy, type LoopbackProxy } from '../support/loopbackProxy';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-proxy-adapter-5r8t2y6u';
const PROMPT = 'a lighthouse at dusk';

describe('proxy settings in the extension (adapter, real proxy over loopback)', function () {
  this.timeout(20_000);
  let server: TestServer;
  let proxy: LoopbackProxy;
  let net: SessionNetwork | undefined;
  let h: Harness | undefined;
  let http: Record<string, unknown>;
  let log: LogCapture;
  let secrets: Secrets;

  beforeEach(async () => {
    server = await startTestServer({ streamDelayMs: 1 });
    proxy = await startLoopbackProxy();
    http = {};
    log = new LogCapture();
    secrets = new Secrets();
  });
  afterEach(async () => {
    await h?.dispose();
    await net?.close();
    h = net = undefined;
    await server.close();
    await proxy.close();
  });

  /** The adapter over the settings in `http` (read on every reload, as from workspace.getConfiguration('http')). */
  function start(env: Record<string, string | undefined> = {}): Harness {
    net = sessionNetwork((key) => http[key], log, secrets, env);
    h = makeHarness(server.baseUrl, { key: KEY, dispatcher: net.dispatcher });
    return h;
  }

  async function generate(harness: Harness): Promise<void> {
    markdownDoc(harness, 'post.md', 'Before\n');
    harness.ui.inputs.push(PROMPT);
    await generateCommand(harness.ctx);
  }

  const serverHost = (): string => new URL(server.origin).host;
  const posts = (): number => server.requests.filter((r) => r.method === 'POST').length;

  it('with http.proxy set, the API call and the image download reach the server through the proxy; the file and link are as without one', async () => {
    http.proxy = proxy.url;
    const harness = start();
    await generate(harness);

    assert.deepEqual(harness.ui.messages('error'), []);
    const saved = path.join(harness.root, 'images/2025-09-22-a-lighthouse-at-dusk.png');
    assert.deepEqual(fs.readFileSync(saved), server.lastServedImages()[0]);
    assert.equal(harness.editors.text, `Before\n\n![${PROMPT}](images/2025-09-22-a-lighthouse-at-dusk.png)`);
    assert.ok(proxy.log.length >= 1);
    for (const entry of proxy.log) assert.deepEqual(entry, { method: 'CONNECT', target: serverHost() });
    const seen = proxy.received().toString('latin1');
    assert.match(seen, /POST \/api\/v1\/chat\/completions HTTP\/1\.1/);
    const image = new URL(server.requests.find((r) => r.method === 'GET')?.path ?? '/none', server.origin).pathname;
    assert.ok(seen.includes(`GET ${image} HTTP/1.1`), 'the image download went through the proxy');
    assert.match(log.text(), new RegExp(`network: proxy ${proxy.url}`));
  });

  it('the gateway model list goes through the proxy too', async () => {
    http.proxy = proxy.url;
    const harness = start();
    const models = await harness.ctx.service.gatewayModels(true);
    assert.ok(models.length > 0);
    assert.ok(seenGet(proxy, '/api/v1/models'), 'GET /models crossed the proxy');
  });

  it('a host in http.noProxy is reached directly: the proxy sees nothing', async () => {
    http.proxy = proxy.url;
    http.noProxy = ['127.0.0.1'];
    const harness = start();
    await generate(harness);
    assert.deepEqual(harness.ui.messages('error'), []);
    assert.equal(posts(), 1);
    assert.deepEqual(proxy.log, []);
  });

  it('a dead proxy: its own sentence naming the proxy without the password; nothing is sent or saved', async () => {
    const port = await deadPort();
    http.proxy = `http://alice:pa55word@127.0.0.1:${port}`;
    const harness = start();
    harness.ui.errorChoices.push('Open Settings');
    await generate(harness);
    assert.deepEqual(harness.ui.settingsOpened, ['http.proxy'], 'Open Settings shows the proxy settings');
    assert.deepEqual(harness.ui.messages('error'), [
      `The proxy at http://127.0.0.1:${port} refused the connection. Check http.proxy (or HTTPS_PROXY) and that the proxy is running.`,
    ]);
    assert.deepEqual(listFiles(harness.root), ['post.md']);
    assert.equal(harness.editors.text, 'Before\n');
    assert.deepEqual(server.requests, []);
    assert.ok(
      !log.text().includes('pa55word') && !JSON.stringify(harness.ui.shown).includes('pa55word'),
      'the proxy password is never shown or logged',
    );
  });

  it("the proxies' credentials join the session's secrets as they are read, from the settings or the environment", async () => {
    const token = Buffer.from('bob:t0psecret').toString('base64');
    http.proxy = `http://alice:pa%24%24word@127.0.0.1:${proxy.port}`;
    http.proxyAuthorization = `Basic ${token}`;
    start();
    assert.equal(
      redact(`pass pa$$word, raw pa%24%24word, header Basic ${token}, token ${token}`, secrets),
      'pass ***, raw ***, header ***, token ***',
    );
    http.proxy = undefined;
    http.proxyAuthorization = undefined;
    net?.reload();
    await net?.close();
    net = undefined;
    const fromEnv = new Secrets();
    net = sessionNetwork((key) => http[key], log, fromEnv, {
      HTTPS_PROXY: `http://carol:env-s3cret@127.0.0.1:${proxy.port}`,
    });
    assert.equal(redact('env-s3cret', fromEnv), '***');
    assert.equal(redact('carol', fromEnv), 'carol', 'a user name is not a secret');
  });

  it('a proxy that wants credentials, without http.proxyAuthorization: the 407 sentence; with it: through', async () => {
    await proxy.close();
    proxy = await startLoopbackProxy('bob:t0psecret');
    http.proxy = proxy.url;
    const harness = start();
    await generate(harness);
    assert.deepEqual(harness.ui.messages('error'), [
      `The proxy at ${proxy.url} asks for credentials (407). Set http.proxyAuthorization, or put the user name and password in http.proxy.`,
    ]);

    http.proxyAuthorization = `Basic ${Buffer.from('bob:t0psecret').toString('base64')}`;
    net?.reload();
    harness.ui.shown.length = 0;
    await generate(harness);
    assert.deepEqual(harness.ui.messages('error'), []);
    assert.equal(proxy.log.at(-1)?.proxyAuthorization, http.proxyAuthorization);
    assert.equal(posts(), 1);
  });

  it('a changed setting applies to the next request without a restart', async () => {
    const harness = start();
    await generate(harness);
    assert.equal(proxy.log.length, 0, 'no proxy at first');
    assert.equal(posts(), 1);

    http.proxy = proxy.url;
    net?.reload();
    await generate(harness);
    assert.equal(posts(), 2);
    assert.ok(
      proxy.log.some((e) => e.method === 'CONNECT' && e.target === serverHost()),
      'the second job went through the proxy',
    );
  });

  it('HTTPS_PROXY / HTTP_PROXY from the environment apply when http.proxy is empty; NO_PROXY is honoured', async () => {
    const harness = start({ HTTP_PROXY: proxy.url });
    await generate(harness);
    assert.ok(proxy.log.length >= 1);
    await h?.dispose();
    await net?.close();

    const direct = start({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    const before = proxy.log.length;
    await generate(direct);
    assert.equal(proxy.log.length, before);
    assert.equal(posts(), 2);
  });

  it('http.proxySupport "off" ignores the proxy settings and the environment', async () => {
    http.proxy = `http://127.0.0.1:${await deadPort()}`;
    http.proxySupport = 'off';
    const harness = start({ HTTPS_PROXY: http.proxy as string, HTTP_PROXY: http.proxy as string });
    await generate(harness);
    assert.deepEqual(harness.ui.messages('error'), []);
    assert.equal(posts(), 1);
    assert.match(log.text(), /network: direct/);
  });

  it('a proxy address that is not http(s): a clear sentence without the address, and nothing is sent', async () => {
    http.proxy = 'socks5://carol:hunter22@proxy.example:1080';
    const harness = start();
    await generate(harness);
    assert.deepEqual(harness.ui.messages('error'), [
      'The proxy address (http.proxy, or HTTPS_PROXY / HTTP_PROXY) is not an http(s) address such as http://proxy.example:8080. Fix it and try again.',
    ]);
    assert.deepEqual(server.requests, []);
    assert.deepEqual(listFiles(harness.root), ['post.md']);
    assert.ok(!log.text().includes('hunter22'));
  });
});

function seenGet(proxy: LoopbackProxy, p: string): boolean {
  return proxy.received().toString('latin1').includes(`GET ${p} HTTP/1.1`);
}
