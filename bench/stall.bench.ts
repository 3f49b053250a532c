// 6. The extension host never waits: the real job pipeline (runImageJob, as the extension runs
//    it) and the hover's provenance read, with a 5 ms ticker on this thread, with the heavy work
//    on worker threads (ours) and the same work with the worker off (in-thread, as before), and
//    an idle ticker for the machine's own noise. The answer servers run in a child process. A
//    stall is measured twice: the ticker's longest wait (wall clock, which on a loaded machine
//    also holds time spent waiting for a core) and the most CPU time this thread spent between
//    two ticks (our own code holding it, whatever else runs); goals are judged on the latter.
//    Goals: longest stall ≤ 20 ms in every case, cold starts included; conversion wall time ≤
//    in-thread + 10 % (the median of per-round ratios, each round the two back to back; the
//    process's CPU time beside it, which a neighbour's load does not move); four variations in
//    ≤ 0.6× the time of one after another (variationsReport, beside what the machine gives two
//    threads in the same run).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { pathRoots } from '../src/core/files/destination';
import { NodeFileStore } from '../src/core/files/nodeFileStore';
import { inThreadWork, type HeavyWork } from '../src/core/heavy/heavyWork';
import { workerWork, type WorkerWork } from '../src/core/heavy/workerWork';
import { createAgent } from '../src/core/http/httpClient';
import { runImageJob } from '../src/core/job/runImageJob';
import { DEFAULT_SETTINGS, type Settings } from '../src/core/job/settings';
import { silentLogger } from '../src/core/logger';
import { bundledCodecs } from '../src/core/publish/bundledCodecs';
import { PNG_PROVENANCE_KEYWORD } from '../src/core/publish/embedProvenance';
import { writePngText } from '../src/core/publish/pngText';
import { buildProvenance, serializeProvenance } from '../src/core/publish/provenance';
import { gc, median } from './harness';
import { rng } from './fixtures';
import { BENCH_MODELS } from './responseServer';
import { threadParallelism } from './parallelism';
import { idleStall, measureStall, type Stall } from './stallMeter';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const MB = 1024 * 1024;
const KEY = 'sk-Zq7x9Lm2Pw4Rt6Yu8KdStall';
export const STALL_GOAL_MS = 20;
const WALL_GOAL = 1.1;
const VARIATIONS_GOAL = 0.6;

interface Server {
  baseUrl: string;
}

interface StallCase {
  name: string;
  rounds: number;
  /** A fresh pool (thread start, codecs compiled) and fresh in-thread codecs for every round. */
  cold?: boolean;
  /** Compared on wall time with the in-thread run: at most this ratio. */
  wallGoal?: number;
  run: (work: HeavyWork) => Promise<void>;
}

interface StallRow {
  name: string;
  ours: Stall;
  base: Stall;
  idle: Stall;
  /** Per round, ours over in-thread: wall time, and CPU time of the whole process (every thread). */
  wallRatios: number[];
  cpuRatios: number[];
  wallGoal?: number;
  ok: boolean;
}

/** `run` with the ticker beside it, and the CPU time the whole process (the worker threads too) spent on it. */
async function measured(run: () => Promise<void>): Promise<Stall & { processCpuMs: number }> {
  const cpu = process.cpuUsage();
  const stall = await measureStall(run);
  const used = process.cpuUsage(cpu);
  return { ...stall, processCpuMs: (used.user + used.system) / 1000 };
}

/** A PNG of about `idatBytes` (8 KB IDAT chunks, as libpng writes them) with `text` as our provenance chunk. */
function bigPng(idatBytes: number, seed: number, text?: string): Uint8Array {
  const next = rng(seed);
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    out.set(data, 8);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4096, 0);
  ihdr.writeUInt32BE(4096, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const parts: Buffer[] = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  const idat = Buffer.alloc(8192);
  for (let i = 0; i < idat.length; i++) idat[i] = Math.floor(next() * 256);
  for (let n = 0; n < idatBytes; n += idat.length) parts.push(chunk('IDAT', idat));
  parts.push(chunk('IEND', new Uint8Array(0)));
  const png = Buffer.concat(parts);
  return text === undefined ? png : (writePngText(png, PNG_PROVENANCE_KEYWORD, text) ?? png);
}

