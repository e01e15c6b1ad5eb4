// Metering on the stream: an Anthropic event stream of 2,000 content deltas
// through cork's gateway, on the metered provider route (meter.anthropic
// reads a copy of every chunk, the reservation settles, a usage row is
// committed) against the same stream through an unmetered route of the same
// runtime, interleaved in the same run. Then one 100,000-event stream with
// metering on, sampling the runtime's RSS, to show memory stays flat.
//
// Run: npm run bench:proxy (this runs after the proxy benchmark), or
//   node --import tsx bench/proxy-metering.bench.ts
// Env: BENCH_ROUNDS (saturated rounds, default 7), BENCH_SEQ_ROUNDS (one-stream rounds, 21), BENCH_SEQUENTIAL (streams per block, 10), BENCH_BLOCKS (blocks per round, 10),
// BENCH_EVENTS (2000), BENCH_LONG_EVENTS (100000), BENCH_WARMUP_STREAMS (3000 each way), BENCH_ONLY (off|on),
// BENCH_CLIENTS (4) and BENCH_DURATION_MS (2000) for the saturated part (0 skips it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { constants as perfConstants, PerformanceObserver } from 'node:perf_hooks';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRepo } from '../compiler/compile.ts';
import { serializeBundle } from '../policy/bundle-digest.ts';
import { callControl } from '../runtime/control/client.ts';
import { tuneHeap } from '../runtime/heap-tuning.ts';
import type { OpenSessionReply } from '../runtime/control/protocol.ts';
import { type Child, startChild, stopChild } from './children.ts';
import { median, ratio } from './load-run.ts';
import { cpuMsOf, memoryOf, threadCpuMsOf } from './proc-stats.ts';

// The clients here receive every streamed byte as socket-read ArrayBuffers,
// as cork's proxy does, and V8's default growing factor put this process
// into the same loop heap-tuning.ts describes for cork: after the saturated
// part, a major GC every ~50 ms through the whole one-stream part (--trace-gc:
// 15-22 a second, 14 MB live), its four GC threads using ~0.6 ms of CPU per
// stream on the two cores cork needs. That made every stream 10-40% slower and
// the metered-to-unmetered ratio 0.91-0.97x (median 0.93x) where the same
// runtime measured without the saturated part first gave 0.96-0.98x. The instrument gets the
// runtime's factor, so what it measures is cork.
tuneHeap();

const here = dirname(fileURLToPath(import.meta.url));
const cork = process.env.BENCH_CORK ? resolve(process.env.BENCH_CORK) : join(here, '..', 'bin', 'cork.mjs');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
// One-stream rounds take ~0.3 s each: many of them, so the median spans the machine's slow and fast spells.
const SEQ_ROUNDS = Number(process.env.BENCH_SEQ_ROUNDS ?? 21);
const DURATION = Number(process.env.BENCH_DURATION_MS ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 10);
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 10);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const LONG_EVENTS = Number(process.env.BENCH_LONG_EVENTS ?? 100_000);
// Streams each way before anything is timed, so both routes are measured as
// a long-running runtime runs them. Code that runs once per request tiers up
// slowly: with --trace-opt, TurboFan first compiled handleRequest, meterGate,
// beginExchange and undici's Request only after 1,000-1,500 metered streams,
// and kept compiling per-request code until ~4,000; one stream's time fell by
// a third over that span. A shorter warm-up times the metered route's
// tier-up (it has more per-request code, run half as often as the shared
// code) as if it were metering's cost: the one-stream part alone
// (BENCH_DURATION_MS=0) gave ~0.93x after 300 each way, 0.96-0.98x after
// 2,000-4,000.
const WARMUP = Number(process.env.BENCH_WARMUP_STREAMS ?? 3000);
const KEY_REF = 'BENCH_PROVIDER_KEY';
const PLAIN_HOST = 'stream.bench.example';

