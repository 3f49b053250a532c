// generateImages on the Images API against the test server over loopback: bytes saved equal
// bytes served for url and b64_json answers and every option, variations, masks, async tasks.
import assert from 'node:assert/strict';
import { generateImages, type GenerateParams, type GenerationProgress } from '../../src/core/generate';
import type { RetryPolicy } from '../../src/core/http/httpClient';
import { decodeDataUrl } from '../../src/core/images/dataUrl';
import type { RecordedRequest } from '../server/testServer';
import { decodePng, encodePng, type RawImage } from '../support/png';
import { expectImageError as failure } from '../support/expect';
import { useLoopback } from '../support/loopback';

const KEY = 'Im4g3sApiKey-test-0123456789';
const RETRY: RetryPolicy = { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 1000 };
const TIMEOUTS = { connectMs: 2000, headersMs: 5000, idleMs: 5000, totalMs: 10_000 };

const lb = useLoopback({ key: KEY, server: { streamDelayMs: 2, taskPolls: 2 } });

function params(over: Partial<GenerateParams> = {}): GenerateParams {
  return {
    baseUrl: lb.server.baseUrl,
    apiKey: KEY,
    model: 'gpt-image-1',
    prompt: '一只戴帽子的橘猫',
    references: [],
    stream: false,
    forceImage: false,
    retryWithRemedies: false,
    pollIntervalMs: 10,
    timeouts: TIMEOUTS,
    retry: RETRY,
    dispatcher: lb.agent,
    log: lb.log,
    ...over,
  };
}

