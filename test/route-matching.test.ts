// Route matching exactly as DESIGN.md section 2 says, on the compiled route
// table the proxy and `cork explain` share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Policy } from '../policy/merge.ts';
import { foldPolicies } from '../policy/merge.ts';
import type { Route } from '../policy/types.ts';
import { RUNTIME_ERRORS } from '../runtime/errors.ts';
import {
  canonicalHost,
  compileRouteTable,
  decide,
  decideConnect,
  type Decision,
  type DecideRequest,
  type RouteTable,
} from '../runtime/policy/route-table.ts';

function req(over: Partial<DecideRequest> & { host: string }): DecideRequest {
  return { method: 'GET', scheme: 'https', port: over.scheme === 'http' ? 80 : 443, path: '/', query: '', headers: {}, ...over };
}

function table(...routes: Route[]): RouteTable {
  return compileRouteTable({ egress: { routes } });
}

function allowed(d: Decision): boolean {
  return d.allow;
}

function ruleOf(d: Decision): string {
  return d.allow ? `allow:${d.via}` : d.rule;
}

test('a host without a route is denied with egress.no-route', () => {
  const t = table({ host: 'api.github.com' });
  const d = decide(t, req({ host: 'example.com' }));
  assert.equal(ruleOf(d), 'egress.no-route');
  assert.ok(!d.allow && d.hint.includes('egress-allow'));
});

test('host matching is exact: no subdomains, no suffixes, case-insensitive', () => {
  const t = table({ host: 'github.com' });
  assert.ok(allowed(decide(t, req({ host: 'github.com' }))));
  assert.ok(allowed(decide(t, req({ host: 'GitHub.COM' }))));
  assert.equal(ruleOf(decide(t, req({ host: 'api.github.com' }))), 'egress.no-route');
  assert.equal(ruleOf(decide(t, req({ host: 'evilgithub.com' }))), 'egress.no-route');
  assert.equal(ruleOf(decide(t, req({ host: 'github.com.evil.com' }))), 'egress.no-route');
  assert.equal(ruleOf(decide(t, req({ host: 'github.com.' }))), 'egress.no-route');
});

test('hosts that smuggle a port, path or userinfo match no route', () => {
  const t = table({ host: 'github.com' });
  for (const host of ['github.com:443', 'github.com/x', 'evil.com@github.com', 'github.com%2f', 'github.com ', '']) {
    assert.equal(ruleOf(decide(t, req({ host }))), 'egress.no-route', host);
  }
});

test('IP-literal hosts are matched like names, in canonical form', () => {
  const t = table({ host: '10.0.0.5' }, { host: '[fd00::1]' }, { host: 'fd00:0:0::2' });
  assert.ok(allowed(decide(t, req({ host: '10.0.0.5' }))));
  assert.ok(allowed(decide(t, req({ host: '[fd00::1]' }))));
  assert.ok(allowed(decide(t, req({ host: 'fd00:0::1' }))));
  assert.ok(allowed(decide(t, req({ host: '[FD00::2]' }))));
  // 10.5 is read as 10.0.0.5 by URL parsers and getaddrinfo alike.
  assert.ok(allowed(decide(t, req({ host: '10.5' }))));
  assert.equal(ruleOf(decide(t, req({ host: '10.0.0.6' }))), 'egress.no-route');
  assert.deepEqual([...t.allowedAddresses].sort(), ['10.0.0.5', 'fd00::1', 'fd00::2']);
  assert.equal(canonicalHost('0x7f.1'), '127.0.0.1');
});

test('only the scheme default port is allowed: 443 for https, 80 for http', () => {
  const t = table({ host: 'example.com' });
  assert.ok(allowed(decide(t, req({ host: 'example.com', scheme: 'https', port: 443 }))));
  assert.ok(allowed(decide(t, req({ host: 'example.com', scheme: 'http', port: 80 }))));
  assert.equal(ruleOf(decide(t, req({ host: 'example.com', scheme: 'https', port: 8443 }))), 'egress.port');
  assert.equal(ruleOf(decide(t, req({ host: 'example.com', scheme: 'http', port: 443 }))), 'egress.port');
  assert.equal(ruleOf(decide(t, req({ host: 'example.com', scheme: 'https', port: 80 }))), 'egress.port');
  assert.equal(ruleOf(decide(t, req({ host: 'example.com', scheme: 'ftp' as 'http', port: 80 }))), 'egress.port');
});

