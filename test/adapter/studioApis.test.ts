// The Studio host side of the option controls, live previews, variation groups and "Edit this"
// continuing a Responses API conversation, over the session's ports (fakes, no VS Code).
import assert from 'node:assert/strict';
import type { ImageJobResult } from '../../src/core/job/imageJob';
import { createMessageRouter } from '../../src/studio/messageRouter';
import { StudioSession } from '../../src/studio/studioSession';
import { studioStrings } from '../../src/studio/studioStrings';
import { LogCapture } from '../support/logCapture';
import { FakeBackend, FakeHost, file, memoryHistory, WS } from './support/studioFakes';
import type * as vscode from 'vscode';

const S = studioStrings({ t: (m) => m });

describe('Studio: options, previews, variations and continuations (host side)', () => {
  let host: FakeHost;
  let backend: FakeBackend;
  let log: LogCapture;
  let session: StudioSession;
  let route: (raw: unknown) => Promise<unknown>;

  beforeEach(() => {
    host = new FakeHost();
    backend = new FakeBackend();
    log = new LogCapture();
    session = new StudioSession(host, backend, memoryHistory(host, log), S, log);
    route = createMessageRouter(session.handlers, log, (_m, e) => session.reportError(e));
    host.files.add(`${WS}/images/a.png`);
    host.files.add(`${WS}/images/b.png`);
  });

  afterEach(() => session.dispose());

  function responsesResult(
    responseId: string,
  ): (job: { model: string; prompt: string }) => Promise<ImageJobResult<vscode.Uri>> {
    return async (job) => ({
      files: [file(`${WS}/images/a.png`), file(`${WS}/images/b.png`)],
      markdown: '',
      text: '',
      model: job.model,
      prompt: job.prompt,
      failures: [],
      api: 'responses',
      images: [
        { variation: 0, revisedPrompt: 'a kite, detailed', responseId },
        { variation: 1, responseId: `${responseId}-2` },
      ],
      droppedOptions: [],
    });
  }

  /** A Responses API result with "Edit this" pressed on it: the next generate would continue it. */
  async function continueFrom(responseId: string): Promise<string> {
    backend.onGenerate = (job) => responsesResult(responseId)(job);
    await route({ type: 'generate', prompt: 'a kite', model: 'gpt-4.1', attachmentIds: [] });
    const [{ card }] = host.ofType('result');
    await route({ type: 'editThis', resultId: card.id });
    host.posted.length = 0;
    return card.id;
  }

  it("init is followed by the default model's controls; describeModel answers for any valid model and API, and quietly ignores a half-typed id", async () => {
    await route({ type: 'ready' });
    assert.deepEqual(
      host.posted.map((m) => m.type),
      ['init', 'modelOptions'],
    );
    assert.equal(host.ofType('modelOptions')[0].options.model, 'gpt-4o-image');
    await route({ type: 'describeModel', model: 'gpt-image-1' });
    const v = host.ofType('modelOptions')[1].options;
    assert.deepEqual(
      [v.api, v.mask, v.variationsInOneRequest, v.backgrounds?.values],
      ['images', true, true, ['auto', 'opaque', 'transparent']],
    );
    await route({ type: 'describeModel', model: 'gpt-image-1', api: 'responses' });
    assert.deepEqual(
      [host.ofType('modelOptions')[2].options.api, host.ofType('modelOptions')[2].options.livePreview],
      ['responses', true],
    );
    // A half-typed id gets no answer and no error: the one finally sent is checked by generate.
    await route({ type: 'describeModel', model: 'bad model' });
    assert.equal(host.ofType('modelOptions').length, 3);
    assert.equal(host.ofType('error').length, 0);
  });

  it('generate passes API, options and the painted mask on to the job', async () => {
    await session.addAttachments([file(`${WS}/images/a.png`)]);
    const [{ id }] = host.ofType('attachments')[0].attachments;
    await route({
      type: 'generate',
      prompt: 'p',
      model: 'gpt-image-1',
      attachmentIds: [id],
      api: 'images',
      variations: 3,
      size: '1024x1024',
      quality: 'high',
      background: 'transparent',
      outputFormat: 'png',
      negativePrompt: 'blur',
      maskBase64: 'iVBORw0KGgo=',
    });
    const job = backend.jobs[0];
    assert.equal(job.api, 'images');
    assert.deepEqual(job.options, {
      n: 3,
      size: '1024x1024',
      quality: 'high',
      background: 'transparent',
      outputFormat: 'png',
      negativePrompt: 'blur',
    });
    assert.deepEqual(Array.from(job.mask ?? []), Array.from(Buffer.from('iVBORw0KGgo=', 'base64')));
    assert.equal(job.previousResponseId, undefined);
  });

  it('partial images reach the webview as previews of the running job; the card is a variation group with revised prompts', async () => {
    backend.onGenerate = async (job, onProgress) => {
      onProgress({
        text: 'drawing',
        preview: { variation: 0, index: 0, dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
      });
      return responsesResult('resp_1')(job);
    };
    await route({ type: 'generate', prompt: 'a kite', model: 'gpt-4.1', attachmentIds: [] });
    const [started] = host.ofType('jobStarted');
    assert.deepEqual(host.ofType('preview'), [
      { type: 'preview', jobId: started.jobId, variation: 0, index: 0, dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
    ]);
    const [{ card }] = host.ofType('result');
    assert.deepEqual([card.api, card.variations, card.continues], ['responses', 2, true]);
    assert.deepEqual(
      card.images.map((i) => [i.variation, i.revisedPrompt]),
      [
        [0, 'a kite, detailed'],
        [1, undefined],
      ],
    );
  });

  it('"Edit this" on a Responses result continues it: no attachment, previous_response_id on the next generate, then cleared', async () => {
    backend.onGenerate = (job) => responsesResult('resp_42')(job);
    await route({ type: 'generate', prompt: 'a kite', model: 'gpt-4.1', attachmentIds: [] });
    const [{ card }] = host.ofType('result');
    host.posted.length = 0;
    await route({ type: 'editThis', resultId: card.id });
    assert.deepEqual(host.posted, [
      { type: 'continuation', resultId: card.id, prompt: 'a kite' },
      { type: 'focusPrompt' },
    ]);
    await route({ type: 'generate', prompt: 'make it night', model: 'gpt-4.1', attachmentIds: [] });
    assert.equal(backend.jobs[1].previousResponseId, 'resp_42');
    assert.deepEqual(backend.jobs[1].references, []);
    assert.deepEqual(host.ofType('continuation').at(-1), { type: 'continuation' });
    await route({ type: 'generate', prompt: 'again', model: 'gpt-4.1', attachmentIds: [] });
    assert.equal(backend.jobs[2].previousResponseId, undefined);
  });

  it('dismissing the continuation clears it: the next generate starts afresh', async () => {
    await continueFrom('resp_7');
    await route({ type: 'dropContinuation' });
    assert.deepEqual(host.posted, [{ type: 'continuation' }]);
    // Nothing to drop any more: no second message.
    await route({ type: 'dropContinuation' });
    assert.equal(host.posted.length, 1);
    await route({ type: 'generate', prompt: 'make it night', model: 'gpt-4.1', attachmentIds: [] });
    assert.equal(backend.jobs[1].previousResponseId, undefined);
  });

  it('a reloaded page is told the continuation the host still holds', async () => {
    const resultId = await continueFrom('resp_8');
    await route({ type: 'ready' });
    assert.deepEqual(host.ofType('continuation'), [{ type: 'continuation', resultId, prompt: 'a kite' }]);
  });

  it('Insert and Copy of one variation act on exactly that image; an index past the result is refused', async () => {
    backend.onGenerate = (job) => responsesResult('resp_9')(job);
    await route({ type: 'generate', prompt: 'a kite', model: 'gpt-4.1', attachmentIds: [] });
    const [{ card }] = host.ofType('result');
    await route({ type: 'insert', resultId: card.id, image: 1 });
    assert.deepEqual(backend.calls, [`insert ${WS}/docs/README.md ${WS}/images/b.png a kite`]);
    await route({ type: 'copyMarkdown', resultId: card.id, image: 0 });
    assert.deepEqual(host.calls, [`copy ![a kite](${WS}/images/a.png)`]);
    await route({ type: 'insert', resultId: card.id });
    assert.equal(backend.calls[1], `insert ${WS}/docs/README.md ${WS}/images/a.png,${WS}/images/b.png a kite`);
    await route({ type: 'insert', resultId: card.id, image: 2 });
    assert.equal(backend.calls.length, 2);
    assert.deepEqual(
      host.ofType('error').map((e) => e.message),
      [S.unknownResult],
    );
  });

  it("a failed job's error carries the API to switch to, so the panel can offer the fix", async () => {
    backend.describeError = () => ({
      kind: 'badRequest',
      message: 'gpt-image-1 is not served by chat completions',
      actions: ['switchApi', 'openSettings'],
      switchTo: 'images',
    });
    backend.onGenerate = () => Promise.reject(new Error('400'));
    await route({ type: 'generate', prompt: 'a lamp', model: 'gpt-image-1', api: 'chat', attachmentIds: [] });
    const [started] = host.ofType('jobStarted');
    assert.deepEqual(host.ofType('error'), [
      {
        type: 'error',
        jobId: started.jobId,
        kind: 'badRequest',
        message: 'gpt-image-1 is not served by chat completions',
        detail: undefined,
        actions: ['switchApi', 'openSettings'],
        switchTo: 'images',
      },
    ]);
  });

  it('"Edit this" on another API\'s result attaches its images, as before', async () => {
    await route({ type: 'generate', prompt: 'a cat', model: 'gpt-4o-image', attachmentIds: [] });
    const [{ card }] = host.ofType('result');
    host.files.add(`${WS}/images/out-1.png`);
    await route({ type: 'editThis', resultId: card.id });
    assert.equal(host.ofType('continuation').length, 0);
    assert.equal(host.ofType('attachments').at(-1)?.attachments.length, 1);
  });
});
