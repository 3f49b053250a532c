// Generate All Images in Document through the real adapter against the test server: each
// placeholder's link replaced as its image lands (one edit each, undoable), failures left in place
// with a diagnostic saying why, progress as "n / total". Before any request, a modal question
// names the count, the model(s) and the server; a document over the cap is refused whole.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_BATCH_REQUESTS } from '../../src/core/job/batch';
import { generatePlaceholdersCommand } from '../../src/vscode/commands/generatePlaceholders';
import { useLoopback } from '../support/loopback';
import { hostileCase } from '../reliability/support/tally';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-placeholder-key-0123456789';

type ChatBody = { model: string; messages: { role: string; content: string }[]; image?: { aspect_ratio?: string } };

describe('Generate All Images in Document (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
    // The question before the batch is answered Generate here; it has its own tests below.
    h.ui.confirmChoices.push('Generate', 'Generate');
  });
  afterEach(async () => {
    await h.dispose();
  });

  const chats = (): ChatBody[] =>
    lb.server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.json as ChatBody);
  const promptOf = (b: ChatBody): string =>
    b.messages
      .filter((m) => m.role === 'user')
      .map((m) => m.content)
      .join('');

  it('replaces every placeholder with its saved image, as it lands, each as its own undoable edit', async () => {
    const text =
      '# Kites\n\n![a red kite](geekai:)\n\nText between.\n\n![一只蓝色的风筝](geekai:16:9 "kite two")\n\n![a green kite](<geekai:?ratio=3:2>)\n';
    const doc = markdownDoc(h, 'docs/post.md', text);
    // All three land at once: each placement reads the document only when the others have too
    // (or after a while, when placements take turns), so edits made side by side would collide.
    const realRead = h.editors.read.bind(h.editors);
    let reads = 0;
    let waiting: (() => void)[] = [];
    h.editors.read = async () => {
      if (++reads > 1) {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === 3) {
            for (const w of waiting) w();
            waiting = [];
          } else setTimeout(resolve, 200);
        });
      }
      return realRead();
    };
    await generatePlaceholdersCommand(h.ctx, doc);

    // Three paid requests: asked once, with their estimated total at the gateway's price (¥0.04 an image, ≈ on a chat model).
    assert.deepEqual(h.ui.confirmations, [
      {
        message: `Generate 3 image(s) with gemini-2.5-flash-image? This sends 3 paid request(s) to ${new URL(lb.server.baseUrl).host}.`,
        detail: 'Estimated cost: ≈ ¥0.12 · 3 images. The setting geekaiImage.confirmBatches turns this question off.',
        buttons: ['Generate'],
      },
    ]);
    assert.equal(
      h.editors.text,
      '# Kites\n\n![a red kite](images/2025-09-22-a-red-kite.png)\n\nText between.\n\n![一只蓝色的风筝](images/2025-09-22-一只蓝色的风筝.png "kite two")\n\n![a green kite](<images/2025-09-22-a-green-kite.png>)\n',
    );
    assert.deepEqual(listFiles(h.root), [
      'docs/images/2025-09-22-a-green-kite.png',
      'docs/images/2025-09-22-a-red-kite.png',
      'docs/images/2025-09-22-一只蓝色的风筝.png',
      'docs/post.md',
    ]);
    // Each file holds exactly the bytes the server served for it.
    const served = lb.server.allServedImages();
    assert.equal(served.length, 3);
    for (const f of ['a-green-kite', 'a-red-kite', '一只蓝色的风筝']) {
      const bytes = fs.readFileSync(path.join(h.root, `docs/images/2025-09-22-${f}.png`));
      assert.ok(
        served.some((s) => s.equals(bytes)),
        f,
      );
    }
    // The options of each placeholder went with its prompt.
    const byPrompt = new Map(chats().map((b) => [promptOf(b), b]));
    assert.deepEqual([...byPrompt.keys()].sort(), ['a green kite', 'a red kite', '一只蓝色的风筝']);
    assert.equal(byPrompt.get('一只蓝色的风筝')?.image?.aspect_ratio, '16:9');
    assert.equal(byPrompt.get('a green kite')?.image?.aspect_ratio, '3:2');
    assert.equal(byPrompt.get('a red kite')?.image?.aspect_ratio, undefined);
    assert.deepEqual(
      h.ui.reports.map((r) => r.message),
      ['0 / 3', '1 / 3', '2 / 3', '3 / 3'],
    );
    assert.deepEqual(h.ui.messages('info'), ['Generated 3 of 3 image(s).']);
    assert.deepEqual(h.problems.of(doc), []);
    // Undo, one edit at a time, brings back the placeholders (the files stay).
    assert.equal(h.editors.undoStack.length, 3);
    for (let i = 0; i < 3; i++) h.editors.undo();
    assert.equal(h.editors.text, text);
  });

  it('a failing placeholder and one written wrong stay as they are, each with a diagnostic saying why', async () => {
    h.settings.maxConcurrentJobs = 1;
    const text = 'A ![a red kite](geekai:) and ![a kite](geekai:wide) and ![a blue kite](geekai:1:1).\n';
    const doc = markdownDoc(h, 'post.md', text);
    lb.server.enqueue({ kind: 'error', status: 402, message: 'Insufficient balance' });
    await generatePlaceholdersCommand(h.ctx, doc);

    assert.equal(
      h.editors.text,
      'A ![a red kite](geekai:) and ![a kite](geekai:wide) and ![a blue kite](images/2025-09-22-a-blue-kite.png).\n',
    );
    assert.equal(chats().length, 2, 'the placeholder written wrong is never sent');
    const problems = h.problems
      .of(doc)
      .map((p) => ({ at: h.editors.text.slice(p.span.start, p.span.end), message: p.message }));
    assert.equal(problems.length, 2);
    assert.deepEqual(problems[0], {
      at: '![a kite](geekai:wide)',
      message: '"wide" is not an aspect ratio: write it as width:height, e.g. geekai:16:9.',
    });
    assert.equal(problems[1]?.at, '![a red kite](geekai:)');
    // The 402 says what the request was expected to cost (no balance key: no balance).
    assert.equal(
      problems[1]?.message,
      'Your GeekAI balance is too low (402): this request ≈ ¥0.04; top up at https://geekai.co, then try again.',
    );
    assert.deepEqual(h.ui.messages('warn'), [
      'Generated 1 of 3 image(s). 2 placeholder(s) could not be generated and stay in the document; the Problems panel says why.',
    ]);
    assert.deepEqual(
      h.ui.reports.map((r) => r.message),
      ['0 / 2', '1 / 2', '2 / 2'],
    );
  });

  it('the CodeLens runs just its own placeholder', async () => {
    const text = '![one](geekai:)\n\n![two](geekai:)\n';
    const doc = markdownDoc(h, 'post.md', text);
    await generatePlaceholdersCommand(h.ctx, doc, { start: { line: 2, character: 0 } });
    assert.equal(h.editors.text, '![one](geekai:)\n\n![two](images/2025-09-22-two.png)\n');
    assert.deepEqual(chats().map(promptOf), ['two']);
  });

  it('a CodeLens run keeps the diagnostics of the other placeholders, moved to where they now are', async () => {
    h.settings.maxConcurrentJobs = 1;
    const text = '![a kite](geekai:wide)\n\n![two](geekai:)\n';
    const doc = markdownDoc(h, 'post.md', text);
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(h.editors.text, '![a kite](geekai:wide)\n\n![two](images/2025-09-22-two.png)\n');
    h.editors.text = `Intro.\n\n${h.editors.text}![three](geekai:)\n`;
    await generatePlaceholdersCommand(h.ctx, doc, { start: { line: 5, character: 0 } });
    assert.equal(
      h.editors.text,
      'Intro.\n\n![a kite](geekai:wide)\n\n![two](images/2025-09-22-two.png)\n![three](images/2025-09-22-three.png)\n',
    );
    const problems = h.problems
      .of(doc)
      .map((p) => ({ at: h.editors.text.slice(p.span.start, p.span.end), message: p.message }));
    assert.deepEqual(problems, [
      {
        at: '![a kite](geekai:wide)',
        message: '"wide" is not an aspect ratio: write it as width:height, e.g. geekai:16:9.',
      },
    ]);
  });

  it('Cancel stops the batch: what is not generated stays a placeholder, without a diagnostic', async () => {
    h.settings.maxConcurrentJobs = 1;
    const text = '![one](geekai:)\n\n![two](geekai:)\n\n![three](geekai:)\n';
    const doc = markdownDoc(h, 'post.md', text);
    h.ui.cancelWhen = (r) => r.message === '1 / 3';
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(h.editors.text, '![one](images/2025-09-22-one.png)\n\n![two](geekai:)\n\n![three](geekai:)\n');
    assert.equal(chats().length, 1);
    assert.deepEqual(h.problems.of(doc), []);
    assert.deepEqual(h.ui.messages('warn'), [
      'Generated 1 of 3 image(s). Cancelled: the placeholders not yet generated stay in the document.',
    ]);
  });

  it("a placeholder moved by the user's typing is still found; one changed meanwhile is left alone", async () => {
    h.settings.maxConcurrentJobs = 1;
    const doc = markdownDoc(h, 'post.md', '![one](geekai:)\n\n![two](geekai:)\n');
    const realRead = h.editors.read.bind(h.editors);
    let reads = 0;
    h.editors.read = async () => {
      reads++;
      // Before the first link is placed the user adds a line on top and rewrites the second placeholder.
      if (reads === 2)
        h.editors.text = `Intro.\n\n${h.editors.text.replace('![two](geekai:)', '![two, bigger](geekai:)')}`;
      return realRead();
    };
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(h.editors.text, 'Intro.\n\n![one](images/2025-09-22-one.png)\n\n![two, bigger](geekai:)\n');
    assert.deepEqual(h.ui.messages('warn'), [
      'Generated 1 of 2 image(s). 1 image(s) were saved but their placeholder had changed, so no link was replaced.',
    ]);
  });

  it('a batch not confirmed sends nothing and changes nothing', async () => {
    const text = '![one](geekai:)\n\n![two](geekai:16:9)\n';
    const doc = markdownDoc(h, 'post.md', text);
    h.ui.confirmChoices.splice(0, h.ui.confirmChoices.length, undefined);
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(h.editors.text, text);
    assert.deepEqual(chats(), []);
    assert.deepEqual(listFiles(h.root), ['post.md']);
    assert.match(h.ui.confirmations[0]?.detail ?? '', /^Estimated cost: ≈ ¥0\.08 · 2 images\./);
  });

  it('no placeholders: says how to write one and sends nothing', async () => {
    markdownDoc(h, 'post.md', '![done](a.png)\n');
    await generatePlaceholdersCommand(h.ctx);
    assert.deepEqual(h.ui.messages('info'), [
      'No geekai: placeholders here. Write one as ![what to draw](geekai:) or ![what to draw](geekai:16:9).',
    ]);
    assert.equal(lb.server.requests.length, 0);
  });
});

