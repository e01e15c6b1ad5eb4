import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule as authPair } from '../compiler/lint/auth-pair.ts';
import { rule as tokenRefLiteral } from '../compiler/lint/token-ref-literal.ts';
import { FAKE, fakeGithubToken } from './helpers/fake-secrets.ts';
import { buildModel, lint, md } from './helpers/model-builder.ts';

const bottle = (routes: string, extra = '') =>
  buildModel({
    bottles: {
      web: md(`
        egress:
          routes:
            - host: example.com
        ${routes}
        ${extra}`),
    },
  });

describe('auth-pair', () => {
  it('requires token_ref when scheme is set, at the auth node', () => {
    const model = bottle(`
            - host: api.github.com
              auth:
                scheme: Bearer`);
    const [d, ...rest] = lint(model, [authPair]);
    assert.equal(rest.length, 0);
    assert.equal(d!.ruleId, 'auth-pair');
    assert.equal(d!.severity, 'error');
    assert.equal(d!.file, '.bot-bottle/bottles/web.md');
    assert.deepEqual([d!.line, d!.column], [8, 9]); // the auth mapping (line 5 is the blank line the template leaves)
    assert.match(d!.message, /^egress\.routes\[1\]\.auth: token_ref is required when scheme is set/);
  });

  it('requires scheme when token_ref is set', () => {
    const model = bottle(`
            - host: api.github.com
              auth:
                token_ref: GITHUB_TOKEN`);
    const diags = lint(model, [authPair]);
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /scheme is required when token_ref is set/);
  });

  it('accepts a complete pair and routes without auth', () => {
    const model = bottle(`
            - host: api.github.com
              auth:
                scheme: token
                token_ref: GITHUB_TOKEN`);
    assert.deepEqual(lint(model, [authPair]), []);
  });

  it('reports a broken pair once, in the bottle that writes it, not in bottles extending it', () => {
    const model = buildModel({
      bottles: {
        base: md(`
          egress:
            routes:
              - host: api.github.com
                auth: {scheme: Bearer}`),
        child: md('extends: base'),
        grandchild: md('extends: child'),
      },
    });
    const diags = lint(model, [authPair]);
    assert.deepEqual(diags.map((d) => d.file), ['.bot-bottle/bottles/base.md']);
  });
});

describe('token-ref-literal', () => {
  it('says a pasted GitHub token is one, without printing it', () => {
    const token = fakeGithubToken();
    const model = bottle(`
            - host: api.github.com
              auth:
                scheme: Bearer
                token_ref: ${token}`);
    const diags = lint(model, [tokenRefLiteral]);
    assert.equal(diags.length, 1);
    const d = diags[0]!;
    assert.equal(d.ruleId, 'token-ref-literal');
    assert.deepEqual([d.line, d.column], [9, 20]);
    assert.match(d.message, /^egress\.routes\[1\]\.auth\.token_ref looks like a GitHub token \(ghp_…\): put the token in the runtime's environment and name the variable here/);
    assert.ok(!d.message.includes(token.slice(4)), 'the token must not be printed');
  });

  it('checks agent_provider.auth_token too', () => {
    const model = bottle('', `
        agent_provider:
          template: claude
          auth_token: "${FAKE.anthropic}"`);
    const diags = lint(model, [tokenRefLiteral]);
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /^agent_provider\.auth_token looks like an Anthropic API key \(sk-a…\)/);
    assert.ok(!diags[0]!.message.includes(FAKE.anthropic!.slice(8)));
  });

  it('catches a credential that happens to be a valid variable name', () => {
    const model = bottle(`
            - host: s3.amazonaws.com
              auth: {scheme: Bearer, token_ref: ${FAKE['aws-access-key-id']}}`);
    const diags = lint(model, [tokenRefLiteral]);
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /looks like an AWS access key id/);
  });

  it('suggests the upper-case name for a misspelt variable', () => {
    const model = bottle(`
            - host: api.github.com
              auth: {scheme: Bearer, token_ref: github-token}`);
    const diags = lint(model, [tokenRefLiteral]);
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /did you mean GITHUB_TOKEN\?/);
  });

  it('never echoes an unknown value that is not a variable name', () => {
    const value = 'q8Zr2mK9vX4pL7nT';
    const model = bottle(`
            - host: api.example.net
              auth: {scheme: Bearer, token_ref: "${value}"}`);
    const diags = lint(model, [tokenRefLiteral]);
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /must name an environment variable/);
    assert.ok(!diags[0]!.message.includes(value));
  });

  it('accepts environment variable names', () => {
    const model = bottle(`
            - host: api.github.com
              auth: {scheme: Bearer, token_ref: GITHUB_TOKEN}`, `
        agent_provider: {template: claude, auth_token: ANTHROPIC_API_KEY}`);
    assert.deepEqual(lint(model, [tokenRefLiteral]), []);
  });
});
