// npm run bench:dlp — throughput of the outbound DLP scan: the combined
// dlp.token_patterns + dlp.known_secrets pass (every credential pattern, 20
// known secrets × every encoded variant) over 1 MiB of clean text and 1 MiB
// of text dense with pattern keywords, next to a naive baseline measured in
// the same run: a loop of separate global regexes, one per pattern and one
// per secret variant. Median of BENCH_RUNS runs (default 9) after warm-up.
//
// The code measured is what the runtime runs: the scanner and the built-in
// plugins bundled by esbuild (as the compiler bundles plugins), not the
// TypeScript sources through tsx, whose keepNames wrappers cost on every
// closure made per scan.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import type { PluginHooks, RequestView } from '../plugins/sdk.ts';
import { fakeGithubToken } from '../test/helpers/fake-secrets.ts';

type Built = typeof import('../plugins/scan/scanner.ts') &
  typeof import('../plugins/scan/known-secrets-scan.ts') &
  typeof import('../plugins/scan/token-scan.ts') &
  typeof import('../plugins/scan/bytes.ts') &
  Pick<typeof import('../policy/token-patterns.ts'), 'DLP_TOKEN_PATTERNS' | 'isPlaceholder'> & {
    tokenPatternsPlugin: (typeof import('../plugins/builtin/token-patterns.ts'))['default'];
    knownSecretsPlugin: (typeof import('../plugins/builtin/known-secrets.ts'))['default'];
    injectionPlugin: (typeof import('../plugins/builtin/injection.ts'))['default'];
  };

