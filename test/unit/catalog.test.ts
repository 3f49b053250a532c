import assert from 'node:assert/strict';
import { DEFAULT_MODEL, findModel, isGeminiModel, isValidModelId, MODEL_CATALOG, shouldStream } from '../../src/core/catalog';

describe('catalog', () => {
  it('holds the six documented models with the documented streaming', () => {
    assert.deepEqual(
      MODEL_CATALOG.map((m) => [m.id, m.streams, m.gemini]),
      [
        ['gemini-2.5-flash-image', false, true],
        ['gemini-2.5-flash-image-preview', false, true],
        ['gemini-2.0-flash-preview-image-generation', false, true],
        ['gpt-4o-image', true, false],
        ['gpt-5-all', true, false],
        ['midjourney-chat', true, false],
      ],
    );
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
