// The contract every lint rule implements, and the few helpers rules share.
// A rule reads the resolved model and reports; it never changes the model.
import type { Diagnostics } from '../diagnostics.ts';
import type { PolicyModel } from '../model.ts';
import type { RuleId } from '../rule-ids.ts';
import type { DataPath } from '../source.ts';

export interface LintRule {
  readonly id: RuleId;
  run(model: PolicyModel, diags: Diagnostics): void;
}

/** `['egress', 'routes', 2, 'auth']` → `egress.routes[2].auth`, the way messages name a node. */
export function dataPathText(path: DataPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/** A name the runtime reads from its environment. */
export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
