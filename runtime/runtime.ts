// `cork runtime start`: verify and freeze the bundle, compile every session's
// matchers, open the proxy and the control socket. Reload swaps the policy in
// one step; SIGTERM drains in-flight requests, ends sessions, exits 0.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Limits } from './config.ts';
import { ControlRequestError, controlRequestListener, listenControl } from './control/server.ts';
import { PluginHost } from './plugins/host.ts';
import type { OpenSessionReply, OpenSessionRequest, ReloadReply, ReloadRequest, SessionSummary, StatusReply } from './control/protocol.ts';
import { controlSocketPath } from './control/client.ts';
import type { Logger } from './log.ts';
import { loadPolicy, PolicyLoadError, type LoadedPolicy, type VerifyConfig } from './policy-loader.ts';
import type { ProxyContext } from './proxy/context.ts';
import { createProxyServer } from './proxy/server.ts';
import { createUpstreams } from './proxy/upstream.ts';
import { SessionError, SessionRegistry, type Session } from './sessions.ts';

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

  private constructor(
    private readonly opts: RuntimeOptions,
    policy: LoadedPolicy,
  ) {
    this.#policy = policy;
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
    };
  }

  /** Verifies the bundle before anything listens: a bad bundle never serves a request. */
  static async start(opts: RuntimeOptions): Promise<Runtime> {
    const loaded = loadPolicy(opts.bundlePath, opts.verify);
    mkdirSync(opts.stateDir, { recursive: true, mode: 0o700 });
    // The control socket first: it is also the lock that keeps a second runtime off this state dir.
    const control = await listenControl(controlSocketPath(opts.stateDir), { status: () => ({}), sessions: () => [], openSession: notReady, closeSession: () => false, reload: notReady });
    let policy: LoadedPolicy;
    try {
      policy = await withPlugins(loaded, opts, opts.env ?? process.env);
    } catch (err) {
      control.close();
      throw new PolicyLoadError('CORK_PLUGINS_FAILED', `${opts.bundlePath}: ${(err as Error).message}`);
    }
    const rt = new Runtime(opts, policy);
    rt.#control = control;
    control.removeAllListeners('request');
    control.on('request', controlRequestListener(rt.#controlHandlers()));
    try {
      rt.#proxy = createProxyServer(rt.ctx);
      await listen(rt.#proxy, opts.listen);
    } catch (err) {
      rt.#control.close();
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

  openSession(agent: string, bottles?: string[]): Session {
    try {
      return this.sessions.open(this.#policy, agent, bottles);
    } catch (err) {
      if (err instanceof SessionError) throw new ControlRequestError(404, err.code, err.message);
      throw err;
    }
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
        this.sessions.list().map((s) => ({ id: s.id, agent: s.agent, bottles: [...s.bottles], openedAt: new Date(s.openedAt).toISOString(), digest: s.view.digest, ...(s.pid ? { pid: s.pid } : {}) })),
      openSession: (req: OpenSessionRequest): OpenSessionReply => {
        if (typeof req.agent !== 'string') throw new ControlRequestError(400, 'CORK_CONTROL_BAD_REQUEST', 'agent is required');
        if (req.bottles !== undefined && (!Array.isArray(req.bottles) || !req.bottles.every((b) => typeof b === 'string'))) {
          throw new ControlRequestError(400, 'CORK_CONTROL_BAD_REQUEST', 'bottles must be a list of names');
        }
        const s = this.openSession(req.agent, req.bottles);
        if (typeof req.pid === 'number') s.pid = req.pid;
        this.opts.log.info({ event: 'session-open', session: s.id, agent: s.agent, bottles: s.bottles }, 'session opened');
        return { ...this.sessionReply(s) };
      },
      closeSession: (id: string): boolean => {
        const ok = this.sessions.close(id);
        if (ok) this.opts.log.info({ event: 'session-close', session: id }, 'session closed');
        return ok;
      },
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
