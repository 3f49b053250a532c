// POST {base}/responses with the image_generation tool (api.md "Responses API"): a whole
// response object, or named SSE events with partial images; previous_response_id continues
// from the last image of an earlier answer (which is then edited: inverted).
import crypto from 'node:crypto';
import type { ApiContext } from './apiContext';
import { sendApiFault } from './apiFaults';
import { sendOpenAiError } from './errorAnswers';
import { produceImage, type Produced } from './imageOutput';
import { sendJson, shown, sleep, writeFlushed } from './io';
import { encodePng } from '../support/png';
import { downscale, encodeJpeg } from './placeholderImage';
import { endpointsOf, modelNotSupported, RESPONSES_FIELDS, TOOL_FIELDS } from './serverModels';
import { isRecord } from './chatRequest';
import { namedEvent, planWrites, sendWrites, sseHeaders } from './sseWriter';

const SIZES = ['auto', '1024x1024', '1536x1024', '1024x1536'];
export const RESPONSE_WORDS = 'Here is the image you asked for.';

interface Parsed {
  model: string;
  prompt: string;
  inputs: string[];
  tool?: Record<string, unknown>;
  mask?: string;
  stream: boolean;
  previous?: string;
}

type Refusal = { status: number; message: string; code: string };

function parse(json: Record<string, unknown>, known: Map<string, unknown>): Parsed | Refusal {
  for (const key of Object.keys(json)) {
    if (!RESPONSES_FIELDS.has(key))
      return { status: 400, message: `Unknown parameter: '${key}'.`, code: 'unknown_parameter' };
  }
  const model = json.model;
  if (typeof model !== 'string' || !model)
    return { status: 400, message: 'Missing required parameter: model', code: 'invalid_request' };
  if (!endpointsOf(model).includes('responses')) return { status: 400, ...modelNotSupported(model, 'responses') };
  let prompt = '';
  const inputs: string[] = [];
  if (typeof json.input === 'string') prompt = json.input;
  else if (Array.isArray(json.input)) {
    for (const msg of json.input) {
      if (!isRecord(msg))
        return { status: 400, message: "Invalid 'input': each item must be an object.", code: 'invalid_value' };
      if (typeof msg.content === 'string') prompt = msg.content;
      else if (Array.isArray(msg.content)) {
        for (const part of msg.content) {
          if (!isRecord(part)) continue;
          if (part.type === 'input_text' && typeof part.text === 'string') prompt = part.text;
          else if (part.type === 'input_image' && typeof part.image_url === 'string') inputs.push(part.image_url);
          else
            return { status: 400, message: `Invalid content part type '${String(part.type)}'.`, code: 'invalid_value' };
        }
      }
    }
  } else return { status: 400, message: 'Missing required parameter: input', code: 'invalid_request' };
  if (!prompt) return { status: 400, message: 'The input holds no text.', code: 'invalid_request' };
  const tools = Array.isArray(json.tools) ? json.tools.filter(isRecord) : [];
  const tool = tools.find((t) => t.type === 'image_generation');
  let mask: string | undefined;
  if (tool) {
    for (const key of Object.keys(tool)) {
      if (!TOOL_FIELDS.has(key))
        return { status: 400, message: `Unknown parameter: 'tools[0].${key}'.`, code: 'unknown_parameter' };
    }
    if (tool.size !== undefined && !SIZES.includes(shown(tool.size)))
      return {
        status: 400,
        message: `Invalid value for 'tools[0].size': '${shown(tool.size)}'.`,
        code: 'unsupported_value',
      };
    const partials = tool.partial_images;
    if (
      partials !== undefined &&
      (typeof partials !== 'number' || !Number.isInteger(partials) || partials < 0 || partials > 3)
    ) {
      return { status: 400, message: "Invalid 'tools[0].partial_images': must be 0 to 3.", code: 'invalid_value' };
    }
    if (tool.output_format === 'webp')
      return {
        status: 400,
        message: "This test server cannot encode 'webp'; use png or jpeg.",
        code: 'unsupported_value',
      };
    if (tool.background === 'transparent' && tool.output_format === 'jpeg')
      return {
        status: 400,
        message: "Transparent background requires output_format 'png' or 'webp'.",
        code: 'invalid_value',
      };
    if (tool.input_image_mask !== undefined) {
      const m = tool.input_image_mask;
      if (!isRecord(m) || typeof m.image_url !== 'string')
        return { status: 400, message: "Invalid 'tools[0].input_image_mask': needs image_url.", code: 'invalid_value' };
      mask = m.image_url;
    }
  }
  const previous = json.previous_response_id;
  if (previous !== undefined && (typeof previous !== 'string' || !known.has(previous))) {
    return {
      status: 400,
      message: `Previous response with id '${shown(previous)}' not found.`,
      code: 'previous_response_not_found',
    };
  }
  return { model, prompt, inputs, tool, mask, stream: json.stream === true, previous };
}

function ids(): { resp: string; ig: string; msg: string } {
  const hex = (): string => crypto.randomBytes(12).toString('hex');
  return { resp: `resp_${hex()}`, ig: `ig_${hex()}`, msg: `msg_${hex()}` };
}

