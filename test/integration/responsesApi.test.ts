// generateImages on the Responses API against the test server over loopback: streamed partial
// images as progress, the final bytes saved as served, refinement by previous_response_id, masks.
import assert from 'node:assert/strict';
import { generateImages, type GenerateParams, type GenerationProgress } from '../../src/core/generate';
import type { RetryPolicy } from '../../src/core/http/httpClient';
import { listModels } from '../../src/core/apis/models';
import type { RecordedRequest } from '../server/testServer';
import { RESPONSE_WORDS } from '../server/responsesApi';
import { decodePng, encodePng } from '../support/png';
import { expectImageError as failure } from '../support/expect';
import { useLoopback } from '../support/loopback';

const KEY = 'R3sp0nsesKey-test-4567890';
const RETRY: RetryPolicy = { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 1000 };
const TIMEOUTS = { connectMs: 2000, headersMs: 5000, idleMs: 5000, totalMs: 10_000 };

const lb = useLoopback({ key: KEY, server: { streamDelayMs: 2 } });

function params(over: Partial<GenerateParams> = {}): GenerateParams {
  return {
    baseUrl: lb.server.baseUrl,
    apiKey: KEY,
    model: 'gpt-4.1',
    prompt: 'a red kite over the sea',
    references: [],
    stream: true,
    forceImage: false,
    retryWithRemedies: false,
    timeouts: TIMEOUTS,
    retry: RETRY,
    dispatcher: lb.agent,
    log: lb.log,
    ...over,
  };
}

const posts = (): RecordedRequest[] =>
  lb.server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/responses');
const bodyOf = (r: RecordedRequest): Record<string, unknown> => r.json as Record<string, unknown>;
const bytes = (images: { bytes: Uint8Array }[]): Buffer[] => images.map((i) => Buffer.from(i.bytes));

