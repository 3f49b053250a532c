// The Studio's trust boundary and its message handlers, without VS Code: invalid messages are
// logged and dropped, valid ones reach the session, which only acts on what the host accepted.
import assert from 'node:assert/strict';
import { createMessageRouter, type MessageHandlers } from '../../src/studio/messageRouter';
import { StudioSession } from '../../src/studio/studioSession';
import { studioStrings } from '../../src/studio/studioStrings';
import type { WebviewToHost, WebviewToHostType } from '../../shared/protocol';
import { LogCapture } from '../support/logCapture';
import type { HistoryEntry } from '../../src/studio/historyStore';
import { FakeBackend, FakeHost, file, MemoryStorage, memoryHistory, WS } from './support/studioFakes';

const TYPES: WebviewToHostType[] = [
  'ready',
  'generate',
  'cancel',
  'pickImages',
  'removeAttachment',
  'pasteImage',
  'dropUris',
  'insert',
  'copyMarkdown',
  'reveal',
  'open',
  'editThis',
  'regenerate',
  'dropContinuation',
  'setApiKey',
  'openSettings',
  'loadMoreHistory',
  'describeModel',
  'estimate',
  'gallery',
  'galleryAction',
];
const S = studioStrings({ t: (m) => m });
const PNG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13]).toString('base64');

function spyHandlers(): { handlers: MessageHandlers; calls: WebviewToHost[] } {
  const calls: WebviewToHost[] = [];
  const record = (m: WebviewToHost): void => void calls.push(m);
  // Every type gets the same recorder; the router's own typing is what is under test.
  const handlers = Object.fromEntries(TYPES.map((t) => [t, record])) as MessageHandlers;
  return { handlers, calls };
}

