import assert from 'node:assert/strict';
import { readGatewayCatalog } from '../../src/core/apis/gatewayCatalog';
import { ModelCatalog } from '../../src/core/modelCatalog';
import { estimateJob, costOfJob, sumEstimates } from '../../src/core/job/estimateJob';
import { estimateCost, formatCny, jobCost, type ModelPrice } from '../../src/core/price/modelPrice';
import { lastUsageCost, usageCost } from '../../src/core/price/usageCost';
import { dayOf, pastLimit, SpendingLedger, type SpendRecord } from '../../src/core/price/spending';

const flat = (price: number, extra: Partial<ModelPrice> = {}): ModelPrice => ({
  tiers: [{ price }],
  approximate: false,
  ...extra,
});
const perImage = (price: number, extra: Record<string, unknown> = {}) => ({
  currency: 'CNY',
  draw_image: { price, unit: 'nums' },
  ...extra,
});

/** A catalog as GeekAI would list it, one model per API and option that changes the price. */
const catalog = new ModelCatalog(
  readGatewayCatalog({
    data: [
      { id: 'gemini-2.5-flash-image', type: 'image', pricing: perImage(0.04) },
      { id: 'midjourney-chat', type: 'image', pricing: perImage(0.5) },
      {
        id: 'gpt-image-1',
        type: 'image',
        pricing: {
          currency: 'CNY',
          draw_image: [
            { price: 0.02, unit: 'nums', quality: 'low' },
            { price: 0.07, unit: 'nums', quality: 'medium' },
            { price: 0.25, unit: 'nums', quality: 'high' },
          ],
        },
      },
      { id: 'dall-e-3', type: 'image', pricing: perImage(0.28) },
      { id: 'flux-2-pro', type: 'image', pricing: perImage(0.2, { estimated: true }) },
      {
        id: 'gpt-image-2',
        type: 'image',
        pricing: perImage(0.3, { discounts: [{ channel: 'default', discount: 0.8 }] }),
      },
      {
        id: 'nano-banana-2',
        type: 'image',
        pricing: {
          currency: 'CNY',
          draw_image: [
            { price: 0.1, unit: 'nums' },
            { price: 0.2, unit: 'nums', resolution: '2K' },
            { price: 0.4, unit: 'nums', resolution: '4K' },
          ],
        },
      },
      { id: 'gpt-4.1', type: 'chat', pricing: perImage(0.3) },
      { id: 'gemini-2.5-flash-image-preview', type: 'image' },
    ],
  }),
);

