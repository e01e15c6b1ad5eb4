// `cork usage` when no runtime runs on the state dir (stopped, or crashed):
// the sessions and budgets as the ledger last recorded them, with what was
// used counted again from the committed usage rows (exact even after a
// crash, when the last budget_state rows may be a second old). Nothing is in
// flight any more, so nothing is reserved. Like `cork ledger export`, the
// database is opened directly, and a lock left by a dead runtime is taken over.
import { existsSync } from 'node:fs';
import type { SessionUsage } from '../../runtime/control/protocol.ts';
import { chargedTokens } from '../../runtime/metering/budget-book.ts';
import { LedgerError, LedgerLockedError } from '../../runtime/state/errors.ts';
import { ledgerPaths, openLedger, type BudgetStateRow, type Ledger, type SessionRow } from '../../runtime/state/ledger.ts';
import { UsageError } from '../io.ts';

/** A session as the ledger recorded it: its state may also be `ended`. */
export type RecordedUsage = Omit<SessionUsage, 'state' | 'cutoff'> & { state: SessionRow['state']; endedAt: number | null };

export async function usageFromLedger(stateDir: string, session: string | undefined): Promise<RecordedUsage[]> {
  // Never create a ledger by asking a mistyped directory.
  if (!existsSync(ledgerPaths(stateDir).db)) throw new UsageError(`no cork runtime is running on ${stateDir}, and it has no ledger (${ledgerPaths(stateDir).db} does not exist)`);
  let ledger: Ledger;
  try {
    ledger = await openLedger(stateDir);
  } catch (e) {
    // The lock's holder is alive but its control socket did not answer: a runtime still starting, or stopping.
    if (e instanceof LedgerLockedError) throw new UsageError(`the runtime on ${stateDir} (pid ${e.holderPid}) holds its ledger but does not answer on its control socket; try again`);
    if (e instanceof LedgerError) throw new UsageError(`cannot open the ledger in ${stateDir}: ${e.message} (${e.code})`);
    throw e;
  }
  try {
    const sessions = await ledger.listSessions(session ? { id: session } : {});
    if (session && sessions.length === 0) throw new UsageError(`no session ${session} in the ledger in ${stateDir}`);
    const budgets = new Map<string, BudgetStateRow[]>();
    for (const b of await ledger.listBudgetState(session ? { session } : {})) budgets.set(b.session, [...(budgets.get(b.session) ?? []), b]);
    const out: RecordedUsage[] = [];
    for (const s of sessions) {
      const rows: RecordedUsage['budgets'] = [];
      const own = budgets.get(s.id) ?? [];
      for (const b of own) {
        // A windowed budget counts its last recorded window.
        const [t] = await ledger.usageTotals({ session: s.id, provider: b.provider, ...(b.window_start === null ? {} : { since: b.window_start }) });
        rows.push({ provider: b.provider, limit: b.limit, used: t ? chargedTokens(t) : 0, reserved: 0, windowStart: b.window_start, windowMs: b.window_ms, scope: b.scope, source: b.source });
      }
      // Providers it used with no budget.
      for (const t of await ledger.usageTotals({ session: s.id })) {
        if (!own.some((b) => b.provider === t.provider)) rows.push({ provider: t.provider, limit: null, used: chargedTokens(t), reserved: 0, windowStart: null, windowMs: null, scope: null, source: null });
      }
      rows.sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0));
      out.push({ session: s.id, agent: s.agent, bottles: s.bottles, state: s.state, endedAt: s.ended_at, budgets: rows });
    }
    return out;
  } finally {
    await ledger.close().catch(() => undefined);
  }
}
