// The panel's jobs, side by side: each with its own progress, elapsed time, place in line while
// it waits, and a Cancel that ends that job in the UI at once instead of waiting for the backend
// to notice the abort.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../core/logger';
import type { HostToWebview, RunningJob } from '../../shared/protocol';
import type * as vscode from 'vscode';
import type { ImageJobResult } from '../core/job/imageJob';
import type { PanelJob, StudioBackend } from './ports';

interface Current extends RunningJob {
  startedAt: number;
  abort: AbortController;
}

export interface JobRunnerDeps {
  backend: StudioBackend;
  post: (msg: HostToWebview) => void;
  log: Logger;
  cancelledMessage: () => string;
  now?: () => number;
}

export class JobRunner {
  /** Running and waiting jobs, oldest first (a Map keeps insertion order). */
  private readonly jobs = new Map<string, Current>();
  private readonly now: () => number;

  constructor(private readonly deps: JobRunnerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The jobs as the webview needs them after a reload. */
  running(): RunningJob[] {
    return [...this.jobs.values()].map((c) => ({
      jobId: c.jobId,
      prompt: c.prompt,
      model: c.model,
      percent: c.percent,
      text: c.text,
      place: c.place,
      elapsedMs: this.now() - c.startedAt,
    }));
  }

  /**
   * Runs `job` beside any others (the backend's queue decides when it starts); `onResult` turns
   * the result into a card (and history entry). Resolves when the job is over; never rejects:
   * failures become `error` messages for that job's card.
   */
  async run(
    job: PanelJob,
    onResult: (jobId: string, r: ImageJobResult<vscode.Uri>, elapsedMs: number) => Promise<void>,
  ): Promise<void> {
    const { backend, post, log } = this.deps;
    const c: Current = {
      jobId: randomUUID(),
      prompt: job.prompt,
      model: job.model,
      text: '',
      elapsedMs: 0,
      startedAt: this.now(),
      abort: new AbortController(),
    };
    this.jobs.set(c.jobId, c);
    const elapsed = (): number => this.now() - c.startedAt;
    const live = (): boolean => this.jobs.get(c.jobId) === c && !c.abort.signal.aborted;
    post({ type: 'jobStarted', jobId: c.jobId, prompt: c.prompt, model: c.model });
    try {
      const result = await backend.generate(
        job,
        (p) => {
          if (!live()) return;
          if (p.preview) post({ type: 'preview', jobId: c.jobId, ...p.preview });
          // Waiting time is not drawing time: the clock starts when the job leaves the line.
          if (c.place !== undefined && p.place === undefined) c.startedAt = this.now();
          c.place = p.place;
          c.percent = p.percent ?? c.percent;
          c.text = p.text;
          post({
            type: 'progress',
            jobId: c.jobId,
            percent: c.percent,
            text: p.text,
            elapsedMs: elapsed(),
            place: c.place,
          });
        },
        c.abort.signal,
      );
      if (!live()) return;
      await onResult(c.jobId, result, elapsed());
      post({ type: 'jobEnded', jobId: c.jobId, outcome: 'done', elapsedMs: elapsed() });
    } catch (e) {
      if (!live()) return;
      const view = backend.describeError(e);
      log.warn(`Studio: generation failed (${view.kind}): ${e instanceof Error ? e.message : String(e)}`);
      const outcome = view.kind === 'cancelled' ? 'cancelled' : 'error';
      post({
        type: 'error',
        jobId: c.jobId,
        kind: view.kind,
        message: view.message,
        detail: view.detail,
        actions: view.actions,
        ...(view.switchTo ? { switchTo: view.switchTo } : {}),
      });
      post({ type: 'jobEnded', jobId: c.jobId, outcome, elapsedMs: elapsed() });
    } finally {
      if (this.jobs.get(c.jobId) === c) this.jobs.delete(c.jobId);
    }
  }

  /** Aborts that job's request (or its wait) and tells the webview right away; a late answer is ignored. */
  cancel(jobId: string): boolean {
    const c = this.jobs.get(jobId);
    if (!c) return false;
    c.abort.abort();
    this.jobs.delete(jobId);
    const elapsedMs = this.now() - c.startedAt;
    this.deps.log.info(`Studio: generation cancelled after ${elapsedMs} ms`);
    this.deps.post({
      type: 'error',
      jobId,
      kind: 'cancelled',
      message: this.deps.cancelledMessage(),
      actions: ['retry'],
    });
    this.deps.post({ type: 'jobEnded', jobId, outcome: 'cancelled', elapsedMs });
    return true;
  }

  dispose(): void {
    for (const c of this.jobs.values()) c.abort.abort();
    this.jobs.clear();
  }
}
