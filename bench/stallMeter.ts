// How long the thread stops answering: a 5 ms ticker on it, and the longest gap between two
// ticks past those 5 ms. Work that holds the thread for 300 ms shows a 300 ms stall; work that
// yields often shows almost none, however long it takes. On a busy machine the gap also holds
// time spent waiting for a core, so the thread's own CPU time between ticks is measured too.
import { readFileSync } from 'node:fs';
export const TICK_MS = 5;

export interface Stall {
  /** The longest time past TICK_MS the ticker waited, in ms (this includes waiting for a core). */
  longestMs: number;
  /** The most CPU time this thread spent between two ticks, in ms: the stall our own code caused, whatever else the machine runs. */
  cpuMs: number;
  wallMs: number;
}

/** This thread's time on a CPU so far, in ms (Linux's schedstat, in ns), or undefined elsewhere. */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** Runs `work` with the ticker beside it. */
export async function measureStall(work: () => Promise<unknown>): Promise<Stall> {
  let longest = 0;
  let last = performance.now();
  let cpuLongest = 0;
  let cpuLast = threadCpuMs();
  const cpuTick = (): void => {
    const cpu = threadCpuMs();
    if (cpu !== undefined && cpuLast !== undefined) cpuLongest = Math.max(cpuLongest, cpu - cpuLast);
    cpuLast = cpu;
  };
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - TICK_MS);
    last = now;
    cpuTick();
  }, TICK_MS);
  const started = performance.now();
  try {
    await work();
  } finally {
    // The gap up to the end counts too (work that ends in one long synchronous stretch).
    const end = performance.now();
    longest = Math.max(longest, end - last - TICK_MS);
    cpuTick();
    clearInterval(timer);
  }
  const cpuMs = threadCpuMs() === undefined ? longest : cpuLongest;
  return { longestMs: Math.max(0, longest), cpuMs: Math.max(0, cpuMs), wallMs: performance.now() - started };
}

/** The ticker on an idle thread for `ms`: the machine's own noise (GC, other processes), for comparison. */
export function idleStall(ms: number): Promise<Stall> {
  return measureStall(() => new Promise((r) => setTimeout(r, ms)));
}
