// Reads an Images API answer: `data[]` items with `url` or `b64_json` (and `revised_prompt`), or an
// asynchronous task (`task_id`, `task_status`) still to be polled.
import * as z from 'zod/mini';
import { ImageError } from '../../errors';
import { errorFromInlineBody } from '../../http/httpErrors';
import type { FoundImage } from '../api';
import { ErrorBodySchema } from '../../http/errorBody';
import { parseJsonAs } from '../parseJson';
import { MAX_ANSWER_IMAGES, tooManyImages } from '../../limits';
import { usageCost } from '../../price/usageCost';
import type { OutputFormat } from '../../../../shared/imageVocabulary';
import type { Secrets } from '../../text/secrets';

const ItemSchema = z.object({
  url: z.optional(z.nullable(z.string())),
  b64_json: z.optional(z.nullable(z.string())),
  revised_prompt: z.optional(z.nullable(z.string())),
});

const ImagesAnswerSchema = z.object({
  data: z.optional(z.nullable(z.array(ItemSchema))),
  task_id: z.optional(z.nullable(z.union([z.string(), z.number()]))),
  task_status: z.optional(z.nullable(z.string())),
  error: z.optional(z.nullable(z.union([ErrorBodySchema, z.string()]))),
  fail_reason: z.optional(z.nullable(z.string())),
  model: z.optional(z.nullable(z.string())),
  usage: z.optional(z.unknown()),
});

export type ImagesAnswer =
  | { kind: 'images'; images: FoundImage[]; model?: string; cost?: number }
  | { kind: 'task'; taskId: string; status: string };

/** Statuses of a task still running; `succeed` (GeekAI), `succeeded`/`completed` (other relays) are done. */
const PENDING = new Set(['pending', 'queued', 'submitted', 'running', 'processing', 'in_progress']);
const FAILED = new Set(['failed', 'failure', 'error', 'cancelled', 'canceled', 'expired']);

function mimeFor(format: OutputFormat | undefined): string {
  return format === 'jpeg' ? 'image/jpeg' : format === 'webp' ? 'image/webp' : 'image/png';
}

export function readImagesAnswer(text: string, secrets: Secrets, format?: OutputFormat): ImagesAnswer {
  const a = parseJsonAs(text, ImagesAnswerSchema, 'body');
  const status = a.task_status?.toLowerCase() ?? '';
  const taskId = a.task_id === undefined || a.task_id === null ? undefined : String(a.task_id);
  if (FAILED.has(status)) {
    const inner = a.error ? errorFromInlineBody(a.error, secrets) : undefined;
    const detail = inner?.detail ?? (a.fail_reason ? errorFromInlineBody(a.fail_reason, secrets).detail : undefined);
    if (inner?.kind === 'moderation') throw inner;
    throw new ImageError('server', `the task ${taskId ?? ''} failed${detail ? `: ${detail}` : ''}`, {
      reason: 'taskFailed',
      detail,
      params: { task: taskId ?? '' },
    });
  }
  if (a.error) throw errorFromInlineBody(a.error, secrets);
  const images: FoundImage[] = [];
  for (const item of a.data ?? []) {
    if (images.length >= MAX_ANSWER_IMAGES) throw tooManyImages();
    const revisedPrompt = item.revised_prompt ?? undefined;
    // Some relays send `b64_json` as a whole data URL already.
    if (item.b64_json)
      images.push({
        url: item.b64_json.startsWith('data:') ? item.b64_json : `data:${mimeFor(format)};base64,${item.b64_json}`,
        revisedPrompt,
      });
    else if (item.url) images.push({ url: item.url, revisedPrompt });
  }
  if (taskId && images.length === 0 && (PENDING.has(status) || status === ''))
    return { kind: 'task', taskId, status: status || 'pending' };
  if (!a.data && !taskId)
    throw new ImageError('badResponse', 'the answer has neither data nor a task', { reason: 'wrongShape' });
  const cost = usageCost(a.usage);
  return { kind: 'images', images, model: a.model ?? undefined, ...(cost === undefined ? {} : { cost }) };
}
