// Start-up cost: `require` of dist/extension.js plus `activate()` (with `vscode` stubbed by the
// activation probe) against `require` of an empty module, each in a fresh Node process, so the
// module cache and JIT are as cold as at VS Code's start. Median of several processes per side.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { median, type BenchResult } from './harness';

const ROOT = path.resolve(__dirname, '../..');
const PROBE = path.join(ROOT, 'out/test/support/activationProbe.js');
const MAIN = path.join(ROOT, 'dist/extension.js');
/** Goal: activation adds less than this to an empty module's load. */
export const ACTIVATION_GOAL_MS = 5;

function probeMs(bundle: string, activate: boolean): number {
  const r = spawnSync(process.execPath, [PROBE, bundle, ...(activate ? ['--activate'] : [])], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`activation probe failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { ms: number }).ms;
}

export function activationResult(processes = 21): BenchResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'geekai-bench-'));
  const empty = path.join(dir, 'empty.js');
  writeFileSync(empty, '');
  try {
    const ours: number[] = [];
    const base: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < processes; i++) {
      // Alternate which side goes first, so a neighbour's burst hits both alike.
      const [o, b] =
        i % 2 === 0
          ? [probeMs(MAIN, true), probeMs(empty, false)]
          : (([b2, o2]) => [o2, b2])([probeMs(empty, false), probeMs(MAIN, true)]);
      ours.push(o);
      base.push(b);
      ratios.push(o / Math.max(b, 0.001));
    }
    const oursMs = median(ours);
    const baselineMs = median(base);
    return {
      name: 'activation',
      what: `require + activate() of dist/extension.js vs require of an empty module, fresh process each (goal < ${ACTIVATION_GOAL_MS} ms)`,
      unit: 'start',
      // About 3 on a quiet machine; loading the engine at activation again would give 100 or more.
      limit: 15,
      rounds: processes,
      oursMs,
      baselineMs,
      ratio: median(ratios),
      opsPerSec: 1000 / oursMs,
      ok: median(ratios) <= 15,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
