// The actions on an image link in a Markdown document, through the real adapter against the
// test server: Edit with AI… and Regenerate replace the link's target only after the user
// confirms (exact document text after; the old file stays), Variations let the user pick, and
// the hover shows the picture, what made it and its size.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { embedProvenance } from '../../src/core/publish/embedProvenance';
import { buildProvenance } from '../../src/core/publish/provenance';
import { COMMANDS } from '../../src/contributionIds';
import {
  editLinkedImageCommand,
  linkedImageVariationsCommand,
  openLinkedImageInStudioCommand,
  regenerateLinkedImageCommand,
} from '../../src/vscode/commands/linkedImageCommands';
import { writeAltTextCommand } from '../../src/vscode/commands/writeAltText';
import type { RecipeSources } from '../../src/vscode/imageRecipe';
import { offsetOfPosition } from '../../src/core/text/textPosition';
import { linkedImageActions } from '../../src/vscode/linkedImageActions';
import { linkHover } from '../../src/vscode/linkedImageHover';
import type { PickItem } from '../../src/vscode/ports';
import { decodePng } from '../support/png';
import { useLoopback } from '../support/loopback';
import { samplePng } from '../support/sampleImage';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-linked-image-0123456789';

describe('Actions on a Markdown image link (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;
  let sources: RecipeSources;
  const png = samplePng(12, 8);

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
    sources = { workspace: h.ctx.workspace, historyEntry: async () => undefined };
    fs.mkdirSync(path.join(h.root, 'docs/images'), { recursive: true });
    fs.writeFileSync(path.join(h.root, 'docs/images/kite.png'), png);
  });
  afterEach(() => h.dispose());

  const chats = (): { messages: { role: string; content: unknown }[]; n?: number }[] =>
    lb.server.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .map((r) => r.json as { messages: { role: string; content: unknown }[] });
  const pickLabel =
    (want: RegExp) =>
    (items: readonly PickItem[]): PickItem | undefined =>
      items.find((i) => want.test(i.label));

  it('Edit with AI… edits the linked file and, once confirmed, points the link at the result: exact text after, the old file kept', async () => {
    const text = '# Kites\n\nIntro.\n\n![A kite *high*](images/kite.png "Title")\n\nEnd.\n';
    const doc = markdownDoc(h, 'docs/post.md', text, { cursor: 0 });
    h.ui.inputs.push('make the sky purple');
    h.ui.picks.push(pickLabel(/^Use kite-edited\.png$/));

    await editLinkedImageCommand(h.ctx, doc.toString(), { start: { line: 4, character: 3 } });

    assert.equal(h.editors.text, '# Kites\n\nIntro.\n\n![A kite *high*](images/kite-edited.png "Title")\n\nEnd.\n');
    assert.deepEqual(listFiles(h.root), ['docs/images/kite-edited.png', 'docs/images/kite.png', 'docs/post.md']);
    assert.deepEqual(fs.readFileSync(path.join(h.root, 'docs/images/kite.png')), png, 'the old file stays as it was');
    // The test server inverts the image it is sent: proof the linked file's bytes were edited.
    const out = decodePng(fs.readFileSync(path.join(h.root, 'docs/images/kite-edited.png')));
    assert.deepEqual(
      [...out.data],
      [...decodePng(png).data].map((v, i) => (i % 4 === 3 ? v : 255 - v)),
      'colours inverted, alpha kept',
    );
    assert.equal(chats().length, 1);
    assert.deepEqual(h.ui.pickTitles, ['Point the link at the new image instead of kite.png?']);
    assert.ok(h.ui.messages('info').includes('The link now shows kite-edited.png; kite.png is still there.'));
    // One edit: undo brings the old link back.
    h.editors.undo();
    assert.equal(h.editors.text, text);
  });

  it("keeps the user's typing made meanwhile, and leaves the link alone when they decline", async () => {
    const text = 'Intro.\n\n![kite](<images/kite.png>)\n';
    markdownDoc(h, 'docs/post.md', text, { cursor: text.indexOf('kite.png') });
    h.ui.inputs.push('add a bird');
    h.ui.picks.push((items) => {
      h.editors.text = `# Typed while drawing\n\n${h.editors.text}`;
      return items.find((i) => i.label.startsWith('Use '));
    });
    await editLinkedImageCommand(h.ctx);
    assert.equal(h.editors.text, '# Typed while drawing\n\nIntro.\n\n![kite](<images/kite-edited.png>)\n');

    h.ui.inputs.push('again');
    h.ui.picks.push(pickLabel(/^Keep the link as it is$/));
    const before = h.editors.text;
    await editLinkedImageCommand(h.ctx, vscode.Uri.file(path.join(h.root, 'docs/post.md')), {
      start: { line: 4, character: 2 },
    });
    assert.equal(h.editors.text, before);
    assert.ok(listFiles(h.root).includes('docs/images/kite-edited-edited.png'), listFiles(h.root).join(', '));
  });

  it("Regenerate runs the provenance's prompt and model again, and Variations lets the user pick one of n", async () => {
    const p = buildProvenance({
      prompt: 'a red kite over a grey sea',
      model: 'gemini-2.5-flash-image',
      options: { aspectRatio: '3:2', stream: false },
    });
    const made = embedProvenance(png, p);
    assert.ok(made.embedded);
    fs.writeFileSync(path.join(h.root, 'docs/images/kite.png'), made.bytes);
    const text = '![kite](images/kite.png)\n';
    const doc = markdownDoc(h, 'docs/post.md', text, { cursor: 2 });

    h.ui.picks.push(pickLabel(/^Use /));
    await regenerateLinkedImageCommand(h.ctx, sources, doc, { start: { line: 0, character: 2 } });
    assert.equal(h.editors.text, '![kite](images/2025-09-22-a-red-kite-over-a-grey-sea.png)\n');
    assert.match(JSON.stringify(chats()[0].messages), /a red kite over a grey sea/);

    // The link now shows the regenerated file, which was saved without provenance here (the
    // suite's setting): Variations of it has no recipe and says so, with no request.
    await linkedImageVariationsCommand(h.ctx, sources, doc, { start: { line: 0, character: 2 } });
    assert.equal(chats().length, 1);
    assert.ok(
      h.ui
        .messages('info')
        .some((m) => m.startsWith('2025-09-22-a-red-kite-over-a-grey-sea.png does not say how it was made')),
    );

    h.editors.text = text;
    h.ui.picks.push(pickLabel(/^3 images$/), pickLabel(/^Use variation 2: /));
    await linkedImageVariationsCommand(h.ctx, sources, doc, { start: { line: 0, character: 2 } });
    const variations = chats().slice(1);
    assert.equal(variations.length, 3, 'a chat model draws one image per request');
    assert.equal(h.editors.text, '![kite](images/2025-09-22-a-red-kite-over-a-grey-sea-2.png)\n');
  });

  it('a link to a URL, to a missing file, or no link: a clear sentence and no request', async () => {
    const text = '![web](https://example.com/a.png)\n\n![gone](images/gone.png)\n\nplain text\n';
    const doc = markdownDoc(h, 'docs/post.md', text);
    await editLinkedImageCommand(h.ctx, doc, { start: { line: 0, character: 3 } });
    await editLinkedImageCommand(h.ctx, doc, { start: { line: 2, character: 3 } });
    await editLinkedImageCommand(h.ctx, doc, { start: { line: 4, character: 3 } });
    assert.deepEqual(
      h.ui.shown.map((s) => [s.level, s.message]),
      [
        ['info', 'Put the cursor on an image link to a workspace file (![alt](path)).'],
        ['warn', 'The linked image images/gone.png is not in the workspace.'],
        ['info', 'Put the cursor on an image link to a workspace file (![alt](path)).'],
      ],
    );
    assert.equal(lb.server.requests.length, 0);
  });

  it('Open in Studio attaches the linked file', async () => {
    const doc = markdownDoc(h, 'docs/post.md', '![k](images/kite.png)');
    const attached: string[] = [];
    await openLinkedImageInStudioCommand(h.ctx, (uris) => attached.push(...uris.map((u) => u.fsPath)), doc, {
      start: { line: 0, character: 1 },
    });
    assert.deepEqual(attached, [path.join(h.root, 'docs/images/kite.png')]);
  });

  it('the hover shows the picture, prompt and model from the file, pixels and bytes, and the actions with their arguments', async () => {
    const p = buildProvenance({ prompt: '海上的红色风筝', model: 'gemini-2.5-flash-image' });
    const made = embedProvenance(png, p);
    assert.ok(made.embedded);
    fs.writeFileSync(path.join(h.root, 'docs/images/kite.png'), made.bytes);
    const doc = vscode.Uri.file(path.join(h.root, 'docs/post.md'));
    const text = 'x\n![k](images/kite.png)\n![u](images/none.png)\n';
    const at = { start: { line: 1, character: 4 } };
    const hover = await linkHover(sources, doc, text, text.indexOf('kite'), at);
    assert.ok(hover);
    assert.deepEqual(hover.span, { start: 2, end: 23 });
    const lines = hover.markdown.split('\n');
    assert.equal(lines[0], `![](${vscode.Uri.file(path.join(h.root, 'docs/images/kite.png')).toString()}|width=12)`);
    assert.equal(lines[2], '**Prompt:** 海上的红色风筝  ');
    assert.equal(lines[3], '**Model:** gemini-2.5-flash-image  ');
    assert.equal(lines[4], `12 × 8 px · ${made.bytes.length} B`);
    const args = encodeURIComponent(JSON.stringify([doc.toString(), at]));
    assert.ok(lines[6].startsWith(`[Edit with AI…](command:${COMMANDS.editLinkedImage}?${args} `), lines[6]);
    assert.deepEqual(
      [...lines[6].matchAll(/\]\(command:([\w.]+)\?/g)].map((m) => m[1]),
      [
        'geekaiImage.editLinkedImage',
        'geekaiImage.regenerateLinkedImage',
        'geekaiImage.linkedImageVariations',
        'geekaiImage.openLinkedImageInStudio',
        'geekaiImage.writeAltText',
      ],
    );

    const unknown = await linkHover(sources, doc, text, text.indexOf('none'), at);
    assert.equal(unknown?.markdown, '*none.png is not in the workspace.*');
    assert.equal(await linkHover(sources, doc, text, 0, at), undefined);
  });

  it("the hover's command links carry arguments that survive JSON and reach the right link (Edit with AI…, and Write Alt Text)", async () => {
    const text = '# Kites\n\n![](images/kite.png)\n';
    const doc = markdownDoc(h, 'docs/post.md', text, { cursor: 0 });
    const hover = await linkHover(sources, doc, text, text.indexOf('kite'), { start: { line: 2, character: 5 } });
    const links = new Map(
      [...(hover?.markdown ?? '').matchAll(/\]\(command:([\w.]+)\?([^ )]+)/g)].map((m) => [
        m[1],
        JSON.parse(decodeURIComponent(m[2])) as [string, { start: { line: number; character: number } }],
      ]),
    );

    const [uri, at] = links.get(COMMANDS.editLinkedImage) ?? assert.fail('no Edit with AI… link');
    h.ui.inputs.push('brighter');
    h.ui.picks.push(pickLabel(/^Use /));
    await editLinkedImageCommand(h.ctx, uri, at);
    assert.equal(h.editors.text, '# Kites\n\n![](images/kite-edited.png)\n');

    const [altUri, altAt] = links.get(COMMANDS.writeAltText) ?? assert.fail('no Write Alt Text link');
    await writeAltTextCommand(h.ctx, altUri, altAt);
    assert.match(h.editors.text, /^# Kites\n\n!\[[^\]]+\]\(images\/kite-edited\.png\)\n$/, h.editors.text);
  });

  it('an image without provenance: the hover names what the Studio history knows, else says nothing is known and offers no Regenerate', async () => {
    const doc = vscode.Uri.file(path.join(h.root, 'docs/post.md'));
    const text = '![k](images/kite.png)';
    const at = { start: { line: 0, character: 1 } };
    const bare = await linkHover(sources, doc, text, 1, at);
    assert.match(bare?.markdown ?? '', /\*No record of the prompt that made it\.\*/);
    assert.doesNotMatch(bare?.markdown ?? '', /regenerateLinkedImage|linkedImageVariations/);

    const image = vscode.Uri.file(path.join(h.root, 'docs/images/kite.png')).toString();
    const withHistory: RecipeSources = {
      workspace: h.ctx.workspace,
      historyEntry: async (uri) =>
        uri === image
          ? {
              id: 'e',
              createdAt: 1,
              prompt: 'from the Studio',
              model: 'gpt-image-1',
              elapsedMs: 1,
              files: [image],
              references: [],
              text: '',
            }
          : undefined,
    };
    const known = await linkHover(withHistory, doc, text, 1, at);
    assert.match(known?.markdown ?? '', /\*\*Prompt:\*\* from the Studio {2}\n\*\*Model:\*\* gpt-image-1/);
    assert.match(known?.markdown ?? '', /regenerateLinkedImage/);
  });
});

