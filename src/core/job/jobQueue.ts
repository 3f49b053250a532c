// Runs image jobs side by side, at most `limit()` at once; the rest wait in the order they came,
// each knowing its place. Every job gets its own AbortSignal (tied to its caller's), so one can
// be cancelled from anywhere (its card, its notification, the list of jobs) without touching
// the others. No VS Code here: the adapter shows the list and the counts.
import { ImageError } from '../errors';

export type QueuedState = 'queued' | 'running';

export interface QueueEntry<M> {
  id: string;
  meta: M;
  state: QueuedState;
  /** 1 for the next job to start; only while queued. */
  place?: number;
}

export interface QueueHooks {
  /** Called while the job waits, whenever its place changes (1 = next). */
  onQueued?: (place: number) => void;
  /** The caller's Cancel; the job's own signal follows it. */
  signal?: AbortSignal;
}

interface Item<M> {
  id: string;
  meta: M;
  state: QueuedState;
  abort: AbortController;
  start: () => void;
  fail: (e: unknown) => void;
  hooks: QueueHooks;
  detach: () => void;
  lastPlace?: number;
}

const cancelled = (): ImageError => new ImageError('cancelled', 'cancelled while waiting for its turn');

export class JobQueue<M> {
  private readonly items: Item<M>[] = [];
  private readonly listeners = new Set<() => void>();
  private counter = 0;

  /** `limit` is read whenever a place frees up, so a changed setting applies to the next start. */
  constructor(private readonly limit: () => number) {}

  /**
   * Runs `work` when a slot is free; resolves or rejects with its outcome. A job cancelled while
   * it waits rejects with a `cancelled` ImageError and never starts.
   */
  run<T>(meta: M, work: (signal: AbortSignal, id: string) => Promise<T>, hooks: QueueHooks = {}): Promise<T> {
    const id = `job-${++this.counter}`;
    return new Promise<T>((resolve, reject) => {
      const abort = new AbortController();
      const item: Item<M> = {
        id,
        meta,
        state: 'queued',
        abort,
        hooks,
        fail: reject,
        detach: () => hooks.signal?.removeEventListener('abort', onCallerAbort),
        start: () => {
          item.state = 'running';
          Promise.resolve()
            .then(() => work(abort.signal, id))
            .then(resolve, reject)
            .finally(() => this.remove(item));
        },
      };
      const onCallerAbort = (): void => void this.cancel(id);
      if (hooks.signal?.aborted) return reject(cancelled());
      hooks.signal?.addEventListener('abort', onCallerAbort, { once: true });
      this.items.push(item);
      this.pump();
    });
  }

  /** Cancels a queued job (it never starts) or aborts a running one; false when there is no such job. */
  cancel(id: string): boolean {
    const item = this.items.find((i) => i.id === id);
    if (!item) return false;
    item.abort.abort();
    if (item.state === 'queued') {
      this.remove(item);
      item.fail(cancelled());
    }
    return true;
  }

  list(): QueueEntry<M>[] {
    let place = 0;
    return this.items.map((i) =>
      i.state === 'queued'
        ? { id: i.id, meta: i.meta, state: i.state, place: ++place }
        : { id: i.id, meta: i.meta, state: i.state },
    );
  }

  counts(): { running: number; queued: number } {
    const running = this.items.filter((i) => i.state === 'running').length;
    return { running, queued: this.items.length - running };
  }

  /** Called after every start, end and cancel; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private remove(item: Item<M>): void {
    const at = this.items.indexOf(item);
    if (at < 0) return;
    this.items.splice(at, 1);
    item.detach();
    this.pump();
  }

  private pump(): void {
    const max = Math.max(1, Math.floor(this.limit()) || 1);
    for (const item of this.items) {
      if (this.counts().running >= max) break;
      if (item.state === 'queued') item.start();
    }
    let place = 0;
    for (const item of this.items) {
      if (item.state !== 'queued') continue;
      place++;
      if (item.lastPlace !== place) {
        item.lastPlace = place;
        item.hooks.onQueued?.(place);
      }
    }
    for (const l of [...this.listeners]) l();
  }
}
