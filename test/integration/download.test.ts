// fetchImage against real HTTP: the test server's served and bad image URLs, plus a tiny local
// server for the few answers the test server does not give (redirect to file:, big Content-Length).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { DEFAULT_DOWNLOAD_LIMITS, fetchImage, type DownloadOptions } from '../../src/core/images/download';
import type { BadImageVariant, RecordedRequest } from '../server/testServer';
import { encodePng } from '../support/png';
import { expectImageError as failure } from '../support/expect';
import { useLoopback, type Loopback } from '../support/loopback';

const KEY = 'Zq7x9Lm2Pw4Rt6Yu8KdQ-dl';

let lb: Loopback;

function opts(over: Partial<DownloadOptions> = {}): DownloadOptions {
  return { ...DEFAULT_DOWNLOAD_LIMITS, timeoutMs: 5000, dispatcher: lb.agent, ...over };
}

/** Asks the test lb.server for an answer (optionally a bad-image one) and returns its image URL. */
async function answerUrl(variant?: BadImageVariant): Promise<string> {
  if (variant) lb.server.enqueue({ kind: 'badImageUrl', variant });
  const res = await request(`${lb.server.baseUrl}/chat/completions`, {
    method: 'POST',
    dispatcher: lb.agent,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gemini-2.5-flash-image', messages: [{ role: 'user', content: '一只猫' }] }),
  });
  assert.equal(res.statusCode, 200);
  const json = (await res.body.json()) as { choices: { message: { image: { url: string } } }[] };
  return json.choices[0].message.image.url;
}

const imageGets = (): RecordedRequest[] => lb.server.requests.filter((r) => r.method === 'GET');

