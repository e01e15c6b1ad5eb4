// Property test of the check pipeline on hostile input: (a) random mutations
// of the example repo's files, (b) random frontmatter built from the format's
// keys, junk keys, odd values and nesting. Whatever the input, checkRepo
// returns (never throws), every diagnostic is well formed and points inside
// its file, the verdict is stable, a clean result compiles to a bundle that
// fits the bundle schema, and no single input takes long.
//
// Deterministic: a seeded PRNG drives everything, each iteration from its own
// derived seed. The seed is printed on failure; rerun one with
// CORK_FUZZ_SEED=<seed> [CORK_FUZZ_ONLY=<iteration>].
//
// The cases run in a worker thread so that a hang (an infinite loop is
// synchronous: no timer in the same thread could fire) is caught: the test
// terminates the worker and fails with the iteration that hung.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { checkRepo, compileRepo } from '../compiler/compile.ts';
import type { Diagnostic } from '../compiler/diagnostics.ts';
import { RULES } from '../compiler/rule-ids.ts';
import { validateBundleShape } from '../compiler/validate.ts';
import { serializeBundle } from '../policy/bundle-digest.ts';
import { FAKE } from './helpers/fake-secrets.ts';

const DEFAULT_SEED = 0xc0ffee;
const MUTATION_CASES = 220;
const GENERATED_CASES = 220;
/** One checkRepo call must finish within this (generous: CI machines are slow and shared). */
const PER_CASE_MS = 2000;
/** A case still running after this is a hang: the worker is terminated. */
const HANG_MS = 8000;
/** Marks multi-line messages, checked by their own test at the end. */
const MULTI_LINE = 'message spans lines (breaks the one-per-line text format)';

interface Job {
  seed: number;
  only?: number;
}

type Report =
  | { type: 'start'; i: number; what: string }
  /** `ms`: the checkRepo call alone. */
  | { type: 'done'; i: number; ms: number; problems: string[] }
  | { type: 'end'; cases: number; diagnostics: number; clean: number; ms: number; reached: Record<string, number> };

// ---------------------------------------------------------------------------
// The main thread: start the worker, watch it, collect its reports.

function runWorker(job: Job, failures: string[]): Promise<Extract<Report, { type: 'end' }> | undefined> {
  // The worker loads this same file; tsx's hooks are per thread, so register them first.
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(code, { eval: true, workerData: job });
  let current: { i: number; what: string; since: number } | undefined;
  let end: Extract<Report, { type: 'end' }> | undefined;
  return new Promise((resolve) => {
    const watchdog = setInterval(() => {
      if (current && Date.now() - current.since > HANG_MS) {
        failures.push(`seed ${job.seed} iteration ${current.i} (${current.what}): still running after ${HANG_MS} ms, worker terminated`);
        current = undefined;
        void worker.terminate();
      }
    }, 200);
    worker.on('message', (m: Report) => {
      if (m.type === 'start') current = { i: m.i, what: m.what, since: Date.now() };
      else if (m.type === 'done') {
        const what = current?.what ?? '?';
        current = undefined;
        for (const p of m.problems) failures.push(`seed ${job.seed} iteration ${m.i} (${what}): ${p}`);
        if (m.ms > PER_CASE_MS) failures.push(`seed ${job.seed} iteration ${m.i} (${what}): took ${m.ms} ms (bound ${PER_CASE_MS} ms)`);
      } else end = m;
    });
    worker.on('error', (e) => failures.push(`seed ${job.seed}: worker error ${e.stack ?? e.message}`));
    worker.on('exit', () => {
      clearInterval(watchdog);
      resolve(end);
    });
  });
}

// ---------------------------------------------------------------------------
// The worker: make each input, check it, report.

