// POST {base}/images/generations and /images/edits (JSON, as GeekAI takes them), and
// GET {base}/images/{task_id} for asynchronous tasks (api.md "Images API").
import crypto from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ApiContext, Task } from './apiContext';
import { sendApiFault } from './apiFaults';
import { sendOpenAiError } from './errorAnswers';
import { produceImage } from './imageOutput';
import { sendJson, shown } from './io';
import { endpointsOf, IMAGES_FIELDS, imagesRules, modelNotSupported } from './serverModels';
import { listedModel } from './catalogAnswers';

type Refusal = { status: number; message: string; code: string };

function refuseParam(message: string): Refusal {
  return { status: 400, message, code: 'unsupported_parameter' };
}

function strings(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  return undefined;
}

/** What a real server would refuse in this body, or undefined. */
function check(json: Record<string, unknown>, edit: boolean): Refusal | undefined {
  for (const key of Object.keys(json)) {
    if (!IMAGES_FIELDS.has(key))
      return { status: 400, message: `Unknown parameter: '${key}'.`, code: 'unknown_parameter' };
  }
  const model = json.model;
  if (typeof model !== 'string' || model === '')
    return { status: 400, message: 'Missing required parameter: model', code: 'invalid_request' };
  if (typeof json.prompt !== 'string' || json.prompt === '')
    return { status: 400, message: 'Missing required parameter: prompt', code: 'invalid_request' };
  if (!endpointsOf(model).includes('images')) return { status: 400, ...modelNotSupported(model, 'images') };
  const rules = imagesRules(model);
  for (const param of rules.refuses) {
    if (json[param] !== undefined)
      return refuseParam(`Unsupported parameter: '${param}' is not supported with the model ${model}.`);
  }
  const n = json.n ?? 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10)
    return { status: 400, message: "Invalid 'n': must be an integer between 1 and 10.", code: 'invalid_value' };
  if (n > rules.maxN)
    return refuseParam(`Unsupported parameter: 'n' must be at most ${rules.maxN} for the model ${model}.`);
  if (rules.sizes && json.size !== undefined && !rules.sizes.includes(shown(json.size))) {
    return {
      status: 400,
      message: `Invalid value for 'size': '${shown(json.size)}'. Supported: ${rules.sizes.join(', ')}.`,
      code: 'unsupported_value',
    };
  }
  if (json.background !== undefined && !['auto', 'opaque', 'transparent'].includes(shown(json.background))) {
    return {
      status: 400,
      message: `Invalid value for 'background': '${shown(json.background)}'.`,
      code: 'invalid_value',
    };
  }
  const format = json.output_format ?? 'png';
  if (!['png', 'jpeg', 'jpg', 'webp'].includes(shown(format)))
    return { status: 400, message: `Invalid value for 'output_format': '${shown(format)}'.`, code: 'invalid_value' };
  if (format === 'webp')
    return {
      status: 400,
      message: "This test server cannot encode 'webp'; use png or jpeg.",
      code: 'unsupported_value',
    };
  if (json.background === 'transparent' && (format === 'jpeg' || format === 'jpg')) {
    return {
      status: 400,
      message: "Transparent background requires output_format 'png' or 'webp'.",
      code: 'invalid_value',
    };
  }
  if (edit) {
    if (!rules.edits)
      return { status: 400, message: `The model ${model} does not support image edits.`, code: 'model_not_supported' };
    const images = strings(json.image);
    if (!images || images.length === 0 || images.length > 16)
      return { status: 400, message: "'image' must be 1 to 16 image URLs or data URLs.", code: 'invalid_value' };
    if (json.mask !== undefined && typeof json.mask !== 'string')
      return { status: 400, message: "'mask' must be a URL or data URL.", code: 'invalid_value' };
  } else if (json.mask !== undefined) {
    return { status: 400, message: "'mask' is only accepted by /images/edits.", code: 'invalid_value' };
  }
  return undefined;
}