describe('price and estimate', () => {
  it('Images API: price × n, by the quality that is sent', () => {
    assert.deepEqual(estimateJob(catalog, 'gpt-image-1', 'auto', { n: 3, quality: 'high' }), {
      total: 0.75,
      perImage: 0.25,
      images: 3,
      approximate: false,
      model: 'gpt-image-1',
      api: 'images',
      priced: { quality: 'high' },
    });
    assert.equal(estimateJob(catalog, 'gpt-image-1', 'auto', { n: 3, quality: 'low' }).total, 0.06);
    // Quality left to the model: its default is not known, so the dearest tier, said as ≈.
    const auto = estimateJob(catalog, 'gpt-image-1', 'auto', { n: 1 });
    assert.deepEqual([auto.total, auto.approximate], [0.25, true]);
    // DALL·E 3 takes no `n`: variations are separate requests, each an image.
    assert.deepEqual(
      [
        estimateJob(catalog, 'dall-e-3', 'auto', { n: 2, size: '1792x1024' }).total,
        estimateJob(catalog, 'dall-e-3', 'auto', { n: 2 }).approximate,
      ],
      [0.56, false],
    );
  });

  it('an option the model does not take does not change its price (it is not sent)', () => {
    // DALL·E 3 names its qualities standard/hd: `high` is dropped before sending.
    assert.deepEqual(estimateJob(catalog, 'dall-e-3', 'auto', { quality: 'high' }).priced, {});
  });

  it('chat: price × variations, ≈ because the model decides how many pictures an answer holds', () => {
    const e = estimateJob(catalog, 'gemini-2.5-flash-image', 'auto', { n: 2 });
    assert.deepEqual([e.api, e.total, e.approximate], ['chat', 0.08, true]);
    const mj = estimateJob(catalog, 'midjourney-chat', 'auto', { n: 1 });
    assert.deepEqual([mj.total, mj.approximate], [0.5, true]);
  });

  it('chat by resolution class (1K/2K/4K): the tier of the size asked for, the plain price without one', () => {
    assert.equal(estimateJob(catalog, 'nano-banana-2', 'auto', { imageSize: '4K' }).total, 0.4);
    assert.equal(estimateJob(catalog, 'nano-banana-2', 'auto', { imageSize: '2K', n: 2 }).total, 0.4);
    const plain = estimateJob(catalog, 'nano-banana-2', 'auto', {});
    assert.deepEqual([plain.total, plain.priced], [0.1, {}]);
  });

  it('Responses API: one image per request, never in one request', () => {
    const e = estimateJob(catalog, 'gpt-4.1', 'auto', { n: 2, quality: 'high', size: '1024x1536' });
    assert.deepEqual(
      [e.api, e.total, e.images, e.approximate, e.priced],
      ['responses', 0.6, 2, false, { quality: 'high', size: '1024x1536' }],
    );
  });

  it('the API the user chose decides what is sent: gpt-image-1 on Responses is priced as the gateway prices the model', () => {
    const e = estimateJob(catalog, 'gpt-image-1', 'responses', { quality: 'medium' });
    assert.deepEqual([e.api, e.total], ['responses', 0.07]);
  });

  it('a discount every channel gets is applied; an estimated price is said as ≈', () => {
    assert.equal(estimateJob(catalog, 'gpt-image-2', 'auto', { n: 2 }).total, 0.48);
    assert.deepEqual(
      [
        estimateJob(catalog, 'flux-2-pro', 'auto', {}).total,
        estimateJob(catalog, 'flux-2-pro', 'auto', {}).approximate,
      ],
      [0.2, true],
    );
  });

  it('no price: no number ("price unknown"), for a listed model without one and for any unknown id', () => {
    for (const id of ['gemini-2.5-flash-image-preview', 'never-heard-of-it']) {
      const e = estimateJob(catalog, id, 'auto', { n: 2 });
      assert.equal(e.total, undefined, id);
      assert.equal(e.perImage, undefined, id);
      assert.equal(e.images, 2, id);
    }
  });

  it("the cost after: the answers' usage where every answer gave one, else the price × the images saved", () => {
    const est = estimateJob(catalog, 'gemini-2.5-flash-image', 'auto', { n: 2 });
    assert.deepEqual(costOfJob(catalog, est, 2, [0.03, 0.05]), {
      total: 0.08,
      perImage: 0.04,
      images: 2,
      approximate: false,
      fromUsage: true,
    });
    // One answer without usage: counted from the price, for the images really saved (not ≈ any more: they are counted).
    assert.deepEqual(costOfJob(catalog, est, 1, [0.03, undefined]), {
      total: 0.04,
      perImage: 0.04,
      images: 1,
      approximate: false,
    });
    assert.deepEqual(costOfJob(catalog, estimateJob(catalog, 'never-heard-of-it', 'auto', {}), 1, [undefined]), {
      images: 1,
      approximate: false,
    });
    assert.equal(jobCost(flat(0.1), {}, 0, []), undefined);
    assert.equal(jobCost(flat(0.1, { approximate: true }), {}, 2, [])?.approximate, true);
  });

  it('usage: `cost` or `total_cost` in yuan; another currency or an odd value is not read', () => {
    assert.equal(usageCost({ cost: 0.15, currency: 'CNY' }), 0.15);
    assert.equal(usageCost({ total_cost: '0.3', prompt_tokens: 3 }), 0.3);
    assert.equal(usageCost({ cost: 0.15, currency: 'USD' }), undefined);
    assert.equal(usageCost({ cost: -1 }), undefined);
    assert.equal(usageCost({ prompt_tokens: 10, completion_tokens: 20 }), undefined);
    assert.equal(usageCost('0.1'), undefined);
    assert.equal(lastUsageCost([undefined, { cost: 0.1 }, { prompt_tokens: 1 }, null]), 0.1);
  });

  it('a batch is the sum of its jobs; unknown when any is, with what the priced ones come to', () => {
    assert.deepEqual(
      sumEstimates([
        estimateCost(flat(0.1), { api: 'images', images: 2 }),
        estimateCost(flat(0.05, { approximate: true }), { api: 'images', images: 1 }),
      ]),
      { total: 0.25, images: 3, approximate: true },
    );
    assert.deepEqual(
      sumEstimates([
        estimateCost(flat(0.1), { api: 'images', images: 1 }),
        estimateCost(undefined, { api: 'images', images: 1 }),
      ]),
      { images: 2, approximate: false, knownTotal: 0.1 },
    );
  });

  it('yuan as shown: ¥ and two decimals, three where a sum under a yuan needs them, ≈ when estimated', () => {
    assert.equal(formatCny(0.12), '¥0.12');
    assert.equal(formatCny(0.035, true), '≈ ¥0.035');
    assert.equal(formatCny(12.5), '¥12.50');
    assert.equal(formatCny(0.1 + 0.2), '¥0.30');
    assert.equal(formatCny(0), '¥0.00');
  });
});

