// One generation or edit, end to end: validate, send, read the answer (stream or not), retry once
// with the Gemini remedies when no image came back, then fetch every image once.
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { DEFAULT_DOWNLOAD_LIMITS, describeUrl, fetchImage } from './images/download';
import { ImageError } from './errors';
import { findImages, readableText, type ImageRef } from './apis/chat/findImages';
import { DEFAULT_RETRY, postWithRetry, type RetryPolicy, type Timeouts } from './http/httpClient';
import type { ImageType } from './images/imageType';
import type { Logger } from './logger';
import { readJsonAnswer, readStreamAnswer, type Answer } from './apis/chat/readAnswer';
import { redact, safeExcerpt } from './text/redact';
import { buildChatRequest, type ReferenceImage } from './apis/chat/requestBody';
import { checkRequest, type CheckedRequest } from './validateInput';

export type GenerationPhase = 'sending' | 'waiting' | 'streaming' | 'retrying' | 'remedies' | 'downloading';

export interface GenerationProgress {
  phase: GenerationPhase;
  percent?: number;
  /** The model's latest status line (streams), already plain text. */
  status?: string;
  /** For `retrying`: how long until the next try. */
  delayMs?: number;
}

export interface GenerateParams {
  baseUrl: string;
  apiKey: string;
  model: string;
  prompt: string;
  references: readonly ReferenceImage[];
  stream: boolean;
  /** Send the Gemini remedies on the first try. */
  forceImage: boolean;
  /** When the first answer has no image, try once more with the remedies (even if the first had them: Gemini is fickle). */
  retryWithRemedies: boolean;
  systemPrompt?: string;
  aspectRatio?: string;
  imageSize?: string;
  timeouts: Timeouts;
  retry?: RetryPolicy;
  download?: Partial<typeof DEFAULT_DOWNLOAD_LIMITS>;
  dispatcher: Dispatcher;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: (p: GenerationProgress) => void;
}

/** Everything but what `checkRequest` checks. */
export type SendParams = Omit<GenerateParams, 'prompt' | 'model' | 'baseUrl'>;

export interface GeneratedImage {
  bytes: Uint8Array;
  type: ImageType;
  /** Where it came from, shortened for logs. */
  source: string;
}

export interface GenerationResult {
  images: GeneratedImage[];
  /** The model's words, without the image links and progress lines. */
  text: string;
  model: string;
  usedRemedies: boolean;
  /** Images the answer named but that could not be fetched (the others were kept). */
  failures: ImageError[];
}

async function ask(p: SendParams, prompt: string, model: string, url: string, forceImage: boolean): Promise<Answer> {
  const started = Date.now();
  const body = JSON.stringify(
    buildChatRequest({ model, prompt, references: p.references, stream: p.stream, forceImage, systemPrompt: p.systemPrompt, aspectRatio: p.aspectRatio, imageSize: p.imageSize }),
  );
  p.onProgress?.({ phase: 'sending' });
  const res = await postWithRetry({
    url,
    apiKey: p.apiKey,
    body,
    accept: p.stream ? 'text/event-stream' : 'application/json',
    timeouts: p.timeouts,
    retry: p.retry ?? DEFAULT_RETRY,
    dispatcher: p.dispatcher,
    log: p.log,
    signal: p.signal,
    onRetry: ({ delayMs }) => p.onProgress?.({ phase: 'retrying', delayMs }),
  });
  try {
    p.onProgress?.({ phase: 'waiting' });
    const secrets = [p.apiKey];
    const answer = res.contentType.includes('text/event-stream')
      ? await readStreamAnswer(res, secrets, (sp) => p.onProgress?.({ phase: 'streaming', ...sp }))
      : await readJsonAnswer(res, secrets);
    p.log.info(`model=${model} stream=${p.stream} forceImage=${forceImage} sent=${body.length} B received=${res.bytesRead()} B in ${Date.now() - started} ms`);
    return answer;
  } finally {
    res.close();
  }
}

function holdsSecret(url: string, secret: string): boolean {
  if (url.includes(secret)) return true;
  try {
    return decodeURIComponent(url).includes(secret);
  } catch {
    return false;
  }
}

async function fetchAll(p: SendParams, refs: readonly ImageRef[]): Promise<{ images: GeneratedImage[]; failures: ImageError[] }> {
  const images: GeneratedImage[] = [];
  const failures: ImageError[] = [];
  const seen = new Set<string>();
  const limits = { ...DEFAULT_DOWNLOAD_LIMITS, ...p.download };
  for (const ref of refs) {
    p.onProgress?.({ phase: 'downloading' });
    const shown = redact(describeUrl(ref.url), [p.apiKey]);
    try {
      // Fetching an address that holds the key would hand the key to whoever serves it.
      if (holdsSecret(ref.url, p.apiKey)) {
        throw new ImageError('download', 'the image address holds the API key', { reason: 'holdsKey', params: { url: shown } });
      }
      const img = await fetchImage(ref.url, { ...limits, dispatcher: p.dispatcher, signal: p.signal });
      // The same picture can come as a URL and as a data URL: save it once.
      const hash = createHash('sha256').update(img.bytes).digest('hex');
      if (seen.has(hash)) continue;
      seen.add(hash);
      images.push({ ...img, source: shown });
    } catch (e) {
      if (e instanceof ImageError && e.kind !== 'cancelled') {
        p.log.warn(`image ${shown} skipped: ${e.message}`);
        failures.push(e);
        continue;
      }
      throw e;
    }
  }
  return { images, failures };
}

export async function generateImages(p: GenerateParams): Promise<GenerationResult> {
  return generateChecked(checkRequest(p), p);
}

/** `generateImages` for a request already checked by `checkRequest`. */
export async function generateChecked(req: CheckedRequest, p: SendParams): Promise<GenerationResult> {
  const { prompt, model, url } = req;
  if (!p.apiKey.trim()) throw new ImageError('auth', 'no API key', { reason: 'missingKey' });

  let usedRemedies = p.forceImage;
  let answer = await ask(p, prompt, model, url, p.forceImage);
  let refs = findImages(answer.completions, answer.text);
  if (refs.length === 0 && p.retryWithRemedies) {
    p.log.info(`model=${model} answered without an image; asking again with the drawing remedies`);
    p.onProgress?.({ phase: 'remedies' });
    usedRemedies = true;
    answer = await ask(p, prompt, model, url, true);
    refs = findImages(answer.completions, answer.text);
  }
  // The model's words reach the panel, its history file and the log: never with the key in them.
  const text = redact(readableText(answer.text), [p.apiKey]);
  if (refs.length === 0) {
    throw new ImageError('noImage', 'the answer holds no image', { detail: text ? safeExcerpt(text, [p.apiKey], 2000) : undefined });
  }
  const { images, failures } = await fetchAll(p, refs);
  if (images.length === 0) throw failures[0];
  return { images, text, model: answer.model ?? model, usedRemedies, failures };
}
