// The reservation book: reserve before a metered request, settle after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BudgetBook, type Reservation } from '../runtime/metering/budget-book.ts';
import type { EffectiveBudget, SessionBudgets } from '../runtime/metering/budgets.ts';

const H = 3_600_000;

function budgets(limits: Record<string, number | [number, number]>, estimateFloor = 100): SessionBudgets {
  const byProvider = new Map<string, EffectiveBudget>();
  for (const [provider, l] of Object.entries(limits)) {
    const [tokens, windowMs] = typeof l === 'number' ? [l, null] : l;
    byProvider.set(provider, { provider, key: provider, tokens, windowMs, scope: 'global', source: 'settings.yml' });
  }
  return { byProvider, cutoff: 'cutoff', cutoffSource: 'default', estimateFloor };
}

function granted(r: ReturnType<BudgetBook['reserve']>): Reservation {
  assert.ok(r.ok, `refused: ${JSON.stringify(r)}`);
  return r.reservation;
}

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

test('reserve then settle replaces the reservation with real usage', () => {
  const book = new BudgetBook(budgets({ anthropic: 1000 }));
  const r = granted(book.reserve('anthropic', 300));
  assert.equal(r.amount, 300);
  assert.equal(r.windowStart, null);
  assert.deepEqual(book.snapshot()[0], { provider: 'anthropic', limit: 1000, used: 0, reserved: 300, windowStart: null, windowMs: null, scope: 'global', source: 'settings.yml' });
  assert.deepEqual(book.settle(r, 120), { crossed: false, used: 120, limit: 1000 });
  assert.deepEqual(book.snapshot()[0]!.reserved, 0);
  // Settling twice charges once.
  assert.deepEqual(book.settle(r, 120), { crossed: false, used: 120, limit: 1000 });
  assert.equal(book.snapshot()[0]!.used, 120);
});

test('template names reserve against their family', () => {
  const book = new BudgetBook(budgets({ anthropic: 1000 }));
  const r = granted(book.reserve('claude', 200));
  assert.equal(r.provider, 'anthropic');
  granted(book.reserve('pi', 200));
  assert.equal(book.snapshot()[0]!.reserved, 400);
});

test('a request that does not fit what is left is refused as exceeded, with the figures', () => {
  const book = new BudgetBook(budgets({ anthropic: 1000 }));
  const a = granted(book.reserve('anthropic', 600));
  granted(book.reserve('anthropic', 300));
  assert.deepEqual(book.reserve('anthropic', 200), { ok: false, reason: 'exceeded', limit: 1000, used: 0, reserved: 900, remaining: 100 });
  book.settle(a, 500);
  granted(book.reserve('anthropic', 200));
});

test('settle reports the crossing once: at or over the limit after, below before', () => {
  const book = new BudgetBook(budgets({ anthropic: 1000 }));
  const a = granted(book.reserve('anthropic', 500));
  const b = granted(book.reserve('anthropic', 500));
  assert.deepEqual(book.settle(a, 500), { crossed: false, used: 500, limit: 1000 });
  assert.deepEqual(book.settle(b, 500), { crossed: true, used: 1000, limit: 1000 });
  assert.equal(book.reserve('anthropic', 1).ok, false);
});

test('a cost below the floor reserves the floor', () => {
  const book = new BudgetBook(budgets({ anthropic: 1000 }, 100));
  const r = granted(book.reserve('anthropic', 3));
  assert.equal(r.amount, 100);
  assert.equal(book.snapshot()[0]!.reserved, 100);
  // Ten tiny requests in flight take the whole budget: the eleventh waits.
  for (let i = 0; i < 9; i++) granted(book.reserve('anthropic', 1));
  assert.deepEqual(book.reserve('anthropic', 1), { ok: false, reason: 'exceeded', limit: 1000, used: 0, reserved: 1000, remaining: 0 });
});

