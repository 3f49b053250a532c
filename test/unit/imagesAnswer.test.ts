import assert from 'node:assert/strict';
import { readImagesAnswer } from '../../src/core/apis/images/answer';
import { refineApiError } from '../../src/core/apis/apiErrors';
import { ImageError, serverCode } from '../../src/core/errors';
import { expectThrows, type CaughtError } from '../support/expect';
import { Secrets } from '../../src/core/text/secrets';

const KEY = 'sk-secret-key-123456';

describe('Images API answers', () => {
  it('url and b64_json items with their revised prompts; b64 labelled by the output format', () => {
    const text = JSON.stringify({
      created: 1,
      data: [
        { url: 'https://x/a.png', revised_prompt: 'r1' },
        { b64_json: 'AAAA', revised_prompt: 'r2' },
      ],
    });
    assert.deepEqual(readImagesAnswer(text, new Secrets(KEY), 'jpeg'), {
      kind: 'images',
      images: [
        { url: 'https://x/a.png', revisedPrompt: 'r1' },
        { url: 'data:image/jpeg;base64,AAAA', revisedPrompt: 'r2' },
      ],
      model: undefined,
    });
  });

  it('a relay that sends b64_json as a whole data URL is not prefixed twice', () => {
    const a = readImagesAnswer('{"data":[{"b64_json":"data:image/webp;base64,UklG"}]}', new Secrets());
    assert.deepEqual(a.kind === 'images' && a.images, [
      { url: 'data:image/webp;base64,UklG', revisedPrompt: undefined },
    ]);
  });

  it('a task still pending or running is a task to poll', () => {
    assert.deepEqual(readImagesAnswer('{"task_id":"t1","task_status":"running","data":[]}', new Secrets()), {
      kind: 'task',
      taskId: 't1',
      status: 'running',
    });
    assert.deepEqual(readImagesAnswer('{"task_id":42}', new Secrets()), {
      kind: 'task',
      taskId: '42',
      status: 'pending',
    });
    assert.equal(
      readImagesAnswer('{"task_id":"t1","task_status":"succeed","data":[{"url":"https://x/b.png"}]}', new Secrets())
        .kind,
      'images',
    );
  });

  it('a failed task: server/taskFailed with the redacted reason; a safety block is moderation', () => {
    const e = expectThrows(() =>
      readImagesAnswer(
        JSON.stringify({ task_id: 't9', task_status: 'failed', error: { message: `upstream died ${KEY}` } }),
        new Secrets(KEY),
      ),
    );
    assert.equal(e.kind, 'server');
    assert.equal(e.reason, 'taskFailed');
    assert.equal(e.params.task, 't9');
    assert.ok(!e.detail?.includes(KEY));
    const m = expectThrows(() =>
      readImagesAnswer(
        JSON.stringify({ task_id: 't9', task_status: 'failed', error: { code: 'moderation_blocked', message: 'no' } }),
        new Secrets(),
      ),
    );
    assert.equal(m.kind, 'moderation');
    assert.equal(
      expectThrows(() => readImagesAnswer('{"task_id":"t","task_status":"FAILED","fail_reason":"nsfw"}', new Secrets()))
        .detail,
      'nsfw',
    );
  });

  it('not JSON, the wrong shape, neither data nor task', () => {
    assert.equal(expectThrows(() => readImagesAnswer('<html>', new Secrets())).reason, 'notJson');
    assert.equal(expectThrows(() => readImagesAnswer('{"data":"nope"}', new Secrets())).reason, 'wrongShape');
    assert.equal(expectThrows(() => readImagesAnswer('{"created":1}', new Secrets())).reason, 'wrongShape');
    assert.deepEqual(readImagesAnswer('{"data":[]}', new Secrets()), { kind: 'images', images: [], model: undefined });
  });
});

describe('refineApiError', () => {
  const bad = (reason: string, detail: string, kind: 'badRequest' | 'notFound' = 'badRequest'): ImageError =>
    new ImageError(kind, 'HTTP 400', { status: 400, reason: serverCode(reason), detail });

  it('an unsupported parameter names the parameter', () => {
    const e = refineApiError(
      bad('unsupported_parameter', "Unsupported parameter: 'n' must be at most 1 for the model dall-e-3."),
      'images',
      'dall-e-3',
    ) as ImageError;
    assert.equal(e.reason, 'unsupportedParameter');
    assert.deepEqual(e.params, { param: 'n', model: 'dall-e-3', api: 'images' });
    assert.equal(e.status, 400);
    const u = refineApiError(bad('', "Unknown parameter: 'tools[0].foo'."), 'responses', 'gpt-4.1') as CaughtError;
    assert.equal(u.params.param, 'tools[0].foo');
  });

  it('a model this endpoint does not serve suggests the API that does', () => {
    const e = refineApiError(
      bad('model_not_supported', "The model 'gpt-image-1' is not supported on the /chat/completions endpoint."),
      'chat',
      'gpt-image-1',
    ) as ImageError;
    assert.equal(e.reason, 'modelNotOnApi');
    assert.deepEqual(e.params, { model: 'gpt-image-1', api: 'chat', suggested: 'images' });
    const same = refineApiError(bad('model_not_supported', 'nope'), 'images', 'gpt-image-1') as ImageError;
    assert.deepEqual(same.params, { model: 'gpt-image-1', api: 'images' });
  });

  it('other errors pass through untouched', () => {
    const plain = bad('invalid_request', 'prompt too long');
    assert.equal(refineApiError(plain, 'images', 'x'), plain);
    const auth = new ImageError('auth', 'HTTP 401', { status: 401 });
    assert.equal(refineApiError(auth, 'images', 'x'), auth);
  });
});
