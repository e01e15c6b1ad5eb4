// `cork runtime start`: verify and freeze the bundle, compile every session's
// matchers, open the proxy and the control socket. Reload swaps the policy in
// one step; SIGTERM drains in-flight requests, ends sessions, exits 0.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Limits } from './config.ts';
import { ControlRequestError, controlRequestListener, listenControl } from './control/server.ts';
import { PluginHost } from './plugins/host.ts';
import type { OpenSessionReply, OpenSessionRequest, ReloadReply, ReloadRequest, SessionProcessRequest, SessionSummary, SessionUsage, StatusReply } from './control/protocol.ts';
import { controlSocketPath } from './control/client.ts';
import type { Logger } from './log.ts';
import { loadPolicy, PolicyLoadError, type LoadedPolicy, type VerifyConfig } from './policy-loader.ts';
import type { ProxyContext } from './proxy/context.ts';
import { createProxyServer } from './proxy/server.ts';
import { createUpstreams } from './proxy/upstream.ts';
import { SessionError, SessionRegistry, type Session } from './sessions.ts';
import { type Enforceable, Enforcement, type EnforcementAction, EnforcementError, type EnforcementResult } from './metering/enforcement.ts';
import { BudgetStateRecorder } from './metering/budget-state.ts';
import { sessionBudgets } from './metering/budgets.ts';
import { SessionMetering } from './metering/session-metering.ts';
import type { HostSettings } from './settings.ts';
import { type ExportKind, type Ledger, openLedger } from './state/ledger.ts';

export interface RuntimeOptions {
  bundlePath: string;
  /** host:port; port 0 picks a free one. */
  listen: string;
  stateDir: string;
  verify: VerifyConfig;
  overrides: ReadonlyMap<string, URL>;
  limits: Limits;
  log: Logger;
  /** Where credentials are read from; the runtime's own environment by default. */
  env?: NodeJS.ProcessEnv;
  /** The host's settings.yml: global budgets, default cutoff policy, estimate floor. */
  settings?: HostSettings;
  /** `--budget provider=N`: beats every scope. */
  budgetOverrides?: ReadonlyMap<string, number>;
}

export class Runtime {
  #policy: LoadedPolicy;
  readonly sessions = new SessionRegistry();
  readonly ctx: ProxyContext;
  #proxy?: Server;
  #control?: Server;
  #listen = '';
  readonly #startedAt = new Date();
  readonly #children = new Set<{ pid?: number; kill(signal?: NodeJS.Signals): boolean }>();

  readonly #env: NodeJS.ProcessEnv;
  /** Credential values read once from the environment (at start and on reload), not per request. */
  #credentials: ReadonlyMap<string, string> = new Map();

  readonly #ledger: Ledger;
  readonly #enforcement: Enforcement;
  readonly #budgetState: BudgetStateRecorder;

  private constructor(
    private readonly opts: RuntimeOptions,
    policy: LoadedPolicy,
    ledger: Ledger,
  ) {
    this.#policy = policy;
    this.#ledger = ledger;
    this.#enforcement = new Enforcement(ledger, opts.log, opts.limits.killGraceMs);
    this.#budgetState = new BudgetStateRecorder(ledger, opts.log);
    this.#budgetState.start(() => this.sessions.list());
    const env = opts.env ?? process.env;
    this.#env = env;
    this.#credentials = readCredentials(policy, env);
    const upstreams = createUpstreams(opts.limits, opts.overrides);
    this.ctx = {
      sessions: this.sessions,
      upstreams,
      limits: opts.limits,
      log: opts.log,
      credential: (name) => this.#credentials.get(name),
      selfAuthorities: new Set(),
      inflight: 0,
      ledger,
      enforce: (session, action, actor, reason) => {
        try {
          this.#enforcement.apply(enforceable(session, () => this.#recordSession(session, null)), action, actor, reason);
        } catch (err) {
          // A budget firing twice (or on a killed session) changes nothing: logged, not thrown into the proxy.
          opts.log.warn({ event: 'enforcement-skipped', session: session.id, action, reason: (err as Error).message }, 'enforcement skipped');
        }
      },
    };
  }

