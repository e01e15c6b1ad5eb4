// The validate stage's messages and positions: every ajv error becomes one
// plain-words diagnostic at the YAML node it concerns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Diagnostics } from '../compiler/diagnostics.ts';
import { parseFile } from '../compiler/parse.ts';
import type { PolicyKind } from '../compiler/source.ts';
import { didYouMean, pathText, validateBundleShape, validateFile, validateSettings } from '../compiler/validate.ts';

interface Seen {
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

/** Validates frontmatter `yaml` (file line 2 is the YAML's first line). */
function check(kind: PolicyKind, yaml: string): { ok: boolean; diags: Seen[] } {
  const text = `---\n${yaml.replace(/^\n/, '')}\n---\nbody\n`;
  const diags = new Diagnostics();
  const file = parseFile({ kind, name: 'x', path: `.bot-bottle/${kind}s/x.md`, sha256: '0'.repeat(64), text }, diags);
  assert.ok(file.data, `test input must parse: ${JSON.stringify(diags.sorted())}`);
  const ok = validateFile(file, diags);
  return { ok, diags: diags.sorted().map(({ line, column, ruleId, message }) => ({ line, column, ruleId, message })) };
}

const bottle = (yaml: string) => check('bottle', yaml);
const agent = (yaml: string) => check('agent', yaml);

function one(result: { ok: boolean; diags: Seen[] }, expected: Seen): void {
  assert.equal(result.ok, false);
  assert.deepEqual(result.diags, [expected]);
}

test('a valid bottle passes with no diagnostics', () => {
  const r = bottle(`
extends: base
egress:
  routes:
    - host: api.github.com
      auth: { scheme: token, token_ref: GH_TOKEN }`);
  assert.deepEqual(r, { ok: true, diags: [] });
});

test('unknown top-level key: at the key, with a did-you-mean', () => {
  one(bottle('egres:\n  log: 1'), { line: 2, column: 1, ruleId: 'schema/unknown-key', message: 'unknown key "egres" (did you mean "egress"?)' });
});

test('unknown nested key: names where it is; a near-miss of a required key is not also reported as missing', () => {
  one(bottle('egress:\n  routes:\n    - hots: api.github.com'), {
    line: 4,
    column: 7,
    ruleId: 'schema/unknown-key',
    message: 'unknown key "hots" in egress.routes[0] (did you mean "host"?)',
  });
});

test('unknown key in a flow mapping points at the key', () => {
  one(bottle('egress:\n  routes:\n    - host: a.example.com\n      auth: { scheme: Bearer, tokenref: T }'), {
    line: 5,
    column: 31,
    ruleId: 'schema/unknown-key',
    message: 'unknown key "tokenref" in egress.routes[0].auth (did you mean "token_ref"?)',
  });
});

test('unknown key with nothing close lists what is allowed', () => {
  one(bottle('egress:\n  zzz: 1'), { line: 3, column: 3, ruleId: 'schema/unknown-key', message: 'unknown key "zzz" in egress; allowed here: log, routes' });
});

test('enum: lists the allowed values and what was given', () => {
  const r = bottle(`
egress:
  routes:
    - host: a.example.com
    - host: b.example.com
    - host: c.example.com
      auth: { scheme: bearer, token_ref: TOKEN }`);
  one(r, { line: 7, column: 23, ruleId: 'schema/enum', message: 'egress.routes[2].auth.scheme: must be one of Bearer, token (got "bearer")' });
});

test('numeric enum reads naturally; a wrong type there is one diagnostic, not two', () => {
  one(bottle('egress:\n  log: 5'), { line: 3, column: 8, ruleId: 'schema/enum', message: 'egress.log: must be 0, 1 or 2 (got 5)' });
  one(bottle('egress:\n  log: verbose'), { line: 3, column: 8, ruleId: 'schema/enum', message: 'egress.log: must be 0, 1 or 2 (got "verbose")' });
});

test('required: at the mapping that lacks the key', () => {
  one(bottle('egress:\n  routes:\n    - auth: { scheme: Bearer, token_ref: T }'), {
    line: 4,
    column: 7,
    ruleId: 'schema/required',
    message: 'egress.routes[0]: host is required',
  });
  one(bottle('rule_of_two: {}'), { line: 2, column: 14, ruleId: 'schema/required', message: 'rule_of_two: waive and justification are required' });
});

test('type errors', () => {
  one(bottle('approvals:\n  ttl_seconds: soon'), { line: 3, column: 16, ruleId: 'schema/type', message: 'approvals.ttl_seconds: must be an integer (got "soon")' });
  one(bottle('approvals:\n  ttl_seconds: 1.5'), { line: 3, column: 16, ruleId: 'schema/type', message: 'approvals.ttl_seconds: must be a whole number (got 1.5)' });
  one(bottle('egress: [1]'), { line: 2, column: 9, ruleId: 'schema/type', message: 'egress: must be a mapping (got a list)' });
  one(bottle('env:\n  PORT: 8080'), { line: 3, column: 9, ruleId: 'schema/type', message: 'env.PORT: must be a string (got 8080; put the value in quotes)' });
  one(bottle('env:\n  EMPTY:'), { line: 3, column: 3, ruleId: 'schema/type', message: 'env.EMPTY: must be a string (got an empty value)' });
  one(bottle('egress:\n  routes:\n    - host: a.example.com\n      trusted: yes'), {
    line: 5,
    column: 16,
    ruleId: 'schema/type',
    message: 'egress.routes[0].trusted: must be true or false (got "yes")',
  });
});

test('range errors', () => {
  one(bottle('approvals:\n  ttl_seconds: 0'), { line: 3, column: 16, ruleId: 'schema/range', message: 'approvals.ttl_seconds: must be a positive integer (got 0)' });
  one(bottle('approvals:\n  rules:\n    - match: { cost_over: -1 }\n      action: block'), {
    line: 4,
    column: 27,
    ruleId: 'schema/range',
    message: 'approvals.rules[0].match.cost_over: must be 0 or more (got -1)',
  });
  one(bottle('egress:\n  routes:\n    - host: a.example.com\n      matches: []'), {
    line: 5,
    column: 16,
    ruleId: 'schema/range',
    message: 'egress.routes[0].matches: must not be empty: list at least one entry, or leave the key out',
  });
});

test('format errors explain the expected form', () => {
  one(bottle('egress:\n  routes:\n    - host: https://api.github.com/repos'), {
    line: 4,
    column: 13,
    ruleId: 'schema/format',
    message: 'egress.routes[0].host: "https://api.github.com/repos" is not a valid host: use a lower-case host name like api.example.com or an IP address, without scheme, port or path',
  });
  one(bottle('agent_provider:\n  auth_token: sk-ant-123'), {
    line: 3,
    column: 15,
    ruleId: 'schema/format',
    message:
      'agent_provider.auth_token: "sk-ant-123" is not a valid environment variable name: give the NAME of a host environment variable (upper-case letters, digits and underscores), never the secret itself',
  });
  // A map key of the wrong form is reported at the key.
  one(bottle('env:\n  my-var: x'), {
    line: 3,
    column: 3,
    ruleId: 'schema/format',
    message: 'env: "my-var" is not a valid environment variable name: use letters, digits and underscores, not starting with a digit',
  });
  one(bottle('budget:\n  Claude: 5'), {
    line: 3,
    column: 3,
    ruleId: 'schema/format',
    message: 'budget: "Claude" is not a valid provider name (or "cutoff"): use lower-case letters, digits, dots, underscores and dashes, starting with a letter (like claude, codex, pi)',
  });
});

test('removed top-level keys say what replaced them', () => {
  const replaced: Record<string, string> = {
    supervise: 'use "approvals" (rules, default, ttl_seconds) instead',
    git: 'use "git-gate" instead',
    runtime: 'use "agent_provider" instead',
    ssh: 'use "git-gate.repos" (each repository with url, key and host_key) instead',
    git_user: 'use "git-gate.user" instead',
    tokens: 'use "budget" instead',
    pipelock: 'use DLP settings on each route ("egress.routes[].dlp") and "plugins" instead',
  };
  for (const [key, use] of Object.entries(replaced)) {
    one(bottle(`egress: {}\n${key}: {}`), { line: 3, column: 1, ruleId: 'schema/removed-key', message: `"${key}" was removed from the bot-bottle format: ${use}` });
  }
});

test('removed route keys say what replaced them', () => {
  const r = bottle('egress:\n  routes:\n    - host: a.example.com\n      role: github\n      path_allowlist: [/x]');
  assert.deepEqual(r.diags, [
    { line: 5, column: 7, ruleId: 'schema/removed-key', message: '"role" was removed from the bot-bottle route format: use "auth" (scheme and token_ref) and "matches" instead' },
    { line: 6, column: 7, ruleId: 'schema/removed-key', message: '"path_allowlist" was removed from the bot-bottle route format: use "matches[].paths" instead' },
  ]);
  // Elsewhere `role` is just unknown.
  assert.equal(bottle('role: x').diags[0]!.ruleId, 'schema/unknown-key');
});

test('agents: removed keys, and bottle-only keys point at bottles', () => {
  one(agent('bottle: web\nsupervise: {}'), {
    line: 3,
    column: 1,
    ruleId: 'schema/removed-key',
    message: '"supervise" was removed from the bot-bottle format: use "approvals" (rules, default, ttl_seconds) instead, in a bottle this agent selects (only bottles grant capabilities)',
  });
  one(agent('bottle: web\ntokens: 5'), { line: 3, column: 1, ruleId: 'schema/removed-key', message: '"tokens" was removed from the bot-bottle format: use "budget" instead' });
  one(agent('bottle: web\negress:\n  routes: []'), {
    line: 3,
    column: 1,
    ruleId: 'schema/unknown-key',
    message: '"egress" cannot be set in an agent: only bottles grant capabilities, so set it in a bottle this agent selects',
  });
  one(agent('bottle: web\ngit-gate:\n  repos: {}'), {
    line: 4,
    column: 3,
    ruleId: 'schema/unknown-key',
    message: '"git-gate.repos" cannot be set in an agent: only bottles grant capabilities, so set it in a bottle this agent selects',
  });
  one(agent('bottle: web\ncolour: red'), { line: 3, column: 1, ruleId: 'schema/unknown-key', message: 'unknown key "colour" (did you mean "color"?)' });
});

test('oneOf: no branch fits the type → one message naming every allowed form', () => {
  one(bottle('extends: 5'), { line: 2, column: 10, ruleId: 'schema/type', message: 'extends: must be a name or a list of names (got 5)' });
  one(bottle('egress:\n  routes:\n    - host: a.example.com\n      dlp: true'), {
    line: 5,
    column: 12,
    ruleId: 'schema/type',
    message: 'egress.routes[0].dlp: must be false or a mapping with keys outbound_detectors, inbound_detectors, outbound_on_match (got true)',
  });
  one(bottle('budget:\n  claude: lots'), { line: 3, column: 11, ruleId: 'schema/type', message: 'budget.claude: must be a positive integer or a mapping with keys tokens, window (got "lots")' });
  one(agent('bottle: web\ntools: 5'), { line: 3, column: 8, ruleId: 'schema/type', message: 'tools: must be a string or a list of strings (got 5)' });
});

test('oneOf: the branch the value was meant for reports its own errors, nothing from the others', () => {
  one(bottle('extends: [base, Web]'), {
    line: 2,
    column: 17,
    ruleId: 'schema/format',
    message: 'extends[1]: "Web" is not a valid name: use lower-case letters, digits and dashes, starting with a letter',
  });
  one(bottle('extends: Web'), { line: 2, column: 10, ruleId: 'schema/format', message: 'extends: "Web" is not a valid name: use lower-case letters, digits and dashes, starting with a letter' });
  one(bottle('budget:\n  claude: { tokens: 0, window: 1d }'), { line: 3, column: 21, ruleId: 'schema/range', message: 'budget.claude.tokens: must be a positive integer (got 0)' });
  one(bottle('budget:\n  claude: 0'), { line: 3, column: 11, ruleId: 'schema/range', message: 'budget.claude: must be a positive integer (got 0)' });
  one(bottle('budget:\n  claude: { tokens: 5, window: 3y }'), {
    line: 3,
    column: 32,
    ruleId: 'schema/format',
    message: 'budget.claude.window: "3y" is not a valid window: use a whole number followed by m, h, d or w, like 30m, 12h, 7d or 2w',
  });
  one(bottle('egress:\n  routes:\n    - host: a.example.com\n      dlp: { inbound_detectors: [1] }'), {
    line: 5,
    column: 34,
    ruleId: 'schema/type',
    message: 'egress.routes[0].dlp.inbound_detectors[0]: must be a string (got 1; put the value in quotes)',
  });
});

test('duplicates point at the later copy', () => {
  one(bottle('extends: [base, team, base]'), { line: 2, column: 23, ruleId: 'schema/invalid', message: 'extends: "base" is listed more than once' });
});

test('a match entry needs at least one field', () => {
  one(bottle('egress:\n  routes:\n    - host: a.example.com\n      matches:\n        - {}'), {
    line: 6,
    column: 11,
    ruleId: 'schema/required',
    message: 'egress.routes[0].matches[0]: set at least one of paths, methods or headers',
  });
});

test('every error is reported in one run, each once', () => {
  const r = bottle(`
egres: 1
egress:
  log: 9
  routes:
    - host: A.example.com
      auth: { scheme: basic }
budget: { cutoff: stop }`);
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.diags.map((d) => `${d.line}:${d.column} ${d.ruleId}`),
    ['2:1 schema/unknown-key', '4:8 schema/enum', '6:13 schema/format', '7:23 schema/enum', '8:19 schema/enum'],
  );
});

