// The Claude Code `name` key is carried, not enforced: cork knows the agent by
// its file name. Two names for one agent confuse whoever reads either.
import { locate } from '../source.ts';
import type { LintRule } from './rule.ts';

export const rule: LintRule = {
  id: 'agent-name-mismatch',
  run(model, diags) {
    for (const { file, spec } of model.agents.values()) {
      if (typeof spec.name !== 'string' || spec.name === file.name) continue;
      diags.warning(
        file.path,
        locate(file, ['name']),
        'agent-name-mismatch',
        `name "${spec.name}" differs from the file name "${file.name}.md": cork calls this agent "${file.name}"; rename the file or change name`,
      );
    }
  },
};