describe('Generate All Images in Document asks before it spends (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
  });
  afterEach(async () => {
    await h.dispose();
  });

  const chats = (): ChatBody[] =>
    lb.server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.json as ChatBody);
  const host = (): string => new URL(lb.server.baseUrl).host;

  it('the question names the count, each model with its share and the server; Generate sends exactly that', async () => {
    h.settings.model = 'gemini-2.5-flash-image';
    const text =
      '![one](geekai:)\n\n![two](geekai:?model=gpt-4o-image)\n\n![three](geekai:16:9)\n\n![bad](geekai:wide)\n';
    const doc = markdownDoc(h, 'post.md', text);
    h.ui.confirmChoices.push('Generate');
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.deepEqual(h.ui.confirms, [
      {
        message: `Generate 3 image(s) with gemini-2.5-flash-image (2), gpt-4o-image (1)? This sends 3 paid request(s) to ${host()}.`,
        detail:
          '1 placeholder(s) with a problem are left out; the Problems panel will say why. Estimated cost: ≈ ¥0.18 · 3 images. The setting geekaiImage.confirmBatches turns this question off.',
        buttons: ['Generate'],
      },
    ]);
    assert.deepEqual(
      chats()
        .map((b) => b.model)
        .sort(),
      ['gemini-2.5-flash-image', 'gemini-2.5-flash-image', 'gpt-4o-image'],
    );
    assert.equal(lb.server.requests.filter((r) => r.method === 'POST').length, 3);
  });

  it("the total takes a price only GET /models/{id} gives, looked up for the batch's own models only; an unknown price makes it a lower bound", async () => {
    h.settings.model = 'gpt-image-2';
    const doc = markdownDoc(
      h,
      'post.md',
      '![one](geekai:)\n\n![two](geekai:)\n\n![three](geekai:?model=gemini-2.5-flash-image-preview)\n',
    );
    h.ui.confirmChoices.push(undefined);
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.deepEqual(h.ui.confirms, [
      {
        message: `Generate 3 image(s) with gpt-image-2 (2), gemini-2.5-flash-image-preview (1)? This sends 3 paid request(s) to ${host()}.`,
        // gpt-image-2: 0.3 with the 0.8 discount, twice; the preview model has no price anywhere.
        detail:
          'Estimated cost: at least ¥0.48 (some prices unknown) · 3 images. The setting geekaiImage.confirmBatches turns this question off.',
        buttons: ['Generate'],
      },
    ]);
    const looked = lb.server.requests
      .filter((r) => r.path.startsWith('/api/v1/models/'))
      .map((r) => decodeURIComponent(r.path.slice('/api/v1/models/'.length)));
    assert.deepEqual(looked.sort(), ['gemini-2.5-flash-image-preview', 'gpt-image-2']);
    assert.equal(lb.server.requests.filter((r) => r.method === 'POST').length, 0);
  });

  it("one model (the workspace style's, which the jobs then use) is named alone", async () => {
    fs.mkdirSync(path.join(h.root, '.geekai'));
    fs.writeFileSync(path.join(h.root, '.geekai', 'style.json'), JSON.stringify({ model: 'gpt-4o-image' }));
    const doc = markdownDoc(h, 'post.md', '![one](geekai:)\n\n![two](geekai:)\n');
    h.ui.confirmChoices.push('Generate');
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.deepEqual(
      h.ui.confirms.map((c) => c.message),
      [`Generate 2 image(s) with gpt-4o-image? This sends 2 paid request(s) to ${host()}.`],
    );
    assert.deepEqual(
      chats().map((b) => b.model),
      ['gpt-4o-image', 'gpt-4o-image'],
    );
  });

  it('Cancel sends nothing: no request at the server, the document, files and problems as they were, nothing else shown', async () => {
    const text = '![one](geekai:)\n\n![two](geekai:)\n\n![bad](geekai:wide)\n';
    const doc = markdownDoc(h, 'post.md', text);
    h.ui.confirmChoices.push(undefined);
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(h.ui.confirms.length, 1);
    // Only the free price lookups (GET /models…) may have gone before the answer; no paid request.
    assert.deepEqual(
      lb.server.requests.filter((r) => !(r.method === 'GET' && r.path.includes('/models'))),
      [],
    );
    assert.equal(h.editors.text, text);
    assert.deepEqual(listFiles(h.root), ['post.md']);
    assert.deepEqual(h.problems.of(doc), []);
    assert.deepEqual(h.ui.shown, []);
    assert.deepEqual(h.ui.reports, [], 'no progress started');
  });

  it('with geekaiImage.confirmBatches off nothing is asked and the requests go', async () => {
    h.settings.confirmBatches = false;
    const doc = markdownDoc(h, 'post.md', '![one](geekai:)\n\n![two](geekai:)\n');
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.deepEqual(h.ui.confirms, []);
    assert.equal(chats().length, 2);
    assert.deepEqual(h.ui.messages('info'), ['Generated 2 of 2 image(s).']);
  });

  it("one placeholder's CodeLens is one request and is not asked", async () => {
    const doc = markdownDoc(h, 'post.md', '![one](geekai:)\n\n![two](geekai:)\n');
    await generatePlaceholdersCommand(h.ctx, doc, { start: { line: 0, character: 0 } });
    assert.deepEqual(h.ui.confirms, []);
    assert.equal(chats().length, 1);
  });

  hostileCase(
    `a document with more than ${MAX_BATCH_REQUESTS} placeholders is refused whole, saying how many and the cap, even with the question turned off`,
    async () => {
      h.settings.confirmBatches = false;
      const text =
        Array.from({ length: MAX_BATCH_REQUESTS + 1 }, (_, i) => `![kite ${i}](geekai:)`).join('\n\n') + '\n';
      const doc = markdownDoc(h, 'post.md', text);
      await generatePlaceholdersCommand(h.ctx, doc);
      // Only the free price lookups (GET /models…) may have gone before the answer; no paid request.
      assert.deepEqual(
        lb.server.requests.filter((r) => !(r.method === 'GET' && r.path.includes('/models'))),
        [],
      );
      assert.deepEqual(h.ui.confirms, []);
      assert.deepEqual(h.ui.messages(), [
        `This document has ${MAX_BATCH_REQUESTS + 1} placeholders to generate, more than the ${MAX_BATCH_REQUESTS} requests Generate All Images in Document sends at once; nothing was sent. Generate a few at a time with the CodeLens above each placeholder, or split the document.`,
      ]);
      assert.equal(h.editors.text, text);
      assert.deepEqual(listFiles(h.root), ['post.md']);
    },
  );

  it(`exactly ${MAX_BATCH_REQUESTS} is asked, not refused`, async () => {
    const text = Array.from({ length: MAX_BATCH_REQUESTS }, (_, i) => `![kite ${i}](geekai:)`).join('\n\n') + '\n';
    const doc = markdownDoc(h, 'post.md', text);
    h.ui.confirmChoices.push(undefined);
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.deepEqual(
      h.ui.confirms.map((c) => c.message),
      [
        `Generate ${MAX_BATCH_REQUESTS} image(s) with ${h.settings.model}? This sends ${MAX_BATCH_REQUESTS} paid request(s) to ${host()}.`,
      ],
    );
    // Only the free price lookups (GET /models…) may have gone before the answer; no paid request.
    assert.deepEqual(
      lb.server.requests.filter((r) => !(r.method === 'GET' && r.path.includes('/models'))),
      [],
    );
  });

  hostileCase(
    `a document naming a model per placeholder (${MAX_BATCH_REQUESTS} of them): the question names the three with most requests and counts the rest; Cancel sends nothing`,
    async () => {
      const models = Array.from(
        { length: MAX_BATCH_REQUESTS - 3 },
        (_, i) => `crafted-model-${String(i).padStart(2, '0')}-${'x'.repeat(40)}`,
      );
      const lines = [
        ...models.map((m, i) => `![kite ${i}](geekai:?model=${m})`),
        '![a](geekai:?model=gpt-4o-image)',
        '![b](geekai:?model=gpt-4o-image)',
        '![c](geekai:?model=gpt-4o-image)',
      ];
      const text = lines.join('\n\n') + '\n';
      const doc = markdownDoc(h, 'post.md', text);
      h.ui.confirmChoices.push(undefined);
      await generatePlaceholdersCommand(h.ctx, doc);
      assert.deepEqual(
        h.ui.confirms.map((c) => c.message),
        [
          `Generate ${MAX_BATCH_REQUESTS} image(s) with gpt-4o-image (3), ${models[0]} (1), ${models[1]} (1) and ${models.length - 2} other model(s) (${models.length - 2})? This sends ${MAX_BATCH_REQUESTS} paid request(s) to ${host()}.`,
        ],
      );
      // Only the free price lookups (GET /models…) may have gone before the answer; no paid request.
      assert.deepEqual(
        lb.server.requests.filter((r) => !(r.method === 'GET' && r.path.includes('/models'))),
        [],
      );
      assert.equal(h.editors.text, text);
      assert.deepEqual(listFiles(h.root), ['post.md']);
    },
  );

  it('the setting is a user setting only (a workspace cannot turn the question off), on by default, described in English and both Chinese', () => {
    const root = path.join(__dirname, '..', '..', '..');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: {
        configuration: {
          properties: Record<string, { scope?: string; default?: unknown; markdownDescription?: string }>;
        };
      };
    };
    const setting = manifest.contributes.configuration.properties['geekaiImage.confirmBatches'];
    assert.deepEqual(
      { scope: setting.scope, default: setting.default, description: setting.markdownDescription },
      { scope: 'application', default: true, description: '%config.confirmBatches%' },
    );
    for (const nls of ['package.nls.json', 'package.nls.zh-cn.json', 'package.nls.zh-tw.json']) {
      const text = (JSON.parse(fs.readFileSync(path.join(root, nls), 'utf8')) as Record<string, string>)[
        'config.confirmBatches'
      ];
      assert.ok(text?.includes(String(MAX_BATCH_REQUESTS)), nls);
    }
  });
});