test('a route without matches allows every path and method (open route)', () => {
  const t = table({ host: 'example.com' });
  for (const method of ['GET', 'POST', 'DELETE', 'PATCH']) {
    const d = decide(t, req({ host: 'example.com', method, path: '/any/thing' }));
    assert.ok(d.allow && d.via === 'open-route' && d.matchIndex === null);
  }
});

test('prefix paths match by string prefix, exact paths by equality', () => {
  const t = table({ host: 'h.example', matches: [{ paths: [{ type: 'prefix', value: '/repos/acme/' }, { type: 'exact', value: '/user' }] }] });
  assert.ok(allowed(decide(t, req({ host: 'h.example', path: '/repos/acme/app' }))));
  assert.ok(allowed(decide(t, req({ host: 'h.example', path: '/repos/acme/' }))));
  assert.ok(allowed(decide(t, req({ host: 'h.example', path: '/user' }))));
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', path: '/user/' }))), 'egress.no-match');
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', path: '/users' }))), 'egress.no-match');
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', path: '/repos/acme' }))), 'egress.no-match');
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', path: '/repos/other/app' }))), 'egress.no-match');
  // Paths are case-sensitive.
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', path: '/Repos/acme/app' }))), 'egress.no-match');
  // The query is not part of the path.
  assert.ok(allowed(decide(t, req({ host: 'h.example', path: '/user', query: 'a=1' }))));
});

test('prefix and exact values compare in normalized percent-encoding', () => {
  const t = table({ host: 'gitlab.example', matches: [{ paths: [{ type: 'prefix', value: '/api/v4/projects/acme%2fapp/' }] }] });
  assert.ok(allowed(decide(t, req({ host: 'gitlab.example', path: '/api/v4/projects/acme%2Fapp/issues' }))));
});

test('regex paths match anywhere unless anchored', () => {
  const t = table(
    { host: 'a.example', matches: [{ paths: [{ type: 'regex', value: '^/v[0-9]+/models$' }] }] },
    { host: 'b.example', matches: [{ paths: [{ type: 'regex', value: 'issues' }] }] },
  );
  assert.ok(allowed(decide(t, req({ host: 'a.example', path: '/v1/models' }))));
  assert.equal(ruleOf(decide(t, req({ host: 'a.example', path: '/v1/models/x' }))), 'egress.no-match');
  assert.equal(ruleOf(decide(t, req({ host: 'a.example', path: '/x/v1/models' }))), 'egress.no-match');
  assert.ok(allowed(decide(t, req({ host: 'b.example', path: '/repos/a/issues/1' }))));
});

test('methods compare case-insensitively', () => {
  const t = table({ host: 'h.example', matches: [{ methods: ['get', 'Head'] }] });
  assert.ok(allowed(decide(t, req({ host: 'h.example', method: 'GET' }))));
  assert.ok(allowed(decide(t, req({ host: 'h.example', method: 'get' }))));
  assert.ok(allowed(decide(t, req({ host: 'h.example', method: 'HEAD' }))));
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', method: 'POST' }))), 'egress.no-match');
});

