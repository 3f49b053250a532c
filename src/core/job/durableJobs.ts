// A job the server runs in the background, as the extension keeps it across reloads and
// restarts: enough to poll it again, save its image where it would have gone and put the link
// where it was asked. Stored as plain JSON (the editor's global state); read back through a
// schema, since what is stored may come from an older version or be damaged.
import * as z from 'zod/mini';
import type { ApiKind } from '../../../shared/imageVocabulary';

/** GeekAI keeps background results this long; an older job is dropped, not polled. */
export const DURABLE_JOB_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

const WhereSchema = z.union([
  z.object({ at: z.literal('cursor') }),
  z.object({ at: z.literal('belowLine'), line: z.number() }),
  z.object({ at: z.literal('offset'), offset: z.number() }),
]);

/** The APIs whose jobs the server can run in the background (chat's background mode, Images API tasks). */
const DURABLE_APIS = ['chat', 'images'] as const satisfies readonly ApiKind[];

const DurableJobSchema = z.object({
  /** Ours, to find the record again; the server's id is `serverId`. */
  key: z.string().check(z.minLength(1)),
  serverId: z.string().check(z.minLength(1)),
  api: z.enum(DURABLE_APIS),
  model: z.string().check(z.minLength(1)),
  prompt: z.string(),
  /** URIs as strings: the Markdown document, an edit's source, the folder files are saved under. */
  document: z.optional(z.string()),
  besideSource: z.optional(z.string()),
  folder: z.optional(z.string()),
  /** Where the link goes in `document` (absent: nothing is inserted, as when insertMarkdown is off). */
  insert: z.optional(WhereSchema),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** ISO time the job was started: file names use it, expiry counts from it. */
  created: z.string(),
});

export type DurableJob = z.infer<typeof DurableJobSchema>;

export interface StoredJobs {
  jobs: DurableJob[];
  /** Entries that are not a job this version can read (damaged or from another version). */
  unreadable: number;
}

/** Reads what was stored; anything that is not a list of jobs is no jobs. */
export function readStoredJobs(stored: unknown): StoredJobs {
  if (!Array.isArray(stored)) return { jobs: [], unreadable: stored === undefined || stored === null ? 0 : 1 };
  const jobs: DurableJob[] = [];
  let unreadable = 0;
  for (const entry of stored) {
    const parsed = DurableJobSchema.safeParse(entry);
    if (parsed.success && !Number.isNaN(Date.parse(parsed.data.created))) jobs.push(parsed.data);
    else unreadable++;
  }
  return { jobs, unreadable };
}

export interface ResumePlan {
  resume: DurableJob[];
  /** Older than the server keeps results: dropped with a line in the log. */
  expired: DurableJob[];
}

/** Which stored jobs to poll again at `now`, oldest first, and which are past the server's keeping. */
export function planResume(jobs: readonly DurableJob[], now: Date): ResumePlan {
  const sorted = [...jobs].sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
  const age = (j: DurableJob): number => now.getTime() - Date.parse(j.created);
  return { resume: sorted.filter((j) => age(j) <= DURABLE_JOB_MAX_AGE_MS), expired: sorted.filter((j) => age(j) > DURABLE_JOB_MAX_AGE_MS) };
}

/** `jobs` with `job` added (or replacing the one with its key: a retry got a new server id). */
export function withJob(jobs: readonly DurableJob[], job: DurableJob): DurableJob[] {
  return [...jobs.filter((j) => j.key !== job.key), job];
}

export function withoutJob(jobs: readonly DurableJob[], key: string): DurableJob[] {
  return jobs.filter((j) => j.key !== key);
}
