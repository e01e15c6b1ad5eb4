// Which budget applies to a session: override → agent → bottle → parent →
// global, per provider family, and the cutoff policy the same way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRepo } from '../compiler/compile.ts';
import type { Bundle } from '../policy/types.ts';
import { DEFAULT_ESTIMATE_FLOOR, providerFamily, sessionBudgets, windowMs, type SessionBudgets } from '../runtime/metering/budgets.ts';
import type { HostSettings } from '../runtime/settings.ts';
import { md, writeRepo } from './helpers/repo.ts';

function compile(files: Record<string, string>): Bundle {
  const { bundle, diagnostics } = compileRepo(writeRepo(files), { revision: 'r' });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  return bundle!;
}

const NONE = new Map<string, number>();

/** The budgets as `family: tokens[/windowMs] scope source`, for compact assertions. */
function lines(b: SessionBudgets): string[] {
  return [...b.byProvider.values()]
    .map((e) => `${e.provider}: ${e.tokens}${e.windowMs === null ? '' : `/${e.windowMs}`} ${e.scope} (${e.source}) key=${e.key}`)
    .sort();
}

function anthropic(b: SessionBudgets): string {
  const e = b.byProvider.get('anthropic');
  return e ? `${e.tokens} ${e.scope} ${e.source}` : 'none';
}

const H = 3_600_000;
const D = 24 * H;

const ladder = compile({
  'bottles/base.md': md('budget:\n  claude: { tokens: 1000, window: 1d }\n  cutoff: freeze'),
  'bottles/own.md': md('extends: base\nbudget: { claude: 800 }'),
  'bottles/inherits.md': md('extends: base'),
  'bottles/bare.md': md('env: { A: "1" }'),
  'agents/capped.md': md('bottle: own\nbudget: { claude: 500 }', 'p'),
  'agents/plain.md': md('bottle: own', 'p'),
  'agents/heir.md': md('bottle: inherits', 'p'),
  'agents/free.md': md('bottle: bare', 'p'),
});
const GLOBAL: HostSettings = { budgets: { claude: 9000 } };

test('each scope decides in turn: override, agent, bottle, parent, global', () => {
  const at = (agent: string, settings: HostSettings, overrides = NONE) =>
    anthropic(sessionBudgets(ladder, agent, ladder.agents[agent]!.bottles, settings, overrides));
  assert.equal(at('capped', GLOBAL, new Map([['claude', 100]])), '100 override --budget');
  assert.equal(at('capped', GLOBAL), '500 agent agent capped');
  assert.equal(at('plain', GLOBAL), '800 bottle bottle own');
  assert.equal(at('heir', GLOBAL), '1000 parent bottle base (parent of inherits)');
  assert.equal(at('free', GLOBAL), '9000 global settings.yml');
  assert.equal(at('free', {}), 'none');
});

test('an override widens as well as narrows: the operator has the last word', () => {
  const b = sessionBudgets(ladder, 'capped', ['own'], GLOBAL, new Map([['anthropic', 5_000_000]]));
  assert.deepEqual(lines(b), ['anthropic: 5000000 override (--budget) key=anthropic']);
});

test('scopes decide per provider family, not for the whole session', () => {
  const bundle = compile({
    'bottles/b.md': md('budget: { codex: 300 }'),
    'agents/a.md': md('bottle: b\nbudget: { claude: 50 }', 'p'),
  });
  const b = sessionBudgets(bundle, 'a', ['b'], { budgets: { claude: 9, openai: 9, gemini: { tokens: 70, window: '2w' } } }, new Map());
  assert.deepEqual(lines(b), [
    'anthropic: 50 agent (agent a) key=claude',
    `gemini: 70/${14 * D} global (settings.yml) key=gemini`,
    'openai: 300 bottle (bottle b) key=codex',
  ]);
});

