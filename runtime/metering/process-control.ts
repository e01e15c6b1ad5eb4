// Stopping, continuing and ending a session's processes for freeze, resume
// and kill. The target is the session's process group — the agent and
// every tool it started — when the launcher reported one that is not the
// runtime's own; otherwise the reported processes one by one, so the
// runtime never signals itself or the group it runs in.
import { readFileSync } from 'node:fs';

export interface SessionProcesses {
  /** The launcher (`cork run`) and the command it started. */
  readonly pids: readonly number[];
  /** The process group the command runs in, if known. */
  readonly pgid?: number;
}

/** Signals the session's processes; returns how many targets took the signal. */
export function signalSession(procs: SessionProcesses, signal: NodeJS.Signals): number {
  if (groupIsSafe(procs.pgid)) {
    if (send(-procs.pgid!, signal)) return 1;
  }
  let n = 0;
  for (const pid of procs.pids) if (pid > 1 && pid !== process.pid && send(pid, signal)) n++;
  return n;
}

/** Whether any of the session's processes is still there. */
export function sessionAlive(procs: SessionProcesses): boolean {
  if (groupIsSafe(procs.pgid) && send(-procs.pgid!, 0)) return true;
  return procs.pids.some((pid) => pid > 1 && pid !== process.pid && send(pid, 0));
}

/** A group may be signalled only when it is known not to be the runtime's own. */
function groupIsSafe(pgid: number | undefined): boolean {
  const own = ownProcessGroup();
  return pgid !== undefined && pgid > 1 && own !== undefined && pgid !== own;
}

function send(target: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(target, signal);
    return true;
  } catch {
    return false;
  }
}

let cached: number | undefined | null = null;

/**
 * This process's group, from /proc (Node has no getpgid). Undefined where
 * /proc is missing: then no group is ever signalled, only single pids.
 */
export function ownProcessGroup(): number | undefined {
  if (cached !== null) return cached;
  cached = processGroupOf(process.pid);
  return cached;
}

export function processGroupOf(pid: number): number | undefined {
  try {
    // Field 5 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count from its closing paren.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgrp = Number(fields[2]);
    return Number.isInteger(pgrp) && pgrp > 0 ? pgrp : undefined;
  } catch {
    return undefined;
  }
}
