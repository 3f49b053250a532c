// Cancel at every phase: waiting for headers, mid-stream, waiting out a Retry-After, mid-download,
// mid-save (one image, and the third of four): the user is told, and nothing is left on disk.
import assert from 'node:assert/strict';
import { assertUserMessage } from './support/checks';
import { chatRequests, drive, ENTRIES, finish, prepare, useEnv, type Env, type EntryName } from './support/entries';
import { entryLabel } from './support/failureCases';
import { faultCase } from './support/tally';

const CANCELLED: Record<EntryName, RegExp> = {
  command: /^Cancelled\. Nothing was saved\.$/,
  studio: /^The request was cancelled\.$/,
};

const chatArrived = (e: Env) => (): boolean => e.server.requests.some((r) => r.path.endsWith('/chat/completions'));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface CancelCase {
  title: string;
  model?: string;
  arm: (e: Env) => () => boolean;
  /** Longest the run may take after Cancel (it must not wait for the server). */
  withinMs: number;
  requests: number;
}

const CASES: CancelCase[] = [
  {
    title: 'before headers (the server is still drawing)',
    arm: (e) => {
      e.server.enqueue({ kind: 'delay', ms: 10_000, then: { kind: 'image', via: 'messageImage' } });
      return chatArrived(e);
    },
    withinMs: 3000,
    requests: 1,
  },
  {
    title: 'mid-stream (progress has arrived)',
    model: 'gpt-4o-image',
    arm: (e) => {
      e.server.enqueue({ kind: 'stream', delayMs: 150, progress: [5, 10, 20, 30, 40, 50, 60, 70, 80, 90] });
      return () =>
        e.rig.ui.reports.some((r) => r.percent !== undefined) ||
        e.studio.host.ofType('progress').some((p) => p.percent !== undefined);
    },
    withinMs: 3000,
    requests: 1,
  },
  {
    title: 'while waiting out a Retry-After',
    arm: (e) => {
      e.server.enqueue({ kind: 'error', status: 429, retryAfter: '4' });
      return () => e.server.requests.some((r) => r.status === 429);
    },
    withinMs: 2500,
    requests: 1,
  },
  {
    title: 'mid-download (the image trickles in)',
    arm: (e) => {
      e.server.enqueue({ kind: 'badImageUrl', variant: 'slow' });
      return () => e.server.requests.some((r) => r.path.startsWith('/bad/slow/'));
    },
    withinMs: 3000,
    requests: 1,
  },
  {
    title: 'mid-save (the disk is slow)',
    arm: (e) => {
      let writing = false;
      e.rig.fs.beforeWrite = async () => {
        writing = true;
        await sleep(150);
      };
      return () => writing;
    },
    withinMs: 3000,
    requests: 1,
  },
  {
    title: 'mid-save, on the third of four images (the two saved already are removed)',
    model: 'midjourney-chat',
    arm: (e) => {
      let writes = 0;
      e.rig.fs.beforeWrite = async () => {
        writes++;
        if (writes === 3) await sleep(150);
      };
      return () => writes >= 3;
    },
    withinMs: 3000,
    requests: 1,
  },
];

describe('Reliability: Cancel at every phase', function () {
  this.timeout(15_000);
  const env = useEnv({ streamDelayMs: 20 });

  for (const entry of ENTRIES) {
    describe(`through the ${entryLabel(entry)}`, () => {
      for (const c of CASES) {
        faultCase(`Cancel ${c.title}: "cancelled", quickly, nothing on disk`, async () => {
          const e = env();
          const prompt = `cancel ${c.title}`;
          prepare(e, prompt);
          const cancelWhen = c.arm(e);
          const started = Date.now();

          const out = await drive(entry, e, prompt, { model: c.model, cancelWhen });

          assert.ok(out.cancelled, `expected a cancel, got ${JSON.stringify(out.error)}`);
          assertUserMessage(out.error?.message, CANCELLED[entry], e.key);
          assert.ok(Date.now() - started < c.withinMs, `Cancel took ${Date.now() - started} ms`);
          assert.equal(out.cards, 0, 'no result card for a cancelled job');
          assert.equal(chatRequests(e.server), c.requests);
          finish(`cancel ${c.title}`, e, { saved: [] });
        });
      }
    });
  }
});
