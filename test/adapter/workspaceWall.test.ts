// The workspace wall and workspace trust in the adapter, over the harness's real temp folder and
// real symbolic links: the FileStore's real paths, Reuse Prompt / Regenerate on an image (or a
// reference) that leads outside, the Studio's style line, the VS Code agent tools' paths, and the
// notes a command gives when an untrusted workspace's style was left out.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ImageTool } from '../../src/vscode/agent/imageTool';
import { generatePlaceholdersCommand } from '../../src/vscode/commands/generatePlaceholders';
import { regenerateImageCommand, reusePromptCommand } from '../../src/vscode/commands/reuseImage';
import type { FillMessage } from '../../shared/protocol';
import type { NodeFs } from './support/nodeFs';
import { VsCodeStudioBackend } from '../../src/studio/studioBackend';
import { WorkspaceFileStore } from '../../src/vscode/workspaceFileStore';
import { placeholderPng } from '../server/placeholderImage';
import { useLoopback } from '../support/loopback';
import { samplePng } from '../support/sampleImage';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';
import { writeImageWithProvenance } from '../support/sharedFakes';

const KEY = 'sk-wall-adapter-key-1234567890';
const REF = samplePng(6, 4);

/** The files read, whole or by parts, each once in the order first read. */
function readsOf(nodeFs: NodeFs): string[] {
  const read = nodeFs.calls.flatMap((c) => {
    if (c.startsWith('readFile ')) return [c.slice('readFile '.length)];
    const part = /^readPart (.*) \d+ \d+$/.exec(c);
    return part ? [part[1]] : [];
  });
  return [...new Set(read)];
}

