import assert from 'node:assert/strict';
import {
  DEFAULT_MODEL,
  findModel,
  isGeminiModel,
  isValidModelId,
  MODEL_CATALOG,
  shouldStream,
} from '../../src/core/catalog';

describe('catalog', () => {
  it('holds the documented chat models with the documented streaming, then Images and Responses API models (the newer ones as a fallback)', () => {
    assert.deepEqual(
      MODEL_CATALOG.filter((m) => m.api === 'chat').map((m) => [m.id, m.streams, m.gemini]),
      [
        ['gemini-2.5-flash-image', false, true],
        ['gemini-2.5-flash-image-preview', false, true],
        ['gemini-2.0-flash-preview-image-generation', false, true],
        ['nano-banana-2', false, true],
        ['gpt-4o-image', true, false],
        ['gpt-5-all', true, false],
        ['midjourney-chat', true, false],
      ],
    );
    assert.deepEqual(
      MODEL_CATALOG.filter((m) => m.api === 'images').map((m) => m.id),
      [
        'gpt-image-1',
        'gpt-image-1.5',
        'gpt-image-2',
        'dall-e-3',
        'imagen-4.0-generate-001',
        'flux-kontext-pro',
        'doubao-seedream-4-0-250828',
        'doubao-seedream-4.0',
        'jimeng-image-enhance-v2',
        'cogview-4',
        'wanx2.1-t2i-turbo',
      ],
    );
    assert.deepEqual(
      MODEL_CATALOG.filter((m) => m.api === 'responses').map((m) => m.id),
      ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-5'],
    );
    // Images API models never stream; Responses models stream (partial images).
    for (const m of MODEL_CATALOG) if (m.api !== 'chat') assert.equal(m.streams, m.api === 'responses', m.id);
    assert.equal(DEFAULT_MODEL, 'gemini-2.5-flash-image');
    assert.equal(findModel(DEFAULT_MODEL)?.streams, false);
    assert.equal(findModel('nope'), undefined);
    for (const m of MODEL_CATALOG) assert.ok(isValidModelId(m.id), m.id);
  });

  it('treats hand-typed Gemini ids as Gemini', () => {
    assert.equal(isGeminiModel('gemini-3-pro-image'), true);
    assert.equal(isGeminiModel('google/Gemini-2.5-Flash-Image'), true);
    assert.equal(isGeminiModel('gpt-4o-image'), false);
    assert.equal(isGeminiModel('dall-e-3'), false);
  });

  it('streams per catalog in auto, unknown ids unless Gemini; always/never override', () => {
    assert.equal(shouldStream('gemini-2.5-flash-image', 'auto'), false);
    assert.equal(shouldStream('gpt-4o-image', 'auto'), true);
    assert.equal(shouldStream('midjourney-chat', 'auto'), true);
    assert.equal(shouldStream('my-relay-model', 'auto'), true);
    assert.equal(shouldStream('gemini-3-pro-image', 'auto'), false);
    assert.equal(shouldStream('gemini-2.5-flash-image', 'always'), true);
    assert.equal(shouldStream('gpt-4o-image', 'never'), false);
  });
});