describe('Studio message router', () => {
  const invalid: [string, unknown][] = [
    ['not an object', 'generate'],
    ['null', null],
    ['no type', { prompt: 'x' }],
    ['unknown type', { type: 'runShell', command: 'rm -rf /' }],
    ['type of the wrong kind', { type: 7 }],
    ['extra field', { type: 'ready', html: '<img onerror=alert(1)>' }],
    ['empty prompt', { type: 'generate', prompt: '', model: 'm', attachmentIds: [] }],
    ['prompt too long', { type: 'generate', prompt: 'x'.repeat(100_001), model: 'm', attachmentIds: [] }],
    ['prompt not a string', { type: 'generate', prompt: ['x'], model: 'm', attachmentIds: [] }],
    ['unknown aspect ratio', { type: 'generate', prompt: 'x', model: 'm', aspectRatio: '1:1; rm', attachmentIds: [] }],
    ['attachments missing', { type: 'generate', prompt: 'x', model: 'm' }],
    [
      'too many attachments',
      { type: 'generate', prompt: 'x', model: 'm', attachmentIds: Array.from({ length: 17 }, (_, i) => `a${i}`) },
    ],
    ['id with a path in it', { type: 'insert', resultId: '../../etc/passwd' }],
    ['no result id', { type: 'open' }],
    ['negative image index', { type: 'insert', resultId: 'r', image: -1 }],
    ['fractional image index', { type: 'copyMarkdown', resultId: 'r', image: 0.5 }],
    ['image index past the limit', { type: 'insert', resultId: 'r', image: 64 }],
    ['image index as text', { type: 'insert', resultId: 'r', image: '1' }],
    ['image index on a message that takes none', { type: 'open', resultId: 'r', image: 0 }],
    ['dropContinuation with a payload', { type: 'dropContinuation', resultId: 'r' }],
    ['drop of nothing', { type: 'dropUris', uris: [] }],
    ['drop of a non-string', { type: 'dropUris', uris: [{ path: '/etc/passwd' }] }],
    ['paste of a non-image mime', { type: 'pasteImage', name: 'x.svg', mime: 'image/svg+xml', base64: PNG }],
    ['paste that is not base64', { type: 'pasteImage', name: 'x.png', mime: 'image/png', base64: 'not base64!' }],
    [
      'mask that is not base64',
      { type: 'generate', prompt: 'x', model: 'm', attachmentIds: ['a'], maskBase64: '<svg>' },
    ],
    [
      'mask over the size cap',
      {
        type: 'generate',
        prompt: 'x',
        model: 'm',
        attachmentIds: ['a'],
        maskBase64: 'A'.repeat(Math.ceil((20 * 1024 * 1024) / 3) * 4 + 4),
      },
    ],
    [
      'mask as an object',
      { type: 'generate', prompt: 'x', model: 'm', attachmentIds: ['a'], maskBase64: { url: 'file:///etc/passwd' } },
    ],
    ['describeModel on an API that does not exist', { type: 'describeModel', model: 'gpt-image-1', api: 'ftp' }],
    ['describeModel without a model', { type: 'describeModel', model: '' }],
    ['estimate without a model', { type: 'estimate', seq: 1, model: '' }],
    ['estimate without its number', { type: 'estimate', model: 'gpt-image-1' }],
    ['estimate numbered below zero', { type: 'estimate', seq: -1, model: 'gpt-image-1' }],
    ['estimate numbered with a fraction', { type: 'estimate', seq: 1.5, model: 'gpt-image-1' }],
    [
      'estimate of more images than a job may ask for',
      { type: 'estimate', seq: 1, model: 'gpt-image-1', variations: 9 },
    ],
    ['estimate with an option no control has', { type: 'estimate', seq: 1, model: 'gpt-image-1', price: 0 }],
    [
      'estimate with a quality that is markup',
      { type: 'estimate', seq: 1, model: 'gpt-image-1', quality: '<b>hd</b>' },
    ],
    ['negative history offset', { type: 'loadMoreHistory', offset: -1 }],
    ['fractional history offset', { type: 'loadMoreHistory', offset: 1.5 }],
    ['gallery search past its length', { type: 'gallery', search: 'x'.repeat(201), offset: 0 }],
    ['gallery without a search', { type: 'gallery', offset: 0 }],
    ['gallery offset below zero', { type: 'gallery', search: '', offset: -1 }],
    ['gallery offset past the library', { type: 'gallery', search: '', offset: 20_001 }],
    ['gallery with a path to list', { type: 'gallery', search: '', offset: 0, folder: '/etc' }],
    ['gallery action that does not exist', { type: 'galleryAction', action: 'delete', id: 'g1' }],
    ['gallery action on a path instead of an id', { type: 'galleryAction', action: 'open', id: '/etc/passwd' }],
    ['gallery action on a URI', { type: 'galleryAction', action: 'attach', id: 'file:///home/u/.ssh/id_rsa' }],
  ];

  for (const [name, raw] of invalid) {
    it(`rejects and logs, never runs: ${name}`, async () => {
      const { handlers, calls } = spyHandlers();
      const log = new LogCapture();
      const route = createMessageRouter(handlers, log, () => assert.fail('no handler ran, so none failed'));
      assert.equal(await route(raw), 'rejected');
      assert.deepEqual(calls, []);
      assert.equal(log.lines.length, 1);
      assert.equal(log.lines[0].level, 'warn');
      assert.match(log.lines[0].message, /rejected a webview message/);
    });
  }

  it('does not echo the rejected content into the log', async () => {
    const { handlers } = spyHandlers();
    const log = new LogCapture();
    const secret = 'sk-live-1234567890abcdef';
    await createMessageRouter(
      handlers,
      log,
      () => undefined,
    )({ type: 'generate', prompt: secret, model: 'm', attachmentIds: [], extra: secret });
    assert.ok(!log.text().includes(secret), log.text());
    assert.match(log.text(), /unrecognized_keys/);
  });

  it('dispatches a valid message to its handler exactly once', async () => {
    const { handlers, calls } = spyHandlers();
    const route = createMessageRouter(handlers, new LogCapture(), () => undefined);
    const msg = {
      type: 'generate',
      prompt: 'a fox',
      model: 'gpt-4o-image',
      aspectRatio: '16:9',
      attachmentIds: ['a-1'],
    };
    assert.equal(await route(msg), 'handled');
    assert.deepEqual(calls, [msg]);
  });

  it('logs a failing handler and reports it, instead of throwing into VS Code', async () => {
    const { handlers } = spyHandlers();
    const log = new LogCapture();
    const failures: unknown[] = [];
    handlers.setApiKey = async () => {
      throw new Error('secret storage unavailable');
    };
    const outcome = await createMessageRouter(handlers, log, (_m, e) => failures.push(e))({ type: 'setApiKey' });
    assert.equal(outcome, 'failed');
    assert.equal(failures.length, 1);
    assert.match(log.text(), /error: Studio: handling "setApiKey" failed: secret storage unavailable/);
  });
});