test('unknown cost reserves the floor, and only while the floor still fits (fail closed)', () => {
  const book = new BudgetBook(budgets({ anthropic: 1000 }, 300));
  const a = granted(book.reserve('anthropic', null));
  assert.equal(a.amount, 300);
  book.settle(a, 650);
  // 350 left: one more unknown request fits, then 50 left is below the floor.
  const b = granted(book.reserve('anthropic', null));
  assert.deepEqual(book.reserve('anthropic', null), { ok: false, reason: 'unestimable', limit: 1000, used: 650, reserved: 300, remaining: 50 });
  book.settle(b, 300);
  assert.deepEqual(book.reserve('anthropic', null), { ok: false, reason: 'unestimable', limit: 1000, used: 950, reserved: 0, remaining: 50 });
  // A malformed estimate is treated as unknown, not as free.
  assert.equal((book.reserve('anthropic', Number.NaN) as { reason: string }).reason, 'unestimable');
  assert.equal((book.reserve('anthropic', -5) as { reason: string }).reason, 'unestimable');
});

test('a floor of 0 still refuses once the budget is spent', () => {
  const book = new BudgetBook(budgets({ anthropic: 100 }, 0));
  const r = granted(book.reserve('anthropic', null));
  assert.equal(r.amount, 0);
  book.settle(r, 100);
  assert.equal(book.reserve('anthropic', null).ok, false);
  assert.equal(book.reserve('anthropic', 0).ok, false);
});

test('a provider without a budget is unlimited, and still tracked', () => {
  const book = new BudgetBook(budgets({ anthropic: 10 }, 50));
  const r = granted(book.reserve('codex', null));
  assert.equal(r.provider, 'openai');
  const big = granted(book.reserve('openai', 5_000_000));
  assert.deepEqual(book.settle(big, 6_000_000), { crossed: false, used: 6_000_000, limit: null });
  assert.equal(book.wouldCross(r, 1e12), false);
  assert.deepEqual(book.snapshot().map((e) => [e.provider, e.limit, e.used, e.reserved, e.scope]), [
    ['anthropic', 10, 0, 0, 'global'],
    ['openai', null, 6_000_000, 50, null],
  ]);
});

test('wouldCross: settled usage plus the stream running count against the limit', () => {
  const book = new BudgetBook(budgets({ anthropic: 1000 }));
  const a = granted(book.reserve('anthropic', 400));
  const b = granted(book.reserve('anthropic', 400));
  book.settle(a, 700);
  assert.equal(book.wouldCross(b, 300), false);
  assert.equal(book.wouldCross(b, 301), true);
});

test('headroom is limit − used (Infinity without a budget), and epoch moves with every settle', () => {
  const book = new BudgetBook(budgets({ anthropic: 2000 }));
  const a = granted(book.reserve('anthropic', 400));
  const b = granted(book.reserve('anthropic', 400));
  const e0 = book.epoch;
  assert.equal(book.headroom(b), 2000, 'reservations in flight are not usage');
  book.settle(a, 700);
  assert.notEqual(book.epoch, e0);
  assert.equal(book.headroom(b), 1300);
  const e1 = book.epoch;
  granted(book.reserve('anthropic', 100));
  assert.equal(book.epoch, e1, 'a reservation changes no headroom');
  assert.equal(book.headroom(granted(book.reserve('openai', 5))), Infinity);
});

test('a windowed budget renews in fixed windows from the start', () => {
  const c = clock();
  const book = new BudgetBook(budgets({ anthropic: [1000, H] }), c.now);
  const r = granted(book.reserve('anthropic', 1000));
  assert.equal(r.windowStart, c.t);
  assert.equal(book.settle(r, 1000).crossed, true);
  c.t += H - 1;
  assert.equal(book.reserve('anthropic', 100).ok, false);
  c.t += 1;
  const next = granted(book.reserve('anthropic', 1000));
  assert.equal(next.windowStart, 1_000_000 + H);
  // Windows are counted from the start, not from the last use: 2.5 windows later is window 2's start.
  c.t = 1_000_000 + 2.5 * H;
  assert.equal(book.snapshot()[0]!.windowStart, 1_000_000 + 2 * H);
  assert.equal(book.snapshot()[0]!.used, 0);
  assert.equal(book.snapshot()[0]!.windowMs, H);
});

