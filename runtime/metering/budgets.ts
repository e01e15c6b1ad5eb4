// Which token budget applies to a session, per provider family, and where it
// came from. Scopes, most specific first: `--budget` override, the agent's own
// budget, a session bottle's own budget, a budget the bottle inherits from an
// ancestor ("parent", any ancestor in `lineage`), the host's settings.yml.
// Pure: computed once when a session starts (and again on reload).
//
// Decisions (see the tests for each):
// - Keys are normalized to their API family (claude and pi → anthropic, codex
//   → openai, anything else is its own family). When one scope names a family
//   twice, the smaller limit wins: two names for the same API must not add up.
//   Ties go to the longer window (no window, the whole session, is longest).
// - Several session bottles fold per key, left to right, later wins, exactly
//   as policy/merge.ts folds them for the effective policy; the family rule
//   above then applies to the folded budget. Bottle vs parent is attribution
//   of the value the fold chose, not a second precedence across bottles.
// - Bottles in the bundle are already merged with their parents, so "own vs
//   inherited" is decided by value: a bottle's value is inherited when an
//   ancestor in its lineage holds the same value for that key. A child that
//   restates its parent's value therefore reads as "parent"; the limit is the
//   same either way. The source named is the ancestor that declared it.
// - A windowed budget renews in fixed windows counted from the session's
//   start (not a sliding window): predictable for the operator ("the budget
//   renews every 24h from when the session began") and O(1) to account.
// - An override (`--budget provider=N`) has no window: it covers the session.
import { PROVIDER_TEMPLATES } from '../../policy/providers.ts';
import type { Budget, BudgetLimit, Bundle, ResolvedBottle } from '../../policy/types.ts';
import type { HostSettings } from '../settings.ts';

export type BudgetScope = 'override' | 'agent' | 'bottle' | 'parent' | 'global';
export type CutoffPolicy = 'cutoff' | 'freeze' | 'kill';

export interface EffectiveBudget {
  /** The API family: `anthropic`, `openai`, or the key itself for other providers. */
  provider: string;
  /** The key as written where the budget came from (`claude`, `pi`, `anthropic`…). */
  key: string;
  tokens: number;
  /** Length of one window; null: the budget covers the whole session. */
  windowMs: number | null;
  scope: BudgetScope;
  /** For people: "--budget", "agent reviewer", "bottle ci", "bottle base (parent of github)", "settings.yml". */
  source: string;
}

export interface SessionBudgets {
  readonly byProvider: ReadonlyMap<string, EffectiveBudget>;
  readonly cutoff: CutoffPolicy;
  readonly cutoffSource: string;
  /** Least tokens reserved per metered request (settings `estimate_floor_tokens`). */
  readonly estimateFloor: number;
}

/**
 * When settings.yml says nothing: about one small request's worth. Large
 * enough that a burst of requests whose cost cannot be told up front cannot
 * spend far past the budget, small enough not to strand much of it.
 */
export const DEFAULT_ESTIMATE_FLOOR = 1024;
export const DEFAULT_CUTOFF: CutoffPolicy = 'cutoff';

