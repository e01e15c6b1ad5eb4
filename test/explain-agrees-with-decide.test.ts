// `cork explain` walks the same compiled matchers as the proxy; its verdict
// must be decide's verdict for every request, and its chain must say why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Policy } from '../policy/merge.ts';
import { compileRouteTable, decide, decideConnect, explain, explainTrace, type DecideRequest } from '../runtime/policy/route-table.ts';

const POLICY: Policy = {
  agent_provider: { template: 'claude', auth_token: 'ANTHROPIC_API_KEY' },
  egress: {
    routes: [
      {
        host: 'api.github.com',
        auth: { scheme: 'token', token_ref: 'GITHUB_TOKEN' },
        matches: [
          { paths: [{ type: 'prefix', value: '/repos/acme/' }], methods: ['GET'] },
          { paths: [{ type: 'regex', value: '^/repos/acme/[a-z]+/issues$' }], methods: ['POST'], headers: [{ name: 'X-GitHub-Api-Version', value: '2022-11-28' }] },
          { paths: [{ type: 'exact', value: '/user' }] },
        ],
      },
      { host: 'github.com', git: { fetch: true }, matches: [{ paths: [{ type: 'prefix', value: '/acme/' }], methods: ['GET'] }], dlp: false },
      { host: 'pypi.org', dlp: false },
      { host: 'registry.npmjs.org', matches: [{ headers: [{ name: 'accept', value: 'json', type: 'regex' }] }] },
      { host: '10.0.0.5', dlp: false },
    ],
  },
};

const CTX = {
  bottles: ['base', 'dev'],
  origins: new Map([
    ['api.github.com', 'dev'],
    ['github.com', 'dev'],
    ['pypi.org', 'base'],
    ['registry.npmjs.org', 'base'],
    ['10.0.0.5', 'dev'],
  ]),
};

const table = compileRouteTable(POLICY, { gatewayOrigin: 'http://127.0.0.1:7777' });

function* requests(): Generator<DecideRequest> {
  const hosts = ['api.github.com', 'API.GitHub.com', 'github.com', 'pypi.org', 'registry.npmjs.org', 'api.anthropic.com', '10.0.0.5', '10.5', 'example.com', 'bad host'];
  const methods = ['GET', 'post', 'DELETE', 'CONNECT'];
  const targets: Array<[string, string]> = [
    ['/', ''],
    ['/user', ''],
    ['/user/', ''],
    ['/repos/acme/app', ''],
    ['/repos/acme/app/issues', ''],
    ['/repos/other/app', 'page=2'],
    ['/acme/app.git/info/refs', 'service=git-upload-pack'],
    ['/acme/app.git/info/refs', 'service=git-receive-pack'],
    ['/acme/app.git/git-upload-pack', ''],
    ['/acme/app.git/git-receive-pack', ''],
    ['/v1/messages', ''],
  ];
  const headerSets: DecideRequest['headers'][] = [
    {},
    { 'x-github-api-version': '2022-11-28', accept: 'application/json' },
    { 'x-github-api-version': ['2022-11-28', 'x'], accept: 'text/html' },
  ];
  const ports: Array<['http' | 'https', number]> = [
    ['https', 443],
    ['http', 80],
    ['https', 8443],
  ];
  for (const host of hosts)
    for (const method of methods)
      for (const [path, query] of targets)
        for (const headers of headerSets)
          for (const [scheme, port] of ports) yield { host, method, path, query, headers, scheme, port };
}

test("explain's verdict equals decide's for every request in a large grid", () => {
  let n = 0;
  const seen = new Set<string>();
  for (const req of requests()) {
    const expected = req.method === 'CONNECT' ? decideConnect(table, req.host, req.port) : decide(table, req);
    const trace = explainTrace(table, req, CTX);
    assert.deepEqual(trace.decision, expected, JSON.stringify(req));
    // Allow decisions are the very objects decide returns (same compiled route and entry).
    if (expected.allow) assert.equal(trace.decision, expected);
    const verdict = trace.lines.find((l) => l.startsWith('decision: '))!;
    assert.ok(verdict.includes(expected.allow ? `ALLOW via ${expected.via}` : `DENY ${expected.rule}`), `${verdict} for ${JSON.stringify(req)}`);
    seen.add(expected.allow ? `allow:${expected.via}` : expected.rule);
    n++;
  }
  assert.ok(n > 3000, `${n} requests`);
  // The grid reaches every outcome, so agreement is not vacuous.
  for (const outcome of ['allow:matches', 'allow:open-route', 'allow:git-fetch', 'egress.no-route', 'egress.no-match', 'egress.port', 'egress.git-push', 'egress.connect-needs-gateway']) {
    assert.ok(seen.has(outcome), `grid never produced ${outcome}`);
  }
});