test('settling after the window ended charges the old window, not the new one', () => {
  const c = clock();
  const book = new BudgetBook(budgets({ anthropic: [1000, H] }), c.now);
  const early = granted(book.reserve('anthropic', 900));
  c.t += H;
  // The new window starts empty: the old reservation is not counted against it.
  const fresh = granted(book.reserve('anthropic', 1000));
  assert.deepEqual(book.settle(early, 1200), { crossed: false, used: 1200, limit: 1000 });
  const snap = book.snapshot()[0]!;
  assert.deepEqual([snap.used, snap.reserved, snap.windowStart], [0, 1000, 1_000_000 + H]);
  assert.equal(book.wouldCross(fresh, 1000), false);
  assert.equal(book.settle(fresh, 1000).crossed, true);
});

test('a clock that steps back does not reopen an ended window', () => {
  const c = clock();
  const book = new BudgetBook(budgets({ anthropic: [1000, H] }), c.now);
  c.t += H;
  granted(book.reserve('anthropic', 600));
  c.t -= 10;
  assert.equal(book.snapshot()[0]!.reserved, 600);
  assert.equal(book.reserve('anthropic', 500).ok, false);
});

/** Deterministic PRNG, so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('100 reservations racing for the last of a budget: usage stays within limit + the overruns', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const rand = rng(seed);
    const limit = 50_000;
    const book = new BudgetBook(budgets({ anthropic: limit }, 256));
    // Most of the budget already spent; the rest is raced for.
    const pre = granted(book.reserve('anthropic', 45_000));
    book.settle(pre, 45_000);

    const err = Math.floor(rand() * 200);
    const held: Reservation[] = [];
    let refused = 0;
    for (let i = 0; i < 100; i++) {
      const r = book.reserve('anthropic', rand() < 0.2 ? null : Math.floor(rand() * 800));
      if (r.ok) held.push(r.reservation);
      else refused++;
    }
    assert.ok(refused > 0, 'the race must run out of budget');
    const reserved = held.reduce((s, r) => s + r.amount, 0);
    assert.ok(45_000 + reserved <= limit, 'granted reservations never exceed what was left');

    // Settle in random order with actual ≤ reserved + err.
    let overrun = 0;
    for (const r of held.sort(() => rand() - 0.5)) {
      const actual = Math.floor(r.amount * (1 - rand()) + rand() * (err + 1));
      overrun += Math.max(0, actual - r.amount);
      book.settle(r, actual);
    }
    const used = book.snapshot()[0]!.used;
    assert.ok(used <= limit + overrun, `seed ${seed}: used ${used} > ${limit} + ${overrun}`);
    assert.equal(book.snapshot()[0]!.reserved, 0);
    // Once usage shows the budget spent, nothing more is granted.
    if (used >= limit) assert.equal(book.reserve('anthropic', 1).ok, false);
  }
});

test('when every request uses at most what it reserved, usage never exceeds the limit', () => {
  const rand = rng(7);
  const book = new BudgetBook(budgets({ anthropic: 10_000 }, 64));
  const open: Reservation[] = [];
  for (let step = 0; step < 5000; step++) {
    if (open.length > 0 && rand() < 0.5) {
      const r = open.splice(Math.floor(rand() * open.length), 1)[0]!;
      book.settle(r, Math.floor(rand() * (r.amount + 1)));
    } else {
      const r = book.reserve('anthropic', rand() < 0.3 ? null : Math.floor(rand() * 500));
      if (r.ok) open.push(r.reservation);
    }
    const s = book.snapshot()[0]!;
    assert.ok(s.used + s.reserved <= 10_000, `step ${step}: ${s.used} + ${s.reserved}`);
  }
});

test('overruns add up: the bound is their sum, not the largest single one', () => {
  // Two requests in flight together, each using 100 more than reserved.
  const book = new BudgetBook(budgets({ anthropic: 1000 }, 0));
  const a = granted(book.reserve('anthropic', 500));
  const b = granted(book.reserve('anthropic', 500));
  book.settle(a, 600);
  book.settle(b, 600);
  assert.equal(book.snapshot()[0]!.used, 1200);
});
