// The durable job store's claims: which extension host a claim names, and when another's claim
// no longer holds (its process ended on this machine) or still does (alive, another machine, no
// process named) until it is stale. Also the real liveness check on a real child process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import type { Claim, DurableJob } from '../../src/core/job/durableJobs';
import { DurableJobStore, THIS_PROCESS, type HostProcess, type MementoLike } from '../../src/vscode/durableJobStore';
import { DURABLE_JOBS_KEY } from '../../src/vscode/durableJobsKey';

const NOW = new Date('2025-09-22T10:30:00Z');

class MapMemento implements MementoLike {
  readonly map = new Map<string, unknown>();
  get(key: string): unknown {
    return this.map.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.map.set(key, JSON.parse(JSON.stringify(value ?? null)) as unknown);
  }
}

function job(claim?: Claim): DurableJob {
  return {
    key: 'k1',
    serverId: 'chatcmpl-bg-1',
    api: 'chat',
    model: 'gpt-4o-image',
    prompt: 'p',
    options: {},
    created: NOW.toISOString(),
    claim,
  };
}

describe('durable job store: claims and the processes they name', () => {
  const live = new Set([100, 200]);
  const here: HostProcess = { host: 'box', pid: 100, alive: (pid) => live.has(pid) };
  const store = new DurableJobStore(new MapMemento(), { owner: 'me', now: () => NOW, process: here });
  const fresh = (over: Partial<Claim>): DurableJob => job({ owner: 'other', at: NOW.toISOString(), ...over });

  it('a claim it writes names this activation, its machine and its process', async () => {
    const memento = new MapMemento();
    const s = new DurableJobStore(memento, { owner: 'me', now: () => NOW, process: here });
    await s.add(job());
    assert.deepEqual((memento.get(DURABLE_JOBS_KEY) as DurableJob[])[0].claim, {
      owner: 'me',
      at: NOW.toISOString(),
      host: 'box',
      pid: 100,
    });
  });

  it("another process's fresh claim on this machine: free once that process has ended, held while it runs", () => {
    assert.equal(store.isFree(fresh({ host: 'box', pid: 300 })), true, 'ended');
    assert.equal(store.isFree(fresh({ host: 'box', pid: 200 })), false, 'running');
  });

  it('held until stale when the process cannot be asked: another machine, no process named (an earlier claim), or this very process under another activation', () => {
    assert.equal(store.isFree(fresh({ host: 'elsewhere', pid: 300 })), false);
    assert.equal(store.isFree(fresh({})), false);
    assert.equal(store.isFree(fresh({ host: 'box', pid: 100 })), false);
    const stale = new Date(NOW.getTime() - store.timing.staleMs - 1).toISOString();
    assert.equal(store.isFree(fresh({ host: 'elsewhere', pid: 300, at: stale })), true);
    assert.equal(store.isFree(fresh({ at: stale })), true);
  });

  it('the real check: this process runs; a child process that has exited does not', async () => {
    assert.equal(THIS_PROCESS.host, hostname());
    assert.equal(THIS_PROCESS.pid, process.pid);
    assert.equal(THIS_PROCESS.alive(process.pid), true);
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const pid = child.pid;
    assert.ok(pid !== undefined);
    await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(THIS_PROCESS.alive(pid), false);
  });
});