describe('fetchImage (integration)', function () {
  this.timeout(10_000);

  lb = useLoopback({ key: KEY });

  it('downloads a served PNG byte for byte, with no Authorization header', async () => {
    const url = await answerUrl();
    const img = await fetchImage(url, opts());
    assert.deepEqual(Buffer.from(img.bytes), lb.server.lastServedImages()[0]);
    assert.deepEqual(img.type, { mime: 'image/png', ext: 'png' });
    assert.equal(imageGets().length, 1);
    const get = imageGets()[0];
    assert.equal(get.path, new URL(url).pathname);
    assert.equal(get.headers.authorization, undefined);
    assert.equal(get.headers.accept, 'image/*');
  });

  it('404: download error httpStatus with the status', async () => {
    const e = await failure(fetchImage(await answerUrl('404'), opts()));
    assert.equal(e.kind, 'download');
    assert.equal(e.reason, 'httpStatus');
    assert.equal(e.params.status, 404);
  });

  it('an HTML page instead of an image: notAnImage', async () => {
    const e = await failure(fetchImage(await answerUrl('html'), opts()));
    assert.equal(e.kind, 'download');
    assert.equal(e.reason, 'notAnImage');
  });

  it('a redirect loop stops after maxRedirects with reason redirects', async () => {
    const e = await failure(fetchImage(await answerUrl('redirectLoop'), opts({ maxRedirects: 3 })));
    assert.equal(e.kind, 'download');
    assert.equal(e.reason, 'redirects');
    assert.equal(imageGets().length, 4);
  });

  it('one redirect to the image is followed', async () => {
    const img = await fetchImage(await answerUrl('redirectOnce'), opts());
    assert.deepEqual(Buffer.from(img.bytes), lb.server.lastServedImages()[0]);
    assert.equal(imageGets().length, 2);
    assert.ok(imageGets().every((r) => r.headers.authorization === undefined));
  });

  it('a huge image stops at the cap, quickly, and the connection is dropped', async () => {
    const url = await answerUrl('huge');
    const t0 = Date.now();
    const e = await failure(fetchImage(url, opts({ maxBytes: 3 * 1024 * 1024 })));
    assert.equal(e.kind, 'download');
    assert.equal(e.reason, 'tooLarge');
    assert.equal(e.params.limit, 3 * 1024 * 1024);
    assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
    const get = imageGets()[0];
    const end = Date.now() + 3000;
    while (!get.closedByClient && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    assert.equal(get.closedByClient, true);
    assert.equal(get.completed, false);
  });

  it('a download that trickles is cut by the time limit: reason timeout', async () => {
    const t0 = Date.now();
    const e = await failure(fetchImage(await answerUrl('slow'), opts({ timeoutMs: 300 })));
    assert.equal(e.kind, 'download');
    assert.equal(e.reason, 'timeout');
    assert.ok(Date.now() - t0 < 2000);
  });

  it('cancel during a download: kind cancelled', async () => {
    const url = await answerUrl('slow');
    const c = new AbortController();
    setTimeout(() => c.abort(), 100);
    const e = await failure(fetchImage(url, opts({ signal: c.signal })));
    assert.equal(e.kind, 'cancelled');
  });

  it('file: and javascript: addresses are refused without any request', async () => {
    for (const variant of ['file', 'javascript'] as const) {
      const url = await answerUrl(variant);
      const before = lb.server.requests.length;
      const e = await failure(fetchImage(url, opts()));
      assert.equal(e.kind, 'download');
      assert.equal(e.reason, 'badScheme');
      assert.equal(lb.server.requests.length, before);
    }
    assert.equal(imageGets().length, 0);
  });

  it('a malformed data URL: badDataUrl; a data URL holding HTML: notAnImage', async () => {
    const bad = await failure(fetchImage(await answerUrl('badDataUrl'), opts()));
    assert.equal(bad.reason, 'badDataUrl');
    const html = await failure(fetchImage(await answerUrl('nonImageDataUrl'), opts()));
    assert.equal(html.reason, 'notAnImage');
    assert.equal(imageGets().length, 0);
  });

  it('a PNG data URL is decoded, and refused when over the cap', async () => {
    const png = encodePng({ width: 4, height: 4, channels: 3, data: new Uint8Array(48).fill(7) });
    const url = `data:image/png;base64,${png.toString('base64')}`;
    assert.deepEqual(Buffer.from((await fetchImage(url, opts())).bytes), png);
    assert.equal((await failure(fetchImage(url, opts({ maxBytes: png.length - 1 })))).reason, 'tooLarge');
  });

  it('a URL that does not parse: badUrl', async () => {
    assert.equal((await failure(fetchImage('not a url', opts()))).reason, 'badUrl');
  });

  describe('answers the test server does not give', () => {
    let local: http.Server;
    let base = '';
    const hits: string[] = [];
    const png = encodePng({ width: 1, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3) });

    before(async () => {
      local = http.createServer((req, res) => {
        hits.push(req.url ?? '');
        if (req.url === '/to-file') {
          res.writeHead(302, { Location: 'file:///etc/passwd' }).end();
        } else if (req.url === '/big') {
          // Announces 10 MB; the client must not wait for (or read) the body.
          res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(10 * 1024 * 1024) });
          res.write(png);
        } else if (req.url === '/empty') {
          res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': '0' }).end();
        } else if (req.url === '/jpeg-named-png.png') {
          const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
          res.writeHead(200, { 'Content-Type': 'image/png' }).end(jpeg);
        } else {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
    });
    after(async () => {
      local.closeAllConnections();
      await new Promise<void>((r) => local.close(() => r()));
    });

    it('a redirect to file: is refused', async () => {
      const e = await failure(fetchImage(`${base}/to-file`, opts()));
      assert.equal(e.reason, 'badScheme');
      assert.deepEqual(
        hits.filter((h) => h === '/to-file'),
        ['/to-file'],
      );
    });

    it('a Content-Length over the cap is refused before reading the body', async () => {
      const t0 = Date.now();
      const e = await failure(fetchImage(`${base}/big`, opts({ maxBytes: 1024 * 1024 })));
      assert.equal(e.reason, 'tooLarge');
      assert.ok(Date.now() - t0 < 1000);
    });

    it('an empty 200 body: reason empty', async () => {
      assert.equal((await failure(fetchImage(`${base}/empty`, opts()))).reason, 'empty');
    });

    it('the type comes from the bytes, not the name or Content-Type', async () => {
      assert.deepEqual((await fetchImage(`${base}/jpeg-named-png.png`, opts())).type, {
        mime: 'image/jpeg',
        ext: 'jpg',
      });
    });
  });
});
