// The image vocabulary is the one home of the option values: the settings offer exactly its
// lists, the model-id pattern its length, and `variations` and `n` turn into each other in one place.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  API_SETTINGS,
  ASPECT_RATIOS,
  BACKGROUNDS,
  IMAGE_SIZES,
  jobOptionsOf,
  MAX_VARIATIONS,
  MODEL_ID_MAX_CHARS,
  OUTPUT_FORMATS,
  PROMPT_MAX_CHARS,
  QUALITIES,
  studioOptionsFor,
  USER_OPTION_NAMES,
  withUnset,
} from '../../shared/imageVocabulary';
import { isValidModelId } from '../../src/core/catalog';
import { generateImageInput, inputJsonSchema } from '../../src/agent/toolInputs';

interface SettingSchema {
  enum?: string[];
  maximum?: number;
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: {
    configuration: { properties: Record<string, SettingSchema> } | { properties: Record<string, SettingSchema> }[];
  };
};
const configuration = manifest.contributes.configuration;
const settings: Record<string, SettingSchema> = {};
for (const c of Array.isArray(configuration) ? configuration : [configuration]) Object.assign(settings, c.properties);

describe('the image vocabulary', () => {
  it('the settings offer exactly its lists and limits', () => {
    assert.deepEqual(settings['geekaiImage.api'].enum, [...API_SETTINGS]);
    assert.deepEqual(settings['geekaiImage.aspectRatio'].enum, withUnset(ASPECT_RATIOS));
    assert.deepEqual(settings['geekaiImage.imageSize'].enum, withUnset(IMAGE_SIZES));
    assert.deepEqual(settings['geekaiImage.quality'].enum, withUnset(QUALITIES));
    assert.deepEqual(settings['geekaiImage.background'].enum, withUnset(BACKGROUNDS));
    assert.deepEqual(settings['geekaiImage.outputFormat'].enum, withUnset(OUTPUT_FORMATS));
    assert.equal(settings['geekaiImage.variations'].maximum, MAX_VARIATIONS);
  });

  it('a model id is valid up to MODEL_ID_MAX_CHARS characters, not one more', () => {
    assert.equal(isValidModelId('m'.repeat(MODEL_ID_MAX_CHARS)), true);
    assert.equal(isValidModelId('m'.repeat(MODEL_ID_MAX_CHARS + 1)), false);
  });

  it('the agent tools advertise its prompt limit and lists', () => {
    const schema = inputJsonSchema(generateImageInput) as {
      properties: Record<string, { maxLength?: number; enum?: string[]; maximum?: number }>;
    };
    assert.equal(schema.properties.prompt.maxLength, PROMPT_MAX_CHARS);
    assert.deepEqual(schema.properties.aspectRatio.enum, [...ASPECT_RATIOS]);
    assert.deepEqual(schema.properties.imageSize.enum, [...IMAGE_SIZES]);
    assert.equal(schema.properties.count.maximum, MAX_VARIATIONS);
  });

  it('variations become n, and n variations, with every option and the API kept', () => {
    const studio = {
      api: 'images' as const,
      variations: 3,
      size: '1024x1024',
      quality: 'high',
      background: 'transparent' as const,
      outputFormat: 'webp' as const,
      negativePrompt: 'blur',
    };
    const job = jobOptionsOf(studio);
    // Options not set stay as undefined keys (the settings fill those in); compared without them.
    const set = (o: object): object => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    assert.equal(job.api, 'images');
    assert.deepEqual(set(job.options), {
      n: 3,
      size: '1024x1024',
      quality: 'high',
      background: 'transparent',
      outputFormat: 'webp',
      negativePrompt: 'blur',
    });
    assert.deepEqual(set(studioOptionsFor(job.options, job.api)), studio);
    // Only the Studio's options travel back: aspect ratio and resolution go beside them.
    assert.deepEqual(
      Object.keys(studioOptionsFor({ n: 1, aspectRatio: '16:9', imageSize: '2K' })).sort(),
      ['api', 'variations', ...USER_OPTION_NAMES].sort(),
    );
  });
});