function messageItem(id: string, text: string): object {
  return {
    type: 'message',
    id,
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

function previews(produced: Produced, count: number, format: 'png' | 'jpeg'): string[] {
  if (!produced.raw) return [];
  const raw = produced.raw;
  // Sharper each time: 1/2^count of the size first, then doubling.
  return Array.from({ length: count }, (_, i) => {
    const small = downscale(raw, 2 ** (count - i));
    return (format === 'jpeg' ? encodeJpeg(small) : encodePng(small)).toString('base64');
  });
}

export async function answerResponses(ctx: ApiContext): Promise<void> {
  const parsed = parse(ctx.json, ctx.responses);
  if ('status' in parsed) return sendOpenAiError(ctx.res, parsed.status, parsed.message, parsed.code);
  ctx.record.model = parsed.model;
  const b = ctx.behaviour;
  if (b && (await sendApiFault(ctx, b))) return;
  const id = ids();
  const tool = parsed.tool;
  const format = tool?.output_format === 'jpeg' ? 'jpeg' : 'png';
  let produced: Produced | undefined;
  if (tool && b?.kind !== 'noImage') {
    const result = produceImage({
      prompt: parsed.prompt,
      seed: ctx.nextSeed(),
      transparent: tool.background === 'transparent',
      format,
      inputs: parsed.inputs,
      mask: parsed.mask,
      base: parsed.previous ? ctx.responses.get(parsed.previous) : undefined,
    });
    if ('error' in result) return sendOpenAiError(ctx.res, 400, result.error, result.code);
    produced = result;
    ctx.record.notes.push(...result.notes);
    if (parsed.previous) ctx.record.notes.push(`continued from ${parsed.previous}`);
  }
  ctx.responses.set(id.resp, produced?.raw);
  const served = produced ? [ctx.store.add(produced.bytes, produced.mime)] : [];
  ctx.store.setLast(served);
  const words = b?.kind === 'noImage' ? (b.text ?? 'I cannot draw that.') : RESPONSE_WORDS;
  const igItem = produced
    ? {
        type: 'image_generation_call',
        id: id.ig,
        status: 'completed',
        result: produced.bytes.toString('base64'),
        revised_prompt: `A detailed rendering of: ${parsed.prompt}`,
        output_format: format,
      }
    : undefined;
  const output = [...(igItem ? [igItem] : []), messageItem(id.msg, words)];
  const response = {
    id: id.resp,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'completed',
    model: parsed.model,
    output,
  };
  if (!parsed.stream) return sendJson(ctx.res, 200, response);

  const base = { id: id.resp, object: 'response', model: parsed.model, output: [] };
  const events: Buffer[] = [
    namedEvent('response.created', { response: { ...base, status: 'in_progress' } }),
    namedEvent('response.in_progress', { response: { ...base, status: 'in_progress' } }),
  ];
  if (igItem && produced) {
    events.push(
      namedEvent('response.output_item.added', {
        output_index: 0,
        item: { type: 'image_generation_call', id: id.ig, status: 'in_progress' },
      }),
    );
    events.push(namedEvent('response.image_generation_call.in_progress', { output_index: 0, item_id: id.ig }));
    events.push(namedEvent('response.image_generation_call.generating', { output_index: 0, item_id: id.ig }));
    const count = typeof tool?.partial_images === 'number' ? tool.partial_images : 0;
    previews(produced, count, format).forEach((b64, i) => {
      events.push(
        namedEvent('response.image_generation_call.partial_image', {
          output_index: 0,
          item_id: id.ig,
          partial_image_index: i,
          partial_image_b64: b64,
          output_format: format,
        }),
      );
    });
  }
  const cutAt = events.length - Math.max(0, (typeof tool?.partial_images === 'number' ? tool.partial_images : 0) - 1);
  if (
    b?.kind === 'streamFailed' ||
    b?.kind === 'streamError' ||
    b?.kind === 'closeMidStream' ||
    b?.kind === 'stallStream'
  ) {
    ctx.store.setLast([]);
    const head = events.slice(0, b.kind === 'streamFailed' ? events.length : cutAt);
    sseHeaders(ctx.res);
    if (!(await sendWrites(ctx.res, head, ctx.streamDelayMs, ctx.signal))) return;
    if (b.kind === 'closeMidStream') return ctx.destroy();
    if (b.kind === 'stallStream') return void (await sleep(24 * 3600_000, ctx.signal));
    const error = { code: b.code ?? 'server_error', message: b.message ?? 'The image could not be generated.' };
    const tail =
      b.kind === 'streamFailed'
        ? namedEvent('response.failed', { response: { ...base, status: 'failed', error } })
        : namedEvent('error', error);
    await writeFlushed(ctx.res, tail);
    ctx.res.end();
    return;
  }
  if (igItem) events.push(namedEvent('response.output_item.done', { output_index: 0, item: igItem }));
  events.push(
    namedEvent('response.output_item.added', {
      output_index: 1,
      item: { type: 'message', id: id.msg, role: 'assistant', status: 'in_progress', content: [] },
    }),
  );
  const half = Math.ceil(words.length / 2);
  for (const delta of [words.slice(0, half), words.slice(half)]) {
    events.push(
      namedEvent('response.output_text.delta', { output_index: 1, item_id: id.msg, content_index: 0, delta }),
    );
  }
  events.push(namedEvent('response.output_item.done', { output_index: 1, item: messageItem(id.msg, words) }));
  events.push(namedEvent('response.completed', { response }));
  sseHeaders(ctx.res);
  if (await sendWrites(ctx.res, planWrites(events), ctx.streamDelayMs, ctx.signal)) ctx.res.end();
}
