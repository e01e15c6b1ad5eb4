// The ledger through its interface (worker thread, group commit): rows
// recorded come back in totals and exports; migrations run once; one opener
// per state dir, a dead opener's lock is taken over; a bad row fails alone;
// a dead worker fails every pending and future call.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { LedgerError } from '../runtime/state/errors.ts';
import { ledgerPaths, openLedger, type Ledger, type LedgerStall, type UsageRow } from '../runtime/state/ledger.ts';
import { MIGRATIONS, migrate } from '../runtime/state/migrations.ts';
import { openDatabase } from '../runtime/state/sqlite/open-database.ts';
import { actionRow, decisionRow, usageRow } from './helpers/ledger-rows.ts';
import { ROOT, tmpDir, waitFor } from './helpers/runtime-harness.ts';
import { processStartTime } from '../runtime/state/lock-file.ts';

async function collect(it: AsyncIterable<Record<string, unknown>>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const r of it) out.push(r);
  return out;
}

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('ledger round trip', { timeout: 60_000 }, () => {
  test('group commit: rows that follow a batch within the interval wait for it and go as one; flush() does not wait', async () => {
    const dir = tmpDir('cork-ledger-group-');
    const ledger = await openLedger(dir, { commitIntervalMs: 1000 });
    try {
      const t0 = performance.now();
      await ledger.recordUsage(usageRow(1)); // after a quiet spell: sent at once
      const first = performance.now() - t0;
      assert.ok(first < 1000, `the first row did not wait for the interval (${first.toFixed(0)} ms)`);
      const done: number[] = [];
      const later = [2, 3, 4].map((i) => ledger.recordUsage(usageRow(i)).then(() => done.push(performance.now() - t0)));
      await Promise.all(later);
      // A timer cannot fire early: the batch went no sooner than the interval after the first.
      for (const ms of done) assert.ok(ms >= 999, `row committed ${ms.toFixed(0)} ms after the first batch was sent`);
      assert.ok(Math.max(...done) - Math.min(...done) < 500, `one batch: ${done.map((x) => x.toFixed(0)).join(', ')} ms`);
      // Inside the next interval, a flush sends what is queued without waiting for it.
      const t1 = performance.now();
      void ledger.recordUsage(usageRow(5));
      await ledger.flush();
      assert.ok(performance.now() - t1 < 900, `flush waited ${(performance.now() - t1).toFixed(0)} ms`);
      assert.equal((await collect(ledger.exportRows({ kind: 'usage' }))).length, 5);
    } finally {
      await ledger.close();
    }
  });

  test('recorded rows come back from usageTotals and exportRows, in order and with every field', async () => {
    const dir = tmpDir('cork-ledger-');
    const ledger = await openLedger(dir, { exportPageSize: 7 });
    try {
      const rows = Array.from({ length: 100 }, (_, i) => usageRow(i, { ts: Date.UTC(2026, 0, 1, 0, 0, i) }));
      await Promise.all(rows.map((r) => ledger.recordUsage(r)));
      await Promise.all([ledger.recordDecision(decisionRow(1)), ledger.recordDecision(decisionRow(2, { session: null, agent: null, detail: undefined })), ledger.recordAction(actionRow(1))]);
      await ledger.flush();

      const exported = await collect(ledger.exportRows({ kind: 'usage' }));
      assert.equal(exported.length, 100, 'pages of 7 add up to every row');
      assert.deepEqual(exported[3], {
        ts: '2026-01-01T00:00:03.000Z',
        session: 'sess-3',
        agent: 'reviewer',
        bottles: ['github', 'anthropic'],
        provider: 'openai',
        model: null,
        host: 'api.openai.com',
        request_id: 'req-3',
        input_tokens: 1003,
        output_tokens: 200,
        cache_creation_input_tokens: 10,
        cache_read_input_tokens: 500,
        estimated: false,
        bundle_digest: rows[0]!.bundle_digest,
      });
      assert.deepEqual(exported.map((r) => r.request_id), rows.map((r) => r.request_id));
      assert.equal(exported[5]!.estimated, true);

      const since = await collect(ledger.exportRows({ kind: 'usage', since: Date.UTC(2026, 0, 1, 0, 0, 90) }));
      assert.deepEqual(since.map((r) => r.request_id), rows.slice(90).map((r) => r.request_id));

      const decisions = await collect(ledger.exportRows({ kind: 'decisions' }));
      assert.equal(decisions.length, 2);
      assert.deepEqual(decisions[0]!.detail, { n: 1, why: ['a', 'b'] });
      assert.equal(decisions[1]!.detail, null);
      assert.equal(decisions[1]!.session, null);
      await assert.rejects(collect(ledger.exportRows({ kind: 'sessions' as 'usage' })), { code: 'CORK_LEDGER_QUERY_FAILED' });
      const actions = await collect(ledger.exportRows({ kind: 'actions' }));
      assert.deepEqual(Object.keys(actions[0]!), ['ts', 'session', 'action', 'actor', 'reason', 'bundle_digest']);

      const want = (pred: (r: UsageRow) => boolean) => {
        const sel = rows.filter(pred);
        return { input: sel.reduce((a, r) => a + r.input_tokens, 0), rows: sel.length };
      };
      const totals = await ledger.usageTotals({});
      assert.deepEqual(totals.map((t) => t.provider), ['anthropic', 'openai']);
      const anth = totals[0]!;
      assert.equal(anth.rows, want((r) => r.provider === 'anthropic').rows);
      assert.equal(anth.input_tokens, want((r) => r.provider === 'anthropic').input);
      assert.equal(anth.output_tokens, 200 * anth.rows);
      assert.equal(anth.cache_creation_input_tokens, 10 * anth.rows);
      assert.equal(anth.cache_read_input_tokens, 500 * anth.rows);
      const one = await ledger.usageTotals({ session: 'sess-2', provider: 'anthropic', agent: 'coder', since: Date.UTC(2026, 0, 1, 0, 0, 50) });
      const exp = want((r) => r.session === 'sess-2' && r.provider === 'anthropic' && r.agent === 'coder' && r.ts >= Date.UTC(2026, 0, 1, 0, 0, 50));
      assert.deepEqual(one.map((t) => [t.rows, t.input_tokens]), [[exp.rows, exp.input]]);
      assert.deepEqual(await ledger.usageTotals({ session: 'nobody' }), []);
    } finally {
      await ledger.close();
    }
  });

  test('sessions and budget state are upserted by key and read back', async () => {
    const dir = tmpDir('cork-ledger-');
    const ledger = await openLedger(dir);
    try {
      const s = { id: 's1', agent: 'coder', bottles: ['b'], started_at: 1000, ended_at: null, pid: 42, state: 'active' as const, bundle_digest: 'd' };
      await ledger.upsertSession(s);
      await ledger.upsertSession({ ...s, state: 'ended', ended_at: 2000 });
      await ledger.upsertSession({ ...s, id: 's2', started_at: 1500 });
      assert.deepEqual(await ledger.listSessions({ id: 's1' }), [{ ...s, state: 'ended', ended_at: 2000 }]);
      assert.deepEqual((await ledger.listSessions({ state: 'active' })).map((r) => r.id), ['s2']);
      const b = { session: 's1', provider: 'anthropic', scope: 'agent' as const, limit: 100000, used: 10, reserved: 5, window_start: null, updated_at: 1, source: 'agent coder', window_ms: null };
      // Queued back to back: the later upsert must win, so order is kept inside a batch.
      await Promise.all([ledger.upsertBudgetState(b), ledger.upsertBudgetState({ ...b, used: 20.5, updated_at: 2 }), ledger.upsertBudgetState({ ...b, scope: 'global' })]);
      assert.deepEqual(await ledger.listBudgetState({ session: 's1' }), [{ ...b, used: 20.5, updated_at: 2 }, { ...b, scope: 'global' }]);
    } finally {
      await ledger.close();
    }
  });

  test('rows survive close and reopen; migrations run once (one schema_versions row per version)', async () => {
    const dir = tmpDir('cork-ledger-');
    for (let round = 0; round < 3; round++) {
      const ledger = await openLedger(dir);
      await ledger.recordUsage(usageRow(round));
      await ledger.close();
    }
    const ledger = await openLedger(dir);
    assert.equal((await ledger.usageTotals({})).reduce((a, t) => a + t.rows, 0), 3);
    await ledger.close();
    assert.ok(!existsSync(`${ledgerPaths(dir).db}-wal`), 'close checkpoints the WAL into the database');
    assert.ok(!existsSync(ledgerPaths(dir).lock), 'close releases the lock');

    const { db } = await openDatabase(ledgerPaths(dir).db);
    try {
      assert.deepEqual(db.selectArrays('SELECT version, count(*) FROM schema_versions GROUP BY version ORDER BY version'), MIGRATIONS.map((m) => [m.version, 1]));
      assert.equal(db.selectValue('PRAGMA integrity_check'), 'ok');
    } finally {
      db.close();
    }
  });

  test('a second openLedger on the same state dir is refused with CORK_LEDGER_LOCKED naming the holder', async () => {
    const dir = tmpDir('cork-ledger-');
    const first = await openLedger(dir);
    try {
      await assert.rejects(openLedger(dir), (e: LedgerError & { holderPid?: number }) => {
        assert.equal(e.code, 'CORK_LEDGER_LOCKED');
        assert.equal(e.holderPid, process.pid);
        assert.ok(e.message.includes(ledgerPaths(dir).lock), e.message);
        assert.ok(e.message.includes(String(process.pid)), e.message);
        return true;
      });
      await first.recordUsage(usageRow(1)); // the refused opener did not disturb the holder
    } finally {
      await first.close();
    }
    const again = await openLedger(dir);
    await again.close();
  });

  test('a lock left by a dead process (or holding no pid) is taken over', async () => {
    for (const content of [`${deadPid()}\n`, '', 'garbage']) {
      const dir = tmpDir('cork-ledger-');
      writeFileSync(ledgerPaths(dir).lock, content);
      const ledger = await openLedger(dir);
      try {
        assert.equal(readFileSync(ledgerPaths(dir).lock, 'utf8'), `${process.pid} ${processStartTime(process.pid)}\n`);
        await ledger.recordUsage(usageRow(1));
      } finally {
        await ledger.close();
      }
    }
  });

  test('a pid reused after a crash does not keep the lock: the start time tells the processes apart', async () => {
    const myStart = processStartTime(process.pid)!;
    assert.match(myStart, /^\d+$/, 'this runs on Linux with /proc');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      await waitFor('the child to start', () => processStartTime(child.pid!) !== undefined);
      const childStart = processStartTime(child.pid!)!;
      // A container restarted after a crash: the new runtime has the old one's pid; so may any live process.
      for (const stale of [`${process.pid} ${Number(myStart) - 1}\n`, `${child.pid} ${Number(childStart) + 1}\n`]) {
        const dir = tmpDir('cork-ledger-');
        writeFileSync(ledgerPaths(dir).lock, stale);
        const ledger = await openLedger(dir);
        await ledger.recordUsage(usageRow(1));
        await ledger.close();
      }
      // The process the lock names, still running: refused, old format (pid only) too.
      for (const live of [`${child.pid} ${childStart}\n`, `${child.pid}\n`]) {
        const dir = tmpDir('cork-ledger-');
        writeFileSync(ledgerPaths(dir).lock, live);
        await assert.rejects(openLedger(dir), (e: LedgerError & { holderPid?: number }) => e.code === 'CORK_LEDGER_LOCKED' && e.holderPid === child.pid);
        assert.equal(readFileSync(ledgerPaths(dir).lock, 'utf8'), live, 'a refused opener leaves the lock alone');
      }
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('a row the schema refuses rejects alone with CORK_LEDGER_BAD_ROW; its batch commits', async () => {
    const dir = tmpDir('cork-ledger-');
    const ledger = await openLedger(dir);
    try {
      const results = await Promise.allSettled([
        ledger.recordUsage(usageRow(1)),
        ledger.recordUsage({ ...usageRow(2), ts: 'yesterday' as unknown as number }),
        ledger.recordUsage({ ...usageRow(3), session: undefined as unknown as string }),
        ledger.recordUsage({ ...usageRow(4), input_tokens: 1.5 }),
        ledger.recordUsage(usageRow(5)),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled']);
      for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as LedgerError).code, 'CORK_LEDGER_BAD_ROW');
      await assert.rejects(Promise.all([ledger.recordUsage(usageRow(6)), ledger.flush(), ledger.recordUsage({ ...usageRow(7), agent: {} as unknown as string })]), { code: 'CORK_LEDGER_BAD_ROW' });
      assert.deepEqual((await collect(ledger.exportRows({ kind: 'usage' }))).map((r) => r.request_id), ['req-1', 'req-5', 'req-6']);
    } finally {
      await ledger.close();
    }
  });

  test('after close every call rejects with CORK_LEDGER_CLOSED; close is idempotent', async () => {
    const ledger = await openLedger(tmpDir('cork-ledger-'));
    const pending = ledger.recordUsage(usageRow(1));
    await ledger.close();
    await pending; // queued before close: flushed by it
    await ledger.close();
    await assert.rejects(ledger.recordUsage(usageRow(2)), { code: 'CORK_LEDGER_CLOSED' });
    await assert.rejects(ledger.usageTotals({}), { code: 'CORK_LEDGER_CLOSED' });
  });

  test('a worker that dies fails every pending and future call (fail closed) and frees the lock', async () => {
    const dir = tmpDir('cork-ledger-');
    const crashing = join(dir, 'crashing-worker.mjs');
    writeFileSync(crashing, `import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => { if (m.type === 'write') process.exit(3); });\n`);
    const ledger: Ledger = await openLedger(dir, { workerFile: crashing });
    const pending = [ledger.recordUsage(usageRow(1)), ledger.recordDecision(decisionRow(1)), ledger.flush()];
    for (const p of pending) await assert.rejects(p, { code: 'CORK_LEDGER_WORKER_FAILED' });
    await assert.rejects(ledger.recordUsage(usageRow(2)), { code: 'CORK_LEDGER_WORKER_FAILED' });
    await assert.rejects(ledger.usageTotals({}), { code: 'CORK_LEDGER_WORKER_FAILED' });
    await assert.rejects(ledger.close(), { code: 'CORK_LEDGER_WORKER_FAILED' });
    const real = await openLedger(dir);
    await real.close();
  });

  test('a disk that stops committing is reported once, and again when commits resume; the rows then land', async () => {
    const dir = tmpDir('cork-ledger-');
    // The real worker, with writes held back for 700 ms from the first: a disk that hangs, then recovers.
    const stalling = join(dir, 'stalling-worker.mjs');
    writeFileSync(stalling, `import { parentPort } from 'node:worker_threads';
const held = [];
let open = false;
const realOn = parentPort.on.bind(parentPort);
parentPort.on = (event, fn) => realOn(event, event !== 'message' ? fn : (m) => {
  if (m.type !== 'write' || open) return fn(m);
  if (held.length === 0) setTimeout(() => { open = true; for (const x of held.splice(0)) fn(x); }, 700);
  held.push(m);
});
await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'ledger-worker.mjs')).href)});\n`);
    const stalls: LedgerStall[] = [];
    const ledger = await openLedger(dir, { workerFile: stalling, stallAfterMs: 150, onStall: (s) => stalls.push(s) });
    const written = [ledger.recordUsage(usageRow(1)), ledger.recordUsage(usageRow(2))];
    await waitFor('the stall report', () => stalls.length >= 1, 5_000);
    assert.equal(stalls[0]!.stalled, true);
    assert.ok(stalls[0]!.ms >= 150 && stalls[0]!.pending === 2, JSON.stringify(stalls[0]));
    // The disk comes back: the rows commit, and that is reported once too.
    await Promise.all(written);
    assert.deepEqual(stalls.map((x) => x.stalled), [true, false], 'one report each way, not one per check');
    assert.ok(stalls[1]!.ms >= 500, JSON.stringify(stalls[1]));
    assert.equal((await ledger.usageTotals({}))[0]?.rows, 2);
    await ledger.close();
  });

  test('a corrupt database fails openLedger with CORK_LEDGER_CORRUPT and leaves no lock behind', async () => {
    const dir = tmpDir('cork-ledger-');
    writeFileSync(ledgerPaths(dir).db, Buffer.alloc(16384, 'not a database '));
    await assert.rejects(openLedger(dir), { code: 'CORK_LEDGER_CORRUPT' });
    assert.ok(!existsSync(ledgerPaths(dir).lock));
  });

  test('a database from before migration 2 is upgraded in place: its budget rows stay, with no source or window', async () => {
    const dir = tmpDir('cork-ledger-');
    const { db } = await openDatabase(ledgerPaths(dir).db);
    migrate(db, MIGRATIONS.slice(0, 1));
    db.exec("INSERT INTO budget_state VALUES ('s1', 'anthropic', 'agent', 2000, 52, 0, NULL, 7)");
    db.close();
    const ledger = await openLedger(dir);
    try {
      assert.deepEqual(await ledger.listBudgetState({}), [{ session: 's1', provider: 'anthropic', scope: 'agent', limit: 2000, used: 52, reserved: 0, window_start: null, updated_at: 7, source: null, window_ms: null }]);
      await ledger.upsertBudgetState({ session: 's1', provider: 'anthropic', scope: 'agent', limit: 2000, used: 60, reserved: 0, window_start: null, updated_at: 8, source: 'agent coder', window_ms: 3_600_000 });
      assert.deepEqual((await ledger.listBudgetState({ session: 's1' })).map((b) => [b.used, b.source, b.window_ms]), [[60, 'agent coder', 3_600_000]]);
    } finally {
      await ledger.close();
    }
  });

  test('a database from a newer cork (unknown schema version) is refused, not written', async () => {
    const dir = tmpDir('cork-ledger-');
    await (await openLedger(dir)).close();
    const { db } = await openDatabase(ledgerPaths(dir).db);
    db.exec("INSERT INTO schema_versions VALUES (999, 'from the future', 0)");
    db.close();
    await assert.rejects(openLedger(dir), { code: 'CORK_LEDGER_SCHEMA_NEWER' });
  });

  test('queue bound: rows beyond maxQueued are refused with CORK_LEDGER_QUEUE_FULL, not dropped', async () => {
    const ledger = await openLedger(tmpDir('cork-ledger-'), { maxQueued: 10 });
    try {
      const results = await Promise.allSettled(Array.from({ length: 15 }, (_, i) => ledger.recordUsage(usageRow(i))));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 10);
      for (const r of results.slice(10)) assert.equal(r.status === 'rejected' && (r.reason as LedgerError).code, 'CORK_LEDGER_QUEUE_FULL');
      assert.equal((await ledger.usageTotals({})).reduce((a, t) => a + t.rows, 0), 10);
    } finally {
      await ledger.close();
    }
  });
});
