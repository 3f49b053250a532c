// Reads a Responses API answer: a whole `response` object (JSON), or its stream of named events
// (`response.image_generation_call.partial_image`, `response.output_item.done`, `response.completed`,
// `response.failed`, `error`, …). Partial images go to `onPartial` as they arrive.
import * as z from 'zod/mini';
import { ImageError } from '../../errors';
import { errorFromInlineBody } from '../../http/httpErrors';
import type { OpenResponse } from '../../http/httpClient';
import { sseEvents } from '../../http/sseStream';
import { decodeImageDataUrl } from '../../images/dataUrl';
import type { ImageType } from '../../imageType';
import type { FoundImage } from '../api';
import { ErrorBodySchema } from '../../http/errorBody';
import { parseJsonAs } from '../parseJson';
import { MAX_ANSWER_IMAGES, tooManyImages } from '../../limits';
import { MAX_PARTIAL_IMAGES } from '../../../../shared/imageVocabulary';
import { usageCost } from '../../price/usageCost';
import type { Secrets } from '../../text/secrets';

const ContentPartSchema = z.object({ type: z.optional(z.string()), text: z.optional(z.nullable(z.string())) });

const OutputItemSchema = z.object({
  type: z.optional(z.string()),
  id: z.optional(z.nullable(z.string())),
  status: z.optional(z.nullable(z.string())),
  result: z.optional(z.nullable(z.string())),
  revised_prompt: z.optional(z.nullable(z.string())),
  output_format: z.optional(z.nullable(z.string())),
  content: z.optional(z.nullable(z.array(ContentPartSchema))),
});
type OutputItem = z.infer<typeof OutputItemSchema>;

const ResponseSchema = z.object({
  id: z.optional(z.nullable(z.string())),
  status: z.optional(z.nullable(z.string())),
  model: z.optional(z.nullable(z.string())),
  output: z.optional(z.nullable(z.array(OutputItemSchema))),
  error: z.optional(z.nullable(z.union([ErrorBodySchema, z.string()]))),
  usage: z.optional(z.unknown()),
});
type ResponseObject = z.infer<typeof ResponseSchema>;

const EventSchema = z.object({
  type: z.optional(z.string()),
  response: z.optional(z.nullable(ResponseSchema)),
  item: z.optional(z.nullable(OutputItemSchema)),
  delta: z.optional(z.nullable(z.string())),
  partial_image_b64: z.optional(z.nullable(z.string())),
  partial_image_index: z.optional(z.nullable(z.number())),
  output_format: z.optional(z.nullable(z.string())),
  // A bare `error` event carries code and message at the top level; some relays nest them.
  code: z.optional(z.nullable(z.union([z.string(), z.number()]))),
  message: z.optional(z.nullable(z.string())),
  error: z.optional(z.nullable(z.union([ErrorBodySchema, z.string()]))),
});

export interface ResponsesAnswer {
  images: FoundImage[];
  text: string;
  responseId?: string;
  model?: string;
  /** What `usage` says it cost, in CNY. */
  cost?: number;
}

export interface Partial {
  index: number;
  bytes: Uint8Array;
  type: ImageType;
}

const withCost = (cost: number | undefined): { cost?: number } => (cost === undefined ? {} : { cost });

function mimeFor(format: string | null | undefined): string {
  return format === 'jpeg' || format === 'jpg' ? 'image/jpeg' : format === 'webp' ? 'image/webp' : 'image/png';
}

/** Gathers images and words from output items, each image once. */
class Collector {
  readonly images: FoundImage[] = [];
  text = '';
  private readonly seen = new Set<string>();
  addImage(item: OutputItem): void {
    if (item.type !== 'image_generation_call' || !item.result) return;
    const key = item.id ?? item.result;
    if (this.seen.has(key)) return;
    if (this.images.length >= MAX_ANSWER_IMAGES) throw tooManyImages();
    this.seen.add(key);
    // `result` is base64; a relay that stores images may put a data URL or an address there instead.
    const url = /^(?:data:|https?:\/\/)/i.test(item.result)
      ? item.result
      : `data:${mimeFor(item.output_format)};base64,${item.result}`;
    this.images.push({ url, revisedPrompt: item.revised_prompt ?? undefined });
  }
  addWords(item: OutputItem): void {
    if (item.type !== 'message') return;
    for (const part of item.content ?? []) if (part.text) this.text += part.text;
  }
}