test('template names and family names are one provider; within a scope the smaller limit wins', () => {
  assert.equal(providerFamily('claude'), 'anthropic');
  assert.equal(providerFamily('pi'), 'anthropic');
  assert.equal(providerFamily('codex'), 'openai');
  assert.equal(providerFamily('anthropic'), 'anthropic');
  assert.equal(providerFamily('gemini'), 'gemini');
  assert.equal(providerFamily('toString'), 'toString');

  const bundle = compile({
    'bottles/b.md': md('budget: { claude: 900, pi: 700 }'),
    'agents/a.md': md('bottle: b', 'p'),
  });
  const settings: HostSettings = { budgets: { anthropic: 100, claude: 200, codex: 40, openai: 30 } };
  assert.deepEqual(lines(sessionBudgets(bundle, 'a', ['b'], settings, new Map([['codex', 5], ['openai', 3]]))), [
    'anthropic: 700 bottle (bottle b) key=pi',
    'openai: 3 override (--budget) key=openai',
  ]);
  assert.deepEqual(lines(sessionBudgets(bundle, 'a', [], settings, NONE)), [
    'anthropic: 100 global (settings.yml) key=anthropic',
    'openai: 30 global (settings.yml) key=openai',
  ]);
});

test('equal limits in one scope: the one without a window (or the longer window) wins', () => {
  const b = sessionBudgets(ladder, 'free', [], { budgets: { claude: { tokens: 100, window: '1h' }, pi: 100, codex: { tokens: 5, window: '1h' }, openai: { tokens: 5, window: '1d' } } }, NONE);
  assert.deepEqual(lines(b), ['anthropic: 100 global (settings.yml) key=pi', `openai: 5/${D} global (settings.yml) key=openai`]);
});

test('parent attribution names the ancestor that declared the value', () => {
  const bundle = compile({
    'bottles/gp.md': md('budget: { claude: 5, codex: 9 }'),
    'bottles/p.md': md('extends: gp\nbudget: { codex: 8 }'),
    'bottles/c.md': md('extends: p'),
    'bottles/same.md': md('extends: gp\nbudget: { claude: 5 }'),
    'agents/a.md': md('bottle: c', 'p'),
  });
  assert.deepEqual(lines(sessionBudgets(bundle, 'a', ['c'], {}, NONE)), [
    'anthropic: 5 parent (bottle gp (parent of c)) key=claude',
    'openai: 8 parent (bottle p (parent of c)) key=codex',
  ]);
  // Restating the parent's value reads as inherited: the limit is the same either way.
  assert.equal(anthropic(sessionBudgets(bundle, 'a', ['same'], {}, NONE)), '5 parent bottle gp (parent of same)');
  assert.deepEqual(lines(sessionBudgets(bundle, 'a', ['p'], {}, NONE)), [
    'anthropic: 5 parent (bottle gp (parent of p)) key=claude',
    'openai: 8 bottle (bottle p) key=codex',
  ]);
});

test('multi-parent: the value the fold chose is attributed, even when lineage order differs from fold order', () => {
  // leaf folds mid then root, so root's claude wins although mid is last in lineage.
  const bundle = compile({
    'bottles/root.md': md('budget: { claude: 10 }'),
    'bottles/mid.md': md('extends: root\nbudget: { claude: 20 }'),
    'bottles/leaf.md': md('extends: [mid, root]'),
    'agents/a.md': md('bottle: leaf', 'p'),
  });
  assert.deepEqual(bundle.bottles.leaf!.lineage, ['root', 'mid']);
  assert.equal(anthropic(sessionBudgets(bundle, 'a', ['leaf'], {}, NONE)), '10 parent bottle root (parent of leaf)');
});

test('several session bottles fold per key, later wins, like the effective policy', () => {
  const bundle = compile({
    'bottles/base.md': md('budget: { claude: 4000 }'),
    'bottles/x.md': md('budget: { claude: 100 }'),
    'bottles/y.md': md('budget: { claude: 300 }'),
    'bottles/z.md': md('budget: { pi: 500, codex: 7 }'),
    'bottles/heir.md': md('extends: base'),
    'agents/a.md': md('bottles: [x, y]', 'p'),
  });
  const at = (bottles: string[]) => anthropic(sessionBudgets(bundle, 'a', bottles, {}, NONE));
  assert.equal(at(bundle.agents.a!.bottles), '300 bottle bottle y');
  assert.equal(at(['y', 'x']), '100 bottle bottle x');
  // Different keys of one family both survive the fold; the smaller decides.
  assert.equal(at(['x', 'z']), '100 bottle bottle x');
  assert.equal(at(['y', 'z', 'x']), '100 bottle bottle x');
  assert.equal(at(['z', 'y']), '300 bottle bottle y');
  // A later bottle's inherited value beats an earlier bottle's own one: the fold decides.
  assert.equal(at(['x', 'heir']), '4000 parent bottle base (parent of heir)');
  assert.equal(at(['heir', 'x']), '100 bottle bottle x');
});

