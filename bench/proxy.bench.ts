// npm run bench:proxy — cork's forward proxy against a bare node:http proxy
// (the floor), same machine, same load generator, same local upstream, runs
// interleaved floor/cork so machine noise hits both alike. Cork serves a
// 200-route bundle with session auth and credential injection on the target
// route. Then memory of each proxy holding 1,000 idle keep-alive connections.
//
// Env: BENCH_ROUNDS (5), BENCH_DURATION seconds per run (5), BENCH_CONNECTIONS
// (32), BENCH_WARMUP seconds per proxy and workload (2), BENCH_IDLE_CONNECTIONS
// (1000), BENCH_WORKLOADS=get1k,get64k,post16k (all), BENCH_CPU_PROF=DIR
// writes --cpu-prof profiles of both proxies there, BENCH_CORK=path/to/cork.mjs
// measures another build (a patched copy of the tree) against the same floor.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { callControl } from '../runtime/control/client.ts';
import type { OpenSessionReply } from '../runtime/control/protocol.ts';
import { startChild, stopChild, type Child } from './children.ts';
import { clean, loadRun, median, ms, probe, ratio, type Run } from './load-run.ts';
import { holdConnections } from './hold-connections.ts';
import { ensureOpenFiles, memoryOf, resetPeakMemory, type Memory } from './proc-stats.ts';
import { BENCH_AGENT, ROUTES, TARGET_HOST, TOKEN_REF, writeBenchBundle } from './proxy-policy.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const IDLE_CONNECTIONS = Number(process.env.BENCH_IDLE_CONNECTIONS ?? 1000);
const CPU_PROF = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
// Obviously not a credential: the upstream only checks that it arrives.
const FAKE_TOKEN = 'fake-bench-token-not-a-secret';

const here = import.meta.dirname;
const cork = process.env.BENCH_CORK ? resolve(process.env.BENCH_CORK) : join(here, '..', 'bin', 'cork.mjs');

interface Workload {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  bodyBytes: number;
  /** Body length the client must get back. */
  responseBytes: number;
}

const ALL_WORKLOADS: readonly Workload[] = [
  { name: 'GET 1 KiB', method: 'GET', path: '/get1k', bodyBytes: 0, responseBytes: 1024 },
  { name: 'GET 64 KiB', method: 'GET', path: '/get64k', bodyBytes: 0, responseBytes: 64 * 1024 },
  { name: 'POST 16 KiB', method: 'POST', path: '/post16k', bodyBytes: 16 * 1024, responseBytes: '{"received":16384}'.length },
];
const picked = process.env.BENCH_WORKLOADS?.split(',').map((s) => `/${s.trim()}`);
const WORKLOADS = picked ? ALL_WORKLOADS.filter((w) => picked.includes(w.path)) : ALL_WORKLOADS;
if (WORKLOADS.length === 0) throw new Error(`BENCH_WORKLOADS=${process.env.BENCH_WORKLOADS}: pick from ${ALL_WORKLOADS.map((w) => w.path.slice(1)).join(', ')}`);

interface Proxy {
  label: 'floor' | 'cork';
  child: Child;
  port: number;
}

/** Both proxies answer every workload correctly, and cork injects the credential and enforces the session. */
async function preflight(proxies: readonly Proxy[], headers: Record<string, string>): Promise<void> {
  for (const p of proxies) {
    for (const w of ALL_WORKLOADS) {
      const r = await probeWorkload(p.port, w, headers);
      if (r.status !== 200 || r.body.length !== w.responseBytes) {
        throw new Error(`preflight: ${p.label} ${w.name} answered ${r.status} with ${r.body.length} bytes: ${r.body.subarray(0, 300).toString('utf8')}`);
      }
    }
  }
  const corkProxy = proxies.find((p) => p.label === 'cork')!;
  const seen = await probeWorkload(corkProxy.port, { method: 'GET', path: '/echo-headers', bodyBytes: 0 }, headers);
  const upstreamSaw = JSON.parse(seen.body.toString('utf8')) as Record<string, string>;
  if (upstreamSaw['authorization'] !== `Bearer ${FAKE_TOKEN}`) throw new Error(`preflight: cork did not inject the credential (upstream saw ${JSON.stringify(upstreamSaw)})`);
  if ('proxy-authorization' in upstreamSaw) throw new Error('preflight: cork forwarded Proxy-Authorization upstream');
  const { ['proxy-authorization']: _, ...anonymous } = headers;
  const refused = await probeWorkload(corkProxy.port, ALL_WORKLOADS[0]!, anonymous);
  if (refused.status !== 407) throw new Error(`preflight: cork answered ${refused.status} to a request without session credentials, expected 407`);
}

