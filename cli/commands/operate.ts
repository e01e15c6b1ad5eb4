// The operator's verbs over the control socket: `cork sessions`, `cork usage` (which reads the ledger when no runtime runs),
// and `cork cutoff|freeze|resume|kill <session>`. Nothing here goes through
// the agent-facing proxy.
import { resolve } from 'node:path';
import { callControl, ControlClientError } from '../../runtime/control/client.ts';
import type { EnforcementReply, SessionSummary, SessionUsage } from '../../runtime/control/protocol.ts';
import { EXIT, UsageError, out } from '../io.ts';
import { DEFAULT_STATE_DIR } from './runtime.ts';
import { type RecordedUsage, usageFromLedger } from './usage-from-ledger.ts';

interface Common {
  stateDir?: string;
  format?: string;
}

async function call<T>(opts: Common, method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await callControl<T>(stateDirOf(opts), method, path, body);
  } catch (e) {
    throw asUsageError(e);
  }
}

const stateDirOf = (opts: Common) => resolve(opts.stateDir ?? DEFAULT_STATE_DIR);

function asUsageError(e: unknown): unknown {
  if (e instanceof ControlClientError) return new UsageError(e.message, e.code === 'CORK_RUNTIME_NOT_RUNNING' || e.code === 'CORK_CONTROL_BAD_REQUEST' ? EXIT.usage : EXIT.policy);
  return e;
}

function format(opts: Common): 'text' | 'json' {
  const f = opts.format ?? 'text';
  if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json (got "${f}")`);
  return f;
}

export async function sessionsCommand(opts: Common): Promise<number> {
  const f = format(opts);
  const list = await call<SessionSummary[]>(opts, 'GET', '/v1/sessions');
  if (f === 'json') out(JSON.stringify(list, null, 2));
  else if (list.length === 0) out('no sessions');
  else {
    out(table(['SESSION', 'AGENT', 'BOTTLES', 'STATE', 'PID', 'OPENED'], list.map((s) => [s.id, s.agent, s.bottles.join(','), s.state, String(s.commandPid ?? s.pid ?? '-'), s.openedAt])));
  }
  return EXIT.ok;
}

/** A running runtime's figures over its control socket; with none running, the ledger's (usage-from-ledger.ts). */
export async function usageCommand(session: string | undefined, opts: Common): Promise<number> {
  const f = format(opts);
  const stateDir = stateDirOf(opts);
  let list: Array<SessionUsage | RecordedUsage>;
  try {
    list = await callControl<SessionUsage[]>(stateDir, 'GET', `/v1/usage${session ? `?session=${encodeURIComponent(session)}` : ''}`);
  } catch (e) {
    if (!(e instanceof ControlClientError) || e.code !== 'CORK_RUNTIME_NOT_RUNNING') throw asUsageError(e);
    list = await usageFromLedger(stateDir, session);
    process.stderr.write(`cork: no runtime is running on ${stateDir}; showing its sessions as the ledger recorded them\n`);
  }
  if (f === 'json') {
    out(JSON.stringify(list, null, 2));
    return EXIT.ok;
  }
  if (list.length === 0) {
    out('no sessions');
    return EXIT.ok;
  }
  const rows: string[][] = [];
  for (const s of list) {
    // Recorded active, yet no runtime runs: it stopped without closing the session (a crash, SIGKILL).
    const state = 'endedAt' in s && s.state === 'active' ? 'active, runtime gone' : s.state;
    if (s.budgets.length === 0) rows.push([s.session, s.agent, state, '-', '-', '-', '-', 'no metered use yet, no budget']);
    for (const b of s.budgets) {
      const pct = b.limit ? `${Math.floor((100 * b.used) / b.limit)}%` : '-';
      const window = b.windowMs ? ` per ${human(b.windowMs)}` : '';
      rows.push([s.session, s.agent, state, b.provider, `${b.used}`, b.limit === null ? 'unlimited' : `${b.limit}${window}`, pct, b.source ?? '-']);
    }
  }
  out(table(['SESSION', 'AGENT', 'STATE', 'PROVIDER', 'USED', 'BUDGET', '%', 'SET BY'], rows));
  return EXIT.ok;
}

export async function enforceCommand(action: 'cutoff' | 'freeze' | 'resume' | 'kill', session: string | undefined, opts: Common & { reason?: string }): Promise<number> {
  if (!session) throw new UsageError(`usage: cork ${action} <session> [--reason TEXT] [--state-dir DIR]  (cork sessions lists them)`);
  const f = format(opts);
  const reply = await call<EnforcementReply>(opts, 'POST', `/v1/sessions/${encodeURIComponent(session)}/${action}`, opts.reason ? { reason: opts.reason } : {});
  if (f === 'json') out(JSON.stringify(reply));
  else out(`${reply.session}: ${reply.state}${reply.signalled ? ` (signalled ${reply.signalled === 1 ? 'its process group' : `${reply.signalled} processes`})` : ''}`);
  return EXIT.ok;
}

function human(ms: number): string {
  for (const [unit, size] of [['w', 604_800_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms} ms`;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
