// What scripts/e2e/run.js hands to the scenarios: the running code-server, the
// browser, the in-process test server and the folders on disk.
import type { Browser } from 'playwright-core';

/** One request as the test server recorded it (see test/server). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  json: unknown;
  /** the client closed the connection before the answer was complete */
  closedByClient: boolean;
  completed: boolean;
}

/** The parts of the test server's handle the scenarios use. */
export interface TestServer {
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  enqueue(...behaviours: unknown[]): void;
  servedImages: Map<string, Buffer>;
  lastServedImages(): Buffer[];
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export interface E2EContext {
  browser: Browser;
  /** code-server's URL with `?folder=` the workspace */
  url: string;
  workspace: string;
  userData: string;
  server: TestServer;
  /** the user settings written before code-server started */
  settings: Record<string, unknown>;
  /** screenshots go here */
  artifactsDir: string;
  /** code-server's own stdout/stderr */
  codeServerLog: string;
  /** state carried between scenarios (they run in order in one code-server) */
  state: { apiKey?: string };
}

let current: E2EContext | undefined;

export function setContext(ctx: E2EContext): void {
  current = ctx;
}

export function ctx(): E2EContext {
  if (!current) throw new Error('the e2e scenarios run only under scripts/e2e/run.js (npm run test:e2e)');
  return current;
}