async function loadBuilt(): Promise<Built> {
  const root = join(import.meta.dirname, '..');
  const out = buildSync({
    stdin: {
      contents: [
        "export { DlpScanner } from './plugins/scan/scanner.ts';",
        "export { KnownSecretsPart } from './plugins/scan/known-secrets-scan.ts';",
        "export { tokenPatternPart } from './plugins/scan/token-scan.ts';",
        "export { byteString } from './plugins/scan/bytes.ts';",
        "export { DLP_TOKEN_PATTERNS, isPlaceholder } from './policy/token-patterns.ts';",
        "export { default as tokenPatternsPlugin } from './plugins/builtin/token-patterns.ts';",
        "export { default as knownSecretsPlugin } from './plugins/builtin/known-secrets.ts';",
        "export { default as injectionPlugin } from './plugins/builtin/injection.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  const dir = mkdtempSync(join(tmpdir(), 'cork-bench-dlp-'));
  try {
    const file = join(dir, 'dlp.mjs');
    writeFileSync(file, out.outputFiles[0]!.text);
    return (await import(pathToFileURL(file).href)) as Built;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { DLP_TOKEN_PATTERNS, isPlaceholder, knownSecretsPlugin, tokenPatternsPlugin, injectionPlugin, byteString, KnownSecretsPart, DlpScanner, tokenPatternPart } = await loadBuilt();

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const MiB = 1 << 20;

// Deterministic text: a small LCG, so every run scans the same bytes.
let seed = 0x2545f491;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomString = (n: number, alphabet = ALNUM) => Array.from({ length: n }, () => pick([...alphabet])).join('');

const WORDS = (
  'the of and to in is that for it as was with be by on not this are or from at which but have an they you were there would their we ' +
  'been has when who will more no if out so said what up its about into than them can only other new some could time these two may then ' +
  'first any like over even most made after also did many before must through back years where much way well down should because each ' +
  'just those people how too little state good very make world still own see work long get here between both life being under never day ' +
  'same another know while last might great old year off come since against go came right used take three function return const value ' +
  'request response server client error message model tokens stream content user assistant build test deploy config cache queue retry ' +
  'ask task risk disk desk update upload download file path query header body json text data result status'
).split(' ');

function prose(n: number): string {
  let s = '';
  while (s.length < n) s += pick(WORDS) + (rand() < 0.08 ? '.\n' : rand() < 0.1 ? ', ' : ' ');
  return s;
}

/** Clean traffic: a chat-completions style JSON request carrying prose, code and links, no credential. */
function cleanText(size: number): string {
  const parts: string[] = [];
  let n = 0;
  while (n < size) {
    const r = rand();
    const piece =
      r < 0.55
        ? JSON.stringify({ role: pick(['user', 'assistant']), content: prose(300 + Math.floor(rand() * 600)) }) + ',\n'
        : r < 0.8
          ? `function ${pick(WORDS)}_${pick(WORDS)}(input) {\n  const ${pick(WORDS)} = input.${pick(WORDS)} ?? ${Math.floor(rand() * 1000)};\n  return fetch("https://api.example.com/v1/${pick(WORDS)}?limit=${Math.floor(rand() * 100)}", { method: "POST", body: JSON.stringify({ ${pick(WORDS)}: ${pick(WORDS)} }) });\n}\n`
          : `{"model":"claude-x","max_tokens":${Math.floor(rand() * 4096)},"temperature":0.${Math.floor(rand() * 9)},"id":"${randomString(24, 'abcdef0123456789')}","stream":true}\n`;
    parts.push(piece);
    n += piece.length;
  }
  return parts.join('').slice(0, size);
}

/** Keyword-dense traffic: a pattern keyword or near miss every few dozen bytes, a real (fake) credential or encoded secret now and then. */
function denseText(size: number, plants: readonly string[]): string {
  const near = [
    () => `ghp_${randomString(12)}`,
    () => `sk-${pick(WORDS)}-${pick(WORDS)}`,
    () => `AKIA${randomString(6).toLowerCase()}`,
    () => `password=${pick(['changeme', '${DB_PASSWORD}', 'xxxxxxxx', pick(WORDS)])}`,
    () => `token: <your-token>`,
    () => `"max_tokens": ${Math.floor(rand() * 4096)}`,
    () => `eyJ${randomString(10)}.${randomString(6)}`,
    () => `xoxb-${randomString(4)}`,
    () => `https://${pick(WORDS)}.example.com/${pick(WORDS)}`,
    () => `api_key=${'${API_KEY}'}`,
    () => `-----BEGIN PUBLIC KEY-----`,
    () => `secret: ${pick(WORDS)}`,
    () => `npm_${randomString(8)}`,
    () => `hf_${randomString(8)}`,
    () => `SK${randomString(8, '0123456789abcdef')}`,
    () => `glpat-${randomString(8)}`,
    () => `AIza${randomString(10)}`,
    () => `sk_live_${randomString(6)}`,
  ];
  const parts: string[] = [];
  let n = 0;
  let nextPlant = 4096;
  let plantIndex = 0;
  while (n < size) {
    let piece = `${prose(10 + Math.floor(rand() * 30))}${pick(near)()} `;
    if (n >= nextPlant) {
      piece += ` ${plants[plantIndex++ % plants.length]} `;
      nextPlant += 4096;
    }
    parts.push(piece);
    n += piece.length;
  }
  return parts.join('').slice(0, size);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function timeMs(fn: () => unknown): number {
  return time(fn).wall;
}

/** Wall time and process CPU time, in ms. CPU time leaves out waiting for a core on a busy machine. */
function time(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

// --- the workload -----------------------------------------------------------

const secrets = Array.from({ length: 20 }, (_, i) => `FAKE${i}-${randomString(28)}/${randomString(8)}+${randomString(4)}`);
const b64 = (s: string, pad = '') => Buffer.from(pad + s).toString('base64');
const plants = [
  ...secrets.slice(0, 4).map((s) => b64(s, 'x')),
  Buffer.from(secrets[5]!).toString('hex'),
  encodeURIComponent(secrets[6]!),
  secrets[7]!.split('').join(' '),
  fakeGithubToken(),
  `AKIAFAKE${'2'.repeat(12)}`,
  `sk-ant-api03-FAKE${'0'.repeat(80)}`,
  `xoxb-${'0'.repeat(12)}-${'0'.repeat(13)}-FAKE${'0'.repeat(20)}`,
  'DB_PASSWORD=Fake-0123-pass!',
];
const clean = new TextEncoder().encode(cleanText(MiB));
const dense = new TextEncoder().encode(denseText(MiB, plants));

const tokenPart = tokenPatternPart();
const secretPart = new KnownSecretsPart(secrets);
const combined = new DlpScanner([tokenPart, secretPart]);

// The naive baseline: one global regex per pattern and per secret variant, each over the whole text.
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const naiveRegexes: Array<{ re: RegExp; accept: (s: string) => boolean }> = [
  ...DLP_TOKEN_PATTERNS.map((p) => ({ re: new RegExp(p.regex.source, p.regex.flags), accept: (s: string) => !isPlaceholder(s) && (!p.check || p.check(s)) })),
  ...secretPart.variants.map((v) => ({ re: new RegExp(escape(byteString(v.bytes)), v.foldCase ? 'gi' : 'g'), accept: () => true })),
  ...secretPart.projections.map((v) => ({ re: new RegExp([...byteString(v.bytes)].join('[^A-Za-z0-9]{0,4}'), 'gi'), accept: () => true })),
];
function naive(bytes: Uint8Array): number {
  const text = byteString(bytes);
  let found = 0;
  for (const { re, accept } of naiveRegexes) {
    for (const m of text.matchAll(re)) if (accept(m[1] ?? m[0])) found++;
  }
  return found;
}

function request(body: Uint8Array): RequestView {
  return { method: 'POST', scheme: 'https', host: 'api.example.com', path: '/v1/messages', query: '', headers: [['content-type', 'application/json']], body, route: 'bench', session: 's', agent: 'a' };
}

const tokenHooks: PluginHooks = await tokenPatternsPlugin.setup({}, { secrets: [] });
const secretHooks: PluginHooks = await knownSecretsPlugin.setup({}, { secrets });
const injectionHooks: PluginHooks = await injectionPlugin.setup({}, { secrets: [] });
const plugins = (body: Uint8Array) => {
  const req = request(body);
  tokenHooks.onRequest!(req);
  secretHooks.onRequest!(req);
};
const injection = (data: Uint8Array) =>
  injectionHooks.onResponseChunk!({ status: 200, headers: [], data, overlap: 0, position: 0, final: true, route: 'bench', session: 's' });

// Same findings, or the comparison means nothing.
const fast = combined.scan(dense).length;
const slow = naive(dense);
if (combined.scan(clean).length !== 0) throw new Error('clean text has findings');

interface Row {
  label: string;
  text: 'clean' | 'dense';
  fn: (b: Uint8Array) => unknown;
}
const rows: Row[] = [
  { label: 'combined pass (token_patterns + known_secrets)', text: 'clean', fn: (b) => combined.scan(b) },
  { label: 'naive: loop of separate global regexes', text: 'clean', fn: naive },
  { label: 'combined pass (token_patterns + known_secrets)', text: 'dense', fn: (b) => combined.scan(b) },
  { label: 'naive: loop of separate global regexes', text: 'dense', fn: naive },
  { label: 'both plugins\' onRequest, 1 MiB body', text: 'clean', fn: plugins },
  { label: 'both plugins\' onRequest, 1 MiB body', text: 'dense', fn: plugins },
  { label: 'dlp.injection onResponseChunk', text: 'clean', fn: injection },
];
const input = (r: Row) => (r.text === 'clean' ? clean : dense);
for (const r of rows) for (let i = 0; i < 3; i++) r.fn(input(r)); // warm-up: let the JIT settle
const samples = rows.map(() => [] as Array<{ wall: number; cpu: number }>);
// Interleaved, so machine noise hits every row alike.
for (let run = 0; run < RUNS; run++) rows.forEach((r, i) => samples[i]!.push(time(() => r.fn(input(r)))));
const mbps = samples.map((s) => 1 / (median(s.map((x) => x.wall)) / 1000));
const cpuMbps = samples.map((s) => 1 / (median(s.map((x) => x.cpu)) / 1000));

const cell = (x: number) => x.toFixed(0).padStart(6);
console.log(`\ncork DLP scan benchmark — median of ${RUNS} runs, 1 MiB each (node ${process.version}, ${process.arch}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)})`);
console.log(`patterns: ${DLP_TOKEN_PATTERNS.length} credential patterns; known secrets: ${secrets.length} × ${secretPart.variants.length / secrets.length} literal variants + alnum projection (${secretPart.variants.length + secretPart.projections.length} in all)`);
console.log(`dense text: ${fast} findings by the combined pass, ${slow} by the naive loop\n`);
console.log('| workload | text | MB/s (wall) | MB/s (CPU) | vs naive |');
console.log('|---|---|---:|---:|---:|');
rows.forEach((r, i) => {
  const baseline = rows.findIndex((b) => b.fn === naive && b.text === r.text);
  const ratio = r.fn === naive ? '1.0×' : `${(mbps[i]! / mbps[baseline]!).toFixed(1)}×`;
  console.log(`| ${r.label} | ${r.text} | ${cell(mbps[i]!)} | ${cell(cpuMbps[i]!)} | ${ratio} |`);
});
// The other end of the scale: a typical model API call, where per-location overhead matters more than bytes.
const apiBody = new TextEncoder().encode(JSON.stringify({ model: 'claude-x', max_tokens: 1024, messages: [{ role: 'user', content: prose(1800) }] }));
const apiRequest: RequestView = {
  ...request(apiBody),
  query: 'beta=true',
  headers: [
    ['content-type', 'application/json'], ['accept', 'application/json'], ['user-agent', 'agent-cli/1.0 (external, cli)'], ['anthropic-version', '2023-06-01'],
    ['x-stainless-lang', 'js'], ['x-stainless-os', 'Linux'], ['x-stainless-arch', 'x64'], ['x-stainless-runtime', 'node'], ['x-stainless-runtime-version', 'v20.0.0'],
    ['x-stainless-package-version', '0.50.0'], ['x-stainless-retry-count', '0'], ['accept-encoding', 'gzip, deflate'], ['content-length', String(apiBody.length)], ['connection', 'keep-alive'],
  ],
};
const perRequest = () => {
  tokenHooks.onRequest!(apiRequest);
  secretHooks.onRequest!(apiRequest);
};
for (let i = 0; i < 2000; i++) perRequest();
const requestUs = median(Array.from({ length: RUNS }, () => timeMs(() => { for (let i = 0; i < 1000; i++) perRequest(); }))); // ms per 1000 = µs each
console.log(`\nboth plugins' onRequest on a typical API request (14 headers, ${apiBody.length}-byte JSON body): ${requestUs.toFixed(1)} µs each`);

const ru = process.resourceUsage();
console.log(`\npeak RSS ${(ru.maxRSS / 1024).toFixed(0)} MiB (whole bench process: texts, baseline and scanners); automata of the combined pass: ${combined.stats.states} states for ${combined.stats.literals} literals, ${(combined.stats.tableBytes / 1024).toFixed(0)} KiB of tables`);
const cleanRatio = mbps[0]! / mbps[1]!;
const denseRatio = mbps[2]! / mbps[3]!;
const targets = [
  [`clean ≥ 200 MB/s (wall)`, mbps[0]! >= 200],
  [`clean ≥ 8× naive`, cleanRatio >= 8],
  [`dense ≥ 8× naive`, denseRatio >= 8],
] as const;
console.log(`targets: ${targets.map(([t, ok]) => `${t} ${ok ? 'met' : 'MISSED'}`).join('; ')}`);

