// Every status GeekAI documents, end to end: retried when a retry can help (429, 5xx), bounded,
// honouring Retry-After; never retried when it cannot (400, 401, 402, 403, 404, 413, quota).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Behaviour } from '../server/testServer';
import { encodePng } from '../support/png';
import { assertUserMessage } from './support/checks';
import { chatRequests, drive, ENTRIES, finish, prepare, useEnv } from './support/entries';
import { describeFailures, entryLabel, type FailureCase } from './support/failureCases';
import { faultCase } from './support/tally';

const forever = (b: Behaviour): Behaviour[] => Array.from({ length: 6 }, () => b);

const FAILURES: FailureCase[] = [
  {
    title: '429 forever',
    behaviours: forever({ kind: 'error', status: 429, retryAfter: '0' }),
    message: /^Too many requests \(429\): GeekAI asks to slow down\. Try again in a moment\.$/,
    requests: 4,
  },
  {
    title: '429 insufficient_quota (no retry)',
    behaviours: [{ kind: 'error', status: 429, code: 'insufficient_quota' }],
    message: /^Your GeekAI quota is used up \(insufficient_quota\)\. Top up your account, then try again\.$/,
    requests: 1,
  },
  {
    title: '503 forever',
    behaviours: forever({ kind: 'error', status: 503 }),
    message:
      /^GeekAI had a server error \(503\)\. Try again later\. Server says: The server is overloaded, please try again later$/,
    requests: 4,
  },
  {
    title: '504 forever',
    behaviours: forever({ kind: 'error', status: 504 }),
    message: /^GeekAI had a server error \(504\)\. Try again later\. Server says: Upstream request timed out$/,
    requests: 4,
  },
  {
    title: '500 with an HTML error page',
    behaviours: forever({
      kind: 'error',
      status: 500,
      rawBody:
        '<html><body><h1>500 Internal Server Error</h1><pre>at Object.handler (/srv/app.js:12:3)</pre></body></html>',
    }),
    message: /^GeekAI had a server error \(500\)\. Try again later\.$/,
    requests: 4,
  },
  {
    title: '401',
    behaviours: [{ kind: 'error', status: 401 }],
    message: /^GeekAI rejected the API key \(401\)\. Set a valid key and try again\.$/,
    requests: 1,
  },
  {
    title: '402',
    behaviours: [{ kind: 'error', status: 402 }],
    // With what the request was expected to cost (the test server's ¥0.04 an image); no balance key, so no balance.
    message:
      /^Your GeekAI balance is too low \(402\): this request ≈ ¥0\.04; top up at https:\/\/geekai\.co, then try again\.$/,
    requests: 1,
  },
  {
    title: '403 for the model the job used',
    model: 'gpt-5-all',
    behaviours: [{ kind: 'error', status: 403 }],
    message: /^Your key may not use the model "gpt-5-all" \(403\)\. Pick another model or check your plan\.$/,
    requests: 1,
  },
  {
    title: '404 from a wrong base URL',
    setup: (env) => {
      env.rig.settings.baseUrl = `${env.server.origin}/wrong/v1`;
    },
    message: /^Not found \(404\): check geekaiImage\.baseUrl and the model id "gemini-2\.5-flash-image"\.$/,
    requests: 1,
  },
  {
    title: '404 for an unknown model',
    model: 'gpt-9-imaginary',
    behaviours: [
      { kind: 'error', status: 404, code: 'model_not_found', message: 'The model gpt-9-imaginary does not exist' },
    ],
    message: /^Not found \(404\): check geekaiImage\.baseUrl and the model id "gpt-9-imaginary"\.$/,
    requests: 1,
  },
  {
    title: '413 without reference images',
    behaviours: [{ kind: 'error', status: 413 }],
    message: /^The request is too large for the server \(413\)\. Use smaller images\.$/,
    requests: 1,
  },
  {
    title: '400 moderation_blocked',
    behaviours: [{ kind: 'error', status: 400, code: 'moderation_blocked' }],
    message:
      /^The request was blocked by the content safety filter\. Rephrase the prompt and try again\. Server says: Your request was rejected by the safety system$/,
    requests: 1,
  },
  {
    title: '400 bad parameters',
    behaviours: [{ kind: 'error', status: 400 }],
    message: /^The server refused the request \(400\)\. Server says: Invalid request parameters$/,
    requests: 1,
  },
];

describeFailures('Reliability: HTTP status faults', FAILURES);

/** A PNG of noise (it does not compress), about `side * side * 3` bytes. */
function noisePng(side: number): Buffer {
  return encodePng({ width: side, height: side, channels: 3, data: randomBytes(side * side * 3) });
}

describe('Reliability: transient statuses and 413 on an edit', function () {
  this.timeout(15_000);
  const env = useEnv();

  for (const entry of ENTRIES) {
    describe(`through the ${entryLabel(entry)}`, () => {
      faultCase('429 with Retry-After: 1, then 200: waits the second, retries once, saves', async () => {
        const e = env();
        const prompt = 'rate limited once';
        prepare(e, prompt);
        e.server.enqueue({ kind: 'error', status: 429, retryAfter: '1' });
        const started = Date.now();

        const out = await drive(entry, e, prompt);

        assert.equal(out.error, undefined);
        assert.equal(chatRequests(e.server), 2);
        assert.ok(Date.now() - started >= 950, 'Retry-After was honoured');
        if (entry === 'command')
          assert.ok(
            e.rig.ui.reports.some((r) => /trying again in 1 s/.test(r.message ?? '')),
            'the wait is shown',
          );
        finish('429 then 200', e, { saved: e.server.lastServedImages() });
      });

      faultCase('500 then 200: retried once, saved', async () => {
        const e = env();
        const prompt = 'server error once';
        prepare(e, prompt);
        e.server.enqueue({ kind: 'error', status: 500 });

        const out = await drive(entry, e, prompt);

        assert.equal(out.error, undefined);
        assert.equal(chatRequests(e.server), 2);
        finish('500 then 200', e, { saved: e.server.lastServedImages() });
      });

      faultCase('413 on an edit names the image and its size, not retried, source untouched', async () => {
        const e = env();
        const big = noisePng(700);
        const small = noisePng(40);
        const refs = [e.rig.write('photos/holiday.png', big), e.rig.write('photos/logo.png', small)];
        e.rig.write('photos/holiday-edited.png', 'an earlier edit');
        e.rig.seal();
        e.server.enqueue({ kind: 'error', status: 413 });

        const out = await drive(entry, e, 'make it brighter', { references: refs });

        const mb = (big.length / (1024 * 1024)).toFixed(1).replace('.', '\\.');
        assertUserMessage(
          out.error?.message,
          new RegExp(
            `^The request is too large for the server \\(413\\): holiday\\.png is ${mb} MB\\. Use a smaller image\\.$`,
          ),
          e.key,
        );
        assert.equal(chatRequests(e.server), 1);
        finish('413 on an edit', e, { saved: [] });
      });
    });
  }
});