test('headers: names case-insensitive, values exact or regex, missing fails', () => {
  const t = table({
    host: 'h.example',
    matches: [{ headers: [{ name: 'X-Tenant', value: 'acme' }, { name: 'Accept', value: '^application/(json|vnd\\.github\\+json)$', type: 'regex' }] }],
  });
  const ok = { 'x-tenant': 'acme', accept: 'application/json' };
  assert.ok(allowed(decide(t, req({ host: 'h.example', headers: ok }))));
  assert.ok(allowed(decide(t, req({ host: 'h.example', headers: { ...ok, accept: 'application/vnd.github+json' } }))));
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', headers: { ...ok, 'x-tenant': 'ACME' } }))), 'egress.no-match', 'exact values are case-sensitive');
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', headers: { ...ok, 'x-tenant': 'acme2' } }))), 'egress.no-match');
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', headers: { accept: 'application/json' } }))), 'egress.no-match');
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', headers: { ...ok, accept: 'text/html' } }))), 'egress.no-match');
});

test('a repeated header must match in every value', () => {
  const t = table({ host: 'h.example', matches: [{ headers: [{ name: 'x-tenant', value: 'acme' }] }] });
  assert.ok(allowed(decide(t, req({ host: 'h.example', headers: { 'x-tenant': ['acme', 'acme'] } }))));
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', headers: { 'x-tenant': ['acme', 'evil'] } }))), 'egress.no-match');
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', headers: { 'x-tenant': [] } }))), 'egress.no-match');
});

test('fields inside one entry are ANDed', () => {
  const t = table({ host: 'h.example', matches: [{ paths: [{ type: 'prefix', value: '/a/' }], methods: ['GET'], headers: [{ name: 'x-k', value: 'v' }] }] });
  const good = req({ host: 'h.example', path: '/a/1', method: 'GET', headers: { 'x-k': 'v' } });
  assert.ok(allowed(decide(t, good)));
  assert.equal(ruleOf(decide(t, { ...good, path: '/b/1' })), 'egress.no-match');
  assert.equal(ruleOf(decide(t, { ...good, method: 'POST' })), 'egress.no-match');
  assert.equal(ruleOf(decide(t, { ...good, headers: {} })), 'egress.no-match');
});

test('entries are ORed, and the first matching entry is reported', () => {
  const t = table({
    host: 'h.example',
    matches: [
      { paths: [{ type: 'prefix', value: '/read/' }], methods: ['GET'] },
      { paths: [{ type: 'prefix', value: '/write/' }], methods: ['POST'] },
      { methods: ['GET'] },
    ],
  });
  const a = decide(t, req({ host: 'h.example', path: '/read/x' }));
  assert.ok(a.allow && a.via === 'matches' && a.matchIndex === 0);
  const b = decide(t, req({ host: 'h.example', path: '/write/x', method: 'POST' }));
  assert.ok(b.allow && b.matchIndex === 1);
  const c = decide(t, req({ host: 'h.example', path: '/other' }));
  assert.ok(c.allow && c.matchIndex === 2);
  const d = decide(t, req({ host: 'h.example', path: '/read/x', method: 'POST' }));
  assert.equal(ruleOf(d), 'egress.no-match');
  assert.ok(!d.allow && d.hint.includes('/write/*') && d.hint.includes('egress-allow'), !d.allow ? d.hint : '');
});

test('an empty matches list allows nothing (a request must match one entry)', () => {
  const t = table({ host: 'h.example', matches: [] });
  assert.equal(ruleOf(decide(t, req({ host: 'h.example' }))), 'egress.no-match');
});

test('one route per host: the later route for a host replaces the earlier one', () => {
  const t = table({ host: 'h.example', matches: [{ methods: ['GET'] }] }, { host: 'H.example', matches: [{ methods: ['POST'] }] });
  assert.equal(t.routes.size, 1);
  assert.equal(ruleOf(decide(t, req({ host: 'h.example', method: 'GET' }))), 'egress.no-match');
  assert.ok(allowed(decide(t, req({ host: 'h.example', method: 'POST' }))));
  // Same through the shared merge function across bottles.
  const merged = foldPolicies([{ egress: { routes: [{ host: 'h.example' }] } }, { egress: { routes: [{ host: 'h.example', matches: [{ methods: ['GET'] }] }] } }]);
  assert.equal(ruleOf(decide(compileRouteTable(merged), req({ host: 'h.example', method: 'POST' }))), 'egress.no-match');
});

