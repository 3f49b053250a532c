// Broken transports and broken bodies, for the fault-injection suite.
import type { Behaviour } from './behaviours';
import { newImages, type ChatContext } from './chatContext';
import { chatCompletion, chunk, completionId } from './completionJson';
import { sendJson, sendText, sleep, write, writeFlushed } from './io';
import { dataEvent, sendWrites, sseHeaders } from './sseWriter';
import { progressPieces } from './streamAnswer';

type FaultKind =
  | 'closeBeforeHeaders'
  | 'closeAfterHeaders'
  | 'closeMidBody'
  | 'closeMidStream'
  | 'neverHeaders'
  | 'stallStream'
  | 'neverEndBody'
  | 'endlessBody'
  | 'nonJson'
  | 'wrongShape'
  | 'inStreamError';

export type Fault = Extract<Behaviour, { kind: FaultKind }>;

/** The first `n` content chunks of a normal stream, as SSE events. */
function firstEvents(ctx: ChatContext, n: number): Buffer[] {
  const id = completionId();
  return progressPieces(ctx.chat.prompt, [10, 34])
    .slice(0, n)
    .map((content, i) => dataEvent(chunk(id, ctx.chat.model, i === 0 ? { role: 'assistant', content } : { content })));
}

/** Resolves when the request is over (client gone or server closed), without doing anything. */
function untilAborted(ctx: ChatContext): Promise<void> {
  return new Promise((resolve) => {
    if (ctx.signal.aborted) return resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export async function sendFault(ctx: ChatContext, b: Fault): Promise<void> {
  const { res } = ctx;
  switch (b.kind) {
    case 'closeBeforeHeaders':
      ctx.destroy();
      return;
    case 'closeAfterHeaders': {
      // Raw status line and headers (a Content-Length promising a body), flushed, then the socket dies.
      const socket = res.socket;
      if (!socket) return;
      ctx.record.status = 200;
      const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 512\r\n\r\n';
      await new Promise<void>((resolve) => socket.write(head, () => resolve()));
      ctx.destroy();
      return;
    }
    case 'closeMidBody': {
      const [image] = newImages(ctx, 1);
      const body = Buffer.from(
        JSON.stringify(
          chatCompletion(ctx.chat.model, ctx.chat.prompt, { content: `![](${image.url})`, image: { url: image.url } }),
        ),
      );
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
      await writeFlushed(res, body.subarray(0, Math.floor(body.length / 2)));
      ctx.destroy();
      return;
    }
    case 'closeMidStream': {
      sseHeaders(res);
      const events = firstEvents(ctx, 3);
      if (!(await sendWrites(res, events.slice(0, -1), ctx.streamDelayMs, ctx.signal))) return;
      if (!(await sleep(ctx.streamDelayMs, ctx.signal))) return;
      await writeFlushed(res, events[events.length - 1]);
      ctx.destroy();
      return;
    }
    case 'neverHeaders':
      await untilAborted(ctx);
      return;
    case 'stallStream':
      sseHeaders(res);
      if (await sendWrites(res, firstEvents(ctx, 2), ctx.streamDelayMs, ctx.signal)) await untilAborted(ctx);
      return;
    case 'neverEndBody': {
      // Bytes keep coming (JSON whitespace), so only a total timeout can end this.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (!(await write(res, `{"id":"${completionId()}","object":"chat.completion",`))) return;
      while (await sleep(b.intervalMs ?? 1000, ctx.signal)) {
        if (!(await write(res, ' '))) return;
      }
      return;
    }
    case 'endlessBody': {
      // Written as fast as the client takes it (backpressure), counted as it goes.
      const total = b.totalBytes ?? 2 * 1024 ** 3;
      if (b.stream) sseHeaders(res);
      else res.writeHead(200, { 'Content-Type': 'application/json' });
      const start = b.stream
        ? `data: {"id":"${completionId()}","choices":[{"index":0,"delta":{"content":"`
        : `{"id":"${completionId()}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"`;
      const block = Buffer.alloc(1024 * 1024, 'A');
      ctx.record.bytesSent = 0;
      if (!(await write(res, start))) return;
      ctx.record.bytesSent = Buffer.byteLength(start);
      while (ctx.record.bytesSent < total && !ctx.signal.aborted) {
        if (!(await write(res, block))) return;
        ctx.record.bytesSent += block.length;
      }
      res.end();
      return;
    }
    case 'nonJson':
      sendText(
        res,
        200,
        'text/html; charset=utf-8',
        '<html><head><title>Welcome</title></head><body><h1>Please sign in</h1></body></html>',
      );
      return;
    case 'wrongShape':
      sendJson(res, 200, { choices: 'nope' });
      return;
    case 'inStreamError': {
      sseHeaders(res);
      const events = [
        ...firstEvents(ctx, 2),
        dataEvent({ error: { message: b.message ?? 'upstream failed', type: 'server_error' } }),
      ];
      if (await sendWrites(res, events, ctx.streamDelayMs, ctx.signal)) res.end();
      return;
    }
  }
}
