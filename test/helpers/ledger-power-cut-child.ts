// For test/ledger-power-loss.test.ts: writes usage rows to the SQLite store
// in <dir> through the real VFS, with node:fs wrapped as a disk that loses
// power after <cutAfter> writes, truncates and syncs. What the disk keeps is
// what a power loss keeps:
// - a file's content as of its last fsync/fdatasync, plus a random subset
//   of the writes and truncates made since (applied in order: pages may
//   reach the platter or not, whichever the drive chose);
// - a file created, or deleted, since the directory's last fsync may or may
//   not be there (a coin toss each).
// From the cut on, every open, write, truncate, sync and delete fails, as a
// dead disk's would. The child then writes the kept state over the real
// files, and exits.
//
// stdout: `inflight <ids>` before each batch, `acked <ids>` once its commit
// returned, `cut` when the power went, `closed` if it never did.
//
//   node --import tsx test/helpers/ledger-power-cut-child.ts <dir> <run> <cutAfter> <seed>
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageRow } from './ledger-rows.ts';

const [dir, run, cutAfterArg, seedArg] = process.argv.slice(2) as [string, string, string, string];
const cutAfter = Number(cutAfterArg);
// A small deterministic generator: a failing run can be replayed from its seed.
let seed = Number(seedArg) >>> 0 || 1;
const coin = (): boolean => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return ((seed >>> 0) & 1) === 1;
};

type Op = { kind: 'write'; at: number; data: Buffer } | { kind: 'truncate'; size: number };
interface Tracked {
  /** Content as of the last sync; null: not there as far as the disk has promised. */
  durable: Buffer | null;
  /** Writes and truncates since that sync. */
  pending: Op[];
  /** Created or deleted since the directory's last sync: whether that change survives a cut is a coin toss. */
  entryPending: boolean;
  /** Whether the file was there as of the directory's last sync (meaningful while entryPending). */
  entryBefore: boolean;
}

const real = { ...fs };
const files = new Map<string, Tracked>();
const fds = new Map<number, string>();
let ops = 0;
let dead = false;

const tracked = (path: string): Tracked => {
  let t = files.get(path);
  if (!t) {
    // A file the disk had before this run: all of it is durable.
    t = { durable: real.existsSync(path) ? real.readFileSync(path) : null, pending: [], entryPending: false, entryBefore: false };
    files.set(path, t);
  }
  return t;
};

class PowerCut extends Error {
  constructor() {
    super('power cut');
  }
}

/** Counts a disk operation; the one at `cutAfter` and all after it fail. */
function step(): void {
  if (dead) throw new PowerCut();
  if (++ops >= cutAfter) {
    dead = true;
    throw new PowerCut();
  }
}

const wrapped = {
  openSync(path: fs.PathLike, flags: fs.OpenMode = 'r', mode?: fs.Mode | null): number {
    if (dead) throw new PowerCut();
    const p = path instanceof URL ? fileURLToPath(path) : String(path);
    const existed = real.existsSync(p);
    if (existed && real.statSync(p).isDirectory()) {
      // Opened to be synced (a new journal's name must survive a crash).
      const fd = real.openSync(path, flags, mode);
      fds.set(fd, p);
      return fd;
    }
    const t = tracked(p);
    const fd = real.openSync(path, flags, mode);
    if (!existed) {
      // A new incarnation (the runs here never recreate a file they deleted, but be exact if one does).
      t.durable = null;
      t.pending = [];
      changeEntry(t, false);
    }
    fds.set(fd, p);
    return fd;
  },
  closeSync(fd: number): void {
    fds.delete(fd);
    real.closeSync(fd);
  },
  writeSync(fd: number, buffer: NodeJS.ArrayBufferView, offset?: number | null, length?: number | null, position?: number | null): number {
    step();
    const view = buffer as Uint8Array;
    const at = position ?? 0;
    const n = real.writeSync(fd, view, offset, length, position);
    const path = fds.get(fd);
    if (path) tracked(path).pending.push({ kind: 'write', at, data: Buffer.from(view.subarray(offset ?? 0, (offset ?? 0) + n)) });
    return n;
  },
  ftruncateSync(fd: number, len?: number): void {
    step();
    real.ftruncateSync(fd, len);
    const path = fds.get(fd);
    if (path) tracked(path).pending.push({ kind: 'truncate', size: len ?? 0 });
  },
  fdatasyncSync(fd: number): void {
    step();
    real.fdatasyncSync(fd);
    syncFile(fd);
  },
  fsyncSync(fd: number): void {
    step();
    real.fsyncSync(fd);
    const path = fds.get(fd);
    if (path && real.statSync(path).isDirectory()) {
      // The directory's entries are durable now: files created are there, files deleted are gone.
      for (const [p, t] of files) {
        if (dirname(p) !== path) continue;
        t.entryPending = false;
        if (!real.existsSync(p)) t.durable = null;
      }
    } else syncFile(fd);
  },
  unlinkSync(path: fs.PathLike): void {
    step();
    const p = String(path);
    changeEntry(tracked(p), true);
    real.unlinkSync(p);
  },
};