/** About 1 MB of PNG whose compressed provenance chunk inflates to 1 GB. */
function bombPng(): Uint8Array {
  const inflated = deflateSync(Buffer.alloc(1024 * MB, 0x20), { level: 9 });
  const data = Buffer.concat([Buffer.from(PNG_PROVENANCE_KEYWORD, 'latin1'), Buffer.from([0, 1, 0, 0, 0]), inflated]);
  const png = Buffer.from(bigPng(8192, 3));
  const iend = png.length - 12;
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write('iTXt', 4, 'latin1');
  return Buffer.concat([png.subarray(0, 33), head, data, Buffer.alloc(4), png.subarray(33, iend), png.subarray(iend)]);
}

export async function stallReport(): Promise<{ ok: boolean }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'geekai-stall-'));
  const files = new NodeFileStore();
  const dispatcher = createAgent();
  const child = spawn(process.execPath, [path.join(__dirname, 'stallServerChild.js')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const urls = await new Promise<{ eight: string; photo: string }>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (d: Buffer) =>
      resolve(JSON.parse(d.toString('utf8')) as { eight: string; photo: string }),
    );
  });
  const eight: Server = { baseUrl: urls.eight };
  const photoServer: Server = { baseUrl: urls.photo };
  const provenance = serializeProvenance(
    buildProvenance({ prompt: '画一只可爱的小猫在草丛中玩耍', model: 'gpt-4o-image', date: new Date(0) }),
  );
  const big = path.join(dir, 'big.png');
  await fs.writeFile(big, bigPng(50 * MB, 5, provenance));
  const bomb = path.join(dir, 'bomb.png');
  await fs.writeFile(bomb, bombPng());
  const many: string[] = [];
  for (let i = 0; i < 100; i++) {
    many.push(path.join(dir, `many-${i}.png`));
    await fs.writeFile(many[i], bigPng(1.5 * MB, 100 + i, provenance));
  }
  let n = 0;
  const job = async (
    work: HeavyWork,
    server: Server,
    model: string,
    settings: Partial<Settings>,
    expect: number,
  ): Promise<void> => {
    const r = await runImageJob(
      { prompt: '画一只可爱的小猫在草丛中玩耍', references: [] },
      {
        files,
        roots: pathRoots([dir]),
        apiKey: () => Promise.resolve(KEY),
        settings: {
          ...DEFAULT_SETTINGS,
          baseUrl: server.baseUrl,
          model,
          outputFolder: '${workspaceFolder}',
          fileName: `job-${n++}`,
          forceImageGeneration: 'never',
          stream: 'never',
          ...settings,
        },
        dispatcher,
        log: silentLogger,
        heavy: work,
      },
    );
    assert.equal(r.files.length, expect, `${model}: ${expect} file(s)`);
    if (settings.saveFormat && settings.saveFormat !== 'keep') assert.equal(r.conversionFailures ?? 0, 0, 'converted');
    await Promise.all(r.files.map((f) => fs.unlink(f)));
  };
  const hover = async (work: HeavyWork, file: string, expectProvenance: boolean): Promise<void> => {
    const facts = await work.imageFacts(await files.readFile(file));
    assert.equal(facts.provenance !== undefined, expectProvenance, `${path.basename(file)} provenance`);
  };
  const webp = { saveFormat: 'webp' } as const;
  const avif = { saveFormat: 'avif' } as const;
  const cases: StallCase[] = [
    { name: 'job: 8 MB PNG by URL', rounds: 5, run: (w) => job(w, eight, BENCH_MODELS.url, {}, 1) },
    { name: 'job: 8 MB PNG as a data URL in JSON', rounds: 5, run: (w) => job(w, eight, BENCH_MODELS.dataUrl, {}, 1) },
    {
      name: 'job: 8 MB PNG data URL streamed',
      rounds: 5,
      run: (w) => job(w, eight, BENCH_MODELS.stream, { stream: 'always' }, 1),
    },
    {
      name: 'job: 2048² photo → WebP, cold',
      rounds: 3,
      cold: true,
      run: (w) => job(w, photoServer, BENCH_MODELS.url, webp, 1),
    },
    {
      name: 'job: 2048² photo → WebP, warm',
      rounds: 7,
      wallGoal: WALL_GOAL,
      run: (w) => job(w, photoServer, BENCH_MODELS.url, webp, 1),
    },
    {
      name: 'job: 2048² photo → AVIF, cold',
      rounds: 2,
      cold: true,
      run: (w) => job(w, photoServer, BENCH_MODELS.url, avif, 1),
    },
    {
      name: 'job: 2048² photo → AVIF, warm',
      rounds: 5,
      wallGoal: WALL_GOAL,
      run: (w) => job(w, photoServer, BENCH_MODELS.url, avif, 1),
    },
    {
      name: 'job: 4 variations → WebP',
      rounds: 3,
      run: (w) => job(w, photoServer, BENCH_MODELS.url, { ...webp, variations: 4 }, 4),
    },
    { name: 'hover: 50 MB PNG provenance', rounds: 5, run: (w) => hover(w, big, true) },
    { name: 'hover: 1 MB inflate bomb', rounds: 1, run: (w) => hover(w, bomb, false) },
    {
      name: 'hover: 100 images in a row',
      rounds: 3,
      run: async (w) => {
        for (const f of many) await hover(w, f, true);
      },
    },
  ];

  // STALL_CASES=words runs only the cases whose name holds them (while looking into one).
  const only = process.env.STALL_CASES;
  const chosen = only ? cases.filter((c) => c.name.includes(only)) : cases;
  const freshWorker = (): WorkerWork =>
    workerWork({ file: path.join(DIST, 'worker.js'), loadCodecs: bundledCodecs(DIST) });
  const freshLocal = (): HeavyWork => inThreadWork(bundledCodecs(DIST));
  const warmWorker = freshWorker();
  const warmLocal = freshLocal();
  const rows: StallRow[] = [];
  let variations: { ok: boolean } = { ok: true };
  try {
    for (const c of chosen) {
      if (!c.cold) {
        await c.run(warmWorker);
        await c.run(warmLocal);
      }
      const ours: (Stall & { processCpuMs: number })[] = [];
      const base: (Stall & { processCpuMs: number })[] = [];
      const idle: Stall[] = [];
      const side = async (
        fresh: () => HeavyWork,
        warm: HeavyWork,
        into: (Stall & { processCpuMs: number })[],
      ): Promise<void> => {
        const work = c.cold ? fresh() : warm;
        gc();
        into.push(await measured(() => c.run(work)));
        if (c.cold) await work.close();
      };
      for (let r = 0; r < c.rounds; r++) {
        // Alternate which side goes first, so a neighbour's burst hits both alike.
        if (r % 2 === 0) {
          await side(freshWorker, warmWorker, ours);
          await side(freshLocal, warmLocal, base);
        } else {
          await side(freshLocal, warmLocal, base);
          await side(freshWorker, warmWorker, ours);
        }
        idle.push(await idleStall(Math.min(1000, ours[ours.length - 1].wallMs)));
      }
      const mid = (xs: Stall[]): Stall => ({
        longestMs: median(xs.map((x) => x.longestMs)),
        cpuMs: median(xs.map((x) => x.cpuMs)),
        wallMs: median(xs.map((x) => x.wallMs)),
      });
      const wallRatios = ours.map((o, i) => o.wallMs / base[i].wallMs);
      const cpuRatios = ours.map((o, i) => o.processCpuMs / base[i].processCpuMs);
      const row: StallRow = {
        name: c.name,
        ours: mid(ours),
        base: mid(base),
        idle: mid(idle),
        wallRatios,
        cpuRatios,
        wallGoal: c.wallGoal,
        ok: true,
      };
      // The ratio of the rounds' medians; each round compares two runs back to back, in alternating order.
      row.ok = row.ours.cpuMs <= STALL_GOAL_MS && (c.wallGoal === undefined || median(wallRatios) <= c.wallGoal);
      rows.push(row);
      console.log(
        `${row.ok ? '  ' : '! '}stall ${c.name}: ${row.ours.cpuMs.toFixed(1)} ms on CPU, ${row.ours.longestMs.toFixed(1)} ms wall (in-thread ${row.base.cpuMs.toFixed(1)} / ${row.base.longestMs.toFixed(1)} ms)`,
      );
    }
    if (chosen.some((c) => c.name.includes('variations'))) {
      variations = await variationsReport(
        warmWorker,
        () => job(warmWorker, photoServer, BENCH_MODELS.url, webp, 1),
        () => job(warmWorker, photoServer, BENCH_MODELS.url, { ...webp, variations: 4 }, 4),
      );
    }
  } finally {
    await warmWorker.close();
    await dispatcher.close();
    child.stdin.end();
    await fs.rm(dir, { recursive: true, force: true });
  }
  printRows(rows);
  return { ok: rows.every((r) => r.ok) && variations.ok };
}

