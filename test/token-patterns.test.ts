import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSafePattern } from 'redos-detector';
import { findSecrets, isPlaceholder, maskSecret, shannonEntropy, TOKEN_PATTERNS } from '../policy/token-patterns.ts';
import { FAKE, FAKE_SECRET_PART, fakeGithubToken } from './helpers/fake-secrets.ts';

describe('token patterns', () => {
  it('has a fake sample for every pattern, and every sample is found by its own pattern', () => {
    assert.deepEqual(Object.keys(FAKE).sort(), TOKEN_PATTERNS.map((p) => p.id).sort());
    for (const p of TOKEN_PATTERNS) {
      const sample = FAKE[p.id]!;
      const text = `before ${sample} after`;
      const found = findSecrets(text);
      assert.equal(found.length, 1, `${p.id}: ${JSON.stringify(found)}`);
      const secret = FAKE_SECRET_PART[p.id] ?? (p.id === 'pem-private-key' ? undefined : sample);
      assert.equal(found[0]!.patternId, p.id);
      if (secret !== undefined) {
        assert.equal(text.slice(found[0]!.index, found[0]!.index + found[0]!.length), secret, p.id);
      } else {
        assert.equal(found[0]!.index, 'before '.length, p.id);
      }
    }
  });

  it('covers the formats the runtime DLP must know', () => {
    const ids = new Set(TOKEN_PATTERNS.map((p) => p.id));
    for (const id of ['github-classic', 'github-fine-grained', 'gitlab', 'aws-access-key-id', 'google-api-key', 'slack-token', 'slack-webhook', 'stripe', 'anthropic', 'openai', 'npm', 'pypi', 'huggingface', 'twilio', 'sendgrid', 'jwt', 'pem-private-key', 'generic-assignment']) {
      assert.ok(ids.has(id), id);
    }
  });

  it('finds every GitHub classic prefix, and only with a correct checksum', () => {
    for (const prefix of ['ghp', 'gho', 'ghu', 'ghs', 'ghr']) {
      assert.equal(findSecrets(fakeGithubToken(prefix)).length, 1, prefix);
    }
    const good = fakeGithubToken();
    const last = good.at(-1) === '0' ? '1' : '0';
    assert.deepEqual(findSecrets(good.slice(0, -1) + last), []);
    assert.deepEqual(findSecrets(`ghp_${'0'.repeat(36)}`), []);
  });

  it('knows the legacy OpenAI key shape and does not take an Anthropic key for one', () => {
    assert.equal(findSecrets(`sk-FAKE${'0'.repeat(44)}`)[0]?.patternId, 'openai');
    assert.deepEqual(findSecrets(FAKE.anthropic!).map((f) => f.patternId), ['anthropic']);
  });

  it('reports a token inside an assignment once, under its own name', () => {
    const token = FAKE['github-classic']!;
    const found = findSecrets(`GITHUB_TOKEN=${token}`);
    assert.deepEqual(found.map((f) => f.patternId), ['github-classic']);
    assert.equal(found[0]!.index, 'GITHUB_TOKEN='.length);
  });

  it('returns findings in text order with their offsets', () => {
    const text = `a ${FAKE.npm} b\nc ${FAKE.stripe}`;
    const found = findSecrets(text);
    assert.deepEqual(found.map((f) => f.patternId), ['npm', 'stripe']);
    assert.equal(found[1]!.index, text.indexOf(FAKE.stripe!));
  });

  it('does not report placeholders and near-misses', () => {
    const misses = [
      '${GITHUB_TOKEN}',
      'token: <your-token>',
      'password=xxxxxxxx',
      'password=changeme',
      'password: "********"',
      'api_key=${API_KEY}',
      'api_key={{ secrets.API_KEY }}',
      'secret=<replace with the secret>',
      'password = os.environ',
      'token=GITHUB_TOKEN',
      'max_tokens=4096',
      'The secret to good code is tests.',
      `ghp_${'x'.repeat(36)}`,
      `github_pat_${'x'.repeat(22)}_${'x'.repeat(59)}`,
      'AKIAIOSFODNN7EXAMPLE',
      `https://hooks.slack.com/services/T${'0'.repeat(8)}/B${'0'.repeat(8)}/${'X'.repeat(24)}`,
      `sk_live_${'x'.repeat(24)}`,
      'sk-ant-api03-short',
      `eyJnotjson${'0'.repeat(8)}.eyJ${'0'.repeat(8)}.${'0'.repeat(16)}`,
      `-----BEGIN RSA ${'PRIVATE'} KEY-----\n...\n-----END RSA ${'PRIVATE'} KEY-----`,
      'postgres://app:${DB_PASSWORD}@db:5432/app',
      'https://user:password@example.com/',
      'a task-list item, risk-free',
      `mySK${'0'.repeat(32)}`,
    ];
    for (const text of misses) assert.deepEqual(findSecrets(text), [], text);
  });

  it('runs a pattern only when one of its keywords occurs, in any case', () => {
    let ran = 0;
    const probe = { id: 'probe', name: 'probe', keywords: ['needle'], regex: /[a-z]+-[0-9]{4}/gi, check: () => (ran++, true) };
    assert.deepEqual(findSecrets('haystack-1234 without the keyword', [probe]), []);
    assert.equal(ran, 0);
    assert.equal(findSecrets('NEEDLE: haystack-1234', [probe]).length, 1);
    assert.equal(ran, 1);
  });

  it('gives every pattern lower-case keywords', () => {
    for (const p of TOKEN_PATTERNS) {
      assert.ok(p.keywords.length > 0, p.id);
      for (const k of p.keywords) assert.equal(k, k.toLowerCase(), `${p.id}: ${k}`);
      assert.ok(p.regex.global, `${p.id} must be global`);
      if (new RegExp(`${p.regex.source}|`).exec('')!.length > 1) assert.ok(p.regex.hasIndices, `${p.id} captures the secret, so needs the d flag`);
    }
  });

  // The runtime runs these on agent traffic: one attempt must not backtrack
  // catastrophically, and bounded quantifiers cap what an attempt can read.
  it('uses only regexes that are linear-time on untrusted text', () => {
    for (const p of TOKEN_PATTERNS) {
      const r = isSafePattern(`^(?:${p.regex.source})`, { caseInsensitive: p.regex.ignoreCase, maxSteps: 20_000, timeout: 20_000 });
      assert.ok(r.safe, `${p.id}: ${r.error}`);
      const outsideClasses = p.regex.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
      assert.doesNotMatch(outsideClasses, /[*+]|\{\d+,\}/, `${p.id} has an unbounded quantifier`);
    }
  });

  it('masks a secret down to its first four characters', () => {
    assert.equal(maskSecret(FAKE.stripe!), 'sk_l…');
    assert.equal(maskSecret('short123'), 'sh…');
    assert.ok(!maskSecret(FAKE.anthropic!).includes(FAKE.anthropic!.slice(4, 12)));
  });

  it('recognises placeholders and measures entropy', () => {
    for (const p of ['${TOKEN}', '<your-token>', 'xxxx', 'changeme', 'EXAMPLEKEY', '0000000000', 'your_key_here']) assert.ok(isPlaceholder(p), p);
    assert.ok(!isPlaceholder('Fake-0123-pass!'));
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
  });
});