test('cutoff policy: agent, then the session bottles folded, then settings, then "cutoff"', () => {
  const bundle = compile({
    'bottles/base.md': md('budget: { claude: 1000, cutoff: freeze }'),
    'bottles/heir.md': md('extends: base'),
    'bottles/killer.md': md('budget: { cutoff: kill }'),
    'bottles/bare.md': md('env: { A: "1" }'),
    'agents/strict.md': md('bottle: heir\nbudget: { cutoff: kill }', 'p'),
    'agents/a.md': md('bottle: heir', 'p'),
  });
  const cut = (agent: string, bottles: string[], settings: HostSettings = { cutoff: 'kill' }) => {
    const b = sessionBudgets(bundle, agent, bottles, settings, NONE);
    return `${b.cutoff} ${b.cutoffSource}`;
  };
  assert.equal(cut('strict', ['heir']), 'kill agent strict');
  assert.equal(cut('a', ['heir']), 'freeze bottle base (parent of heir)');
  assert.equal(cut('a', ['heir', 'killer']), 'kill bottle killer');
  assert.equal(cut('a', ['killer', 'heir']), 'freeze bottle base (parent of heir)');
  assert.equal(cut('a', ['killer', 'bare']), 'kill bottle killer');
  assert.equal(cut('a', ['bare']), 'kill settings.yml');
  assert.equal(cut('a', ['bare'], {}), 'cutoff default');
});

test('windows: n followed by m, h, d or w; without one the budget covers the session', () => {
  assert.equal(windowMs('30m'), 30 * 60_000);
  assert.equal(windowMs('12h'), 12 * H);
  assert.equal(windowMs('7d'), 7 * D);
  assert.equal(windowMs('2w'), 14 * D);
  for (const bad of ['0d', '1y', 'd', '1.5h', ' 1d']) assert.throws(() => windowMs(bad), /budget window/);
  const b = sessionBudgets(ladder, 'heir', ['inherits'], {}, NONE);
  assert.equal(b.byProvider.get('anthropic')!.windowMs, D);
  assert.equal(sessionBudgets(ladder, 'plain', ['own'], {}, NONE).byProvider.get('anthropic')!.windowMs, null);
});

test('estimate floor: settings, else the documented default', () => {
  assert.equal(sessionBudgets(ladder, 'free', [], {}, NONE).estimateFloor, DEFAULT_ESTIMATE_FLOOR);
  assert.equal(DEFAULT_ESTIMATE_FLOOR, 1024);
  assert.equal(sessionBudgets(ladder, 'free', [], { estimate_floor_tokens: 0 }, NONE).estimateFloor, 0);
  assert.equal(sessionBudgets(ladder, 'free', [], { estimate_floor_tokens: 64 }, NONE).estimateFloor, 64);
});

test('an unknown agent or bottle is an error, not an unlimited session', () => {
  assert.throws(() => sessionBudgets(ladder, 'nobody', [], {}, NONE), /no agent "nobody"/);
  assert.throws(() => sessionBudgets(ladder, 'plain', ['own', 'nope'], {}, NONE), /no bottle "nope"/);
  assert.throws(() => sessionBudgets(ladder, 'constructor', [], {}, NONE), /no agent/);
});

test('the example policy: reviewer, ci-fixer, researcher', () => {
  const { bundle } = compileRepo('fixtures/policies/example', { revision: 'r' });
  const session = (agent: string) => sessionBudgets(bundle!, agent, bundle!.agents[agent]!.bottles, {}, NONE);
  const reviewer = session('reviewer');
  assert.deepEqual(lines(reviewer), ['anthropic: 500000 agent (agent reviewer) key=claude']);
  assert.equal(`${reviewer.cutoff} ${reviewer.cutoffSource}`, 'freeze bottle base (parent of github)');
  assert.deepEqual(lines(session('ci-fixer')), ['anthropic: 800000 bottle (bottle ci) key=claude']);
  assert.deepEqual(lines(session('researcher')), [`anthropic: 2000000/${D} parent (bottle base (parent of docs-reader)) key=claude`]);
});
