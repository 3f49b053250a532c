// core's JobDeps for a job against the loopback test server, on a file store whose workspace
// folder is /ws, dated 2025-09-22 10:30 (the date file names carry).
import { pathRoots } from '../../src/core/files/destination';
import type { FileStore } from '../../src/core/files/saveImages';
import type { JobDeps } from '../../src/core/job/runImageJob';
import { DEFAULT_SETTINGS } from '../../src/core/job/settings';
import type { Loopback } from './loopback';

export const JOB_DATE = new Date(2025, 8, 22, 10, 30, 0);

/** `asked.key` counts how often the key was asked for. Saved bytes are compared with the served ones, so no provenance. */
export function coreJobDeps(
  lb: Loopback,
  files: FileStore,
  key: string,
  asked: { key: number },
  over: Partial<JobDeps> = {},
): JobDeps {
  return {
    files,
    roots: pathRoots(['/ws']),
    apiKey: async () => {
      asked.key++;
      return key;
    },
    settings: { ...DEFAULT_SETTINGS, baseUrl: lb.server.baseUrl, timeoutSeconds: 20, embedProvenance: false },
    dispatcher: lb.agent,
    log: lb.log,
    now: () => JOB_DATE,
    ...over,
  };
}
