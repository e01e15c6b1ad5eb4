// npm run bench:proxy-dlp — cork's forward proxy with the default DLP on the
// target route (dlp.token_patterns + dlp.known_secrets on every request, in
// the plugin worker pool; dlp.injection on the response) against the bare
// node:http floor proxy of bench:proxy, and cork with `dlp: false` and with
// outbound detectors only on the same route as baselines, all in the same run: POST 16 KiB and POST 64 KiB
// of realistic request text (an LLM API call: prose, code, config, the words
// the detectors' prefilters look for, no secret). Runs are interleaved floor /
// cork DLP off / cork DLP on, per round and workload, and the report gives
// medians. Target: cork with DLP ≥ 0.6× the floor's req/s at 16 KiB. Then
// `npm run bench:proxy-dlp` runs bench/proxy-dlp-offload.bench.ts: where
// offloading the scan to the worker pool pays, by body size.
//
// Reuses bench:proxy's pieces (floor-proxy.mjs, children.ts, proc-stats.ts);
// its own upstream (any POST size) and load generator (body from a file).
//
// Env: BENCH_ROUNDS (5), BENCH_DURATION seconds per run (5), BENCH_CONNECTIONS
// (32), BENCH_WARMUP seconds per proxy and workload (2), BENCH_SIZES
// (16k,64k; also 1k, 256k), BENCH_PLUGIN_THREADS (the runtime's default, 2),
// BENCH_CORK=path/to/cork.mjs to measure another build.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { callControl } from '../runtime/control/client.ts';
import type { OpenSessionReply } from '../runtime/control/protocol.ts';
import { startChild, stopChild, type Child } from './children.ts';
import { clean, loadRun, median, ms, probe, ratio, type Run } from './load-run.ts';
import { BENCH_AGENT, realisticBody, ROUTES, TARGET_HOST, TOKEN_REF, writeDlpBenchBundle } from './proxy-dlp-policy.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const PLUGIN_THREADS = process.env.BENCH_PLUGIN_THREADS ? Number(process.env.BENCH_PLUGIN_THREADS) : undefined;
// Obviously not a credential: the upstream only checks that it arrives.
const FAKE_TOKEN = 'fake-bench-token-not-a-secret';

const here = import.meta.dirname;
const cork = process.env.BENCH_CORK ? resolve(process.env.BENCH_CORK) : join(here, '..', 'bin', 'cork.mjs');

const SIZES: Record<string, number> = { '1k': 1024, '16k': 16 * 1024, '64k': 64 * 1024, '256k': 256 * 1024 };
const picked = (process.env.BENCH_SIZES ?? '16k,64k').split(',').map((s) => s.trim());
for (const s of picked) if (!SIZES[s]) throw new Error(`BENCH_SIZES=${process.env.BENCH_SIZES}: pick from ${Object.keys(SIZES).join(', ')}`);

interface Workload {
  name: string;
  path: string;
  bodyBytes: number;
  bodyFile: string;
}

type Label = 'floor' | 'cork DLP off' | 'cork DLP out' | 'cork DLP on';
const LABELS: readonly Label[] = ['floor', 'cork DLP off', 'cork DLP out', 'cork DLP on'];

interface Proxy {
  label: Label;
  child: Child;
  port: number;
  headers: Record<string, string>;
}

/** A probe through a proxy to the target host, the body as text. */
async function probeText(port: number, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; body: string }> {
  const r = await probe(port, method, `http://${TARGET_HOST}${path}`, headers, body);
  return { status: r.status, body: r.body.toString('utf8') };
}