test('explain names the bottle, the match entry and the credential by token_ref only', () => {
  const lines = explain(table, { host: 'api.github.com', method: 'GET', scheme: 'https', port: 443, path: '/repos/acme/app', query: '', headers: {} }, CTX);
  const text = lines.join('\n');
  assert.match(text, /route: api\.github\.com, from bottle "dev"/);
  assert.match(text, /matches\[0\] .*: matches/);
  assert.match(text, /decision: ALLOW via matches \(matches\[0\]\)/);
  assert.match(text, /credential: sets authorization: token <value of GITHUB_TOKEN>/);
});

test('explain says, per entry, which field failed', () => {
  const lines = explain(
    table,
    { host: 'api.github.com', method: 'POST', scheme: 'https', port: 443, path: '/repos/acme/app/issues', query: '', headers: { 'x-github-api-version': '2020-01-01' } },
    CTX,
  );
  const text = lines.join('\n');
  assert.match(text, /matches\[0\] .*: no, method POST not in \[GET\]/);
  assert.match(text, /matches\[1\] .*: no, header x-github-api-version: "2020-01-01" does not match exact "2022-11-28"/);
  assert.match(text, /matches\[2\] .*: no, path \/repos\/acme\/app\/issues matches none of exact \/user/);
  assert.match(text, /decision: DENY egress\.no-match/);
  assert.match(text, /hint: .*egress-allow/);
});

test('explain says why no route matched, and describes the synthesized provider route', () => {
  const none = explain(table, { host: 'example.com', method: 'GET', scheme: 'https', port: 443, path: '/', query: '', headers: {} }, CTX).join('\n');
  assert.match(none, /route: none for example\.com in bottles base, dev; routes exist for: .*api\.github\.com/);
  assert.match(none, /decision: DENY egress\.no-route/);
  const provider = explain(table, { host: 'api.anthropic.com', method: 'POST', scheme: 'https', port: 443, path: '/v1/messages', query: '', headers: {} }, CTX).join('\n');
  assert.match(provider, /synthesized from agent_provider \(template claude\)/);
  assert.match(provider, /credential: sets x-api-key: <value of ANTHROPIC_API_KEY>/);
  const push = explain(table, { host: 'github.com', method: 'POST', scheme: 'https', port: 443, path: '/acme/app.git/git-receive-pack', query: '', headers: {} }, CTX).join('\n');
  assert.match(push, /git push .* never allowed/);
  const connect = explain(table, { host: 'api.github.com', method: 'CONNECT', scheme: 'https', port: 443, path: '/', query: '', headers: {} }, CTX).join('\n');
  assert.match(connect, /DENY egress\.connect-needs-gateway/);
  assert.match(connect, /http:\/\/127\.0\.0\.1:7777\/gw\/api\.github\.com\//);
});

test('explain never prints a credential value', () => {
  process.env.GITHUB_TOKEN_EXPLAIN_CANARY = 'ghp_canary_value';
  const canaryTable = compileRouteTable({ egress: { routes: [{ host: 'h.example', auth: { scheme: 'Bearer', token_ref: 'GITHUB_TOKEN_EXPLAIN_CANARY' } }] } });
  const text = explain(canaryTable, { host: 'h.example', method: 'GET', scheme: 'https', port: 443, path: '/', query: '', headers: {} }, CTX).join('\n');
  assert.ok(!text.includes('ghp_canary_value'));
  assert.match(text, /Bearer <value of GITHUB_TOKEN_EXPLAIN_CANARY>/);
  delete process.env.GITHUB_TOKEN_EXPLAIN_CANARY;
});