function writeBundle(root: string): string {
  const repo = join(root, 'repo');
  mkdirSync(join(repo, '.bot-bottle', 'bottles'), { recursive: true });
  mkdirSync(join(repo, '.bot-bottle', 'agents'), { recursive: true });
  writeFileSync(
    join(repo, '.bot-bottle', 'bottles', 'bench.md'),
    [
      '---',
      'agent_provider:',
      '  template: claude',
      `  auth_token: ${KEY_REF}`,
      'egress:',
      '  log: 0',
      '  routes:',
      `    - host: ${PLAIN_HOST}`,
      '      trusted: true',
      '      dlp: false',
      `      auth: { scheme: Bearer, token_ref: ${KEY_REF} }`,
      '      matches:',
      '        - paths: [{ type: exact, value: /v1/messages }]',
      '          methods: [POST]',
      'rule_of_two:',
      '  waive: true',
      '  justification: synthetic benchmark policy, never given to a real agent',
      '---',
      '# bench',
      '',
      'The metering benchmark: the metered provider route and an unmetered route to the same upstream.',
      '',
    ].join('\n'),
  );
  writeFileSync(join(repo, '.bot-bottle', 'agents', 'bench.md'), '---\ndescription: metering benchmark agent\nbottle: bench\n---\nThe metering benchmark agent.\n');
  const result = compileRepo(repo, { revision: 'bench' });
  if (!result.bundle) throw new Error(`the metering bench policy does not compile: ${JSON.stringify(result.diagnostics)}`);
  const path = join(root, 'metering.bundle.json');
  writeFileSync(path, serializeBundle(result.bundle));
  return path;
}

