// The streamed answer of gpt-4o-image / gpt-5-all / midjourney-chat (api.md "Streamed response"):
// tool-call echo, "生成中", progress lines, image markdown and a download link.
import { newImages, type ChatContext } from './chatContext';
import { chunk, completionId } from './completionJson';
import type { ServedImage } from './imageStore';
import { commentEvent, dataEvent, planWrites, sendWrites, sseHeaders } from './sseWriter';

export interface StreamOptions {
  images: number;
  /** Every image is these bytes instead of a placeholder. */
  bytes?: Buffer;
  /** Each image's text in deltas of this many characters; one delta when absent. */
  deltaChars?: number;
  dataUrl: boolean;
  deltaImages: boolean;
  delayMs: number;
  progress: number[];
  /** Status lines sent after the progress lines. */
  status: string[];
  crlf: boolean;
}

export const DEFAULT_PROGRESS = [10, 34, 67, 100];

/** Text before the images: the echoed tool call, "生成中", one line per progress value, then any status lines. */
export function progressPieces(prompt: string, progress: readonly number[], status: readonly string[] = []): string[] {
  return [
    `${JSON.stringify({ prompt, size: '1024x1024' })}\n\n`,
    '> 🎨 生成中...\n\n',
    ...progress.map((p) => `> 进度 **${p}%**\n\n`),
    ...status.map((line) => `> ${line}\n\n`),
  ];
}

/** `![file_…](url)` plus the `[下载⏬](…)` link (none for data URLs, which have no download path). */
export function imagePiece(image: ServedImage, dataUrl: boolean): string {
  const alt = image.name.replace(/\.png$/, '');
  if (dataUrl) return `![${alt}](${image.dataUrl})\n\n`;
  return `![${alt}](${image.url})\n\n[下载⏬](${image.downloadUrl})\n\n`;
}

/** The same text the stream would have carried, for the non-stream answer of these models. */
export function streamedText(prompt: string, images: readonly ServedImage[]): string {
  return [...progressPieces(prompt, DEFAULT_PROGRESS), ...images.map((i) => imagePiece(i, false))].join('');
}

export async function sendStream(ctx: ChatContext, opts: StreamOptions): Promise<void> {
  const images = newImages(ctx, opts.images, opts.bytes);
  const id = completionId();
  const model = ctx.chat.model;
  const pieces = progressPieces(ctx.chat.prompt, opts.progress, opts.status);
  const events: Buffer[] = pieces.map((content, i) =>
    dataEvent(chunk(id, model, i === 0 ? { role: 'assistant', content } : { content }), opts.crlf),
  );
  // A keep-alive comment in the middle of the progress lines.
  events.splice(2 + Math.ceil(opts.progress.length / 2), 0, commentEvent('keep-alive', opts.crlf));
  for (const image of images) {
    if (opts.deltaImages) {
      const delta = { content: '', images: [{ type: 'image_url', image_url: { url: image.dataUrl } }] };
      events.push(dataEvent(chunk(id, model, delta), opts.crlf));
      continue;
    }
    const piece = imagePiece(image, opts.dataUrl);
    const step = opts.deltaChars ?? piece.length;
    for (let at = 0; at < piece.length; at += step)
      events.push(dataEvent(chunk(id, model, { content: piece.slice(at, at + step) }), opts.crlf));
  }
  events.push(dataEvent(chunk(id, model, {}, 'stop'), opts.crlf));
  events.push(dataEvent('[DONE]', opts.crlf));
  sseHeaders(ctx.res);
  if (await sendWrites(ctx.res, planWrites(events), opts.delayMs, ctx.signal)) ctx.res.end();
}

/** Text only, streamed in a few pieces. */
export async function sendTextStream(ctx: ChatContext, text: string): Promise<void> {
  const id = completionId();
  const model = ctx.chat.model;
  const third = Math.ceil(text.length / 3);
  const parts = [text.slice(0, third), text.slice(third, 2 * third), text.slice(2 * third)].filter((p) => p);
  const events = parts.map((content, i) =>
    dataEvent(chunk(id, model, i === 0 ? { role: 'assistant', content } : { content })),
  );
  events.push(dataEvent(chunk(id, model, {}, 'stop')), dataEvent('[DONE]'));
  sseHeaders(ctx.res);
  if (await sendWrites(ctx.res, planWrites(events), ctx.streamDelayMs, ctx.signal)) ctx.res.end();
}
