// `--budget provider=N` flags of `cork runtime start` and `cork run`: the
// operator's explicit word, which beats every budget in the policy.
//
// N is a positive whole number of tokens; underscores may group digits
// (1_000_000). Suffixes like k or M are refused on purpose: in budget windows
// `m` means minutes, and a budget that is off by a factor of a thousand
// because of a letter's case is not worth the saved keystrokes.
// The provider is a template or family name (claude, pi, codex, anthropic,
// openai, …), kept as written; runtime/metering/budgets.ts maps it to its
// family. Naming the same provider twice is an error (which one was meant?).

export class BadBudgetFlagError extends Error {
  override readonly name = 'BadBudgetFlagError';
  readonly code = 'CORK_BAD_BUDGET_FLAG';
}

/** Same form as budget keys in the schemas (common.schema.json `budget`). */
const PROVIDER = /^[a-z][a-z0-9._-]*$/;
const TOKENS = /^[0-9]+(?:_[0-9]+)*$/;

export function parseBudgetOverrides(values: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const value of values) {
    const bad = (why: string) => new BadBudgetFlagError(`--budget ${JSON.stringify(value)}: ${why}`);
    const eq = value.indexOf('=');
    if (eq < 0) throw bad('expected provider=tokens, like claude=2_000_000');
    const provider = value.slice(0, eq).trim();
    const amount = value.slice(eq + 1).trim();
    if (!PROVIDER.test(provider)) throw bad(`"${provider}" is not a provider name: use lower-case letters, digits, dots, underscores and dashes, like claude, codex or openai`);
    if (!TOKENS.test(amount)) {
      const hint = /^[0-9_.]+[a-zA-Z]+$/.test(amount) ? ' (no k/M suffixes: write 2_000_000)' : '';
      throw bad(`"${amount}" is not a whole number of tokens${hint}`);
    }
    const tokens = Number(amount.replace(/_/g, ''));
    if (tokens < 1) throw bad('the budget must be at least 1 token');
    if (!Number.isSafeInteger(tokens)) throw bad(`${amount} tokens is more than cork can count exactly`);
    if (out.has(provider)) throw bad(`${provider} is given a budget more than once`);
    out.set(provider, tokens);
  }
  return out;
}
