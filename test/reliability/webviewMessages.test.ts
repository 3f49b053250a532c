// Messages a broken or compromised Studio webview could post, against the real panel session and
// backend: the wrong shape, an unknown type, paths outside the workspace, ids the host never
// handed out. Each is rejected (or, for a hostile paste name, neutralised), logged, and changes
// nothing.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodePng } from '../support/png';
import { assertUserMessage } from './support/checks';
import { chatRequests, finish, useEnv, type Env } from './support/entries';
import { STRINGS } from './support/studioRig';
import { badInputCase } from './support/tally';

const PNG = encodePng({ width: 3, height: 3, channels: 3, data: Buffer.alloc(27, 140) });
const escape = (s: string): string => s.replace(/[.+()?[\]]/g, '\\$&');

function warnings(e: Env): string[] {
  return e.rig.log.lines.filter((l) => l.level === 'warn').map((l) => l.message);
}

interface MessageCase {
  title: string;
  message: (e: Env) => unknown;
  outcome: 'rejected' | 'handled';
  /** The error the panel shows; none for a message that fails the schema (the log says it). */
  shown?: string;
  logged: RegExp;
}

const CASES: MessageCase[] = [
  { title: 'not an object', message: () => 'generate', outcome: 'rejected', logged: /rejected a webview message/ },
  { title: 'null', message: () => null, outcome: 'rejected', logged: /rejected a webview message/ },
  { title: 'an array', message: () => [{ type: 'ready' }], outcome: 'rejected', logged: /rejected a webview message/ },
  {
    title: 'an unknown type asking to write a file',
    message: () => ({ type: 'writeFile', path: '/etc/passwd', base64: 'AAAA' }),
    outcome: 'rejected',
    logged: /rejected a webview message of type "writeFile"/,
  },
  {
    title: 'generate with a prompt of the wrong type',
    message: () => ({ type: 'generate', prompt: 42, model: 'gpt-4o-image', attachmentIds: [] }),
    outcome: 'rejected',
    logged: /rejected a webview message of type "generate" \(prompt: invalid_type\)/,
  },
  {
    title: 'insert with an extra path field',
    message: () => ({ type: 'insert', resultId: 'abc', path: '/etc/passwd' }),
    outcome: 'rejected',
    logged: /unrecognized_keys/,
  },
  {
    title: 'a result id holding a path',
    message: () => ({ type: 'open', resultId: '../../etc/passwd' }),
    outcome: 'rejected',
    logged: /resultId: invalid_format/,
  },
  {
    title: 'dropUris of /etc/passwd',
    message: () => ({ type: 'dropUris', uris: ['file:///etc/passwd'] }),
    outcome: 'handled',
    shown: STRINGS.outsideWorkspace,
    logged: /Studio: refused/,
  },
  {
    title: 'dropUris climbing out with ../',
    message: (e) => ({
      type: 'dropUris',
      uris: [`file://${e.rig.root}/../../etc/outside.png`, `file://${e.rig.root}/%2E%2E/x.png`],
    }),
    outcome: 'handled',
    shown: STRINGS.outsideWorkspace,
    logged: /Studio: refused/,
  },
  {
    title: 'dropUris of other schemes',
    message: () => ({
      type: 'dropUris',
      uris: ['https://evil.example/x.png', 'vscode-remote://ssh-remote+evil/home/x.png', 'untitled:x.png'],
    }),
    outcome: 'handled',
    shown: STRINGS.outsideWorkspace,
    logged: /Studio: refused/,
  },
  {
    title: 'dropUris of a file that is not an image',
    message: (e) => ({ type: 'dropUris', uris: [`file://${e.rig.root}/notes/post.md`] }),
    outcome: 'handled',
    shown: STRINGS.outsideWorkspace,
    logged: /Studio: refused/,
  },
  {
    title: 'a paste whose bytes are not an image',
    message: () => ({
      type: 'pasteImage',
      name: 'x.png',
      mime: 'image/png',
      base64: Buffer.from('<svg onload=alert(1)>').toString('base64'),
    }),
    outcome: 'handled',
    shown: STRINGS.notAnImage,
    logged: /Studio: refused/,
  },
  {
    title: 'insert for an unknown result id',
    message: () => ({ type: 'insert', resultId: 'no-such-result' }),
    outcome: 'handled',
    shown: STRINGS.unknownResult,
    logged: /Studio: refused/,
  },
  {
    title: 'regenerate for an unknown result id',
    message: () => ({ type: 'regenerate', resultId: 'no-such-result' }),
    outcome: 'handled',
    shown: STRINGS.unknownResult,
    logged: /Studio: refused/,
  },
  {
    title: 'generate with an attachment id the host never gave out',
    message: () => ({ type: 'generate', prompt: 'x', model: 'gpt-4o-image', attachmentIds: ['forged-id'] }),
    outcome: 'handled',
    shown: STRINGS.unknownAttachment,
    logged: /Studio: refused/,
  },
];

describe('Reliability: hostile or broken webview messages', function () {
  this.timeout(15_000);
  const env = useEnv();

  for (const c of CASES) {
    badInputCase(
      `${c.title}: ${c.outcome === 'rejected' ? 'rejected by the schema' : 'refused by the panel'}, logged, nothing changed`,
      async () => {
        const e = env();
        e.rig.write('notes/post.md', '# Notes\n');
        e.rig.seal();

        const outcome = await e.studio.route(c.message(e));

        assert.equal(outcome, c.outcome);
        const errors = e.studio.errors();
        if (c.shown === undefined)
          assert.deepEqual(e.studio.host.posted, [], 'nothing is posted for a message that fails the schema');
        else {
          assert.equal(errors.length, 1);
          assertUserMessage(errors[0].message, new RegExp(`^${escape(c.shown)}$`), e.key);
        }
        assert.ok(
          warnings(e).some((w) => c.logged.test(w)),
          `logged: ${warnings(e).join(' | ')}`,
        );
        assert.deepEqual(e.studio.host.calls, [], 'no insert, open, reveal or copy happened');
        assert.deepEqual(
          e.studio.host.ofType('attachments').flatMap((m) => m.attachments),
          [],
          'nothing was attached',
        );
        assert.equal(chatRequests(e.server), 0);
        finish(c.title, e, { saved: [], noNewFolders: true });
      },
    );
  }

  badInputCase(
    'a paste named ../../../../tmp/…: saved inside the workspace under a safe name, nothing written outside',
    async () => {
      const e = env();
      e.rig.seal();
      const escapee = `geekai-escape-${randomBytes(6).toString('hex')}`;
      const name = `../../../../../../..${os.tmpdir()}/${escapee}.png`;

      const outcome = await e.studio.route({
        type: 'pasteImage',
        name,
        mime: 'image/png',
        base64: PNG.toString('base64'),
      });

      assert.equal(outcome, 'handled');
      assert.equal(fs.existsSync(path.join(os.tmpdir(), `${escapee}.png`)), false, 'nothing outside the workspace');
      const attached = e.studio.host.ofType('attachments').at(-1)?.attachments ?? [];
      assert.equal(attached.length, 1);
      assert.match(attached[0].name, /^pasted-[\p{L}\p{N}-]+\.png$/u);
      assert.ok(fs.existsSync(path.join(e.rig.root, 'images', attached[0].name)));
      finish('hostile paste name', e, { saved: [PNG] });
    },
  );
});
