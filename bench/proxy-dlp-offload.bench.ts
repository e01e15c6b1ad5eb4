// Part of npm run bench:proxy-dlp — where offloading plugins to the worker
// pool pays. The default outbound DLP chain (dlp.credentials: token_patterns
// + known_secrets in one pass, the code the compiler put in the bundle) scans one
// realistic request body per call, at several body sizes, two ways:
//   inline — the plugins set up in this (main) thread, hooks called directly:
//            the event loop is blocked for the whole scan;
//   pool   — the runtime's own dist/plugin-worker.mjs in a piscina pool of
//            BENCH_THREADS (2) threads, the body copied into its own
//            ArrayBuffer and transferred, as runtime/plugins/host.ts does.
// Reported per size: inline µs per call (= main-thread µs), pool latency one
// call at a time, pool main-thread µs per call (event-loop active time),
// total CPU per call (all threads), and throughput with BENCH_CONCURRENCY (32)
// calls in flight vs inline back to back. Offload pays where the main thread
// saves more than the dispatch costs it, and where parallel threads beat one.
//
// Env: BENCH_SIZES (0,1k,4k,8k,16k,64k,256k; also 1m), BENCH_THREADS (2), BENCH_CONCURRENCY
// (32), BENCH_SECONDS per measurement (1.5).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { PluginDefinition, PluginHooks, RequestView } from '../plugins/sdk.ts';
import type { InstanceSpec, PluginOutcome, RequestTask } from '../runtime/plugins/protocol.ts';
import { realisticBody, writeDlpBenchBundle } from './proxy-dlp-policy.ts';

