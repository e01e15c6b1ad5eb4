// Stage 4: semantic rules over the resolved model, one module per rule, each
// named by its rule id. Every rule runs; each reports what it finds.
import type { Diagnostics } from '../diagnostics.ts';
import type { PolicyModel } from '../model.ts';
import { rule as agentNameMismatch } from './agent-name-mismatch.ts';
import { rule as agentWidensBudget } from './agent-widens-budget.ts';
import { rule as authPair } from './auth-pair.ts';
import { rule as literalSecret } from './literal-secret.ts';
import { rule as meterFamily } from './meter-family.ts';
import { rule as regexInvalid } from './regex-invalid.ts';
import { rule as regexRedos } from './regex-redos.ts';
import type { LintRule } from './rule.ts';
import { rule as ruleOfTwo } from './rule-of-two.ts';
import { rule as ruleOfTwoWaiver } from './rule-of-two-waiver.ts';
import { rule as tokenRefLiteral } from './token-ref-literal.ts';
import { rule as unreachableRoute } from './unreachable-route.ts';

export type { LintRule } from './rule.ts';

export const lintRules: readonly LintRule[] = Object.freeze([
  authPair,
  tokenRefLiteral,
  regexInvalid,
  regexRedos,
  literalSecret,
  ruleOfTwo,
  ruleOfTwoWaiver,
  unreachableRoute,
  agentWidensBudget,
  agentNameMismatch,
  meterFamily,
]);

export function runLint(model: PolicyModel, diags: Diagnostics): void {
  for (const rule of lintRules) rule.run(model, diags);
}
