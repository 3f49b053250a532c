// GeekAI's background mode for chat completions (api.md "Background mode"): a POST with
// `background: true` answers at once with `{id, object, status: "queued"}`; `GET {base}/chat/{id}`
// answers `queued`, then `in_progress` until `backgroundPolls` polls have passed, then the
// finished completion with `status: "completed"` (or `failed` / `expired` with an error). The
// answer itself is drawn when the job is accepted, by the same behaviours as any chat request.
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { sendJson } from './io';
import { sendOpenAiError } from './errorAnswers';

/** How a background job ends; `gone`: the server has no record of it any more (404 on poll). */
export type BackgroundOutcome = 'completed' | 'failed' | 'expired' | 'gone' | 'never';

/** Queued with `enqueueBackground`: the next background job ends this way after `polls` polls. */
export interface BackgroundPlan {
  outcome: BackgroundOutcome;
  polls?: number;
}

export interface BackgroundJob {
  id: string;
  model: string;
  created: number;
  polls: number;
  pollsNeeded: number;
  outcome: BackgroundOutcome;
  /** The completion, as the same request without `background` would have been answered. */
  answer: Promise<{ status: number; body: string }>;
}

/**
 * Just enough of a ServerResponse for the chat answers to write into: the JSON they would have
 * sent is kept for the poll that finds the job completed.
 */
export class CapturedResponse extends EventEmitter {
  statusCode = 200;
  destroyed = false;
  writableEnded = false;
  headersSent = false;
  private readonly parts: Buffer[] = [];
  private settle: (r: { status: number; body: string }) => void = () => undefined;
  readonly done = new Promise<{ status: number; body: string }>((resolve) => (this.settle = resolve));

  writeHead(status: number): this {
    this.statusCode = status;
    this.headersSent = true;
    return this;
  }
  setHeader(): this {
    return this;
  }
  write(chunk: Buffer | string): boolean {
    this.parts.push(Buffer.from(chunk));
    return true;
  }
  end(chunk?: Buffer | string): this {
    if (chunk !== undefined) this.parts.push(Buffer.from(chunk));
    this.writableEnded = true;
    this.settle({ status: this.statusCode, body: Buffer.concat(this.parts).toString('utf8') });
    return this;
  }
  destroy(): this {
    this.destroyed = true;
    this.settle({ status: 500, body: '' });
    return this;
  }
  asResponse(): ServerResponse {
    return this as unknown as ServerResponse;
  }
}

export function newBackgroundJob(
  model: string,
  plan: BackgroundPlan | undefined,
  defaultPolls: number,
  answer: CapturedResponse,
): BackgroundJob {
  return {
    id: `chatcmpl-bg-${crypto.randomUUID()}`,
    model,
    created: Math.floor(Date.now() / 1000),
    polls: 0,
    pollsNeeded: plan?.polls ?? defaultPolls,
    outcome: plan?.outcome ?? 'completed',
    answer: answer.done,
  };
}

function stateOf(job: BackgroundJob, status: string): object {
  return { id: job.id, object: 'chat.completion', created: job.created, model: job.model, status };
}

export function acceptBackgroundJob(res: ServerResponse, job: BackgroundJob): void {
  sendJson(res, 200, stateOf(job, 'queued'));
}

export async function answerBackgroundPoll(
  res: ServerResponse,
  jobs: Map<string, BackgroundJob>,
  id: string,
): Promise<void> {
  const job = jobs.get(id);
  if (!job || (job.outcome === 'gone' && job.polls >= job.pollsNeeded)) {
    return sendOpenAiError(res, 404, `No background job with id '${id}'.`, 'not_found');
  }
  job.polls++;
  if (job.outcome === 'never' || job.polls <= job.pollsNeeded) {
    return sendJson(res, 200, stateOf(job, job.polls === 1 ? 'queued' : 'in_progress'));
  }
  if (job.outcome === 'failed') {
    return sendJson(res, 200, {
      ...stateOf(job, 'failed'),
      error: { message: 'The upstream model failed to draw the image.', code: 'job_failed' },
    });
  }
  if (job.outcome === 'expired') {
    return sendJson(res, 200, {
      ...stateOf(job, 'expired'),
      error: { message: 'Background results are kept for 7 days; this one has expired.', code: 'job_expired' },
    });
  }
  const answer = await job.answer;
  if (answer.status !== 200) {
    res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8' });
    return void res.end(answer.body);
  }
  const completion = JSON.parse(answer.body) as Record<string, unknown>;
  sendJson(res, 200, { ...completion, id: job.id, status: 'completed' });
}
