// `cork run --agent A [--bottle B]... -- command`: open a session on the
// running runtime, run the command inside it, close the session when it exits.
import { resolve } from 'node:path';
import { callControl, ControlClientError } from '../../runtime/control/client.ts';
import type { OpenSessionReply } from '../../runtime/control/protocol.ts';
import { launch, promptOnTerminal } from '../../runtime/launch.ts';
import { parseBudgetOverrides } from '../../runtime/metering/budget-overrides.ts';
import { buildSessionEnv } from '../../runtime/session-env.ts';
import type { Session } from '../../runtime/sessions.ts';
import { EXIT, UsageError } from '../io.ts';
import { DEFAULT_STATE_DIR } from './runtime.ts';

export interface RunOpts {
  agent?: string;
  bottles?: string[];
  stateDir?: string;
  /** `--budget provider=N` for this session only. */
  budgets?: string[];
  command: string[];
}

export async function run(opts: RunOpts): Promise<number> {
  if (!opts.agent || !opts.command.length) throw new UsageError('usage: cork run --agent A [--bottle B]... [--state-dir DIR] -- command...');
  const stateDir = resolve(opts.stateDir ?? DEFAULT_STATE_DIR);
  let budgets: Record<string, number> | undefined;
  try {
    const parsed = parseBudgetOverrides(opts.budgets ?? []);
    if (parsed.size) budgets = Object.fromEntries(parsed);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let reply: OpenSessionReply;
  try {
    reply = await callControl<OpenSessionReply>(stateDir, 'POST', '/v1/sessions', { agent: opts.agent, ...(opts.bottles?.length ? { bottles: opts.bottles } : {}), ...(budgets ? { budgets } : {}), pid: process.pid });
  } catch (e) {
    if (e instanceof ControlClientError) throw new UsageError(e.message, e.code === 'CORK_RUNTIME_NOT_RUNNING' ? EXIT.usage : EXIT.policy);
    throw e;
  }
  const close = () => callControl(stateDir, 'DELETE', `/v1/sessions/${reply.id}`).catch(() => undefined);
  // Freeze and kill reach the command through what is reported here; without it they reach only this launcher.
  const report = (commandPid: number | undefined, pgid: number | undefined) =>
    callControl(stateDir, 'POST', `/v1/sessions/${reply.id}/process`, { ...(commandPid ? { commandPid } : {}), ...(pgid ? { pgid } : {}) }).catch((e: Error) => {
      process.stderr.write(`cork: could not tell the runtime the command's process (${e.message}); freeze and kill will not reach it\n`);
    });
  try {
    return await launchIn(reply, opts.command, undefined, report);
  } finally {
    await close();
  }
}

/** In-process variant for `runtime start --agent … -- cmd`. */
export async function runSession(
  session: Session,
  replyOf: (s: Session) => OpenSessionReply,
  command: string[],
  tracker: { track(c: { kill(s?: NodeJS.Signals): boolean }): void; untrack(c: { kill(s?: NodeJS.Signals): boolean }): void; sessions: { close(id: string): boolean } },
): Promise<number> {
  try {
    return await launchIn(replyOf(session), command, tracker, (commandPid, pgid) => {
      if (commandPid) session.commandPid = commandPid;
      if (pgid) session.pgid = pgid;
    });
  } finally {
    tracker.sessions.close(session.id);
  }
}

async function launchIn(
  reply: OpenSessionReply,
  command: string[],
  tracker?: { track(c: { kill(s?: NodeJS.Signals): boolean }): void; untrack(c: { kill(s?: NodeJS.Signals): boolean }): void },
  launched?: (commandPid: number | undefined, pgid: number | undefined) => unknown,
): Promise<number> {
  const built = buildSessionEnv(process.env, reply.credentialNames, { env: reply.env }, { listen: reply.listen, sessionId: reply.id, token: reply.token, key: reply.key }, promptOnTerminal);
  if ('missing' in built) {
    throw new UsageError(`the bottle asks for values at launch and there is no terminal to ask: set ${built.missing.join(', ')} in the environment`);
  }
  const { child, exited, pgid } = launch(command, built.env);
  tracker?.track(child);
  await launched?.(child.pid, pgid);
  const code = await exited;
  tracker?.untrack(child);
  return code;
}