describe('Responses API (integration)', function () {
  this.timeout(15_000);

  it('streamed: two partial images (sharper each time) as progress, then the final bytes as served', async () => {
    const progress: GenerationProgress[] = [];
    const r = await generateImages(params({ onProgress: (p) => progress.push(p) }));
    assert.equal(r.api, 'responses');
    assert.deepEqual(bodyOf(posts()[0]), {
      model: 'gpt-4.1',
      input: 'a red kite over the sea',
      tools: [{ type: 'image_generation', partial_images: 2 }],
      tool_choice: { type: 'image_generation' },
      stream: true,
    });
    assert.equal(posts()[0].headers.accept, 'text/event-stream');
    const partials = progress.flatMap((p) => (p.partial ? [p.partial] : []));
    assert.deepEqual(
      partials.map((p) => [p.index, p.variation, p.type.mime]),
      [
        [0, 0, 'image/png'],
        [1, 0, 'image/png'],
      ],
    );
    assert.deepEqual(
      partials.map((p) => decodePng(p.bytes).width),
      [64, 128],
    );
    assert.deepEqual(bytes(r.images), lb.server.lastServedImages());
    assert.equal(decodePng(r.images[0].bytes).width, 256);
    assert.equal(r.text, RESPONSE_WORDS);
    assert.match(r.responseId ?? '', /^resp_/);
    assert.equal(r.images[0].responseId, r.responseId);
    assert.deepEqual(r.revisedPrompts, ['A detailed rendering of: a red kite over the sea']);
    assert.ok(progress.some((p) => p.phase === 'streaming' && p.status === 'generating'));
  });

  it('not streamed: the whole response, same bytes, no partial_images asked', async () => {
    const r = await generateImages(params({ stream: false }));
    assert.deepEqual(bodyOf(posts()[0]).tools, [{ type: 'image_generation' }]);
    assert.equal(bodyOf(posts()[0]).stream, undefined);
    assert.deepEqual(bytes(r.images), lb.server.lastServedImages());
  });

  it('"Edit this": previous_response_id continues, and the model edits its own last image', async () => {
    const first = await generateImages(params());
    const second = await generateImages(params({ prompt: 'now at night', previousResponseId: first.responseId }));
    assert.equal(bodyOf(posts()[1]).previous_response_id, first.responseId);
    assert.equal(bodyOf(posts()[1]).input, 'now at night');
    const before = decodePng(first.images[0].bytes);
    const after = decodePng(second.images[0].bytes);
    assert.deepEqual(
      Array.from(after.data),
      Array.from(before.data).map((v) => 255 - v),
    );
    assert.notEqual(second.responseId, first.responseId);
  });

  it('previous_response_id is not sent to another API', async () => {
    await generateImages(params({ model: 'gpt-image-1', previousResponseId: 'resp_x' }));
    const images = lb.server.requests.find((q) => q.path === '/api/v1/images/generations');
    assert.equal(bodyOf(images as RecordedRequest).previous_response_id, undefined);
  });

  it('an edit with input_image and input_image_mask: only the masked pixels change', async () => {
    const data = Uint8Array.from({ length: 6 * 6 * 3 }, (_, i) => (i * 41) % 256);
    const png = encodePng({ width: 6, height: 6, channels: 3, data });
    const maskData = new Uint8Array(6 * 6 * 4);
    for (let p = 0; p < 36; p++) maskData[p * 4 + 3] = p < 18 ? 0 : 255;
    const mask = encodePng({ width: 6, height: 6, channels: 4, data: maskData });
    const r = await generateImages(
      params({ references: [{ name: 'a.png', bytes: png, mime: 'image/png' }], mask, options: { partialImages: 0 } }),
    );
    const tool = (bodyOf(posts()[0]).tools as Record<string, unknown>[])[0];
    assert.ok(String((tool.input_image_mask as { image_url: string }).image_url).startsWith('data:image/png;base64,'));
    const out = decodePng(r.images[0].bytes);
    for (let i = 0; i < data.length; i++)
      assert.equal(out.data[i], Math.floor(i / 3) < 18 ? 255 - data[i] : data[i], `byte ${i}`);
  });

  it('transparent background and JPEG output reach the tool and come back as asked', async () => {
    const t = await generateImages(params({ options: { background: 'transparent' } }));
    assert.equal(decodePng(t.images[0].bytes).channels, 4);
    const j = await generateImages(params({ options: { outputFormat: 'jpeg', quality: 'low', size: '1024x1024' } }));
    assert.deepEqual(j.images[0].type, { mime: 'image/jpeg', ext: 'jpg' });
    assert.deepEqual(bytes(j.images), lb.server.lastServedImages());
    const tool = (bodyOf(posts()[1]).tools as Record<string, unknown>[])[0];
    assert.deepEqual(tool, {
      type: 'image_generation',
      size: '1024x1024',
      quality: 'low',
      output_format: 'jpeg',
      partial_images: 2,
    });
  });

  it('n=2: two requests in parallel (the tool makes one image), two different images, partials tagged by variation', async () => {
    const progress: GenerationProgress[] = [];
    const r = await generateImages(params({ options: { n: 2 }, onProgress: (p) => progress.push(p) }));
    assert.equal(posts().length, 2);
    assert.equal(r.images.length, 2);
    assert.deepEqual(
      bytes(r.images)
        .map((b) => b.toString('base64'))
        .sort(),
      lb.server
        .allServedImages()
        .map((b) => b.toString('base64'))
        .sort(),
    );
    assert.deepEqual([...new Set(progress.flatMap((p) => (p.partial ? [p.partial.variation] : [])))].sort(), [0, 1]);
  });

  it('in-stream failures: response.failed (moderation), a bare error event, a cut stream, words only', async () => {
    lb.server.enqueueApi({ kind: 'streamFailed', code: 'moderation_blocked', message: 'unsafe' });
    assert.equal((await failure(generateImages(params()))).kind, 'moderation');
    lb.server.enqueueApi({ kind: 'streamError', message: 'boom' });
    const e = await failure(generateImages(params()));
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.detail, 'boom');
    lb.server.enqueueApi({ kind: 'closeMidStream' });
    assert.equal((await failure(generateImages(params()))).kind, 'network');
    lb.server.enqueueApi({ kind: 'noImage', text: 'I would rather not.' });
    const n = await failure(generateImages(params()));
    assert.equal(n.kind, 'noImage');
    assert.equal(n.detail, 'I would rather not.');
  });

  it('an unknown previous_response_id and a model the endpoint does not serve are refused clearly', async () => {
    const e = await failure(generateImages(params({ previousResponseId: 'resp_nope' })));
    assert.equal(e.kind, 'badRequest');
    assert.equal(e.reason, 'previous_response_not_found');
    const m = await failure(generateImages(params({ model: 'dall-e-3', api: 'responses' })));
    assert.deepEqual(m.params, { model: 'dall-e-3', api: 'responses', suggested: 'images' });
  });

  it("GET /models lists the gateway's ids, sorted, with the key", async () => {
    const models = await listModels({
      baseUrl: lb.server.baseUrl,
      apiKey: KEY,
      dispatcher: lb.agent,
      log: lb.log,
      timeouts: TIMEOUTS,
    });
    const ids = models.map((m) => m.id);
    assert.ok(ids.includes('flux-2-pro') && ids.includes('gpt-image-1'));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a.localeCompare(b)),
    );
    const get = lb.server.requests.find((q) => q.path === '/api/v1/models');
    assert.equal(get?.method, 'GET');
    assert.equal(get?.headers.authorization, `Bearer ${KEY}`);
    const e = await failure(
      listModels({
        baseUrl: lb.server.baseUrl,
        apiKey: 'bad-key',
        dispatcher: lb.agent,
        log: lb.log,
        timeouts: TIMEOUTS,
      }),
    );
    assert.equal(e.kind, 'auth');
  });

  it('chat models fan out variations too: n=2 on Gemini is two chat requests, two images', async () => {
    const r = await generateImages(params({ model: 'gemini-2.5-flash-image', stream: false, options: { n: 2 } }));
    assert.equal(lb.server.requests.filter((q) => q.path === '/api/v1/chat/completions').length, 2);
    assert.equal(r.images.length, 2);
    assert.deepEqual(
      bytes(r.images)
        .map((b) => b.toString('base64'))
        .sort(),
      lb.server
        .allServedImages()
        .map((b) => b.toString('base64'))
        .sort(),
    );
  });
});