const posts = (path = ''): RecordedRequest[] =>
  lb.server.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/api/v1/images${path}`));
const polls = (): RecordedRequest[] =>
  lb.server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/images/'));
const bodyOf = (r: RecordedRequest): Record<string, unknown> => r.json as Record<string, unknown>;
const bytes = (images: { bytes: Uint8Array }[]): Buffer[] => images.map((i) => Buffer.from(i.bytes));
const sorted = (list: Buffer[]): string[] => list.map((b) => b.toString('base64')).sort();

/** An 8×8 RGBA picture and a mask whose left half is transparent (may change). */
function picture(): { png: Buffer; raw: RawImage; mask: Buffer } {
  const data = Uint8Array.from({ length: 8 * 8 * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 29 + 7) % 256));
  const raw: RawImage = { width: 8, height: 8, channels: 4, data };
  const maskData = new Uint8Array(8 * 8 * 4);
  for (let p = 0; p < 64; p++) maskData[p * 4 + 3] = p % 8 < 4 ? 0 : 255;
  return { png: encodePng(raw), raw, mask: encodePng({ width: 8, height: 8, channels: 4, data: maskData }) };
}

describe('Images API (integration)', function () {
  this.timeout(15_000);

  it('gpt-image-1 answers b64_json: the saved bytes are the served bytes; the body is exact; the revised prompt is kept', async () => {
    const r = await generateImages(params({ options: { size: '1024x1536', quality: 'high' } }));
    assert.equal(r.api, 'images');
    assert.deepEqual(bytes(r.images), lb.server.lastServedImages());
    assert.deepEqual(bodyOf(posts()[0]), {
      model: 'gpt-image-1',
      prompt: '一只戴帽子的橘猫',
      size: '1024x1536',
      quality: 'high',
    });
    assert.equal(posts()[0].path, '/api/v1/images/generations');
    assert.equal(posts()[0].headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(r.revisedPrompts, ['A detailed rendering of: 一只戴帽子的橘猫']);
    assert.equal(r.images[0].revisedPrompt, 'A detailed rendering of: 一只戴帽子的橘猫');
    assert.equal(lb.server.requests.filter((q) => q.method === 'GET').length, 0, 'base64 needs no download');
  });

  it('dall-e-3 answers with a url: downloaded without the key, bytes equal', async () => {
    const r = await generateImages(params({ model: 'dall-e-3' }));
    assert.deepEqual(bytes(r.images), lb.server.lastServedImages());
    const gets = lb.server.requests.filter((q) => q.method === 'GET');
    assert.equal(gets.length, 1);
    assert.match(gets[0].path, /^\/files\//);
    assert.equal(gets[0].headers.authorization, undefined);
  });

  it('n=3 on gpt-image-1: one request with n, three distinct images in order', async () => {
    const r = await generateImages(params({ options: { n: 3 } }));
    assert.equal(posts().length, 1);
    assert.equal(bodyOf(posts()[0]).n, 3);
    assert.equal(r.images.length, 3);
    assert.deepEqual(bytes(r.images), lb.server.lastServedImages());
    assert.equal(new Set(sorted(bytes(r.images))).size, 3);
  });

  it('n=2 on dall-e-3 (refuses n): two single requests in parallel, both images kept', async () => {
    const r = await generateImages(params({ model: 'dall-e-3', options: { n: 2 } }));
    assert.equal(posts().length, 2);
    for (const p of posts()) assert.equal(bodyOf(p).n, undefined);
    assert.deepEqual(sorted(bytes(r.images)), sorted(lb.server.allServedImages()));
    assert.deepEqual(r.images.map((i) => i.variation).sort(), [0, 1]);
  });

  it('an unknown model that refuses n when asked: falls back to one request per variation', async () => {
    const r = await generateImages(params({ model: 'flux-2-pro', options: { n: 2 } }));
    assert.equal(posts().length, 3);
    assert.equal(posts()[0].status, 400);
    assert.equal(bodyOf(posts()[0]).n, 2);
    assert.equal(r.images.length, 2);
    assert.deepEqual(sorted(bytes(r.images)), sorted(lb.server.allServedImages()));
  });

  it('background transparent: a PNG with transparent pixels, bytes equal', async () => {
    const r = await generateImages(params({ options: { background: 'transparent', outputFormat: 'png' } }));
    assert.equal(bodyOf(posts()[0]).background, 'transparent');
    assert.deepEqual(bytes(r.images), lb.server.lastServedImages());
    const raw = decodePng(r.images[0].bytes);
    assert.equal(raw.channels, 4);
    let clear = 0;
    for (let i = 3; i < raw.data.length; i += 4) if (raw.data[i] === 0) clear++;
    assert.ok(clear > 0 && clear < raw.width * raw.height, `${clear} transparent pixels`);
  });

  it('output_format jpeg: a JPEG saved as .jpg, bytes equal', async () => {
    const r = await generateImages(params({ options: { outputFormat: 'jpeg' } }));
    assert.equal(bodyOf(posts()[0]).output_format, 'jpeg');
    assert.deepEqual(r.images[0].type, { mime: 'image/jpeg', ext: 'jpg' });
    assert.deepEqual(bytes(r.images), lb.server.lastServedImages());
  });

  it('options a model does not take are not sent (and named), so the server does not refuse', async () => {
    const r = await generateImages(
      params({
        model: 'dall-e-3',
        options: { background: 'transparent', negativePrompt: 'blur', quality: 'hd', size: '1792x1024' },
      }),
    );
    assert.deepEqual(bodyOf(posts()[0]), {
      model: 'dall-e-3',
      prompt: '一只戴帽子的橘猫',
      size: '1792x1024',
      quality: 'hd',
    });
    assert.deepEqual(r.droppedOptions, ['background', 'negativePrompt']);
  });

  it('negative prompt and aspect ratio reach a model that takes them', async () => {
    await generateImages(
      params({ model: 'wanx2.1-t2i-turbo', options: { negativePrompt: '模糊', aspectRatio: '16:9' } }),
    );
    assert.deepEqual(bodyOf(posts()[0]), {
      model: 'wanx2.1-t2i-turbo',
      prompt: '一只戴帽子的橘猫',
      negative_prompt: '模糊',
    });
    await generateImages(params({ model: 'imagen-4.0-generate-001', options: { aspectRatio: '16:9' } }));
    assert.equal(bodyOf(posts()[1]).aspect_ratio, '16:9');
  });

  it('a masked edit: only the masked pixels change, so mask and image arrived aligned', async () => {
    const { png, raw, mask } = picture();
    const r = await generateImages(
      params({ prompt: '把左边变成夜晚', references: [{ name: 'in.png', bytes: png, mime: 'image/png' }], mask }),
    );
    const sent = bodyOf(posts('/edits')[0]);
    assert.deepEqual(
      (sent.image as string[]).map((u) => Buffer.from(decodeDataUrl(u)?.bytes ?? [])),
      [png],
    );
    assert.deepEqual(Buffer.from(decodeDataUrl(sent.mask as string)?.bytes ?? []), mask);
    assert.deepEqual(bytes(r.images), lb.server.lastServedImages());
    const out = decodePng(r.images[0].bytes);
    for (let p = 0; p < 64; p++) {
      for (let c = 0; c < 3; c++) {
        const before = raw.data[p * 4 + c];
        assert.equal(out.data[p * 4 + c], p % 8 < 4 ? 255 - before : before, `pixel ${p} channel ${c}`);
      }
    }
  });

  it('an edit with several references sends them all as the image array', async () => {
    const { png } = picture();
    const other = encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(12).fill(77) });
    await generateImages(
      params({
        references: [
          { name: 'a.png', bytes: png, mime: 'image/png' },
          { name: 'b.png', bytes: other, mime: 'image/png' },
        ],
      }),
    );
    assert.equal((bodyOf(posts('/edits')[0]).image as string[]).length, 2);
  });

  it('async: the task is polled until it succeeds; progress names the task status; bytes equal', async () => {
    const progress: GenerationProgress[] = [];
    const r = await generateImages(params({ asyncTask: true, onProgress: (p) => progress.push(p) }));
    assert.equal(bodyOf(posts()[0]).async, true);
    assert.equal(polls().length, 3);
    assert.deepEqual(bytes(r.images), lb.server.lastServedImages());
    const statuses = progress.flatMap((p) => (p.task ? [p.task.status] : []));
    assert.deepEqual(statuses, ['pending', 'pending', 'running']);
    for (const p of polls()) assert.equal(p.headers.authorization, `Bearer ${KEY}`);
  });

  it('a server that answers with a task unasked is polled too', async () => {
    lb.server.enqueueApi({ kind: 'asyncTask', polls: 1 });
    const r = await generateImages(params({ model: 'dall-e-3' }));
    assert.equal(polls().length, 2);
    assert.deepEqual(bytes(r.images), lb.server.lastServedImages());
  });

  it('a failed task: server/taskFailed with the reason; a blocked one is moderation', async () => {
    lb.server.enqueueApi({ kind: 'taskFailed', message: 'upstream exploded' });
    const e = await failure(generateImages(params({ asyncTask: true })));
    assert.equal(e.kind, 'server');
    assert.equal(e.reason, 'taskFailed');
    assert.equal(e.detail, 'upstream exploded');
    lb.server.enqueueApi({ kind: 'taskFailed', code: 'moderation_blocked', message: 'unsafe' });
    assert.equal((await failure(generateImages(params({ asyncTask: true })))).kind, 'moderation');
  });

  it('Cancel while polling stops at once and polls no more', async () => {
    lb.server.enqueueApi({ kind: 'taskNeverEnds' });
    const controller = new AbortController();
    const p = generateImages(params({ asyncTask: true, pollIntervalMs: 50, signal: controller.signal }));
    await lb.server.waitForRequest((r) => r.method === 'GET' && r.path.startsWith('/api/v1/images/'), 3000);
    const started = Date.now();
    controller.abort();
    const e = await failure(p);
    assert.equal(e.kind, 'cancelled');
    assert.ok(Date.now() - started < 500);
    const count = polls().length;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(polls().length, count);
  });

  it('a task that never ends runs into the time limit', async () => {
    lb.server.enqueueApi({ kind: 'taskNeverEnds' });
    const e = await failure(
      generateImages(params({ asyncTask: true, pollIntervalMs: 100, timeouts: { ...TIMEOUTS, totalMs: 450 } })),
    );
    assert.equal(e.kind, 'timeout');
    assert.equal(e.reason, 'task');
  });

  it('a chat model sent to the Images API: modelNotOnApi suggesting chat; and the other way round', async () => {
    const e = await failure(generateImages(params({ model: 'gemini-2.5-flash-image', api: 'images' })));
    assert.equal(e.reason, 'modelNotOnApi');
    assert.deepEqual(e.params, { model: 'gemini-2.5-flash-image', api: 'images', suggested: 'chat' });
    const f = await failure(generateImages(params({ model: 'gpt-image-1', api: 'chat' })));
    assert.deepEqual(f.params, { model: 'gpt-image-1', api: 'chat', suggested: 'images' });
  });

  it('a parameter the server refuses: unsupportedParameter naming it', async () => {
    const e = await failure(generateImages(params({ model: 'flux-2-pro', options: { background: 'transparent' } })));
    assert.equal(e.kind, 'badRequest');
    assert.equal(e.reason, 'unsupportedParameter');
    assert.equal(e.params.param, 'background');
  });

  it('refused before sending: references to a model that cannot edit, a mask of the wrong size or on chat', async () => {
    const { png, mask } = picture();
    const ref = { name: 'in.png', bytes: png, mime: 'image/png' as const };
    assert.equal(
      (await failure(generateImages(params({ model: 'dall-e-3', references: [ref] })))).reason,
      'editsUnsupported',
    );
    const small = encodePng({ width: 4, height: 4, channels: 4, data: new Uint8Array(64) });
    const e = await failure(generateImages(params({ references: [ref], mask: small })));
    assert.equal(e.reason, 'maskSizeMismatch');
    assert.deepEqual(e.params, { name: 'in.png', mask: '4x4', image: '8x8' });
    assert.equal(
      (await failure(generateImages(params({ model: 'gemini-2.5-flash-image', references: [ref], mask })))).reason,
      'maskUnsupported',
    );
    assert.equal((await failure(generateImages(params({ mask })))).reason, 'maskWithoutImage');
    assert.equal(lb.server.requests.length, 0);
  });

  it('200 with no image is noImage; a moderation 400 is moderation', async () => {
    lb.server.enqueueApi({ kind: 'noImage' }, { kind: 'error', status: 400, code: 'moderation_blocked' });
    assert.equal((await failure(generateImages(params()))).kind, 'noImage');
    assert.equal((await failure(generateImages(params()))).kind, 'moderation');
  });
});
