// What scripts/e2e/run.js hands to the scenarios: the running code-server, the
// browser, the in-process test server and the folders on disk.
import type { BrowserContext } from 'playwright-core';
import type { TestServer } from '../server/testServer';

export type { RecordedRequest, TestServer } from '../server/testServer';

export interface E2EContext {
  /** one browser profile for all scenarios: VS Code web keeps secrets in its localStorage */
  browser: BrowserContext;
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
