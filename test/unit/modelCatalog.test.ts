import assert from 'node:assert/strict';
import { readGatewayCatalog, readGatewayModel, readPrice, withDetail } from '../../src/core/apis/gatewayCatalog';
import { modelOptionsView } from '../../src/core/apis/optionsView';
import { planRequest } from '../../src/core/apis/chat/requestPlan';
import { MODEL_CATALOG } from '../../src/core/catalog';
import { BUILTIN_CATALOG, ModelCatalog } from '../../src/core/modelCatalog';
import { CHAT_SUPPORT, GPT_IMAGE_SUPPORT, IMAGES_ANY_SUPPORT } from '../../src/core/optionSupport';

const plan = { stream: 'auto', forceImageGeneration: 'auto', timeoutSeconds: 60 } as const;

describe('the gateway catalog (GET /models read leniently)', () => {
  it('reads type, status, capabilities and pricing; unknown fields are ignored', () => {
    const m = readGatewayModel({
      id: 'flux-9',
      owned_by: 'bfl',
      type: 'image',
      status: 'unavailable',
      capabilities: {
        image_generation: true,
        sizes: ['1024x1024', '<b>x</b>'],
        max_images: 4,
        max_reference_images: 3,
        negative_prompt: true,
      },
      pricing: { currency: 'CNY', unit: 'image', draw_image: { price: '0.2', unit: 'nums' } },
      weird: { nested: [1, 2, 3] },
    });
    assert.deepEqual(m, {
      id: 'flux-9',
      ownedBy: 'bfl',
      kind: 'image',
      available: false,
      price: { tiers: [{ price: 0.2 }], approximate: false },
      support: { sizes: ['1024x1024'], n: true, maxReferences: 3, negativePrompt: true },
    });
  });

  it('takes a bare OpenAI-style list (ids only): nothing is said, nothing is invented', () => {
    assert.deepEqual(
      readGatewayCatalog({
        data: [{ id: 'b' }, { id: 'a', object: 'model' }, { id: 'a' }, { id: 'has space' }, 42, null],
      }),
      [{ id: 'a' }, { id: 'b' }],
    );
  });

  it('a price it cannot use is left out, never guessed: another currency, a per-token unit, a negative or absurd number, a wrong shape', () => {
    assert.equal(readPrice({ currency: 'USD', draw_image: { price: 0.04, unit: 'nums' } }), undefined);
    assert.equal(readPrice({ currency: 'CNY', draw_image: { price: 2, unit: '1M tokens' } }), undefined);
    assert.equal(readPrice({ draw_image: { price: -1, unit: 'nums' } }), undefined);
    assert.equal(readPrice({ draw_image: { price: 1e9, unit: 'nums' } }), undefined);
    assert.equal(readPrice({ draw_image: { price: 'free!', unit: 'nums' } }), undefined);
    assert.equal(readPrice('0.04'), undefined);
    assert.equal(readPrice({ input: 1, output: 2 }), undefined);
  });

  it('applies a discount every channel gets, and says ≈ when one only some channels get', () => {
    assert.deepEqual(
      readPrice({ draw_image: { price: 0.3, unit: 'nums' }, discounts: [{ channel: 'default', discount: 0.8 }] }),
      { tiers: [{ price: 0.3 }], approximate: false, discount: 0.8 },
    );
    assert.deepEqual(
      readPrice({ draw_image: { price: 0.3, unit: 'nums' }, discounts: [{ channel: 'vip', discount: 0.5 }] }),
      { tiers: [{ price: 0.3 }], approximate: true },
    );
    assert.deepEqual(readPrice({ draw_image: { price: 0.3, unit: 'nums' }, discounts: [{ discount: 80 }] }), {
      tiers: [{ price: 0.3 }],
      approximate: true,
    });
    assert.equal(readPrice({ draw_image: { price: 0.3 }, estimated: true })?.approximate, true);
  });

  it('a model detail (GET /models/{id}) fills in the price the list lacked, without overriding what the list said', () => {
    const listed = { id: 'gpt-image-2', kind: 'image' as const, available: true };
    const detailed = withDetail(listed, {
      id: 'other-id',
      status: 'unavailable',
      price: { currency: 'CNY', draw_image: { price: 0.3, unit: 'nums' } },
    });
    assert.deepEqual(detailed, {
      id: 'gpt-image-2',
      kind: 'image',
      available: true,
      price: { tiers: [{ price: 0.3 }], approximate: false },
    });
    assert.deepEqual(withDetail(listed, { data: { price: { draw_image: { price: 0.1 } } } }).price, {
      tiers: [{ price: 0.1 }],
      approximate: false,
    });
    assert.deepEqual(withDetail(listed, 'not an object'), listed);
  });
});

