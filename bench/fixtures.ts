// Inputs shaped like GeekAI's answers, built once per run, deterministic (no Math.random).
import type { OpenResponse } from '../src/core/http/httpClient';

const enc = new TextEncoder();

/** A small deterministic generator (mulberry32), so every run measures the same input. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` bytes that sniff as PNG (a real signature, then incompressible noise). */
export function pngLikeBytes(size: number, seed = 1): Buffer {
  const next = rng(seed);
  const bytes = Buffer.alloc(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

/** A PNG-ish data URL of about `chars` characters (a real PNG signature, then noise). */
export function dataUrl(chars: number, seed = 1): string {
  return `data:image/png;base64,${pngLikeBytes(Math.floor((chars * 3) / 4), seed).toString('base64')}`;
}

/** `data: {...}\n\n` for one chat.completion.chunk whose delta is `delta`. */
export function chunkEvent(delta: object, model = 'gpt-4o-image'): string {
  const payload = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1_750_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: null }],
  };
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** The bytes of `text` cut into pieces of `size` bytes (cuts fall inside UTF-8 characters too). */
export function byteChunks(text: string, size: number): Uint8Array[] {
  const all = enc.encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.subarray(i, i + size));
  return out;
}

export async function* fromChunks(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

/** An open SSE response replaying `chunks`, as httpClient would hand it to readStreamAnswer. */
export function fakeStreamResponse(chunks: readonly Uint8Array[]): OpenResponse {
  let read = 0;
  return {
    status: 200,
    contentType: 'text/event-stream; charset=utf-8',
    async *chunks() {
      for (const c of chunks) {
        read += c.length;
        yield c;
      }
    },
    text: () => Promise.resolve(Buffer.concat(chunks).toString('utf8')),
    bytes: () => Promise.resolve(new Uint8Array(Buffer.concat(chunks))),
    bytesRead: () => read,
    close: () => undefined,
  };
}

const ZH = [
  '画',
  '一只',
  '可爱的',
  '小猫',
  '在',
  '窗台上',
  '晒太阳',
  '，',
  '水彩',
  '风格',
  '。',
  '夕阳',
  '下的',
  '城市',
  '天际线',
];
const EN = [
  'a',
  'cute',
  'cat',
  'sitting',
  'on',
  'the',
  'windowsill',
  'watercolor',
  'style,',
  'sunset',
  'over',
  'the',
  'city',
  '(4k)',
];

/** A prompt of roughly `words` words, Chinese or English. */
export function prompt(next: () => number, words: number, zh: boolean): string {
  const pool = zh ? ZH : EN;
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pool[Math.floor(next() * pool.length)]);
  return out.join(zh ? '' : ' ');
}
