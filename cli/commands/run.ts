// `cork run --agent A [--bottle B]... -- command`: open a session on the
// running runtime, run the command inside it, close the session when it exits.
import { resolve } from 'node:path';
import { callControl, ControlClientError } from '../../runtime/control/client.ts';
import type { OpenSessionReply } from '../../runtime/control/protocol.ts';
import { launch, promptOnTerminal } from '../../runtime/launch.ts';
import { buildSessionEnv } from '../../runtime/session-env.ts';
import type { Session } from '../../runtime/sessions.ts';
import { EXIT, UsageError } from '../io.ts';
import { DEFAULT_STATE_DIR } from './runtime.ts';

export interface RunOpts {
  agent?: string;
  bottles?: string[];
  stateDir?: string;
  command: string[];
}

export async function run(opts: RunOpts): Promise<number> {
  if (!opts.agent || !opts.command.length) throw new UsageError('usage: cork run --agent A [--bottle B]... [--state-dir DIR] -- command...');
  const stateDir = resolve(opts.stateDir ?? DEFAULT_STATE_DIR);
  let reply: OpenSessionReply;
  try {
    reply = await callControl<OpenSessionReply>(stateDir, 'POST', '/v1/sessions', { agent: opts.agent, ...(opts.bottles?.length ? { bottles: opts.bottles } : {}), pid: process.pid });
  } catch (e) {
    if (e instanceof ControlClientError) throw new UsageError(e.message, e.code === 'CORK_RUNTIME_NOT_RUNNING' ? EXIT.usage : EXIT.policy);
    throw e;
  }
  const close = () => callControl(stateDir, 'DELETE', `/v1/sessions/${reply.id}`).catch(() => undefined);
  try {
    return await launchIn(reply, opts.command);
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
    return await launchIn(replyOf(session), command, tracker);
  } finally {
    tracker.sessions.close(session.id);
  }
}

async function launchIn(
  reply: OpenSessionReply,
  command: string[],
  tracker?: { track(c: { kill(s?: NodeJS.Signals): boolean }): void; untrack(c: { kill(s?: NodeJS.Signals): boolean }): void },
): Promise<number> {
  const built = buildSessionEnv(process.env, reply.credentialNames, { env: reply.env }, { listen: reply.listen, sessionId: reply.id, token: reply.token, key: reply.key }, promptOnTerminal);
  if ('missing' in built) {
    throw new UsageError(`the bottle asks for values at launch and there is no terminal to ask: set ${built.missing.join(', ')} in the environment`);
  }
  const { child, exited } = launch(command, built.env);
  tracker?.track(child);
  const code = await exited;
  tracker?.untrack(child);
  return code;
}