describe('Code actions on a Markdown image link (provider, fake document)', () => {
  const WS_ROOT = vscode.Uri.file('/ws');
  const provider = linkedImageActions({ folderOf: () => WS_ROOT });

  function documentOf(text: string): vscode.TextDocument {
    return {
      uri: vscode.Uri.file('/ws/docs/post.md'),
      getText: () => text,
      offsetAt: (p: vscode.Position) => offsetOfPosition(text, p),
    } as unknown as vscode.TextDocument;
  }

  function actionsAt(text: string, line: number, character: number): vscode.CodeAction[] {
    const at = new vscode.Position(line, character);
    const r = provider.provideCodeActions(
      documentOf(text),
      new vscode.Range(at, at),
      { diagnostics: [], triggerKind: 1, only: undefined },
      { isCancellationRequested: false } as vscode.CancellationToken,
    );
    return (r ?? []) as vscode.CodeAction[];
  }

  it('offers the link actions under the cursor as rewrite actions, with the document and position as arguments', () => {
    const text = '# T\n\n![kite](images/kite.png)\n';
    const actions = actionsAt(text, 2, 3);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Edit with AI…', 'Regenerate', 'Variations…', 'Open in Studio', 'Write Alt Text'],
    );
    assert.ok(actions.every((a) => a.kind?.value === 'refactor.rewrite.geekaiImage'));
    const args = actions[0].command?.arguments as [vscode.Uri, vscode.Range];
    assert.equal(actions[0].command?.command, COMMANDS.editLinkedImage);
    assert.equal(args[0].path, '/ws/docs/post.md');
    assert.deepEqual([args[1].start.line, args[1].start.character], [2, 3]);
  });

  it('leaves Write Alt Text to its quick fix when the alt text is empty, and offers nothing off a local image link', () => {
    const text = '![](images/kite.png)\n\n![web](https://example.com/a.png)\n\n![p](geekai:)\n\nplain\n';
    assert.deepEqual(
      actionsAt(text, 0, 2).map((a) => a.title),
      ['Edit with AI…', 'Regenerate', 'Variations…', 'Open in Studio'],
    );
    assert.deepEqual(actionsAt(text, 2, 2), []);
    assert.deepEqual(actionsAt(text, 4, 2), []);
    assert.deepEqual(actionsAt(text, 6, 2), []);
  });
});
