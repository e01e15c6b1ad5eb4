import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Diagnostics } from '../compiler/diagnostics.ts';
import { lintRules, runLint } from '../compiler/lint/index.ts';
import { RULES } from '../compiler/rule-ids.ts';
import { buildModel, md } from './helpers/model-builder.ts';

const LINT_DIR = fileURLToPath(new URL('../compiler/lint/', import.meta.url));
const SUPPORT = new Set(['index.ts', 'rule.ts', 'regex-analysis.ts']);

describe('lint rule modules', () => {
  it('names each rule module by its rule id, and runs every one of them', async () => {
    const files = readdirSync(LINT_DIR).filter((f) => f.endsWith('.ts') && !SUPPORT.has(f));
    const registered = lintRules.map((r) => r.id);
    assert.deepEqual([...registered].sort(), files.map((f) => f.slice(0, -3)).sort());
    for (const f of files) {
      const mod = (await import(new URL(f, new URL('../compiler/lint/', import.meta.url)).href)) as { rule: { id: string } };
      assert.equal(mod.rule.id, f.slice(0, -3));
      assert.ok(Object.hasOwn(RULES, mod.rule.id), `${mod.rule.id} is in the rule-id catalogue`);
    }
  });

  it('runs all rules over a clean repo without a finding', () => {
    const model = buildModel({
      bottles: {
        web: md(`
          agent_provider: {template: claude, auth_token: ANTHROPIC_API_KEY}
          env: {GITHUB_TOKEN: "?GitHub token"}
          budget: {anthropic: 100000}
          egress:
            routes:
              - host: api.anthropic.com
              - host: api.github.com
                auth: {scheme: Bearer, token_ref: GITHUB_TOKEN}
                matches:
                  - methods: [GET]
                    paths: [{type: regex, value: "^/repos/[^/]+/[^/]+/pulls$"}]`),
      },
      agents: { reviewer: md('bottle: web\nname: reviewer\nbudget: {anthropic: 5000}', 'Review the pull request.\n') },
    });
    const diags = new Diagnostics();
    runLint(model, diags);
    assert.deepEqual(diags.sorted(), []);
  });
});
