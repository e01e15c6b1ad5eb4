// One writer per state directory. Node has no advisory file locks, so the
// lock is a file naming the owner, created atomically (written under a
// temporary name, then hard-linked into place, which fails if it exists).
// A lock whose owner is gone is stale: the owner crashed, and the next
// opener takes it over.
//
// The owner is its pid and, on Linux, the process's start time. A pid alone
// is reused: a container restarted after a crash runs the new runtime under
// the same small pid, which would then find "itself" holding the old lock
// and refuse to start. With the start time the old lock names a process
// that no longer exists. Where /proc is missing, the pid alone decides.
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LedgerError, LedgerLockedError } from './errors.ts';

export interface HeldLock {
  readonly path: string;
  release(): void;
}

/** Takes the lock at `path` or throws LedgerLockedError naming the live holder. */
export function acquireLock(path: string): HeldLock {
  mkdirSync(dirname(path), { recursive: true });
  const start = processStartTime(process.pid);
  const mine = start === undefined ? `${process.pid}\n` : `${process.pid} ${start}\n`;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, mine, { mode: 0o600 });
  try {
    // Bounded: each round either takes the lock or removes one stale holder.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(tmp, path);
        return { path, release: () => releaseLock(path, mine) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new LedgerError('CORK_LEDGER_OPEN_FAILED', `cannot create the ledger lock ${path}: ${(e as Error).message}`);
      }
      const holder = readLockHolder(path);
      if (holder === undefined) continue; // released between our link and read
      if (holder.pid !== undefined && holderAlive(holder.pid, holder.start)) throw new LedgerLockedError(path, holder.pid);
      removeStale(path, holder.text);
    }
    throw new LedgerError('CORK_LEDGER_OPEN_FAILED', `cannot take the ledger lock ${path}: it keeps changing hands`);
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * The lock's holder; `pid` is undefined when the file holds no pid (the lock
 * is then stale), `start` when it was written without a start time.
 */
export function readLockHolder(path: string): { pid: number | undefined; start: string | undefined; text: string } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const m = /^\s*(\d+)(?:[ \t]+(\d+))?\s*$/.exec(text);
  const pid = m ? Number(m[1]) : undefined;
  return { pid: pid && pid > 0 ? pid : undefined, start: m?.[2], text };
}

/** When process `pid` started (Linux: clock ticks after boot, /proc/PID/stat field 22); undefined without /proc or without the process. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name start at field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process a lock names still runs: the same pid and, when the lock says, the same start time. */
export function holderAlive(pid: number, start: string | undefined): boolean {
  if (start !== undefined && existsSync('/proc/self/stat')) return processStartTime(pid) === start;
  return isAlive(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves the stale lock aside, then checks that what moved is the stale lock
 * that was read: two openers racing over one stale lock must not remove the
 * fresh lock the faster one just made.
 */
function removeStale(path: string, staleText: string): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== staleText) {
    try {
      linkSync(aside, path);
    } catch {
      // a third opener got in; it holds the lock now
    }
  }
  unlinkSync(aside);
}

function releaseLock(path: string, mine: string): void {
  try {
    // Only our own lock: after a takeover the file may belong to someone else.
    if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
  } catch {
    // already gone
  }
}
