// End-to-end harness for the runtime: compile a policy repo into a bundle,
// run `cork runtime start` as a child process (port 0, its own state dir,
// fake credentials), a local mock upstream to send overridden hosts to, and
// small clients (raw HTTP, raw sockets, curl, the cork CLI). Every process
// and server it starts is registered and ended in an `after` hook; every
// wait is bounded so a broken runtime fails a test instead of hanging it.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileRepo } from '../../compiler/compile.ts';
import { serializeBundle } from '../../policy/bundle-digest.ts';
import type { Bundle } from '../../policy/types.ts';
import { callControl } from '../../runtime/control/client.ts';
import type { OpenSessionReply } from '../../runtime/control/protocol.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CORK = join(ROOT, 'bin', 'cork.mjs');
export const FIXTURES = join(ROOT, 'fixtures', 'policies');
/** The policy most runtime tests share (hosts under example.test, fake credential names). */
export const E2E_POLICY = join(FIXTURES, 'runtime-e2e');

/** Obviously fake values for every credential variable the fixtures name. */
export const FAKE_CREDENTIALS = Object.freeze({
  ANTHROPIC_API_KEY: 'FAKE-anthropic-key-cork-test-000000',
  OPENAI_API_KEY: 'FAKE-openai-key-cork-test-000000',
  CORK_FAKE_API_TOKEN: 'FAKE-api-token-cork-test-000000',
  CORK_FAKE_GIT_TOKEN: 'FAKE-git-token-cork-test-000000',
});

// ---------------------------------------------------------------------------
// Cleanup

const cleanups: Array<() => unknown> = [];
after(async () => {
  // Processes first (they may hold servers and temp dirs), then everything else.
  for (const c of children) killGroup(c, 'SIGKILL');
  const gone = Promise.all([...children].map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(0) : c.once('close', r)))));
  await within(2000, 'children to exit', gone).catch(() => undefined);
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await fn();
    } catch {
      // best effort: one failed cleanup must not keep the others from running
    }
  }
});

/** Runs `fn` in the file's `after` hook (last registered runs first). */
export function onCleanup(fn: () => unknown): void {
  cleanups.push(fn);
}

export function tmpDir(prefix = 'cork-rt-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `check` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Rejects after `ms` with a message naming what did not happen. */
export function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

// ---------------------------------------------------------------------------
// Environment for child processes: nothing from the developer's shell that
// could route traffic elsewhere (proxies) or leak a real credential.

export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    LANG: 'C.UTF-8',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

// ---------------------------------------------------------------------------
// Child processes

const children = new Set<ChildProcess>();

/** Each child leads its own process group, so a cleanup also ends what it launched. */
function killGroup(c: ChildProcess, signal: NodeJS.Signals): void {
  if (c.exitCode !== null || c.signalCode !== null || !c.pid) return;
  try {
    process.kill(-c.pid, signal);
  } catch {
    try {
      c.kill(signal);
    } catch {
      // already gone
    }
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
}

export function spawnTracked(file: string, args: readonly string[], opts: SpawnOptions & { input?: string | Buffer } = {}): Spawned {
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...opts });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (e) => {
      err += `spawn error: ${e.message}\n`;
      resolve({ code: -1, signal: null });
    });
    child.once('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  if (child.stdin) {
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input);
  }
  return { child, stdout: () => out, stderr: () => err, exited };
}

export interface RunResult extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; kills its process group and rejects after `timeoutMs`. */
export async function runCommand(file: string, args: readonly string[], opts: SpawnOptions & { input?: string | Buffer; timeoutMs?: number } = {}): Promise<RunResult> {
  const { timeoutMs = 20_000, ...rest } = opts;
  const s = spawnTracked(file, args, rest);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      killGroup(s.child, 'SIGKILL');
      reject(new Error(`${file} ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${s.stdout()}\nstderr: ${s.stderr()}`));
    }, timeoutMs);
  });
  const exit = await Promise.race([s.exited, timedOut]).finally(() => clearTimeout(timer));
  return { ...exit, stdout: s.stdout(), stderr: s.stderr() };
}

