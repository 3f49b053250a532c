// Broken networks and broken transports, end to end through the Generate command and the Studio
// panel: what the user reads, how many requests were made, and what is on disk afterwards.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import type { Behaviour } from '../server/testServer';
import { chatRequests, drive, ENTRIES, finish, prepare, useEnv } from './support/entries';
import { describeFailures, entryLabel, type FailureCase } from './support/failureCases';
import { faultCase } from './support/tally';

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

const CLOSED_EARLY = /^The connection to 127\.0\.0\.1:\d+ closed before an answer came\. Try again\.$/;
const CLOSED_MID = /^The connection to 127\.0\.0\.1:\d+ closed before the answer was complete\. Try again\.$/;
const TIMED_OUT =
  /^(No image within 1 seconds|The server stopped sending for too long)\. Try again, or raise geekaiImage\.timeoutSeconds\.$/;
const oneSecond: FailureCase['setup'] = (env) => {
  env.rig.settings.timeoutSeconds = 1;
};

const FAILURES: FailureCase[] = [
  {
    title: 'connection refused',
    setup: async (env) => {
      env.rig.settings.baseUrl = `http://127.0.0.1:${await closedPort()}/api/v1`;
    },
    message: /^Could not connect to 127\.0\.0\.1:\d+: the connection was refused\. Check geekaiImage\.baseUrl\.$/,
    requests: 0,
  },
  {
    title: 'DNS failure of the base URL',
    setup: (env) => {
      env.rig.settings.baseUrl = 'http://geekai-reliability.invalid/api/v1';
    },
    message: /^Could not find the server geekai-reliability\.invalid\. Check your network and geekaiImage\.baseUrl\.$/,
    requests: 0,
  },
  {
    title: 'TLS error (https to a plain-HTTP server)',
    setup: (env) => {
      env.rig.settings.baseUrl = env.server.baseUrl.replace('http:', 'https:');
    },
    message: /^The secure connection to 127\.0\.0\.1:\d+ failed \(TLS\)\. Check geekaiImage\.baseUrl and any proxy\.$/,
    requests: 0,
  },
  {
    title: 'the server closes the socket before headers, every time (bounded retries)',
    behaviours: Array.from({ length: 6 }, (): Behaviour => ({ kind: 'closeBeforeHeaders' })),
    message: CLOSED_EARLY,
    requests: 4,
  },
  {
    title: 'the server closes the socket after headers (not retried)',
    behaviours: [{ kind: 'closeAfterHeaders' }],
    message: CLOSED_MID,
    requests: 1,
  },
  {
    title: 'the server closes the socket in the middle of a JSON body',
    behaviours: [{ kind: 'closeMidBody' }],
    message: CLOSED_MID,
    requests: 1,
  },
  {
    title: 'the server closes the socket in the middle of an SSE stream',
    behaviours: [{ kind: 'closeMidStream' }],
    model: 'gpt-4o-image',
    message: CLOSED_MID,
    requests: 1,
  },
  {
    title: 'headers never come (headers timeout)',
    setup: oneSecond,
    behaviours: [{ kind: 'neverHeaders' }],
    message: TIMED_OUT,
    requests: 1,
  },
  {
    title: 'a stream that stops sending (idle timeout)',
    setup: oneSecond,
    behaviours: [{ kind: 'stallStream' }],
    model: 'gpt-4o-image',
    message: TIMED_OUT,
    requests: 1,
  },
  {
    title: 'a body that never ends',
    setup: oneSecond,
    behaviours: [{ kind: 'neverEndBody', intervalMs: 50 }],
    message: TIMED_OUT,
    requests: 1,
  },
];

describeFailures('Reliability: network and transport faults', FAILURES);

describe('Reliability: a transient transport fault', function () {
  this.timeout(15_000);
  const env = useEnv();
  for (const entry of ENTRIES) {
    faultCase(
      `${entryLabel(entry)}: the socket closes before headers once: retried, then saved beside (not over) the earlier image`,
      async () => {
        const e = env();
        const prompt = 'dropped once then fine';
        prepare(e, prompt);
        e.server.enqueue({ kind: 'closeBeforeHeaders' });

        const out = await drive(entry, e, prompt);

        assert.equal(out.error, undefined);
        assert.equal(chatRequests(e.server), 2);
        finish('closed before headers once', e, { saved: e.server.lastServedImages() });
      },
    );
  }
});
