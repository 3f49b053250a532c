// Reuse Prompt in Studio and Regenerate from an image's provenance (or the Studio history),
// through the real adapter against the test server: the request sent, the files saved, the
// document text after, and the Studio's fill message.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HistoryEntry } from '../../src/studio/historyStore';
import { StudioSession } from '../../src/studio/studioSession';
import type { FillMessage } from '../../shared/protocol';
import { studioStrings } from '../../src/studio/studioStrings';
import { regenerateImageCommand, reusePromptCommand } from '../../src/vscode/commands/reuseImage';
import type { RecipeSources } from '../../src/vscode/imageRecipe';
import { placeholderPng } from '../server/placeholderImage';
import { LogCapture } from '../support/logCapture';
import { useLoopback } from '../support/loopback';
import { samplePng } from '../support/sampleImage';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';
import { FakeBackend, FakeHost, file, memoryHistory, WS } from './support/studioFakes';
import { writeImageWithProvenance } from '../support/sharedFakes';

const KEY = 'sk-test-key-reuse-1234567890';
const REF = samplePng(6, 4);

interface ChatBody {
  model: string;
  image?: { aspect_ratio?: string; image_size?: string };
  messages: { role: string; content: string | { type: string; text?: string; image_url?: { url: string } }[] }[];
}

function userParts(body: ChatBody): { text: string; images: string[] } {
  const user = body.messages.filter((m) => m.role === 'user').pop();
  const content = user?.content ?? '';
  if (typeof content === 'string') return { text: content, images: [] };
  return {
    text: content
      .filter((p) => p.type === 'text')
      .map((p) => p.text)
      .join(''),
    images: content.filter((p) => p.type === 'image_url').map((p) => p.image_url?.url ?? ''),
  };
}

