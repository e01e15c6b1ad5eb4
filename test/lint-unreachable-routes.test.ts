import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule as unreachableRoute } from '../compiler/lint/unreachable-route.ts';
import { buildModel, lint, md } from './helpers/model-builder.ts';

const run = (bottles: Record<string, string>) => lint(buildModel({ bottles }), [unreachableRoute]);

describe('unreachable-route', () => {
  it('reports a route replaced by a later route for the same host in the same file, at the earlier one', () => {
    const diags = run({
      web: md(`
        egress:
          routes:
            - host: api.github.com
              matches: [{methods: [GET]}]
            - host: example.com
            - host: API.GitHub.com
              matches: [{methods: [POST]}]`),
    });
    assert.equal(diags.length, 1);
    const d = diags[0]!;
    assert.equal(d.ruleId, 'unreachable-route');
    assert.equal(d.severity, 'error');
    assert.deepEqual([d.line, d.column], [4, 13]);
    assert.equal(
      d.message,
      'egress.routes[0].host: this route for api.github.com is replaced by the later route for the same host (egress.routes[2], line 7); one route per host: merge their matches',
    );
  });

  it('lets a bottle replace a route of the bottle it extends', () => {
    const diags = run({
      base: md(`
        egress:
          routes: [{host: api.github.com}]`),
      web: md(`
        extends: base
        egress:
          routes: [{host: api.github.com, matches: [{methods: [GET]}]}]`),
    });
    assert.deepEqual(diags, []);
  });

  it('reports match lists and entries that match nothing', () => {
    const diags = run({
      web: md(`
        egress:
          routes:
            - host: a.example
              matches: []
            - host: b.example
              matches:
                - paths: []
                - methods: []
                - {methods: [GET]}`),
    });
    assert.deepEqual(
      diags.map((d) => [d.line, d.severity, d.message.split(':')[0]]),
      [
        [5, 'error', 'egress.routes[0].matches'],
        [8, 'error', 'egress.routes[1].matches[0].paths'],
        [9, 'error', 'egress.routes[1].matches[1].methods'],
      ],
    );
    assert.match(diags[0]!.message, /lets no request through to a\.example/);
  });

  it('reports exact and prefix paths that do not start with a slash, not regexes', () => {
    const diags = run({
      web: md(`
        egress:
          routes:
            - host: api.example.com
              matches:
                - paths:
                    - {type: prefix, value: api/v1}
                    - {type: exact, value: "https://api.example.com/x"}
                    - {type: regex, value: "v1/"}
                    - {type: prefix, value: /ok}`),
    });
    assert.deepEqual(diags.map((d) => [d.line, d.column]), [[7, 37], [8, 36]]);
    assert.equal(diags[0]!.message, 'egress.routes[0].matches[0].paths[0].value: prefix path "api/v1" never matches: request paths start with "/"');
  });

  it('warns about a match entry that repeats an earlier one, whatever the key order', () => {
    const diags = run({
      web: md(`
        egress:
          routes:
            - host: api.example.com
              matches:
                - {methods: [GET], paths: [{type: prefix, value: /a}]}
                - {methods: [POST]}
                - {paths: [{value: /a, type: prefix}], methods: [GET]}`),
    });
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.severity, 'warning');
    assert.equal(diags[0]!.line, 8);
    assert.equal(diags[0]!.message, 'egress.routes[0].matches[2]: repeats matches[0]; remove one');
  });

  it('is silent on a tidy bottle', () => {
    const diags = run({
      web: md(`
        egress:
          routes:
            - host: api.github.com
              matches:
                - {methods: [GET], paths: [{type: prefix, value: /repos/}]}
                - {methods: [POST], paths: [{type: exact, value: /graphql}]}
            - host: example.com`),
    });
    assert.deepEqual(diags, []);
  });
});
