// `npm run bench`: every benchmark as a ratio against a baseline measured in the same run.
// Exits 1 when a ratio passes its limit (see each case's `limit`), 2 when a benchmark breaks.
import { ACTIVATION_GOAL_MS, activationResult } from './activation.bench';
import { convertReport } from './convert.bench';
import { findImagesCases } from './findImages.bench';
import { runCase, table, type BenchCase, type BenchGroup, type BenchResult } from './harness';
import { hoverCases } from './hover.bench';
import { libraryCases } from './library.bench';
import { memoryCases } from './memory.bench';
import { namingCases } from './naming.bench';
import { redactCases } from './redact.bench';
import { responsePathCases } from './responsePath.bench';
import { checkSse, sseCases } from './sse.bench';
import { stallReport } from './stall.bench';

// Factories, so each benchmark's megabytes of input (and its servers) exist only while it runs.
const groups: ReadonlyArray<[string, () => BenchCase[] | Promise<BenchGroup>]> = [
  ['sse', sseCases],
  ['findImages', findImagesCases],
  ['redact', redactCases],
  ['naming', namingCases],
  ['response', responsePathCases],
  ['memory', memoryCases],
  ['hover', hoverCases],
  ['library', libraryCases],
];

/** `npm run bench -- response memory` runs only those groups (`activation` names the start-up one, `convert` the web-ready conversion, `stall` the host thread's longest stalls). */
const only = process.argv.slice(2);

async function main(): Promise<number> {
  const started = Date.now();
  if (only.length === 0 || only.includes('sse')) await checkSse();
  const results: BenchResult[] = [];
  for (const [name, factory] of groups) {
    if (only.length > 0 && !only.includes(name)) continue;
    const made = await factory();
    const group: BenchGroup = Array.isArray(made) ? { cases: made } : made;
    try {
      for (const c of group.cases) {
        const r = 'run' in c ? await c.run() : await runCase(c);
        results.push(r);
        console.log(`${r.ok ? '  ' : '! '}${r.name}: ${r.what}`);
      }
    } finally {
      await group.close?.();
    }
  }
  if (only.length === 0 || only.includes('activation')) {
    const start = activationResult();
    results.push(start);
    const startExtra = start.oursMs - start.baselineMs;
    console.log(
      `${start.ok ? '  ' : '! '}${start.name}: ${start.what}: ${start.oursMs.toFixed(2)} ms (${startExtra.toFixed(2)} ms over an empty module, goal < ${ACTIVATION_GOAL_MS} ms)`,
    );
  }
  if (results.length > 0) {
    console.log(`\n${table(results)}\n`);
    // "Worst" is the one closest to (or furthest past) its own limit: the ratios have different scales.
    const worst = results.reduce((a, b) => (b.ratio / b.limit > a.ratio / a.limit ? b : a));
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s; ratio = ours / baseline, median of the rounds)`);
    console.log(`bench: ${results.length} benchmarks, worst ratio ${worst.ratio.toFixed(2)} (${worst.name})`);
  }
  const failed = results.filter((r) => !r.ok);
  for (const r of failed)
    console.error(`bench: ${r.name} ratio ${r.ratio.toFixed(2)} exceeds its limit ${r.limit.toFixed(2)}`);
  const convert = only.length === 0 || only.includes('convert') ? await convertReport() : { ok: true };
  const stall = only.length === 0 || only.includes('stall') ? await stallReport() : { ok: true };
  return failed.length || !convert.ok || !stall.ok ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error('bench: broke:', e);
    process.exitCode = 2;
  },
);
