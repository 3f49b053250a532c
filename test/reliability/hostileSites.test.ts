// A hostile site configuration in a cloned repository: a static folder that is a symbolic link
// out of the workspace, a base URL made to turn into markup or a script link, a configuration
// file too large to read. Through the Generate command and the Studio panel alike: nothing is
// written or sent outside, the link written is a plain path, and a refusal is one sentence.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { assertUserMessage } from './support/checks';
import { drive, ENTRIES, finish, useEnv, type EntryName, type Env } from './support/entries';
import { readDisk } from './support/disk';
import { hostileCase } from './support/tally';

const POST = 'content/posts/kites.md';
const POST_TEXT = '---\ntitle: Kites\n---\n\nIntro.\n';

/** The Hugo post is the document the entry generates for: the active editor, or the panel's target. */
function openPost(entry: EntryName, e: Env): vscode.Uri {
  const doc = e.rig.write(POST, POST_TEXT);
  e.rig.editors.text = POST_TEXT;
  e.rig.editors.cursor = POST_TEXT.length;
  if (entry === 'command')
    e.rig.editors.snapshot = {
      document: doc,
      languageId: 'markdown',
      selectionText: '',
      selectionEndLine: 0,
      selectionEmpty: true,
      cursorOffset: POST_TEXT.length,
    };
  else e.studio.host.targetUri = doc;
  return doc;
}

/** The link the entry wrote: the command's insert, the panel's Copy Markdown of its one result. */
async function writtenLink(entry: EntryName, e: Env): Promise<string> {
  if (entry === 'command') return e.rig.editors.text.slice(POST_TEXT.length).trim();
  const card = e.studio.host.ofType('result').at(-1)?.card;
  assert.ok(card, 'the panel showed the result');
  await e.studio.route({ type: 'copyMarkdown', resultId: card.id });
  const copied = e.studio.host.calls.filter((c) => c.startsWith('copy ')).at(-1);
  return copied?.slice('copy '.length) ?? '';
}

describe('Reliability: hostile site configurations', function () {
  this.timeout(20_000);
  const env = useEnv();

  for (const entry of ENTRIES) {
    hostileCase(
      `${entry}: Hugo's static/ a symbolic link to a folder outside: refused before anything is sent; nothing written on either side`,
      async () => {
        const e = env();
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-outside-'));
        try {
          e.rig.write('hugo.toml', 'baseURL = "https://example.org/"\n');
          fs.symlinkSync(outside, path.join(e.rig.root, 'static'));
          openPost(entry, e);
          e.rig.seal();
          const out = await drive(entry, e, 'a kite over the sea');
          assertUserMessage(
            out.error?.message,
            /^The folder static\/images is outside the workspace \(through "\.\." or a symbolic link\); images are only saved inside it\.$/,
            e.key,
          );
          assert.ok(!(out.error?.message ?? '').includes(outside), 'the message never names where the link leads');
          assert.equal(e.server.requests.length, 0, 'nothing was sent');
          assert.deepEqual(
            [...readDisk(outside).files.keys(), ...readDisk(outside).dirs],
            [],
            'nothing written outside',
          );
          finish('static symlink', e, { saved: [], noNewFolders: true });
        } finally {
          fs.rmSync(outside, { recursive: true, force: true });
        }
      },
    );

    for (const baseURL of [
      'javascript:alert(1)//x/',
      '/a](command:x)<img src=x onerror=alert(1)>/',
      'https://example.org/b l o g/?q=<b>',
    ]) {
      hostileCase(
        `${entry}: a baseURL of ${JSON.stringify(baseURL)}: the link is a plain path from the root`,
        async () => {
          const e = env();
          e.rig.write('hugo.toml', `baseURL = ${JSON.stringify(baseURL)}\n`);
          openPost(entry, e);
          e.rig.seal();
          const out = await drive(entry, e, 'a kite');
          assert.equal(out.error, undefined, JSON.stringify(out.error));
          assert.equal(await writtenLink(entry, e), '![a kite](/images/2025-09-22-a-kite.png)');
          finish('hostile baseURL', e, { saved: [...e.server.lastServedImages().slice(0, 1)] });
        },
      );
    }

    hostileCase(
      `${entry}: a 1 MB hugo.toml is not read (its baseURL left aside); the site's own default applies`,
      async () => {
        const e = env();
        e.rig.write('hugo.toml', `baseURL = "https://example.org/blog/"\n${'# padding\n'.repeat(100_000)}`);
        openPost(entry, e);
        e.rig.seal();
        const out = await drive(entry, e, 'a kite');
        assert.equal(out.error, undefined, JSON.stringify(out.error));
        assert.equal(await writtenLink(entry, e), '![a kite](/images/2025-09-22-a-kite.png)');
        assert.ok(
          !e.rig.fs.calls.some((c) => c.startsWith('readFile ') && c.endsWith('/hugo.toml')),
          'the configuration was not read',
        );
        finish('large site config', e, { saved: [...e.server.lastServedImages().slice(0, 1)] });
      },
    );
  }
});
