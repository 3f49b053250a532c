// A recognisable key, a mix of successes and failures where the server and the model ECHO it
// (in error messages and codes, a streamed status line, the reply text, an image address), then
// a scan of everything: files, the log, notifications, progress, the webview's messages, the
// history, settings, the clipboard and every request the server received (bar `authorization`).
import assert from 'node:assert/strict';
import { encodePng } from '../support/png';
import { checkNoLeaks } from './support/checks';
import { chatRequests, drive, ENTRIES, finish, producedTexts, useEnv, type Env } from './support/entries';
import type { Behaviour } from '../server/testServer';
import { entryLabel } from './support/failureCases';
import * as tally from './support/tally';

const PNG = encodePng({ width: 5, height: 5, channels: 3, data: Buffer.alloc(75, 33) });
const DATA_URL = `data:image/png;base64,${PNG.toString('base64')}`;

interface Step {
  title: string;
  model?: string;
  behaviours: (key: string, env: Env) => Behaviour[];
  succeeds: boolean;
}

const STEPS: Step[] = [
  {
    title: 'a streamed answer whose status line and reply text echo the key',
    model: 'gpt-4o-image',
    behaviours: (k) => [
      {
        kind: 'text',
        stream: true,
        text: `> 进度 ${k} **50%**\n\n![](${DATA_URL})\n\nHere is your picture. By the way, your key is ${k}.`,
      },
    ],
    succeeds: true,
  },
  {
    title: 'a non-stream answer whose reply text echoes the key',
    behaviours: (k) => [{ kind: 'text', text: `Done, ${k}!\n\n![](${DATA_URL})` }],
    succeeds: true,
  },
  {
    title: '500s whose message and code echo the key',
    behaviours: (k) =>
      Array.from({ length: 4 }, (): Behaviour => ({
        kind: 'error',
        status: 500,
        message: `upstream rejected Bearer ${k} for this request`,
        code: k,
      })),
    succeeds: false,
  },
  {
    title: '400 whose code is the key',
    behaviours: (k) => [{ kind: 'error', status: 400, message: 'bad request', code: k }],
    succeeds: false,
  },
  {
    title: '401 whose message quotes the key',
    behaviours: (k) => [{ kind: 'error', status: 401, message: `The key "${k}" is invalid` }],
    succeeds: false,
  },
  {
    title: 'a relay error with a top-level message holding the key',
    behaviours: (k) =>
      Array.from({ length: 4 }, (): Behaviour => ({
        kind: 'error',
        status: 502,
        topLevelMessage: true,
        message: `relay: key=${k}`,
      })),
    succeeds: false,
  },
  {
    title: 'an HTML error page holding the key',
    behaviours: (k) => [{ kind: 'error', status: 403, rawBody: `<html><body>Forbidden for ${k}</body></html>` }],
    succeeds: false,
  },
  {
    title: 'an in-stream error echoing the key',
    model: 'gpt-4o-image',
    behaviours: (k) => [{ kind: 'inStreamError', message: `quota exceeded for ${k}` }],
    succeeds: false,
  },
  {
    title: 'a text-only answer (twice) quoting the key',
    behaviours: (k) => [
      { kind: 'text', text: `I cannot draw that, ${k}.` },
      { kind: 'text', text: `Still no, ${k}.` },
    ],
    succeeds: false,
  },
  {
    title: 'an answer whose only image address carries the key',
    behaviours: (k, e) => [
      { kind: 'text', text: `![](${e.server.origin}/files/${k}.png)\n![](${e.server.origin}/files/x.png?token=${k})` },
    ],
    succeeds: false,
  },
];

describe('Reliability: the API key never leaks', function () {
  this.timeout(30_000);
  const env = useEnv();

  for (const entry of ENTRIES) {
    it(`${entryLabel(entry)}: ${STEPS.length} echoes of the key, then a scan of everything finds none`, async () => {
      const e = env();
      e.rig.write('notes/post.md', '# Notes\n');
      e.rig.seal();
      const saved: Buffer[] = [];
      for (const step of STEPS) {
        tally.faultInjected();
        const before = chatRequests(e.server);
        e.server.enqueue(...step.behaviours(e.key, e));
        const out = await drive(entry, e, `leak check: ${step.title}`, { model: step.model });
        assert.equal(out.error === undefined, step.succeeds, `${step.title}: ${out.error?.message}`);
        assert.ok(chatRequests(e.server) > before, `${step.title}: a request was made`);
        if (step.succeeds) saved.push(PNG);
        checkNoLeaks(`after "${step.title}" through the ${entryLabel(entry)}`, e.key, {
          root: e.rig.root,
          texts: producedTexts(e),
          server: e.server,
        });
        tally.faultHandled();
      }
      // The scan, counted: files, log, notifications, progress, webview, history, settings, clipboard, server log.
      finish(`key scan through the ${entryLabel(entry)}`, e, { saved });
      assert.ok(
        e.server.requests.every((r) => !r.path.startsWith('/files') || r.headers.authorization === undefined),
        'image hosts never get the key',
      );
    });
  }
});