/**
 * Four variations converted on the pool (two threads) against one variation's job four times one
 * after another, on the same warm pool, in alternating order; with the threads seen busy at once,
 * the host thread's longest stall meanwhile, and how much two threads get of the machine now.
 */
async function variationsReport(
  work: WorkerWork,
  one: () => Promise<void>,
  four: () => Promise<void>,
): Promise<{ ok: boolean }> {
  const ratios: number[] = [];
  const stalls: Stall[] = [];
  const parallel: number[] = [];
  let busiest = 0;
  for (let r = 0; r < 3; r++) {
    const inTurn = async (): Promise<number> => {
      gc();
      const started = performance.now();
      for (let i = 0; i < 4; i++) await one();
      return performance.now() - started;
    };
    const atOnce = async (): Promise<Stall> => {
      gc();
      const sampler = setInterval(() => (busiest = Math.max(busiest, work.pool.busy)), 2);
      try {
        return await measureStall(four);
      } finally {
        clearInterval(sampler);
      }
    };
    let seq: number;
    let par: Stall;
    if (r % 2 === 0) {
      seq = await inTurn();
      par = await atOnce();
    } else {
      par = await atOnce();
      seq = await inTurn();
    }
    ratios.push(par.wallMs / seq);
    stalls.push(par);
    parallel.push(await threadParallelism());
  }
  const ratio = median(ratios);
  const stall = Math.max(...stalls.map((s) => s.cpuMs));
  const ok = ratio <= VARIATIONS_GOAL && stall <= STALL_GOAL_MS;
  const range = (xs: number[]): string => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;
  console.log(
    `${ok ? '  ' : '! '}stall variations: 4 variations → WebP in ${ratio.toFixed(2)}x the time of 4 one after another (rounds ${range(ratios)}; goal ≤ ${VARIATIONS_GOAL}), ` +
      `${busiest} threads converting at once, longest stall ${stall.toFixed(1)} ms on CPU / ${Math.max(...stalls.map((s) => s.longestMs)).toFixed(1)} ms wall; ` +
      `two threads got ${range(parallel)}x one thread's speed from this machine meanwhile (2 = two free cores; ideal ratio = 1 / that)`,
  );
  return { ok };
}