function failure(r: ResponseObject, secrets: Secrets): ImageError {
  if (r.error) return errorFromInlineBody(r.error, secrets);
  return new ImageError('badResponse', `the response ended ${r.status ?? 'without a status'}`, {
    reason: 'inlineError',
  });
}

export function readResponsesJson(raw: string, secrets: Secrets): ResponsesAnswer {
  const r = parseJsonAs(raw, ResponseSchema, 'body');
  if (r.status === 'failed' || (r.error && !r.output)) throw failure(r, secrets);
  if (!r.output) throw new ImageError('badResponse', 'the answer has no output', { reason: 'wrongShape' });
  const c = new Collector();
  for (const item of r.output) {
    c.addImage(item);
    c.addWords(item);
  }
  return {
    images: c.images,
    text: c.text,
    responseId: r.id ?? undefined,
    model: r.model ?? undefined,
    ...withCost(usageCost(r.usage)),
  };
}

export async function readResponsesStream(
  res: OpenResponse,
  secrets: Secrets,
  onStatus: (status: string) => void,
  onPartial: (p: Partial) => void,
  /** The server's host, for the message when the stream ends early. */
  host: string,
): Promise<ResponsesAnswer> {
  const c = new Collector();
  let responseId: string | undefined;
  let model: string | undefined;
  let streamedText = '';
  let completed = false;
  let partials = 0;
  let cost: number | undefined;
  for await (const e of sseEvents(res.chunks())) {
    const data = e.data.trim();
    if (!data || data === '[DONE]') continue;
    const ev = parseJsonAs(data, EventSchema, 'event');
    // The event's name is on the `event:` line and repeated in `type`; either may be missing.
    const name = e.event ?? ev.type ?? '';
    if (ev.response?.id) responseId ??= ev.response.id;
    if (ev.response?.model) model ??= ev.response.model;
    switch (name) {
      case 'error':
        throw errorFromInlineBody(ev.error ?? { message: ev.message, code: ev.code }, secrets);
      case 'response.failed':
      case 'response.incomplete':
        throw failure(ev.response ?? {}, secrets);
      case 'response.image_generation_call.in_progress':
      case 'response.image_generation_call.generating':
        onStatus(name.slice(name.lastIndexOf('.') + 1));
        break;
      case 'response.image_generation_call.partial_image': {
        // No more previews than may be asked for: each is decoded and shown.
        if (!ev.partial_image_b64 || partials >= MAX_PARTIAL_IMAGES * MAX_ANSWER_IMAGES) break;
        partials++;
        // A preview that does not decode is skipped: the final image is what counts.
        const img = decodeImageDataUrl(`data:${mimeFor(ev.output_format)};base64,${ev.partial_image_b64}`);
        if (img) onPartial({ index: ev.partial_image_index ?? 0, bytes: img.bytes, type: img.type });
        break;
      }
      case 'response.output_text.delta':
        streamedText += ev.delta ?? '';
        break;
      case 'response.output_item.done':
        if (ev.item) c.addImage(ev.item);
        break;
      case 'response.completed':
        completed = true;
        cost = usageCost(ev.response?.usage);
        for (const item of ev.response?.output ?? []) {
          c.addImage(item);
          c.addWords(item);
        }
        break;
    }
  }
  if (!completed && c.images.length === 0) {
    throw new ImageError('network', 'the stream ended before the response was complete', {
      reason: 'closedMidBody',
      params: { host },
    });
  }
  return { images: c.images, text: c.text || streamedText, responseId, model, ...withCost(cost) };
}
