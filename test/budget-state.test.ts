// The runtime's record of each session's budget standing (budget-state.ts):
// which rows, when the sweep writes them, and a failing ledger logged once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import { budgetStateRows, BudgetStateRecorder, type BudgetedSession } from '../runtime/metering/budget-state.ts';
import type { EffectiveBudget, SessionBudgets } from '../runtime/metering/budgets.ts';
import { SessionMetering } from '../runtime/metering/session-metering.ts';
import type { BudgetStateRow, Ledger } from '../runtime/state/ledger.ts';

const budget: EffectiveBudget = { provider: 'anthropic', key: 'claude', tokens: 1000, windowMs: null, scope: 'agent', source: 'agent coder' };
const budgets: SessionBudgets = { byProvider: new Map([['anthropic', budget]]), cutoff: 'cutoff', cutoffSource: 'default', estimateFloor: 10 };

function session(id = 's1'): BudgetedSession {
  return { id, metering: new SessionMetering(budgets) };
}

/** A ledger that keeps the budget rows it is given, or fails them while `failing`. */
function fakeLedger() {
  const rows: BudgetStateRow[] = [];
  const state = { failing: false };
  const ledger = {
    upsertBudgetState: (row: BudgetStateRow) => (state.failing ? Promise.reject(new Error('disk gone')) : (rows.push(row), Promise.resolve())),
  } as unknown as Ledger;
  return { ledger, rows, state };
}

function logger() {
  const lines: Array<{ level: number; event?: string }> = [];
  return { log: pino({}, { write: (s: string) => void lines.push(JSON.parse(s)) }), lines };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('budget state', () => {
  test('one row per provider with a budget; traffic to a provider without one is left to the usage rows', () => {
    const s = session();
    const r = s.metering.book.reserve('claude', 100);
    assert.ok(r.ok);
    const other = s.metering.book.reserve('some-other', 5);
    assert.ok(other.ok);
    assert.deepEqual(budgetStateRows(s, 42), [
      { session: 's1', provider: 'anthropic', scope: 'agent', limit: 1000, used: 0, reserved: 100, window_start: null, updated_at: 42, source: 'agent coder', window_ms: null },
    ]);
  });

  test('the sweep writes a session again only after a settle moved its book', async () => {
    const { ledger, rows } = fakeLedger();
    const { log } = logger();
    const rec = new BudgetStateRecorder(ledger, log);
    const s = session();
    rec.record(s);
    assert.equal(rows.length, 1);
    rec.start(() => [s], 10);
    try {
      await tick(60);
      assert.equal(rows.length, 1, 'nothing changed: nothing written');
      const r = s.metering.book.reserve('claude', 100);
      assert.ok(r.ok);
      s.metering.book.settle(r.reservation, 250);
      await tick(60);
      assert.equal(rows.length, 2, 'one settle: one more row, however many sweeps');
      assert.deepEqual([rows[1]!.used, rows[1]!.reserved], [250, 0]);
    } finally {
      rec.stop();
    }
  });

  test('a failing ledger is logged once, and again only after a write succeeded in between', async () => {
    const { ledger, state } = fakeLedger();
    const { log, lines } = logger();
    const rec = new BudgetStateRecorder(ledger, log);
    const s = session();
    state.failing = true;
    for (let i = 0; i < 5; i++) rec.record(s);
    await tick(10);
    assert.equal(lines.filter((l) => l.event === 'ledger-write-failed').length, 1);
    state.failing = false;
    rec.record(s);
    await tick(10);
    state.failing = true;
    rec.record(s);
    rec.record(s);
    await tick(10);
    assert.equal(lines.filter((l) => l.event === 'ledger-write-failed').length, 2);
  });
});