/** Every proxy answers every workload; cork injects the credential; DLP is on where it should be and off where not. */
async function preflight(proxies: readonly Proxy[], workloads: readonly Workload[]): Promise<void> {
  for (const p of proxies) {
    for (const w of workloads) {
      const r = await probeText(p.port, 'POST', w.path, { ...p.headers, 'content-type': 'application/json' }, realisticBody(w.bodyBytes));
      if (r.status !== 200 || r.body !== `{"received":${w.bodyBytes}}`) throw new Error(`preflight: ${p.label} ${w.name} answered ${r.status}: ${r.body.slice(0, 300)}`);
    }
    if (p.label === 'floor') continue;
    const seen = JSON.parse((await probeText(p.port, 'GET', '/echo-headers', p.headers)).body) as Record<string, string>;
    if (seen['authorization'] !== `Bearer ${FAKE_TOKEN}`) throw new Error(`preflight: ${p.label} did not inject the credential`);
    const leak = await probeText(p.port, 'POST', '/post16k', { ...p.headers, 'content-type': 'text/plain' }, Buffer.from(`oops ${FAKE_TOKEN}`));
    const want = p.label === 'cork DLP off' ? 200 : 403;
    if (leak.status !== want) throw new Error(`preflight: ${p.label} answered ${leak.status} to a request leaking the credential, expected ${want}: ${leak.body}`);
  }
}

function load(p: Proxy, w: Workload, seconds: number): Promise<Run> {
  return loadRun(`${p.label} ${w.name}`, p.child, {
    url: `http://127.0.0.1:${p.port}`,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    path: `http://${TARGET_HOST}${w.path}`,
    headers: { ...p.headers, 'content-type': 'application/json' },
    bodyFile: w.bodyFile,
  });
}


