// Reading Responses API answers: whole, and as named SSE events split anywhere.
import assert from 'node:assert/strict';
import type { OpenResponse } from '../../src/core/http/httpClient';
import { readResponsesJson, readResponsesStream, type Partial } from '../../src/core/apis/responses/answer';
import { encodePng } from '../support/png';
import { expectImageError, expectThrows } from '../support/expect';
import { Secrets } from '../../src/core/text/secrets';

const FINAL = encodePng({ width: 4, height: 4, channels: 3, data: new Uint8Array(48).fill(200) });
const PREVIEW = encodePng({ width: 1, height: 1, channels: 3, data: new Uint8Array([9, 9, 9]) });
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const KEY = 'sk-responses-key-0987';
const HOST = 'gateway.test';

function ev(name: string, payload: object, withName = true): string {
  return `${withName ? `event: ${name}\n` : ''}data: ${JSON.stringify({ type: name, ...payload })}\n\n`;
}

const IG = {
  type: 'image_generation_call',
  id: 'ig_1',
  status: 'completed',
  result: b64(FINAL),
  revised_prompt: '一只橘猫 in detail',
};
const MSG = { type: 'message', id: 'msg_1', content: [{ type: 'output_text', text: '画好了' }] };

function stream(withNames = true): string {
  return [
    ev(
      'response.created',
      { response: { id: 'resp_A', model: 'gpt-4.1', status: 'in_progress', output: [] } },
      withNames,
    ),
    ': keep-alive\n\n',
    ev('response.image_generation_call.generating', { item_id: 'ig_1' }, withNames),
    ev(
      'response.image_generation_call.partial_image',
      { item_id: 'ig_1', partial_image_index: 0, partial_image_b64: b64(PREVIEW) },
      withNames,
    ),
    ev(
      'response.image_generation_call.partial_image',
      { item_id: 'ig_1', partial_image_index: 1, partial_image_b64: 'not base64 image!' },
      withNames,
    ),
    ev('response.output_item.done', { item: IG }, withNames),
    ev('response.output_text.delta', { delta: '画好' }, withNames),
    ev('response.output_text.delta', { delta: '了' }, withNames),
    ev('response.completed', { response: { id: 'resp_A', status: 'completed', output: [IG, MSG] } }, withNames),
  ].join('');
}

function fakeResponse(text: string, chunkSize: number): OpenResponse {
  const bytes = Buffer.from(text, 'utf8');
  return {
    status: 200,
    contentType: 'text/event-stream',
    async *chunks() {
      for (let i = 0; i < bytes.length; i += chunkSize) yield new Uint8Array(bytes.subarray(i, i + chunkSize));
    },
    text: async () => text,
    bytes: async () => new Uint8Array(bytes),
    bytesRead: () => bytes.length,
    close: () => undefined,
  };
}

describe('Responses API answers', () => {
  it('non-stream: the image as a data URL with its revised prompt, the words, the id', () => {
    const a = readResponsesJson(
      JSON.stringify({ id: 'resp_1', model: 'gpt-4.1', status: 'completed', output: [IG, MSG] }),
      new Secrets(),
    );
    assert.deepEqual(a, {
      images: [{ url: `data:image/png;base64,${b64(FINAL)}`, revisedPrompt: '一只橘猫 in detail' }],
      text: '画好了',
      responseId: 'resp_1',
      model: 'gpt-4.1',
    });
  });

  it('a result that is already an address or a data URL is taken as it is', () => {
    const output = [
      { ...IG, id: 'a', result: 'https://cdn.example/x.png' },
      { ...IG, id: 'b', result: 'data:image/jpeg;base64,/9j/' },
    ];
    assert.deepEqual(
      readResponsesJson(JSON.stringify({ id: 'r', output }), new Secrets()).images.map((i) => i.url),
      ['https://cdn.example/x.png', 'data:image/jpeg;base64,/9j/'],
    );
  });

  it('non-stream failures: failed status with moderation code, wrong shape', () => {
    const e = expectThrows(() =>
      readResponsesJson(
        JSON.stringify({ id: 'r', status: 'failed', error: { code: 'moderation_blocked', message: 'blocked' } }),
        new Secrets(),
      ),
    );
    assert.equal(e.kind, 'moderation');
    assert.equal(expectThrows(() => readResponsesJson('{"id":"r"}', new Secrets())).reason, 'wrongShape');
    assert.equal(expectThrows(() => readResponsesJson('nope', new Secrets())).reason, 'notJson');
  });

  for (const size of [1, 7, 64, 100_000]) {
    it(`stream split into ${size}-byte chunks: previews in order, the final image once, the words`, async () => {
      const partials: Partial[] = [];
      const statuses: string[] = [];
      const a = await readResponsesStream(
        fakeResponse(stream(), size),
        new Secrets(),
        (s) => statuses.push(s),
        (p) => partials.push(p),
        HOST,
      );
      assert.deepEqual(
        partials.map((p) => [p.index, Buffer.from(p.bytes).equals(PREVIEW), p.type.mime]),
        [[0, true, 'image/png']],
      );
      assert.deepEqual(statuses, ['generating']);
      assert.deepEqual(a.images, [{ url: `data:image/png;base64,${b64(FINAL)}`, revisedPrompt: '一只橘猫 in detail' }]);
      assert.equal(a.text, '画好了');
      assert.equal(a.responseId, 'resp_A');
      assert.equal(a.model, 'gpt-4.1');
    });
  }

  it('events without `event:` lines are read by their `type`', async () => {
    const a = await readResponsesStream(
      fakeResponse(stream(false), 13),
      new Secrets(),
      () => undefined,
      () => undefined,
      HOST,
    );
    assert.equal(a.images.length, 1);
  });

  it('response.failed and a bare error event become errors, redacted', async () => {
    const failed =
      ev('response.created', { response: { id: 'r' } }) +
      ev('response.failed', {
        response: { id: 'r', status: 'failed', error: { code: 'moderation_blocked', message: 'no' } },
      });
    assert.equal(
      (
        await expectImageError(
          readResponsesStream(
            fakeResponse(failed, 5),
            new Secrets(),
            () => undefined,
            () => undefined,
            HOST,
          ),
        )
      ).kind,
      'moderation',
    );
    const bare = ev('error', { code: 'server_error', message: `boom ${KEY}` });
    const e = await expectImageError(
      readResponsesStream(
        fakeResponse(bare, 5),
        new Secrets(KEY),
        () => undefined,
        () => undefined,
        HOST,
      ),
    );
    assert.equal(e.kind, 'badResponse');
    assert.ok(!e.message.includes(KEY) && !e.detail?.includes(KEY));
  });

  it('a stream that ends before an image or response.completed is a dropped connection', async () => {
    const cut =
      ev('response.created', { response: { id: 'r' } }) +
      ev('response.image_generation_call.partial_image', { partial_image_index: 0, partial_image_b64: b64(PREVIEW) });
    const e = await expectImageError(
      readResponsesStream(
        fakeResponse(cut, 50),
        new Secrets(),
        () => undefined,
        () => undefined,
        HOST,
      ),
    );
    assert.equal(e.kind, 'network');
    assert.equal(e.reason, 'closedMidBody');
    assert.deepEqual(e.params, { host: HOST });
  });

  it('an event that is not JSON is a bad answer', async () => {
    const e = await expectImageError(
      readResponsesStream(
        fakeResponse('event: response.created\ndata: {oops\n\n', 4),
        new Secrets(),
        () => undefined,
        () => undefined,
        HOST,
      ),
    );
    assert.equal(e.reason, 'notJson');
  });
});