describe('Reuse Prompt in Studio and Regenerate (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;
  let history: HistoryEntry[];
  let sources: RecipeSources;

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
    history = [];
    sources = { workspace: h.ctx.workspace, historyEntry: async (uri) => history.find((e) => e.files.includes(uri)) };
  });
  afterEach(() => h.dispose());

  /** A picture saved with provenance naming `ref.png` as its reference. */
  const madeImage = (
    rel: string,
    options: Record<string, string | number | boolean> = { aspectRatio: '16:9', imageSize: '2K', stream: false },
  ): vscode.Uri => writeImageWithProvenance(h.root, rel, { prompt: '水彩风格的灯塔', ref: REF, options });

  function put(rel: string, bytes: Uint8Array): string {
    const full = path.join(h.root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, bytes);
    return full;
  }

  it('Regenerate sends the same prompt, model, options and reference, saves a new file and inserts its link in the Markdown editor', async () => {
    put('docs/images/ref.png', REF);
    const image = madeImage('docs/images/lighthouse.png');
    const before = fs.readFileSync(image.fsPath);
    markdownDoc(h, 'docs/post.md', '# Post\n\n', { cursor: 8 });

    await regenerateImageCommand(h.ctx, sources, image);

    const chat = lb.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
    assert.equal(chat.length, 1);
    const body = chat[0].json as ChatBody;
    assert.equal(body.model, 'gemini-2.5-flash-image');
    assert.deepEqual(body.image, { aspect_ratio: '16:9', image_size: '2K' });
    const sent = userParts(body);
    assert.ok(sent.text.includes('水彩风格的灯塔'), sent.text);
    assert.deepEqual(sent.images, [`data:image/png;base64,${REF.toString('base64')}`]);
    assert.deepEqual(listFiles(h.root), [
      'docs/images/2025-09-22-水彩风格的灯塔.png',
      'docs/images/lighthouse.png',
      'docs/images/ref.png',
      'docs/post.md',
    ]);
    assert.deepEqual(fs.readFileSync(image.fsPath), before, 'the original is never overwritten');
    assert.equal(h.editors.text, '# Post\n\n![水彩风格的灯塔](images/2025-09-22-水彩风格的灯塔.png)');
  });

  it('a reference gone from the workspace: Regenerate asks before spending, and dismissing runs nothing', async () => {
    const image = madeImage('art/lighthouse.png', { stream: false });
    h.editors.snapshot = undefined;

    await regenerateImageCommand(h.ctx, sources, image);

    // No reference left in the workspace: the user was asked first; FakeUi dismissed, so nothing ran.
    assert.deepEqual(
      h.ui.shown.map((s) => [s.level, s.message, s.actions]),
      [['warn', 'Reference images no longer in the workspace: ref.png.', ['Regenerate Anyway']]],
    );
    assert.equal(lb.server.requests.length, 0);
  });

  it('Regenerate Anyway without the missing reference: a new file opened, nothing inserted or copied', async () => {
    const image = madeImage('art/lighthouse.png', { stream: false });
    h.editors.snapshot = undefined;
    h.ui.warn = async (message: string, ...actions: string[]) => {
      h.ui.shown.push({ level: 'warn', message, actions });
      return actions[0];
    };

    await regenerateImageCommand(h.ctx, sources, image);

    const sent = userParts(lb.server.requests.find((r) => r.path.endsWith('/chat/completions'))?.json as ChatBody);
    assert.deepEqual(sent.images, []);
    const saved = path.join(h.root, 'images/2025-09-22-水彩风格的灯塔.png');
    assert.deepEqual(
      h.ui.opened.map((u) => u.fsPath),
      [saved],
    );
    assert.equal(h.ui.clipboard, '');
    assert.equal(h.editors.inserts.length, 0);
    assert.ok(
      h.ui.messages('info').includes('Regenerated lighthouse.png as a new file: 2025-09-22-水彩风格的灯塔.png'),
      h.ui.messages().join('\n'),
    );
    assert.deepEqual(fs.readFileSync(saved), placeholderPng(`${sent.text}\u00000`));
  });

  it('Reuse Prompt in Studio fills prompt, model and options and attaches the reference whose SHA-256 still matches', async () => {
    const ref = put('docs/ref.png', REF);
    put('other/ref.png', samplePng(3, 3));
    const image = madeImage('docs/images/lighthouse.png', {
      aspectRatio: '16:9',
      imageSize: '2K',
      n: 2,
      negativePrompt: 'fog',
      stream: true,
    });
    const filled: { fill: FillMessage; references: string[] }[] = [];

    await reusePromptCommand(
      h.ctx,
      { sources, studio: (fill, references) => filled.push({ fill, references: references.map((u) => u.fsPath) }) },
      image,
    );

    assert.deepEqual(filled, [
      {
        fill: {
          type: 'fill',
          prompt: '水彩风格的灯塔',
          model: 'gemini-2.5-flash-image',
          aspectRatio: '16:9',
          imageSize: '2K',
          options: {
            api: 'chat',
            variations: 2,
            size: undefined,
            quality: undefined,
            background: undefined,
            outputFormat: undefined,
            negativePrompt: 'fog',
          },
        },
        references: [ref],
      },
    ]);
    assert.deepEqual(h.ui.shown, []);
    assert.equal(lb.server.requests.length, 0, 'reusing costs nothing');
  });

  it('a reference edited since is left out, and the user is told which', async () => {
    put('docs/ref.png', samplePng(6, 5));
    const image = madeImage('docs/lighthouse.png');
    const filled: string[][] = [];
    await reusePromptCommand(h.ctx, { sources, studio: (_f, refs) => filled.push(refs.map((u) => u.fsPath)) }, image);
    assert.deepEqual(filled, [[]]);
    assert.deepEqual(h.ui.messages('warn'), [
      'Reference images changed since (their SHA-256 differs), so left out: ref.png.',
    ]);
  });

  it('a file named like the reference but larger than any reference may be is not read (nor hashed): left out as changed', async () => {
    const big = path.join(h.root, 'docs/ref.png');
    fs.mkdirSync(path.dirname(big), { recursive: true });
    // Sparse: 30 MB on paper, nothing on disk.
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 30 * 1024 * 1024);
    const image = madeImage('docs/lighthouse.png');
    const filled: string[][] = [];
    await reusePromptCommand(h.ctx, { sources, studio: (_f, refs) => filled.push(refs.map((u) => u.fsPath)) }, image);
    assert.deepEqual(filled, [[]]);
    assert.deepEqual(h.ui.messages('warn'), [
      'Reference images changed since (their SHA-256 differs), so left out: ref.png.',
    ]);
    assert.ok(!h.fs.calls.includes(`readFile ${big}`), 'the large file was not read');
  });

  it('an image without provenance falls back to the Studio history entry that saved it', async () => {
    const plain = put('images/old.png', samplePng(5, 5));
    const ref = put('images/sketch.png', REF);
    history.push({
      id: 'e1',
      createdAt: 1,
      prompt: 'a red kite',
      model: 'gpt-image-1',
      aspectRatio: '3:2',
      elapsedMs: 10,
      files: [vscode.Uri.file(plain).toString()],
      references: [vscode.Uri.file(ref).toString(), vscode.Uri.file(path.join(h.root, 'gone.png')).toString()],
      text: '',
      api: 'images',
      request: { api: 'auto', quality: 'high', background: 'transparent' },
    });
    const filled: { fill: FillMessage; references: string[] }[] = [];
    await reusePromptCommand(
      h.ctx,
      { sources, studio: (fill, references) => filled.push({ fill, references: references.map((u) => u.fsPath) }) },
      vscode.Uri.file(plain),
    );
    assert.deepEqual(filled, [
      {
        fill: {
          type: 'fill',
          prompt: 'a red kite',
          model: 'gpt-image-1',
          aspectRatio: '3:2',
          imageSize: undefined,
          options: {
            api: 'images',
            variations: undefined,
            size: undefined,
            quality: 'high',
            background: 'transparent',
            outputFormat: undefined,
            negativePrompt: undefined,
          },
        },
        references: [ref],
      },
    ]);
    assert.deepEqual(h.ui.messages('warn'), ['Reference images no longer in the workspace: gone.png.']);
  });

  it('an image nothing knows gets a clear sentence and no request; an unreadable one says so', async () => {
    const plain = put('images/found-online.png', samplePng(5, 5));
    await regenerateImageCommand(h.ctx, sources, vscode.Uri.file(plain));
    await reusePromptCommand(
      h.ctx,
      { sources, studio: () => assert.fail('no fill') },
      vscode.Uri.file(path.join(h.root, 'nope.png')),
    );
    assert.deepEqual(
      h.ui.shown.map((s) => [s.level, s.message]),
      [
        [
          'info',
          'found-online.png does not say how it was made: the file holds no prompt, and the Studio history does not know it.',
        ],
        ['error', 'Could not read nope.png.'],
      ],
    );
    assert.equal(lb.server.requests.length, 0);
  });
});