async function startCork(label: Label, bundle: string, work: string, upstreamPort: number): Promise<Proxy> {
  const stateDir = join(work, `state-${label.replace(/\W+/g, '-')}`);
  const args = [cork, 'runtime', 'start', bundle, '--listen', '127.0.0.1:0', '--state-dir', stateDir, '--upstream-override', `${TARGET_HOST}=http://127.0.0.1:${upstreamPort}`];
  if (PLUGIN_THREADS) args.push('--limit', `plugin-threads=${PLUGIN_THREADS}`);
  const rt = await startChild(label, args, /cork runtime: listening on [^\s,]*:(\d+)/, { ...process.env, [TOKEN_REF]: FAKE_TOKEN });
  const session = await callControl<OpenSessionReply>(stateDir, 'POST', '/v1/sessions', { agent: BENCH_AGENT });
  return {
    label,
    child: rt.child,
    port: Number(rt.match[1]),
    headers: { host: TARGET_HOST, 'proxy-authorization': `Basic ${Buffer.from(`${session.id}:${session.token}`).toString('base64')}` },
  };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'cork-bench-proxy-dlp-'));
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const started: Child[] = [];
  try {
    const on = writeDlpBenchBundle(work, { dlp: 'default' });
    const out = writeDlpBenchBundle(work, { dlp: 'outbound' });
    const off = writeDlpBenchBundle(work, { dlp: 'off' });
    const workloads: Workload[] = picked.map((s) => {
      const bodyFile = join(work, `body-${s}.json`);
      writeFileSync(bodyFile, realisticBody(SIZES[s]!));
      return { name: `POST ${s.replace('k', ' KiB')}`, path: `/post${s}`, bodyBytes: SIZES[s]!, bodyFile };
    });

    const up = await startChild('upstream', [join(here, 'upstream.mjs')], /listening (\d+)/);
    started.push(up.child);
    const upstreamPort = Number(up.match[1]);
    const floor = await startChild('floor proxy', [join(here, 'floor-proxy.mjs'), `${TARGET_HOST}=${upstreamPort}`], /listening (\d+)/);
    started.push(floor.child);
    const corkOff = await startCork('cork DLP off', off.path, work, upstreamPort);
    started.push(corkOff.child);
    const corkOut = await startCork('cork DLP out', out.path, work, upstreamPort);
    started.push(corkOut.child);
    const corkOn = await startCork('cork DLP on', on.path, work, upstreamPort);
    started.push(corkOn.child);
    const proxies: Proxy[] = [{ label: 'floor', child: floor.child, port: Number(floor.match[1]), headers: corkOn.headers }, corkOff, corkOut, corkOn];
    await preflight(proxies, workloads);

    const env = `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
    process.stderr.write(`bench: ${env}; ${ROUNDS} rounds × ${DURATION} s, ${CONNECTIONS} connections, plugin threads ${PLUGIN_THREADS ?? 'default (2)'}\n`);
    for (const w of workloads) for (const p of proxies) if (WARMUP > 0) await load(p, w, WARMUP);

    const runs = new Map<string, Run[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const w of workloads) {
        for (const p of proxies) {
          const r = await load(p, w, DURATION);
          const key = `${p.label}:${w.name}`;
          runs.set(key, [...(runs.get(key) ?? []), r]);
          const flag = clean(r) ? '' : `  ERRORS non2xx=${r.non2xx} errors=${r.errors} timeouts=${r.timeouts} codes=${JSON.stringify(r.statusCodes)}`;
          process.stderr.write(`bench: round ${round}/${ROUNDS} ${w.name.padEnd(12)} ${p.label.padEnd(13)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms  ${r.cpuUs.toFixed(0)} µs CPU/req${flag}\n`);
        }
      }
    }
    const endLoad = loadavg().map((x) => x.toFixed(2)).join(' ');

    const lines: string[] = [];
    const say = (s = '') => lines.push(s);
    say(`\ncork proxy benchmark with DLP — ${ROUTES}-route bundle, session auth + credential injection; target route default DLP (token_patterns + known_secrets outbound in the plugin pool, injection inbound) vs the same route with dlp: false vs a bare node:http proxy (the floor)`);
    say(`median of ${ROUNDS} interleaved runs of ${DURATION} s each, ${CONNECTIONS} keep-alive connections, autocannon; realistic JSON bodies; ${env} (at end: ${endLoad})\n`);
    say('"off": the target route with dlp: false; "out": outbound detectors only (inbound_detectors: false); "on": the default DLP (outbound + dlp.injection on the response). Ratios are to the floor.\n');
    say('| workload | floor req/s | cork off req/s | cork out req/s | cork on req/s | on / off | p50/p99 ms floor · off · out · on | proxy CPU µs/req floor · off · out · on |');
    say('|---|---:|---:|---:|---:|---:|---:|---:|');
    const notes: string[] = [];
    const verdicts: string[] = [];
    for (const w of workloads) {
      const get = (label: Label) => runs.get(`${label}:${w.name}`) ?? [];
      const m = (label: Label, f: (r: Run) => number) => median(get(label).filter(clean).map(f));
      const rps = (l: Label) => m(l, (r) => r.rps);
      const lat = (l: Label) => `${ms(m(l, (r) => r.p50))}/${ms(m(l, (r) => r.p99))}`;
      const cpu = (l: Label) => m(l, (r) => r.cpuUs).toFixed(0);
      const rf = rps('floor');
      const roff = rps('cork DLP off');
      const rout = rps('cork DLP out');
      const ron = rps('cork DLP on');
      const cell = (x: number) => `${x.toFixed(0)} (${ratio(x / rf)})`;
      say(
        `| ${w.name} | ${rf.toFixed(0)} | ${cell(roff)} | ${cell(rout)} | ${cell(ron)} | ${ratio(ron / roff)} | ${LABELS.map(lat).join(' · ')} | ${LABELS.map(cpu).join(' · ')} |`,
      );
      // Each cork run against the floor run just before it: the same machine weather.
      const paired = get('cork DLP on').map((c, i) => (clean(c) && get('floor')[i] && clean(get('floor')[i]!) ? c.rps / get('floor')[i]!.rps : NaN));
      notes.push(`${w.name}: per-round DLP-on/floor ratios ${paired.map((x) => (Number.isNaN(x) ? 'err' : x.toFixed(2))).join(' ')} (median ${ratio(median(paired.filter((x) => !Number.isNaN(x))))})`);
      const errored = LABELS.flatMap((l) => get(l).filter((r) => !clean(r)).map(() => l));
      if (errored.length) notes.push(`${w.name}: ${errored.length} run(s) with errors left out of the medians (${errored.join(', ')})`);
      if (w.bodyBytes === 16 * 1024) verdicts.push(`POST 16 KiB with DLP on ≥ 0.6× floor: ${errored.length === 0 && ron / rf >= 0.6 ? 'met' : 'MISSED'} (${ratio(ron / rf)})`);
    }
    say();
    for (const n of notes) say(`- ${n}`);
    if (verdicts.length) {
      say();
      say('target:');
      for (const v of verdicts) say(`- ${v}`);
    }
    console.log(lines.join('\n'));
  } finally {
    await Promise.all(started.reverse().map((c) => stopChild(c)));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:proxy-dlp failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