describe('workspace wall and trust (adapter, real links, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;
  let outside: string;

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-adapter-outside-'));
  });
  afterEach(async () => {
    await h.dispose();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const chats = () => lb.server.requests.filter((r) => r.path.endsWith('/chat/completions'));

  it('WorkspaceFileStore.realPath follows links on file: URIs, says "not there" for missing paths, and takes a virtual path as it is', async () => {
    fs.mkdirSync(path.join(h.root, 'real'));
    fs.symlinkSync(path.join(h.root, 'real'), path.join(h.root, 'alias'));
    const store = new WorkspaceFileStore(h.fs, h.rootUri);
    assert.equal(await store.realPath(`${h.root}/alias`), fs.realpathSync(path.join(h.root, 'real')));
    assert.equal(await store.realPath(`${h.root}/missing/x.png`), undefined);
    const virtual = new WorkspaceFileStore(h.fs, vscode.Uri.from({ scheme: 'memfs', path: '/' }));
    assert.equal(await virtual.realPath('/proj/a/../b.png'), '/proj/b.png');
  });

  const madeImage = (rel: string): vscode.Uri =>
    writeImageWithProvenance(h.root, rel, { prompt: 'a lighthouse', ref: REF });

  it('Regenerate on an image that is a link to outside: says why, reads nothing, sends nothing', async () => {
    const real = path.join(outside, 'made.png');
    fs.writeFileSync(real, fs.readFileSync(madeImage('tmp/made.png').fsPath));
    fs.rmSync(path.join(h.root, 'tmp'), { recursive: true });
    fs.symlinkSync(real, path.join(h.root, 'made.png'));
    const sources = { workspace: h.ctx.workspace, historyEntry: async () => undefined };

    await regenerateImageCommand(h.ctx, sources, vscode.Uri.file(path.join(h.root, 'made.png')));

    assert.deepEqual(h.ui.messages('warn'), [
      'made.png is outside the workspace (through ".." or a symbolic link), so it was not read or sent.',
    ]);
    assert.deepEqual(readsOf(h.fs), []);
    assert.equal(chats().length, 0);
  });

  it('Reuse Prompt: a reference the workspace search finds through a link to outside is never read, and reported as gone', async () => {
    const image = madeImage('docs/images/lighthouse.png');
    fs.writeFileSync(path.join(outside, 'ref.png'), REF);
    fs.symlinkSync(path.join(outside, 'ref.png'), path.join(h.root, 'docs/images/ref.png'));
    const filled: { fill: FillMessage; references: readonly vscode.Uri[] }[] = [];
    const sources = { workspace: h.ctx.workspace, historyEntry: async () => undefined };

    await reusePromptCommand(
      h.ctx,
      { sources, studio: (fill, references) => filled.push({ fill, references }) },
      image,
    );

    assert.equal(filled.length, 1);
    assert.deepEqual(filled[0].references, [], 'the linked reference is not attached');
    assert.deepEqual(readsOf(h.fs), [image.path], 'only the image itself was read');
    assert.deepEqual(h.ui.messages('warn'), [
      'Reference images changed since (their SHA-256 differs), so left out: ref.png.',
    ]);
  });

  it('Studio style line: a style reference through a link to outside is named as the problem; untrusted, the style is not read and says so', async () => {
    fs.mkdirSync(path.join(h.root, '.geekai'));
    fs.writeFileSync(
      path.join(h.root, '.geekai/style.json'),
      JSON.stringify({ prompt: 'pastel', references: ['look.png'] }),
    );
    fs.symlinkSync(path.join(outside, 'look.png'), path.join(h.root, 'look.png'));
    const backend = new VsCodeStudioBackend(h.ctx);

    assert.deepEqual(await backend.workspaceStyle(undefined), {
      references: 0,
      problem: 'references.0 in .geekai/style.json is outside the workspace folder; nothing was sent.',
    });
    h.trust.trusted = false;
    h.fs.calls.length = 0;
    assert.deepEqual(await backend.workspaceStyle(undefined), { references: 0, notApplied: 'untrusted' });
    assert.deepEqual(readsOf(h.fs), [], 'not read while untrusted');
    fs.rmSync(path.join(h.root, '.geekai'), { recursive: true });
    assert.equal(await backend.workspaceStyle(undefined), undefined, 'no style file: no line, trusted or not');
  });

  it('untrusted: Generate All Images in Document leaves the style out and its summary says so', async () => {
    h.trust.trusted = false;
    fs.mkdirSync(path.join(h.root, '.geekai'));
    fs.writeFileSync(path.join(h.root, '.geekai/style.json'), JSON.stringify({ prompt: 'STYLE-OF-THE-REPO' }));
    const doc = markdownDoc(h, 'post.md', '![a red kite](geekai:)\n');
    h.ui.confirmChoices.push('Generate');

    await generatePlaceholdersCommand(h.ctx, doc);

    assert.equal(chats().length, 1);
    assert.ok(!JSON.stringify(chats()[0].json).includes('STYLE-OF-THE-REPO'));
    assert.deepEqual(h.ui.messages('info'), [
      'Generated 1 of 1 image(s). The workspace style (.geekai/style.json) was not applied: this workspace is not trusted.',
    ]);
  });

  it('VS Code agent tools: an image through a link to outside is refused before the key; a link inside pointing inside is followed', async () => {
    fs.writeFileSync(path.join(outside, 'secret.png'), placeholderPng('secret'));
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(h.root, 'alias.png'));
    fs.mkdirSync(path.join(h.root, 'pics'));
    fs.writeFileSync(path.join(h.root, 'pics/cat.png'), placeholderPng('cat'));
    fs.symlinkSync('pics/cat.png', path.join(h.root, 'cat-link.png'));
    const tool = new ImageTool(
      'edit',
      {
        ui: h.ui,
        workspace: h.ctx.workspace,
        keys: h.keys,
        markdown: { append: async () => undefined },
        dispatcher: h.agent,
        log: h.log,
      },
      {},
    );
    const token = {
      isCancellationRequested: false,
      onCancellationRequested: () => ({ dispose: () => undefined }),
    } as unknown as vscode.CancellationToken;

    const refused = await tool.invoke(
      { input: { images: ['alias.png'], prompt: 'brighter' }, toolInvocationToken: undefined },
      token,
    );
    const first = refused.content[0];
    assert.ok(first instanceof vscode.LanguageModelTextPart);
    assert.match(
      first.value,
      /^"alias\.png" is outside the workspace folder, or a symbolic link in it points outside \(links pointing inside are followed\)\./,
    );
    assert.equal(chats().length, 0);

    await tool.invoke(
      { input: { images: ['cat-link.png'], prompt: 'brighter' }, toolInvocationToken: undefined },
      token,
    );
    assert.equal(chats().length, 1, 'the link inside was followed');
    assert.ok(listFiles(h.root).includes('cat-link-edited.png'), listFiles(h.root).join(', '));
  });
});
