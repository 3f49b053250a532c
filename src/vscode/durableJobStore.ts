// Durable jobs in the extension's global state (a Memento): added when the server runs a job in
// the background, removed when it ends here. Writes are chained, so jobs that start or end
// together never overwrite each other's change.
import { readStoredJobs, withJob, withoutJob, type DurableJob, type StoredJobs } from '../core/job/durableJobs';
import { DURABLE_JOBS_KEY } from './durableJobsKey';

/** The slice of `vscode.Memento` used here; tests pass a Map-backed fake. */
export interface MementoLike {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export class DurableJobStore {
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly memento: MementoLike) {}

  read(): StoredJobs {
    return readStoredJobs(this.memento.get(DURABLE_JOBS_KEY));
  }

  add(job: DurableJob): Promise<void> {
    return this.change((jobs) => withJob(jobs, job));
  }

  remove(key: string): Promise<void> {
    return this.change((jobs) => withoutJob(jobs, key));
  }

  /** Keeps only the readable jobs (after the unreadable ones were reported). */
  dropUnreadable(): Promise<void> {
    return this.change((jobs) => jobs);
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