function printRows(rows: readonly StallRow[]): void {
  const ms = (v: number): string => `${v.toFixed(1)} ms`;
  const head = [
    'case',
    'stall cpu',
    'wall',
    'in-thread cpu',
    'wall',
    'idle wall',
    'time',
    'in-thread',
    'ratio',
    'rounds',
    'cpu ratio',
    'goal',
    '',
  ];
  const cells = rows.map((r) => [
    r.name,
    ms(r.ours.cpuMs),
    ms(r.ours.longestMs),
    ms(r.base.cpuMs),
    ms(r.base.longestMs),
    ms(r.idle.longestMs),
    `${r.ours.wallMs.toFixed(0)} ms`,
    `${r.base.wallMs.toFixed(0)} ms`,
    median(r.wallRatios).toFixed(2),
    `${Math.min(...r.wallRatios).toFixed(2)}-${Math.max(...r.wallRatios).toFixed(2)}`,
    median(r.cpuRatios).toFixed(2),
    r.wallGoal === undefined ? '' : `≤ ${r.wallGoal.toFixed(2)}`,
    r.ok ? 'ok' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: readonly string[]): string =>
    c
      .map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(`\n${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${cells.map(line).join('\n')}\n`);
  const worst = rows.reduce((a, b) => (b.ours.cpuMs > a.ours.cpuMs ? b : a));
  const worstBase = rows.reduce((a, b) => (b.base.cpuMs > a.base.cpuMs ? b : a));
  const failed = rows.filter((r) => !r.ok).length;
  console.log(
    `bench: stall ${rows.length} cases, longest ${ms(worst.ours.cpuMs)} on CPU (${worst.name}; goal ≤ ${STALL_GOAL_MS} ms) vs in-thread ${ms(worstBase.base.cpuMs)} (${worstBase.name})${failed ? `, ${failed} FAIL` : ', all ok'}`,
  );
}
