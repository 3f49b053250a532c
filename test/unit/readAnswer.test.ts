import assert from 'node:assert/strict';
import { ImageError } from '../../src/core/errors';
import { findImages } from '../../src/core/apis/chat/findImages';
import { blobFor } from '../../src/core/heavy/jsonBlobs';
import type { OpenResponse } from '../../src/core/http/httpClient';
import type { StreamProgress } from '../../src/core/apis/chat/progressText';
import { readJsonAnswer, readStreamAnswer } from '../../src/core/apis/chat/readAnswer';
import { Secrets } from '../../src/core/text/secrets';
import { inMemory } from '../support/memorySpill';

const enc = new TextEncoder();
const KEY = 'Zq7x9Lm2Pw4Rt6Yu8Kd';

function fakeResponse(
  parts: readonly string[],
  contentType = 'text/event-stream',
): OpenResponse & { pulled: () => number } {
  let pulled = 0;
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (const p of parts) {
      pulled++;
      const b = enc.encode(p);
      bytes += b.length;
      yield b;
    }
  }
  return {
    status: 200,
    contentType,
    chunks,
    async text() {
      let s = '';
      for await (const c of chunks()) s += Buffer.from(c).toString('utf8');
      return s;
    },
    bytes: async () => enc.encode(parts.join('')),
    bytesRead: () => bytes,
    close: () => undefined,
    pulled: () => pulled,
  };
}

function sse(...data: string[]): string[] {
  return data.map((d) => `data: ${d}\n\n`);
}

function delta(content: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model: 'gpt-4o-image', choices: [{ index: 0, delta: { content, ...extra } }] });
}

