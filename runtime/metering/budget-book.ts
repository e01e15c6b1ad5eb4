// One session's token accounting, per provider family: reserve before a
// metered request, settle after it. Pure and synchronous: the runtime is
// single-threaded, so each call is atomic and concurrent requests cannot both
// take the last of a budget.
//
// Tokens charged per request = input + output + cache_creation + cache_read
// (the caller passes the sum). Cache reads are cheaper in money, but a token
// budget counts tokens; pricing is not the book's business.
//
// Overspend: a granted request only fits the budget if its reservation was an
// upper bound. When requests use more than they reserved, the budget can be
// exceeded by the sum of those overruns (of requests in flight together); a
// later request is refused as soon as settled usage shows it. Callers keep
// overruns small by cutting streams with wouldCross().
//
// Windows are fixed, counted from the book's creation (the session's start).
// A reservation belongs to the window it was made in: settling after that
// window ended charges the ended window, so an old request does not eat the
// new window's budget, and cannot cross a budget that no longer applies.
import { providerFamily, type BudgetScope, type EffectiveBudget, type SessionBudgets } from './budgets.ts';

/** Tokens a usage record (or a sum of them) charges against a budget: every kind the provider counts. */
export function chargedTokens(u: { input_tokens?: number; output_tokens?: number; cache_creation_input_tokens?: number; cache_read_input_tokens?: number }): number {
  return (u.input_tokens || 0) + (u.output_tokens || 0) + (u.cache_creation_input_tokens || 0) + (u.cache_read_input_tokens || 0);
}

export interface Reservation {
  readonly id: number;
  /** The provider family. */
  readonly provider: string;
  readonly amount: number;
  /** Start (ms, `now()` clock) of the window the reservation belongs to; null without a window. */
  readonly windowStart: number | null;
}

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; reason: 'exceeded' | 'unestimable'; limit: number; used: number; reserved: number; remaining: number };

export interface SettleResult {
  /** This settle took usage from below the limit to at or above it (current window only). */
  crossed: boolean;
  /** Usage of the window charged, after this settle. */
  used: number;
  limit: number | null;
}

export interface BookEntry {
  provider: string;
  limit: number | null;
  used: number;
  reserved: number;
  windowStart: number | null;
  windowMs: number | null;
  scope: BudgetScope | null;
  source: string | null;
}

interface Window {
  start: number | null;
  used: number;
  reserved: number;
  /** Reservations of this window not yet settled: an ended window is kept until they are. */
  open: number;
}

interface Account {
  provider: string;
  budget: EffectiveBudget | undefined;
  current: Window;
  /** Ended windows with open reservations, by start. */
  ended: Map<number, Window>;
}

export class BudgetBook {
  readonly #now: () => number;
  readonly #origin: number;
  readonly #floor: number;
  readonly #accounts = new Map<string, Account>();
  /** Reservations not yet settled: settling twice, or a reservation of another book, does nothing. */
  readonly #open = new Set<number>();
  #nextId = 1;
  #epoch = 0;

  constructor(budgets: SessionBudgets, now: () => number = Date.now) {
    this.#now = now;
    this.#origin = now();
    this.#floor = budgets.estimateFloor;
    for (const budget of budgets.byProvider.values()) this.#accounts.set(budget.provider, this.#account(budget.provider, budget));
  }