/** `claude` → `anthropic`, `codex` → `openai`; family names and unknown providers are themselves. */
export function providerFamily(key: string): string {
  return Object.hasOwn(PROVIDER_TEMPLATES, key) ? PROVIDER_TEMPLATES[key]!.api : key;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30m`, `12h`, `7d`, `2w` → milliseconds. The schemas already hold this form; anything else is a bug upstream. */
export function windowMs(window: string): number {
  const m = /^([1-9][0-9]*)([mhdw])$/.exec(window);
  const ms = m ? Number(m[1]) * UNIT_MS[m[2]!]! : NaN;
  if (!Number.isSafeInteger(ms)) throw new Error(`budget window ${JSON.stringify(window)} is not a whole number followed by m, h, d or w`);
  return ms;
}

export function sessionBudgets(
  bundle: Bundle,
  agentName: string,
  bottleNames: readonly string[],
  settings: HostSettings,
  overrides: ReadonlyMap<string, number>,
): SessionBudgets {
  const agent = Object.hasOwn(bundle.agents, agentName) ? bundle.agents[agentName]! : undefined;
  if (!agent) throw new Error(`no agent "${agentName}" in the bundle`);
  const bottles = bottleNames.map((name) => bottle(bundle, name));

  // Most specific scope first; the first scope that names a family decides it.
  const scopes: Candidate[][] = [
    [...overrides].map(([key, tokens]) => ({ key, limit: { tokens, windowMs: null }, scope: 'override', source: '--budget' })),
    budgetEntries(agent.budget).map(([key, limit]) => ({ key, limit, scope: 'agent', source: `agent ${agent.name}` })),
    bottleCandidates(bundle, bottles),
    budgetEntries(settings.budgets).map(([key, limit]) => ({ key, limit, scope: 'global', source: 'settings.yml' })),
  ];
  const byProvider = new Map<string, EffectiveBudget>();
  for (const candidates of scopes) {
    const decided = new Set(byProvider.keys());
    for (const c of candidates) {
      const provider = providerFamily(c.key);
      if (decided.has(provider)) continue;
      const prev = byProvider.get(provider);
      if (prev && !tighter(c.limit, prev)) continue;
      byProvider.set(provider, { provider, key: c.key, tokens: c.limit.tokens, windowMs: c.limit.windowMs, scope: c.scope, source: c.source });
    }
  }

  const cutoff = cutoffOf(bundle, agent.name, agent.budget, bottles, settings);
  return {
    byProvider,
    cutoff: cutoff.policy,
    cutoffSource: cutoff.source,
    estimateFloor: settings.estimate_floor_tokens ?? DEFAULT_ESTIMATE_FLOOR,
  };
}

// ---------------------------------------------------------------------------

interface Limit {
  tokens: number;
  windowMs: number | null;
}

interface Candidate {
  key: string;
  limit: Limit;
  scope: BudgetScope;
  source: string;
}

type BudgetValue = number | BudgetLimit;

function bottle(bundle: Bundle, name: string): ResolvedBottle {
  if (!Object.hasOwn(bundle.bottles, name)) throw new Error(`no bottle "${name}" in the bundle`);
  return bundle.bottles[name]!;
}

/** Provider entries of a budget (or settings `budgets`), without `cutoff` (the one string value). */
function budgetEntries(budget: Budget | HostSettings['budgets'] | undefined): Array<[string, Limit]> {
  if (!budget) return [];
  const out: Array<[string, Limit]> = [];
  for (const [key, value] of Object.entries(budget)) {
    if (value === undefined || typeof value === 'string') continue;
    out.push([key, toLimit(value)]);
  }
  return out;
}

function toLimit(value: BudgetValue): Limit {
  if (typeof value === 'number') return { tokens: value, windowMs: null };
  return { tokens: value.tokens, windowMs: value.window === undefined ? null : windowMs(value.window) };
}

/** Smaller tokens win; on a tie the longer window (null = whole session), which renews less often. */
function tighter(a: Limit, b: Limit): boolean {
  if (a.tokens !== b.tokens) return a.tokens < b.tokens;
  return b.windowMs !== null && (a.windowMs === null || a.windowMs > b.windowMs);
}

function sameLimit(a: Limit, b: Limit): boolean {
  return a.tokens === b.tokens && a.windowMs === b.windowMs;
}

/** The session bottles folded per key (later wins), each value attributed to bottle or parent scope. */
function bottleCandidates(bundle: Bundle, bottles: readonly ResolvedBottle[]): Candidate[] {
  const winner = new Map<string, ResolvedBottle>();
  for (const b of bottles) for (const [key] of budgetEntries(b.budget)) winner.set(key, b);
  const out: Candidate[] = [];
  for (const [key, b] of winner) {
    const limit = toLimit(b.budget![key] as BudgetValue);
    const declarer = declaredBy(bundle, b, key, (v) => typeof v !== 'string' && v !== undefined && sameLimit(toLimit(v), limit));
    out.push(declarer === b ? { key, limit, scope: 'bottle', source: `bottle ${b.name}` } : { key, limit, scope: 'parent', source: `bottle ${declarer.name} (parent of ${b.name})` });
  }
  return out;
}

type Same = (value: Budget[string]) => boolean;

/**
 * The bottle that declared `b`'s value for `key`: `b` itself unless an
 * ancestor holds the same value; then, nearest first, the ancestor that holds
 * it without inheriting it. An ancestor missing from the bundle is skipped.
 */
function declaredBy(bundle: Bundle, b: ResolvedBottle, key: string, same: Same): ResolvedBottle {
  for (let i = b.lineage.length - 1; i >= 0; i--) {
    const name = b.lineage[i]!;
    if (!Object.hasOwn(bundle.bottles, name)) continue;
    const ancestor = bundle.bottles[name]!;
    const budget = ancestor.budget;
    if (budget && Object.hasOwn(budget, key) && same(budget[key])) return declaredBy(bundle, ancestor, key, same);
  }
  return b;
}

/** Agent budget's cutoff → the session bottles' folded cutoff → settings → the default. */
function cutoffOf(
  bundle: Bundle,
  agentName: string,
  agentBudget: Budget | undefined,
  bottles: readonly ResolvedBottle[],
  settings: HostSettings,
): { policy: CutoffPolicy; source: string } {
  if (agentBudget?.cutoff) return { policy: agentBudget.cutoff, source: `agent ${agentName}` };
  // Later bottles win, as in the fold.
  const last = [...bottles].reverse().find((b) => b.budget?.cutoff !== undefined);
  if (last) {
    const policy = last.budget!.cutoff!;
    const declarer = declaredBy(bundle, last, 'cutoff', (v) => v === policy);
    return { policy, source: declarer === last ? `bottle ${last.name}` : `bottle ${declarer.name} (parent of ${last.name})` };
  }
  if (settings.cutoff) return { policy: settings.cutoff, source: 'settings.yml' };
  return { policy: DEFAULT_CUTOFF, source: 'default' };
}
