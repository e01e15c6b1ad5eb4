// Every merge rule of DESIGN.md section 2, on the pure merge function the
// compiler and the runtime share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldPolicies, mergePolicy, type Policy } from '../policy/merge.ts';

test('env dict-merges and the child wins', () => {
  const m = mergePolicy({ env: { A: '1', B: '1' } }, { env: { B: '2', C: '2' } });
  assert.deepEqual(m.env, { A: '1', B: '2', C: '2' });
});

test('git-gate.user overlays field by field', () => {
  const m = mergePolicy({ 'git-gate': { user: { name: 'a', email: 'a@example.com' } } }, { 'git-gate': { user: { name: 'b' } } });
  assert.deepEqual(m['git-gate']?.user, { name: 'b', email: 'a@example.com' });
});

test('git-gate.repos union by name with field merge', () => {
  const m = mergePolicy(
    { 'git-gate': { repos: { app: { url: 'u1', key: 'K1' }, lib: { url: 'l' } } } },
    { 'git-gate': { repos: { app: { key: 'K2' }, docs: { url: 'd' } } } },
  );
  assert.deepEqual(m['git-gate']?.repos, { app: { url: 'u1', key: 'K2' }, lib: { url: 'l' }, docs: { url: 'd' } });
});

test('egress.routes concatenate and a later route for the same host replaces it in place', () => {
  const m = mergePolicy(
    { egress: { routes: [{ host: 'a.example' }, { host: 'b.example', trusted: true }] } },
    { egress: { routes: [{ host: 'c.example' }, { host: 'B.example' }] } },
  );
  assert.deepEqual(m.egress?.routes, [{ host: 'a.example' }, { host: 'B.example' }, { host: 'c.example' }]);
});

test('scalars are last-wins: egress.log, cutoff, agent_provider fields, rule_of_two', () => {
  const m = mergePolicy(
    { egress: { log: 2, routes: [{ host: 'a' }] }, agent_provider: { template: 'claude', auth_token: 'A' }, rule_of_two: { waive: true, justification: 'x' } },
    { egress: { log: 0 }, agent_provider: { template: 'codex' }, rule_of_two: { waive: false, justification: '' } },
  );
  assert.equal(m.egress?.log, 0);
  assert.deepEqual(m.egress?.routes, [{ host: 'a' }]);
  assert.deepEqual(m.agent_provider, { template: 'codex', auth_token: 'A' });
  assert.deepEqual(m.rule_of_two, { waive: false, justification: '' });
});

test('budget is per-provider last-wins', () => {
  const m = mergePolicy({ budget: { claude: 100, codex: 5, cutoff: 'kill' } }, { budget: { claude: { tokens: 50, window: '1d' } } });
  assert.deepEqual(m.budget, { claude: { tokens: 50, window: '1d' }, codex: 5, cutoff: 'kill' });
});

test('approvals rules go child-first then parent; default and ttl are last-wins', () => {
  const parent: Policy = { approvals: { rules: [{ match: { category: 'dlp' }, action: 'block' }], default: 'block', ttl_seconds: 60 } };
  const child: Policy = { approvals: { rules: [{ match: { host: 'x' }, action: 'auto_approve' }], default: 'auto_reject' } };
  const m = mergePolicy(parent, child);
  assert.deepEqual(m.approvals, {
    rules: [{ match: { host: 'x' }, action: 'auto_approve' }, { match: { category: 'dlp' }, action: 'block' }],
    default: 'auto_reject',
    ttl_seconds: 60,
  });
});

test('plugins concatenate and the same plugin used again replaces its options in place', () => {
  const m = mergePolicy(
    { plugins: [{ use: 'dlp.token_patterns' }, { use: './plugins/a.ts', options: { x: 1 } }] },
    { plugins: [{ use: './plugins/a.ts', options: { x: 2 } }, { use: 'dlp.injection' }] },
  );
  assert.deepEqual(m.plugins, [{ use: 'dlp.token_patterns' }, { use: './plugins/a.ts', options: { x: 2 } }, { use: 'dlp.injection' }]);
});

test('merging never mutates its inputs', () => {
  const base: Policy = { env: { A: '1' }, egress: { routes: [{ host: 'a' }] } };
  const snapshot = structuredClone(base);
  mergePolicy(base, { env: { A: '2' }, egress: { routes: [{ host: 'a', trusted: true }] } });
  assert.deepEqual(base, snapshot);
});

test('foldPolicies folds left to right', () => {
  const m = foldPolicies([{ env: { A: '1' } }, { env: { A: '2', B: '2' } }, { env: { B: '3' } }]);
  assert.deepEqual(m.env, { A: '2', B: '3' });
});
