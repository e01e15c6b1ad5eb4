// The node:fs VFS under sqlite-wasm: databases are real files that survive
// close and reopen in WAL mode, stay intact while wasm memory grows under
// them, and a read past the end of a file zero-fills and says so, as SQLite
// requires of every VFS.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadSqlite, openDatabase } from '../runtime/state/sqlite/open-database.ts';
import { NODE_FS_VFS } from '../runtime/state/sqlite/node-fs-vfs.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'cork-vfs-'));
  dirs.push(d);
  return d;
}

describe('node:fs VFS', () => {
  test('a database is created on disk, and its rows survive close and reopen', async () => {
    const path = join(tmp(), 'a.sqlite');
    let { db } = await openDatabase(path);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    db.exec({ sql: 'INSERT INTO t (v) VALUES (?), (?), (?)', bind: ['one', 'two', 'thrée'] });
    db.close();
    assert.ok(statSync(path).size > 0);
    assert.ok(!existsSync(`${path}-wal`), 'a clean close checkpoints and removes the WAL');

    ({ db } = await openDatabase(path));
    try {
      assert.equal(db.selectValue('PRAGMA journal_mode'), 'wal');
      assert.equal(db.selectValue('PRAGMA integrity_check'), 'ok');
      assert.deepEqual(db.selectValues('SELECT v FROM t ORDER BY id'), ['one', 'two', 'thrée']);
    } finally {
      db.close();
    }
  });

  test('committed rows survive when the WAL is never checkpointed (the process dies open)', async () => {
    const path = join(tmp(), 'b.sqlite');
    const { db } = await openDatabase(path);
    db.exec('PRAGMA wal_autocheckpoint=0; CREATE TABLE t (v INTEGER)');
    db.exec('INSERT INTO t VALUES (1), (2), (3)');
    assert.ok(statSync(`${path}-wal`).size > 0, 'the commit went to the WAL');
    // Copy the files as a crash would leave them: the connection is never closed.
    const copy = join(tmp(), 'copy.sqlite');
    writeFileSync(copy, readFileSync(path));
    writeFileSync(`${copy}-wal`, readFileSync(`${path}-wal`));
    db.close();
    const reopened = (await openDatabase(copy)).db;
    try {
      assert.equal(reopened.selectValue('SELECT sum(v) FROM t'), 6);
      assert.equal(reopened.selectValue('PRAGMA integrity_check'), 'ok');
    } finally {
      reopened.close();
    }
  });

  test('many pages of large blobs while wasm memory grows: contents read back intact', async () => {
    const path = join(tmp(), 'c.sqlite');
    const { sqlite3, db } = await openDatabase(path);
    const memBefore = sqlite3.wasm.heap8u().byteLength;
    const blob = (i: number) => {
      const b = new Uint8Array(3 * 1024 * 1024 + i * 4099);
      for (let j = 0; j < b.length; j += 4096) b[j] = (i * 31 + j / 4096) & 0xff;
      return b;
    };
    const sums: string[] = [];
    db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB)');
    db.transaction((tx) => {
      for (let i = 0; i < 24; i++) {
        const b = blob(i);
        sums.push(sha(b));
        tx.exec({ sql: 'INSERT INTO blobs (b) VALUES (?)', bind: [b] });
      }
    });
    assert.ok(sqlite3.wasm.heap8u().byteLength > memBefore, `wasm memory should have grown past ${memBefore} bytes`);
    db.close();

    const again = (await openDatabase(path)).db;
    try {
      assert.equal(again.selectValue('PRAGMA integrity_check'), 'ok');
      const read = again.selectValues('SELECT b FROM blobs ORDER BY id') as Uint8Array[];
      assert.deepEqual(read.map(sha), sums);
      assert.ok(statSync(path).size > 24 * 3 * 1024 * 1024);
    } finally {
      again.close();
    }
  });

  test('a read past the end of the file zero-fills the rest and returns SQLITE_IOERR_SHORT_READ', async () => {
    const path = join(tmp(), 'short.bin');
    writeFileSync(path, Buffer.from('abcdef'));
    const { capi, wasm } = await loadSqlite();
    const vfs = new capi.sqlite3_vfs(capi.sqlite3_vfs_find(NODE_FS_VFS));
    const call = (fp: number, ...args: unknown[]) => (wasm.functionEntry(fp) as (...a: unknown[]) => number)(...args);
    const szOsFile = vfs.$szOsFile;
    const pFile = wasm.alloc(szOsFile) as number;
    const zName = wasm.allocCString(path, false);
    const pBuf = wasm.alloc(16) as number;
    const pOut = wasm.alloc(8) as number;
    try {
      wasm.heap8u().fill(0, pFile, pFile + szOsFile);
      assert.equal(call((vfs as unknown as { $xOpen: number }).$xOpen, vfs.pointer, zName, pFile, capi.SQLITE_OPEN_READWRITE | capi.SQLITE_OPEN_MAIN_DB, pOut), 0);
      const io = new capi.sqlite3_io_methods(new capi.sqlite3_file(pFile).$pMethods);
      const xRead = (io as unknown as { $xRead: number }).$xRead;
      const xClose = (io as unknown as { $xClose: number }).$xClose;

      wasm.heap8u().fill(0xee, pBuf, pBuf + 16);
      assert.equal(call(xRead, pFile, pBuf, 4, 1n), 0, 'a read inside the file succeeds');
      assert.equal(Buffer.from(wasm.heap8u().subarray(pBuf, pBuf + 4)).toString(), 'bcde');

      wasm.heap8u().fill(0xee, pBuf, pBuf + 16);
      assert.equal(call(xRead, pFile, pBuf, 16, 2n), capi.SQLITE_IOERR_SHORT_READ);
      assert.deepEqual([...wasm.heap8u().subarray(pBuf, pBuf + 16)], [...Buffer.from('cdef'), ...new Array(12).fill(0)]);

      wasm.heap8u().fill(0xee, pBuf, pBuf + 16);
      assert.equal(call(xRead, pFile, pBuf, 8, 4096n), capi.SQLITE_IOERR_SHORT_READ, 'entirely past the end');
      assert.deepEqual([...wasm.heap8u().subarray(pBuf, pBuf + 8)], new Array(8).fill(0));
      assert.equal(call(xClose, pFile), 0);
    } finally {
      for (const p of [pFile, zName, pBuf, pOut]) wasm.dealloc(p);
      vfs.dispose();
    }
  });

  test('a file that is not a database is reported as corrupt, not opened', async () => {
    const path = join(tmp(), 'junk.sqlite');
    writeFileSync(path, Buffer.alloc(8192, 'x'));
    await assert.rejects(openDatabase(path), { code: 'CORK_LEDGER_CORRUPT' });
  });
});

function sha(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}
