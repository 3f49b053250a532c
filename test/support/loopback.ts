// The lifecycle the integration tests share: one undici Agent per file, a fresh local
// GeekAI-compatible server and log per test, and a check that the key was never logged.
import assert from 'node:assert/strict';
import type { Agent } from 'undici';
import { createAgent } from '../../src/core/http/httpClient';
import { startTestServer, type TestServer, type TestServerOptions } from '../server/testServer';
import { LogCapture } from './logCapture';

export interface Loopback {
  agent: Agent;
  server: TestServer;
  log: LogCapture;
}

/** Registers the hooks in the calling `describe`; the returned object is filled in by them. */
export function useLoopback(o: { key: string; server?: TestServerOptions }): Loopback {
  const lb = {} as Loopback;
  before(() => {
    lb.agent = createAgent(2000);
  });
  after(async () => {
    await lb.agent.close();
  });
  beforeEach(async () => {
    lb.server = await startTestServer(o.server);
    lb.log = new LogCapture();
  });
  afterEach(async () => {
    await lb.server.close();
    assert.ok(!lb.log.text().includes(o.key), 'the key must never be logged');
  });
  return lb;
}
