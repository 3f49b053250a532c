// Everything a chat answer needs, handed to each behaviour.
import type { ServerResponse } from 'node:http';
import type { ChatRequest } from './chatRequest';
import type { EditResult } from './editInput';
import type { ImageStore, ServedImage } from './imageStore';
import { placeholderPng } from './placeholderImage';
import type { RecordedRequest } from './recorder';

export interface ChatContext {
  res: ServerResponse;
  record: RecordedRequest;
  chat: ChatRequest;
  origin: string;
  store: ImageStore;
  /** Aborts when the client goes away or the server closes: stop writing, stop waiting. */
  signal: AbortSignal;
  streamDelayMs: number;
  geminiStrict: boolean;
  edit: EditResult;
  /** Drops the connection on purpose (a fault), so it does not count as the client closing. */
  destroy(): void;
}

/**
 * Makes `count` images for this answer and remembers them as the latest answer's images.
 * The first one is the edit result when the request carried an input image.
 */
export function newImages(ctx: ChatContext, count: number, given?: Buffer): ServedImage[] {
  const images: ServedImage[] = [];
  for (let i = 0; i < count; i++) {
    const bytes =
      given ?? (i === 0 && ctx.edit.kind === 'image' ? ctx.edit.bytes : placeholderPng(`${ctx.chat.prompt}\u0000${i}`));
    images.push(ctx.store.add(bytes));
  }
  ctx.store.setLast(images);
  return images;
}

export function isGeminiModel(model: string): boolean {
  return /(^|\/)gemini-/i.test(model);
}

export function defaultImageCount(model: string): number {
  return /(^|\/)midjourney/i.test(model) ? 4 : 1;
}
