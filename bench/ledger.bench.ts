// npm run bench:ledger — durable usage rows per second through the real
// ledger (client on the main thread, SQLite in dist/ledger-worker.mjs, group
// commit, WAL, synchronous=FULL), next to a baseline measured in the same
// run on the same disk: the same rows appended as JSONL to a file with one
// fdatasync per batch of the same size. Also the commit latency of one row
// at a time for both — back to back (record, await, repeat: each row lands
// in the group-commit interval the previous one opened), and after a quiet
// spell (a row every 30 ms, as usage rows come from model requests) — the
// main thread's busy time per row (what the proxy would pay), and peak RSS.
//
// Every run is its own process (this file with --run KIND), so peak RSS is
// that workload's alone. A batched run enqueues every row at once (a burst)
// on a fresh state dir and stops the clock when the last promise resolved.
// Median of BENCH_RUNS runs (default 5), cork and baseline interleaved so
// machine noise hits both.
import { spawnSync } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLedger } from '../runtime/state/ledger.ts';
import { usageRow } from '../test/helpers/ledger-rows.ts';
import { median, ms, ratio } from './load-run.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const SINGLES = Number(process.env.BENCH_SINGLES ?? 500);
const BATCH = 4096; // the ledger client's default maxBatch
const TARGET_ROWS_PER_S = 30_000;

type Kind = 'cork' | 'jsonl' | 'cork-singles' | 'jsonl-singles' | 'cork-spaced';
/** Rows in the quiet-spell series, and the pause before each (longer than the group-commit interval). */
const SPACED = Number(process.env.BENCH_SPACED ?? 100);
const SPACED_GAP_MS = 30;

interface Result {
  rowsPerS: number;
  /** Main-thread event-loop busy time per row, µs (the baseline does everything on it). */
  mainUs: number;
  /** Single-row commit latencies, ms. */
  lat: number[];
  peakMb: number;
}

// ---------------------------------------------------------------------------
// One run, in a child process

async function run(kind: Kind, dir: string): Promise<Omit<Result, 'peakMb'>> {
  const n = kind.endsWith('singles') ? SINGLES : kind === 'cork-spaced' ? SPACED : ROWS;
  const rows = Array.from({ length: n }, (_, i) => usageRow(i));
  if (kind === 'jsonl' || kind === 'jsonl-singles') {
    const step = kind === 'jsonl' ? BATCH : 1;
    const fd = openSync(join(dir, 'baseline.jsonl'), 'a');
    const lat: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i += step) {
      const t = performance.now();
      let text = '';
      for (const r of rows.slice(i, i + step)) text += `${JSON.stringify(r)}\n`;
      writeSync(fd, text);
      fdatasyncSync(fd);
      lat.push(performance.now() - t);
    }
    const wall = performance.now() - t0;
    closeSync(fd);
    return { rowsPerS: (n / wall) * 1000, mainUs: (wall * 1000) / n, lat };
  }
  const ledger = await openLedger(dir);
  try {
    await ledger.recordUsage(usageRow(-1)); // database created, worker warm
    const lat: number[] = [];
    const elu0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    if (kind === 'cork') await Promise.all(rows.map((r) => ledger.recordUsage(r)));
    else {
      for (const r of rows) {
        if (kind === 'cork-spaced') await new Promise((resolve) => setTimeout(resolve, SPACED_GAP_MS));
        const t = performance.now();
        await ledger.recordUsage(r);
        lat.push(performance.now() - t);
      }
    }
    const wall = performance.now() - t0;
    const elu = performance.eventLoopUtilization(elu0);
    return { rowsPerS: (n / wall) * 1000, mainUs: (elu.active * 1000) / n, lat };
  } finally {
    await ledger.close();
  }
}

function spawnRun(kind: Kind, dir: string): Result {
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--run', kind, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${kind} run exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout) as Result;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

// ---------------------------------------------------------------------------

const at = process.argv.indexOf('--run');
if (at >= 0) {
  const result = await run(process.argv[at + 1] as Kind, process.argv[at + 2]!);
  process.stdout.write(JSON.stringify({ ...result, peakMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const work = mkdtempSync(join(tmpdir(), 'cork-bench-ledger-'));
  let seq = 0;
  const series = (kind: Kind): Result => spawnRun(kind, mkdtempSync(join(work, `${kind}-${seq++}-`)));
  try {
    series('cork'); // warm the OS file cache and the disk
    series('jsonl');
    const cork: Result[] = [];
    const base: Result[] = [];
    for (let i = 0; i < RUNS; i++) {
      cork.push(series('cork'));
      base.push(series('jsonl'));
    }
    const corkLat = series('cork-singles');
    const baseLat = series('jsonl-singles');
    const corkSpaced = series('cork-spaced');

    const c = median(cork.map((r) => r.rowsPerS));
    const b = median(base.map((r) => r.rowsPerS));
    const rate = (x: number) => `${Math.round(x).toLocaleString('en-US')} rows/s`;
    const peak = (rs: Result[]) => `${Math.max(...rs.map((r) => r.peakMb)).toFixed(0)} MB`;
    console.log(`\ncork ledger benchmark — ${ROWS.toLocaleString('en-US')} usage rows per run, median of ${RUNS} runs, each its own process; ${SINGLES} single-row commits (node ${process.version}, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)})\n`);
    console.log('| workload | durable rows/s (median) | main thread per row | peak RSS | ratio |');
    console.log('|---|---:|---:|---:|---:|');
    console.log(`| baseline: JSONL append, fdatasync per ${BATCH} rows | ${rate(b)} | ${ms(median(base.map((r) => r.mainUs)))} µs (all of it) | ${peak(base)} | 1.00× |`);
    console.log(`| cork ledger: worker thread, group commit, WAL, synchronous=FULL | ${rate(c)} | ${ms(median(cork.map((r) => r.mainUs)))} µs | ${peak(cork)} | ${ratio(c / b)} baseline |`);
    console.log('\n| one row at a time | p50 | p99 | peak RSS |');
    console.log('|---|---:|---:|---:|');
    console.log(`| baseline: JSONL append + fdatasync | ${ms(percentile(baseLat.lat, 50))} ms | ${ms(percentile(baseLat.lat, 99))} ms | ${peak([baseLat])} |`);
    console.log(`| cork ledger, back to back (record, await, repeat) | ${ms(percentile(corkLat.lat, 50))} ms | ${ms(percentile(corkLat.lat, 99))} ms | ${peak([corkLat])} |`);
    console.log(`| cork ledger, after a quiet spell (a row every ${SPACED_GAP_MS} ms) | ${ms(percentile(corkSpaced.lat, 50))} ms | ${ms(percentile(corkSpaced.lat, 99))} ms | ${peak([corkSpaced])} |`);
    console.log(`\nruns (rows/s): cork ${cork.map((r) => Math.round(r.rowsPerS)).join(', ')}; baseline ${base.map((r) => Math.round(r.rowsPerS)).join(', ')}`);
    console.log(`target: ≥ ${TARGET_ROWS_PER_S.toLocaleString('en-US')} durable rows/s batched (${c >= TARGET_ROWS_PER_S ? 'met' : 'MISSED'})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
