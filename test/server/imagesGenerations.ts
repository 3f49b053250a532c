// POST {base}/images/generations (api.md "Images API"): default answers only, no queue.
import type { ServerResponse } from 'node:http';
import { isRecord } from './chatRequest';
import { sendOpenAiError } from './errorAnswers';
import type { ImageStore } from './imageStore';
import { sendJson } from './io';
import { placeholderPng } from './placeholderImage';

export function answerImagesGenerations(res: ServerResponse, json: unknown, store: ImageStore): void {
  if (!isRecord(json) || typeof json.prompt !== 'string' || json.prompt === '') {
    sendOpenAiError(res, 400, 'Missing required parameter: prompt');
    return;
  }
  const n = typeof json.n === 'number' && Number.isInteger(json.n) ? json.n : 1;
  if (n < 1 || n > 10) {
    sendOpenAiError(res, 400, 'n must be between 1 and 10');
    return;
  }
  const b64 = json.response_format === 'b64_json';
  const prompt = json.prompt;
  const images = Array.from({ length: n }, (_, i) => store.add(placeholderPng(`${prompt}\u0000${i}`)));
  store.setLast(images);
  const data = images.map((im) =>
    b64 ? { b64_json: im.bytes.toString('base64'), revised_prompt: prompt } : { url: im.url, revised_prompt: prompt },
  );
  sendJson(res, 200, { created: Math.floor(Date.now() / 1000), data });
}
