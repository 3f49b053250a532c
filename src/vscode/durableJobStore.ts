// Durable jobs in the extension's global state (a Memento): added when the server runs a job in
// the background, removed when it ends here. Writes are chained, so jobs that start or end
// together never overwrite each other's change. Every window shares this state, so the window
// polling a job holds a claim on it: this activation's id, its extension host's machine and
// process id, and a time it refreshes. Another window takes a job when the claim is missing, its
// process is gone (on this machine: a reloaded or closed window's), or it is stale. Nothing
// depends on a write at deactivation: on a reload VS Code may drop it. Global state has no
// compare-and-swap: a claim is written, left to reach the other windows, and read back.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  CLAIM_REFRESH_MS,
  CLAIM_STALE_MS,
  claimFreeIn,
  claimIsFree,
  readStoredJobs,
  withJob,
  withoutJob,
  type Claim,
  type DurableJob,
  type StoredJobs,
} from '../core/job/durableJobs';
import { DURABLE_JOBS_KEY } from './durableJobsKey';

/** How long a claim is left to reach the other windows before it is read back (VS Code passes a change on within a few hundred ms). */
export const CLAIM_SETTLE_MS = 2000;

/** How often a job another window holds is looked at again: soon after that window's process ends, it is taken. */
export const CLAIM_RECHECK_MS = 5000;

/** The extension host this store runs in, as claims name it; tests pass one per simulated window. */
export interface HostProcess {
  host: string;
  pid: number;
  /** Whether the process `pid` on this machine still runs. */
  alive(pid: number): boolean;
}

/** Signal 0 tests for the process without touching it; EPERM: it runs, as another user. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const THIS_PROCESS: HostProcess = { host: hostname(), pid: process.pid, alive: processAlive };

/** The slice of `vscode.Memento` used here; tests pass a Map-backed fake. */
export interface MementoLike {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface ClaimTiming {
  staleMs: number;
  refreshMs: number;
  settleMs: number;
  recheckMs: number;
}

export interface StoreOptions {
  /** This activation; a new random id when absent. */
  owner?: string;
  now?: () => Date;
  timing?: Partial<ClaimTiming>;
  process?: HostProcess;
}

/** A timer that never keeps the process alive on its own. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export class DurableJobStore {
  private writing: Promise<void> = Promise.resolve();
  readonly owner: string;
  readonly timing: ClaimTiming;
  private readonly now: () => Date;
  private readonly process: HostProcess;

  constructor(
    private readonly memento: MementoLike,
    o: StoreOptions = {},
  ) {
    this.owner = o.owner ?? randomUUID();
    this.now = o.now ?? (() => new Date());
    this.timing = {
      staleMs: CLAIM_STALE_MS,
      refreshMs: CLAIM_REFRESH_MS,
      settleMs: CLAIM_SETTLE_MS,
      recheckMs: CLAIM_RECHECK_MS,
      ...o.timing,
    };
    this.process = o.process ?? THIS_PROCESS;
  }

  read(): StoredJobs {
    return readStoredJobs(this.memento.get(DURABLE_JOBS_KEY));
  }

  find(key: string): DurableJob | undefined {
    return this.read().jobs.find((j) => j.key === key);
  }

  /** Kept, claimed by this window (which is polling it). */
  add(job: DurableJob): Promise<void> {
    return this.change((jobs) => withJob(jobs, { ...job, claim: this.claimNow() }));
  }

  remove(key: string): Promise<void> {
    return this.change((jobs) => withoutJob(jobs, key));
  }

  /** Keeps only the readable jobs (after the unreadable ones were reported). */
  dropUnreadable(): Promise<void> {
    return this.change((jobs) => jobs);
  }

  /** Whether nobody polls `job` now (no claim, one whose process is gone, or a stale one). */
  isFree(job: DurableJob): boolean {
    return claimIsFree(job, this.now(), this.timing.staleMs, (c) => this.holderGone(c));
  }

  /**
   * Whether the claim's extension host has ended: another process on this machine that no longer
   * runs. A claim from another machine, or without a process, holds until it is stale.
   */
  private holderGone(c: Claim): boolean {
    return (
      c.host === this.process.host && c.pid !== undefined && c.pid !== this.process.pid && !this.process.alive(c.pid)
    );
  }

  /** How long until `job`'s claim goes stale if nobody refreshes it. */
  freeIn(job: DurableJob): number {
    return claimFreeIn(job, this.now(), this.timing.staleMs);
  }

  /**
   * Claims `key` for this window: true when the claim is still this window's after the others had
   * time to write theirs (the last write wins everywhere, so only one window reads its own back).
   */
  async claim(key: string): Promise<boolean> {
    let written = false;
    await this.change((jobs) =>
      jobs.map((j) => {
        if (j.key !== key || !this.isFree(j)) return j;
        written = true;
        return { ...j, claim: this.claimNow() };
      }),
    );
    if (!written) return false;
    await sleep(this.timing.settleMs);
    return this.find(key)?.claim?.owner === this.owner;
  }

  /** Keeps this window's claim on `key` fresh until the returned function is called. */
  hold(key: string): () => void {
    const timer = setInterval(() => void this.refresh(key).catch(() => undefined), this.timing.refreshMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private refresh(key: string): Promise<void> {
    return this.change((jobs) =>
      jobs.map((j) => (j.key === key && j.claim?.owner === this.owner ? { ...j, claim: this.claimNow() } : j)),
    );
  }

  private claimNow(): Claim {
    return { owner: this.owner, at: this.now().toISOString(), host: this.process.host, pid: this.process.pid };
  }

  private change(fn: (jobs: DurableJob[]) => DurableJob[]): Promise<void> {
    const next = this.writing.then(async () => {
      const jobs = fn(this.read().jobs);
      await this.memento.update(DURABLE_JOBS_KEY, jobs.length ? jobs : undefined);
    });
    // One failed write must not stop the ones after it.
    this.writing = next.catch(() => undefined);
    return next;
  }
}