  /** Verifies the bundle before anything listens: a bad bundle never serves a request. */
  static async start(opts: RuntimeOptions): Promise<Runtime> {
    const loaded = loadPolicy(opts.bundlePath, opts.verify);
    mkdirSync(opts.stateDir, { recursive: true, mode: 0o700 });
    // The control socket first: it is also the lock that keeps a second runtime off this state dir.
    const control = await listenControl(controlSocketPath(opts.stateDir), NOT_READY);
    let ledger: Ledger;
    try {
      let failed = 0;
      ledger = await openLedger(opts.stateDir, {
        // Decisions are noted without a promise each: count failures, log the first and then every thousandth.
        onNoteFailed: (err) => {
          if (failed++ % 1000 === 0) opts.log.error({ event: 'ledger-write-failed', failed, err: err.message }, 'decision rows are not being recorded');
        },
        // A disk that hangs: budgets still hold (they live in memory), but rows only queue; the operator must hear of it.
        onStall: ({ stalled, ms, pending }) => {
          if (stalled) opts.log.error({ event: 'ledger-stalled', ms: Math.round(ms), pending }, `the ledger has not committed for ${Math.round(ms / 1000)} s; ${pending} rows are waiting for the disk`);
          else opts.log.warn({ event: 'ledger-resumed', ms: Math.round(ms), pending }, 'ledger commits resumed');
        },
      });
    } catch (err) {
      control.close();
      throw err;
    }
    let policy: LoadedPolicy;
    try {
      policy = await withPlugins(loaded, opts, opts.env ?? process.env);
    } catch (err) {
      control.close();
      await ledger.close();
      throw new PolicyLoadError('CORK_PLUGINS_FAILED', `${opts.bundlePath}: ${(err as Error).message}`);
    }
    const rt = new Runtime(opts, policy, ledger);
    rt.#control = control;
    control.removeAllListeners('request');
    control.on('request', controlRequestListener(rt.#controlHandlers()));
    try {
      rt.#proxy = createProxyServer(rt.ctx);
      await listen(rt.#proxy, opts.listen);
    } catch (err) {
      rt.#budgetState.stop();
      rt.#control.close();
      await ledger.close();
      throw err;
    }
    const addr = rt.#proxy.address() as AddressInfo;
    rt.#listen = `${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
    for (const h of [rt.#listen, `localhost:${addr.port}`, `127.0.0.1:${addr.port}`]) rt.ctx.selfAuthorities.add(h.toLowerCase());
    const missing = [...rt.#policy.credentialNames].filter((n) => !rt.ctx.credential(n));
    opts.log.info({ event: 'start', listen: rt.#listen, digest: rt.#policy.digest, bundle: opts.bundlePath, missingCredentials: missing }, 'cork runtime listening');
    if (missing.length) opts.log.warn({ event: 'credentials-missing', names: missing }, 'routes needing these credentials will refuse requests');
    return rt;
  }

  get listenAddress(): string {
    return this.#listen;
  }

  get policy(): LoadedPolicy {
    return this.#policy;
  }

  openSession(agent: string, bottles?: string[], budgets?: ReadonlyMap<string, number>): Session {
    let s: Session;
    try {
      const { bundle } = this.#policy;
      const settings = this.opts.settings ?? {};
      const overrides = new Map([...(this.opts.budgetOverrides ?? []), ...(budgets ?? [])]);
      s = this.sessions.open(this.#policy, agent, bottles, (a, b) => new SessionMetering(sessionBudgets(bundle, a, b, settings, overrides)));
    } catch (err) {
      if (err instanceof SessionError) throw new ControlRequestError(404, err.code, err.message);
      throw err;
    }
    this.#recordSession(s, null);
    return s;
  }

  #recordSession(s: Session, endedAt: number | null): void {
    this.#ledger
      .upsertSession({ id: s.id, agent: s.agent, bottles: [...s.bottles], started_at: s.openedAt, ended_at: endedAt, pid: s.pid ?? null, state: endedAt !== null && s.metering.state === 'active' ? 'ended' : s.metering.state, bundle_digest: s.view.digest })
      .catch((err: Error) => this.opts.log.error({ event: 'ledger-write-failed', session: s.id, err: err.message }, 'could not record a session'));
    this.#budgetState.record(s);
  }

  /** An operator's cutoff, freeze, resume or kill. */
  enforce(id: string, action: EnforcementAction, reason: string): EnforcementResult {
    const s = this.sessions.get(id);
    if (!s) throw new ControlRequestError(404, 'CORK_NO_SESSION', `no session ${id}`);
    try {
      return this.#enforcement.apply(enforceable(s, () => this.#recordSession(s, null)), action, 'operator', reason);
    } catch (err) {
      if (err instanceof EnforcementError) throw new ControlRequestError(409, err.code, err.message);
      throw err;
    }
  }

  /** Budgets and spending of every session (or one). */
  usage(id?: string): SessionUsage[] {
    const list = id ? [this.sessions.get(id)].filter((s): s is Session => !!s) : this.sessions.list();
    if (id && list.length === 0) throw new ControlRequestError(404, 'CORK_NO_SESSION', `no session ${id}`);
    return list.map((s) => ({
      session: s.id,
      agent: s.agent,
      bottles: [...s.bottles],
      state: s.metering.state,
      ...(s.metering.reason ? { reason: s.metering.reason } : {}),
      cutoff: s.metering.budgets.cutoff,
      budgets: s.metering.book.snapshot(),
    }));
  }

  /** Swap to a new bundle. A bundle that fails verification is refused and the old one stays. */
  async reload(path = this.#policy.path): Promise<LoadedPolicy> {
    let next: LoadedPolicy;
    try {
      next = await withPlugins(loadPolicy(path, this.opts.verify), this.opts, this.#env);
    } catch (err) {
      const e = err as PolicyLoadError;
      this.opts.log.error({ event: 'reload-refused', bundle: path, code: e.code, reason: e.message, digest: this.#policy.digest }, 'reload refused; keeping the current bundle');
      throw new ControlRequestError(422, e.code ?? 'CORK_RELOAD_FAILED', `reload refused, still serving ${this.#policy.digest.slice(0, 12)}: ${e.message}`);
    }
    this.#credentials = readCredentials(next, this.#env);
    this.sessions.rebuild(next);
    const old = this.#policy;
    this.#policy = next;
    this.opts.log.info({ event: 'reload', bundle: path, digest: next.digest, previous: old.digest }, 'bundle reloaded');
    // In-flight requests still hold the old views; the pool drains its queue before it closes.
    void old.plugins?.close();
    return next;
  }

  /** Processes launched for sessions, ended on shutdown. */
  track(child: { pid?: number; kill(signal?: NodeJS.Signals): boolean }): void {
    this.#children.add(child);
  }

  untrack(child: { pid?: number; kill(signal?: NodeJS.Signals): boolean }): void {
    this.#children.delete(child);
  }

  /** Stop accepting, let in-flight requests finish up to the grace period, end sessions' processes. */
  async shutdown(): Promise<void> {
    const log = this.opts.log;
    log.info({ event: 'shutdown', inflight: this.ctx.inflight }, 'shutting down');
    const closed = new Promise<void>((resolve) => (this.#proxy ? this.#proxy.close(() => resolve()) : resolve()));
    this.#proxy?.closeIdleConnections();
    const deadline = Date.now() + this.opts.limits.shutdownGraceMs;
    while (this.ctx.inflight > 0 && Date.now() < deadline) await sleep(25);
    this.#proxy?.closeAllConnections();
    await closed;
    for (const child of this.#children) child.kill('SIGTERM');
    // Sessions opened by `cork run` recorded its pid: it forwards the signal to its command.
    for (const s of this.sessions.list()) {
      if (s.pid && s.pid !== process.pid) {
        try {
          process.kill(s.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
    }
    await new Promise<void>((resolve) => (this.#control ? this.#control.close(() => resolve()) : resolve()));
    await this.ctx.upstreams.close();
    await this.#policy.plugins?.close();
    this.#budgetState.stop();
    const now = Date.now();
    for (const s of this.sessions.list()) this.#recordSession(s, now);
    // Last: every usage row of a finished request is durable before the process exits.
    try {
      await this.#ledger.close();
    } catch (err) {
      log.error({ event: 'ledger-close-failed', err: (err as Error).message }, 'the ledger did not close cleanly');
    }
    log.info({ event: 'stopped', abandoned: this.ctx.inflight }, 'stopped');
    await new Promise<void>((resolve) => log.flush(() => resolve()));
  }

  #controlHandlers() {
    return {
      status: (): StatusReply => ({
        pid: process.pid,
        listen: this.#listen,
        digest: this.#policy.digest,
        bundlePath: this.#policy.path,
        ...(this.#policy.bundle.revision ? { revision: this.#policy.bundle.revision } : {}),
        sessions: this.sessions.list().length,
        inflight: this.ctx.inflight,
        plugins: { ...(this.#policy.plugins?.stats ?? { inline: 0, pool: 0, failed: 0 }) },
        startedAt: this.#startedAt.toISOString(),
      }),
      sessions: (): SessionSummary[] =>
        this.sessions.list().map((s) => ({
          id: s.id,
          agent: s.agent,
          bottles: [...s.bottles],
          openedAt: new Date(s.openedAt).toISOString(),
          digest: s.view.digest,
          state: s.metering.state,
          ...(s.pid ? { pid: s.pid } : {}),
          ...(s.commandPid ? { commandPid: s.commandPid } : {}),
          ...(s.pgid ? { pgid: s.pgid } : {}),
        })),
      openSession: (req: OpenSessionRequest): OpenSessionReply => {
        if (typeof req.agent !== 'string') throw new ControlRequestError(400, 'CORK_CONTROL_BAD_REQUEST', 'agent is required');
        if (req.bottles !== undefined && (!Array.isArray(req.bottles) || !req.bottles.every((b) => typeof b === 'string'))) {
          throw new ControlRequestError(400, 'CORK_CONTROL_BAD_REQUEST', 'bottles must be a list of names');
        }
        const s = this.openSession(req.agent, req.bottles, sessionBudgetOverrides(req.budgets));
        if (typeof req.pid === 'number') {
          s.pid = req.pid;
          this.#recordSession(s, null);
        }
        this.opts.log.info({ event: 'session-open', session: s.id, agent: s.agent, bottles: s.bottles }, 'session opened');
        return { ...this.sessionReply(s) };
      },
      closeSession: (id: string): boolean => {
        const s = this.sessions.get(id);
        const ok = this.sessions.close(id);
        if (ok && s) {
          this.#recordSession(s, Date.now());
          this.opts.log.info({ event: 'session-close', session: id }, 'session closed');
        }
        return ok;
      },
      sessionProcess: (id: string, req: SessionProcessRequest) => {
        const s = this.sessions.get(id);
        if (!s) throw new ControlRequestError(404, 'CORK_NO_SESSION', `no session ${id}`);
        if (typeof req.commandPid === 'number' && req.commandPid > 1) s.commandPid = req.commandPid;
        if (typeof req.pgid === 'number' && req.pgid > 1) s.pgid = req.pgid;
        return { session: id, ...(s.commandPid ? { commandPid: s.commandPid } : {}), ...(s.pgid ? { pgid: s.pgid } : {}) };
      },
      enforce: (id: string, action: EnforcementAction, req: { reason?: unknown }) => this.enforce(id, action, typeof req.reason === 'string' && req.reason ? req.reason.slice(0, 500) : `by the operator`),
      usage: (id?: string) => this.usage(id),
      exportLedger: (q: { kind: ExportKind; since?: number }) => this.#ledger.exportRows(q),
      reload: async (req: ReloadRequest): Promise<ReloadReply> => {
        const next = await this.reload(typeof req.path === 'string' ? req.path : undefined);
        return { digest: next.digest, path: next.path };
      },
    };
  }

  sessionReply(s: Session): OpenSessionReply {
    return {
      id: s.id,
      token: s.token,
      key: s.key,
      listen: this.#listen,
      agent: s.agent,
      bottles: [...s.bottles],
      digest: s.view.digest,
      env: { ...(s.view.policy.env ?? {}) },
      credentialNames: [...this.#policy.credentialNames],
    };
  }
}

function readCredentials(policy: LoadedPolicy, env: NodeJS.ProcessEnv): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const name of policy.credentialNames) if (env[name]) out.set(name, env[name]!);
  return out;
}

/** Starts the bundle's plugin pool and returns the policy carrying it. */
async function withPlugins(loaded: LoadedPolicy, opts: RuntimeOptions, env: NodeJS.ProcessEnv): Promise<LoadedPolicy> {
  const secrets = [...loaded.credentialNames].map((n) => env[n]).filter((v): v is string => !!v);
  const plugins = await PluginHost.start(loaded.bundle, {
    stateDir: opts.stateDir,
    secrets,
    threads: opts.limits.pluginThreads,
    timeoutMs: opts.limits.pluginTimeoutMs,
    maxQueue: opts.limits.pluginMaxQueue,
    inlineMaxBytes: opts.limits.pluginInlineMaxBytes,
    log: opts.log,
    digest: loaded.digest,
  });
  return Object.freeze({ ...loaded, plugins });
}

/** A session's own `--budget` overrides, checked: the control socket is the operator's, but still input. */
function sessionBudgetOverrides(v: unknown): Map<string, number> | undefined {
  if (v === undefined) return undefined;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ControlRequestError(400, 'CORK_CONTROL_BAD_REQUEST', 'budgets must be an object of provider: tokens');
  const out = new Map<string, number>();
  for (const [k, n] of Object.entries(v)) {
    if (!Number.isSafeInteger(n) || (n as number) <= 0) throw new ControlRequestError(400, 'CORK_CONTROL_BAD_REQUEST', `budget for ${k} must be a positive integer`);
    out.set(k, n as number);
  }
  return out;
}

/** What enforcement needs of a session: its state and how to reach its processes. */
function enforceable(s: Session, recordState: () => void): Enforceable {
  return {
    id: s.id,
    metering: s.metering,
    recordState,
    processes: () => ({ pids: [s.commandPid, s.pid].filter((p): p is number => typeof p === 'number'), ...(s.pgid ? { pgid: s.pgid } : {}) }),
    digest: () => s.view.digest,
  };
}

const NOT_READY = {
  status: () => ({}),
  sessions: () => [],
  openSession: notReady,
  closeSession: () => false,
  reload: notReady,
  sessionProcess: notReady,
  enforce: notReady,
  usage: notReady,
  exportLedger: notReady,
};

function notReady(): never {
  throw new ControlRequestError(503, 'CORK_STARTING', 'the runtime is still starting');
}

function listen(server: Server, spec: string): Promise<void> {
  const colon = spec.lastIndexOf(':');
  const host = spec.slice(0, colon).replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(spec.slice(colon + 1));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