function probeWorkload(port: number, w: Pick<Workload, 'method' | 'path' | 'bodyBytes'>, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  return probe(port, w.method, `http://${TARGET_HOST}${w.path}`, headers, w.bodyBytes ? Buffer.alloc(w.bodyBytes, 'x') : undefined);
}

function load(p: Proxy, w: Workload, headers: Record<string, string>, seconds: number): Promise<Run> {
  return loadRun(`${p.label} ${w.name}`, p.child, {
    url: `http://127.0.0.1:${p.port}`,
    connections: CONNECTIONS,
    duration: seconds,
    method: w.method,
    path: `http://${TARGET_HOST}${w.path}`,
    headers: w.bodyBytes ? { ...headers, 'content-type': 'application/octet-stream' } : headers,
    bodyBytes: w.bodyBytes,
  });
}

async function memoryUnder(p: Proxy, head: string): Promise<{ idle: Memory | undefined; held: Memory | undefined; ok: number; failures: Map<string, number>; resetPeak: boolean }> {
  const idle = memoryOf(p.child.pid);
  const resetPeak = resetPeakMemory(p.child.pid);
  const held = await holdConnections(p.port, IDLE_CONNECTIONS, head);
  try {
    await new Promise((r) => setTimeout(r, 500));
    return { idle, held: memoryOf(p.child.pid), ok: held.ok, failures: held.failures, resetPeak };
  } finally {
    held.close();
  }
}

const mb = (kb: number | undefined) => (kb === undefined || Number.isNaN(kb) ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);

