import assert from 'node:assert/strict';
import { ModelListCache, type GatewayModel, type ListModelsParams } from '../../src/core/apis/models';
import { CatalogSource } from '../../src/core/catalogSource';
import { silentLogger } from '../../src/core/logger';
import { createAgent } from '../../src/core/http/httpClient';
import type { ModelPrice } from '../../src/core/price/modelPrice';

const agent = createAgent();
const params: ListModelsParams = {
  baseUrl: 'https://gw.example/v1',
  apiKey: 'k',
  dispatcher: agent,
  log: silentLogger,
  timeouts: { connectMs: 1, headersMs: 1, idleMs: 1, totalMs: 1 },
};
const priced = (price: number): ModelPrice => ({ tiers: [{ price }], approximate: false });

/** A list of three image models, one priced in it; a pricer that prices each model it is asked about at 0.3 and records the ids. */
function rig(
  list: () => GatewayModel[] = () => [
    { id: 'a', kind: 'image', price: priced(0.1) },
    { id: 'b', kind: 'image' },
    { id: 'c', kind: 'image' },
  ],
) {
  const asked: string[][] = [];
  let lists = 0;
  let hold: Promise<void> = Promise.resolve();
  const source = new CatalogSource(
    new ModelListCache(async () => {
      lists++;
      return list();
    }),
    Date.now,
    async (_p, models) => {
      asked.push(models.map((m) => m.id));
      await hold;
      return models.map((m) => (m.price ? m : { ...m, price: priced(0.3) }));
    },
  );
  return {
    source,
    asked,
    lists: () => lists,
    hold(): () => void {
      let release = (): void => undefined;
      hold = new Promise((r) => (release = r));
      return release;
    },
  };
}

const priceOf = (source: CatalogSource, id: string): number | undefined =>
  source.current(params.baseUrl).entry(id).price?.tiers[0]?.price;

describe('CatalogSource', () => {
  after(() => agent.close());

  it('the list is at hand without waiting for the lookups; the prices they bring stay with it for every caller', async () => {
    const r = rig();
    const release = r.hold();
    const listed = await r.source.load(params);
    assert.equal(listed.entry('a').price?.tiers[0].price, 0.1);
    assert.equal(listed.entry('b').price, undefined);
    // Two pickers at once share one round of lookups.
    const both = Promise.all([r.source.withPrices(params), r.source.withPrices(params)]);
    await new Promise((res) => setImmediate(res));
    assert.equal(r.source.current(params.baseUrl), listed, 'what is at hand while the lookups are held');
    release();
    const [one, two] = await both;
    assert.equal(one, two);
    assert.deepEqual(r.asked, [['a', 'b', 'c']]);
    assert.equal(priceOf(r.source, 'b'), 0.3);
    // A job's load afterwards (the same list) keeps them; no lookup is asked again.
    await r.source.load(params, { priceOf: 'c' });
    assert.equal(priceOf(r.source, 'b'), 0.3);
    assert.equal(await r.source.withPrices(params), r.source.current(params.baseUrl));
    assert.deepEqual(r.asked, [['a', 'b', 'c']]);
    assert.equal(r.lists(), 1);
  });

  it('a model a job looked up is not asked again by the pickers; a refreshed list keeps the prices of models it still lists unpriced', async () => {
    let models: GatewayModel[] = [
      { id: 'b', kind: 'image' },
      { id: 'c', kind: 'image' },
    ];
    const r = rig(() => models);
    await r.source.load(params, { priceOf: 'b' });
    assert.deepEqual(r.asked, [['b']]);
    assert.equal(priceOf(r.source, 'b'), 0.3);
    await r.source.withPrices(params);
    assert.deepEqual(r.asked, [['b'], ['c']]);
    models = [
      { id: 'b', kind: 'image' },
      { id: 'c', kind: 'image', price: priced(0.5) },
      { id: 'd', kind: 'image' },
    ];
    await r.source.load(params, { refresh: true });
    assert.deepEqual([priceOf(r.source, 'b'), priceOf(r.source, 'c'), priceOf(r.source, 'd')], [0.3, 0.5, undefined]);
    await r.source.withPrices(params);
    assert.deepEqual(r.asked, [['b'], ['c'], ['c', 'd']]);
    assert.equal(priceOf(r.source, 'd'), 0.3);
  });

  it('without a list the table stands in, and nothing is looked up', async () => {
    const source = new CatalogSource(
      new ModelListCache(async () => {
        throw new Error('offline');
      }),
      Date.now,
      async () => assert.fail('no lookups without a list'),
    );
    const table = source.current(params.baseUrl);
    assert.equal(await source.withPrices(params), table);
    assert.equal(await source.load(params), table);
  });
});
