// The gateway's catalog, prices and balance over real loopback HTTP: GET /models as the test server
// lists it (GeekAI's shape), the price of each image model the list lacks from GET /models/{id},
// a job on a model only the gateway knows, and the balance with its own key.
import assert from 'node:assert/strict';
import { ImageError } from '../../src/core/errors';
import { balanceUrlFor, fetchBalance, GEEKAI_BALANCE_URL } from '../../src/core/apis/balance';
import { addPrices, listModels, MAX_MODEL_LIST_BYTES } from '../../src/core/apis/models';
import { runImageJob } from '../../src/core/job/runImageJob';
import { DEFAULT_SETTINGS } from '../../src/core/job/settings';
import { ModelCatalog } from '../../src/core/modelCatalog';
import { readProvenance } from '../../src/core/publish/embedProvenance';
import { estimateJob, type JobEstimate } from '../../src/core/job/estimateJob';
import { GATEWAY_ONLY_MODEL, TEST_BALANCE_KEY } from '../server/catalogAnswers';
import { coreJobDeps } from '../support/coreJobDeps';
import { MemoryFileStore } from '../support/memoryFileStore';
import { useLoopback } from '../support/loopback';

const KEY = 'sk-catalog-key-0123456789';
const TIMEOUTS = { connectMs: 2000, headersMs: 5000, idleMs: 5000, totalMs: 10_000 };

async function failure(p: Promise<unknown>): Promise<ImageError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ImageError, String(e));
    return e;
  }
  assert.fail('expected a failure');
}

describe('the gateway catalog, prices and balance (real HTTP)', () => {
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 5 } });
  const params = () => ({
    baseUrl: lb.server.baseUrl,
    apiKey: KEY,
    dispatcher: lb.agent,
    log: lb.log,
    timeouts: TIMEOUTS,
  });

  it('reads type, status and price from the list, and asks GET /models/{id} only for the image models it gives no price', async () => {
    const listed = await listModels(params());
    assert.equal(listed.find((m) => m.id === 'text-embedding-3-small')?.kind, 'other');
    assert.equal(listed.find((m) => m.id === 'imagen-4.0-generate-001')?.available, false);
    assert.equal(listed.find((m) => m.id === 'gpt-image-2')?.price, undefined);
    const priced = await addPrices(params(), listed);
    const asked = lb.server.requests
      .filter((q) => q.path.startsWith('/api/v1/models/'))
      .map((q) => decodeURIComponent(q.path.slice('/api/v1/models/'.length)))
      .sort();
    // Image models without a price in the list; never a chat, vision or embedding model.
    assert.deepEqual(asked, ['flux-kontext-pro', 'gemini-2.5-flash-image-preview', 'gpt-5-all', 'gpt-image-2']);
    for (const q of lb.server.requests) assert.equal(q.headers.authorization, `Bearer ${KEY}`);
    const catalog = new ModelCatalog(priced);
    // 0.3 with the 0.8 discount every channel gets.
    assert.equal(estimateJob(catalog, 'gpt-image-2', 'auto', { n: 2 }).total, 0.48);
    assert.equal(estimateJob(catalog, 'gemini-2.5-flash-image-preview', 'auto', {}).total, undefined);
    assert.equal(catalog.entry(GATEWAY_ONLY_MODEL).api, 'images');
    assert.equal(lb.log.text().match(/gave no price/g)?.length, 1);
  });

  it("a model only the gateway lists draws on the API it names; the cost comes from the answer's usage and goes into the provenance", async () => {
    const catalog = new ModelCatalog(await listModels(params()));
    const store = new MemoryFileStore();
    const seen: JobEstimate[] = [];
    const deps = coreJobDeps(
      lb,
      store,
      KEY,
      { key: 0 },
      {
        settings: { ...DEFAULT_SETTINGS, baseUrl: lb.server.baseUrl, timeoutSeconds: 20 },
        catalog: async () => catalog,
        approveCost: async (e) => void seen.push(e),
      },
    );
    const r = await runImageJob({ prompt: 'a lighthouse', model: GATEWAY_ONLY_MODEL, references: [] }, deps);
    assert.equal(r.api, 'images');
    const post = lb.server.requests.find((q) => q.method === 'POST');
    assert.equal(post?.path, '/api/v1/images/generations');
    assert.deepEqual([seen.length, seen[0].total, seen[0].approximate], [1, 0.15, false]);
    assert.deepEqual(r.cost, { total: 0.15, perImage: 0.15, images: 1, approximate: false, fromUsage: true });
    const p = readProvenance(store.files.get(r.files[0]) ?? new Uint8Array());
    assert.deepEqual([p?.model, p?.cost, p?.costApproximate], [GATEWAY_ONLY_MODEL, 0.15, undefined]);
  });

  it('a refused estimate stops the job before anything is sent', async () => {
    const store = new MemoryFileStore();
    const deps = coreJobDeps(
      lb,
      store,
      KEY,
      { key: 0 },
      {
        approveCost: async () => {
          throw new ImageError('cancelled', 'over the limit');
        },
      },
    );
    const e = await failure(runImageJob({ prompt: 'x', model: 'gpt-image-1', references: [] }, deps));
    assert.equal(e.kind, 'cancelled');
    assert.deepEqual(
      lb.server.requests.filter((q) => q.method === 'POST'),
      [],
    );
    assert.equal(store.files.size, 0);
  });

  it('a model list that is not one, or larger than the limit, is refused (the caller falls back to the table)', async () => {
    lb.server.setModelList('<html>maintenance</html>');
    assert.equal((await failure(listModels(params()))).kind, 'badResponse');
    lb.server.setModelList({ object: 'list', data: 'nope' });
    assert.equal((await failure(listModels(params()))).kind, 'badResponse');
    lb.server.setModelList(JSON.stringify({ data: [{ id: 'x', description: 'y'.repeat(MAX_MODEL_LIST_BYTES) }] }));
    assert.equal((await failure(listModels(params()))).kind, 'badResponse');
  });

  it('the balance takes the system key, never the API key, and goes to this loopback origin only because the base URL is on it', async () => {
    assert.equal(balanceUrlFor(lb.server.baseUrl), `${lb.server.origin}/api/credit/balance`);
    assert.equal(balanceUrlFor('https://geekai.co/api/v1'), GEEKAI_BALANCE_URL);
    assert.equal(balanceUrlFor('https://relay.example.com/v1'), GEEKAI_BALANCE_URL);
    const b = { baseUrl: lb.server.baseUrl, dispatcher: lb.agent, log: lb.log, timeouts: TIMEOUTS };
    lb.server.setBalance(37);
    assert.deepEqual(await fetchBalance({ ...b, systemKey: TEST_BALANCE_KEY }), { coins: 37, cny: 0.37 });
    const get = lb.server.requests.find((q) => q.path === '/api/credit/balance');
    assert.equal(get?.headers.authorization, `Bearer ${TEST_BALANCE_KEY}`);
    assert.equal((await failure(fetchBalance({ ...b, systemKey: KEY }))).kind, 'auth');
    lb.server.setBalance('{"balance": "lots"}');
    assert.equal((await failure(fetchBalance({ ...b, systemKey: TEST_BALANCE_KEY }))).kind, 'badResponse');
    assert.ok(!lb.log.text().includes(TEST_BALANCE_KEY));
  });
});
