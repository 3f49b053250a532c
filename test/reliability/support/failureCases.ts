// A table-driven fault case: inject it (settings and/or queued server behaviours), run one
// generation through each entry point, then check the message, the request count and the disk.
import assert from 'node:assert/strict';
import type { Behaviour } from '../../server/testServer';
import { assertUserMessage } from './checks';
import { chatRequests, drive, ENTRIES, finish, prepare, useEnv, type Env, type EntryName } from './entries';
import { faultCase } from './tally';

export interface FailureCase {
  title: string;
  setup?: (env: Env) => Promise<void> | void;
  behaviours?: Behaviour[];
  model?: string;
  /** The whole sentence the user reads, per entry when they differ. */
  message: RegExp | Record<EntryName, RegExp>;
  /** For the panel, which shows a model's reply in its own block. */
  detail?: RegExp;
  /** chat/completions POSTs the server must have seen (tries included). */
  requests: number;
  /** Extra checks after the run. */
  after?: (env: Env, entry: EntryName) => void;
}

export function entryLabel(entry: EntryName): string {
  return entry === 'command' ? 'Generate Image… command' : 'Studio panel';
}

export function describeFailures(title: string, cases: readonly FailureCase[], timeoutMs = 15_000): void {
  describe(title, function () {
    this.timeout(timeoutMs);
    const env = useEnv();
    for (const entry of ENTRIES) {
      describe(`through the ${entryLabel(entry)}`, () => {
        for (const c of cases) {
          faultCase(`${c.title}: a clear message, ${c.requests} request(s), nothing written`, async () => {
            const e = env();
            const prompt = `fault ${c.title}`;
            prepare(e, prompt);
            await c.setup?.(e);
            if (c.behaviours) e.server.enqueue(...c.behaviours);

            const out = await drive(entry, e, prompt, { model: c.model });

            const expected = c.message instanceof RegExp ? c.message : c.message[entry];
            assertUserMessage(out.error?.message, expected, e.key);
            if (entry === 'studio' && c.detail) {
              // The panel shows the model's words in their own block, as text (see the browser tests).
              assert.match(out.error?.detail ?? '', c.detail);
              assert.ok(!out.error?.detail?.includes(e.key), 'the key');
            }
            assert.equal(chatRequests(e.server), c.requests, 'requests made (retries included)');
            c.after?.(e, entry);
            finish(c.title, e, { saved: [] });
          });
        }
      });
    }
  });
}
