// Write Alt Text: one short sentence describing an image, in the document's language,
// from a vision-capable chat model (non-streamed chat completion).
import type { Dispatcher } from 'undici';
import { DEFAULT_RETRY, postWithRetry, type RetryPolicy } from '../../http/httpClient';
import { toDataUrl } from '../../images/dataUrl';
import type { Logger } from '../../logger';
import { altLine } from '../../text/markdown';
import { redact } from '../../text/redact';
import { withSecret, type Secrets } from '../../text/secrets';
import { chatCompletionsUrl, checkModelId } from '../../validateInput';
import { readJsonAnswer } from './readAnswer';

export type DocLanguage = 'zh' | 'ja' | 'ko' | 'en';

/** The document's main language from its letters: Han/kana/Hangul against Latin (good enough to pick the reply's language). */
export function documentLanguage(text: string): DocLanguage {
  const sample = text.slice(0, 20_000).replace(/!?\[[^\]]*\]\([^)]*\)|`[^`]*`|https?:\/\/\S+/g, '');
  const count = (re: RegExp): number => sample.match(re)?.length ?? 0;
  const kana = count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  const hangul = count(/\p{Script=Hangul}/gu);
  const han = count(/\p{Script=Han}/gu);
  const latin = count(/[A-Za-z]/g);
  if (kana > 20 && kana * 4 > latin) return 'ja';
  if (hangul * 2 > latin && hangul > 10) return 'ko';
  // One Han character says about as much as a short word of Latin letters.
  if (han * 3 > latin && han > 0) return 'zh';
  return 'en';
}

const INSTRUCTIONS: Record<DocLanguage, string> = {
  en: 'Write alt text for this image: one short sentence in English (at most 15 words) saying what it shows. No quotes, no "image of", nothing else.',
  zh: '为这张图片写替代文本：用一句简短的简体中文（不超过 30 个字）说明图中内容。不要引号，不要“图片显示”之类的开头，不要其他内容。',
  ja: 'この画像の代替テキストを書いてください：何が写っているかを短い日本語の一文で（40文字以内）。引用符や「画像には」などの前置きは不要です。',
  ko: '이 이미지의 대체 텍스트를 작성하세요: 무엇이 보이는지 짧은 한국어 한 문장으로(30자 이내). 따옴표나 "이미지는" 같은 서두 없이.',
};

export function altTextRequestBody(
  model: string,
  image: { bytes: Uint8Array; mime: string },
  language: DocLanguage,
): Record<string, unknown> {
  return {
    model,
    stream: false,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: INSTRUCTIONS[language] },
          { type: 'image_url', image_url: { url: toDataUrl(image.mime, image.bytes) } },
        ],
      },
    ],
  };
}

/** The model's reply as alt text: its first sentence-bearing line, without quotes, labels or Markdown, as plain text (each document language escapes it its own way). */
export function cleanAltReply(reply: string): string {
  const line =
    reply
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? '';
  const plain = line
    .replace(/^(alt(\s*text)?|替代文本|描述)\s*[:：]\s*/i, '')
    .replace(/^[*_#>\s-]+|[*_]+$/g, '')
    .replace(/^["'“”‘’「『]+|["'“”‘’」』]+$/g, '')
    .trim();
  return altLine(plain);
}

export interface AltTextParams {
  baseUrl: string;
  apiKey: string;
  model: string;
  image: { bytes: Uint8Array; mime: string };
  language: DocLanguage;
  dispatcher: Dispatcher;
  log: Logger;
  timeoutMs?: number;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  /** What the answer is cleaned of (the session's holder); the key is added to it. */
  secrets?: Secrets;
}

/** Asks the model; undefined when it answered with nothing usable. */
export async function describeImage(p: AltTextParams): Promise<string | undefined> {
  const model = checkModelId(p.model);
  const totalMs = p.timeoutMs ?? 60_000;
  const secrets = withSecret(p.secrets, p.apiKey);
  const res = await postWithRetry({
    url: chatCompletionsUrl(p.baseUrl),
    apiKey: p.apiKey,
    secrets,
    body: JSON.stringify(altTextRequestBody(model, p.image, p.language)),
    accept: 'application/json',
    timeouts: { connectMs: Math.min(15_000, totalMs), headersMs: totalMs, idleMs: totalMs, totalMs },
    retry: p.retry ?? DEFAULT_RETRY,
    dispatcher: p.dispatcher,
    log: p.log,
    signal: p.signal,
  });
  const answer = await readJsonAnswer(res, secrets);
  const alt = cleanAltReply(redact(answer.text, secrets));
  return alt || undefined;
}
