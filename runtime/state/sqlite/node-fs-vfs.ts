// A SQLite VFS over synchronous node:fs calls, so sqlite-wasm's database
// lives in a real file (its Node build only ships an in-memory file system).
// Wiring follows the package's own opfs-sahpool VFS: one io-methods struct
// shared by every open file, file state in a JS map keyed by the
// sqlite3_file pointer.
//
// Deliberately absent: file locks and shared memory. Node has neither; the
// database is guarded by a pid lock file (lock-file.ts) and opened with
// locking_mode=EXCLUSIVE, which is the mode WAL supports without xShm*.
import { randomFillSync, randomUUID } from 'node:crypto';
import { closeSync, constants, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, statSync, unlinkSync, accessSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Sqlite3Static } from '@sqlite.org/sqlite-wasm';

export const NODE_FS_VFS = 'cork-nodefs';

interface OpenFile {
  fd: number;
  path: string;
  lock: number;
}

const SECTOR_SIZE = 4096;
const MAX_PATHNAME = 1024;
// Julian day number of the Unix epoch, in ms: what xCurrentTimeInt64 counts from.
const UNIX_EPOCH_JD_MS = 210866760000000n;
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Registers the VFS once per sqlite3 instance (one per thread); returns its name. */
export function installNodeFsVfs(sqlite3: Sqlite3Static): string {
  const { capi, wasm } = sqlite3;
  if (capi.sqlite3_vfs_find(NODE_FS_VFS)) return NODE_FS_VFS;
  const files = new Map<number, OpenFile>();
  let lastError = '';
  const failed = (err: unknown, rc: number): number => {
    lastError = (err as Error)?.message ?? String(err);
    return rc;
  };
  const file = (p: unknown): OpenFile => files.get(Number(p))!;

  const io = new capi.sqlite3_io_methods();
  // Version 1: no xShm* methods, hence WAL only under locking_mode=EXCLUSIVE.
  (io as unknown as { $iVersion: number }).$iVersion = 1;
  const ioMethods = {
    xClose(pFile: number): number {
      const f = file(pFile);
      files.delete(Number(pFile));
      try {
        closeSync(f.fd);
        return 0;
      } catch (e) {
        return failed(e, capi.SQLITE_IOERR_CLOSE);
      }
    },
    xRead(pFile: number, pDest: number, n: number, offset: bigint): number {
      const f = file(pFile);
      const dest = Number(pDest);
      const at = Number(offset);
      try {
        // A fresh view every call: growing wasm memory detaches older ones.
        const heap = wasm.heap8u();
        let got = 0;
        while (got < n) {
          const r = readSync(f.fd, heap, dest + got, n - got, at + got);
          if (r === 0) break;
          got += r;
        }
        if (got < n) {
          // SQLite relies on the unread tail being zeroed.
          heap.fill(0, dest + got, dest + n);
          return capi.SQLITE_IOERR_SHORT_READ;
        }
        return 0;
      } catch (e) {
        return failed(e, capi.SQLITE_IOERR_READ);
      }
    },
    xWrite(pFile: number, pSrc: number, n: number, offset: bigint): number {
      const f = file(pFile);
      const src = Number(pSrc);
      const at = Number(offset);
      try {
        const heap = wasm.heap8u();
        let put = 0;
        while (put < n) put += writeSync(f.fd, heap, src + put, n - put, at + put);
        return 0;
      } catch (e) {
        return failed(e, (e as NodeJS.ErrnoException).code === 'ENOSPC' ? capi.SQLITE_FULL : capi.SQLITE_IOERR_WRITE);
      }
    },
    xTruncate(pFile: number, size: bigint): number {
      try {
        ftruncateSync(file(pFile).fd, Number(size));
        return 0;
      } catch (e) {
        return failed(e, capi.SQLITE_IOERR_TRUNCATE);
      }
    },
    xSync(pFile: number, _flags: number): number {
      // fdatasync, as SQLite's unix VFS does on Linux: it still commits a
      // changed file size, which is all a later read needs.
      try {
        fdatasyncSync(file(pFile).fd);
        return 0;
      } catch (e) {
        return failed(e, capi.SQLITE_IOERR_FSYNC);
      }
    },
    xFileSize(pFile: number, pSize: number): number {
      try {
        wasm.poke64(pSize, BigInt(fstatSync(file(pFile).fd).size));
        return 0;
      } catch (e) {
        return failed(e, capi.SQLITE_IOERR_FSTAT);
      }
    },
    xLock(pFile: number, level: number): number {
      file(pFile).lock = level;
      return 0;
    },
    xUnlock(pFile: number, level: number): number {
      file(pFile).lock = level;
      return 0;
    },
    xCheckReservedLock(pFile: number, pOut: number): number {
      wasm.poke32(pOut, file(pFile).lock >= capi.SQLITE_LOCK_RESERVED ? 1 : 0);
      return 0;
    },
    xFileControl: (): number => capi.SQLITE_NOTFOUND,
    xSectorSize: (): number => SECTOR_SIZE,
    // What SQLite's unix VFS assumes by default on Linux.
    xDeviceCharacteristics: (): number => capi.SQLITE_IOCAP_POWERSAFE_OVERWRITE,
  };

  const vfs = new capi.sqlite3_vfs();
  vfs.$iVersion = 2;
  vfs.$szOsFile = (capi.sqlite3_file as unknown as { structInfo: { sizeof: number } }).structInfo.sizeof;
  vfs.$mxPathname = MAX_PATHNAME;
  const vfsMethods = {
    xOpen(_pVfs: number, zName: number, pFile: number, flags: number, pOutFlags: number): number {
      const named = zName ? wasm.cstrToJs(zName) : null;
      const path = named || join(tmpdir(), `cork-sqlite-${randomUUID()}`);
      let mode = flags & capi.SQLITE_OPEN_READWRITE ? constants.O_RDWR : constants.O_RDONLY;
      if (flags & capi.SQLITE_OPEN_CREATE) mode |= constants.O_CREAT;
      if (flags & capi.SQLITE_OPEN_EXCLUSIVE) mode |= constants.O_EXCL;
      try {
        const existed = fileExists(path);
        const fd = openSync(path, mode, 0o600);
        // Temp files vanish at once: nothing is left behind even on a crash.
        if (flags & capi.SQLITE_OPEN_DELETEONCLOSE) unlinkSync(path);
        // A new journal or WAL must survive a crash by name, not only by content.
        else if (!existed) syncDir(path);
        files.set(Number(pFile), { fd, path, lock: capi.SQLITE_LOCK_NONE });
        const f = new capi.sqlite3_file(pFile);
        f.$pMethods = io.pointer;
        f.dispose();
        if (pOutFlags) wasm.poke32(pOutFlags, flags);
        return 0;
      } catch (e) {
        return failed(e, capi.SQLITE_CANTOPEN);
      }
    },
    xDelete(_pVfs: number, zName: number, _syncDir: number): number {
      const path = wasm.cstrToJs(zName)!;
      try {
        unlinkSync(path);
      } catch (e) {
        return failed(e, (e as NodeJS.ErrnoException).code === 'ENOENT' ? capi.SQLITE_IOERR_DELETE_NOENT : capi.SQLITE_IOERR_DELETE);
      }
      // Always, not only when asked: a journal that reappears after a crash is worse than one fsync.
      try {
        syncDir(path);
        return 0;
      } catch (e) {
        return failed(e, capi.SQLITE_IOERR_DIR_FSYNC);
      }
    },
    xAccess(_pVfs: number, zName: number, flags: number, pOut: number): number {
      const path = wasm.cstrToJs(zName)!;
      let ok: boolean;
      if (flags === capi.SQLITE_ACCESS_EXISTS) ok = fileExists(path);
      else {
        try {
          accessSync(path, flags === capi.SQLITE_ACCESS_READWRITE ? constants.R_OK | constants.W_OK : constants.R_OK);
          ok = true;
        } catch {
          ok = false;
        }
      }
      wasm.poke32(pOut, ok ? 1 : 0);
      return 0;
    },
    xFullPathname(_pVfs: number, zName: number, nOut: number, pOut: number): number {
      const bytes = Buffer.from(resolve(wasm.cstrToJs(zName)!), 'utf8');
      if (bytes.length + 1 > nOut) return capi.SQLITE_CANTOPEN;
      const heap = wasm.heap8u();
      heap.set(bytes, Number(pOut));
      heap[Number(pOut) + bytes.length] = 0;
      return 0;
    },
    xRandomness(_pVfs: number, n: number, pOut: number): number {
      randomFillSync(wasm.heap8u(), Number(pOut), n);
      return n;
    },
    xSleep(_pVfs: number, micros: number): number {
      Atomics.wait(sleepCell, 0, 0, Math.max(1, Math.round(micros / 1000)));
      return micros;
    },
    xCurrentTime(_pVfs: number, pOut: number): number {
      wasm.poke64f(pOut, 2440587.5 + Date.now() / 864e5);
      return 0;
    },
    xCurrentTimeInt64(_pVfs: number, pOut: number): number {
      wasm.poke64(pOut, UNIX_EPOCH_JD_MS + BigInt(Date.now()));
      return 0;
    },
    xGetLastError(_pVfs: number, nOut: number, pOut: number): number {
      if (nOut <= 0) return 0;
      const bytes = Buffer.from(lastError, 'utf8').subarray(0, nOut - 1);
      const heap = wasm.heap8u();
      heap.set(bytes, Number(pOut));
      heap[Number(pOut) + bytes.length] = 0;
      return 0;
    },
  };
  // The .d.ts types offsets as number; they arrive as BigInt (WASM_BIGINT).
  sqlite3.vfs.installVfs({
    io: { struct: io, methods: ioMethods as never },
    vfs: { struct: vfs, methods: vfsMethods as never, name: NODE_FS_VFS },
  });
  return NODE_FS_VFS;
}

/** What SQLite's unix VFS calls existing: an empty file is a journal that is not there. */
function fileExists(path: string): boolean {
  try {
    const st = statSync(path);
    return !st.isFile() || st.size > 0;
  } catch {
    return false;
  }
}

function syncDir(path: string): void {
  const fd = openSync(dirname(path), constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
