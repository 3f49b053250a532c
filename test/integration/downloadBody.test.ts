// fetchImage reads a body into one buffer: of the announced length, or joined at the end when no
// length is announced. Both must give the served bytes exactly, however the chunks fall.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAgent } from '../../src/core/http/httpClient';
import { DEFAULT_DOWNLOAD_LIMITS, fetchImage } from '../../src/core/images/download';
import { encodePng } from '../support/png';

describe('fetchImage body reading (integration)', () => {
  const png = encodePng({ width: 64, height: 64, channels: 3, data: Buffer.alloc(64 * 64 * 3, 77) });
  const agent = createAgent(2000);
  let server: http.Server;
  let base = '';

  before(async () => {
    server = http.createServer((req, res) => {
      const thirds = [png.subarray(0, 10), png.subarray(10, 200), png.subarray(200)];
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'image/png' };
      if (req.url === '/announced') headers['content-length'] = String(png.length);
      res.writeHead(200, headers);
      // Separate writes a tick apart, so the client sees separate chunks.
      let i = 0;
      const next = (): void => {
        if (i < thirds.length) {
          res.write(thirds[i++]);
          setImmediate(next);
        } else res.end();
      };
      next();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await agent.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  for (const path of ['/announced', '/chunked']) {
    it(`${path}: the exact bytes, in a view of exactly their length`, async () => {
      const img = await fetchImage(`${base}${path}`, { ...DEFAULT_DOWNLOAD_LIMITS, dispatcher: agent });
      assert.equal(img.bytes.byteLength, png.length);
      assert.ok(Buffer.from(img.bytes.buffer, img.bytes.byteOffset, img.bytes.byteLength).equals(png));
      assert.deepEqual(img.type, { mime: 'image/png', ext: 'png' });
    });

    it(`${path}: more than the cap is refused as tooLarge`, async () => {
      await assert.rejects(
        fetchImage(`${base}${path}`, { ...DEFAULT_DOWNLOAD_LIMITS, maxBytes: 100, dispatcher: agent }),
        (e: Error & { reason?: string }) => e.reason === 'tooLarge',
      );
    });
  }
});
