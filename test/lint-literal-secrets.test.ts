import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule as literalSecret } from '../compiler/lint/literal-secret.ts';
import { FAKE } from './helpers/fake-secrets.ts';
import { buildModel, lint, md } from './helpers/model-builder.ts';

describe('literal-secret in env', () => {
  it('reports a token in an env value at the value, masked', () => {
    const token = FAKE['github-classic']!;
    const model = buildModel({ bottles: { web: md(`
      env:
        LOG_LEVEL: debug
        GITHUB_TOKEN: ${token}`) } });
    const diags = lint(model, [literalSecret]);
    assert.equal(diags.length, 1);
    const d = diags[0]!;
    assert.equal(d.ruleId, 'literal-secret');
    assert.equal(d.severity, 'error');
    assert.deepEqual([d.file, d.line, d.column], ['.bot-bottle/bottles/web.md', 4, 17]);
    assert.match(d.message, /^env\.GITHUB_TOKEN holds a literal GitHub token \(ghp_…\)/);
    assert.ok(!d.message.includes(token.slice(4)));
  });

  it('reports a high-entropy value under a secret-looking name', () => {
    const model = buildModel({ bottles: { web: md(`
      env:
        DB_PASSWORD: "Fake-0123-pass!"`) } });
    const diags = lint(model, [literalSecret]);
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /^env\.DB_PASSWORD holds a literal password or secret \(Fak…\)/);
  });

  it('accepts prompts, placeholders and ordinary values', () => {
    const model = buildModel({ bottles: { web: md(`
      env:
        GITHUB_TOKEN: "?Paste a GitHub token with repo scope"
        API_KEY: "\${API_KEY}"
        DB_PASSWORD: changeme
        SECRET_NAME: <your-secret>
        STRIPE_KEY: sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
        AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE
        LOG_LEVEL: debug
        HOME_URL: https://example.com/docs`) } });
    assert.deepEqual(lint(model, [literalSecret]), []);
  });
});

describe('literal-secret in prompts', () => {
  it('reports each credential in an agent prompt at its exact line and column', () => {
    const slack = FAKE['slack-token']!;
    const body = `You review pull requests.\n\nUse the bot token ${slack} when posting.\nAlso: ${FAKE.openai}\n`;
    const model = buildModel({ agents: { reviewer: md('bottle: web', body) } });
    const diags = lint(model, [literalSecret]);
    assert.equal(diags.length, 2);
    // Lines: 1 ---, 2 bottle, 3 ---, 4 prompt, 5 blank, 6 slack, 7 openai.
    assert.deepEqual([diags[0]!.line, diags[0]!.column], [6, 'Use the bot token '.length + 1]);
    assert.deepEqual([diags[1]!.line, diags[1]!.column], [7, 'Also: '.length + 1]);
    assert.match(diags[0]!.message, /^the prompt contains a literal Slack token \(xoxb…\)/);
    assert.ok(!diags[0]!.message.includes(slack.slice(4)));
    assert.equal(diags[0]!.file, '.bot-bottle/agents/reviewer.md');
  });

  it('counts positions right in a file with CRLF line endings', () => {
    const text = `---\r\nbottle: web\r\n---\r\nline one\r\nkey: ${FAKE.npm}\r\n`;
    const model = buildModel({ agents: { reviewer: text } });
    const diags = lint(model, [literalSecret]);
    assert.equal(diags.length, 1);
    assert.deepEqual([diags[0]!.line, diags[0]!.column], [5, 6]);
  });

  it('finds a secret on the first body line', () => {
    const model = buildModel({ agents: { reviewer: md('bottle: web', `${FAKE.stripe} is the key`) } });
    const diags = lint(model, [literalSecret]);
    assert.deepEqual(diags.map((d) => [d.line, d.column]), [[4, 1]]);
  });

  it('accepts a prompt that talks about credentials without holding one', () => {
    const body = 'Never print the token. The API key lives in $ANTHROPIC_API_KEY; write api_key=<your-key> in examples.\nA GitHub token looks like ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.\n';
    const model = buildModel({ agents: { reviewer: md('bottle: web', body) } });
    assert.deepEqual(lint(model, [literalSecret]), []);
  });

  it('does not scan bottle bodies, which are documentation', () => {
    const model = buildModel({ bottles: { web: md('env: {LOG_LEVEL: debug}', `Example: ${FAKE.npm}\n`) } });
    assert.deepEqual(lint(model, [literalSecret]), []);
  });
});
