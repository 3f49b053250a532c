import assert from 'node:assert/strict';
import { sseData } from '../../src/core/http/sseStream';

const enc = new TextEncoder();

async function* chunksOf(parts: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

async function collect(parts: readonly Uint8Array[]): Promise<string[]> {
  const out: string[] = [];
  for await (const d of sseData(chunksOf(parts))) out.push(d);
  return out;
}

function chunk(content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    model: 'gpt-4o-image',
    choices: [{ index: 0, delta: { content } }],
  });
}

// A realistic gpt-4o-image stream as relays of GeekAI's upstream send it (api.md).
const DATA = [
  chunk('{"prompt":"一只可爱的小猫在草丛中玩耍","size":"1024x1024"}\n\n'),
  chunk('> 🎨 生成中...\n\n'),
  chunk('> 进度 **34%**\n\n'),
  chunk('> 进度 **100%**\n\n'),
  chunk('![file_0000abc](https://static.geekai.co/image/x.png)\n\n'),
  chunk('[下载⏬](https://static.geekai.co/download/x.png)\n'),
  '[DONE]',
];

function streamText(eol: string): string {
  let s = `: keep-alive${eol}${eol}`;
  for (const [i, d] of DATA.entries()) {
    s += `data: ${d}${eol}${eol}`;
    if (i === 2) s += `: keep-alive${eol}${eol}`;
  }
  return s;
}

describe('sseData', () => {
  const lf = enc.encode(streamText('\n'));

  it('yields the data of every event of a whole stream, comments ignored', async () => {
    assert.deepEqual(await collect([lf]), DATA);
  });

  it('gives identical events when the stream is split into two chunks at every byte offset', async () => {
    for (let i = 0; i <= lf.length; i++) {
      const got = await collect([lf.subarray(0, i), lf.subarray(i)]);
      assert.deepEqual(got, DATA, `split at byte ${i}`);
    }
  });

  it('gives identical events with one byte per chunk', async () => {
    const parts = Array.from(lf, (b) => Uint8Array.of(b));
    assert.deepEqual(await collect(parts), DATA);
  });

  for (const [name, eol] of [
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    it(`handles ${name} line endings, split at every byte offset (including between CR and LF)`, async () => {
      const bytes = enc.encode(streamText(eol));
      assert.deepEqual(await collect([bytes]), DATA);
      for (let i = 0; i <= bytes.length; i++) {
        assert.deepEqual(await collect([bytes.subarray(0, i), bytes.subarray(i)]), DATA, `split at byte ${i}`);
      }
      assert.deepEqual(await collect(Array.from(bytes, (b) => Uint8Array.of(b))), DATA);
    });
  }

  it('keeps Chinese text intact when a chunk ends inside a UTF-8 character', async () => {
    const bytes = enc.encode('data: 生成中\n\n');
    // '生' is 3 bytes starting at offset 6: split after its first and second byte.
    for (const at of [7, 8, 10, 11]) {
      assert.deepEqual(await collect([bytes.subarray(0, at), bytes.subarray(at)]), ['生成中'], `split at ${at}`);
    }
    // Three chunks, each cut inside a character.
    assert.deepEqual(await collect([bytes.subarray(0, 7), bytes.subarray(7, 11), bytes.subarray(11)]), ['生成中']);
  });

  it('keeps a 4-byte emoji intact when split at each of its inner bytes', async () => {
    const bytes = enc.encode('data: > 🎨 ok\n\n');
    const start = 8; // 'data: > ' is 8 bytes
    for (let at = start + 1; at < start + 4; at++) {
      assert.deepEqual(await collect([bytes.subarray(0, at), bytes.subarray(at)]), ['> 🎨 ok']);
    }
  });

  it('yields a last event that has no trailing blank line', async () => {
    assert.deepEqual(await collect([enc.encode('data: {"a":1}\n\ndata: [DONE]')]), ['{"a":1}', '[DONE]']);
    assert.deepEqual(await collect([enc.encode('data: {"a":1}\n\ndata: [DONE]\n')]), ['{"a":1}', '[DONE]']);
    assert.deepEqual(await collect([enc.encode('data: {"a":1}\r\n\r\ndata: [DONE]\r\n')]), ['{"a":1}', '[DONE]']);
  });

  it('joins multi-line data with a newline and ignores event/id/retry fields', async () => {
    const s = 'event: message\nid: 7\nretry: 100\ndata: line one\ndata: line two\n\n';
    assert.deepEqual(await collect([enc.encode(s)]), ['line one\nline two']);
  });

  it('yields nothing for a stream of comments only, or an empty body', async () => {
    assert.deepEqual(await collect([enc.encode(': keep-alive\n\n:ping\n\n')]), []);
    assert.deepEqual(await collect([]), []);
  });

  it('accepts data without a space after the colon and a UTF-8 BOM at the start', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('data:x\n\n')]);
    assert.deepEqual(await collect([bytes]), ['x']);
  });
});
