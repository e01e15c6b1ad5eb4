// extends chains and agent → bottle selection, through the whole check pipeline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRepo, compileRepo } from '../compiler/compile.ts';
import { md, writeRepo } from './helpers/repo.ts';

const ids = (root: string) => checkRepo(root).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`);

test('multi-parent extends: parents fold left to right, then the child on top', () => {
  const root = writeRepo({
    'bottles/a.md': md('env: { X: a, A: a }\nbudget: { claude: 10 }'),
    'bottles/b.md': md('env: { X: b, B: b }\nbudget: { claude: 20, codex: 5 }'),
    'bottles/c.md': md('extends: [a, b]\nenv: { C: c }'),
    'agents/x.md': md('bottle: c', 'prompt'),
  });
  const { bundle, diagnostics } = compileRepo(root, { revision: 'r' });
  assert.deepEqual(diagnostics, []);
  const c = bundle!.bottles.c!;
  assert.deepEqual(c.env, { X: 'b', A: 'a', B: 'b', C: 'c' });
  assert.deepEqual(c.budget, { claude: 20, codex: 5 });
  assert.deepEqual(c.lineage, ['a', 'b']);
  assert.equal(bundle!.agents.x!.prompt, 'prompt');
});

test('lineage lists every ancestor once, nearest last', () => {
  const root = writeRepo({
    'bottles/root.md': md('env: { R: "1" }'),
    'bottles/mid.md': md('extends: root'),
    'bottles/leaf.md': md('extends: [mid, root]'),
  });
  const { bundle } = compileRepo(root, { revision: 'r' });
  assert.deepEqual(bundle!.bottles.leaf!.lineage, ['root', 'mid']);
});

test('self-extends is an error at the extends value', () => {
  const root = writeRepo({ 'bottles/web.md': md('env: { A: b }\nextends: web') });
  assert.deepEqual(ids(root), ['.bot-bottle/bottles/web.md:3:10 resolve/extends-self']);
});

test('a cycle is reported once, naming the chain', () => {
  const root = writeRepo({
    'bottles/a.md': md('extends: b'),
    'bottles/b.md': md('extends: c'),
    'bottles/c.md': md('extends: [a]'),
  });
  const d = checkRepo(root).diagnostics;
  assert.equal(d.length, 1);
  assert.equal(d[0]!.ruleId, 'resolve/extends-cycle');
  assert.equal(d[0]!.file, '.bot-bottle/bottles/a.md');
  assert.match(d[0]!.message, /a → b → c → a/);
});

test('a missing parent lists the available names', () => {
  const root = writeRepo({ 'bottles/a.md': md('env: {}'), 'bottles/b.md': md('extends: [a, nope]') });
  const d = checkRepo(root).diagnostics;
  assert.equal(d.length, 1);
  assert.equal(d[0]!.ruleId, 'resolve/extends-missing');
  assert.equal(`${d[0]!.line}:${d[0]!.column}`, '2:14');
  assert.match(d[0]!.message, /"nope".*available: a\)/);
});

test('an agent naming a missing bottle is an error at that node', () => {
  const root = writeRepo({ 'bottles/a.md': md('env: {}'), 'agents/x.md': md('bottles: [a, b]') });
  assert.deepEqual(ids(root), ['.bot-bottle/agents/x.md:2:14 resolve/bottle-missing']);
});

test('an agent with both bottle and bottles, or neither, is an error', () => {
  const root = writeRepo({
    'bottles/a.md': md('env: {}'),
    'agents/both.md': md('bottle: a\nbottles: [a]'),
    'agents/none.md': md('description: nothing'),
  });
  assert.deepEqual(ids(root), ['.bot-bottle/agents/both.md:3:1 resolve/bottle-and-bottles', '.bot-bottle/agents/none.md:1:1 resolve/no-bottle']);
});

test('a child of a broken parent is not reported again', () => {
  const root = writeRepo({ 'bottles/a.md': md('env: 3'), 'bottles/b.md': md('extends: a'), 'agents/x.md': md('bottle: b') });
  const d = checkRepo(root).diagnostics;
  assert.deepEqual(d.map((x) => x.file), ['.bot-bottle/bottles/a.md']);
});

test("an agent's git-gate user overlays its bottles' in the effective policy", () => {
  const root = writeRepo({
    'bottles/a.md': md('git-gate: { user: { name: bot, email: bot@example.com } }'),
    'agents/x.md': md('bottle: a\ngit-gate: { user: { name: me } }'),
  });
  const { model } = checkRepo(root);
  assert.deepEqual(model.agents.get('x')!.effective!['git-gate']?.user, { name: 'me', email: 'bot@example.com' });
});
