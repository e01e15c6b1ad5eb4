// Node's own HTTP client through cork: undici's ProxyAgent with the session
// credential as its `token`, for plain HTTP targets in absolute form
// (proxyTunnel: false) and in the default tunnelling mode (CONNECT).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ProxyAgent, request } from 'undici';
import {
  E2E_POLICY,
  FAKE_CREDENTIALS,
  compileBundle,
  parseRefusal,
  startMockUpstream,
  startRuntime,
  type MockUpstream,
  type RuntimeProcess,
  type Session,
} from './helpers/runtime-harness.ts';

let mock: MockUpstream;
let rt: RuntimeProcess;
let session: Session;
const agents: ProxyAgent[] = [];

before(async () => {
  mock = await startMockUpstream();
  const { path } = compileBundle(E2E_POLICY);
  rt = await startRuntime(path, { overrides: { 'api.example.test': mock.origin, 'open.example.test': mock.origin } });
  session = await rt.openSession('tester');
});

after(async () => {
  await Promise.all(agents.map((a) => a.close().catch(() => undefined)));
});

function agent(opts: { token?: string; proxyTunnel?: boolean } = {}): ProxyAgent {
  const a = new ProxyAgent({ uri: rt.origin, ...(opts.token !== undefined ? { token: opts.token } : {}), proxyTunnel: opts.proxyTunnel ?? false });
  agents.push(a);
  return a;
}

const token = () => `Basic ${Buffer.from(`${session.id}:${session.token}`).toString('base64')}`;

describe('undici ProxyAgent, absolute-form (proxyTunnel: false)', { timeout: 30_000 }, () => {
  test('an allowed GET reaches the upstream with the injected credential', async () => {
    const res = await request('http://api.example.test/repos/acme/app', { dispatcher: agent({ token: token() }), signal: AbortSignal.timeout(10_000) });
    assert.equal(res.statusCode, 200);
    const e = (await res.body.json()) as { url: string; headers: Record<string, string> };
    assert.equal(e.url, '/repos/acme/app');
    assert.equal(e.headers['authorization'], `Bearer ${FAKE_CREDENTIALS.CORK_FAKE_API_TOKEN}`);
    assert.equal(e.headers['proxy-authorization'], undefined);
  });

  test('an allowed POST with a body', async () => {
    const res = await request('http://api.example.test/repos/acme/app/issues/7/comments', {
      method: 'POST',
      headers: { accept: 'application/vnd.github+json', 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'x'.repeat(5000) }),
      dispatcher: agent({ token: token() }),
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(res.statusCode, 200);
    const e = (await res.body.json()) as { method: string; bodyLength: number };
    assert.equal(e.method, 'POST');
    assert.equal(e.bodyLength, JSON.stringify({ body: 'x'.repeat(5000) }).length);
  });

  test('keep-alive: several requests on one agent are each decided', async () => {
    const a = agent({ token: token() });
    const statuses: number[] = [];
    for (const path of ['/repos/acme/a', '/repos/other/b', '/repos/acme/c', '/admin']) {
      const res = await request(`http://api.example.test${path}`, { dispatcher: a, signal: AbortSignal.timeout(10_000) });
      statuses.push(res.statusCode);
      await res.body.dump();
    }
    assert.deepEqual(statuses, [200, 403, 200, 403]);
  });

  test('a denied request is a 403 with the refusal body', async () => {
    const before = mock.requests.length;
    const res = await request('http://api.example.test/repos/other/app', { method: 'DELETE', dispatcher: agent({ token: token() }), signal: AbortSignal.timeout(10_000) });
    assert.equal(res.statusCode, 403);
    const body = parseRefusal(await res.body.text());
    assert.equal(body.rule, 'egress.no-match');
    assert.equal(body.method, 'DELETE');
    const res2 = await request('http://elsewhere.example.test/', { dispatcher: agent({ token: token() }), signal: AbortSignal.timeout(10_000) });
    assert.equal(res2.statusCode, 403);
    assert.equal(parseRefusal(await res2.body.text()).rule, 'egress.no-route');
    assert.equal(mock.requests.length, before);
  });

  test('without the token or with a wrong one the proxy answers 407 (undici reports it as an error)', async () => {
    for (const t of [undefined, `Basic ${Buffer.from(`${session.id}:wrong`).toString('base64')}`]) {
      await assert.rejects(
        request('http://api.example.test/repos/acme/app', { dispatcher: agent(t === undefined ? {} : { token: t }), signal: AbortSignal.timeout(10_000) }),
        /407/,
      );
    }
  });
});

describe('undici ProxyAgent, tunnelling (CONNECT)', { timeout: 30_000 }, () => {
  test('CONNECT to port 80 is refused (egress.port): the tunnel never opens', async () => {
    const before = mock.connections();
    await assert.rejects(
      request('http://open.example.test/x', { dispatcher: agent({ token: token(), proxyTunnel: true }), signal: AbortSignal.timeout(10_000) }),
      /Proxy response \(403\)/,
    );
    assert.equal(mock.connections(), before);
  });

  test('CONNECT to a route that inspects requests is refused (connect-needs-gateway)', async () => {
    await assert.rejects(
      request('https://api.example.test/repos/acme/app', { dispatcher: agent({ token: token(), proxyTunnel: true }), signal: AbortSignal.timeout(10_000) }),
      /Proxy response \(403\)/,
    );
  });
});