const GIT_ROUTE: Route = { host: 'github.com', git: { fetch: true }, matches: [{ paths: [{ type: 'prefix', value: '/acme/docs/' }], methods: ['GET'] }] };

test('git.fetch allows the smart-HTTP fetch requests beyond matches', () => {
  const t = table(GIT_ROUTE);
  const refs = decide(t, req({ host: 'github.com', path: '/acme/app.git/info/refs', query: 'service=git-upload-pack' }));
  assert.ok(refs.allow && refs.via === 'git-fetch');
  const pack = decide(t, req({ host: 'github.com', method: 'POST', path: '/acme/app.git/git-upload-pack', headers: { 'content-type': 'application/x-git-upload-pack-request' } }));
  assert.ok(pack.allow && pack.via === 'git-fetch');
  // And matches still apply.
  assert.ok(allowed(decide(t, req({ host: 'github.com', path: '/acme/docs/readme' }))));
});

test('git.fetch allows nothing else of git', () => {
  const t = table(GIT_ROUTE);
  const cases: Array<Partial<DecideRequest>> = [
    { path: '/acme/app.git/info/refs' }, // dumb protocol / no service
    { path: '/acme/app.git/info/refs', query: 'service=git-upload-pack&x=1' },
    { path: '/acme/app.git/HEAD' },
    { path: '/acme/app.git/objects/info/packs' },
    { path: '/acme/app.git/git-upload-pack', method: 'GET' },
    { path: '/acme/app.git/info/refs', query: 'service=git-upload-pack', method: 'POST' },
    { path: '/acme/app.git/git-upload-pack', method: 'POST', query: 'x=1' },
  ];
  for (const c of cases) assert.equal(ruleOf(decide(t, req({ host: 'github.com', ...c }))), 'egress.no-match', JSON.stringify(c));
  // Without git.fetch the fetch requests are just requests that matches do not allow.
  const noFetch = table({ ...GIT_ROUTE, git: { fetch: false } });
  assert.equal(ruleOf(decide(noFetch, req({ host: 'github.com', path: '/acme/app.git/info/refs', query: 'service=git-upload-pack' }))), 'egress.no-match');
});

test('git push is always denied, even when matches allow every POST', () => {
  const t = table(
    { host: 'github.com', git: { fetch: true }, matches: [{ methods: ['GET', 'POST'] }] },
    { host: 'open.example' },
  );
  const pushes: Array<Partial<DecideRequest>> = [
    { path: '/acme/app.git/info/refs', query: 'service=git-receive-pack' },
    { path: '/acme/app.git/info/refs', query: 'SERVICE=GIT-RECEIVE-PACK' },
    { path: '/acme/app.git/info/refs', query: 'service=git%2Dreceive%2Dpack' },
    { method: 'POST', path: '/acme/app.git/git-receive-pack' },
    { method: 'POST', path: '/acme/app.git/git-receive-pack/' },
    { method: 'POST', path: '/acme/app.git/Git-Receive-Pack' },
    { method: 'POST', path: '/acme/app.git%2Fgit-receive-pack' },
    { method: 'POST', path: '/acme/app.git/git%2Dreceive%2Dpack' },
    { method: 'POST', path: '/acme/app.git/git-receive-pack;x=1' },
    { method: 'POST', path: '/acme/app.git/x', headers: { 'content-type': 'application/x-git-receive-pack-request' } },
  ];
  for (const host of ['github.com', 'open.example']) {
    for (const p of pushes) assert.equal(ruleOf(decide(t, req({ host, ...p }))), 'egress.git-push', `${host} ${JSON.stringify(p)}`);
  }
  // A page that only mentions receive-pack is not a push.
  assert.ok(allowed(decide(t, req({ host: 'open.example', path: '/docs/git-receive-pack-explained' }))));
  assert.ok(allowed(decide(t, req({ host: 'open.example', path: '/caf%C3%A9', query: 'q=%E2%82%AC' }))));
});

