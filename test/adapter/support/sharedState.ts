// The editor's global state as several windows see it. VS Code gives each window's extension host
// its own copy of an extension's state: a write lands there at once and reaches the other
// windows a little later, and nothing orders two windows' writes. So here: each window has its
// own view (JSON in, JSON out); another window's write arrives after `lagMs`, the writer keeps
// its own value.
import type { MementoLike } from '../../../src/vscode/durableJobStore';

export class WindowState implements MementoLike {
  readonly map = new Map<string, string>();
  constructor(private readonly shared: SharedGlobalState) {}

  get(key: string): unknown {
    const v = this.map.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as unknown);
  }

  async update(key: string, value: unknown): Promise<void> {
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
