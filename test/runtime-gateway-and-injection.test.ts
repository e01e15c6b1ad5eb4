// The gateway form /gw/<host>/<path> and credential injection: the agent
// authenticates with its session key, the upstream sees only the real
// (here: fake) credential the route names, and a route whose credential the
// runtime does not have refuses instead of sending the request without it.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  E2E_POLICY,
  FAKE_CREDENTIALS,
  baseEnv,
  compileBundle,
  parseRefusal,
  runCork,
  send,
  startMockUpstream,
  startRuntime,
  waitFor,
  type HttpReply,
  type MockUpstream,
  type RuntimeProcess,
  type Session,
} from './helpers/runtime-harness.ts';

const HOSTS = ['api.example.test', 'token.example.test', 'open.example.test', 'nocred.example.test', 'api.anthropic.com', 'api.openai.com'];

let mock: MockUpstream;
let bundlePath: string;
let rt: RuntimeProcess;
let tester: Session;
let codex: Session;

before(async () => {
  mock = await startMockUpstream();
  bundlePath = compileBundle(E2E_POLICY).path;
  rt = await startRuntime(bundlePath, { overrides: Object.fromEntries(HOSTS.map((h) => [h, mock.origin])) });
  tester = await rt.openSession('tester');
  codex = await rt.openSession('codex-tester');
});

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
}

function echo(r: HttpReply): Echo {
  assert.equal(r.status, 200, `expected the upstream's 200, got ${r.status}: ${r.body}`);
  assert.equal(r.headers['x-mock'], 'cork-test');
  return r.json<Echo>();
}

/** The last request the mock saw, as raw header text, for "appears nowhere" checks. */
function lastRaw(): string {
  return mock.requests.at(-1)!.rawHeaders.join('\n');
}

function refused(r: HttpReply, status: number, rule: string) {
  assert.equal(r.status, status, `expected ${status} ${rule}, got ${r.status}: ${r.body}`);
  const body = parseRefusal(r.body);
  assert.equal(body.rule, rule);
  return body;
}

describe('gateway authentication with the session key', { timeout: 30_000 }, () => {
  test('x-api-key: the session key', async () => {
    const e = echo(await send(rt.port, '/gw/api.example.test/repos/acme/app?x=1', { headers: { 'x-api-key': tester.key } }));
    assert.equal(e.url, '/repos/acme/app?x=1');
    assert.equal(e.headers['host'], 'api.example.test');
  });

  test('Authorization: Bearer <session key>', async () => {
    const e = echo(await send(rt.port, '/gw/api.example.test/repos/acme/app', { headers: { authorization: `Bearer ${tester.key}` } }));
    assert.equal(e.url, '/repos/acme/app');
  });

  test('Proxy-Authorization with the session token also works on the gateway', async () => {
    echo(await send(rt.port, '/gw/api.example.test/repos/acme/app', { headers: { 'proxy-authorization': tester.proxyAuthorization } }));
  });

  test('no key, a wrong key, or the proxy token as the key → 407', async () => {
    const before = mock.requests.length;
    const attempts: Array<Record<string, string>> = [{}, { 'x-api-key': 'cork-session-not-a-real-key' }, { 'x-api-key': tester.token }, { authorization: `Bearer ${tester.token}` }];
    for (const headers of attempts) {
      const r = await send(rt.port, '/gw/api.example.test/repos/acme/app', { headers });
      refused(r, 407, 'proxy.auth-required');
      assert.match(String(r.headers['proxy-authenticate']), /^Basic realm="cork"/);
    }
    assert.equal(mock.requests.length, before);
  });

  test('gateway requests are decided by the same route table: a denied path is 403', async () => {
    const body = refused(await send(rt.port, '/gw/api.example.test/admin', { headers: { 'x-api-key': tester.key } }), 403, 'egress.no-match');
    assert.equal(body.host, 'api.example.test');
    assert.equal(body.path, '/admin');
    refused(await send(rt.port, '/gw/nowhere.example.test/x', { headers: { 'x-api-key': tester.key } }), 403, 'egress.no-route');
  });

  test('a malformed gateway target is a 400 in the refusal shape', async () => {
    refused(await send(rt.port, '/gw/bad$host/x', { headers: { 'x-api-key': tester.key } }), 400, 'proxy.bad-request');
  });
});