test('explicit auth becomes a credential plan: Bearer and token schemes, by token_ref name', () => {
  const t = table(
    { host: 'api.github.com', auth: { scheme: 'token', token_ref: 'GITHUB_TOKEN' } },
    { host: 'api.example.com', auth: { scheme: 'Bearer', token_ref: 'EXAMPLE_KEY' } },
    { host: 'plain.example' },
  );
  assert.deepEqual(t.routes.get('api.github.com')?.credential, { header: 'authorization', prefix: 'token ', tokenRef: 'GITHUB_TOKEN' });
  assert.deepEqual(t.routes.get('api.example.com')?.credential, { header: 'authorization', prefix: 'Bearer ', tokenRef: 'EXAMPLE_KEY' });
  assert.equal(t.routes.get('plain.example')?.credential, null);
});

test('agent_provider with auth_token synthesizes the provider route with its header style', () => {
  const claude = compileRouteTable({ agent_provider: { template: 'claude', auth_token: 'ANTHROPIC_API_KEY' } });
  const a = claude.routes.get('api.anthropic.com');
  assert.ok(a);
  assert.equal(a.synthesized, true);
  assert.deepEqual(a.credential, { header: 'x-api-key', prefix: '', tokenRef: 'ANTHROPIC_API_KEY' });
  assert.deepEqual(a.provider, { template: 'claude', api: 'anthropic' });
  for (const [method, path] of [['POST', '/v1/messages'], ['GET', '/v1/models'], ['DELETE', '/anything']] as const) {
    const d = decide(claude, req({ host: 'api.anthropic.com', method, path }));
    assert.ok(d.allow && d.via === 'open-route');
  }
  const codex = compileRouteTable({ agent_provider: { template: 'codex', auth_token: 'OPENAI_API_KEY' } });
  assert.deepEqual(codex.routes.get('api.openai.com')?.credential, { header: 'authorization', prefix: 'Bearer ', tokenRef: 'OPENAI_API_KEY' });
  const custom = compileRouteTable({ agent_provider: { template: 'codex', host: 'llm.internal', auth_token: 'K' } });
  assert.ok(custom.routes.has('llm.internal') && !custom.routes.has('api.openai.com'));
});

test('no provider route without auth_token, for an unknown template, or when disabled', () => {
  assert.equal(compileRouteTable({ agent_provider: { template: 'claude' } }).routes.size, 0);
  assert.equal(compileRouteTable({ agent_provider: { template: 'my-plugin', host: 'llm.example', auth_token: 'K' } }).routes.size, 0);
  assert.equal(compileRouteTable({ agent_provider: { template: 'claude', auth_token: 'K' } }, { providerRoute: false }).routes.size, 0);
});

test('an explicit route for the provider host is used; without auth it gets the provider credential', () => {
  const policy: Policy = {
    agent_provider: { template: 'claude', auth_token: 'ANTHROPIC_API_KEY' },
    egress: { routes: [{ host: 'api.anthropic.com', matches: [{ paths: [{ type: 'prefix', value: '/v1/messages' }], methods: ['POST'] }] }] },
  };
  const t = compileRouteTable(policy);
  const r = t.routes.get('api.anthropic.com')!;
  assert.equal(r.synthesized, false);
  assert.deepEqual(r.credential, { header: 'x-api-key', prefix: '', tokenRef: 'ANTHROPIC_API_KEY' });
  assert.deepEqual(r.provider, { template: 'claude', api: 'anthropic' });
  assert.ok(allowed(decide(t, req({ host: 'api.anthropic.com', method: 'POST', path: '/v1/messages' }))));
  assert.equal(ruleOf(decide(t, req({ host: 'api.anthropic.com', method: 'GET', path: '/v1/models' }))), 'egress.no-match');
  // With its own auth, the route's auth wins.
  const own = compileRouteTable({ ...policy, egress: { routes: [{ host: 'api.anthropic.com', auth: { scheme: 'Bearer', token_ref: 'CLAUDE_OAUTH' } }] } });
  assert.deepEqual(own.routes.get('api.anthropic.com')?.credential, { header: 'authorization', prefix: 'Bearer ', tokenRef: 'CLAUDE_OAUTH' });
});

