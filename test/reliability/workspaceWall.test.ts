// The workspace is a wall, checked by real path: a hostile repository (a committed symbolic link,
// a `../` link in a Markdown document, a style file naming files outside) cannot make any entry
// point read or write outside the workspace, nor send what lies there. And in a workspace the
// user has not trusted, nothing is sent on the repository's say-so: its style file is not
// applied and the Write alt text quick fix is not offered. Real files and real symbolic links on
// disk; every request is counted at the test server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { planTool } from '../../src/agent/agentTools';
import { runAgentJob } from '../../src/agent/runAgentJob';
import { englishL10n } from '../../src/agent/translator';
import { NodeFileStore } from '../../src/core/files/nodeFileStore';
import { altTextActions } from '../../src/vscode/altTextActions';
import { editLinkedImageCommand, openLinkedImageInStudioCommand } from '../../src/vscode/commands/linkedImageCommands';
import { writeAltTextCommand } from '../../src/vscode/commands/writeAltText';
import { linkHover } from '../../src/vscode/linkedImageHover';
import { placeholderPng } from '../server/placeholderImage';
import { assertUserMessage } from './support/checks';
import { chatRequests, drive, ENTRIES, finish, useEnv, type Env } from './support/entries';
import { readDisk, type DiskState } from './support/disk';
import { STRINGS } from './support/studioRig';
import { hostileCase } from './support/tally';
import { textDocumentOf } from '../support/sharedFakes';

const SECRET = placeholderPng('a private picture outside the workspace');

