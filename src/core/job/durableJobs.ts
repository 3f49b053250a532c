// A job the server runs in the background, as the extension keeps it across reloads and
// restarts: enough to poll it again, save its image where it would have gone and put the link
// where it was asked. Stored as plain JSON (the editor's global state, which every window
// shares); read back through a schema, since what is stored may come from an older version or
// be damaged. A job belongs to the window (workspace folders) that started it and is polled by
// one window at a time: the one holding a claim on it, which holds while that window's extension
// host process lives and refreshes it. A reload ends that process, so the reloaded window takes
// its own job back at once, whatever the old one could or could not write as it went.
import * as z from 'zod/mini';
import type { ApiKind } from '../../../shared/imageVocabulary';

/** GeekAI keeps background results this long; an older job is dropped, not polled. */
export const DURABLE_JOB_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A claim not refreshed for this long is its window's that closed or crashed: another may take it
 * over. Only the fallback: a claim names its extension host's process, and one whose process is
 * gone (the window reloaded or closed) is free at once.
 */
export const CLAIM_STALE_MS = 3 * 60 * 1000;

/** How often the window polling a job refreshes its claim (well inside `CLAIM_STALE_MS`). */
export const CLAIM_REFRESH_MS = 60 * 1000;

const ClaimSchema = z.object({
  /** The activation (one window's extension host, until it reloads) polling the job. */
  owner: z.string().check(z.minLength(1)),
  /** ISO time the claim was made or last refreshed. */
  at: z.string(),
  /** The machine and process of that extension host: a process that is gone holds nothing. */
  host: z.optional(z.string()),
  pid: z.optional(z.number()),
});

export type Claim = z.infer<typeof ClaimSchema>;

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
  /**
   * The workspace folder URIs of the window that started it ([] for a window with no folder): only
   * a window with the same folders resumes it. Absent in records of earlier versions.
   */
  workspace: z.optional(z.array(z.string())),
  /** The API base URL it was sent to: polled only there, and only while the settings still say so. */
  baseUrl: z.optional(z.string()),
  claim: z.optional(ClaimSchema),
});

export type DurableJob = z.infer<typeof DurableJobSchema>;

/** What a job to keep is, as the adapter knows it: its files as URI strings, its window's folders. */
export interface JobToKeep {
  key: string;
  serverId: string;
  api: string;
  model: string;
  prompt: string;
  options: Readonly<Record<string, string | number | boolean | undefined>>;
  created: string;
  document?: string;
  besideSource?: string;
  folder?: string;
  insert?: z.infer<typeof WhereSchema>;
  workspace: readonly string[];
  baseUrl: string;
}

/**
 * The record kept for a job the server runs in the background, or undefined for an API whose jobs
 * cannot be resumed. Unset options are left out; the link's place only with a document to put it in.
 */
export function durableRecord(j: JobToKeep): DurableJob | undefined {
  const api = DURABLE_APIS.find((a) => a === j.api);
  if (!api) return undefined;
  const options = Object.fromEntries(
    Object.entries(j.options).filter(
      (e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== '',
    ),
  );
  const record: DurableJob = {
    key: j.key,
    serverId: j.serverId,
    api,
    model: j.model,
    prompt: j.prompt,
    options,
    created: j.created,
  };
  if (j.document) record.document = j.document;
  if (j.besideSource) record.besideSource = j.besideSource;
  if (j.folder) record.folder = j.folder;
  if (j.insert && j.document) record.insert = j.insert;
  // Whose it is: only a window with these folders resumes it, and only at this base URL.
  record.workspace = [...j.workspace];
  record.baseUrl = j.baseUrl;
  return record;
}

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

/** The window asking which jobs are its own. */
export interface ThisWindow {
  /** Its workspace folder URIs, as strings (empty: a window with no folder). */
  folders: readonly string[];
  /** Whether one of its folders holds this URI (VS Code knows each file system's case rules). */
  holds(uri: string): boolean;
}

/**
 * Whether `job` is `window`'s to resume: started in a window with the same folders (in any order;
 * a job from a window with no folder only by another such window). A record of an earlier
 * version, which did not say, by a window holding where its image goes.
 */
export function belongsTo(job: DurableJob, window: ThisWindow): boolean {
  if (job.workspace === undefined) {
    const target = job.folder ?? job.besideSource ?? job.document;
    return target !== undefined && window.holds(target);
  }
  const mine = new Set(window.folders);
  const theirs = new Set(job.workspace);
  return mine.size === theirs.size && [...theirs].every((f) => mine.has(f));
}

/**
 * Whether nobody is polling `job` now: no claim, one whose holder is known to be gone (`gone`: its
 * process ended), or one not refreshed within `staleMs` (or dated in the future beyond it).
 */
export function claimIsFree(
  job: DurableJob,
  now: Date,
  staleMs: number = CLAIM_STALE_MS,
  gone: (claim: Claim) => boolean = () => false,
): boolean {
  if (!job.claim) return true;
  if (gone(job.claim)) return true;
  const at = Date.parse(job.claim.at);
  return Number.isNaN(at) || Math.abs(now.getTime() - at) > staleMs;
}

/** When a claim held now goes stale, if nobody refreshes it (ms from `now`). */
export function claimFreeIn(job: DurableJob, now: Date, staleMs: number = CLAIM_STALE_MS): number {
  const at = job.claim ? Date.parse(job.claim.at) : NaN;
  return Number.isNaN(at) ? 0 : Math.max(0, at + staleMs - now.getTime() + 1);
}

export interface ResumePlan {
  /** This window's, not run by this activation already: each is claimed (unless another window holds it), then polled. */
  resume: DurableJob[];
  /** Older than the server keeps results: dropped with a line in the log (whichever window started them). */
  expired: DurableJob[];
}

/**
 * Which stored jobs `window` resumes at `now`, oldest first, and which are past the server's
 * keeping. Jobs of other windows are neither. `owner`: this activation, whose own claims are jobs
 * it already runs. Claims are weighed when each job is taken, not here.
 */
export function planResume(jobs: readonly DurableJob[], now: Date, window: ThisWindow, owner: string): ResumePlan {
  const sorted = [...jobs].sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
  const age = (j: DurableJob): number => now.getTime() - Date.parse(j.created);
  return {
    resume: sorted.filter((j) => age(j) <= DURABLE_JOB_MAX_AGE_MS && belongsTo(j, window) && j.claim?.owner !== owner),
    expired: sorted.filter((j) => age(j) > DURABLE_JOB_MAX_AGE_MS),
  };
}

/** Whether `job` may be polled with the current settings: sent to `currentBase` (a record of an earlier version did not say). */
export function sentTo(job: DurableJob, currentBase: string | undefined): boolean {
  return job.baseUrl === undefined || job.baseUrl === currentBase;
}

/** `jobs` with `job` added (or replacing the one with its key: a retry got a new server id). */
export function withJob(jobs: readonly DurableJob[], job: DurableJob): DurableJob[] {
  return [...jobs.filter((j) => j.key !== job.key), job];
}

export function withoutJob(jobs: readonly DurableJob[], key: string): DurableJob[] {
  return jobs.filter((j) => j.key !== key);
}
