// One writer per state directory. Node has no advisory file locks, so the
// lock is a file holding the owner's pid, created atomically (written under
// a temporary name, then hard-linked into place, which fails if it exists).
// A lock whose pid is dead is stale: the owner crashed, and the next opener
// takes it over.
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LedgerError, LedgerLockedError } from './errors.ts';

export interface HeldLock {
  readonly path: string;
  release(): void;
}

/** Takes the lock at `path` or throws LedgerLockedError naming the live holder. */
export function acquireLock(path: string): HeldLock {
  mkdirSync(dirname(path), { recursive: true });
  const mine = `${process.pid}\n`;
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
      if (holder.pid !== undefined && isAlive(holder.pid)) throw new LedgerLockedError(path, holder.pid);
      removeStale(path, holder.text);
    }
    throw new LedgerError('CORK_LEDGER_OPEN_FAILED', `cannot take the ledger lock ${path}: it keeps changing hands`);
  } finally {
    unlinkSync(tmp);
  }
}

/** The lock's holder; `pid` is undefined when the file holds no pid (the lock is then stale). */
export function readLockHolder(path: string): { pid: number | undefined; text: string } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const pid = /^\s*(\d+)\s*$/.exec(text) ? Number(text.trim()) : undefined;
  return { pid: pid && pid > 0 ? pid : undefined, text };
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
