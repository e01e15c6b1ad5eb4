import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule as agentNameMismatch } from '../compiler/lint/agent-name-mismatch.ts';
import { rule as agentWidensBudget } from '../compiler/lint/agent-widens-budget.ts';
import { buildModel, lint, md } from './helpers/model-builder.ts';

const BOTTLES = {
  web: md(`
    budget:
      anthropic: 100000
      openai: {tokens: 5000, window: 1d}
      cutoff: freeze`),
  tight: md(`
    budget:
      anthropic: 50000`),
};

describe('agent-widens-budget', () => {
  it('rejects an agent budget above its bottles\', at the agent\'s node', () => {
    const model = buildModel({
      bottles: BOTTLES,
      agents: { reviewer: md(`
        bottle: web
        budget:
          anthropic: 200000`) },
    });
    const diags = lint(model, [agentWidensBudget]);
    assert.equal(diags.length, 1);
    const d = diags[0]!;
    assert.equal(d.ruleId, 'agent-widens-budget');
    assert.equal(d.severity, 'error');
    assert.deepEqual([d.file, d.line, d.column], ['.bot-bottle/agents/reviewer.md', 4, 14]);
    assert.equal(d.message, 'budget.anthropic: agents may narrow, never widen: bottle budget for anthropic is 100000, agent asks 200000');
  });

  it('compares the {tokens, window} form on either side', () => {
    const model = buildModel({
      bottles: BOTTLES,
      agents: { reviewer: md(`
        bottle: web
        budget:
          openai: {tokens: 9000, window: 1d}
          anthropic: {tokens: 100000}`) },
    });
    const diags = lint(model, [agentWidensBudget]);
    assert.deepEqual(diags.map((d) => [d.line, d.column]), [[4, 20]]);
    assert.match(diags[0]!.message, /bottle budget for openai is 5000 per 1d, agent asks 9000 per 1d/);
  });

  it('compares spending over time: a shorter renewing window can outspend the bottle', () => {
    const agent = (budget: string) => buildModel({ bottles: { web: md('budget: {openai: {tokens: 1000, window: 1d}, codex: 500}') }, agents: { a: md(`bottle: web\nbudget: ${budget}`) } });
    const widened = lint(agent('{openai: {tokens: 100, window: 1h}}'), [agentWidensBudget]);
    assert.equal(widened.length, 1);
    assert.match(widened[0]!.message, /up to 2400 per 1d/);
    assert.deepEqual(lint(agent('{openai: {tokens: 40, window: 1h}}'), [agentWidensBudget]), [], '40/h is at most 960/d');
    assert.deepEqual(lint(agent('{openai: {tokens: 900, window: 1w}}'), [agentWidensBudget]), [], 'a longer window with fewer tokens never outspends');
    assert.deepEqual(lint(agent('{openai: 800}'), [agentWidensBudget]), [], 'a smaller lifetime total narrows');
    assert.match(lint(agent('{codex: {tokens: 10, window: 1d}}'), [agentWidensBudget])[0]!.message, /renewing 10 per 1d outspends a total of 500/);
  });

  it('compares with the merged budget of all the agent\'s bottles (last bottle wins)', () => {
    const agent = md(`
      bottles: [web, tight]
      budget: {anthropic: 80000}`);
    assert.equal(lint(buildModel({ bottles: BOTTLES, agents: { a: agent } }), [agentWidensBudget]).length, 1);
    const reversed = agent.replace('[web, tight]', '[tight, web]');
    assert.deepEqual(lint(buildModel({ bottles: BOTTLES, agents: { a: reversed } }), [agentWidensBudget]), []);
  });

  it('allows narrowing, equal budgets, providers the bottles leave unlimited, and cutoff', () => {
    const model = buildModel({
      bottles: BOTTLES,
      agents: { reviewer: md(`
        bottle: web
        budget:
          anthropic: 100000
          openai: 10
          google: 999999999
          cutoff: kill`) },
    });
    assert.deepEqual(lint(model, [agentWidensBudget]), []);
  });
});

describe('agent-name-mismatch', () => {
  it('warns at the name value when it differs from the file name', () => {
    const model = buildModel({ agents: { reviewer: md('bottle: web\nname: code-reviewer') } });
    const diags = lint(model, [agentNameMismatch]);
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.severity, 'warning');
    assert.equal(diags[0]!.ruleId, 'agent-name-mismatch');
    assert.deepEqual([diags[0]!.line, diags[0]!.column], [3, 7]);
    assert.match(diags[0]!.message, /^name "code-reviewer" differs from the file name "reviewer\.md"/);
  });

  it('is silent when the name matches or is absent', () => {
    const model = buildModel({ agents: { reviewer: md('bottle: web\nname: reviewer'), other: md('bottle: web') } });
    assert.deepEqual(lint(model, [agentNameMismatch]), []);
  });
});
