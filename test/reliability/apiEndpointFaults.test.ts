// The Images and Responses APIs' own faults and bad inputs, through core's one `generate`:
// every fault ends in the ImageError that names it (never a crash, a half result or the key),
// and every bad input is refused before a byte is sent or neutralised on the way.
import assert from 'node:assert/strict';
import { generateImages, type GenerateParams } from '../../src/core/generate';
import type { ErrorKind } from '../../src/core/errors';
import type { ApiBehaviour } from '../server/testServer';
import { encodePng } from '../support/png';
import { expectImageError } from '../support/expect';
import { useLoopback } from '../support/loopback';
import { badInputCase, faultCase, keyLeaks } from './support/tally';

const KEY = 'Rel1abilityApiKey-0a1b2c3d4e';
const lb = useLoopback({ key: KEY, server: { streamDelayMs: 1, taskPolls: 1 } });

function params(over: Partial<GenerateParams>): GenerateParams {
  return {
    baseUrl: lb.server.baseUrl,
    apiKey: KEY,
    model: 'gpt-image-1',
    prompt: 'a lighthouse at dusk',
    references: [],
    stream: true,
    forceImage: false,
    retryWithRemedies: false,
    pollIntervalMs: 5,
    timeouts: { connectMs: 2000, headersMs: 3000, idleMs: 3000, totalMs: 4000 },
    retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 100 },
    dispatcher: lb.agent,
    log: lb.log,
    ...over,
  };
}

interface Fault {
  title: string;
  model: string;
  behaviours: (key: string) => ApiBehaviour[];
  /** The error the user gets; `absorbed` when a retry turns the fault into a good answer. */
  kind: ErrorKind | 'absorbed';
  reason?: string;
  over?: Partial<GenerateParams>;
}

const IMAGES = 'gpt-image-1';
const RESPONSES = 'gpt-4.1';

const FAULTS: Fault[] = [
  {
    title: 'Images API 400 that names the key',
    model: IMAGES,
    behaviours: (k) => [{ kind: 'error', status: 400, message: `bad key ${k} in request`, code: 'invalid_request' }],
    kind: 'badRequest',
  },
  {
    title: 'Images API 429 twice (retried once, then told)',
    model: IMAGES,
    behaviours: () => [
      { kind: 'error', status: 429 },
      { kind: 'error', status: 429 },
    ],
    kind: 'rateLimit',
  },
  {
    title: 'Images API 503 then a good answer',
    model: IMAGES,
    behaviours: () => [{ kind: 'error', status: 503 }],
    kind: 'absorbed',
  },
  {
    title: 'Images API HTML instead of JSON',
    model: IMAGES,
    behaviours: () => [{ kind: 'nonJson' }],
    kind: 'badResponse',
    reason: 'notJson',
  },
  {
    title: 'Images API JSON of the wrong shape',
    model: IMAGES,
    behaviours: () => [{ kind: 'wrongShape' }],
    kind: 'badResponse',
    reason: 'wrongShape',
  },
  {
    title: 'Images API body cut in half',
    model: IMAGES,
    behaviours: () => [{ kind: 'closeMidBody' }],
    kind: 'network',
  },
  { title: 'Images API data: [] (no image)', model: IMAGES, behaviours: () => [{ kind: 'noImage' }], kind: 'noImage' },
  {
    title: 'async task that fails, its reason echoing the key',
    model: IMAGES,
    behaviours: (k) => [{ kind: 'taskFailed', message: `upstream refused ${k}` }],
    kind: 'server',
    reason: 'taskFailed',
    over: { asyncTask: true },
  },
  {
    title: 'async task blocked by moderation',
    model: IMAGES,
    behaviours: () => [{ kind: 'taskFailed', code: 'moderation_blocked', message: 'unsafe' }],
    kind: 'moderation',
    over: { asyncTask: true },
  },
  {
    title: 'async task that never ends',
    model: IMAGES,
    behaviours: () => [{ kind: 'taskNeverEnds' }],
    kind: 'timeout',
    reason: 'task',
    over: {
      asyncTask: true,
      pollIntervalMs: 100,
      timeouts: { connectMs: 1000, headersMs: 1000, idleMs: 1000, totalMs: 600 },
    },
  },
  {
    title: 'Responses stream ending in response.failed',
    model: RESPONSES,
    behaviours: () => [{ kind: 'streamFailed', code: 'server_error' }],
    kind: 'badResponse',
  },
  {
    title: 'Responses stream blocked by moderation',
    model: RESPONSES,
    behaviours: () => [{ kind: 'streamFailed', code: 'moderation_blocked' }],
    kind: 'moderation',
  },
  {
    title: 'Responses stream with a bare error event echoing the key',
    model: RESPONSES,
    behaviours: (k) => [{ kind: 'streamError', message: `token ${k} rejected` }],
    kind: 'badResponse',
  },
  {
    title: 'Responses stream cut after a preview',
    model: RESPONSES,
    behaviours: () => [{ kind: 'closeMidStream' }],
    kind: 'network',
  },
  {
    title: 'Responses stream that stalls',
    model: RESPONSES,
    behaviours: () => [{ kind: 'stallStream' }],
    kind: 'timeout',
    over: { timeouts: { connectMs: 1000, headersMs: 1000, idleMs: 300, totalMs: 2000 } },
  },
  {
    title: 'Responses answer in words only',
    model: RESPONSES,
    behaviours: () => [{ kind: 'noImage', text: 'No.' }],
    kind: 'noImage',
  },
  {
    title: 'Responses HTML instead of JSON',
    model: RESPONSES,
    behaviours: () => [{ kind: 'nonJson' }],
    kind: 'badResponse',
    reason: 'notJson',
  },
];