/** A folder beside the workspace, holding what a hostile repository would reach for. */
class Outside {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-outside-'));
  readonly before: DiskState;
  constructor() {
    fs.writeFileSync(path.join(this.root, 'private.png'), SECRET);
    fs.writeFileSync(path.join(this.root, 'style.json'), JSON.stringify({ prompt: 'OUTSIDE-STYLE' }));
    fs.mkdirSync(path.join(this.root, 'pictures'));
    this.before = readDisk(this.root);
  }
  /** Nothing was written, changed or removed out here. */
  assertUntouched(): void {
    const after = readDisk(this.root);
    assert.deepEqual(
      [...after.files.keys()].sort(),
      [...this.before.files.keys()].sort(),
      'files outside the workspace',
    );
    for (const [rel, bytes] of this.before.files)
      assert.ok(after.files.get(rel)?.equals(bytes), `${rel} outside the workspace changed`);
    assert.deepEqual([...after.dirs].sort(), [...this.before.dirs].sort(), 'folders outside the workspace');
  }
  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** A link in `docs/post.md` that climbs out of the workspace to the outside folder's file. */
function climbing(o: Outside): string {
  return `../../${path.basename(o.root)}/private.png`;
}

/** Every file the extension read through workspace.fs, whole or a part of it. */
function reads(e: Env): string[] {
  return e.rig.fs.calls.flatMap((c) => {
    if (c.startsWith('readFile ')) return [c.slice('readFile '.length)];
    const part = /^readPart (.*) \d+ \d+$/.exec(c);
    return part ? [part[1]] : [];
  });
}

/** Neither the outside file nor any path through a link to it was read. */
function assertNothingReadOutside(e: Env, o: Outside, through: string[] = []): void {
  for (const p of reads(e)) {
    assert.ok(!p.startsWith(o.root) && !p.includes(path.basename(o.root)), `read outside the workspace: ${p}`);
    for (const t of through) assert.notEqual(p, path.join(e.rig.root, t), `read through the link ${t}`);
  }
}

const READ_REFUSED = (shown: string): RegExp =>
  new RegExp(
    `^${shown.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is outside the workspace \\(through "\\.\\." or a symbolic link\\), so it was not read or sent\\.$`,
  );
const STYLE_REFUSED = /^references\.0 in \.geekai\/style\.json is outside the workspace folder; nothing was sent\.$/;

describe('Reliability: the workspace is a wall, by real path', function () {
  this.timeout(20_000);
  const env = useEnv();
  let outside: Outside;
  beforeEach(() => {
    outside = new Outside();
  });
  afterEach(() => outside.dispose());

  /** A document with one image link, open in the fake editor. */
  function post(e: Env, text: string): vscode.Uri {
    const doc = e.rig.write('docs/post.md', text);
    e.rig.editors.text = text;
    return doc;
  }

  for (const entry of ENTRIES) {
    hostileCase(
      `${entry}: a committed "images" symlink to a folder outside: refused before anything is sent; nothing written on either side`,
      async () => {
        const e = env();
        e.rig.write('notes/post.md', '# Notes\n');
        fs.symlinkSync(path.join(outside.root, 'pictures'), path.join(e.rig.root, 'images'));
        e.rig.seal();

        const out = await drive(entry, e, 'a kite over the sea');

        assertUserMessage(
          out.error?.message,
          /^The folder images is outside the workspace \(through "\.\." or a symbolic link\); images are only saved inside it\.$/,
          e.key,
        );
        assert.ok(!(out.error?.message ?? '').includes(outside.root), 'the message never names where the link leads');
        assert.equal(e.server.requests.length, 0, 'nothing was sent');
        outside.assertUntouched();
        finish('images symlink', e, { saved: [], noNewFolders: true });
      },
    );

    hostileCase(
      `${entry}: a style reference that is a symlink to a file outside: refused, nothing read or sent`,
      async () => {
        const e = env();
        e.rig.write('.geekai/style.json', JSON.stringify({ prompt: 'pastel', references: ['refs/look.png'] }));
        fs.mkdirSync(path.join(e.rig.root, 'refs'));
        fs.symlinkSync(path.join(outside.root, 'private.png'), path.join(e.rig.root, 'refs/look.png'));
        e.rig.seal();

        const out = await drive(entry, e, 'a lighthouse');

        assertUserMessage(out.error?.message, STYLE_REFUSED, e.key);
        assert.equal(e.server.requests.length, 0, 'nothing was sent');
        assertNothingReadOutside(e, outside, ['refs/look.png']);
        outside.assertUntouched();
        finish('style reference symlink', e, { saved: [], noNewFolders: true });
      },
    );

    hostileCase(`${entry}: a style reference "../x.png": refused, nothing read or sent`, async () => {
      const e = env();
      e.rig.write(
        '.geekai/style.json',
        JSON.stringify({ references: [`../${path.basename(outside.root)}/private.png`] }),
      );
      e.rig.seal();

      const out = await drive(entry, e, 'a lighthouse');

      assertUserMessage(out.error?.message, STYLE_REFUSED, e.key);
      assert.equal(e.server.requests.length, 0);
      assertNothingReadOutside(e, outside);
      finish('style reference ../', e, { saved: [], noNewFolders: true });
    });
  }

  hostileCase(
    'the style file itself a symlink to a file outside: not read, refused by name, nothing sent',
    async () => {
      const e = env();
      fs.mkdirSync(path.join(e.rig.root, '.geekai'));
      fs.symlinkSync(path.join(outside.root, 'style.json'), path.join(e.rig.root, '.geekai/style.json'));
      e.rig.seal();

      const out = await drive('command', e, 'a lighthouse');

      assertUserMessage(out.error?.message, READ_REFUSED('.geekai/style.json'), e.key);
      assert.equal(e.server.requests.length, 0);
      assertNothingReadOutside(e, outside, ['.geekai/style.json']);
      finish('style file symlink', e, { saved: [], noNewFolders: true });
    },
  );

  hostileCase(
    'the output folder turns into a symlink outside while the image is being made: caught before the write, the paid-for image offered for Save As…',
    async () => {
      const e = env();
      e.server.enqueue({ kind: 'delay', ms: 300, then: { kind: 'image', via: 'messageImage' } });
      e.rig.seal();
      const link = path.join(e.rig.root, 'images');
      // Planted once the request is on its way: after the check before sending, before the save.
      // The job makes the folder while the model draws: that empty folder is swapped for the link.
      let planted = false;
      const planter = setInterval(() => {
        if (planted || chatRequests(e.server) === 0) return;
        try {
          if (fs.existsSync(link)) fs.rmdirSync(link);
          fs.symlinkSync(path.join(outside.root, 'pictures'), link);
          planted = true;
        } catch {
          // The job made the folder between the look and the link: tried again on the next tick.
        }
      }, 2);
      // Not even for a moment: a temp file made through the link and removed later would still be a write outside.
      const throughLink: string[] = [];
      e.rig.fs.beforeWrite = (uri) => {
        if (!fs.realpathSync(path.dirname(uri.fsPath)).startsWith(fs.realpathSync(e.rig.root)))
          throughLink.push(uri.fsPath);
        return Promise.resolve();
      };
      let out;
      try {
        out = await drive('command', e, 'a kite over the sea');
      } finally {
        clearInterval(planter);
      }

      assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link was planted during the job');
      assert.deepEqual(throughLink, [], 'nothing was written through the link');
      assertUserMessage(
        out.error?.message,
        /^The folder images is outside the workspace \(through "\.\." or a symbolic link\); images are only saved inside it\.$/,
        e.key,
      );
      assert.deepEqual(out.error?.actions, ['Save As…', 'Open Settings'], 'the paid-for image is not lost');
      outside.assertUntouched();
      fs.unlinkSync(link);
      finish('planted output symlink', e, { saved: [] });
    },
  );

  describe('links in a Markdown document', () => {
    for (const [kind, target, setup] of [
      ['a "../" link', (o: Outside) => climbing(o), () => undefined],
      [
        'a link through a symlink',
        () => 'images/private.png',
        (e: Env, o: Outside) => {
          fs.mkdirSync(path.join(e.rig.root, 'docs/images'), { recursive: true });
          fs.symlinkSync(path.join(o.root, 'private.png'), path.join(e.rig.root, 'docs/images/private.png'));
        },
      ],
    ] as const) {
      hostileCase(
        `Write Alt Text on ${kind} to a file outside: nothing read, no request at the server, the document unchanged`,
        async () => {
          const e = env();
          setup(e, outside);
          const link = target(outside);
          const text = `# Post\n\n![](${link})\n`;
          const doc = post(e, text);
          e.rig.seal();

          await writeAltTextCommand(e.rig.ctx, doc, { start: { line: 2, character: 4 } });

          assert.equal(e.server.requests.length, 0, 'no request was sent');
          const shown = e.rig.ui.shown.map((s) => s.message);
          assert.equal(shown.length, 1, shown.join(' | '));
          assertUserMessage(
            shown[0],
            READ_REFUSED(path.posix.relative(e.rig.root, path.posix.join(e.rig.root, 'docs', link))),
            e.key,
          );
          assert.equal(e.rig.editors.text, text);
          assertNothingReadOutside(e, outside, ['docs/images/private.png']);
          outside.assertUntouched();
          finish(`alt text ${kind}`, e, { saved: [] });
        },
      );

      hostileCase(
        `Edit with AI… on ${kind} to a file outside: says why, nothing read, sent or saved on either side`,
        async () => {
          const e = env();
          setup(e, outside);
          const link = target(outside);
          const text = `# Post\n\n![a picture](${link})\n`;
          const doc = post(e, text);
          e.rig.seal();

          await editLinkedImageCommand(e.rig.ctx, doc.toString(), { start: { line: 2, character: 4 } });

          assert.equal(e.rig.ui.asked.length, 0, 'not even asked what should change');
          assert.equal(e.server.requests.length, 0);
          assertUserMessage(
            e.rig.ui.messages('warn')[0],
            READ_REFUSED(path.posix.relative(e.rig.root, path.posix.join(e.rig.root, 'docs', link))),
            e.key,
          );
          assert.equal(e.rig.editors.text, text);
          assertNothingReadOutside(e, outside, ['docs/images/private.png']);
          outside.assertUntouched();
          finish(`edit ${kind}`, e, { saved: [] });
        },
      );

      hostileCase(
        `the hover over ${kind} names it, reads nothing, and offers no action; Open in Studio attaches nothing`,
        async () => {
          const e = env();
          setup(e, outside);
          const link = target(outside);
          const text = `![a picture](${link})\n`;
          const doc = post(e, text);
          e.rig.seal();
          const sources = { workspace: e.rig.ctx.workspace, historyEntry: async () => undefined };

          const hover = await linkHover(sources, doc, text, 3, { start: { line: 0, character: 3 } });
          const attached: vscode.Uri[][] = [];
          await openLinkedImageInStudioCommand(e.rig.ctx, (images) => attached.push(images), doc.toString(), {
            start: { line: 0, character: 3 },
          });

          assert.ok(hover);
          assert.ok(hover.markdown.includes('is outside the workspace, so it is not shown'), hover.markdown);
          assert.doesNotMatch(hover.markdown, /command:|!\[\]\(|file:/, 'no picture, no action');
          assert.deepEqual(attached, []);
          assert.equal(e.server.requests.length, 0);
          assertNothingReadOutside(e, outside, ['docs/images/private.png']);
          finish(`hover ${kind}`, e, { saved: [] });
        },
      );
    }
  });

  hostileCase(
    'Studio: a dropped image that is a symlink to a file outside is not attached; a paste into a symlinked "images" writes nothing',
    async () => {
      const e = env();
      fs.symlinkSync(path.join(outside.root, 'private.png'), path.join(e.rig.root, 'alias.png'));
      fs.symlinkSync(path.join(outside.root, 'pictures'), path.join(e.rig.root, 'images'));
      e.rig.seal();
      const { studio } = e;

      await studio.route({ type: 'dropUris', uris: [vscode.Uri.file(path.join(e.rig.root, 'alias.png')).toString()] });
      await studio.session.addAttachments([vscode.Uri.file(path.join(e.rig.root, 'alias.png'))]);
      await studio.route({
        type: 'pasteImage',
        name: 'shot.png',
        mime: 'image/png',
        base64: placeholderPng('pasted').toString('base64'),
      });

      assert.deepEqual(
        studio.host.ofType('attachments').flatMap((m) => m.attachments),
        [],
        'nothing attached',
      );
      const errors = studio.errors().map((m) => m.message);
      assert.deepEqual(errors.slice(0, 2), [STRINGS.outsideWorkspace, STRINGS.outsideWorkspace]);
      assertUserMessage(
        errors[2],
        /^The folder images is outside the workspace \(through "\.\." or a symbolic link\); images are only saved inside it\.$/,
        e.key,
      );
      assert.equal(e.server.requests.length, 0);
      outside.assertUntouched();
      finish('studio symlinks', e, { saved: [], noNewFolders: true });
    },
  );

  hostileCase(
    'agent tools: an image through a symlink is refused, and a symlink planted between the confirmation and the run writes nothing outside',
    async () => {
      const e = env();
      const root = e.rig.root;
      e.rig.write('pics/cat.png', placeholderPng('cat'));
      fs.symlinkSync(path.join(outside.root, 'private.png'), path.join(root, 'pics/alias.png'));
      e.rig.seal();
      const deps = {
        l10n: englishL10n,
        root: { path: root },
        store: new NodeFileStore(),
        settings: { ...e.rig.settings },
        dispatcher: e.rig.agent,
        log: e.rig.log,
        apiKey: async () => e.key,
        missingKeyMessage: () => 'no key',
        appendMarkdown: async () => undefined,
        describeError: (err: unknown) => String(err),
      };

      const viaLink = await planTool('edit', { images: ['pics/alias.png'], prompt: 'brighter' }, deps);
      assert.equal(viaLink.ok, false);
      assert.match(
        viaLink.ok ? '' : viaLink.text,
        /^"pics\/alias\.png" is outside the workspace folder, or a symbolic link in it points outside/,
      );

      // Planned (and, in VS Code, confirmed) while `out` does not exist; a link appears before the run.
      const planned = await planTool('generate', { prompt: 'a fox', outputFolder: 'out' }, deps);
      assert.ok(planned.ok, planned.ok ? '' : planned.text);
      fs.symlinkSync(path.join(outside.root, 'pictures'), path.join(root, 'out'));
      await assert.rejects(
        runAgentJob(planned.job, { ...deps, apiKey: e.key }, new AbortController().signal, () => undefined),
        (err: unknown) => err instanceof Error && (err as { reason?: string }).reason === 'escapesWorkspace',
      );
      assert.equal(e.server.requests.length, 0, 'refused before anything was sent');
      fs.unlinkSync(path.join(root, 'out'));

      // The Markdown file to append to, swapped for a link to a file outside after planning.
      e.rig.write('docs/post.md', '# Post\n');
      const withDoc = await planTool(
        'generate',
        { prompt: 'a fox', markdownFile: 'docs/post.md' },
        { ...deps, appendMarkdown: async (file: string, md: string) => fs.appendFileSync(file, md) },
      );
      assert.ok(withDoc.ok, withDoc.ok ? '' : withDoc.text);
      fs.writeFileSync(path.join(outside.root, 'notes.md'), '# Private\n');
      outside.before.files.set('notes.md', Buffer.from('# Private\n'));
      fs.rmSync(path.join(root, 'docs/post.md'));
      fs.symlinkSync(path.join(outside.root, 'notes.md'), path.join(root, 'docs/post.md'));
      await assert.rejects(
        runAgentJob(
          withDoc.job,
          { ...deps, apiKey: e.key, appendMarkdown: async (file: string, md: string) => fs.appendFileSync(file, md) },
          new AbortController().signal,
          () => undefined,
        ),
        (err: unknown) => err instanceof Error && (err as { reason?: string }).reason === 'escapesWorkspace',
      );
      assert.equal(e.server.requests.length, 0);
      outside.assertUntouched();
      fs.unlinkSync(path.join(root, 'docs/post.md'));
      fs.rmSync(path.join(root, 'docs'), { recursive: true });
      finish('agent symlinks', e, { saved: [], noNewFolders: true });
    },
  );

  it('a symlink inside the workspace pointing inside is followed: a style reference and the output folder', async () => {
    const e = env();
    const look = placeholderPng('the look');
    e.rig.write('assets/look.png', look);
    fs.mkdirSync(path.join(e.rig.root, 'assets/generated'));
    fs.symlinkSync(path.join(e.rig.root, 'assets/generated'), path.join(e.rig.root, 'images'));
    fs.mkdirSync(path.join(e.rig.root, 'refs'));
    fs.symlinkSync('../assets/look.png', path.join(e.rig.root, 'refs/look.png'));
    e.rig.write('.geekai/style.json', JSON.stringify({ references: ['refs/look.png'] }));

    const out = await drive('command', e, 'a lighthouse');

    assert.equal(out.error, undefined, out.error?.message);
    const sent = JSON.stringify(e.server.requests.find((r) => r.path.endsWith('/chat/completions'))?.json);
    assert.ok(sent.includes(look.toString('base64')), 'the style reference was sent through its link');
    assert.deepEqual(fs.readdirSync(path.join(e.rig.root, 'assets/generated')), ['2025-09-22-a-lighthouse.png']);
  });

  describe('an untrusted workspace (Restricted Mode)', () => {
    hostileCase(
      'its style file is not read or applied (the command and the Studio say so), and no Write alt text quick fix is offered',
      async () => {
        const e = env();
        e.rig.trusted = false;
        e.rig.write(
          '.geekai/style.json',
          JSON.stringify({ prompt: 'STYLE-FROM-THE-REPOSITORY', references: ['refs/look.png'], model: 'gpt-4o-image' }),
        );
        e.rig.write('refs/look.png', placeholderPng('the look'));
        const text = '# Post\n\n![](refs/look.png)\n';
        const doc = post(e, text);
        e.rig.seal();

        const out = await drive('command', e, 'a lighthouse');
        await e.studio.route({ type: 'ready' });
        const actions = altTextActions(() => e.rig.ctx.workspace.isTrusted()).provideCodeActions(
          textDocumentOf(doc, text),
          new vscode.Range(new vscode.Position(2, 0), new vscode.Position(2, 0)),
          { diagnostics: [], triggerKind: 1, only: undefined },
          { isCancellationRequested: false } as vscode.CancellationToken,
        );

        assert.equal(out.error, undefined, out.error?.message);
        const chats = e.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
        assert.equal(chats.length, 1);
        const sent = JSON.stringify(chats[0].json);
        assert.ok(!sent.includes('STYLE-FROM-THE-REPOSITORY'), 'the style prompt was not sent');
        assert.ok(!sent.includes('data:image'), 'the style reference was not sent');
        assert.equal(
          (chats[0].json as { model: string }).model,
          e.rig.settings.model,
          "the style's model did not apply",
        );
        assert.ok(!reads(e).includes(path.join(e.rig.root, '.geekai/style.json')), 'the style file was not even read');
        assert.ok(
          out.infos.includes(
            'The workspace style (.geekai/style.json) was not applied: this workspace is not trusted.',
          ),
          out.infos.join(' | '),
        );
        assert.deepEqual(e.studio.host.ofType('style').at(-1), {
          type: 'style',
          style: { references: 0, notApplied: 'untrusted' },
        });
        assert.equal(
          STRINGS.styleUntrusted,
          'Workspace style (.geekai/style.json) not applied: this workspace is not trusted.',
        );
        assert.equal(actions, undefined, 'no quick fix offered');

        // Trusted again: the same document gets its quick fix (the provider, not the document, decided).
        e.rig.trusted = true;
        const trusted = altTextActions(() => e.rig.ctx.workspace.isTrusted()).provideCodeActions(
          textDocumentOf(doc, text),
          new vscode.Range(new vscode.Position(2, 0), new vscode.Position(2, 0)),
          { diagnostics: [], triggerKind: 1, only: undefined },
          { isCancellationRequested: false } as vscode.CancellationToken,
        ) as vscode.CodeAction[];
        assert.equal(trusted.length, 1);
        finish('untrusted workspace', e, {
          saved: [fs.readFileSync(path.join(e.rig.root, 'images/2025-09-22-a-lighthouse.png'))],
        });
      },
    );
  });
});
