// The workspace style (.geekai/style.json) applied by core's job against the test server: what
// the server receives, what the files and links are named after, and an invalid style refused
// before the key is asked for or a byte is sent.
import assert from 'node:assert/strict';
import { hasReason } from '../../src/core/errors';
import { runImageJob, type JobDeps } from '../../src/core/job/runImageJob';
import { DEFAULT_SETTINGS } from '../../src/core/job/settings';
import { sniffImageType } from '../../src/core/imageType';
import { coreJobDeps } from '../support/coreJobDeps';
import { MemoryFileStore } from '../support/memoryFileStore';
import { useLoopback } from '../support/loopback';
import { samplePng } from '../support/sampleImage';
import { testCodecs } from '../support/codecs';

const KEY = 'sk-style-job-key-0123456789';
const STYLE_PROMPT = 'flat vector illustration, pastel palette, thin outlines';

type Part = { type: string; text?: string; image_url?: { url: string } };
type ChatBody = {
  model: string;
  messages: { role: string; content: string | Part[] }[];
  image?: { aspect_ratio?: string };
};

describe('workspace style applied to every job (core, real HTTP)', () => {
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 5 } });
  let store: MemoryFileStore;
  const ref = samplePng(8, 8);

  const asked = { key: 0 };
  const deps = (): JobDeps => coreJobDeps(lb, store, KEY, asked, { codecs: testCodecs });
  const style = (json: unknown): void =>
    store.seed(
      '/ws/.geekai/style.json',
      new TextEncoder().encode(typeof json === 'string' ? json : JSON.stringify(json)),
    );
  const chats = (): ChatBody[] =>
    lb.server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.json as ChatBody);
  const userParts = (b: ChatBody): Part[] =>
    b.messages
      .filter((m) => m.role === 'user')
      .flatMap((m) => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content));

  beforeEach(() => {
    store = new MemoryFileStore();
    store.seed('/ws/docs/post.md', new TextEncoder().encode('# Post\n'));
    store.seed('/ws/brand/palette.png', ref);
    asked.key = 0;
  });

  it("appends the style prompt, attaches its references, uses its model, ratio and format; names and links keep the user's prompt", async () => {
    style({
      prompt: STYLE_PROMPT,
      references: ['brand/palette.png'],
      model: 'gpt-4o-image',
      aspectRatio: '16:9',
      saveFormat: 'webp',
    });
    const r = await runImageJob({ prompt: 'a paper boat', references: [], document: '/ws/docs/post.md' }, deps());

    const [body] = chats();
    assert.equal(chats().length, 1);
    assert.equal(body.model, 'gpt-4o-image');
    assert.equal(body.image?.aspect_ratio, '16:9');
    const parts = userParts(body);
    assert.equal(
      parts
        .filter((p) => p.type === 'text')
        .map((p) => p.text)
        .join(''),
      `a paper boat\n\n${STYLE_PROMPT}`,
    );
    assert.deepEqual(
      parts.filter((p) => p.type === 'image_url').map((p) => p.image_url?.url),
      [`data:image/png;base64,${ref.toString('base64')}`],
    );
    assert.deepEqual(r.files, ['/ws/docs/images/2025-09-22-a-paper-boat.webp']);
    assert.equal(r.markdown, '![a paper boat](images/2025-09-22-a-paper-boat.webp)');
    assert.equal(sniffImageType(store.files.get(r.files[0]) ?? new Uint8Array())?.ext, 'webp');
  });

  it("the job's own model and ratio win over the style's defaults; its references come first", async () => {
    style({ model: 'gpt-4o-image', aspectRatio: '16:9', references: ['brand/palette.png'] });
    store.seed('/ws/mine.png', samplePng(4, 4));
    await runImageJob(
      {
        prompt: 'a kite',
        model: 'gemini-2.5-flash-image',
        aspectRatio: '1:1',
        references: ['/ws/mine.png'],
        document: '/ws/docs/post.md',
      },
      deps(),
    );
    const [body] = chats();
    assert.equal(body.model, 'gemini-2.5-flash-image');
    const urls = userParts(body)
      .filter((p) => p.type === 'image_url')
      .map((p) => p.image_url?.url);
    assert.deepEqual(urls, [
      `data:image/png;base64,${samplePng(4, 4).toString('base64')}`,
      `data:image/png;base64,${ref.toString('base64')}`,
    ]);
  });

  it('skipStyle leaves the style out of that one job', async () => {
    style({ prompt: STYLE_PROMPT, references: ['brand/palette.png'], model: 'gpt-4o-image' });
    await runImageJob(
      { prompt: 'a paper boat', references: [], document: '/ws/docs/post.md', skipStyle: true },
      deps(),
    );
    const [body] = chats();
    assert.equal(body.model, DEFAULT_SETTINGS.model);
    assert.deepEqual(userParts(body), [{ type: 'text', text: 'a paper boat' }]);
  });

  it('an invalid style is refused naming the problem, before the key is asked for or anything is sent or saved', async () => {
    const cases: [unknown, string, string][] = [
      ['{ "prompt": ', 'notJson', ''],
      [{ model: 'gpt 4o' }, 'badField', 'model'],
      [{ colour: 'red' }, 'unknownField', 'colour'],
      [{ references: ['../outside.png'] }, 'escapesWorkspace', 'references.0'],
    ];
    for (const [json, problem, field] of cases) {
      style(json);
      await assert.rejects(
        runImageJob({ prompt: 'a paper boat', references: [], document: '/ws/docs/post.md' }, deps()),
        (e: unknown) =>
          hasReason(e, 'invalidInput', 'badStyle') && e.params.problem === problem && e.params.field === field,
        problem,
      );
    }
    assert.equal(asked.key, 0);
    assert.equal(lb.server.requests.length, 0);
    assert.ok(![...store.files.keys()].some((f) => f.includes('/images/')));
  });
});