test('settings.yml messages', () => {
  assert.deepEqual(validateSettings({ budgets: { claude: 1000, codex: { tokens: 10, window: '1d' } }, cutoff: 'freeze', estimate_floor_tokens: 0 }), { ok: true, errors: [] });
  assert.deepEqual(validateSettings({ budgets: { claude: 0 }, cutoff: 'stop', estimat_floor_tokens: 1 }), {
    ok: false,
    errors: [
      'unknown key "estimat_floor_tokens" (did you mean "estimate_floor_tokens"?)',
      'budgets.claude: must be a positive integer (got 0)',
      'cutoff: must be one of cutoff, freeze, kill (got "stop")',
    ],
  });
});

test('bundle shape messages', () => {
  assert.deepEqual(validateBundleShape({ format: 1, compiler: '0.1.0', sources: [], bottles: {}, agents: {}, plugins: {}, digest: 'a'.repeat(64) }), []);
  assert.deepEqual(validateBundleShape([]), ['must be an object (got a list)']);
  assert.deepEqual(
    validateBundleShape({ format: 1, compiler: '0.1.0', sources: [{ path: 'x', sha256: 'nope' }], bottles: { web: { name: 'web', lineage: [], egress: { log: 7 } } }, agents: {}, plugins: {} }),
    [
      'digest is required',
      'sources[0].sha256: "nope" is not a valid sha256: use 64 lower-case hex digits',
      'bottles.web.egress.log: must be 0, 1 or 2 (got 7)',
    ],
  );
});

test('did-you-mean suggests only close keys', () => {
  const keys = ['extends', 'env', 'agent_provider', 'git-gate', 'egress', 'budget', 'approvals', 'plugins', 'rule_of_two'];
  assert.equal(didYouMean('egres', keys), 'egress');
  assert.equal(didYouMean('git_gate', keys), 'git-gate');
  assert.equal(didYouMean('agentProvider', keys), 'agent_provider');
  assert.equal(didYouMean('aproval', keys), 'approvals');
  assert.equal(didYouMean('foo', keys), undefined);
  assert.equal(didYouMean('model', keys), undefined);
  assert.equal(didYouMean('x', []), undefined);
});

test('paths read like the YAML', () => {
  assert.equal(pathText(['egress', 'routes', 2, 'auth', 'scheme']), 'egress.routes[2].auth.scheme');
  assert.equal(pathText(['git-gate', 'user']), 'git-gate.user');
  assert.equal(pathText(['budget', 'open.ai']), 'budget["open.ai"]');
  assert.equal(pathText([]), '');
});