/** `node bin/cork.mjs ...args`. */
export function runCork(args: readonly string[], opts: { env?: Record<string, string>; cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return runCommand(process.execPath, [CORK, ...args], { env: opts.env ?? baseEnv(), cwd: opts.cwd ?? ROOT, ...(opts.input !== undefined ? { input: opts.input } : {}), timeoutMs: opts.timeoutMs ?? 20_000 });
}

export interface CurlReply extends RunResult {
  status: number;
  /** Lower-case names of the final response's headers. */
  headers: Record<string, string>;
  body: string;
}

/** `curl -i`: the final response (after any 1xx) split into status, headers and body. */
export async function curlHttp(args: readonly string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CurlReply> {
  const r = await curl(['-i', ...args], opts);
  let rest = r.stdout;
  let head = '';
  for (;;) {
    const i = rest.indexOf('\r\n\r\n');
    if (i < 0) {
      head = rest;
      rest = '';
      break;
    }
    head = rest.slice(0, i);
    rest = rest.slice(i + 4);
    if (!/^HTTP\/[\d.]+ 1\d\d/.test(head)) break;
  }
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const c = line.indexOf(':');
    if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  const m = /^HTTP\/[\d.]+ (\d{3})/.exec(statusLine);
  return { ...r, status: m ? Number(m[1]) : 0, headers, body: rest };
}

/** `curl -sS` with a hard time limit; the environment carries no proxy settings unless given. */
export function curl(args: readonly string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
  return runCommand('curl', ['-sS', '--max-time', String(Math.ceil((opts.timeoutMs ?? 10_000) / 1000)), ...args], {
    env: opts.env ?? baseEnv(),
    timeoutMs: (opts.timeoutMs ?? 10_000) + 2000,
  });
}

// ---------------------------------------------------------------------------
// Bundles

export interface CompiledBundle {
  path: string;
  bundle: Bundle;
  text: string;
}

/** Compiles a policy repo in-process and writes the bundle to a temp file. Throws on any diagnostic error. */
export function compileBundle(policyDir: string, opts: { dir?: string; name?: string; transform?: (b: Bundle) => Bundle } = {}): CompiledBundle {
  const result = compileRepo(policyDir, { revision: 'cork-runtime-test' });
  if (!result.bundle) {
    const lines = result.diagnostics.map((d) => JSON.stringify(d));
    throw new Error(`${policyDir} does not compile:\n${lines.join('\n')}`);
  }
  const bundle = opts.transform ? opts.transform(result.bundle) : result.bundle;
  const text = serializeBundle(bundle);
  const path = join(opts.dir ?? tmpDir('cork-bundle-'), opts.name ?? 'policy.bundle.json');
  writeFileSync(path, text);
  return { path, bundle, text };
}

// ---------------------------------------------------------------------------
// The runtime under test

export interface RuntimeOptions {
  /** host → loopback origin (`http://127.0.0.1:PORT`). */
  overrides?: Record<string, string>;
  /** `--limit name=value`. */
  limits?: Record<string, number>;
  /** Merged over baseEnv() + FAKE_CREDENTIALS; undefined removes a variable. */
  env?: Record<string, string | undefined>;
  stateDir?: string;
  logFile?: string;
  /** More `cork runtime start` arguments (before `--`). */
  args?: string[];
  /** Arguments for node itself, before bin/cork.mjs (e.g. `--import` a preload). */
  nodeArgs?: string[];
  /** One-step form: `--agent A -- command`. */
  agent?: string;
  command?: string[];
  /** Wait for "listening on" (default true). */
  waitListening?: boolean;
}

export interface Session extends OpenSessionReply {
  /** `Proxy-Authorization` value for this session. */
  proxyAuthorization: string;
  /** `http://id:token@127.0.0.1:PORT` */
  proxyUrl: string;
}

export interface RuntimeProcess extends Spawned {
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  stateDir: string;
  bundlePath: string;
  openSession(agent: string, bottles?: string[]): Promise<Session>;
  /** Signals the runtime's process group leader only (the runtime itself). */
  signal(sig: NodeJS.Signals): void;
  /** SIGTERM, then wait (bounded) for the exit. */
  stop(timeoutMs?: number): Promise<Exit>;
}

const LISTENING = /cork runtime: listening on (\S+):(\d+),/;

export async function startRuntime(bundlePath: string, opts: RuntimeOptions = {}): Promise<RuntimeProcess> {
  const stateDir = opts.stateDir ?? join(tmpDir('cork-state-'), 'state');
  const args = ['runtime', 'start', bundlePath, '--listen', '127.0.0.1:0', '--state-dir', stateDir];
  for (const [host, origin] of Object.entries(opts.overrides ?? {})) args.push('--upstream-override', `${host}=${origin}`);
  for (const [name, value] of Object.entries(opts.limits ?? {})) args.push('--limit', `${name}=${value}`);
  if (opts.logFile) args.push('--log-file', opts.logFile);
  args.push(...(opts.args ?? []));
  if (opts.agent) args.push('--agent', opts.agent);
  if (opts.command) args.push('--', ...opts.command);
  const env = baseEnv({ ...FAKE_CREDENTIALS, ...opts.env });
  const s = spawnTracked(process.execPath, [...(opts.nodeArgs ?? []), CORK, ...args], { env, cwd: ROOT });
  const rt: RuntimeProcess = {
    ...s,
    port: 0,
    origin: '',
    stateDir,
    bundlePath,
    async openSession(agent, bottles) {
      const reply = await callControl<OpenSessionReply>(stateDir, 'POST', '/v1/sessions', { agent, ...(bottles ? { bottles } : {}) });
      return {
        ...reply,
        proxyAuthorization: basicAuth(reply.id, reply.token),
        proxyUrl: `http://${encodeURIComponent(reply.id)}:${encodeURIComponent(reply.token)}@127.0.0.1:${rt.port}`,
      };
    },
    signal(sig) {
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill(sig);
    },
    async stop(timeoutMs = 10_000) {
      rt.signal('SIGTERM');
      return within(timeoutMs, `runtime exit after SIGTERM\nstderr: ${s.stderr()}`, s.exited);
    },
  };
  if (opts.waitListening === false) return rt;
  const m = await within(
    10_000,
    `runtime to listen\nstderr: ${s.stderr()}`,
    Promise.race([
      waitFor('listening line', () => LISTENING.exec(s.stderr()) ?? undefined, 10_000, 10),
      s.exited.then((e) => {
        throw new Error(`runtime exited (code ${e.code}, signal ${e.signal}) before listening:\n${s.stderr()}`);
      }),
    ]),
  );
  rt.port = Number(m[2]);
  rt.origin = `http://127.0.0.1:${rt.port}`;
  return rt;
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

// ---------------------------------------------------------------------------
// Mock upstream

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  bodyLength: number;
}

export interface MockUpstream {
  origin: string;
  port: number;
  server: Server;
  /** Every request that reached the mock, in arrival order (recorded when its head arrives). */
  requests: SeenRequest[];
  /** TCP connections accepted. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A node:http server on 127.0.0.1:0 that answers with JSON
 * `{method, url, headers, bodyLength}`. Query parameters change the answer:
 * `delay=MS` waits before answering; `chunks=N&interval=MS` streams N chunks;
 * `size=BYTES` answers with a body that large; `hang=1` never answers;
 * `status=CODE` sets the status.
 */
export async function startMockUpstream(): Promise<MockUpstream> {
  const requests: SeenRequest[] = [];
  let connections = 0;
  // Pending delays are cleared on close, so a test file never waits for a slow answer nobody reads.
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, bodyLength: 0 };
    requests.push(seen);
    const q = new URL(req.url ?? '/', 'http://mock').searchParams;
    req.on('data', (c: Buffer) => (seen.bodyLength += c.length));
    req.on('end', () => {
      if (q.get('hang')) return;
      const status = Number(q.get('status') ?? 200);
      const answer = () => {
        if (res.destroyed) return;
        const size = Number(q.get('size') ?? 0);
        const chunks = Number(q.get('chunks') ?? 0);
        if (size > 0) {
          res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-length': size });
          res.end(Buffer.alloc(size, 0x61));
          return;
        }
        if (chunks > 0) {
          const interval = Number(q.get('interval') ?? 20);
          res.writeHead(status, { 'content-type': 'text/plain' });
          let i = 0;
          const tick = () => {
            if (res.destroyed) return;
            res.write(`chunk ${i}\n`);
            if (++i < chunks) later(tick, interval);
            else res.end();
          };
          tick();
          return;
        }
        const body = JSON.stringify({ method: seen.method, url: seen.url, headers: seen.headers, bodyLength: seen.bodyLength });
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-mock': 'cork-test' });
        res.end(body);
      };
      const delay = Number(q.get('delay') ?? 0);
      if (delay > 0) later(answer, delay);
      else answer();
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  onCleanup(close);
  return { origin: `http://127.0.0.1:${port}`, port, server, requests, connections: () => connections, close };
}

// ---------------------------------------------------------------------------
// Clients

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (throws when it is not). */
  json<T = Record<string, unknown>>(): T;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/**
 * One HTTP request to the proxy on 127.0.0.1:`port` with `target` as the
 * request-target: an absolute URL (forward proxy) or `/gw/host/path`.
 * A fresh connection each time; no proxy-side retries.
 */
export function send(port: number, target: string, opts: SendOptions = {}): Promise<HttpReply> {
  const headers: Record<string, string | string[]> = { ...opts.headers };
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'host') && /^https?:\/\//i.test(target)) headers['host'] = new URL(target).host;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: target, headers, agent: false, timeout: opts.timeoutMs ?? 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`request ${opts.method ?? 'GET'} ${target} timed out`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface RawResult {
  /** Everything the server sent before closing (or before the timeout). */
  data: string;
  /** The server closed the connection (as opposed to our timeout). */
  closed: boolean;
  /** Milliseconds from connect to close. */
  ms: number;
  status: number | undefined;
}

/**
 * Writes `parts` on a raw TCP connection (with `gapMs` between them, stopping
 * early if the server closes), then collects the reply until the server
 * closes, `until` says the reply is complete, or `timeoutMs` passes.
 */
export function rawExchange(
  port: number,
  parts: ReadonlyArray<string | Buffer>,
  opts: { gapMs?: number; timeoutMs?: number; host?: string; until?: (data: string) => boolean } = {},
): Promise<RawResult> {
  const { gapMs = 0, timeoutMs = 5000 } = opts;
  return new Promise((resolve) => {
    const t0 = Date.now();
    const socket: Socket = connect({ host: opts.host ?? '127.0.0.1', port });
    let data = '';
    let closed = false;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      resolve({ data, closed, ms: Date.now() - t0, status: m ? Number(m[1]) : undefined });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      data += d;
      if (opts.until?.(data)) finish();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.once('connect', async () => {
      for (const part of parts) {
        if (closed || socket.destroyed) return;
        socket.write(part);
        if (gapMs) await sleep(gapMs);
      }
    });
  });
}

/** Splits a raw HTTP reply into status and body (the part after the blank line). */
export function rawBody(data: string): string {
  const i = data.indexOf('\r\n\r\n');
  return i < 0 ? '' : data.slice(i + 4);
}

// ---------------------------------------------------------------------------
// Assertions on the refusal body shape (errors.ts RefusalBody)

export const REFUSAL_KEYS = Object.freeze(['error', 'hint', 'host', 'method', 'path', 'reason', 'rule']);

export interface Refusal {
  error: string;
  rule: string;
  host: string;
  method: string;
  path: string;
  reason: string;
  hint: string;
}

/** Parses a refusal body and checks it has exactly the documented keys, all strings. */
export function parseRefusal(body: string): Refusal {
  const value = JSON.parse(body) as Record<string, unknown>;
  const keys = Object.keys(value).sort();
  if (keys.join(',') !== REFUSAL_KEYS.join(',')) throw new Error(`refusal body has keys ${keys.join(',')}, expected ${REFUSAL_KEYS.join(',')}: ${body}`);
  for (const k of keys) if (typeof value[k] !== 'string') throw new Error(`refusal body field ${k} is not a string: ${body}`);
  return value as unknown as Refusal;
}