describe('the per-day spending limit', () => {
  class MemoryStore {
    value: unknown;
    get(): unknown {
      return this.value;
    }
    async set(r: SpendRecord): Promise<void> {
      this.value = r;
    }
  }

  it('asks before a request that would pass the limit, not before one that stays under it; 0 means no limit', () => {
    const e = (total?: number) => ({ ...(total === undefined ? {} : { total }), images: 1, approximate: false });
    assert.equal(pastLimit(0.5, e(0.4), 1), undefined);
    assert.equal(pastLimit(0.6, e(0.4), 1), undefined);
    assert.deepEqual(pastLimit(0.7, e(0.4), 1), { spent: 0.7, estimate: 0.4, limit: 1 });
    assert.equal(pastLimit(100, e(5), 0), undefined);
    // Price unknown: nothing is guessed, so it is asked about only once the limit is reached.
    assert.equal(pastLimit(0.9, e(), 1), undefined);
    assert.deepEqual(pastLimit(1, e(), 1), { spent: 1, limit: 1 });
  });

  it("counts today's finished jobs (kept across sessions) and the running ones; a new day starts from nothing", async () => {
    const store = new MemoryStore();
    let now = new Date(2025, 4, 1, 23, 50);
    const ledger = new SpendingLedger(store, () => now);
    await ledger.add(0.3);
    await ledger.add(0.25);
    assert.equal(ledger.spentToday(), 0.55);
    assert.deepEqual(store.value, { day: '2025-05-01', spent: 0.55 });
    const release = ledger.reserve(0.2);
    assert.equal(ledger.spentToday(), 0.75);
    release();
    release();
    assert.equal(ledger.spentToday(), 0.55);
    // Another session reads what this one kept.
    assert.equal(new SpendingLedger(store, () => now).spentToday(), 0.55);
    now = new Date(2025, 4, 2, 0, 10);
    assert.equal(ledger.spentToday(), 0);
    await ledger.add(0.1);
    assert.deepEqual(store.value, { day: '2025-05-02', spent: 0.1 });
    await ledger.add(undefined);
    assert.deepEqual(ledger.sessionTotal(), { total: 0.65, unknown: 1 });
    assert.equal(dayOf(new Date(2025, 0, 9)), '2025-01-09');
  });

  it('a stored record that is not one (corrupted state) counts as nothing spent', () => {
    for (const bad of [
      undefined,
      'x',
      { day: 5, spent: 1 },
      { day: dayOf(new Date()), spent: -3 },
      { day: dayOf(new Date()), spent: 'lots' },
    ]) {
      const store = new MemoryStore();
      store.value = bad;
      assert.equal(new SpendingLedger(store).spentToday(), 0);
    }
  });
});
