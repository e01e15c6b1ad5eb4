import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule as ruleOfTwo } from '../compiler/lint/rule-of-two.ts';
import { rule as ruleOfTwoWaiver } from '../compiler/lint/rule-of-two-waiver.ts';
import { providerApi, providerHost } from '../policy/providers.ts';
import { buildModel, lint, md } from './helpers/model-builder.ts';

// All three properties: untrusted host, a credential and a repo, POST and push.
const WEB = md(`
  agent_provider: {template: claude, auth_token: ANTHROPIC_API_KEY}
  git-gate:
    repos:
      app: {url: "https://github.com/acme/app.git"}
  egress:
    routes:
      - host: api.anthropic.com
        auth: {scheme: Bearer, token_ref: ANTHROPIC_API_KEY}
      - host: api.github.com
        auth: {scheme: Bearer, token_ref: GITHUB_TOKEN}
        matches:
          - methods: [GET, POST]`);

const REVIEWER = md('bottle: web', 'You review code.\n');

describe('rule-of-two', () => {
  it('reports an agent with all three properties, listing what gave each, on one line', () => {
    const model = buildModel({ bottles: { web: WEB }, agents: { reviewer: REVIEWER } });
    const diags = lint(model, [ruleOfTwo]);
    assert.equal(diags.length, 1);
    const d = diags[0]!;
    assert.equal(d.ruleId, 'rule-of-two');
    assert.equal(d.severity, 'error');
    assert.deepEqual([d.file, d.line, d.column], ['.bot-bottle/agents/reviewer.md', 2, 1]);
    assert.equal(
      d.message,
      'agent "reviewer" combines (A) untrusted input [route api.github.com in bottle web], (B) sensitive data [auth on api.github.com (GITHUB_TOKEN), git-gate repo app], (C) state-changing egress [route api.github.com allows POST, git push to git-gate repo app]; add rule_of_two: {waive: true, justification: "..."} to a bottle after review, or narrow the policy',
    );
    assert.ok(!d.message.includes('\n'));
  });

  it('is silent when any one property is missing', () => {
    const trusted = WEB.replace('- host: api.github.com', '- host: api.github.com\n      trusted: true');
    const readOnly = WEB.replace('methods: [GET, POST]', 'methods: [GET, HEAD]').replace(/git-gate:\n.*\n.*\n/, '');
    const noSecrets = WEB.replace('      auth: {scheme: Bearer, token_ref: GITHUB_TOKEN}\n', '').replace(/git-gate:\n.*\n.*\n/, '');
    for (const web of [trusted, readOnly, noSecrets]) {
      assert.notEqual(web, WEB);
      const model = buildModel({ bottles: { web }, agents: { reviewer: REVIEWER } });
      assert.deepEqual(lint(model, [ruleOfTwo]), [], web);
    }
  });

  it('does not count the agent\'s own model-provider route', () => {
    const model = buildModel({
      bottles: {
        llm: md(`
          agent_provider: {template: codex, auth_token: OPENAI_API_KEY}
          env: {OPENAI_API_KEY: "?OpenAI key"}
          egress:
            routes:
              - host: api.openai.com
                auth: {scheme: Bearer, token_ref: OPENAI_API_KEY}`),
      },
      agents: { coder: md('bottle: llm') },
    });
    // Untrusted + state-changing only through the provider route; the env key is (B) alone.
    assert.deepEqual(lint(model, [ruleOfTwo]), []);
  });

  it('follows agent_provider.host instead of the template default', () => {
    const model = buildModel({
      bottles: {
        llm: md(`
          agent_provider: {template: codex, host: llm.internal}
          egress:
            routes:
              - host: llm.internal
              - host: api.openai.com
                auth: {scheme: Bearer, token_ref: OPENAI_API_KEY}`),
      },
      agents: { coder: md('bottle: llm') },
    });
    const diags = lint(model, [ruleOfTwo]);
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /\(A\) untrusted input \[route api\.openai\.com in bottle llm\]/);
    assert.doesNotMatch(diags[0]!.message, /llm\.internal/);
  });

  it('names the bottle a route comes from, through extends and several bottles', () => {
    const model = buildModel({
      bottles: {
        net: md(`
          egress:
            routes:
              - host: pastebin.example`),
        web: md(`
          extends: net
          env: {API_KEY: "?key"}`),
        other: md(`
          egress:
            routes:
              - host: docs.example
                trusted: true`),
      },
      agents: { reviewer: md('bottles: [web, other]') },
    });
    const diags = lint(model, [ruleOfTwo]);
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /\[route pastebin\.example in bottle net\], \(B\) sensitive data \[env API_KEY\], \(C\) state-changing egress \[route pastebin\.example allows every method, route docs\.example allows every method\]/);
    // Reported at the `bottles` key.
    assert.deepEqual([diags[0]!.line, diags[0]!.column], [2, 1]);
  });

  it('treats a match entry without methods as allowing every method, and empty lists as nothing', () => {
    const base = (matches: string) =>
      md(`
        env: {GITHUB_TOKEN: "?token"}
        egress:
          routes:
            - host: api.github.com
              matches: ${matches}`);
    const open = buildModel({ bottles: { web: base('[{paths: [{type: prefix, value: /repos}]}]') }, agents: { a: md('bottle: web') } });
    assert.match(lint(open, [ruleOfTwo])[0]?.message ?? '', /route api\.github\.com allows every method/);
    const dead = buildModel({ bottles: { web: base('[{paths: [], methods: [POST]}, {methods: []}]') }, agents: { a: md('bottle: web') } });
    assert.deepEqual(lint(dead, [ruleOfTwo]), []);
  });

  it('accepts a justified waiver and ignores an unjustified or withdrawn one', () => {
    const waived = (waiver: string) => buildModel({ bottles: { web: `${WEB.replace(/---\n$/, '')}\nrule_of_two: ${waiver}\n---\n` }, agents: { reviewer: REVIEWER } });
    assert.deepEqual(lint(waived('{waive: true, justification: "reviewed 2024-05: the repo is a sandbox fork"}'), [ruleOfTwo]), []);
    assert.equal(lint(waived('{waive: true, justification: "  "}'), [ruleOfTwo]).length, 1);
    assert.equal(lint(waived('{waive: false, justification: "not yet"}'), [ruleOfTwo]).length, 1);
  });
});

