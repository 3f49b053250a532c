// Good answers whose image URL is bad, and the /bad/... routes those URLs point at.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ihdrChunk, PNG_SIGNATURE } from '../support/png';
import type { BadImageVariant } from './behaviours';
import { newImages, type ChatContext } from './chatContext';
import { chatCompletion } from './completionJson';
import { sendJson, sendText, sleep, write } from './io';

const HUGE_BYTES = 60 * 1024 * 1024;
const SLOW_INTERVAL_MS = 500;

function badUrl(ctx: ChatContext, variant: BadImageVariant): string {
  const name = `file_bad_${crypto.randomBytes(8).toString('hex')}.png`;
  const o = ctx.origin;
  switch (variant) {
    case '404':
      return `${o}/files/missing_${name}`;
    case 'html':
      return `${o}/bad/html/${name}`;
    case 'redirectLoop':
      return `${o}/bad/loop/0/${name}`;
    case 'huge':
      return `${o}/bad/huge/${name}`;
    case 'slow':
      return `${o}/bad/slow/${name}`;
    case 'cut':
      return `${o}/bad/cut/${name}`;
    case 'file':
      return 'file:///etc/passwd';
    case 'javascript':
      return 'javascript:alert(1)';
    case 'badDataUrl':
      return 'data:image/png;base64,%%%not*base64!!!';
    // Declared PNG, but the bytes are HTML: only sniffing the bytes catches it.
    case 'nonImageDataUrl':
      return `data:image/png;base64,${Buffer.from('<html><body>not an image</body></html>').toString('base64')}`;
    case 'redirectOnce': {
      const [good] = newImages(ctx, 1);
      return `${o}/bad/redirect/${good.name}`;
    }
  }
}

export function sendBadImageAnswer(ctx: ChatContext, variant: BadImageVariant): void {
  // Reset first: badUrl records the image a variant serves as this answer's.
  ctx.store.setLast([]);
  answerWithImageAt(ctx, badUrl(ctx, variant));
}

/** A good answer naming one image at `url`. */
export function sendImageAt(ctx: ChatContext, url: string): void {
  ctx.store.setLast([]);
  answerWithImageAt(ctx, url);
}

function answerWithImageAt(ctx: ChatContext, url: string): void {
  const message = { content: `好的,这是生成的图片: \n![](${url})\n`, image: { url } };
  sendJson(ctx.res, 200, chatCompletion(ctx.chat.model, ctx.chat.prompt, message));
}

/** A valid PNG start followed by 60 MB of zeros, streamed with backpressure (never held in memory). */
async function sendHuge(res: ServerResponse, signal: AbortSignal): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'image/png' });
  const head = Buffer.concat([PNG_SIGNATURE, ihdrChunk(20000, 20000, 3)]);
  if (!(await write(res, head))) return;
  const block = Buffer.alloc(64 * 1024);
  for (let sent = 0; sent < HUGE_BYTES; sent += block.length) {
    if (signal.aborted || !(await write(res, block))) return;
  }
  res.end();
}

/** A PNG signature, then one byte every half second, forever. */
async function sendSlow(res: ServerResponse, signal: AbortSignal): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'image/png' });
  if (!(await write(res, PNG_SIGNATURE))) return;
  while (await sleep(SLOW_INTERVAL_MS, signal)) {
    if (!(await write(res, Buffer.from([0])))) return;
  }
}

/** A PNG start and 256 KB more (announced as 1 MB), then the socket is destroyed mid-body. */
async function sendCut(res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(1024 * 1024) });
  if (!(await write(res, Buffer.concat([PNG_SIGNATURE, ihdrChunk(512, 512, 3)])))) return;
  if (!(await write(res, Buffer.alloc(256 * 1024, 7)))) return;
  res.destroy();
}

/** Handles GET /bad/<variant>/...; returns false when the path is not one of ours. */
export async function serveBadImage(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  signal: AbortSignal,
): Promise<boolean> {
  const [, , variant, ...rest] = path.split('/');
  if (req.method !== 'GET' || rest.length === 0) return false;
  switch (variant) {
    case 'html':
      sendText(res, 200, 'text/html; charset=utf-8', '<!doctype html><html><body><h1>Image expired</h1></body></html>');
      return true;
    case 'loop': {
      const hop = Number(rest[0]) || 0;
      res.writeHead(302, { Location: `/bad/loop/${hop + 1}/${rest.slice(1).join('/')}`, 'Content-Length': '0' });
      res.end();
      return true;
    }
    case 'redirect':
      res.writeHead(302, { Location: `/files/${rest.join('/')}`, 'Content-Length': '0' });
      res.end();
      return true;
    case 'to':
      // /bad/to/<encodeURIComponent(url)>: a redirect to any address (another scheme or host).
      res.writeHead(302, { Location: decodeURIComponent(rest.join('/')), 'Content-Length': '0' });
      res.end();
      return true;
    case 'huge':
      await sendHuge(res, signal);
      return true;
    case 'slow':
      await sendSlow(res, signal);
      return true;
    case 'cut':
      await sendCut(res);
      return true;
    default:
      return false;
  }
}
