import assert from 'node:assert/strict';
import { modelOptionsView } from '../../src/core/apis/optionsView';
import { webviewToHostSchema } from '../../shared/protocolSchema';

describe('modelOptionsView (what the Studio shows per model)', () => {
  it('gpt-image-1: Images API from the catalog, n in one request, its own lists, mask, no live preview', () => {
    const v = modelOptionsView('gpt-image-1');
    assert.equal(v.api, 'images');
    assert.equal(v.apiFrom, 'catalog');
    assert.equal(v.variationsInOneRequest, true);
    assert.deepEqual(v.sizes, { values: ['auto', '1024x1024', '1536x1024', '1024x1536'], free: false });
    assert.deepEqual(v.backgrounds, { values: ['auto', 'opaque', 'transparent'], free: false });
    assert.equal(v.negativePrompt, false);
    assert.equal(v.aspectRatios, undefined);
    assert.equal(v.mask, true);
    assert.equal(v.livePreview, false);
    assert.equal(v.continues, false);
  });

  it('dall-e-3 hides what it does not take; a Responses model previews and continues', () => {
    const d = modelOptionsView('dall-e-3');
    assert.equal(d.backgrounds, undefined);
    assert.equal(d.outputFormats, undefined);
    assert.equal(d.maxReferences, 0);
    assert.equal(d.variationsInOneRequest, false);
    const r = modelOptionsView('gpt-4.1');
    assert.deepEqual([r.api, r.livePreview, r.continues, r.mask], ['responses', true, true, true]);
  });

  it('an unknown id: API guessed by family, free values offered; the choice overrides', () => {
    const f = modelOptionsView('flux-2-pro');
    assert.deepEqual([f.api, f.apiFrom], ['images', 'guess']);
    assert.equal(f.sizes?.free, true);
    const c = modelOptionsView('gemini-2.5-flash-image', 'responses');
    assert.deepEqual([c.api, c.apiFrom, c.livePreview], ['responses', 'choice', true]);
    assert.deepEqual(modelOptionsView('gemini-2.5-flash-image').imageSizes, {
      values: ['1K', '2K', '4K'],
      free: false,
    });
  });
});

describe('generate message options (webview → host schema)', () => {
  const base = { type: 'generate', prompt: 'p', model: 'gpt-image-1', attachmentIds: [] };
  it('accepts every option in range', () => {
    const ok = webviewToHostSchema.safeParse({
      ...base,
      api: 'images',
      variations: 4,
      size: '1024*1024',
      quality: 'hd',
      background: 'transparent',
      outputFormat: 'webp',
      negativePrompt: 'blur',
      maskBase64: 'iVBORw0KGgo=',
    });
    assert.equal(ok.success, true);
  });
  for (const [name, extra] of [
    ['5 variations', { variations: 5 }],
    ['0 variations', { variations: 0 }],
    ['a fractional count', { variations: 1.5 }],
    ['an unknown api', { api: 'fax' }],
    ['a size with a path', { size: '../../x' }],
    ['a quality with markup', { quality: '<b>' }],
    ['a mask that is not base64', { maskBase64: 'not base64!' }],
    ['a background outside the list', { background: 'blue' }],
    ['a huge negative prompt', { negativePrompt: 'x'.repeat(2001) }],
  ] as const) {
    it(`refuses ${name}`, () => assert.equal(webviewToHostSchema.safeParse({ ...base, ...extra }).success, false));
  }
});
