// npm run bench:compile — cold `cork compile` of a 1,000-bottle / 1,000-agent
// repo and `cork check` of a one-agent repo, each as a fresh process (what
// CI and pre-commit pay), against baselines measured in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRepo } from './gen-repo.ts';
import { median } from './load-run.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const cork = join(import.meta.dirname, '..', 'bin', 'cork.mjs');
const rss = join(import.meta.dirname, 'report-rss.mjs');
const floor = join(import.meta.dirname, 'yaml-floor.mjs');

interface Sample {
  ms: number;
  rssMb: number;
}

function measure(args: string[], expectStatus = 0): Sample {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', rss, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== expectStatus) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const m = /@@maxrss_kb=(\d+)/.exec(r.stderr);
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN };
}


function series(label: string, args: string[]): { label: string; ms: number; rssMb: number } {
  measure(args); // warm the OS file cache; Node itself starts cold every run
  const samples = Array.from({ length: RUNS }, () => measure(args));
  return { label, ms: median(samples.map((s) => s.ms)), rssMb: Math.max(...samples.map((s) => s.rssMb)) };
}

const work = mkdtempSync(join(tmpdir(), 'cork-bench-'));
try {
  const big = join(work, 'big');
  const one = join(work, 'one');
  generateRepo(big, 1000, 1000);
  generateRepo(one, 5, 1);
  const out = join(work, 'out.bundle.json');

  // Interleave so machine noise hits every series alike.
  const rows = [
    series('node startup (empty script)', ['-e', '']),
    series('baseline: read + YAML-parse 2,000 files', [floor, big]),
    series('cork compile (1,000 bottles, 1,000 agents)', [cork, 'compile', big, '-o', out, '--revision', 'bench', '-q']),
    series('cork check (1 agent, 5 bottles)', [cork, 'check', one, '-q']),
  ];
  const [nodeFloor, yamlFloor, full, pre] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];

  console.log(`\ncork compile benchmark — median of ${RUNS} cold runs each, peak RSS over the runs (node ${process.version}, ${process.arch})\n`);
  console.log('| workload | median wall | peak RSS | ratio |');
  console.log('|---|---:|---:|---:|');
  console.log(`| ${nodeFloor.label} | ${nodeFloor.ms.toFixed(0)} ms | ${nodeFloor.rssMb.toFixed(0)} MB | 1.00× node |`);
  console.log(`| ${yamlFloor.label} | ${yamlFloor.ms.toFixed(0)} ms | ${yamlFloor.rssMb.toFixed(0)} MB | 1.00× baseline |`);
  console.log(`| ${full.label} | ${full.ms.toFixed(0)} ms | ${full.rssMb.toFixed(0)} MB | ${(full.ms / yamlFloor.ms).toFixed(2)}× baseline |`);
  console.log(`| ${pre.label} | ${pre.ms.toFixed(0)} ms | ${pre.rssMb.toFixed(0)} MB | ${(pre.ms / nodeFloor.ms).toFixed(2)}× node startup |`);
  console.log(`\ntargets: full compile < 2000 ms (${full.ms < 2000 ? 'met' : 'MISSED'}), one-agent check < 300 ms (${pre.ms < 300 ? 'met' : 'MISSED'})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
