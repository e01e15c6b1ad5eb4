// `cork runtime start <bundle>` (optionally with `--agent A -- cmd`) and
// `cork runtime reload <bundle>`.
import { resolve } from 'node:path';
import { parseLimits, parseUpstreamOverride } from '../../runtime/config.ts';
import { callControl, ControlClientError } from '../../runtime/control/client.ts';
import type { ReloadReply } from '../../runtime/control/protocol.ts';
import { ControlRequestError } from '../../runtime/control/server.ts';
import { createLogger } from '../../runtime/log.ts';
import { PolicyLoadError } from '../../runtime/policy-loader.ts';
import { Runtime } from '../../runtime/runtime.ts';
import { tuneHeap } from '../../runtime/heap-tuning.ts';
import { parseBudgetOverrides } from '../../runtime/metering/budget-overrides.ts';
import { type HostSettings, loadSettings, SettingsError } from '../../runtime/settings.ts';
import { LedgerError } from '../../runtime/state/errors.ts';
import { EXIT, UsageError, err, out, readText } from '../io.ts';
import { runSession } from './run.ts';

export const DEFAULT_LISTEN = '127.0.0.1:8787';
export const DEFAULT_STATE_DIR = '.cork';

export interface StartOpts {
  listen?: string;
  stateDir?: string;
  verifyKey?: string;
  skipVerify?: boolean;
  overrides?: string[];
  limits?: string[];
  logFile?: string;
  agent?: string;
  bottles?: string[];
  /** settings.yml; default <state-dir>/settings.yml when it exists. */
  settings?: string;
  /** `--budget provider=N` flags. */
  budgets?: string[];
  command: string[];
}

export async function runtimeStart(bundlePath: string | undefined, opts: StartOpts): Promise<number> {
  if (!bundlePath) throw new UsageError('usage: cork runtime start <bundle> [--listen HOST:PORT] [--state-dir DIR] [--agent A [--bottle B]... -- command...]');
  if (opts.command.length && !opts.agent) throw new UsageError('a command after -- needs --agent to say which agent runs it');
  if (opts.agent && !opts.command.length) throw new UsageError('--agent needs a command after -- to run');
  const stateDir = resolve(opts.stateDir ?? DEFAULT_STATE_DIR);
  let overrides: Map<string, URL>;
  let limits;
  let settings: HostSettings;
  let budgetOverrides: Map<string, number>;
  try {
    overrides = new Map((opts.overrides ?? []).map(parseUpstreamOverride));
    limits = parseLimits(opts.limits ?? []);
    budgetOverrides = parseBudgetOverrides(opts.budgets ?? []);
    settings = loadSettings(resolve(opts.settings ?? `${stateDir}/settings.yml`), { required: opts.settings !== undefined });
  } catch (e) {
    if (e instanceof SettingsError) throw new UsageError(`refusing to start: ${e.message}`, EXIT.policy);
    throw new UsageError((e as Error).message);
  }
  // A long-running proxy: see heap-tuning.ts for why V8's old generation gets more room.
  tuneHeap();
  // With a command attached, logs go to a file so they do not interleave with the agent's terminal.
  const logDest = opts.logFile ?? (opts.command.length ? `${stateDir}/runtime.log` : 2);
  const log = createLogger(logDest);
  let rt: Runtime;
  try {
    rt = await Runtime.start({
      bundlePath: resolve(bundlePath),
      listen: opts.listen ?? DEFAULT_LISTEN,
      stateDir,
      verify: { ...(opts.verifyKey ? { verifyKeyPem: readText(opts.verifyKey, 'verify key') } : {}), skipVerify: opts.skipVerify ?? false },
      overrides,
      limits,
      log,
      settings,
      budgetOverrides,
    });
  } catch (e) {
    if (e instanceof PolicyLoadError) throw new UsageError(`refusing to start: ${e.message} [${e.code}]`, EXIT.policy);
    if (e instanceof LedgerError) throw new UsageError(`refusing to start: ${e.message} [${e.code}]`);
    if (e instanceof ControlRequestError) throw new UsageError(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UsageError(`cannot listen on ${opts.listen ?? DEFAULT_LISTEN}: ${code}`);
    throw e;
  }
  err(`cork runtime: listening on ${rt.listenAddress}, bundle ${rt.policy.digest.slice(0, 12)}, control socket ${stateDir}/control.sock`);

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= rt.shutdown());
  process.on('SIGHUP', () => {
    // reload() logs why it refused; the old bundle keeps serving.
    rt.reload().catch(() => undefined);
  });

  if (opts.command.length) {
    // SIGTERM drains and ends the command too (shutdown signals it); SIGINT reaches it through launch().
    process.once('SIGTERM', () => void stop());
    let session;
    try {
      session = rt.openSession(opts.agent!, opts.bottles);
    } catch (e) {
      // An unknown agent or bottle: stop listening, or the process would never exit.
      await stop();
      if (e instanceof ControlRequestError) throw new UsageError(e.message, EXIT.policy);
      throw e;
    }
    try {
      return await runSession(session, rt.sessionReply.bind(rt), opts.command, rt);
    } finally {
      // Also when the launch is refused (a `?prompt` value with no terminal): never leave the proxy listening.
      await stop();
    }
  }
  await new Promise<void>((resolveStop) => {
    const onSignal = () => {
      void stop().then(resolveStop);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
  return EXIT.ok;
}

export async function runtimeReload(bundlePath: string | undefined, opts: { stateDir?: string }): Promise<number> {
  if (!bundlePath) throw new UsageError('usage: cork runtime reload <bundle> [--state-dir DIR]');
  const stateDir = resolve(opts.stateDir ?? DEFAULT_STATE_DIR);
  try {
    const reply = await callControl<ReloadReply>(stateDir, 'POST', '/v1/reload', { path: resolve(bundlePath) });
    out(`reloaded: now serving ${reply.path} (digest ${reply.digest.slice(0, 16)}…)`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ControlClientError) throw new UsageError(e.message, e.code === 'CORK_RUNTIME_NOT_RUNNING' ? EXIT.usage : EXIT.policy);
    throw e;
  }
}
