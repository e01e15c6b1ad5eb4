// Each session's budget standing, kept in the ledger's `budget_state` (one
// row per session and provider): the limit and the scope and source that set
// it, the current window's used and reserved tokens. The usage rows are the
// exact record of what was spent; these rows say which budget applied, so
// `cork usage` can show a stopped (or crashed) runtime's sessions against
// their budgets.
//
// Written when a session opens, when its state changes (cutoff, freeze,
// resume, kill, close, shutdown) and, while its requests settle, at most once
// per sweep (default 1 s): the sweep compares the book's epoch, which every
// settle bumps, so the proxy's hot path does nothing for it.
import type { Logger } from '../log.ts';
import type { BudgetStateRow, Ledger } from '../state/ledger.ts';
import type { SessionMetering } from './session-metering.ts';

/** What the recorder needs of a session. */
export interface BudgetedSession {
  readonly id: string;
  readonly metering: SessionMetering;
}

/** One row per provider that has a budget; traffic to providers without one is in the usage rows alone. */
export function budgetStateRows(s: BudgetedSession, now: number): BudgetStateRow[] {
  const rows: BudgetStateRow[] = [];
  for (const e of s.metering.book.snapshot()) {
    if (e.limit === null || e.scope === null) continue;
    rows.push({ session: s.id, provider: e.provider, scope: e.scope, limit: e.limit, used: e.used, reserved: e.reserved, window_start: e.windowStart, updated_at: now, source: e.source, window_ms: e.windowMs });
  }
  return rows;
}

export class BudgetStateRecorder {
  /** The book epoch last written, per session. */
  readonly #written = new WeakMap<SessionMetering, number>();
  #timer: NodeJS.Timeout | undefined;
  /** Writes are failing: logged once until one succeeds again (a sweep a second would flood the log). */
  #failing = false;

  constructor(
    private readonly ledger: Ledger,
    private readonly log: Logger,
  ) {}

  /** Writes the session's rows now. */
  record(s: BudgetedSession): void {
    this.#written.set(s.metering, s.metering.book.epoch);
    for (const row of budgetStateRows(s, Date.now())) {
      this.ledger.upsertBudgetState(row).then(
        () => {
          this.#failing = false;
        },
        (err: Error) => {
          if (this.#failing) return;
          this.#failing = true;
          this.log.error({ event: 'ledger-write-failed', session: s.id, err: err.message }, 'could not record budget state');
        },
      );
    }
  }

  /** Every `intervalMs`, the sessions whose books changed since their last rows. Does not hold the process open. */
  start(sessions: () => Iterable<BudgetedSession>, intervalMs = 1000): void {
    this.stop();
    this.#timer = setInterval(() => {
      for (const s of sessions()) if (this.#written.get(s.metering) !== s.metering.book.epoch) this.record(s);
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