async function rejection(p: Promise<unknown>): Promise<ImageError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ImageError, `expected a ImageError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('readStreamAnswer', () => {
  it('joins the deltas and reports progress percents and status lines in order', async () => {
    const pieces = [
      '{"prompt":"小猫","size":"1024x1024"}\n\n',
      '> 🎨 生成中...\n\n',
      '> 进度 **10%**\n\n',
      '> 进度 **34%**\n\n',
      '> 进度 **100%**\n\n',
      '![file_0000](https://img.example/x.png)\n\n[下载⏬](https://img.example/download/x.png)\n',
    ];
    const progress: StreamProgress[] = [];
    const answer = await readStreamAnswer(
      fakeResponse([...sse(...pieces.map((p) => delta(p))), 'data: [DONE]\n\n']),
      new Secrets(KEY),
      (p) => progress.push({ ...p }),
    );
    assert.equal(answer.text, pieces.join(''));
    assert.equal(answer.model, 'gpt-4o-image');
    // Text-only chunks are joined into the text, not kept one by one.
    assert.equal(answer.completions.length, 0);
    assert.deepEqual(
      progress.map((p) => [p.percent, p.status]),
      [
        [undefined, '🎨 生成中...'],
        [10, '进度 10%'],
        [34, '进度 34%'],
        [100, '进度 100%'],
      ],
    );
    assert.deepEqual(
      findImages(answer.completions, answer.text).map((r) => r.url),
      ['https://img.example/x.png'],
    );
  });

  it('reports a progress percent that is split across two deltas', async () => {
    const progress: (number | undefined)[] = [];
    await readStreamAnswer(fakeResponse(sse(delta('> 进度 **5'), delta('7%**\n'), '[DONE]')), new Secrets(), (p) =>
      progress.push(p.percent),
    );
    // The half line `> 进度 **5` carries no percent yet: no bogus 5% is reported.
    assert.deepEqual(progress, [undefined, 57]);
  });

  it('turns an in-stream error after a 200 into badResponse with the message as detail (key redacted)', async () => {
    const parts = sse(
      delta('> 🎨 生成中...\n'),
      JSON.stringify({ error: { message: `upstream failed for key ${KEY}`, type: 'upstream_error' } }),
      delta('never read'),
    );
    const res = fakeResponse(parts);
    const e = await rejection(readStreamAnswer(res, new Secrets(KEY), () => undefined));
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.reason, 'inlineError');
    assert.equal(e.detail, 'upstream failed for key ***');
    assert.ok(!e.message.includes(KEY));
  });

  it('maps an in-stream insufficient_quota / moderation_blocked error code to its kind', async () => {
    const q = await rejection(
      readStreamAnswer(
        fakeResponse(sse(JSON.stringify({ error: { message: 'no credit', code: 'insufficient_quota' } }))),
        new Secrets(),
        () => undefined,
      ),
    );
    assert.equal(q.kind, 'quota');
    assert.equal(q.detail, 'no credit');
    const m = await rejection(
      readStreamAnswer(
        fakeResponse(sse(JSON.stringify({ error: { message: 'blocked', code: 'moderation_blocked' } }))),
        new Secrets(),
        () => undefined,
      ),
    );
    assert.equal(m.kind, 'moderation');
  });

  it('accepts an in-stream error given as a plain string', async () => {
    const e = await rejection(
      readStreamAnswer(fakeResponse(sse(JSON.stringify({ error: '服务繁忙' }))), new Secrets(), () => undefined),
    );
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.detail, '服务繁忙');
  });

  it('rejects a chunk that is not JSON as badResponse notJson', async () => {
    const e = await rejection(
      readStreamAnswer(fakeResponse(sse(delta('ok'), '<html>oops</html>')), new Secrets(), () => undefined),
    );
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.reason, 'notJson');
  });

  it('rejects a chunk of the wrong shape as badResponse wrongShape', async () => {
    const e = await rejection(
      readStreamAnswer(fakeResponse(sse('{"choices":"nope"}')), new Secrets(), () => undefined),
    );
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.reason, 'wrongShape');
  });

  it('finds delta.images data URLs', async () => {
    const url1 = 'data:image/png;base64,iVBORw0KGgoAAAA=';
    const url2 = 'data:image/png;base64,iVBORw0KGgoBBBB=';
    const parts = sse(
      delta('', { images: [{ type: 'image_url', image_url: { url: url1 } }] }),
      delta('done', { images: [{ type: 'image_url', image_url: { url: url2 } }] }),
      '[DONE]',
    );
    const answer = await readStreamAnswer(fakeResponse(parts), new Secrets(), () => undefined);
    assert.equal(answer.text, 'done');
    assert.deepEqual(findImages(answer.completions, answer.text), [
      { url: url1, where: 'message.images' },
      { url: url2, where: 'message.images' },
    ]);
  });

  it("a data URL streamed in deltas is decoded as it comes: the text keeps a short token, its bytes are the answer's blob", async () => {
    const image = Buffer.alloc(300 * 1024);
    image.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (let i = 8; i < image.length; i++) image[i] = (i * 131) % 251;
    const text = `> 进度 **50%**\n\n![猫](data:image/png;base64,${image.toString('base64')})\n`;
    const deltas: string[] = [];
    for (let at = 0; at < text.length; at += 8 * 1024) deltas.push(delta(text.slice(at, at + 8 * 1024)));
    const answer = await readStreamAnswer(
      fakeResponse([...sse(...deltas), 'data: [DONE]\n\n']),
      new Secrets(KEY),
      () => undefined,
    );
    assert.ok(answer.text.length < 100, `the text is short: ${answer.text}`);
    const url = /\((data:[^)]+)\)/.exec(answer.text)?.[1] ?? '';
    assert.ok(Buffer.from(inMemory(blobFor(url, answer.blobs))).equals(image), 'the image, byte for byte');
  });

  it('stops at [DONE] and does not read what follows', async () => {
    const res = fakeResponse([...sse(delta('a'), '[DONE]'), 'data: not json\n\n', 'data: more\n\n']);
    const answer = await readStreamAnswer(res, new Secrets(), () => undefined);
    assert.equal(answer.text, 'a');
    assert.equal(res.pulled(), 2);
  });

  it('skips empty data and keep-alive comments; ends cleanly without [DONE]', async () => {
    const answer = await readStreamAnswer(
      fakeResponse([': keep-alive\n\n', 'data: \n\n', ...sse(delta('hi'))]),
      new Secrets(),
      () => undefined,
    );
    // The empty event was skipped, not parsed (it is not JSON); the text-only chunk is in the text.
    assert.equal(answer.text, 'hi');
    assert.equal(answer.completions.length, 0);
  });
});

describe('readJsonAnswer', () => {
  it('reads the text and model of a GeekAI non-stream answer', async () => {
    const body = {
      id: '1061a101',
      object: 'chat.completion',
      model: 'gemini-2.5-flash-image',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: {
            role: 'assistant',
            content: '好的: \n![](https://s.example/a.png)\n',
            image: { url: 'https://s.example/a.png' },
          },
        },
      ],
      usage: { prompt_tokens: 1 },
    };
    const answer = await readJsonAnswer(fakeResponse([JSON.stringify(body)], 'application/json'), new Secrets());
    assert.equal(answer.text, '好的: \n![](https://s.example/a.png)\n');
    assert.equal(answer.model, 'gemini-2.5-flash-image');
    assert.deepEqual(findImages(answer.completions, answer.text), [
      { url: 'https://s.example/a.png', where: 'message.image' },
    ]);
  });

  it('rejects a body that is not JSON, has neither choices nor data, or holds an error', async () => {
    assert.equal((await rejection(readJsonAnswer(fakeResponse(['<html></html>']), new Secrets()))).reason, 'notJson');
    assert.equal((await rejection(readJsonAnswer(fakeResponse(['{"id":"x"}']), new Secrets()))).reason, 'wrongShape');
    assert.equal(
      (await rejection(readJsonAnswer(fakeResponse(['{"choices":[{"message":"x"}]}']), new Secrets()))).reason,
      'wrongShape',
    );
    const inline = await rejection(
      readJsonAnswer(fakeResponse([JSON.stringify({ error: { message: 'bad', code: 'x1' } })]), new Secrets()),
    );
    assert.equal(inline.kind, 'badResponse');
    assert.equal(inline.reason, 'x1');
    assert.equal(inline.detail, 'bad');
  });
});
