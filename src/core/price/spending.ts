// The day's spending, for the per-day limit (`geekaiImage.dailySpendingLimit`, CNY): what
// finished jobs cost today (kept by the host, e.g. VS Code's global state) plus what running jobs
// are expected to cost, and whether one more request would pass the limit. A day is the local
// calendar day; a new day starts from nothing.
import { roundCny, type CostEstimate } from './modelPrice';

export interface SpendRecord {
  /** `YYYY-MM-DD`, local time. */
  day: string;
  /** CNY spent that day by finished jobs. */
  spent: number;
}

/** Where the record lives between sessions; what `get` returns is checked, not trusted. */
export interface SpendStore {
  get(): unknown;
  set(r: SpendRecord): Promise<void>;
}

export function dayOf(d: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

function recordOf(v: unknown): SpendRecord | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  return typeof r.day === 'string' && typeof r.spent === 'number' && Number.isFinite(r.spent) && r.spent >= 0
    ? { day: r.day, spent: r.spent }
    : undefined;
}

/** Why a request needs the user's yes: what is spent today (running jobs included), what it would add, the limit. */
export interface PastLimit {
  spent: number;
  /** The request's estimate; absent when its price is unknown (then the limit is already reached). */
  estimate?: number;
  limit: number;
}

/**
 * Whether a request estimated at `estimate` would take today's spending past `limit` (0: no
 * limit). A request whose price is unknown passes until the limit is reached: nothing is guessed.
 */
export function pastLimit(spent: number, estimate: CostEstimate, limit: number): PastLimit | undefined {
  if (!(limit > 0)) return undefined;
  if (estimate.total === undefined) return spent >= limit ? { spent, limit } : undefined;
  return roundCny(spent + estimate.total) > limit ? { spent, estimate: estimate.total, limit } : undefined;
}

export class SpendingLedger {
  private reserved = 0;
  /** This session's spending (all days), for the status bar's tooltip. */
  private session = 0;
  private sessionUnknown = 0;

  constructor(
    private readonly store: SpendStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Today's finished jobs and the estimates of the running ones. */
  spentToday(): number {
    const r = recordOf(this.store.get());
    const finished = r && r.day === dayOf(this.now()) ? r.spent : 0;
    return roundCny(finished + this.reserved);
  }

  /** Holds `estimate` as spent while its job runs; the returned function releases it once. */
  reserve(estimate: number | undefined): () => void {
    const amount = estimate ?? 0;
    this.reserved = roundCny(this.reserved + amount);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.reserved = roundCny(Math.max(0, this.reserved - amount));
    };
  }

  /** A finished job's cost (undefined: its price was unknown; counted as such for the session). */
  async add(cost: number | undefined): Promise<void> {
    if (cost === undefined) {
      this.sessionUnknown++;
      return;
    }
    this.session = roundCny(this.session + cost);
    const today = dayOf(this.now());
    const r = recordOf(this.store.get());
    await this.store.set({ day: today, spent: roundCny((r && r.day === today ? r.spent : 0) + cost) });
  }

  /** This session's total, and how many jobs of unknown price it leaves out. */
  sessionTotal(): { total: number; unknown: number } {
    return { total: this.session, unknown: this.sessionUnknown };
  }
}
