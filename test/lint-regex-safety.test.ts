import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSafePattern } from 'redos-detector';
import { hasNestedQuantifier, provablyLinear, redosVerdict, withoutGroupNames } from '../compiler/lint/regex-analysis.ts';
import { rule as regexInvalid } from '../compiler/lint/regex-invalid.ts';
import { rule as regexRedos } from '../compiler/lint/regex-redos.ts';
import { buildModel, lint } from './helpers/model-builder.ts';

const rules = [regexInvalid, regexRedos];

/** A bottle with one route whose single match has these path and header entries. */
function withMatch(paths: Array<[string, string]>, headers: Array<[string, string]> = []) {
  const yamlPaths = paths.map(([type, value]) => `\n          - {type: ${type}, value: ${JSON.stringify(value)}}`).join('');
  const yamlHeaders = headers.map(([type, value]) => `\n          - {name: x-test, type: ${type}, value: ${JSON.stringify(value)}}`).join('');
  const text = `---
egress:
  routes:
    - host: api.example.com
      matches:
        - paths:${yamlPaths || ' []'}
          headers:${yamlHeaders || ' []'}
---
`;
  return buildModel({ bottles: { web: text } });
}

describe('regex-invalid', () => {
  it('reports a regex the engine rejects, with the engine\'s reason, at the value', () => {
    const diags = lint(withMatch([['regex', '^/api/(v1']]), rules);
    assert.equal(diags.length, 1);
    const d = diags[0]!;
    assert.equal(d.ruleId, 'regex-invalid');
    assert.deepEqual([d.line, d.column], [7, 34]);
    assert.equal(d.message, 'egress.routes[0].matches[0].paths[0].value: regex "^/api/(v1" does not compile: Unterminated group');
  });

  it('leaves exact and prefix values alone', () => {
    assert.deepEqual(lint(withMatch([['prefix', '/api/(v1'], ['exact', '/(a+)+']]), rules), []);
  });
});

describe('regex-redos', () => {
  it('rejects nested quantifiers as exponential', () => {
    const diags = lint(withMatch([['regex', '^/ok$'], ['regex', '(a+)+$']]), rules);
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.ruleId, 'regex-redos');
    assert.equal(diags[0]!.line, 8);
    assert.equal(
      diags[0]!.message,
      'egress.routes[0].matches[0].paths[1].value: regex "(a+)+$" can backtrack catastrophically (exponential); rewrite it without nested quantifiers',
    );
  });

  it('checks header regexes too', () => {
    const diags = lint(withMatch([['prefix', '/']], [['regex', '^(\\w+\\s?)*$']]), rules);
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /^egress\.routes\[0\]\.matches\[0\]\.headers\[0\]\.value: .*exponential/);
  });

  it('tells the author to anchor a pattern that is only unsafe unanchored', () => {
    const diags = lint(withMatch([['regex', '[0-9]+$']]), rules);
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /\(polynomial\): unanchored, .*anchor it with \^/);
    assert.deepEqual(lint(withMatch([['regex', '^/[0-9]+$']]), rules), []);
  });

  it('fails closed when the analysis gives up', () => {
    // Harmless, but eight ambiguous alternations exhaust the detector's steps.
    const diags = lint(withMatch([['regex', '^/(a|ab)(c|cd)(e|ef)(g|gh)(i|ij)(k|kl)(m|mn)(o|op)$']]), rules);
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.severity, 'error');
    assert.match(diags[0]!.message, /cannot be proven free of catastrophic backtracking \(the analysis gave up\), so it is treated as unsafe/);
  });

  it('accepts the route regexes people write, named groups included', () => {
    const ok = [
      '^/repos/[^/]+/[^/]+/pulls$',
      '^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/issues/[0-9]+/comments$',
      '^/v1/(chat/completions|responses|embeddings)$',
      '^/api/v[0-9]+/.*$',
      'json',
    ];
    assert.deepEqual(lint(withMatch(ok.map((v) => ['regex', v] as [string, string]), [['regex', '^Bearer [A-Za-z0-9._-]+$']]), rules), []);
  });

  it('analyses each distinct pattern once', () => {
    const pattern = '^/cached/(x+x+)+y$';
    const first = redosVerdict(pattern);
    assert.equal(redosVerdict(pattern), first);
  });
});

describe('regex analysis helpers', () => {
  it('numbers named groups and their back-references for the detector', () => {
    assert.equal(withoutGroupNames('^(?<org>[a-z]+)/(?<repo>[^/]+)/\\k<repo>$'), '^([a-z]+)/([^/]+)/\\2$');
    assert.equal(withoutGroupNames('(a)(?:b)(?<n>c)(?<=d)[(?<x>]\\k<n>'), '(a)(?:b)(c)(?<=d)[(?<x>]\\2');
  });

  it('tells nested quantifiers from flat ones', () => {
    for (const p of ['(a+)+', '(a|ab)*', '(?<x>a+)+', '(a?){3}']) assert.ok(hasNestedQuantifier(p), p);
    for (const p of ['.*a.*', '(?:ab)+', '(a+){1}', '[(a+)]+', 'a{2}b+']) assert.ok(!hasNestedQuantifier(p), p);
  });

  it('proves the common route shapes linear without the detector, and nothing the detector rejects', () => {
    const linear = [
      '^/repos/acme/[^/]+/pulls$',
      '^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/issues/[0-9]+/comments$',
      '^application/(json|vnd\\.github\\+json)$',
      '^/api/v[0-9]+/.*$',
      '^/(v1|v2)/x$',
      '^\\d+\\.\\d+$',
      '^/a?/b$',
    ];
    const notProven = ['^(a+)+$', '^a*a*$', '^[a-z]+[a-z0-9]*$', '^(a|ab)c$', '^.*a.*$', '^\\w+\\s?\\w+$', '[0-9]+$', '^a+?b$', '^(a)\\1$', '^x{2,5}x$', '^(|a)b$'];
    for (const p of linear) assert.ok(provablyLinear(p), p);
    for (const p of notProven) assert.ok(!provablyLinear(p), p);
    for (const p of linear) assert.deepEqual(redosVerdict(p), { safe: true }, p);
  });

  // Seeded, so a failure reproduces. The fast path must be sound: whatever it
  // accepts, the detector (given room) never finds unsafe.
  it('never accepts, on the fast path, a random pattern the detector finds unsafe', () => {
    let seed = 0x5eed;
    const rnd = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const atoms = ['a', 'b', '[ab]', '[^a]', '.', '\\d', '/', '(?:ab)', '(?:a|b)', '(?:ab|ba)', '(?:aa|b)', '(?:a|ab)'];
    const quantifiers = ['', '', '*', '+', '?', '{1,3}', '{2,}'];
    const gen = (depth: number): string => {
      let out = '';
      for (let i = 0, n = 1 + rnd(3); i < n; i++) {
        const group = depth < 2 && rnd(4) === 0;
        const atom = group ? `(${gen(depth + 1)}${rnd(3) === 0 ? `|${gen(depth + 1)}` : ''})` : atoms[rnd(atoms.length)]!;
        out += atom + quantifiers[rnd(quantifiers.length)]!;
      }
      return out;
    };
    let accepted = 0;
    for (let k = 0; k < 400; k++) {
      const p = `^${gen(0)}${rnd(2) ? '$' : ''}`;
      if (!provablyLinear(p)) continue;
      accepted++;
      const r = isSafePattern(p, { maxSteps: 20_000, timeout: 5_000 });
      assert.notEqual(r.error, 'hitMaxScore', p);
    }
    assert.ok(accepted > 50, `only ${accepted} patterns took the fast path: the generator is too narrow`);
  });
});