/** The `data` answer for a valid request, or a 400 for an input it cannot use. */
function draw(ctx: ApiContext, edit: boolean): { body: object } | Refusal {
  const j = ctx.json;
  const model = String(j.model);
  const n = typeof j.n === 'number' ? j.n : 1;
  const format = j.output_format === 'jpeg' || j.output_format === 'jpg' ? 'jpeg' : 'png';
  const b64 = imagesRules(model).b64Only || j.response_format === 'b64_json';
  const images = [];
  for (let i = 0; i < n; i++) {
    const produced = produceImage({
      prompt: String(j.prompt),
      seed: ctx.nextSeed(),
      transparent: j.background === 'transparent',
      format,
      // Variations of an edit: the first is the edit, the rest are fresh pictures.
      inputs: edit && i === 0 ? (strings(j.image) ?? []) : [],
      mask: edit && i === 0 && typeof j.mask === 'string' ? j.mask : undefined,
    });
    if ('error' in produced) return { status: 400, message: produced.error, code: produced.code };
    ctx.record.notes.push(...produced.notes);
    images.push(ctx.store.add(produced.bytes, produced.mime));
  }
  ctx.store.setLast(images);
  const revised = `A detailed rendering of: ${String(j.prompt)}`;
  const data = images.map((im) =>
    b64 ? { b64_json: im.bytes.toString('base64'), revised_prompt: revised } : { url: im.url, revised_prompt: revised },
  );
  // A model the catalog says reports its cost gets `usage.cost` (CNY), as the answer's own record.
  const cost = listedModel(model)?.usageCost;
  return {
    body: {
      created: Math.floor(Date.now() / 1000),
      data,
      ...(cost === undefined ? {} : { usage: { cost: cost * n, currency: 'CNY' } }),
    },
  };
}

function newTask(ctx: ApiContext, outcome: Task['outcome'], pollsNeeded: number): Task {
  const task: Task = { id: crypto.randomUUID(), polls: 0, pollsNeeded, outcome };
  ctx.tasks.set(task.id, task);
  return task;
}

export async function answerImagesPost(ctx: ApiContext, edit: boolean): Promise<void> {
  const refusal = check(ctx.json, edit);
  if (refusal) return sendOpenAiError(ctx.res, refusal.status, refusal.message, refusal.code);
  ctx.record.model = String(ctx.json.model);
  const b = ctx.behaviour;
  if (b && (await sendApiFault(ctx, b))) return;
  if (b?.kind === 'noImage') {
    ctx.store.setLast([]);
    return sendJson(ctx.res, 200, { created: Math.floor(Date.now() / 1000), data: [] });
  }
  const drawn = draw(ctx, edit);
  if ('status' in drawn) return sendOpenAiError(ctx.res, drawn.status, drawn.message, drawn.code);
  const asTask =
    ctx.json.async === true || b?.kind === 'asyncTask' || b?.kind === 'taskFailed' || b?.kind === 'taskNeverEnds';
  if (!asTask) return sendJson(ctx.res, 200, drawn.body);
  const outcome: Task['outcome'] =
    b?.kind === 'taskFailed'
      ? {
          kind: 'failed',
          message: b.message ?? 'The upstream model failed to draw the image.',
          code: b.code ?? 'task_failed',
        }
      : b?.kind === 'taskNeverEnds'
        ? { kind: 'never' }
        : { kind: 'data', body: drawn.body };
  const task = newTask(ctx, outcome, b?.kind === 'asyncTask' ? (b.polls ?? ctx.taskPolls) : ctx.taskPolls);
  sendJson(ctx.res, 200, {
    created: Math.floor(Date.now() / 1000),
    data: [],
    task_id: task.id,
    task_status: 'pending',
  });
}

export function answerTaskPoll(res: ServerResponse, tasks: Map<string, Task>, id: string): void {
  const task = tasks.get(id);
  if (!task) return sendOpenAiError(res, 404, `No task with id '${id}'.`, 'task_not_found');
  task.polls++;
  if (task.outcome.kind === 'never' || task.polls <= task.pollsNeeded) {
    return sendJson(res, 200, { task_id: task.id, task_status: task.polls === 1 ? 'pending' : 'running', data: [] });
  }
  if (task.outcome.kind === 'failed') {
    return sendJson(res, 200, {
      task_id: task.id,
      task_status: 'failed',
      data: [],
      error: { message: task.outcome.message, code: task.outcome.code },
    });
  }
  sendJson(res, 200, { ...task.outcome.body, task_id: task.id, task_status: 'succeed' });
}
