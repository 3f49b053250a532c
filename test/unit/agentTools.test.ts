// The agent tools' shared pieces without a network: input schemas and their refusals, paths
// inside the root (symlinks too), planning, the confirmation and the result text.
import assert from 'node:assert/strict';
import { ImageError, hasReason } from '../../src/core/errors';
import { parseToolInput } from '../../src/agent/parseToolInput';
import { planEdit, planGenerate, type PlanContext } from '../../src/agent/planJob';
import { withMarkdownAppended } from '../../src/agent/runAgentJob';
import {
  EDIT_TOOL,
  GENERATE_TOOL,
  editImageInput,
  generateImageInput,
  inputJsonSchema,
} from '../../src/agent/toolInputs';
import { confirmation, describeToolError, invocationMessage, resultText } from '../../src/agent/toolText';
import { englishL10n, type Translator } from '../../src/agent/translator';
import { checkRealInside, resolveInRoot } from '../../src/agent/workspacePaths';
import { DEFAULT_SETTINGS } from '../../src/core/job/settings';
import { MemoryFileStore } from '../support/memoryFileStore';
import { placeholderPng } from '../server/placeholderImage';
import { markdownForms, markdownIt, renderedParagraphs } from '../support/linkable';

const ROOT = '/ws';
const NOW = new Date(2026, 11, 3, 9, 8, 7);

function store(): MemoryFileStore {
  const s = new MemoryFileStore();
  s.seed('/ws/docs/post.md', Buffer.from('# Post\n'));
  s.seed('/ws/pics/cat.png', placeholderPng('cat'));
  s.seed('/ws/pics/notes.png', Buffer.from('not an image'));
  return s;
}

function ctx(over: Partial<PlanContext> = {}): PlanContext {
  return { root: { path: ROOT }, store: store(), settings: DEFAULT_SETTINGS, now: NOW, ...over };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return describeToolError(englishL10n, e, (x) => `other: ${x instanceof ImageError ? x.reason : String(x)}`);
  }
  assert.fail('expected a refusal');
}

