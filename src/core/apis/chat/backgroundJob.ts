// Chat completions in GeekAI's background mode: the POST (with `background: true`) answers at once
// with a job id, and `GET {base}/chat/{id}` is polled until the job is done; the finished job is
// an ordinary completion. A job the server runs survives a dropped connection or a reload of the
// editor (its id is handed on the moment it is known), and its result is kept for 7 days.
import * as z from 'zod/mini';
import { ImageError } from '../../errors';
import { errorFromInlineBody } from '../../http/httpErrors';
import type { JsonWithBlobs } from '../../heavy/jsonBlobs';
import type { ApiTransport } from '../api';
import { parseJson, shapeAs } from '../parseJson';
import { ErrorBodySchema } from '../../http/errorBody';
import type { Secrets } from '../../text/secrets';

const StateSchema = z.object({
  id: z.optional(z.nullable(z.union([z.string(), z.number()]))),
  status: z.optional(z.nullable(z.string())),
  error: z.optional(z.nullable(z.union([ErrorBodySchema, z.string()]))),
});

const RUNNING = new Set(['pending', 'queued', 'in_progress', 'running', 'processing', 'submitted']);
const FAILED = new Set(['failed', 'failure', 'error', 'cancelled', 'canceled', 'expired', 'incomplete']);

/** `done` carries the parsed body, which is then the completion: an image's data URL is parsed once. */
export type BackgroundState = { kind: 'running'; id: string; status: string } | { kind: 'done'; body: unknown };

/**
 * A background job's answer: still running (with its id), done (the body is the completion), or
 * an error: failed and expired jobs throw `server`/`taskFailed` with the server's words.
 */
export function readBackgroundState(text: string, secrets: Secrets): BackgroundState {
  return backgroundState(parseJson(text, 'body'), secrets);
}

/** readBackgroundState of a body already parsed (by the transport, off the host thread when it is large). */
export function backgroundState(body: unknown, secrets: Secrets): BackgroundState {
  const s = shapeAs(body, StateSchema, 'body');
  const status = s.status?.toLowerCase() ?? '';
  const id = s.id === undefined || s.id === null ? '' : String(s.id);
  if (FAILED.has(status)) {
    const detail = s.error ? errorFromInlineBody(s.error, secrets).detail : undefined;
    throw new ImageError('server', `the background job ${id} ${status}${detail ? `: ${detail}` : ''}`, {
      reason: 'taskFailed',
      detail,
      params: { task: id, status },
    });
  }
  if (RUNNING.has(status)) {
    if (!id) throw new ImageError('badResponse', 'a background job without an id', { reason: 'wrongShape' });
    return { kind: 'running', id, status };
  }
  // A job that was already done, or a server that ignored `background`: the body is the completion.
  return { kind: 'done', body };
}

/** Polls `GET /chat/{id}` until the job is done; returns the completion, parsed, with the base64 payloads cut out of it. */
export async function pollBackgroundJob(t: ApiTransport, id: string, status: string): Promise<JsonWithBlobs> {
  const path = `/chat/${encodeURIComponent(id)}`;
  let last = status;
  for (let round = 1; ; round++) {
    t.progress({ phase: 'waiting', task: { id, status: last } });
    if (Date.now() + t.pollIntervalMs > t.deadline) {
      throw new ImageError('timeout', `the background job ${id} was still ${last} when the time limit came`, {
        reason: 'task',
        params: { task: id },
      });
    }
    await t.sleep(t.pollIntervalMs);
    const res = await t.send(path, undefined, 'application/json');
    let parsed: JsonWithBlobs;
    try {
      parsed = await t.readJson(res);
    } finally {
      res.close();
    }
    const state = backgroundState(parsed.value, t.secrets);
    if (state.kind === 'done') {
      t.log.info(`background job ${id} done after ${round} poll(s)`);
      return { value: state.body, blobs: parsed.blobs };
    }
    last = state.status;
  }
}
