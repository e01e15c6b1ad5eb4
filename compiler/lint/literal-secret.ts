// A credential written into the policy repo is readable by everyone who can
// read the repo, and a prompt is also sent to the model provider. Bottles
// get secrets from the runtime's environment (`auth.token_ref`) or ask for
// them at start (`"?prompt"` env values); neither puts the value in a file.
import { findSecrets, maskSecret } from '../../policy/token-patterns.ts';
import { locate } from '../source.ts';
import type { LintRule } from './rule.ts';

export const rule: LintRule = {
  id: 'literal-secret',
  run(model, diags) {
    for (const { file, spec } of model.bottles.values()) {
      for (const [name, value] of Object.entries(spec.env ?? {})) {
        if (typeof value !== 'string' || value.startsWith('?')) continue;
        // `NAME=value` lets the generic `password=` pattern see secret-looking names.
        const assignment = `${name}=${value}`;
        const hit = findSecrets(assignment).find((f) => f.index > name.length);
        if (!hit) continue;
        const secret = assignment.slice(hit.index, hit.index + hit.length);
        diags.error(
          file.path,
          locate(file, ['env', name]),
          'literal-secret',
          `env.${name} holds a literal ${hit.name} (${maskSecret(secret)}): anyone who can read the repo can read it; write "?<prompt>" to ask for it at start, or inject it with an egress route's auth.token_ref`,
        );
      }
    }
    for (const file of model.files) {
      if (file.kind !== 'agent') continue;
      // The body is a suffix of the text: that gives its offset whatever the fence's line ending.
      const bodyStart = file.text.length - file.body.length;
      for (const hit of findSecrets(file.body)) {
        const secret = file.body.slice(hit.index, hit.index + hit.length);
        diags.error(
          file.path,
          file.lines.at(bodyStart + hit.index),
          'literal-secret',
          `the prompt contains a literal ${hit.name} (${maskSecret(secret)}): it would be sent to the model provider and is readable in the repo; remove it and grant access through a bottle's egress auth.token_ref`,
        );
      }
    }
  },
};