async function main(): Promise<void> {
  const fds = ensureOpenFiles(IDLE_CONNECTIONS + 512);
  const idleConnections = Math.min(IDLE_CONNECTIONS, Math.max(0, fds.limit - 512));
  const work = mkdtempSync(join(tmpdir(), 'cork-bench-proxy-'));
  // Also on a signal or a crash, which skip the finally below.
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const started: Child[] = [];
  try {
    const bundle = writeBenchBundle(work);
    const profArgs = (name: string) => (CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
    if (CPU_PROF) mkdirSync(CPU_PROF, { recursive: true });

    const up = await startChild('upstream', [join(here, 'upstream.mjs')], /listening (\d+)/);
    started.push(up.child);
    const upstreamPort = Number(up.match[1]);
    const floor = await startChild('floor proxy', [...profArgs('floor'), join(here, 'floor-proxy.mjs'), `${TARGET_HOST}=${upstreamPort}`], /listening (\d+)/);
    started.push(floor.child);
    const stateDir = join(work, 'state');
    const runtime = await startChild(
      'cork runtime',
      [...profArgs('cork'), cork, 'runtime', 'start', bundle, '--listen', '127.0.0.1:0', '--state-dir', stateDir, '--upstream-override', `${TARGET_HOST}=http://127.0.0.1:${upstreamPort}`],
      /cork runtime: listening on [^\s,]*:(\d+)/,
      { ...process.env, [TOKEN_REF]: FAKE_TOKEN },
    );
    started.push(runtime.child);
    const session = await callControl<OpenSessionReply>(stateDir, 'POST', '/v1/sessions', { agent: BENCH_AGENT });

    const proxies: Proxy[] = [
      { label: 'floor', child: floor.child, port: Number(floor.match[1]) },
      { label: 'cork', child: runtime.child, port: Number(runtime.match[1]) },
    ];
    // Identical request bytes to both: the floor just drops Proxy-Authorization.
    const headers = { host: TARGET_HOST, 'proxy-authorization': `Basic ${Buffer.from(`${session.id}:${session.token}`).toString('base64')}` };
    await preflight(proxies, headers);

    const env = `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
    process.stderr.write(`bench: ${env}; ${ROUNDS} rounds × ${DURATION} s, ${CONNECTIONS} connections, autocannon in its own process\n`);

    // Memory first, on processes that have served only the preflight: the
    // number then is the connections' cost, not what the load phase left behind.
    const head = `GET http://${TARGET_HOST}/get1k HTTP/1.1\r\nHost: ${TARGET_HOST}\r\nProxy-Authorization: ${headers['proxy-authorization']}\r\nConnection: keep-alive\r\n\r\n`;
    const memory = new Map<string, Awaited<ReturnType<typeof memoryUnder>>>();
    for (const p of proxies) {
      if (idleConnections > 0) memory.set(p.label, await memoryUnder(p, head));
      process.stderr.write(`bench: memory ${p.label} with ${idleConnections} connections: ${mb(memory.get(p.label)?.held?.rssKb)}\n`);
    }

    for (const w of WORKLOADS) for (const p of proxies) if (WARMUP > 0) await load(p, w, headers, WARMUP);

    const runs = new Map<string, Run[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const w of WORKLOADS) {
        for (const p of proxies) {
          const r = await load(p, w, headers, DURATION);
          const key = `${p.label}:${w.name}`;
          runs.set(key, [...(runs.get(key) ?? []), r]);
          const flag = clean(r) ? '' : `  ERRORS non2xx=${r.non2xx} errors=${r.errors} timeouts=${r.timeouts} codes=${JSON.stringify(r.statusCodes)}`;
          process.stderr.write(`bench: round ${round}/${ROUNDS} ${w.name.padEnd(11)} ${p.label.padEnd(5)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms  ${r.cpuUs.toFixed(0)} µs CPU/req${flag}\n`);
        }
      }
    }
    const endLoad = loadavg().map((x) => x.toFixed(2)).join(' ');

    // Report.
    const lines: string[] = [];
    const say = (s = '') => lines.push(s);
    say(`\ncork proxy benchmark — ${ROUTES}-route bundle, session auth + credential injection vs a bare node:http proxy (the floor)`);
    say(`median of ${ROUNDS} interleaved runs of ${DURATION} s each, ${CONNECTIONS} keep-alive connections, autocannon; ${env} (at end: ${endLoad})\n`);
    say('| workload | floor req/s | cork req/s | ratio | floor p50/p99 (ms) | cork p50/p99 (ms) | p99 ratio |');
    say('|---|---:|---:|---:|---:|---:|---:|');
    const verdicts: string[] = [];
    const notes: string[] = [];
    for (const w of WORKLOADS) {
      const all = { floor: runs.get(`floor:${w.name}`) ?? [], cork: runs.get(`cork:${w.name}`) ?? [] };
      const ok = { floor: all.floor.filter(clean), cork: all.cork.filter(clean) };
      const m = (label: 'floor' | 'cork', f: (r: Run) => number) => median(ok[label].map(f));
      const rps = { floor: m('floor', (r) => r.rps), cork: m('cork', (r) => r.rps) };
      const p50 = { floor: m('floor', (r) => r.p50), cork: m('cork', (r) => r.p50) };
      const p99 = { floor: m('floor', (r) => r.p99), cork: m('cork', (r) => r.p99) };
      const rpsRatio = rps.cork / rps.floor;
      const p99Ratio = p99.cork / p99.floor;
      say(`| ${w.name} | ${rps.floor.toFixed(0)} | ${rps.cork.toFixed(0)} | ${ratio(rpsRatio)} | ${ms(p50.floor)} / ${ms(p99.floor)} | ${ms(p50.cork)} / ${ms(p99.cork)} | ${ratio(p99Ratio)} |`);
      const errored = [...all.floor.filter((r) => !clean(r)).map(() => 'floor'), ...all.cork.filter((r) => !clean(r)).map(() => 'cork')];
      if (errored.length) notes.push(`${w.name}: ${errored.length} run(s) with errors left out of the medians (${errored.join(', ')}); see the log above`);
      // Each cork run against the floor run just before it: the same machine weather.
      const paired = all.cork.map((c, i) => (clean(c) && all.floor[i] && clean(all.floor[i]!) ? c.rps / all.floor[i]!.rps : NaN));
      const pairedMedian = median(paired.filter((x) => !Number.isNaN(x)));
      const cpu = { floor: m('floor', (r) => r.cpuUs), cork: m('cork', (r) => r.cpuUs) };
      notes.push(
        `${w.name}: per-round req/s ratios ${paired.map((x) => (Number.isNaN(x) ? 'err' : x.toFixed(2))).join(' ')} (median ${ratio(pairedMedian)}); ` +
          `proxy CPU per request floor ${cpu.floor.toFixed(0)} µs, cork ${cpu.cork.toFixed(0)} µs (${ratio(cpu.cork / cpu.floor)})`,
      );
      const clear = errored.length === 0;
      const disagree = rpsRatio >= 1 !== pairedMedian >= 1 ? `; per-round median ${ratio(pairedMedian)} says otherwise: within noise` : '';
      verdicts.push(
        `${w.name}: req/s ≥ 1.0× floor ${clear && rpsRatio >= 1 ? 'met' : 'MISSED'} (${ratio(rpsRatio)}${disagree}), ` +
          `p99 < 2× floor ${clear && p99Ratio < 2 ? 'met' : 'MISSED'} (${ratio(p99Ratio)})${clear ? '' : ' — runs had errors'}`,
      );
    }
    say();
    const fm = memory.get('floor');
    const cm = memory.get('cork');
    if (idleConnections === 0) {
      say(`memory: not measured (${IDLE_CONNECTIONS === 0 ? 'BENCH_IDLE_CONNECTIONS=0' : fds.note})`);
    } else {
      const answered = (x: typeof fm) => `${x?.ok ?? 0}/${idleConnections} answered 200${x && x.failures.size ? `, failures ${JSON.stringify(Object.fromEntries(x.failures))}` : ''}`;
      say(
        `memory with ${idleConnections} open keep-alive connections (one proxied GET 1 KiB each, then held): ` +
          `cork RSS ${mb(cm?.held?.rssKb)} (peak ${mb(cm?.held?.hwmKb)}, idle before ${mb(cm?.idle?.rssKb)}; ${answered(cm)}) vs ` +
          `floor RSS ${mb(fm?.held?.rssKb)} (peak ${mb(fm?.held?.hwmKb)}, idle before ${mb(fm?.idle?.rssKb)}; ${answered(fm)}); ` +
          `ratio ${ratio((cm?.held?.rssKb ?? NaN) / (fm?.held?.rssKb ?? NaN))}${cm?.resetPeak ? '' : ' (peak includes start-up: VmHWM could not be reset)'}`,
      );
      if (idleConnections < IDLE_CONNECTIONS) say(`(only ${idleConnections} connections: ${fds.note})`);
    }
    say();
    for (const n of notes) say(`- ${n}`);
    say();
    say('targets:');
    for (const v of verdicts) say(`- ${v}`);
    console.log(lines.join('\n'));
  } finally {
    // Graceful first, so --cpu-prof profiles are written; the exit hook kills stragglers.
    await Promise.all(started.reverse().map((c) => stopChild(c)));
    if (CPU_PROF) process.stderr.write(`bench: CPU profiles in ${CPU_PROF} (summarize with: node bench/cpu-top.mjs ${CPU_PROF}/cork.cpuprofile)\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:proxy failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