  /**
   * Before forwarding a metered request. `amount`: the estimate (input size +
   * max_tokens), or null when the cost cannot be told. Whatever the amount, at
   * least the estimate floor is reserved, so a burst of small or unknown
   * requests cannot overspend; a request is granted only when the whole
   * reservation fits what is left (fail closed). No budget for the provider:
   * always granted, still tracked. A negative or non-finite amount counts as
   * unknown.
   */
  reserve(provider: string, amount: number | null): ReserveResult {
    const account = this.#get(providerFamily(provider));
    const w = account.current;
    const known = amount !== null && Number.isFinite(amount) && amount >= 0;
    const want = Math.max(known ? Math.ceil(amount) : 0, this.#floor);
    const limit = account.budget?.tokens;
    if (limit !== undefined) {
      const remaining = limit - w.used - w.reserved;
      if (remaining <= 0 || want > remaining) {
        return { ok: false, reason: known ? 'exceeded' : 'unestimable', limit, used: w.used, reserved: w.reserved, remaining: Math.max(0, remaining) };
      }
    }
    w.reserved += want;
    w.open++;
    const reservation: Reservation = Object.freeze({ id: this.#nextId++, provider: account.provider, amount: want, windowStart: w.start });
    this.#open.add(reservation.id);
    return { ok: true, reservation };
  }

  /**
   * After the response: the reservation is replaced by what was really used
   * (0 for a request that never reached the provider). A negative or
   * non-finite count charges the reservation, the best figure there is.
   */
  settle(r: Reservation, usedTokens: number): SettleResult {
    const account = this.#get(r.provider);
    const limit = account.budget?.tokens ?? null;
    const w = this.#windowOf(account, r);
    if (!w || !this.#open.delete(r.id)) return { crossed: false, used: w?.used ?? account.current.used, limit };
    const charge = Number.isFinite(usedTokens) && usedTokens >= 0 ? usedTokens : r.amount;
    const before = w.used;
    this.#epoch++;
    w.reserved -= r.amount;
    w.used += charge;
    w.open--;
    if (w !== account.current && w.open === 0) account.ended.delete(w.start!);
    const crossed = limit !== null && w === account.current && before < limit && w.used >= limit;
    return { crossed, used: w.used, limit };
  }

  /** Mid-stream: would this stream's running count put the provider over (used + running > limit)? */
  wouldCross(r: Reservation, runningTokens: number): boolean {
    return runningTokens > this.headroom(r);
  }

  /** The most a stream's running count may reach without crossing (limit − used); Infinity without a budget. Changes only when `epoch` does. */
  headroom(r: Reservation): number {
    const account = this.#get(r.provider);
    const limit = account.budget?.tokens;
    if (limit === undefined) return Infinity;
    const w = this.#windowOf(account, r) ?? account.current;
    return limit - w.used;
  }

  /** Bumped by every settle: a headroom read earlier still holds while this is unchanged. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Every provider with a budget or with traffic, by name; the current window's figures. */
  snapshot(): BookEntry[] {
    const names = [...this.#accounts.keys()].sort();
    return names.map((name) => {
      const a = this.#get(name);
      return {
        provider: a.provider,
        limit: a.budget?.tokens ?? null,
        used: a.current.used,
        reserved: a.current.reserved,
        windowStart: a.current.start,
        windowMs: a.budget?.windowMs ?? null,
        scope: a.budget?.scope ?? null,
        source: a.budget?.source ?? null,
      };
    });
  }

  // -------------------------------------------------------------------------

  #account(provider: string, budget: EffectiveBudget | undefined): Account {
    return { provider, budget, current: { start: budget?.windowMs ? this.#origin : null, used: 0, reserved: 0, open: 0 }, ended: new Map() };
  }

  /** The family's account with its window brought up to now; an unlimited account is made on first use. */
  #get(provider: string): Account {
    let a = this.#accounts.get(provider);
    if (!a) {
      a = this.#account(provider, undefined);
      this.#accounts.set(provider, a);
    }
    const ms = a.budget?.windowMs;
    if (ms) {
      const start = this.#origin + Math.floor((this.#now() - this.#origin) / ms) * ms;
      // `>`: a clock that steps back does not reopen an ended window.
      if (start > a.current.start!) {
        if (a.current.open > 0) a.ended.set(a.current.start!, a.current);
        a.current = { start, used: 0, reserved: 0, open: 0 };
      }
    }
    return a;
  }

  #windowOf(a: Account, r: Reservation): Window | undefined {
    if (r.windowStart === a.current.start) return a.current;
    return r.windowStart === null ? undefined : a.ended.get(r.windowStart);
  }
}