test('needsInspection: matches, dlp (omitted = defaults), auth or git.fetch; dlp false alone does not', () => {
  const t = table(
    { host: 'a.example' },
    { host: 'b.example', dlp: false },
    { host: 'c.example', dlp: false, matches: [{ methods: ['GET'] }] },
    { host: 'd.example', dlp: { outbound_detectors: false, inbound_detectors: false } },
    { host: 'e.example', dlp: { outbound_detectors: false } },
    { host: 'f.example', dlp: false, auth: { scheme: 'Bearer', token_ref: 'K' } },
    { host: 'g.example', dlp: false, git: { fetch: true } },
  );
  const inspect = (h: string) => t.routes.get(h)!.needsInspection;
  assert.equal(inspect('a.example'), true);
  assert.equal(inspect('b.example'), false);
  assert.equal(inspect('c.example'), true);
  assert.equal(inspect('d.example'), false);
  assert.equal(inspect('e.example'), true);
  assert.equal(inspect('f.example'), true);
  assert.equal(inspect('g.example'), true);
  assert.equal(t.routes.get('a.example')!.trusted, false);
  assert.equal(table({ host: 'x.example', trusted: true }).routes.get('x.example')!.trusted, true);
});

test('CONNECT is decided on host and port; an inspected route needs the gateway form', () => {
  const t = compileRouteTable(
    { egress: { routes: [{ host: 'tunnel.example', dlp: false }, { host: 'api.github.com', matches: [{ methods: ['GET'] }] }] } },
    { gatewayOrigin: 'http://127.0.0.1:8080' },
  );
  const ok = decideConnect(t, 'tunnel.example', 443);
  assert.ok(ok.allow && ok.via === 'open-route');
  assert.equal(ruleOf(decideConnect(t, 'tunnel.example', 22)), 'egress.port');
  assert.equal(ruleOf(decideConnect(t, 'tunnel.example', 80)), 'egress.port');
  assert.equal(ruleOf(decideConnect(t, 'nowhere.example', 443)), 'egress.no-route');
  const gw = decideConnect(t, 'api.github.com', 443);
  assert.equal(ruleOf(gw), 'egress.connect-needs-gateway');
  assert.ok(!gw.allow && gw.hint.includes('http://127.0.0.1:8080/gw/api.github.com/'), !gw.allow ? gw.hint : '');
});

test('the table is frozen', () => {
  const t = table({ host: 'h.example', matches: [{ methods: ['GET'] }] });
  const r = t.routes.get('h.example')!;
  assert.throws(() => (t.routes as Map<string, unknown>).set('x', r));
  assert.throws(() => (t.routes as Map<string, unknown>).delete('h.example'));
  assert.throws(() => (r.matches![0]!.methods as Set<string>).add('POST'));
  assert.ok(Object.isFrozen(t) && Object.isFrozen(r) && Object.isFrozen(r.matches) && Object.isFrozen(r.matches![0]));
  assert.throws(() => {
    (r as { gitFetch: boolean }).gitFetch = true;
  });
});

test('a policy the compiler would refuse fails to compile with a clear error', () => {
  assert.throws(() => table({ host: 'h.example', matches: [{ paths: [{ type: 'regex', value: '(' }] }] }), /matches\[0\].*does not compile/);
  assert.throws(() => table({ host: 'h.example:8080' }), /not a host name/);
  assert.throws(() => table({ host: 'h.example', auth: { scheme: 'Bearer' } as never }), /token_ref/);
});

test('every deny rule is in the runtime catalogue with status 403', () => {
  for (const rule of ['egress.no-route', 'egress.no-match', 'egress.git-push', 'egress.port', 'egress.connect-needs-gateway'] as const) {
    assert.equal(RUNTIME_ERRORS[rule].status, 403);
    assert.equal(RUNTIME_ERRORS[rule].error, 'egress_denied');
  }
});
