// Only bottles grant: an agent's budget can lower what its bottles allow a
// provider, never raise it. A provider the bottles leave unbudgeted is
// unlimited there, so any agent budget for it narrows. Budgets are compared
// as spending limits over time, because the most specific scope wins at run
// time: `10 per 1h` under `100 per 1d` lets the agent spend 240 a day.
import type { Budget } from '../../policy/types.ts';
import { locate } from '../source.ts';
import type { LintRule } from './rule.ts';

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400, w: 604_800 };

interface Limit {
  tokens: number;
  /** Seconds; undefined = a total over the budget's whole life. */
  window?: number;
}

export const rule: LintRule = {
  id: 'agent-widens-budget',
  run(model, diags) {
    for (const { file, spec, effective } of model.agents.values()) {
      if (!spec.budget || !effective?.budget) continue;
      for (const [provider, asked] of Object.entries(spec.budget)) {
        if (provider === 'cutoff') continue;
        const agent = limit(asked);
        const bottle = limit(effective.budget[provider]);
        if (!agent || !bottle) continue;
        const why = widens(agent, bottle);
        if (!why) continue;
        const path = typeof asked === 'object' ? ['budget', provider, 'tokens'] : ['budget', provider];
        diags.error(
          file.path,
          locate(file, path),
          'agent-widens-budget',
          `budget.${provider}: agents may narrow, never widen: bottle budget for ${provider} is ${show(bottle)}, agent asks ${show(agent)}${why === true ? '' : ` (${why})`}`,
        );
      }
    }
  },
};

/** false when `agent` never allows more than `bottle` over any span of time; else true or the reason. */
function widens(agent: Limit, bottle: Limit): string | boolean {
  if (agent.tokens > bottle.tokens) return true;
  if (bottle.window === undefined) {
    // A bottle total is exceeded by any agent window that renews.
    return agent.window === undefined ? false : `a renewing ${agent.tokens} per ${human(agent.window)} outspends a total of ${bottle.tokens}`;
  }
  if (agent.window === undefined || agent.window >= bottle.window) return false;
  const perBottleWindow = Math.ceil(bottle.window / agent.window) * agent.tokens;
  return perBottleWindow > bottle.tokens ? `up to ${perBottleWindow} per ${human(bottle.window)}` : false;
}

function limit(value: Budget[string]): Limit | undefined {
  if (typeof value === 'number') return { tokens: value };
  if (value && typeof value === 'object' && typeof value.tokens === 'number') {
    const m = value.window ? /^(\d+)([mhdw])$/.exec(value.window) : null;
    return m ? { tokens: value.tokens, window: Number(m[1]) * UNIT_SECONDS[m[2]!]! } : { tokens: value.tokens };
  }
  return undefined;
}

function show(l: Limit): string {
  return l.window === undefined ? String(l.tokens) : `${l.tokens} per ${human(l.window)}`;
}

function human(seconds: number): string {
  for (const [unit, s] of [['w', 604_800], ['d', 86_400], ['h', 3600]] as const) if (seconds % s === 0) return `${seconds / s}${unit}`;
  return `${seconds / 60}m`;
}