describe('agent tools', () => {
  describe('input schemas', () => {
    it('advertise strict JSON Schemas with the documented options', () => {
      const gen = inputJsonSchema(GENERATE_TOOL.schema);
      assert.equal(gen.$schema, undefined);
      assert.equal(gen.additionalProperties, false);
      assert.deepEqual(gen.required, ['prompt']);
      assert.deepEqual(Object.keys(gen.properties as object), [
        'prompt',
        'model',
        'aspectRatio',
        'imageSize',
        'count',
        'outputFolder',
        'markdownFile',
      ]);
      const props = gen.properties as Record<
        string,
        { enum?: string[]; minimum?: number; maximum?: number; description?: string }
      >;
      assert.deepEqual(props.aspectRatio.enum, [
        '1:1',
        '2:3',
        '3:2',
        '3:4',
        '4:3',
        '4:5',
        '5:4',
        '9:16',
        '16:9',
        '21:9',
      ]);
      assert.deepEqual([props.count.minimum, props.count.maximum], [1, 4]);
      for (const [name, p] of Object.entries(props))
        assert.ok((p.description ?? '').length > 20, `${name} is described`);
      const edit = inputJsonSchema(EDIT_TOOL.schema);
      assert.deepEqual(edit.required, ['images', 'prompt']);
      assert.deepEqual(Object.keys(edit.properties as object), ['images', 'prompt', 'model', 'markdownFile']);
    });

    it('accept good input as typed values', () => {
      const r = parseToolInput(englishL10n, generateImageInput, { prompt: 'a fox', count: 2, aspectRatio: '16:9' });
      assert.deepEqual(r, { ok: true, value: { prompt: 'a fox', count: 2, aspectRatio: '16:9' } });
      assert.equal(parseToolInput(englishL10n, generateImageInput, undefined).ok, false);
    });

    it('refuse bad input with one actionable sentence per problem', () => {
      const msg = (schema: typeof generateImageInput | typeof editImageInput, raw: unknown): string => {
        const r = parseToolInput(englishL10n, schema, raw);
        assert.equal(r.ok, false);
        return r.ok ? '' : r.message;
      };
      assert.equal(
        msg(generateImageInput, { prompt: 'x', size: '1024x1024', n: 2 }),
        'Unknown option(s): size, n. This tool accepts: prompt, model, aspectRatio, imageSize, count, outputFolder, markdownFile.',
      );
      assert.equal(msg(generateImageInput, {}), 'Option "prompt" is missing or is not of type string.');
      assert.equal(msg(generateImageInput, { prompt: 'x', count: 0 }), 'Option "count" must be at least 1.');
      assert.equal(
        msg(generateImageInput, { prompt: 'x', count: 1.5 }),
        'Option "count" is missing or is not of type int.',
      );
      assert.equal(
        msg(generateImageInput, { prompt: 'x', imageSize: '8K' }),
        'Option "imageSize" must be one of: 1K, 2K, 4K.',
      );
      assert.equal(
        msg(editImageInput, { images: 'a.png', prompt: 'x' }),
        'Option "images" is missing or is not of type array.',
      );
      assert.equal(
        msg(editImageInput, { images: Array(17).fill('a.png'), prompt: 'x' }),
        'Option "images" takes at most 16 item(s).',
      );
      assert.equal(
        msg(editImageInput, { images: [3], prompt: 'x' }),
        'Option "images.0" is missing or is not of type string.',
      );
      assert.equal(
        msg(generateImageInput, ['x']),
        'The tool input must be an object with the options: prompt, model, aspectRatio, imageSize, count, outputFolder, markdownFile.',
      );
    });

    it('word refusals through the translator it is given', () => {
      const upper: Translator = { t: (m, ...a) => englishL10n.t(m.toUpperCase(), ...a) };
      const r = parseToolInput(upper, generateImageInput, { prompt: 'x', bogus: 1 });
      assert.deepEqual(r, {
        ok: false,
        message:
          'UNKNOWN OPTION(S): bogus. THIS TOOL ACCEPTS: prompt, model, aspectRatio, imageSize, count, outputFolder, markdownFile.',
      });
    });
  });

  describe('paths inside the root', () => {
    it('resolves relative and absolute-inside paths, and file URLs', () => {
      assert.equal(resolveInRoot(ROOT, 'docs/a.png'), '/ws/docs/a.png');
      assert.equal(resolveInRoot(ROOT, './docs/../b.png'), '/ws/b.png');
      assert.equal(resolveInRoot(ROOT, 'docs\\c.png'), '/ws/docs/c.png');
      assert.equal(resolveInRoot(ROOT, '/ws/docs/'), '/ws/docs');
      assert.equal(resolveInRoot(ROOT, 'file:///ws/x%20y.png'), '/ws/x y.png');
      assert.equal(resolveInRoot(ROOT, '.'), '/ws');
    });

    it('refuses anything that leaves it', () => {
      for (const p of [
        '../x.png',
        '/etc/passwd',
        '/ws2/a.png',
        'a/../../x',
        '..\\..\\x',
        'C:/ws/a.png',
        '~/a.png',
        'file:///etc/passwd',
      ]) {
        assert.throws(
          () => resolveInRoot(ROOT, p),
          (e: unknown) => hasReason(e, 'invalidInput', 'outsideRoot') && e.params.path === p,
          p,
        );
      }
      assert.throws(
        () => resolveInRoot(ROOT, '  '),
        (e: unknown) => e instanceof ImageError && e.reason === 'emptyPath',
      );
    });

    it('follows symlinks of the path, or of its deepest existing folder, and compares with the real root', async () => {
      const linked: Record<string, string> = {
        '/ws': '/real/ws',
        '/ws/docs': '/real/ws/docs',
        '/ws/out': '/elsewhere',
        '/ws/ok': '/real/ws/inner',
      };
      const links = new Map(Object.entries(linked));
      const store = { realPath: async (p: string): Promise<string | undefined> => links.get(p) };
      const root = { path: ROOT };
      await checkRealInside(store, root, '/ws/docs', 'docs');
      await checkRealInside(store, root, '/ws/ok/new/deeper', 'ok/new/deeper');
      await checkRealInside(store, root, '/ws/missing/x.png', 'missing/x.png');
      await assert.rejects(
        checkRealInside(store, root, '/ws/out/new', 'out/new'),
        (e: unknown) => hasReason(e, 'invalidInput', 'outsideRoot') && e.params.path === 'out/new',
      );
      // A file system without links gives every path back as it is: the text decides.
      await checkRealInside({ realPath: async (p) => p }, root, '/ws/out/new', 'no links: nothing to follow');
    });
  });

  describe('planning', () => {
    it('generate: the default folder is images/ beside the Markdown file, names follow the fileName setting', async () => {
      const job = await planGenerate({ prompt: '  A fox\u0007 ', markdownFile: 'docs/post.md', count: 3 }, ctx());
      assert.equal(job.prompt, 'A fox');
      assert.equal(job.model, 'gemini-2.5-flash-image');
      assert.equal(job.folder, '/ws/docs/images');
      assert.equal(job.markdownFile, '/ws/docs/post.md');
      assert.equal(job.count, 3);
      assert.deepEqual(job.job, {
        prompt: 'A fox',
        model: 'gemini-2.5-flash-image',
        aspectRatio: undefined,
        imageSize: undefined,
        references: [],
        document: '/ws/docs/post.md',
        options: { n: 3 },
      });
      assert.equal(job.settings.outputFolder, DEFAULT_SETTINGS.outputFolder);
    });

    it('generate: an explicit folder (relative or absolute inside), model and options win over settings', async () => {
      const settings = { ...DEFAULT_SETTINGS, aspectRatio: '1:1', model: 'gpt-5-all' };
      const job = await planGenerate(
        { prompt: 'x', outputFolder: '/ws/assets/img', aspectRatio: '16:9', model: ' midjourney-chat ' },
        ctx({ settings }),
      );
      assert.equal(job.folder, '/ws/assets/img');
      assert.equal(job.settings.outputFolder, 'assets/img');
      assert.equal(job.job.aspectRatio, '16:9');
      assert.equal(job.model, 'midjourney-chat');
      assert.equal(job.job.model, 'midjourney-chat');
      // Without one, core takes the setting's aspect ratio.
      assert.equal((await planGenerate({ prompt: 'x' }, ctx({ settings }))).settings.aspectRatio, '1:1');
      assert.equal((await planGenerate({ prompt: 'x' }, ctx())).folder, '/ws/images');
    });

    it('edit: checks each image by its bytes, saves beside the first', async () => {
      const s = store();
      s.seed('/ws/pics/dog.png', placeholderPng('dog'));
      const job = await planEdit({ images: ['pics/cat.png', '/ws/pics/dog.png'], prompt: 'hat' }, ctx({ store: s }));
      assert.equal(job.folder, '/ws/pics');
      assert.deepEqual(job.sent, ['cat.png', 'dog.png']);
      assert.deepEqual(job.job, {
        prompt: 'hat',
        model: 'gemini-2.5-flash-image',
        references: ['/ws/pics/cat.png', '/ws/pics/dog.png'],
        document: undefined,
        besideSource: '/ws/pics/cat.png',
        options: { n: 1 },
      });
    });

    it('refuses, before anything is sent: empty prompt, bad model, non-image, missing or non-Markdown file, folders outside', async () => {
      assert.equal(await refusal(planGenerate({ prompt: ' \u0000 ' }, ctx())), 'other: emptyPrompt');
      assert.equal(await refusal(planGenerate({ prompt: 'x', model: 'a b' }, ctx())), 'other: badModel');
      assert.equal(await refusal(planEdit({ images: ['pics/notes.png'], prompt: 'x' }, ctx())), 'other: notAnImage');
      assert.equal(await refusal(planEdit({ images: ['pics/none.png'], prompt: 'x' }, ctx())), 'other: missingFile');
      assert.equal(
        await refusal(planGenerate({ prompt: 'x', markdownFile: 'docs/other.md' }, ctx())),
        '"docs/other.md" does not exist. Create the Markdown file first, or omit markdownFile and place the returned Markdown yourself.',
      );
      assert.equal(
        await refusal(planGenerate({ prompt: 'x', markdownFile: 'pics/cat.png' }, ctx())),
        '"pics/cat.png" is not a Markdown file (.md). Name an existing Markdown file, or omit markdownFile and place the returned Markdown yourself.',
      );
      assert.equal(
        await refusal(planGenerate({ prompt: 'x', outputFolder: '../out' }, ctx())),
        '"../out" is outside the workspace folder, or a symbolic link in it points outside (links pointing inside are followed). Use a path relative to the workspace folder.',
      );
      assert.equal(
        await refusal(planEdit({ images: ['pics/cat.png', '/etc/hosts'], prompt: 'x' }, ctx())),
        '"/etc/hosts" is outside the workspace folder, or a symbolic link in it points outside (links pointing inside are followed). Use a path relative to the workspace folder.',
      );
      const badUrl = { ...DEFAULT_SETTINGS, baseUrl: 'ftp://x' };
      assert.equal(await refusal(planGenerate({ prompt: 'x' }, ctx({ settings: badUrl }))), 'other: badBaseUrl');
    });
  });

  describe('texts', () => {
    it('the confirmation names the model, the prompt, the paid request(s), the host and where files go', async () => {
      // Chat renders the confirmation as Markdown: one paragraph a line, the agent's words escaped
      // only where Markdown would read syntax (none here: ids and paths read as typed).
      const one = await planGenerate({ prompt: 'A fox', markdownFile: 'docs/post.md' }, ctx());
      const shown = confirmation(englishL10n, one, 'https://geekai.co/api/v1');
      assert.equal(shown.title, 'Generate an image with GeekAI?');
      assert.equal(
        shown.message,
        [
          'Model: gemini-2.5-flash-image',
          'Prompt: A fox',
          'This makes a paid request to geekai.co with your GeekAI API key.',
          'Saved in: docs/images',
          'Links appended to: docs/post.md',
        ].join('\n\n'),
      );
      assert.deepEqual(renderedParagraphs(shown.message), [
        'Model: gemini-2.5-flash-image',
        'Prompt: A fox',
        'This makes a paid request to geekai.co with your GeekAI API key.',
        'Saved in: docs/images',
        'Links appended to: docs/post.md',
      ]);
      const three = await planGenerate({ prompt: 'x'.repeat(600), count: 3, model: 'gpt-4o-image' }, ctx());
      const msg = renderedParagraphs(confirmation(englishL10n, three, 'http://127.0.0.1:9/api/v1').message);
      assert.equal(msg[1], `Prompt: ${'x'.repeat(499)}…`);
      assert.equal(msg[2], 'This makes 3 paid requests to 127.0.0.1:9 with your GeekAI API key.');
      const edit = await planEdit({ images: ['pics/cat.png'], prompt: 'add a hat' }, ctx());
      const edited = confirmation(englishL10n, edit, 'https://geekai.co/api/v1');
      assert.equal(edited.title, 'Edit an image with GeekAI?');
      assert.deepEqual(renderedParagraphs(edited.message), [
        'Model: gemini-2.5-flash-image',
        'Prompt: add a hat',
        'This makes a paid request to geekai.co with your GeekAI API key.',
        'Images sent: cat.png',
        'Saved in: pics',
      ]);
      // The running message is a string the chat appends as text: no Markdown escapes in it.
      assert.equal(invocationMessage(englishL10n, edit), 'Editing cat.png with gemini-2.5-flash-image…');
    });

    it("an agent's prompt in the confirmation renders as its text: no link, image, HTML or emphasis", async () => {
      const prompt =
        '[Approve](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) ![x](https://evil.example/p.png) <img src=x onerror=alert(1)> **bold** `code`\n# heading';
      const job = await planGenerate({ prompt }, ctx());
      const message = confirmation(englishL10n, job, 'https://geekai.co/api/v1').message;
      for (const paragraph of message.split('\n\n')) assert.deepEqual(markdownForms(paragraph), [], paragraph);
      const html = markdownIt({ html: true, linkify: true }).render(message);
      assert.doesNotMatch(html, /<a |<img|<strong>|<code>|<h1>/);
      assert.match(
        html,
        /<p>Prompt: \[Approve\]\(command:workbench\.action\.terminal\.sendSequence\?%7B%22text%22%3A%22rm%22%7D\) !\[x\]\(https:\/\/evil\.example\/p\.png\) &lt;img src=x onerror=alert\(1\)&gt; \*\*bold\*\* `code` # heading<\/p>/,
      );
    });

    it('the result gives workspace-relative paths, the exact Markdown, and variations that failed', async () => {
      const job = await planGenerate({ prompt: 'A fox', markdownFile: 'docs/post.md', count: 2 }, ctx());
      const text = resultText(englishL10n, job, {
        files: ['/ws/docs/images/a.png'],
        markdown: '![A fox](images/a.png)',
        model: 'gemini-2.5-flash-image',
        appendedTo: '/ws/docs/post.md',
        failedVariations: 1,
      });
      assert.equal(
        text,
        [
          'Saved 1 image with gemini-2.5-flash-image:',
          'docs/images/a.png',
          '',
          '1 of 2 variations failed and were not saved.',
          '',
          'Markdown to use (links relative to docs/post.md):',
          '![A fox](images/a.png)',
          '',
          'These links were appended to the end of docs/post.md.',
        ].join('\n'),
      );
    });

    it('the result says what the call cost after the files and before the Markdown; where the links went stays last', async () => {
      const job = await planGenerate({ prompt: 'A fox', markdownFile: 'docs/post.md', count: 2 }, ctx());
      job.estimate = {
        model: 'gpt-image-1',
        api: 'images',
        priced: { quality: 'high' },
        total: 0.5,
        perImage: 0.25,
        images: 2,
        approximate: true,
      };
      const outcome = {
        files: ['/ws/docs/images/a.png', '/ws/docs/images/b.png'],
        markdown: '![A fox](images/a.png)\n\n![A fox](images/b.png)',
        model: 'gpt-image-1',
        appendedTo: '/ws/docs/post.md',
        failedVariations: 0,
      };
      const tail = [
        '',
        'Markdown to use (links relative to docs/post.md):',
        '![A fox](images/a.png)',
        '',
        '![A fox](images/b.png)',
        '',
        'These links were appended to the end of docs/post.md.',
      ];
      const head = ['Saved 2 images with gpt-image-1:', 'docs/images/a.png', 'docs/images/b.png', ''];
      // Before the answer said what it cost: the estimate, named as one.
      assert.equal(
        resultText(englishL10n, job, outcome),
        [...head, 'Estimated cost: ≈ ¥0.50 for 2 images', ...tail].join('\n'),
      );
      const cost = { total: 0.3, perImage: 0.15, images: 2, approximate: false, fromUsage: true };
      assert.equal(
        resultText(englishL10n, job, { ...outcome, cost }),
        [...head, 'Cost: ¥0.30 for 2 images', ...tail].join('\n'),
      );
      assert.equal(
        resultText(englishL10n, job, { ...outcome, cost: { images: 2, approximate: false } }),
        [...head, 'Cost: price unknown (2 image(s))', ...tail].join('\n'),
      );
    });

    it('appended Markdown is a paragraph of its own, in the line breaks of the document', () => {
      assert.equal(withMarkdownAppended('', '![a](b.png)'), '![a](b.png)');
      assert.equal(withMarkdownAppended('text', '![a](b.png)'), 'text\n\n![a](b.png)');
      assert.equal(withMarkdownAppended('text\n', '![a](b.png)\n![c](d.png)'), 'text\n\n![a](b.png)\n![c](d.png)');
      assert.equal(withMarkdownAppended('text\n\n', '![a](b.png)'), 'text\n\n![a](b.png)');
      assert.equal(withMarkdownAppended('# T\r\n', '![a](b.png)\n![c](d.png)'), '# T\r\n![a](b.png)\r\n![c](d.png)');
    });
  });
});