describe('Studio session: a reuse fill reaches the composer once', () => {
  const S = studioStrings({ t: (m) => m });
  const fill: FillMessage = { type: 'fill', prompt: 'a kite', model: 'gpt-image-1', options: { quality: 'high' } };

  it("waits for a new panel's init, then comes right after it, with the references attached", async () => {
    const host = new FakeHost();
    const log = new LogCapture();
    const session = new StudioSession(host, new FakeBackend(), memoryHistory(host, log), S, log);
    await session.reuse(fill, [file(`${WS}/images/ref.png`), file('/elsewhere/secret.png')]);
    assert.deepEqual(host.ofType('fill'), [], 'nothing posted before the webview is ready');
    await session.handlers.ready({ type: 'ready' });
    assert.deepEqual(
      host.posted.map((m) => m.type),
      ['attachments', 'init', 'modelOptions', 'fill'],
    );
    const init = host.ofType('init')[0];
    assert.deepEqual(
      init.attachments.map((a) => a.name),
      ['ref.png'],
      'only workspace images are attached',
    );
    assert.deepEqual(host.ofType('fill'), [fill]);
    // Shown again after being hidden: the draft already holds the fill, it is not sent twice.
    session.hidden();
    await session.handlers.ready({ type: 'ready' });
    assert.equal(host.ofType('fill').length, 1);
    // A panel that is showing gets it at once.
    await session.reuse({ ...fill, prompt: 'again' }, []);
    assert.deepEqual(
      host.ofType('fill').map((m) => m.prompt),
      ['a kite', 'again'],
    );
    session.dispose();
  });
});