/** One stream through the gateway: ms from request to the last byte, and the bytes. */
function stream(port: number, host: string, key: string, events: number, paceMs = 0): Promise<{ ms: number; bytes: number; ttfb: number }> {
  const body = JSON.stringify({ model: 'bench-model', max_tokens: 1_000_000, stream: true, messages: [{ role: 'user', content: 'go' }] });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/gw/${host}/v1/messages`, headers: { 'x-api-key': key, 'content-type': 'application/json', 'x-bench-events': String(events), 'x-bench-pace-ms': String(paceMs), 'content-length': Buffer.byteLength(body) } }, (res) => {
      let bytes = 0;
      let ttfb = 0;
      res.on('data', (c: Buffer) => {
        if (bytes === 0) ttfb = performance.now() - t0;
        bytes += c.length;
      });
      res.on('end', () => (res.statusCode === 200 ? resolve({ ms: performance.now() - t0, bytes, ttfb }) : reject(new Error(`status ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'cork-bench-metering-'));
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const started: Child[] = [];
  try {
    const bundle = writeBundle(work);
    const up = await startChild('sse upstream', [join(here, 'sse-upstream.mjs')], /listening (\d+)/);
    started.push(up.child);
    const upstream = `http://127.0.0.1:${up.match[1]}`;
    const stateDir = join(work, 'state');
    const rt = await startChild(
      'cork',
      [cork, 'runtime', 'start', bundle, '--listen', '127.0.0.1:0', '--state-dir', stateDir, '--upstream-override', `api.anthropic.com=${upstream}`, '--upstream-override', `${PLAIN_HOST}=${upstream}`, '--budget', 'claude=1000000000000'],
      /cork runtime: listening on [^\s,]*:(\d+)/,
      { ...process.env, [KEY_REF]: 'FAKE-bench-provider-key-000000' },
    );
    started.push(rt.child);
    const port = Number(rt.match[1]);
    const session = await callControl<OpenSessionReply>(stateDir, 'POST', '/v1/sessions', { agent: 'bench' });
    const pid = rt.child.pid;

    const env = `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
    process.stderr.write(`bench: ${env}; ${ROUNDS} rounds × ${DURATION} ms each way, ${CLIENTS} concurrent ${EVENTS}-event streams\n`);
    for (let i = 0; i < WARMUP; i++) {
      await stream(port, PLAIN_HOST, session.key, EVENTS);
      await stream(port, 'api.anthropic.com', session.key, EVENTS);
    }
    // Rounds of DURATION ms each way, CLIENTS streams at a time, back to back:
    // streams per second amortizes the per-stream first-byte noise of a loaded machine.
    const rate: Record<'off' | 'on', number[]> = { off: [], on: [] };
    const cpu: Record<'off' | 'on', number[]> = { off: [], on: [] };
    let bytes = 0;
    const round = async (which: 'off' | 'on') => {
      const host = which === 'on' ? 'api.anthropic.com' : PLAIN_HOST;
      const c0 = cpuMsOf(pid);
      const t0 = performance.now();
      let done = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (performance.now() - t0 < DURATION) {
            bytes = (await stream(port, host, session.key, EVENTS)).bytes;
            done++;
          }
        }),
      );
      const secs = (performance.now() - t0) / 1000;
      rate[which].push(done / secs);
      cpu[which].push((cpuMsOf(pid) - c0) / done);
    };
    for (let r = 0; r < (DURATION > 0 ? ROUNDS : 0); r++) {
      // Alternate which goes first, so neither always runs on a warmer machine.
      for (const which of r % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const)) if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === which) await round(which);
      process.stderr.write(`bench: round ${r + 1}/${ROUNDS} off ${rate.off.at(-1)?.toFixed(0)} streams/s, on ${rate.on.at(-1)?.toFixed(0)} streams/s, cork RSS ${((memoryOf(pid!)?.rssKb ?? 0) / 1024).toFixed(0)} MB\n`);
    }
    const off = median(rate.off);
    const on = median(rate.on);
    const perRound = rate.on.map((x, i) => x / rate.off[i]!);

    // One stream at a time, as an agent streams a reply: the time each stream
    // takes, client-side. Short blocks each way, alternating, so the drift of
    // a noisy machine falls on both sides alike; a block is long enough that
    // the ledger commits of metered streams land in the metered blocks.
    // The clients' own major GCs over this part, reported with it: the instrument's noise, in the open.
    let clientMajorGcs = 0;
    const gcs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if ((e as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) clientMajorGcs++;
    });
    gcs.observe({ entryTypes: ['gc'] });
    const times: Record<'off' | 'on', number[]> = { off: [], on: [] };
    const seqCpu: Record<'off' | 'on', number[]> = { off: [], on: [] };
    const seqMain: Record<'off' | 'on', number[]> = { off: [], on: [] };
    const seqRatios: number[] = [];
    for (let r = 0; r < SEQ_ROUNDS; r++) {
      const mine: Record<'off' | 'on', number[]> = { off: [], on: [] };
      const cpu = { off: { all: 0, main: 0 }, on: { all: 0, main: 0 } };
      for (let b = 0; b < BLOCKS; b++) {
        for (const which of (r + b) % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
          if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== which) continue;
          const c0 = threadCpuMsOf(pid);
          for (let i = 0; i < SEQUENTIAL; i++) {
            const s = await stream(port, which === 'on' ? 'api.anthropic.com' : PLAIN_HOST, session.key, EVENTS);
            mine[which].push(s.ms);
            bytes = s.bytes;
          }
          const c1 = threadCpuMsOf(pid);
          cpu[which].all += c1.main + c1.others - c0.main - c0.others;
          cpu[which].main += c1.main - c0.main;
        }
      }
      for (const which of ['off', 'on'] as const) {
        if (mine[which].length === 0) mine[which].push(NaN);
        times[which].push(...mine[which]);
        seqCpu[which].push(cpu[which].all / mine[which].length);
        seqMain[which].push(cpu[which].main / mine[which].length);
      }
      seqRatios.push(median(mine.off) / median(mine.on));
      process.stderr.write(`bench: sequential round ${r + 1}/${SEQ_ROUNDS} off ${median(mine.off).toFixed(2)} ms (CPU ${seqCpu.off.at(-1)?.toFixed(2)} ms, main thread ${seqMain.off.at(-1)?.toFixed(2)}), on ${median(mine.on).toFixed(2)} ms (CPU ${seqCpu.on.at(-1)?.toFixed(2)} ms, main thread ${seqMain.on.at(-1)?.toFixed(2)})\n`);
    }
    gcs.disconnect();
    const seqOff = median(times.off);
    const seqOn = median(times.on);

    // Memory over one long metered stream: sampled while it runs.
    const rss: number[] = [];
    const sample = () => {
      const m = memoryOf(pid!);
      if (m) rss.push(m.rssKb);
    };
    sample();
    const before = rss[0]!;
    const timer = setInterval(sample, 50);
    const long = await stream(port, 'api.anthropic.com', session.key, LONG_EVENTS, 2);
    clearInterval(timer);
    sample();
    const usage = await callControl<Array<{ budgets: Array<{ used: number }> }>>(stateDir, 'GET', `/v1/usage?session=${session.id}`);
    const tenth = Math.max(1, Math.floor(rss.length / 10));
    const early = median(rss.slice(0, tenth));
    const late = median(rss.slice(-tenth));

    const lines: string[] = [];
    const say = (s = '') => lines.push(s);
    say(`\ncork metering benchmark — one Anthropic event stream of ${EVENTS} content deltas (${(bytes / 1024).toFixed(0)} KiB) through the gateway: metered provider route vs an unmetered route of the same runtime to the same upstream`);
    say(`interleaved rounds after ${WARMUP} warm-up streams each way, medians; ${env}\n`);
    say(`One stream at a time (${SEQ_ROUNDS} rounds × ${BLOCKS} alternating blocks of ${SEQUENTIAL} streams each way), client-side time per stream:\n`);
    say('| stream | median ms | throughput | cork CPU ms/stream: all threads | main thread | ratio |');
    say('|---|---:|---:|---:|---:|---:|');
    say(`| metering off | ${seqOff.toFixed(2)} | ${(bytes / 1024 / 1024 / (seqOff / 1000)).toFixed(1)} MiB/s | ${median(seqCpu.off).toFixed(2)} | ${median(seqMain.off).toFixed(2)} | 1.00× |`);
    say(`| metering on | ${seqOn.toFixed(2)} | ${(bytes / 1024 / 1024 / (seqOn / 1000)).toFixed(1)} MiB/s | ${median(seqCpu.on).toFixed(2)} | ${median(seqMain.on).toFixed(2)} | ${ratio(seqOff / seqOn)} |`);
    say(`\nper-round ratios: ${seqRatios.map((x) => x.toFixed(2)).join(' ')} (median ${ratio(median(seqRatios))})`);
    say(`major GCs in the benchmark's own process (the clients) during this part: ${clientMajorGcs}`);
    if (DURATION > 0) {
      say(`\nSaturated (${CLIENTS} streams at a time for ${DURATION / 1000} s each way, ${ROUNDS} rounds): what metering costs in CPU when the machine has none to spare\n`);
      say('| stream | streams/s | cork CPU ms/stream (all threads) | ratio |');
      say('|---|---:|---:|---:|');
      say(`| metering off | ${off.toFixed(0)} | ${median(cpu.off).toFixed(2)} | 1.00× |`);
      say(`| metering on | ${on.toFixed(0)} | ${median(cpu.on).toFixed(2)} | ${ratio(on / off)} |`);
      say(`\nper-round ratios: ${perRound.map((x) => x.toFixed(2)).join(' ')}`);
    }
    say(`\nmemory over one metered ${LONG_EVENTS.toLocaleString('en-US')}-event stream (${(long.bytes / 1024 / 1024).toFixed(1)} MiB, ${(long.ms / 1000).toFixed(1)} s): cork RSS ${(before / 1024).toFixed(0)} MB before, ${(early / 1024).toFixed(0)} MB over the first tenth, ${(late / 1024).toFixed(0)} MB over the last tenth, peak ${(Math.max(...rss) / 1024).toFixed(0)} MB (${rss.length} samples)`);
    say(`tokens metered in the session: ${usage[0]?.budgets[0]?.used ?? 'n/a'}`);
    say('\ntarget:');
    say(`- one stream, metering on ≥ 0.95× metering off: ${seqOff / seqOn >= 0.95 ? 'met' : 'MISSED'} (${ratio(seqOff / seqOn)})`);
    say(`- memory flat over the long stream (last tenth within 10 MB of the first): ${late - early <= 10 * 1024 ? 'met' : 'MISSED'} (${((late - early) / 1024).toFixed(1)} MB)`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const c of started.reverse()) await stopChild(c);
  }
}

await main();