describe('Studio session handlers', () => {
  let host: FakeHost;
  let backend: FakeBackend;
  let log: LogCapture;
  let session: StudioSession;
  let storage: MemoryStorage;
  let route: (raw: unknown) => Promise<unknown>;

  beforeEach(() => {
    host = new FakeHost();
    backend = new FakeBackend();
    log = new LogCapture();
    storage = new MemoryStorage();
    session = new StudioSession(host, backend, memoryHistory(host, log, storage), S, log);
    route = createMessageRouter(session.handlers, log, (_m, e) => session.reportError(e));
    host.files.add(`${WS}/cat.png`);
  });

  afterEach(() => session.dispose());

  it('answers ready with init: strings, models, defaults, history and the Insert target', async () => {
    await route({ type: 'ready' });
    const [init] = host.ofType('init');
    assert.equal(init.strings.send, 'Generate');
    assert.deepEqual(init.models, [{ id: 'gpt-4o-image', label: 'gpt-4o-image' }]);
    assert.equal(init.target, 'README.md');
    assert.equal(init.historyTotal, 0);
    assert.deepEqual(init.jobs, []);
  });

  it('runs a generation: progress, a card with webview URIs, history, and clears the references', async () => {
    await session.addAttachments([file(`${WS}/cat.png`)]);
    const [{ id }] = host.ofType('attachments')[0].attachments;
    await route({
      type: 'generate',
      prompt: 'the cat in a hat',
      model: 'gpt-4o-image',
      aspectRatio: '',
      attachmentIds: [id],
    });
    assert.equal(backend.jobs.length, 1);
    assert.deepEqual(
      backend.jobs[0].references.map((u) => u.path),
      [`${WS}/cat.png`],
    );
    assert.equal(backend.jobs[0].aspectRatio, undefined, 'empty means let the model decide');
    assert.equal(backend.jobs[0].document?.path, `${WS}/docs/README.md`);
    assert.deepEqual(
      host.posted.map((m) => m.type),
      ['attachments', 'jobStarted', 'progress', 'result', 'attachments', 'jobEnded'],
    );
    const [{ card }] = host.ofType('result');
    assert.deepEqual(card.images, [
      { name: 'out-1.png', webviewUri: `https://webview.test${WS}/images/out-1.png`, missing: false, variation: 0 },
    ]);
    assert.equal(card.text, 'Here you go');
    assert.deepEqual(host.ofType('attachments')[1].attachments, []);

    host.posted.length = 0;
    await route({ type: 'loadMoreHistory', offset: 0 });
    const [page] = host.ofType('history');
    assert.equal(page.total, 1);
    assert.equal(page.entries[0].prompt, 'the cat in a hat');
  });

  it('refuses an attachment id the host never handed out', async () => {
    await route({ type: 'generate', prompt: 'x', model: 'gpt-4o-image', attachmentIds: ['forged-id'] });
    assert.equal(backend.jobs.length, 0);
    assert.deepEqual(
      host.ofType('error').map((e) => e.message),
      [S.unknownAttachment],
    );
  });

  it('sends a painted mask with the job, with the references in the order the panel gave (the masked image first)', async () => {
    host.files.add(`${WS}/hat.png`);
    await session.addAttachments([file(`${WS}/cat.png`), file(`${WS}/hat.png`)]);
    const [cat, hat] = host.ofType('attachments')[0].attachments;
    const maskBytes = Buffer.concat([Buffer.from(PNG, 'base64'), Buffer.from('IHDR and the rest')]);
    await route({
      type: 'generate',
      prompt: 'a red hat',
      model: 'gpt-image-1',
      attachmentIds: [hat.id, cat.id],
      maskBase64: maskBytes.toString('base64'),
    });
    assert.equal(backend.jobs.length, 1);
    assert.deepEqual(
      backend.jobs[0].references.map((u) => u.path),
      [`${WS}/hat.png`, `${WS}/cat.png`],
    );
    assert.deepEqual(Buffer.from(backend.jobs[0].mask ?? []), maskBytes);
    assert.deepEqual(host.ofType('error'), []);
  });

  it('describes the default model after init, and any model the panel asks about, on the API it would use', async () => {
    await route({ type: 'ready' });
    assert.deepEqual(
      host.posted.map((m) => m.type),
      ['init', 'modelOptions'],
    );
    const [first] = host.ofType('modelOptions');
    assert.equal(first.options.model, 'gpt-4o-image');
    assert.equal(first.options.api, 'chat');
    assert.equal(first.options.sizes, undefined, 'chat takes no pixel size: the control hides');

    await route({ type: 'describeModel', model: 'gpt-image-1' });
    await route({ type: 'describeModel', model: 'gpt-image-1', api: 'responses' });
    await route({ type: 'describeModel', model: 'gpt image' });
    const [, images, responses, ...rest] = host.ofType('modelOptions').map((m) => m.options);
    assert.deepEqual(rest, [], 'no answer for an id that cannot be one');
    assert.equal(images.api, 'images');
    assert.deepEqual(images.qualities, { values: ['auto', 'low', 'medium', 'high'], free: false });
    assert.equal(images.mask, true);
    assert.equal(images.variationsInOneRequest, true);
    assert.equal(responses.api, 'responses');
    assert.equal(responses.livePreview, true);
    assert.equal(responses.variationsInOneRequest, false);
  });

  it('passes the option controls to the job, keeps them in the history, and Regenerate asks the same again', async () => {
    backend.onGenerate = async (job) => ({
      files: [file(`${WS}/images/a.png`), file(`${WS}/images/b.png`)],
      markdown: '',
      text: '',
      model: job.model,
      prompt: job.prompt,
      failures: [],
      api: 'images',
      images: [{ variation: 0, revisedPrompt: 'a red fox, studio light' }, { variation: 1 }],
      droppedOptions: [],
    });
    await route({
      type: 'generate',
      prompt: 'a fox',
      model: 'gpt-image-1',
      attachmentIds: [],
      api: 'images',
      variations: 2,
      size: '1536x1024',
      quality: 'high',
      background: 'transparent',
      outputFormat: 'webp',
    });
    const [job] = backend.jobs;
    assert.equal(job.api, 'images');
    assert.deepEqual(job.options, {
      n: 2,
      size: '1536x1024',
      quality: 'high',
      background: 'transparent',
      outputFormat: 'webp',
      negativePrompt: undefined,
    });
    const [{ card }] = host.ofType('result');
    assert.equal(card.api, 'images');
    assert.equal(card.variations, 2);
    assert.deepEqual(
      card.images.map((i) => [i.variation, i.revisedPrompt]),
      [
        [0, 'a red fox, studio light'],
        [1, undefined],
      ],
    );

    await route({ type: 'regenerate', resultId: card.id });
    assert.equal(backend.jobs.length, 2);
    assert.equal(backend.jobs[1].api, 'images');
    assert.deepEqual(backend.jobs[1].options, job.options);
    // The history file keeps the request, so Regenerate after a restart asks the same too.
    const stored = (JSON.parse(storage.text ?? '{}') as { entries: HistoryEntry[] }).entries.find(
      (e) => e.id === card.id,
    );
    assert.deepEqual(stored?.request, {
      api: 'images',
      variations: 2,
      size: '1536x1024',
      quality: 'high',
      background: 'transparent',
      outputFormat: 'webp',
    });
  });

  it('answers an estimate with its own number, for the model and options the page would send; none for an id that cannot be one', async () => {
    await route({
      type: 'estimate',
      seq: 7,
      model: 'gpt-image-1',
      variations: 3,
      quality: 'low',
      api: 'images',
      imageSize: '',
    });
    await route({ type: 'estimate', seq: 8, model: 'gpt image' });
    assert.deepEqual(host.ofType('estimate'), [{ type: 'estimate', seq: 7, text: 'estimate for gpt-image-1 × 3' }]);
    assert.deepEqual(backend.estimates, [
      {
        model: 'gpt-image-1',
        options: {
          api: 'images',
          variations: 3,
          size: undefined,
          quality: 'low',
          background: undefined,
          outputFormat: undefined,
          negativePrompt: undefined,
        },
      },
    ]);
  });

  it("after init: the picker's models again once the gateway's list is in, and the balance for the header", async () => {
    backend.refreshed = [
      { id: 'gpt-image-2', label: 'gpt-image-2', api: 'images' },
      { id: 'imagen-4', label: 'imagen-4 (unavailable)', api: 'images', unavailable: true },
    ];
    backend.balanceText = '¥37.00';
    await route({ type: 'ready' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      host.posted.map((m) => m.type),
      ['init', 'modelOptions', 'models', 'balance'],
    );
    assert.deepEqual(host.ofType('models')[0].models, backend.refreshed);
    assert.deepEqual(host.ofType('balance'), [{ type: 'balance', text: '¥37.00' }]);
  });

  it('a result card says what the job cost, and its history entry keeps it', async () => {
    backend.onGenerate = async (job) => ({
      files: [file(`${WS}/images/a.png`)],
      markdown: '',
      text: '',
      model: job.model,
      prompt: job.prompt,
      failures: [],
      api: 'images',
      images: [{ variation: 0 }],
      droppedOptions: [],
      cost: { total: 0.15, perImage: 0.15, images: 1, approximate: false, fromUsage: true },
    });
    await route({ type: 'generate', prompt: 'a lighthouse', model: 'atelier-canvas-1', attachmentIds: [] });
    const [{ card }] = host.ofType('result');
    assert.equal(card.cost, '¥0.15');
    await new Promise((r) => setImmediate(r));
    const stored = (JSON.parse(storage.text ?? '{}') as { entries: HistoryEntry[] }).entries.find(
      (e) => e.id === card.id,
    );
    assert.equal(stored?.cost, '¥0.15');
  });

  it('refuses a model id that could not be one', async () => {
    await route({ type: 'generate', prompt: 'x', model: 'gpt 4o; drop', attachmentIds: [] });
    assert.equal(backend.jobs.length, 0);
    assert.deepEqual(
      host.ofType('error').map((e) => e.message),
      [S.invalidModel],
    );
  });

  it('Cancel aborts that job and ends it at once, a late answer is ignored; the job beside it goes on', async () => {
    const signals: AbortSignal[] = [];
    const finish: (() => void)[] = [];
    backend.onGenerate = (job, _p, s) => {
      signals.push(s);
      return new Promise((resolve) =>
        finish.push(() =>
          resolve({
            files: [file(`${WS}/${job.prompt}.png`)],
            markdown: '',
            text: '',
            model: job.model,
            prompt: job.prompt,
            failures: [],
            api: 'chat',
            images: [{ variation: 0 }],
            droppedOptions: [],
          }),
        ),
      );
    };
    const running = route({ type: 'generate', prompt: 'slow', model: 'gpt-4o-image', attachmentIds: [] });
    const beside = route({ type: 'generate', prompt: 'second', model: 'gpt-4o-image', attachmentIds: [] });
    await new Promise((r) => setImmediate(r));
    const [first, second] = host.ofType('jobStarted');
    assert.deepEqual([first?.prompt, second?.prompt], ['slow', 'second'], 'both start: jobs run side by side');
    assert.deepEqual(host.ofType('error'), []);

    await route({ type: 'cancel', jobId: first.jobId });
    assert.deepEqual(
      signals.map((s) => s.aborted),
      [true, false],
    );
    assert.deepEqual(
      host.ofType('jobEnded').map((e) => [e.jobId, e.outcome]),
      [[first.jobId, 'cancelled']],
    );
    assert.equal(host.ofType('error')[0]?.kind, 'cancelled');
    finish[0]();
    finish[1]();
    await Promise.all([running, beside]);
    assert.deepEqual(
      host.ofType('result').map((r) => r.jobId),
      [second.jobId],
      'the late answer is dropped, the other saved',
    );
    assert.deepEqual(
      host.ofType('jobEnded').map((e) => [e.jobId, e.outcome]),
      [
        [first.jobId, 'cancelled'],
        [second.jobId, 'done'],
      ],
    );
  });

  it('turns a backend failure into an error message with its actions', async () => {
    backend.onGenerate = async () => {
      throw new Error('HTTP 502');
    };
    await route({ type: 'generate', prompt: 'x', model: 'gpt-4o-image', attachmentIds: [] });
    const [err] = host.ofType('error');
    assert.deepEqual([err.kind, err.message, err.actions], ['server', 'failed: HTTP 502', ['retry']]);
    assert.deepEqual(
      host.ofType('jobEnded').map((e) => e.outcome),
      ['error'],
    );
  });

  it('accepts dropped workspace images only', async () => {
    host.files.add(`${WS}/a.png`);
    host.files.add('/etc/secret.png');
    await route({
      type: 'dropUris',
      uris: [
        `file://${WS}/a.png`,
        'file:///etc/secret.png',
        `file://${WS}/../etc/secret.png`,
        `file://${WS}/notes.txt`,
        'not a uri',
        `file://${WS}/gone.png`,
      ],
    });
    const last = host.ofType('attachments').at(-1);
    assert.deepEqual(
      last?.attachments.map((a) => a.name),
      ['a.png'],
    );
    assert.ok(host.ofType('error').some((e) => e.message === S.outsideWorkspace));
  });

  it('saves a pasted image only when its bytes are an image', async () => {
    await route({
      type: 'pasteImage',
      name: 'x.png',
      mime: 'image/png',
      base64: Buffer.from('<svg onload=alert(1)>').toString('base64'),
    });
    assert.equal(backend.saved.length, 0);
    assert.deepEqual(
      host.ofType('error').map((e) => e.message),
      [S.notAnImage],
    );

    await route({ type: 'pasteImage', name: 'image.png', mime: 'image/png', base64: PNG });
    assert.equal(backend.saved.length, 1);
    assert.equal(backend.saved[0].type.ext, 'png');
    assert.deepEqual(
      host
        .ofType('attachments')
        .at(-1)
        ?.attachments.map((a) => a.name),
      ['pasted-1.png'],
    );
  });

  it('card buttons act on the result files; Edit this makes them the references', async () => {
    await route({ type: 'generate', prompt: 'a  red\nfox', model: 'gpt-4o-image', attachmentIds: [] });
    const [{ card }] = host.ofType('result');
    host.files.add(`${WS}/images/out-1.png`);
    await route({ type: 'insert', resultId: card.id });
    await route({ type: 'copyMarkdown', resultId: card.id });
    await route({ type: 'reveal', resultId: card.id });
    await route({ type: 'open', resultId: card.id });
    assert.deepEqual(backend.calls, [`insert ${WS}/docs/README.md ${WS}/images/out-1.png a red fox`]);
    assert.deepEqual(host.calls, [
      `copy ![a red fox](${WS}/images/out-1.png)`,
      `reveal ${WS}/images/out-1.png`,
      `open ${WS}/images/out-1.png`,
    ]);

    await route({ type: 'editThis', resultId: card.id });
    assert.deepEqual(
      host
        .ofType('attachments')
        .at(-1)
        ?.attachments.map((a) => a.name),
      ['out-1.png'],
    );
    assert.equal(host.posted.at(-1)?.type, 'focusPrompt');

    await route({ type: 'regenerate', resultId: card.id });
    assert.equal(backend.jobs.length, 2);
    assert.equal(backend.jobs[1].prompt, 'a  red\nfox');
  });

  it('says so when a result is unknown or its file is gone, and touches nothing', async () => {
    await route({ type: 'insert', resultId: 'no-such-entry' });
    await route({ type: 'generate', prompt: 'x', model: 'gpt-4o-image', attachmentIds: [] });
    const [{ card }] = host.ofType('result');
    await route({ type: 'open', resultId: card.id }); // the file was never added to host.files
    assert.deepEqual(
      host.ofType('error').map((e) => e.message),
      [S.unknownResult, S.fileMissing],
    );
    assert.deepEqual(backend.calls, []);
    assert.deepEqual(host.calls, []);
  });

  it('routes setApiKey and openSettings to their owners', async () => {
    await route({ type: 'setApiKey' });
    await route({ type: 'openSettings' });
    assert.deepEqual(backend.calls, ['setApiKey']);
    assert.deepEqual(host.calls, ['openSettings']);
  });
});