/** A file created (`before` false) or deleted (`before` true) since the directory's last sync. */
function changeEntry(t: Tracked, before: boolean): void {
  if (!t.entryPending) t.entryBefore = before;
  t.entryPending = true;
}

function syncFile(fd: number): void {
  const path = fds.get(fd);
  if (!path) return;
  const t = tracked(path);
  t.durable = real.readFileSync(path);
  t.pending = [];
}

// node:fs's own helpers (readFileSync, writeFileSync) call these through
// the module object: a call made from inside a wrapper goes straight to the
// disk, uncounted and untracked.
let inside = false;
const guarded = Object.fromEntries(
  Object.entries(wrapped).map(([name, f]) => [
    name,
    (...args: unknown[]) => {
      if (inside) return (real as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
      inside = true;
      try {
        return (f as (...a: unknown[]) => unknown)(...args);
      } finally {
        inside = false;
      }
    },
  ]),
);
Object.assign(fs, guarded);
// The VFS imports these by name: point its bindings at the wrapped disk.
syncBuiltinESMExports();

/** What the disk holds after the cut, written over the real files. */
function keepWhatTheDiskKept(): void {
  for (const [path, t] of files) {
    // A directory change not yet synced: the entry as it is now, or as it was.
    const there = t.entryPending && !coin() ? t.entryBefore : real.existsSync(path);
    let content: Buffer | null = there ? Buffer.from(t.durable ?? Buffer.alloc(0)) : null;
    if (content !== null) {
      for (const op of t.pending) {
        if (!coin()) continue;
        if (op.kind === 'truncate') content = content.subarray(0, op.size);
        else {
          const end = op.at + op.data.length;
          if (end > content.length) content = Buffer.concat([content, Buffer.alloc(end - content.length)]);
          op.data.copy(content, op.at);
        }
      }
    }
    if (content === null) real.rmSync(path, { force: true });
    else real.writeFileSync(path, content);
  }
}

const { SqliteStore } = await import('../../runtime/state/sqlite/sqlite-store.ts');
const dbPath = join(dir, 'ledger.db');
const say = (line: string) => process.stdout.write(`${line}\n`);
try {
  const store = await SqliteStore.open(dbPath);
  for (let b = 0; b < 40; b++) {
    const ids = Array.from({ length: 5 }, (_, i) => `p${run}-${b}-${i}`);
    say(`inflight ${ids.join(' ')}`);
    store.write(
      ids.map(() => 'usage'),
      ids.map((id, i) => usageRow(b * 5 + i, { request_id: id })),
    );
    say(`acked ${ids.join(' ')}`);
  }
  // A clean close checkpoints the WAL into the database and removes it: the cut can land in there too.
  store.close();
  say('closed');
} catch (e) {
  if (!dead) throw e;
  say('cut');
}
if (dead) {
  inside = true;
  keepWhatTheDiskKept();
}
process.stderr.write(`${basename(dbPath)}: ${ops} disk operations\n`);
process.exit(0);