describe('credential injection', { timeout: 30_000 }, () => {
  test('Bearer scheme: the upstream sees Bearer <real token>, never the session key', async () => {
    const e = echo(await send(rt.port, '/gw/api.example.test/repos/acme/app', { headers: { 'x-api-key': tester.key } }));
    assert.equal(e.headers['authorization'], `Bearer ${FAKE_CREDENTIALS.CORK_FAKE_API_TOKEN}`);
    assert.equal(e.headers['x-api-key'], undefined, 'the session key header is removed');
    assert.ok(!lastRaw().includes(tester.key));
  });

  test('token scheme: the upstream sees token <real token>', async () => {
    const e = echo(await send(rt.port, 'http://token.example.test/user', { headers: { 'proxy-authorization': tester.proxyAuthorization } }));
    assert.equal(e.headers['authorization'], `token ${FAKE_CREDENTIALS.CORK_FAKE_GIT_TOKEN}`);
  });

  test('an agent-supplied Authorization (and x-api-key) is replaced, not forwarded', async () => {
    const e = echo(
      await send(rt.port, 'http://api.example.test/repos/acme/app', {
        headers: { 'proxy-authorization': tester.proxyAuthorization, authorization: 'Bearer agent-made-this-up', 'x-api-key': 'agent-key' },
      }),
    );
    assert.equal(e.headers['authorization'], `Bearer ${FAKE_CREDENTIALS.CORK_FAKE_API_TOKEN}`);
    assert.equal(e.headers['x-api-key'], undefined);
    assert.ok(!lastRaw().includes('agent-made-this-up'));
  });

  test('Anthropic provider route (agent_provider claude): x-api-key carries the real key', async () => {
    const e = echo(
      await send(rt.port, '/gw/api.anthropic.com/v1/messages', {
        method: 'POST',
        headers: { 'x-api-key': tester.key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: '{"model":"claude","max_tokens":1,"messages":[]}',
      }),
    );
    assert.equal(e.url, '/v1/messages');
    assert.equal(e.headers['x-api-key'], FAKE_CREDENTIALS.ANTHROPIC_API_KEY);
    assert.equal(e.headers['authorization'], undefined);
    assert.equal(e.headers['anthropic-version'], '2023-06-01');
    assert.ok(!lastRaw().includes(tester.key));
  });

  test('OpenAI provider route (agent_provider codex): Authorization: Bearer <real key>', async () => {
    const e = echo(await send(rt.port, '/gw/api.openai.com/v1/chat/completions', { method: 'POST', headers: { authorization: `Bearer ${codex.key}` }, body: '{}' }));
    assert.equal(e.headers['authorization'], `Bearer ${FAKE_CREDENTIALS.OPENAI_API_KEY}`);
    assert.ok(!lastRaw().includes(codex.key));
  });

  test('a session has only its own bottles\' routes: the codex session has no api.anthropic.com route', async () => {
    refused(await send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { authorization: `Bearer ${codex.key}` }, body: '{}' }), 403, 'egress.no-route');
  });

  test('on a route without auth the session key is stripped wherever the agent sent it', async () => {
    const e = echo(await send(rt.port, '/gw/open.example.test/page', { headers: { 'x-api-key': tester.key } }));
    assert.equal(e.headers['x-api-key'], undefined);
    const e2 = echo(await send(rt.port, '/gw/open.example.test/page', { headers: { authorization: `Bearer ${tester.key}` } }));
    assert.equal(e2.headers['authorization'], undefined);
    assert.ok(!lastRaw().includes(tester.key));
  });

  test('missing credential env var → 502 proxy.credential-missing, nothing sent (fail closed)', async () => {
    const before = mock.requests.length;
    const body = refused(await send(rt.port, 'http://nocred.example.test/x', { headers: { 'proxy-authorization': tester.proxyAuthorization } }), 502, 'proxy.credential-missing');
    assert.match(body.reason, /CORK_FAKE_UNSET_TOKEN/, 'the reason names the variable');
    assert.equal(mock.requests.length, before);
  });

  test('a runtime started without the provider key refuses provider requests and says so at start', async () => {
    const rt2 = await startRuntime(bundlePath, { overrides: { 'api.anthropic.com': mock.origin }, env: { ANTHROPIC_API_KEY: undefined } });
    const s = await rt2.openSession('tester');
    const before = mock.requests.length;
    const r = await send(rt2.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key }, body: '{}' });
    refused(r, 502, 'proxy.credential-missing');
    assert.equal(mock.requests.length, before);
    await waitFor('credentials-missing warning', () => rt2.stderr().includes('"credentials-missing"'), 3000);
    assert.match(rt2.stderr(), /"names":\[[^\]]*"ANTHROPIC_API_KEY"/);
    assert.equal((await rt2.stop()).code, 0);
  });
});

describe('absolute-form requests naming the proxy itself are gateway requests', { timeout: 30_000 }, () => {
  test('http://127.0.0.1:PORT/gw/... sent through the proxy (HTTP_PROXY set)', async () => {
    const e = echo(await send(rt.port, `${rt.origin}/gw/api.example.test/repos/acme/app`, { headers: { 'proxy-authorization': tester.proxyAuthorization } }));
    assert.equal(e.url, '/repos/acme/app');
    assert.equal(e.headers['host'], 'api.example.test');
    assert.equal(e.headers['authorization'], `Bearer ${FAKE_CREDENTIALS.CORK_FAKE_API_TOKEN}`);
  });

  test('http://localhost:PORT/gw/... with only the session key', async () => {
    const e = echo(await send(rt.port, `http://localhost:${rt.port}/gw/api.example.test/repos/acme/x`, { headers: { 'x-api-key': tester.key } }));
    assert.equal(e.url, '/repos/acme/x');
  });

  test('the proxy\'s own address outside /gw/ is egress to a host with no route, not a loop', async () => {
    refused(await send(rt.port, `${rt.origin}/v1/status`, { headers: { 'proxy-authorization': tester.proxyAuthorization } }), 403, 'egress.no-route');
  });

  test('curl inside `cork run` with the session env: $ANTHROPIC_BASE_URL through $http_proxy', async () => {
    const script = 'curl -sS --max-time 10 -H "x-api-key: $ANTHROPIC_API_KEY" -H "anthropic-version: 2023-06-01" --data "{}" "$ANTHROPIC_BASE_URL/v1/messages"';
    const r = await runCork(['run', '--agent', 'tester', '--state-dir', rt.stateDir, '--', 'sh', '-c', script], {
      env: baseEnv({ ...FAKE_CREDENTIALS, CORK_TEST_TICKET: 'T-1' }),
    });
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout) as Echo;
    assert.equal(e.url, '/v1/messages');
    assert.equal(e.headers['x-api-key'], FAKE_CREDENTIALS.ANTHROPIC_API_KEY, 'the real key was injected');
    const seen = mock.requests.at(-1)!;
    assert.equal(seen.url, '/v1/messages');
    assert.equal(seen.headers['proxy-authorization'], undefined);
  });
});
