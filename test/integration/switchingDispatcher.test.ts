// The session's one dispatcher when the proxy settings change, over real loopback: a request in
// flight finishes on the old dispatcher, later ones use the new one, and the old one is closed
// once it is idle.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { RefusingDispatcher, SwitchingDispatcher } from '../../src/core/http/switchingDispatcher';

describe('SwitchingDispatcher (integration)', () => {
  let server: http.Server;
  let origin: string;
  const seen: string[] = [];

  beforeEach(async () => {
    seen.length = 0;
    server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      // /slow answers after the test has switched dispatchers.
      setTimeout(() => res.end(`answer ${req.url}`), req.url === '/slow' ? 300 : 0);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('a request in flight finishes on the old dispatcher; the next uses the new one; the old closes once idle', async () => {
    const first = new Agent();
    const second = new Agent();
    const used: string[] = [];
    first.on('connect', () => used.push('first'));
    second.on('connect', () => used.push('second'));
    const d = new SwitchingDispatcher(first);

    const slow = request(`${origin}/slow`, { dispatcher: d });
    await new Promise((r) => setTimeout(r, 50));
    const closed = d.switchTo(second);
    const fast = await request(`${origin}/fast`, { dispatcher: d });
    assert.equal(await fast.body.text(), 'answer /fast');
    assert.equal(first.closed, true, 'the old dispatcher takes no new requests');
    assert.equal(first.destroyed, false, 'the old dispatcher is not torn down under its request');

    const answer = await slow;
    assert.equal(await answer.body.text(), 'answer /slow');
    await closed;
    assert.deepEqual(used.sort(), ['first', 'second'], 'each dispatcher carried one of the requests');
    assert.deepEqual(seen, ['/slow', '/fast']);

    await d.close();
    await d.close();
    assert.equal(second.closed, true);
  });

  it('RefusingDispatcher fails every request with its error and sends nothing', async () => {
    const why = new Error('the proxy address is not an http(s) URL');
    const d = new SwitchingDispatcher(new RefusingDispatcher(why));
    await assert.rejects(request(`${origin}/x`, { dispatcher: d }), (e: unknown) => e === why);
    assert.deepEqual(seen, []);
    await d.close();
  });
});