function fuzz(job: Job): void {
  const post = (r: Report) => parentPort!.postMessage(r);
  const example = readExample();
  const started = Date.now();
  let cases = 0;
  let diagnostics = 0;
  let clean = 0;
  /** Cases with at least one diagnostic of each rule id: shows which stages the inputs reach. */
  const reached: Record<string, number> = {};
  const total = MUTATION_CASES + GENERATED_CASES;
  const base = mkdtempSync(join(tmpdir(), 'cork-fuzz-'));
  try {
    for (let i = 0; i < total; i++) {
      if (job.only !== undefined && i !== job.only) continue;
      const rng = prng(deriveSeed(job.seed, i));
      const input = i < MUTATION_CASES ? mutateExample(rng, example) : generateRepo(rng);
      post({ type: 'start', i, what: input.what });
      const root = join(base, String(i));
      writeInput(root, input.files);
      let problems: string[];
      let diags: Diagnostic[] = [];
      let ms = 0;
      try {
        const t0 = performance.now();
        const result = checkRepo(root);
        ms = Math.round(performance.now() - t0);
        diags = result.diagnostics;
        problems = checkResult(input.files, result.diagnostics, result.ok);
        if (i % 8 === 0) {
          const again = checkRepo(root).diagnostics;
          if (JSON.stringify(again) !== JSON.stringify(diags)) problems.push('a second checkRepo on the same input gave different diagnostics');
        }
        if (result.ok) problems.push(...checkCompiles(root));
      } catch (e) {
        problems = [`checkRepo threw: ${(e as Error)?.stack ?? String(e)}`];
      }
      post({ type: 'done', i, ms, problems });
      cases++;
      diagnostics += diags.length;
      if (diags.length === 0) clean++;
      for (const id of new Set(diags.map((d) => d.ruleId))) reached[id] = (reached[id] ?? 0) + 1;
      rmSync(root, { recursive: true, force: true });
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  post({ type: 'end', cases, diagnostics, clean, ms: Date.now() - started, reached });
}

/** What every diagnostic must be, whatever the input. */
function checkResult(files: Map<string, Uint8Array>, diags: readonly Diagnostic[], ok: boolean): string[] {
  const problems: string[] = [];
  for (const d of diags) {
    const text = `${d.file}:${d.line}:${d.column} ${d.ruleId} ${JSON.stringify(d.message)}`;
    if (typeof d.file !== 'string' || (d.file !== '.bot-bottle' && !d.file.startsWith('.bot-bottle/'))) problems.push(`bad file: ${text}`);
    if (!Number.isInteger(d.line) || d.line < 1) problems.push(`bad line: ${text}`);
    if (!Number.isInteger(d.column) || d.column < 1) problems.push(`bad column: ${text}`);
    if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`bad severity ${String(d.severity)}: ${text}`);
    if (!Object.hasOwn(RULES, d.ruleId)) problems.push(`unknown rule id: ${text}`);
    if (typeof d.message !== 'string' || d.message.trim() === '') problems.push(`empty message: ${text}`);
    else if (/[\r\n\u2028\u2029]/.test(d.message)) problems.push(`${MULTI_LINE}: ${text}`);
    // The position is inside the file as an editor shows it (BOM not counted).
    const bytes = files.get(d.file.replace(/^\.bot-bottle\//, ''));
    if (bytes && d.ruleId !== 'file/invalid-utf8') {
      const lines = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '').split('\n');
      const line = lines[d.line - 1];
      if (line === undefined) problems.push(`line past the end of the file (${lines.length} lines): ${text}`);
      else if (d.column > line.length + 1) problems.push(`column past the end of line ${d.line} (${line.length} characters): ${text}`);
    }
  }
  const hasError = diags.some((d) => d.severity === 'error');
  if (ok === hasError) problems.push(`ok is ${ok} but the diagnostics ${hasError ? 'include' : 'have no'} errors`);
  return problems;
}

function checkCompiles(root: string): string[] {
  const { bundle } = compileRepo(root, { revision: 'fuzz' });
  if (!bundle) return ['checkRepo said ok but compileRepo made no bundle'];
  try {
    const shape = validateBundleShape(JSON.parse(serializeBundle(bundle)));
    return shape.map((p) => `the bundle of a clean repo does not fit the bundle schema: ${p}`);
  } catch (e) {
    return [`the bundle of a clean repo cannot be serialized: ${(e as Error).message}`];
  }
}

// ---------------------------------------------------------------------------
// Randomness

type Rng = () => number;

/** mulberry32: small, fast, and the same on every machine. */
function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deriveSeed(seed: number, i: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

// ---------------------------------------------------------------------------
// (a) Mutations of the example repo

interface Input {
  what: string;
  /** Path under .bot-bottle/ → bytes. */
  files: Map<string, Uint8Array>;
}

function readExample(): Map<string, string> {
  const root = fileURLToPath(new URL('../fixtures/policies/example/.bot-bottle/', import.meta.url));
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else out.set(relative(root, join(dir, e.name)).split('\\').join('/'), readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk(root);
  return out;
}

const YAML_CHARS = [':', '-', ' ', '  ', '\n', '\t', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', "'", '"', '#', '%', '@', '`', '?', '<<', '---', '...', 'a', 'Z', '0', '9', '.', '/', '\\', '$', '^', '(', ')', '+'];
const UNICODE = ['é', 'ß', 'Ü', '日本語', '🎉', '👩‍💻', '\u0301', '\u200b', '\ufeff', '\u0000', '\u2028', '\u202e', '\ud800', '\udfff', '\r', '\u00a0', '𝔘', 'שלום'];
const INDENTS = ['', ' ', '  ', '   ', '    ', '\t', '  \t', '        '];

type Op = (rng: Rng, text: string, others: readonly string[]) => string;

const OPS: Record<string, Op> = {
  deleteChars: (rng, s) => {
    const at = int(rng, s.length + 1);
    return s.slice(0, at) + s.slice(at + 1 + int(rng, 8));
  },
  insertChars: (rng, s) => {
    const at = int(rng, s.length + 1);
    let ins = '';
    for (let n = 1 + int(rng, 4); n > 0; n--) ins += pick(rng, YAML_CHARS);
    return s.slice(0, at) + ins + s.slice(at);
  },
  duplicateLine: (rng, s) => {
    const lines = s.split('\n');
    const at = int(rng, lines.length);
    lines.splice(at, 0, lines[at]!);
    return lines.join('\n');
  },
  deleteLine: (rng, s) => {
    const lines = s.split('\n');
    lines.splice(int(rng, lines.length), 1);
    return lines.join('\n');
  },
  swapLines: (rng, s) => {
    const lines = s.split('\n');
    const at = int(rng, Math.max(1, lines.length - 1));
    [lines[at], lines[at + 1]] = [lines[at + 1] ?? '', lines[at]!];
    return lines.join('\n');
  },
  reindent: (rng, s) => {
    const lines = s.split('\n');
    const at = int(rng, lines.length);
    lines[at] = pick(rng, INDENTS) + lines[at]!.trimStart();
    return lines.join('\n');
  },
  anchor: (rng, s) => {
    const lines = s.split('\n');
    const at = int(rng, lines.length);
    lines[at] = lines[at]!.replace(/: /, pick(rng, [': &a ', ': &b ', ': !!str ', ': !!map ', ': !custom ']));
    return lines.join('\n');
  },
  alias: (rng, s) => {
    const lines = s.split('\n');
    const at = int(rng, lines.length);
    const indent = /^\s*/.exec(lines[at]!)![0];
    lines[at] = pick(rng, [
      lines[at]!.replace(/: .*/, ': *a'),
      `${indent}<<: *a`,
      `${indent}x: [*a, *a, *a, *a, *a, *a, *a, *a]`,
      `${indent}- *a`,
      lines[at]!.replace(/: .*/, ': *nothing'),
    ]);
    return lines.join('\n');
  },
  unicode: (rng, s) => {
    const at = int(rng, s.length + 1);
    return s.slice(0, at) + pick(rng, UNICODE) + s.slice(at);
  },
  truncate: (rng, s) => s.slice(0, int(rng, s.length + 1)),
  crlf: (_rng, s) => s.replace(/\r?\n/g, '\r\n'),
  dropFence: (rng, s) => {
    const lines = s.split('\n');
    const fences = lines.flatMap((l, i) => (l === '---' ? [i] : []));
    if (fences.length) lines.splice(pick(rng, fences), 1);
    return lines.join('\n');
  },
  borrowLine: (rng, s, others) => {
    const lines = s.split('\n');
    const from = pick(rng, others).split('\n');
    lines.splice(int(rng, lines.length + 1), 0, pick(rng, from));
    return lines.join('\n');
  },
  secret: (rng, s) => {
    const lines = s.split('\n');
    lines.splice(int(rng, lines.length + 1), 0, pick(rng, [`  X_KEY: ${pick(rng, Object.values(FAKE))}`, `Use ${pick(rng, Object.values(FAKE))} here.`]));
    return lines.join('\n');
  },
};
const OP_NAMES = Object.keys(OPS);

function mutateExample(rng: Rng, example: Map<string, string>): Input {
  const texts = new Map(example);
  const names = [...texts.keys()];
  const notes: string[] = [];
  const raw = new Map<string, Uint8Array>();
  for (let f = 1 + int(rng, 3); f > 0; f--) {
    const name = pick(rng, names);
    if (!texts.has(name)) continue;
    if (chance(rng, 0.04)) {
      texts.delete(name);
      notes.push(`delete ${name}`);
      continue;
    }
    let text = texts.get(name)!;
    const ops: string[] = [];
    for (let n = 1 + int(rng, 4); n > 0; n--) {
      const op = pick(rng, OP_NAMES);
      ops.push(op);
      text = OPS[op]!(rng, text, [...texts.values()]);
    }
    texts.set(name, text);
    if (chance(rng, 0.04)) {
      // Raw bytes the string cannot hold: a broken UTF-8 sequence.
      const bytes = Buffer.from(text, 'utf8');
      const at = int(rng, bytes.length + 1);
      raw.set(name, Buffer.concat([bytes.subarray(0, at), Buffer.from([pick(rng, [0xff, 0xc3, 0xe2, 0x80])]), bytes.subarray(at)]));
      ops.push('invalidUtf8');
    }
    notes.push(`${name}: ${ops.join(',')}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, text] of texts) files.set(name, raw.get(name) ?? Buffer.from(text, 'utf8'));
  if (chance(rng, 0.03)) {
    const name = pick(rng, [...files.keys()]);
    const bytes = files.get(name)!;
    files.delete(name);
    const renamed = name.replace(/[^/]+$/, (b) => pick(rng, [b.toUpperCase(), `_${b}`, b.replace('.md', '.MD'), b.replace('-', '_')]));
    files.set(renamed, bytes);
    notes.push(`rename ${name} → ${renamed}`);
  }
  return { what: `mutation [${notes.join('; ')}]`, files };
}

// ---------------------------------------------------------------------------
// (b) Random frontmatter

const BOTTLE_NAMES = ['a', 'b', 'base', 'web', 'ci'];
const AGENT_NAMES = ['x', 'helper', 'reviewer'];
const HOSTS = ['api.github.com', 'github.com', 'pypi.org', 'example.com', '10.0.0.7', '[fd00::1]', 'api.anthropic.com'];
const BAD_HOSTS = ['API.GitHub.com', 'https://x.y/', '', 'a..b', 'ünïcode.example', '*.example.com'];
const REGEXES = ['^/repos/[a-z]+$', '^/a/(b|c)/[0-9]{1,5}$', '^/v1/[^/]+$', '(?<n>x)\\k<n>', '^(?=a)a{2,}$'];
const BAD_REGEXES = ['^/(a+)+$', '(a|aa)*$', '/[a-z]+\\.json$', '^/x/.*.*$', '^/(unclosed$', '[z-a]', '\\', '*', ''];
const SCALARS: unknown[] = [
  '', ' ', 'x', 'GITHUB_TOKEN', 'github_token', 'Bearer', 'token', 'prefix', 'exact', 'regex', 'GET', 'post', 'block', 'redact', 'supervise', 'auto_approve',
  'freeze', 'kill', 'cutoff', 'claude', 'codex', '1d', '30m', '0h', 'dlp.token_patterns', './plugins/x.ts', '?prompt me', '/repos/', 'repos/',
  0, 1, 2, -1, 3.5, 1e21, 2 ** 53 + 1, true, false, null, 'null', '~', 'ü', '🎉', 'a'.repeat(300), '\t', 'a: b', '- x', '&a', '*a', '#',
];
const KEYS = [
  'extends', 'env', 'agent_provider', 'git-gate', 'egress', 'budget', 'approvals', 'plugins', 'rule_of_two', 'bottle', 'bottles', 'skills', 'name',
  'description', 'model', 'color', 'memory', 'tools', 'routes', 'host', 'auth', 'scheme', 'token_ref', 'matches', 'paths', 'methods', 'headers',
  'type', 'value', 'git', 'fetch', 'dlp', 'trusted', 'log', 'user', 'repos', 'url', 'key', 'host_key', 'email', 'template', 'auth_token', 'tokens',
  'window', 'cutoff', 'rules', 'match', 'action', 'default', 'ttl_seconds', 'use', 'options', 'waive', 'justification', 'supervise', 'pipelock',
  'role', 'path_allowlist', 'egres', 'Host', 'claude', 'codex', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '', 'ü', 'a b', '?',
];

function randomValue(rng: Rng, depth: number): unknown {
  const r = rng();
  if (depth <= 0 || r < 0.45) return pick(rng, SCALARS);
  if (r < 0.7) return Array.from({ length: int(rng, 4) }, () => randomValue(rng, depth - 1));
  const obj: Record<string, unknown> = {};
  for (let n = int(rng, 4); n > 0; n--) obj[pick(rng, KEYS)] = randomValue(rng, depth - 1);
  return obj;
}

/** Takes the well-formed value most of the time, random junk otherwise. */
function maybe<T>(rng: Rng, good: () => T, p = 0.04): unknown {
  return chance(rng, p) ? randomValue(rng, 2) : good();
}

/** Mostly one of `good`, sometimes one of `bad`: most generated repos should get past the schema. */
function mostly<T>(rng: Rng, good: readonly T[], bad: readonly T[], p = 0.05): T {
  return chance(rng, p) ? pick(rng, bad) : pick(rng, good);
}

function distinct<T>(rng: Rng, xs: readonly T[], max: number): T[] {
  return [...new Set(someOf(rng, xs, max))];
}

function someOf<T>(rng: Rng, xs: readonly T[], max: number): T[] {
  return Array.from({ length: int(rng, max + 1) }, () => pick(rng, xs));
}

function randomRoute(rng: Rng): Record<string, unknown> {
  const route: Record<string, unknown> = { host: maybe(rng, () => mostly(rng, HOSTS, BAD_HOSTS)) };
  if (chance(rng, 0.4)) route.auth = maybe(rng, () => (chance(rng, 0.8) ? { scheme: pick(rng, ['Bearer', 'token']), token_ref: pick(rng, ['GITHUB_TOKEN', 'API_TOKEN', FAKE['aws-access-key-id']!]) } : { scheme: 'Bearer' }));
  if (chance(rng, 0.7)) {
    route.matches = maybe(rng, () =>
      Array.from({ length: 1 + int(rng, 3) }, () => {
        const m: Record<string, unknown> = {};
        if (chance(rng, 0.7)) {
          m.paths = Array.from({ length: 1 + int(rng, 2) }, () => {
            const type = pick(rng, ['prefix', 'exact', 'regex']);
            return { type, value: type === 'regex' ? mostly(rng, REGEXES, BAD_REGEXES, 0.25) : mostly(rng, ['/a/', '/x', '/repos/acme/'], ['a', ''], 0.1) };
          });
        }
        if (chance(rng, 0.6)) m.methods = [...new Set([pick(rng, ['GET', 'HEAD', 'POST', 'delete']), ...distinct(rng, ['GET', 'HEAD', 'POST', 'delete'], 2)])].concat(chance(rng, 0.03) ? ['*'] : []);
        if (chance(rng, 0.2)) m.headers = [{ name: mostly(rng, ['accept', 'x-y'], ['bad name']), value: mostly(rng, REGEXES, BAD_REGEXES, 0.25), ...(chance(rng, 0.5) ? { type: 'regex' } : {}) }];
        if (Object.keys(m).length === 0 && chance(rng, 0.9)) m.methods = ['GET'];
        return m;
      }),
    );
  }
  if (chance(rng, 0.2)) route.git = { fetch: maybe(rng, () => chance(rng, 0.5)) };
  if (chance(rng, 0.2)) route.dlp = maybe(rng, () => (chance(rng, 0.3) ? false : { outbound_detectors: chance(rng, 0.5) ? false : ['dlp.token_patterns'], outbound_on_match: pick(rng, ['block', 'redact', 'supervise']) }));
  if (chance(rng, 0.3)) route.trusted = maybe(rng, () => chance(rng, 0.5));
  return route;
}

/** `names`: the bottles this repo has, so most references resolve. */
function randomBottle(rng: Rng, self: string, names: readonly string[]): Record<string, unknown> {
  const b: Record<string, unknown> = {};
  const others = names.filter((n) => n !== self);
  if (others.length && chance(rng, 0.5)) {
    b.extends = maybe(rng, () => (chance(rng, 0.5) ? mostly(rng, others, ['missing', self]) : [pick(rng, others), ...distinct(rng, others, 2)].filter((n, i, xs) => xs.indexOf(n) === i)));
  }
  if (chance(rng, 0.4)) b.env = maybe(rng, () => Object.fromEntries(distinct(rng, ['A', 'API_TOKEN', 'DB_PASSWORD', 'X'], 3).map((k) => [mostly(rng, [k], ['bad-name']), mostly(rng, ['1', '?ask', 'plain value'], [FAKE['aws-access-key-id']!, 'Fake-0123-pass!'], 0.1)])));
  if (chance(rng, 0.4)) b.agent_provider = maybe(rng, () => ({ template: pick(rng, ['claude', 'codex', 'pi', 'my.plugin']), auth_token: mostly(rng, ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY'], [FAKE['aws-access-key-id']!]) }));
  if (chance(rng, 0.3)) b['git-gate'] = maybe(rng, () => ({ user: { name: 'bot', email: mostly(rng, ['bot@example.com'], ['nope']) }, ...(chance(rng, 0.5) ? { repos: { app: { url: 'git@github.com:acme/app.git', key: 'APP_KEY' } } } : {}) }));
  if (chance(rng, 0.6)) b.egress = maybe(rng, () => ({ ...(chance(rng, 0.3) ? { log: mostly(rng, [0, 1, 2], [3]) } : {}), routes: Array.from({ length: int(rng, 4) }, () => randomRoute(rng)) }));
  if (chance(rng, 0.4)) b.budget = maybe(rng, () => ({ [pick(rng, ['claude', 'codex', 'pi'])]: chance(rng, 0.5) ? 1 + int(rng, 10000) : { tokens: 1 + int(rng, 10000), window: mostly(rng, ['1d', '12h', '30m', '2w'], ['1y', '0d']) }, ...(chance(rng, 0.3) ? { cutoff: mostly(rng, ['cutoff', 'freeze', 'kill'], ['pause']) } : {}) }));
  if (chance(rng, 0.25)) b.approvals = maybe(rng, () => ({ rules: [{ match: { category: pick(rng, ['egress', 'dlp', 'budget']) }, action: pick(rng, ['auto_approve', 'auto_reject', 'block']) }], default: 'block', ttl_seconds: mostly(rng, [1, 60], [0]) }));
  if (chance(rng, 0.2)) {
    b.plugins = maybe(rng, () => [
      {
        use: mostly(rng, ['dlp.token_patterns', 'dlp.known_secrets', 'dlp.injection', './plugins/x.ts'], ['nope', 'dlp.nope']),
        ...(chance(rng, 0.4) ? { options: chance(rng, 0.5) ? { threshold: pick(rng, [0.5, 2, 'high']), window: pick(rng, [10, 0]) } : randomValue(rng, 2) } : {}),
      },
    ]);
  }
  if (chance(rng, 0.2)) b.rule_of_two = maybe(rng, () => ({ waive: true, justification: pick(rng, ['', '  ', 'Reviewed in SEC-1.']) }));
  for (let n = chance(rng, 0.06) ? 1 + int(rng, 2) : 0; n > 0; n--) b[pick(rng, KEYS)] = randomValue(rng, 3);
  return b;
}

function randomAgent(rng: Rng, names: readonly string[]): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  const pool = names.length ? names : BOTTLE_NAMES;
  const r = rng();
  if (r < 0.5) a.bottle = maybe(rng, () => mostly(rng, pool, ['missing']));
  else if (r < 0.95) a.bottles = maybe(rng, () => [pick(rng, pool), ...distinct(rng, pool, 2)].filter((n, i, xs) => xs.indexOf(n) === i));
  if (chance(rng, 0.03)) a.bottle = pick(rng, pool);
  if (chance(rng, 0.3)) a.budget = maybe(rng, () => ({ claude: chance(rng, 0.5) ? 1 + int(rng, 100000) : { tokens: 1 + int(rng, 100000), window: '1d' } }));
  if (chance(rng, 0.3)) a.name = pick(rng, ['x', 'helper', 'someone else']);
  if (chance(rng, 0.2)) a.tools = maybe(rng, () => (chance(rng, 0.5) ? 'Read, Grep' : ['Read']));
  if (chance(rng, 0.2)) a['git-gate'] = maybe(rng, () => ({ user: { name: 'me' } }));
  for (let n = chance(rng, 0.06) ? 1 + int(rng, 2) : 0; n > 0; n--) a[pick(rng, KEYS)] = randomValue(rng, 3);
  return a;
}

function toYaml(rng: Rng, data: unknown): string {
  try {
    return stringify(data, {
      collectionStyle: pick(rng, ['any', 'block', 'flow'] as const),
      defaultStringType: pick(rng, ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'] as const),
      indent: pick(rng, [2, 2, 4]),
    });
  } catch {
    return String(data);
  }
}

function randomBody(rng: Rng): string {
  const parts = ['You are a helpful agent.', '# Heading', '---', '```yaml\na: b\n```', 'ünïcödé 🎉 שלום', ''];
  if (chance(rng, 0.15)) parts.push(`Token: ${pick(rng, Object.values(FAKE))}`);
  return someOf(rng, parts, 4).join('\n');
}

function generateRepo(rng: Rng): Input {
  const files = new Map<string, Uint8Array>();
  const kinds: string[] = [];
  const bottles = distinct(rng, BOTTLE_NAMES, 4);
  for (const name of bottles) {
    const data = chance(rng, 0.05) ? randomValue(rng, 4) : randomBottle(rng, name, bottles);
    files.set(`bottles/${name}.md`, Buffer.from(`---\n${toYaml(rng, data)}---\n${randomBody(rng)}\n`));
  }
  for (const name of someOf(rng, AGENT_NAMES, 3)) {
    const data = chance(rng, 0.05) ? randomValue(rng, 4) : randomAgent(rng, bottles);
    files.set(`agents/${name}.md`, Buffer.from(`---\n${toYaml(rng, data)}---\n${randomBody(rng)}\n`));
  }
  if (chance(rng, 0.1)) {
    // Apply a mutation on top: generated YAML is always well formed.
    const [name, bytes] = pick(rng, [...files.entries()].length ? [...files.entries()] : [['bottles/a.md', Buffer.from('')] as const]);
    const op = pick(rng, OP_NAMES);
    kinds.push(`${name}: ${op}`);
    files.set(name, Buffer.from(OPS[op]!(rng, Buffer.from(bytes).toString('utf8'), ['x: y'])));
  }
  return { what: `generated [${[...files.keys()].join(', ')}${kinds.length ? `; ${kinds.join(', ')}` : ''}]`, files };
}

function writeInput(root: string, files: Map<string, Uint8Array>): void {
  mkdirSync(join(root, '.bot-bottle'), { recursive: true });
  for (const [rel, bytes] of files) {
    const abs = join(root, '.bot-bottle', rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, bytes);
  }
}

// ---------------------------------------------------------------------------
// Last, so every const above is initialised when the worker starts fuzzing.
if (isMainThread) {
  test('checkRepo survives mutated and random policy repos', { timeout: 180_000 }, async (t) => {
    const seed = process.env.CORK_FUZZ_SEED ? Number(process.env.CORK_FUZZ_SEED) : DEFAULT_SEED;
    const only = process.env.CORK_FUZZ_ONLY ? Number(process.env.CORK_FUZZ_ONLY) : undefined;
    const failures: string[] = [];
    const end = await runWorker({ seed, ...(only !== undefined ? { only } : {}) }, failures);
    const reproduce = `reproduce with CORK_FUZZ_SEED=${seed} (and CORK_FUZZ_ONLY=<iteration> for one case)`;
    if (end) {
      t.diagnostic(`seed ${seed}: ${end.cases} cases (${end.clean} clean, ${end.diagnostics} diagnostics) in ${end.ms} ms`);
      const reached = Object.entries(end.reached).sort(([a], [b]) => (a < b ? -1 : 1));
      t.diagnostic(`cases per rule id: ${reached.map(([id, n]) => `${id} ${n}`).join(', ')}`);
    }
    const multiLine = failures.filter((f) => f.includes(MULTI_LINE));
    const hard = failures.filter((f) => !f.includes(MULTI_LINE));

    await t.test('never throws or hangs; every diagnostic is well formed and inside its file; clean repos compile', () => {
      assert.ok(end, `seed ${seed}: the worker stopped without finishing; ${reproduce}\n${hard.slice(0, 5).join('\n')}`);
      assert.deepEqual(hard.slice(0, 20), [], `seed ${seed}: ${hard.length} failing case(s); ${reproduce}`);
    });
    // Regression: a key holding a line break (a lone CR, or a collection used
    // as a key) once split one diagnostic over several lines of output.
    await t.test('every message is one line', () => {
      assert.deepEqual(multiLine.slice(0, 5), [], `seed ${seed}: ${multiLine.length} case(s); ${reproduce}`);
    });
  });
} else {
  fuzz(workerData as Job);
}