describe('the merged catalog (gateway over the built-in table)', () => {
  it("without a gateway list it is the table, in the table's order", () => {
    assert.deepEqual(
      BUILTIN_CATALOG.all().map((m) => m.id),
      MODEL_CATALOG.map((m) => m.id),
    );
    assert.equal(BUILTIN_CATALOG.hasGateway, false);
    assert.equal(BUILTIN_CATALOG.entry('gpt-image-1').price, undefined);
  });

  it('the gateway beats the table for the API, the options, the price and the status', () => {
    const c = new ModelCatalog([
      { id: 'dall-e-3', apis: ['chat'], available: false, price: { tiers: [{ price: 0.28 }], approximate: false } },
      { id: 'gpt-image-1', support: { n: false, qualities: ['high'] } },
    ]);
    const dalle = c.entry('dall-e-3');
    assert.equal(dalle.api, 'chat');
    assert.equal(dalle.apiFrom, 'gateway');
    assert.equal(dalle.available, false);
    assert.deepEqual(dalle.support, CHAT_SUPPORT);
    assert.equal(dalle.price?.tiers[0].price, 0.28);
    const gpt = c.entry('gpt-image-1');
    assert.equal(gpt.api, 'images');
    assert.deepEqual(gpt.support, { ...GPT_IMAGE_SUPPORT, n: false, qualities: ['high'] });
    assert.equal(c.resolveApi('dall-e-3'), 'chat');
    assert.equal(c.resolveApi('dall-e-3', 'images'), 'images');
  });

  it("the table keeps what the gateway does not report: Gemini's no-image remedies, streaming, typical durations", () => {
    const c = new ModelCatalog([
      {
        id: 'gemini-2.5-flash-image',
        kind: 'image',
        apis: ['chat'],
        price: { tiers: [{ price: 0.04 }], approximate: false },
      },
    ]);
    const g = c.entry('gemini-2.5-flash-image');
    assert.equal(g.gemini, true);
    assert.equal(g.streams, false);
    assert.equal(g.typicalSeconds, '10-20');
    const p = planRequest('gemini-2.5-flash-image', plan, c);
    assert.equal(p.forceImage, true);
    assert.equal(p.retryWithRemedies, true);
    assert.equal(p.stream, false);
  });

  it('a model only the gateway lists gets the API and options the gateway named, not the guess its name suggests', () => {
    const gateway = readGatewayCatalog({
      data: [
        {
          id: 'atelier-canvas-1',
          type: 'image',
          capabilities: {
            image_generation: true,
            endpoints: ['images/generations'],
            sizes: ['1024x1024', '1536x1024'],
            max_images: 1,
          },
        },
      ],
    });
    assert.equal(BUILTIN_CATALOG.resolveApi('atelier-canvas-1'), 'chat');
    const c = new ModelCatalog(gateway);
    assert.equal(c.resolveApi('atelier-canvas-1'), 'images');
    assert.deepEqual(c.supportFor('atelier-canvas-1', 'images'), {
      ...IMAGES_ANY_SUPPORT,
      sizes: ['1024x1024', '1536x1024'],
      n: false,
    });
    const view = modelOptionsView('atelier-canvas-1', 'auto', c);
    assert.equal(view.api, 'images');
    assert.equal(view.apiFrom, 'catalog');
    assert.deepEqual(view.sizes, { values: ['1024x1024', '1536x1024'], free: false });
    assert.equal(view.variationsInOneRequest, false);
  });

  it('image pickers get the models that draw (and bare ids); Write Alt Text the ones that see', () => {
    const c = new ModelCatalog(
      readGatewayCatalog({
        data: [
          { id: 'gpt-image-1', type: 'image' },
          { id: 'new-painter', type: 'image' },
          { id: 'gpt-4o-mini', type: 'chat', capabilities: ['vision'] },
          { id: 'text-embedding-3-small', type: 'embedding' },
          { id: 'whisper-1', type: 'audio' },
          { id: 'mystery-model' },
          { id: 'gpt-4.1', type: 'chat', capabilities: ['vision'] },
        ],
      }),
    );
    const images = c.imageModels().map((m) => m.id);
    assert.ok(images.includes('new-painter') && images.includes('mystery-model') && images.includes('gpt-image-1'));
    // A Responses model draws through the image tool, whatever type the gateway gives it.
    assert.ok(images.includes('gpt-4.1'));
    for (const id of ['gpt-4o-mini', 'text-embedding-3-small', 'whisper-1']) assert.ok(!images.includes(id), id);
    assert.deepEqual(c.visionModels(), ['gpt-4.1', 'gpt-4o-mini']);
    // No gateway list: the table's known vision models.
    assert.ok(BUILTIN_CATALOG.visionModels().includes('gpt-4o-mini'));
  });

  it('the newer models are in the table as a fallback, each on its API', () => {
    assert.equal(BUILTIN_CATALOG.resolveApi('gpt-image-2'), 'images');
    assert.equal(BUILTIN_CATALOG.resolveApi('gpt-image-1.5'), 'images');
    assert.equal(BUILTIN_CATALOG.resolveApi('nano-banana-2'), 'chat');
    assert.equal(BUILTIN_CATALOG.isGemini('nano-banana-2'), true);
    assert.deepEqual(BUILTIN_CATALOG.supportFor('nano-banana-2', 'chat').imageSizes, ['1K', '2K', '4K']);
    const seedream = BUILTIN_CATALOG.supportFor('doubao-seedream-4.0', 'images');
    assert.equal(seedream.maxReferences, 10);
    assert.equal(seedream.negativePrompt, false);
    assert.equal(seedream.qualities, undefined);
    assert.ok(Array.isArray(seedream.sizes) && seedream.sizes.includes('4K'));
    assert.equal(BUILTIN_CATALOG.supportFor('jimeng-image-enhance-v2', 'images').maxReferences, 1);
  });
});
