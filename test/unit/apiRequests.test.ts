// Request bodies per API and option, and which options reach which model.
import assert from 'node:assert/strict';
import type { ApiJob } from '../../src/core/apis/api';
import { buildImagesRequest } from '../../src/core/apis/images/requestBody';
import { variationCount } from '../../shared/imageVocabulary';
import { CHAT_SUPPORT, RESPONSES_SUPPORT } from '../../src/core/optionSupport';
import { fitOptions } from '../../src/core/apis/options';
import { apiForModel, resolveApi, supportFor } from '../../src/core/apis/resolveApi';
import { buildResponsesRequest } from '../../src/core/apis/responses/requestBody';
import { encodePng } from '../support/png';

const PNG = encodePng({ width: 2, height: 1, channels: 4, data: new Uint8Array([1, 2, 3, 255, 4, 5, 6, 0]) });
const MASK = encodePng({ width: 2, height: 1, channels: 4, data: new Uint8Array([0, 0, 0, 0, 0, 0, 0, 255]) });
const dataUrl = (b: Uint8Array): string => `data:image/png;base64,${Buffer.from(b).toString('base64')}`;

function job(over: Partial<ApiJob> = {}): ApiJob {
  return {
    model: 'gpt-image-1',
    prompt: '一只猫',
    references: [],
    options: {},
    stream: false,
    forceImage: false,
    retryWithRemedies: false,
    asyncTask: false,
    background: false,
    variation: 0,
    ...over,
  };
}

describe('Images API request bodies', () => {
  it('a plain generation is model and prompt only', () => {
    assert.deepEqual(buildImagesRequest(job()), {
      path: '/images/generations',
      body: { model: 'gpt-image-1', prompt: '一只猫' },
    });
  });

  it('every option under its documented name; n only when several; async on request', () => {
    const req = buildImagesRequest(
      job({
        options: {
          n: 3,
          size: '1536x1024',
          aspectRatio: '3:2',
          quality: 'high',
          background: 'transparent',
          outputFormat: 'webp',
          negativePrompt: 'blur',
        },
        asyncTask: true,
      }),
    );
    assert.deepEqual(req.body, {
      model: 'gpt-image-1',
      prompt: '一只猫',
      n: 3,
      size: '1536x1024',
      aspect_ratio: '3:2',
      quality: 'high',
      background: 'transparent',
      output_format: 'webp',
      negative_prompt: 'blur',
      async: true,
    });
    assert.equal(buildImagesRequest(job({ options: { n: 1 } })).body.n, undefined);
  });

  it('an edit goes to /images/edits with `image` as an array of data URLs and the mask as one', () => {
    const req = buildImagesRequest(
      job({
        references: [
          { name: 'a.png', bytes: PNG, mime: 'image/png' },
          { name: 'b.jpg', bytes: Uint8Array.of(0xff, 0xd8, 0xff), mime: 'image/jpeg' },
        ],
        mask: MASK,
      }),
    );
    assert.equal(req.path, '/images/edits');
    assert.deepEqual(req.body.image, [dataUrl(PNG), 'data:image/jpeg;base64,/9j/']);
    assert.equal(req.body.mask, dataUrl(MASK));
  });
});