describe('rule-of-two-waiver', () => {
  const bottle = (waiver: string) => buildModel({ bottles: { web: md(`env: {A: b}\n${waiver}`) } });

  it('reports an empty justification at the justification', () => {
    const diags = lint(bottle('rule_of_two:\n  waive: true\n  justification: "   "'), [ruleOfTwoWaiver]);
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.ruleId, 'rule-of-two-waiver');
    assert.deepEqual([diags[0]!.line, diags[0]!.column], [5, 18]);
  });

  it('reports a missing justification at rule_of_two', () => {
    const diags = lint(bottle('rule_of_two: {waive: true}'), [ruleOfTwoWaiver]);
    assert.deepEqual(diags.map((d) => [d.line, d.column]), [[3, 1]]);
  });

  it('accepts a justified waiver and waive: false', () => {
    assert.deepEqual(lint(bottle('rule_of_two: {waive: true, justification: reviewed}'), [ruleOfTwoWaiver]), []);
    assert.deepEqual(lint(bottle('rule_of_two: {waive: false, justification: ""}'), [ruleOfTwoWaiver]), []);
  });
});

describe('providers', () => {
  it('maps templates to their API host and credential header', () => {
    assert.equal(providerHost({ template: 'claude' }), 'api.anthropic.com');
    assert.equal(providerHost({ template: 'pi' }), 'api.anthropic.com');
    assert.equal(providerHost({ template: 'codex' }), 'api.openai.com');
    assert.equal(providerHost({ template: 'codex', host: 'llm.internal' }), 'llm.internal');
    assert.equal(providerHost({ template: 'my-plugin' }), undefined);
    assert.equal(providerHost({ template: 'toString' }), undefined);
    assert.deepEqual(providerApi({ template: 'claude' }), { api: 'anthropic', host: 'api.anthropic.com', header: 'x-api-key', prefix: '' });
    assert.deepEqual(providerApi({ template: 'codex', host: 'gw.local' }), { api: 'openai', host: 'gw.local', header: 'authorization', prefix: 'Bearer ' });
  });
});
