// A small pool of worker threads for heavy work: started on first need, one request per thread
// at a time, stopped when idle. A cancelled or timed-out request terminates its thread (the only
// way to stop WebAssembly mid-encode, and it frees the thread's memory); a crash or an
// out-of-memory stop fails that request alone, and the next request gets a fresh thread.
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { ImageError } from '../errors';
import type { WorkMessage, WorkOp, WorkReply, WorkRequest, WorkResults } from './workerProtocol';

export interface PoolOptions {
  /** The worker script (dist/worker.js). */
  file: string;
  /** Threads at most; one per core, at most 2, by default. */
  size?: number;
  /** Threads stop after this long without work (default 30 s). */
  idleMs?: number;
  /** Heap limits of each thread; a thread past them stops with `outOfMemory`. */
  resourceLimits?: ResourceLimits;
}

export const DEFAULT_IDLE_MS = 30_000;
export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 };

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export type StopReason = 'crashed' | 'outOfMemory' | 'timedOut' | 'closed';

/** The thread running a request stopped before answering. */
export class WorkerStopped extends Error {
  constructor(
    readonly reason: StopReason,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerStopped';
  }
}

/** The thread answered with an error (the work failed; the thread is fine). */
export class WorkFailed extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WorkFailed';
  }
}

export interface RunOptions {
  signal?: AbortSignal;
  /** The thread is stopped (WorkerStopped `timedOut`) when the answer takes longer. */
  timeoutMs?: number;
}

interface Task {
  message: WorkMessage;
  transfer: ArrayBuffer[];
  resolve: (value: unknown) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  timeoutMs?: number;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  task?: Task;
  error?: Error;
}

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly size: number;
  private readonly idleMs: number;
  /** Threads started so far (for tests and the bench: a fresh one after each stop). */
  started = 0;

  constructor(private readonly options: PoolOptions) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  }

  /** Threads alive now. */
  get threads(): number {
    return this.slots.size;
  }

  /** Threads working on a request now. */
  get busy(): number {
    return [...this.slots].filter((s) => s.task).length;
  }

  run<O extends WorkOp>(
    request: Extract<WorkRequest, { op: O }>,
    transfer: ArrayBuffer[],
    o: RunOptions = {},
  ): Promise<WorkResults[O]> {
    return new Promise<unknown>((resolve, reject) => {
      if (o.signal?.aborted) return reject(cancelled());
      const task: Task = {
        message: { id: this.nextId++, request },
        transfer,
        resolve,
        reject,
        signal: o.signal,
        timeoutMs: o.timeoutMs,
      };
      if (o.signal) {
        task.onAbort = () => this.stop(task, cancelled());
        o.signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.queue.push(task);
      this.pump();
    }) as Promise<WorkResults[O]>;
  }

  /** Stops every thread; waiting requests fail with `closed`. Later requests start threads again. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    for (const t of this.queue.splice(0))
      this.settle(t, () => t.reject(new WorkerStopped('closed', 'the image worker pool was closed')));
    const all = [...this.slots];
    this.slots.clear();
    for (const s of all) {
      const t = s.task;
      s.task = undefined;
      if (t) this.settle(t, () => t.reject(new WorkerStopped('closed', 'the image worker pool was closed')));
    }
    await Promise.all(all.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    clearTimeout(this.idleTimer);
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => !s.task);
      if (!slot && this.slots.size < this.size) slot = this.spawn();
      if (!slot) break;
      const task = this.queue.shift();
      if (task) this.assign(slot, task);
    }
    if ([...this.slots].every((s) => !s.task) && this.slots.size > 0) {
      this.idleTimer = setTimeout(() => void this.stopIdle(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private async stopIdle(): Promise<void> {
    const idle = [...this.slots].filter((s) => !s.task);
    for (const s of idle) this.slots.delete(s);
    await Promise.all(idle.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.file, {
      resourceLimits: this.options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS,
    });
    this.started++;
    const slot: Slot = { worker };
    this.slots.add(slot);
    worker.on('message', (reply: WorkReply) => {
      const t = slot.task;
      if (!t || t.message.id !== reply.id) return;
      slot.task = undefined;
      worker.unref();
      this.settle(t, () => (reply.ok ? t.resolve(reply.result) : t.reject(new WorkFailed(reply.message, reply.code))));
      this.pump();
    });
    worker.on('error', (e) => {
      slot.error = e;
    });
    worker.on('exit', (code) => {
      const t = slot.task;
      slot.task = undefined;
      const mine = this.slots.delete(slot);
      if (t) {
        const oom = (slot.error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        const why = slot.error?.message ?? `exit code ${code}`;
        this.settle(t, () =>
          t.reject(
            new WorkerStopped(
              oom ? 'outOfMemory' : 'crashed',
              oom ? 'the image worker ran out of memory' : `the image worker stopped: ${why}`,
            ),
          ),
        );
      }
      if (mine) this.pump();
    });
    return slot;
  }

  private assign(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref();
    if (task.timeoutMs !== undefined) {
      task.timer = setTimeout(
        () => this.stop(task, new WorkerStopped('timedOut', `the image worker took longer than ${task.timeoutMs} ms`)),
        task.timeoutMs,
      );
    }
    slot.worker.postMessage(task.message, task.transfer);
  }

  /** Fails `task` with `error`: dropped from the queue, or its thread terminated (and with it the work and its memory). */
  private stop(task: Task, error: Error): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
    } else {
      const slot = [...this.slots].find((s) => s.task === task);
      if (!slot) return;
      slot.task = undefined;
      this.slots.delete(slot);
      void slot.worker.terminate();
    }
    this.settle(task, () => task.reject(error));
    this.pump();
  }

  private settle(task: Task, done: () => void): void {
    clearTimeout(task.timer);
    if (task.onAbort) task.signal?.removeEventListener('abort', task.onAbort);
    done();
  }
}

function cancelled(): ImageError {
  return new ImageError('cancelled', 'cancelled by the user');
}
