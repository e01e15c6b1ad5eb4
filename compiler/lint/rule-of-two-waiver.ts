// A Rule-of-Two waiver is a reviewed exception: the review has to leave a
// reason behind, or the next reader cannot tell a decision from an accident.
import { locate } from '../source.ts';
import type { LintRule } from './rule.ts';

export const rule: LintRule = {
  id: 'rule-of-two-waiver',
  run(model, diags) {
    for (const { file, spec } of model.bottles.values()) {
      const waiver = spec.rule_of_two as { waive?: unknown; justification?: unknown } | undefined;
      if (!waiver || waiver.waive !== true) continue;
      const { justification } = waiver;
      if (typeof justification === 'string' && justification.trim() !== '') continue;
      const at = justification === undefined ? locate(file, ['rule_of_two'], { key: true }) : locate(file, ['rule_of_two', 'justification']);
      diags.error(file.path, at, 'rule-of-two-waiver', 'rule_of_two.waive is true but the justification is empty: say why this bottle may combine untrusted input, sensitive data and state-changing egress');
    }
  },
};