describe('Responses API request bodies', () => {
  it('a generation: the prompt as input, the image tool forced, nothing else', () => {
    assert.deepEqual(buildResponsesRequest(job({ model: 'gpt-4.1' })), {
      model: 'gpt-4.1',
      input: '一只猫',
      tools: [{ type: 'image_generation' }],
      tool_choice: { type: 'image_generation' },
    });
  });

  it('tool options, partial images only when streaming, previous_response_id', () => {
    const body = buildResponsesRequest(
      job({
        model: 'gpt-5',
        stream: true,
        previousResponseId: 'resp_1',
        options: { size: '1024x1536', quality: 'low', background: 'opaque', outputFormat: 'jpeg', partialImages: 2 },
      }),
    );
    assert.deepEqual(body.tools, [
      {
        type: 'image_generation',
        size: '1024x1536',
        quality: 'low',
        background: 'opaque',
        output_format: 'jpeg',
        partial_images: 2,
      },
    ]);
    assert.equal(body.stream, true);
    assert.equal(body.previous_response_id, 'resp_1');
    assert.equal(buildResponsesRequest(job({ options: { partialImages: 2 } })).tools[0].partial_images, undefined);
  });

  it("an edit: input_text then input_image parts; the mask as the tool's input_image_mask", () => {
    const body = buildResponsesRequest(
      job({ model: 'gpt-4.1', references: [{ name: 'a.png', bytes: PNG, mime: 'image/png' }], mask: MASK }),
    );
    assert.deepEqual(body.input, [
      {
        role: 'user',
        content: [
          { type: 'input_text', text: '一只猫' },
          { type: 'input_image', image_url: dataUrl(PNG) },
        ],
      },
    ]);
    assert.deepEqual(body.tools[0].input_image_mask, { image_url: dataUrl(MASK) });
  });
});

describe('which API and which options', () => {
  it('auto follows the catalog, then the family name; the setting overrides', () => {
    assert.equal(resolveApi('gemini-2.5-flash-image'), 'chat');
    assert.equal(resolveApi('gpt-image-1'), 'images');
    assert.equal(resolveApi('gpt-4.1'), 'responses');
    assert.equal(apiForModel('flux-2-pro'), 'images');
    assert.equal(apiForModel('relay/imagen-5'), 'images');
    assert.equal(apiForModel('some-new-chat-model'), 'chat');
    assert.equal(resolveApi('gpt-image-1', 'responses'), 'responses');
    assert.equal(resolveApi('gemini-2.5-flash-image', 'images'), 'images');
  });

  it('a catalog model takes its own options only on its own API', () => {
    assert.equal(supportFor('dall-e-3', 'images').n, false);
    assert.deepEqual(supportFor('gpt-4.1', 'responses'), RESPONSES_SUPPORT);
    assert.deepEqual(supportFor('dall-e-3', 'chat'), CHAT_SUPPORT);
    assert.equal(supportFor('unknown-model', 'images').sizes, 'any');
  });

  it('fitOptions keeps what is accepted and names what is dropped', () => {
    const all = {
      size: '1024x1024',
      aspectRatio: '16:9',
      imageSize: '2K',
      quality: 'hd',
      background: 'transparent' as const,
      outputFormat: 'png' as const,
      negativePrompt: ' blur ',
      partialImages: 2,
    };
    assert.deepEqual(fitOptions(all, supportFor('dall-e-3', 'images')), {
      sent: { size: '1024x1024', quality: 'hd' },
      dropped: ['aspectRatio', 'imageSize', 'background', 'outputFormat', 'negativePrompt', 'partialImages'],
    });
    assert.deepEqual(fitOptions(all, CHAT_SUPPORT).sent, { aspectRatio: '16:9', imageSize: '2K' });
    assert.deepEqual(fitOptions(all, RESPONSES_SUPPORT).sent, {
      size: '1024x1024',
      background: 'transparent',
      outputFormat: 'png',
      partialImages: 2,
    });
    assert.deepEqual(fitOptions(all, supportFor('wanx2.1-t2i-turbo', 'images')).sent, { negativePrompt: 'blur' });
    // A size outside the model's list is not sent (the server would refuse it).
    assert.deepEqual(fitOptions({ size: '4096x4096' }, supportFor('gpt-image-1', 'images')), {
      sent: {},
      dropped: ['size'],
    });
  });

  it('a transparent background never goes with JPEG', () => {
    assert.deepEqual(fitOptions({ background: 'transparent', outputFormat: 'jpeg' }, RESPONSES_SUPPORT), {
      sent: { background: 'transparent' },
      dropped: ['outputFormat'],
    });
  });

  it('variations are 1-4', () => {
    assert.deepEqual([undefined, 0, 1, 2.6, 4, 9, Number.NaN].map(variationCount), [1, 1, 1, 3, 4, 4, 1]);
  });
});