const SIZE_OF: Record<string, number> = { '0': 0, '1k': 1024, '4k': 4 * 1024, '8k': 8 * 1024, '16k': 16 * 1024, '64k': 64 * 1024, '256k': 256 * 1024, '1m': 1024 * 1024 };
const SIZES = (process.env.BENCH_SIZES ?? '0,1k,4k,8k,16k,64k,256k').split(',').map((s) => s.trim());
for (const s of SIZES) if (SIZE_OF[s] === undefined) throw new Error(`BENCH_SIZES: pick from ${Object.keys(SIZE_OF).join(', ')}`);
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
const FAKE_TOKEN = 'fake-bench-token-not-a-secret';
// What a route with the default outbound detectors runs: both in one pass (policy/plugins.ts fuseCredentials).
const CHAIN = ['dlp.credentials'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function headersFor(size: number): Array<[string, string]> {
  return [
    ['content-type', 'application/json'],
    ['content-length', String(size)],
    ['user-agent', 'bench-agent/1.0'],
    ['accept', 'application/json'],
    ['anthropic-version', '2023-06-01'],
  ];
}

interface Measured {
  /** Median wall µs per call, one at a time. */
  latencyUs: number;
  /** Main-thread event-loop active µs per call, one at a time. */
  mainUs: number;
  /** Process CPU (all threads) µs per call, one at a time. */
  cpuUs: number;
  /** Calls per second with CONCURRENCY in flight (inline: back to back). */
  throughput: number;
  /** Main-thread active µs per call under that load. */
  mainUsLoaded: number;
}

/** Runs `call` one at a time for SECONDS, then with `concurrency` in flight for SECONDS. */
async function measure(call: () => Promise<unknown> | unknown, concurrency: number): Promise<Measured> {
  // Warm-up: JIT, pool threads, caches.
  const warmEnd = performance.now() + 300;
  while (performance.now() < warmEnd) await call();

  const lat: number[] = [];
  let elu0 = performance.eventLoopUtilization();
  let cpu0 = process.cpuUsage();
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    await call();
    lat.push((performance.now() - t) * 1000);
  }
  let elu = performance.eventLoopUtilization(elu0);
  let cpu = process.cpuUsage(cpu0);
  const seq = { latencyUs: median(lat), mainUs: (elu.active * 1000) / lat.length, cpuUs: (cpu.user + cpu.system) / lat.length };

  let done = 0;
  elu0 = performance.eventLoopUtilization();
  cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const stop = t0 + SECONDS * 1000;
  const lane = async () => {
    while (performance.now() < stop) {
      await call();
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const wall = performance.now() - t0;
  elu = performance.eventLoopUtilization(elu0);
  cpu = process.cpuUsage(cpu0);
  return { ...seq, throughput: (done * 1000) / wall, mainUsLoaded: (elu.active * 1000) / done };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'cork-bench-offload-'));
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const { bundle } = writeDlpBenchBundle(work, { dlp: 'default' });

  // The bundled code, on disk like the runtime's state dir keeps it.
  const instances: InstanceSpec[] = CHAIN.map((use) => {
    const p = bundle.plugins[use];
    if (!p) throw new Error(`the bench bundle has no ${use}`);
    const file = join(work, `${p.sha256}.mjs`);
    writeFileSync(file, p.code);
    return { key: `${use}@bench`, use, file, sha256: p.sha256, options: {} };
  });

  // Inline: the same code, set up in this thread.
  const inlineHooks: PluginHooks[] = [];
  for (const spec of instances) {
    const def = ((await import(pathToFileURL(spec.file).href)) as { default: PluginDefinition }).default;
    inlineHooks.push(await def.setup({}, { secrets: [FAKE_TOKEN] }));
  }

  // Pool: the runtime's worker file and its task shape.
  const pool = new Piscina({
    filename: join(import.meta.dirname, '..', 'dist', 'plugin-worker.mjs'),
    workerData: { instances, secrets: [FAKE_TOKEN] },
    minThreads: THREADS,
    maxThreads: THREADS,
    idleTimeout: Number.MAX_SAFE_INTEGER,
    maxQueue: 4096,
  });
  await pool.run({ hook: 'info' });

  const rows: string[] = [];
  const results: Array<{ size: string; inline: Measured; pool: Measured }> = [];
  for (const s of SIZES) {
    const size = SIZE_OF[s]!;
    const body = size === 0 ? Buffer.alloc(0) : realisticBody(size);
    const headers = headersFor(size);
    const view: RequestView = Object.freeze({ method: 'POST', scheme: 'http', host: 'api.bench.example', path: '/v1/messages', query: '', headers, body: new Uint8Array(body), route: 'api.bench.example', session: 's-bench', agent: 'bench' });

    const inline = await measure(async () => {
      for (const h of inlineHooks) {
        const v = await h.onRequest!(view);
        if (v.action !== 'allow') throw new Error(`inline: the clean body was flagged: ${JSON.stringify(v).slice(0, 300)}`);
      }
    }, 1);

    const pooled = await measure(async () => {
      // As handle-request.ts does: the body copied into an ArrayBuffer of its own, transferred.
      const ab = new ArrayBuffer(body.length);
      new Uint8Array(ab).set(body);
      const task: RequestTask = { hook: 'request', chain: instances.map((i) => i.key), onMatch: 'block', method: 'POST', scheme: 'http', host: 'api.bench.example', path: '/v1/messages', query: '', headers, body: ab, route: 'api.bench.example', session: 's-bench', agent: 'bench' };
      const out = (await pool.run(task, { transferList: [ab] })) as PluginOutcome;
      if (out.action !== 'allow') throw new Error(`pool: the clean body was flagged: ${JSON.stringify(out).slice(0, 300)}`);
    }, CONCURRENCY);
    results.push({ size: s, inline, pool: pooled });
    process.stderr.write(`offload: ${s.padEnd(4)} inline ${inline.latencyUs.toFixed(0)} µs; pool latency ${pooled.latencyUs.toFixed(0)} µs, main ${pooled.mainUs.toFixed(0)} µs (loaded ${pooled.mainUsLoaded.toFixed(0)} µs), ${pooled.throughput.toFixed(0)}/s vs inline ${inline.throughput.toFixed(0)}/s\n`);
  }
  await pool.destroy();

  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  rows.push(`\nDLP plugin offload — outbound chain ${CHAIN.join(' + ')} (bundled code) on a realistic clean request; inline in the main thread vs the runtime's worker pool (${THREADS} threads, body transferred)`);
  rows.push(`median per call, ${SECONDS} s per measurement, ${CONCURRENCY} in flight for pool throughput; node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  rows.push('| body | inline µs/call (main thread blocked) | pool latency µs | pool main-thread µs/call (1 / loaded) | CPU µs/call inline · pool | calls/s inline · pool | main thread saved per call |');
  rows.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const { size, inline, pool: p } of results) {
    const saved = inline.mainUs - p.mainUsLoaded;
    rows.push(
      `| ${size === '0' ? 'empty' : size.replace('k', ' KiB')} | ${f(inline.latencyUs)} | ${f(p.latencyUs)} | ${f(p.mainUs)} / ${f(p.mainUsLoaded)} | ${f(inline.cpuUs)} · ${f(p.cpuUs)} | ${f(inline.throughput)} · ${f(p.throughput)} | ${saved >= 0 ? '' : '−'}${f(Math.abs(saved))} µs |`,
    );
  }
  const pays = results.find((r) => r.inline.mainUs > r.pool.mainUsLoaded);
  rows.push('');
  rows.push(
    pays
      ? `offload frees the main thread from ${pays.size === '0' ? 'an empty body' : pays.size.replace('k', ' KiB')} up (inline scan cost > the pool's main-thread dispatch cost); below that, dispatching costs the main thread more than scanning would.`
      : 'offload never frees the main thread at these sizes: dispatching costs it more than scanning inline would.',
  );
  console.log(rows.join('\n'));
}

main().catch((err: unknown) => {
  process.stderr.write(`proxy-dlp-offload failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
