// The editor's global state as several windows see it. VS Code gives each window's extension host
// its own copy of an extension's state: a write lands there at once and reaches the other
// windows a little later, and nothing orders two windows' writes. So here: each window has its
// own view (JSON in, JSON out); another window's write arrives after `lagMs`, the writer keeps
// its own value. A window that goes away loses the writes it makes from then on, as a reloading
// window's last writes are lost with it.
import type { HostProcess, MementoLike } from '../../../src/vscode/durableJobStore';

export class WindowState implements MementoLike {
  readonly map = new Map<string, string>();
  private gone = false;
  constructor(private readonly shared: SharedGlobalState) {}

  /** The window is gone: what it writes now reaches nobody. */
  close(): void {
    this.gone = true;
  }

  get(key: string): unknown {
    const v = this.map.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as unknown);
  }

  async update(key: string, value: unknown): Promise<void> {
    if (this.gone) return;
    const json = value === undefined ? undefined : JSON.stringify(value);
    this.set(key, json);
    this.shared.spread(this, key, json);
  }

  set(key: string, json: string | undefined): void {
    if (json === undefined) this.map.delete(key);
    else this.map.set(key, json);
  }
}

export class SharedGlobalState {
  private readonly windows: WindowState[] = [];
  private pending = 0;

  constructor(readonly lagMs = 0) {}

  /** A new window's view, starting from what the others have now (the first one's, else empty). */
  window(): WindowState {
    const w = new WindowState(this);
    for (const [k, v] of this.windows[0]?.map ?? []) w.map.set(k, v);
    this.windows.push(w);
    return w;
  }

  spread(from: WindowState, key: string, json: string | undefined): void {
    const others = this.windows.filter((w) => w !== from);
    if (this.lagMs === 0) return others.forEach((w) => w.set(key, json));
    this.pending++;
    setTimeout(() => {
      this.pending--;
      for (const w of others) w.set(key, json);
    }, this.lagMs);
  }

  /** Whether a write is still on its way to some window. */
  settling(): boolean {
    return this.pending > 0;
  }
}

/**
 * Extension host processes on one simulated machine: each window's store names its own, and a
 * window that closes, reloads or crashes ends it (what `process.kill(pid, 0)` then tells).
 */
export class FakeMachine {
  private next = 4000;
  private readonly live = new Set<number>();
  constructor(readonly host = 'test-machine') {}

  process(): HostProcess & { end(): void } {
    const pid = this.next++;
    this.live.add(pid);
    return { host: this.host, pid, alive: (p) => this.live.has(p), end: () => this.live.delete(pid) };
  }
}
