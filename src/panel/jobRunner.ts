// Runs one generation at a time for the panel: progress, elapsed time, and a Cancel that ends
// the job in the UI at once instead of waiting for the backend to notice the abort.
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
  private current: Current | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: JobRunnerDeps) {
    this.now = deps.now ?? Date.now;
  }

  isBusy(): boolean {
    return this.current !== undefined;
  }

  /** The running job as the webview needs it after a reload. */
  running(): RunningJob | undefined {
    const c = this.current;
    if (!c) return undefined;
    return { jobId: c.jobId, prompt: c.prompt, model: c.model, percent: c.percent, text: c.text, elapsedMs: this.now() - c.startedAt };
  }

  /**
   * Runs `job`; `onResult` turns the result into a card (and history entry). Resolves when the
   * job is over; never rejects: failures become `error` messages.
   */
  async run(job: PanelJob, onResult: (jobId: string, r: ImageJobResult<vscode.Uri>, elapsedMs: number) => Promise<void>): Promise<void> {
    const { backend, post, log } = this.deps;
    const c: Current = { jobId: randomUUID(), prompt: job.prompt, model: job.model, text: '', elapsedMs: 0, startedAt: this.now(), abort: new AbortController() };
    this.current = c;
    const elapsed = (): number => this.now() - c.startedAt;
    const live = (): boolean => this.current === c && !c.abort.signal.aborted;
    post({ type: 'jobStarted', jobId: c.jobId, prompt: c.prompt, model: c.model });
    try {
      const result = await backend.generate(
        job,
        (p) => {
          if (!live()) return;
          if (p.preview) post({ type: 'preview', jobId: c.jobId, ...p.preview });
          c.percent = p.percent ?? c.percent;
          c.text = p.text;
          post({ type: 'progress', jobId: c.jobId, percent: c.percent, text: p.text, elapsedMs: elapsed() });
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
      post({ type: 'error', jobId: c.jobId, kind: view.kind, message: view.message, detail: view.detail, actions: view.actions });
      post({ type: 'jobEnded', jobId: c.jobId, outcome, elapsedMs: elapsed() });
    } finally {
      if (this.current === c) this.current = undefined;
    }
  }

  /** Aborts the request and tells the webview right away; a late answer is ignored. */
  cancel(jobId: string): boolean {
    const c = this.current;
    if (!c || c.jobId !== jobId) return false;
    c.abort.abort();
    this.current = undefined;
    const elapsedMs = this.now() - c.startedAt;
    this.deps.log.info(`Studio: generation cancelled after ${elapsedMs} ms`);
    this.deps.post({ type: 'error', jobId, kind: 'cancelled', message: this.deps.cancelledMessage(), actions: ['retry'] });
    this.deps.post({ type: 'jobEnded', jobId, outcome: 'cancelled', elapsedMs });
    return true;
  }

  dispose(): void {
    this.current?.abort.abort();
    this.current = undefined;
  }
}
