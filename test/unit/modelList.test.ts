import assert from 'node:assert/strict';
import { ModelListCache, type GatewayModel, type ListModelsParams } from '../../src/core/apis/models';
import { silentLogger } from '../../src/core/logger';
import { createAgent } from '../../src/core/http/httpClient';

const agent = createAgent();
const params = (baseUrl: string, apiKey = 'k1'): ListModelsParams => ({
  baseUrl,
  apiKey,
  dispatcher: agent,
  log: silentLogger,
  timeouts: { connectMs: 1, headersMs: 1, idleMs: 1, totalMs: 1 },
});

describe('ModelListCache', () => {
  after(() => agent.close());

  it('fetches once per base URL within the TTL, again on refresh or after it, never keyed by the key', async () => {
    let now = 0;
    const calls: string[] = [];
    const cache = new ModelListCache(
      async (p) => {
        calls.push(p.baseUrl);
        return [{ id: `m${calls.length}` }];
      },
      () => now,
      1000,
    );
    assert.deepEqual(await cache.get(params('https://a/v1')), [{ id: 'm1' }]);
    assert.deepEqual(await cache.get(params('https://a/v1/', 'other-key')), [{ id: 'm1' }]);
    assert.equal(cache.peek('https://a/v1')?.constructor, Promise);
    assert.deepEqual(await cache.get(params('https://b/v1')), [{ id: 'm2' }]);
    assert.deepEqual(await cache.get(params('https://a/v1'), { refresh: true }), [{ id: 'm3' }]);
    now = 2000;
    assert.equal(cache.peek('https://a/v1'), undefined);
    assert.deepEqual(await cache.get(params('https://a/v1')), [{ id: 'm4' }]);
    assert.deepEqual(calls, ['https://a/v1', 'https://b/v1', 'https://a/v1', 'https://a/v1']);
  });

  it('concurrent asks share one fetch; a failed fetch is not kept', async () => {
    let n = 0;
    let fail = true;
    const cache = new ModelListCache(async (): Promise<GatewayModel[]> => {
      n++;
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('offline');
      return [{ id: 'x' }];
    });
    const [a, b] = await Promise.allSettled([cache.get(params('https://a')), cache.get(params('https://a'))]);
    assert.equal(a.status, 'rejected');
    assert.equal(b.status, 'rejected');
    assert.equal(n, 1);
    fail = false;
    assert.deepEqual(await cache.get(params('https://a')), [{ id: 'x' }]);
    assert.equal(n, 2);
  });
});
