// Opens a SQLite database file through the node:fs VFS with the settings
// the ledger's durability rests on: exclusive locking (WAL without shared
// memory), WAL, synchronous=FULL (every commit fsyncs the WAL).
import sqlite3InitModule, { type Database, type Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { LedgerError } from '../errors.ts';
import { installNodeFsVfs } from './node-fs-vfs.ts';

let loaded: Promise<Sqlite3Static> | undefined;

/** sqlite-wasm with the node:fs VFS registered; one instance per thread. */
export function loadSqlite(): Promise<Sqlite3Static> {
  return (loaded ??= sqlite3InitModule().then((sqlite3) => {
    // oo1 warns on stderr for every failed step; the ledger reports those errors itself.
    sqlite3.config.warn = () => {};
    installNodeFsVfs(sqlite3);
    return sqlite3;
  }));
}

export interface OpenDatabase {
  sqlite3: Sqlite3Static;
  db: Database;
}

export async function openDatabase(path: string): Promise<OpenDatabase> {
  const sqlite3 = await loadSqlite();
  let db: Database | undefined;
  try {
    db = new sqlite3.oo1.DB({ filename: path, flags: 'c', vfs: installNodeFsVfs(sqlite3) });
    // Before anything reads the file: a WAL database cannot be opened without shared memory otherwise.
    db.exec('PRAGMA locking_mode=EXCLUSIVE');
    const mode = db.selectValue('PRAGMA journal_mode=WAL');
    if (mode !== 'wal') throw new LedgerError('CORK_LEDGER_OPEN_FAILED', `${path}: journal_mode is ${String(mode)}, expected wal`);
    db.exec('PRAGMA synchronous=FULL');
    // Sorts and temporary indexes stay in memory: no temp files beside the ledger.
    db.exec('PRAGMA temp_store=MEMORY');
    return { sqlite3, db };
  } catch (e) {
    try {
      db?.close();
    } catch {
      // the open error is the one to report
    }
    throw asLedgerError(sqlite3, e, path);
  }
}

/** SQLite's corruption codes become CORK_LEDGER_CORRUPT; anything else keeps `fallback`. */
export function asLedgerError(sqlite3: Sqlite3Static, e: unknown, path: string, fallback: 'CORK_LEDGER_OPEN_FAILED' | 'CORK_LEDGER_WRITE_FAILED' | 'CORK_LEDGER_QUERY_FAILED' = 'CORK_LEDGER_OPEN_FAILED'): LedgerError {
  if (e instanceof LedgerError) return e;
  const rc = (e as { resultCode?: number }).resultCode;
  const primary = typeof rc === 'number' ? rc & 0xff : undefined;
  const { SQLITE_CORRUPT, SQLITE_NOTADB } = sqlite3.capi;
  if (primary === SQLITE_CORRUPT || primary === SQLITE_NOTADB) return new LedgerError('CORK_LEDGER_CORRUPT', `${path}: ${(e as Error).message}`);
  return new LedgerError(fallback, `${path}: ${(e as Error)?.message ?? String(e)}`);
}