function scanForKey(where: string, texts: Record<string, string | undefined>): void {
  const leaks = Object.entries(texts).flatMap(([name, t]) => (t?.includes(KEY) ? [name] : []));
  keyLeaks(where, leaks);
  assert.deepEqual(leaks, [], 'the key');
}

describe('Reliability: Images and Responses API faults, through core', function () {
  this.timeout(15_000);

  for (const f of FAULTS) {
    const outcome =
      f.kind === 'absorbed' ? 'retried into the served image' : `${f.kind}${f.reason ? `/${f.reason}` : ''}, no image`;
    faultCase(`${f.title}: ${outcome}, no key anywhere`, async () => {
      lb.server.enqueueApi(...f.behaviours(KEY));
      if (f.kind === 'absorbed') {
        const r = await generateImages(params({ model: f.model }));
        assert.deepEqual(
          r.images.map((i) => Buffer.from(i.bytes)),
          lb.server.lastServedImages(),
        );
        return;
      }
      const e = await expectImageError(generateImages(params({ model: f.model, ...f.over })));
      assert.equal(e.kind, f.kind);
      if (f.reason) assert.equal(e.reason, f.reason);
      scanForKey(f.title, {
        message: e.message,
        detail: e.detail,
        params: JSON.stringify(e.params),
        log: lb.log.text(),
      });
    });
  }
});

const PNG8 = encodePng({ width: 8, height: 8, channels: 4, data: new Uint8Array(256).fill(200) });
const REF = { name: 'photo.png', bytes: PNG8, mime: 'image/png' as const };

interface BadInput {
  title: string;
  over: Partial<GenerateParams>;
  /** A refused input: this reason and nothing sent. Otherwise neutralised: check the request. */
  reason?: string;
  check?: (body: Record<string, unknown>) => void;
}

const BAD_INPUTS: BadInput[] = [
  {
    title: 'a mask that is not a PNG',
    over: { references: [REF], mask: Uint8Array.of(0xff, 0xd8, 0xff, 0) },
    reason: 'maskNotPng',
  },
  {
    title: 'a mask of another size',
    over: { references: [REF], mask: encodePng({ width: 9, height: 8, channels: 4, data: new Uint8Array(288) }) },
    reason: 'maskSizeMismatch',
  },
  { title: 'a mask with nothing to edit', over: { mask: PNG8 }, reason: 'maskWithoutImage' },
  {
    title: 'a mask for a model that takes none',
    over: { model: 'flux-kontext-pro', references: [REF], mask: PNG8 },
    reason: 'maskUnsupported',
  },
  {
    title: 'references for a model that cannot edit',
    over: { model: 'dall-e-3', references: [REF] },
    reason: 'editsUnsupported',
  },
  {
    title: 'more references than the model takes',
    over: { model: 'flux-kontext-pro', references: [REF, REF] },
    reason: 'tooManyReferences',
  },
  {
    title: '99 variations and a hostile size for a known model',
    over: { options: { n: 99, size: '../../../etc/passwd', quality: '<script>' } },
    check: (b) => {
      assert.equal(b.n, 4);
      assert.equal(b.size, undefined);
      assert.equal(b.quality, undefined);
    },
  },
  {
    title: 'a negative prompt for a model that takes none, partial images on the Images API',
    over: { options: { negativePrompt: 'x'.repeat(5000), partialImages: 3 } },
    check: (b) => {
      assert.equal(b.negative_prompt, undefined);
      assert.equal(b.partial_images, undefined);
    },
  },
];

describe('Reliability: bad input for the new APIs, through core', function () {
  this.timeout(10_000);

  for (const c of BAD_INPUTS) {
    badInputCase(
      `${c.title}: ${c.reason ? 'refused before anything is sent' : 'neutralised before it is sent'}`,
      async () => {
        if (c.reason) {
          const e = await expectImageError(generateImages(params(c.over)));
          assert.equal(e.kind, 'invalidInput');
          assert.equal(e.reason, c.reason);
          assert.equal(lb.server.requests.length, 0);
          return;
        }
        await generateImages(params(c.over));
        const post = lb.server.requests.find((r) => r.method === 'POST');
        c.check?.(post?.json as Record<string, unknown>);
      },
    );
  }
});
