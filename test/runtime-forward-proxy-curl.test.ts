// The forward proxy driven by real curl (`-x`, `--proxy-user`): every kind of
// matcher allows what it names and nothing else, every refusal is the one
// JSON shape with a stable rule id, a missing or wrong session credential is
// a 407, and neither the session credential nor hop-by-hop headers reach the
// upstream.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { callControl } from '../runtime/control/client.ts';
import {
  E2E_POLICY,
  FAKE_CREDENTIALS,
  compileBundle,
  curlHttp,
  parseRefusal,
  startMockUpstream,
  startRuntime,
  type CurlReply,
  type MockUpstream,
  type RuntimeProcess,
  type Session,
} from './helpers/runtime-harness.ts';

const HOSTS = ['api.example.test', 'token.example.test', 'open.example.test'];

let mock: MockUpstream;
let rt: RuntimeProcess;
let session: Session;

before(async () => {
  mock = await startMockUpstream();
  const { path } = compileBundle(E2E_POLICY);
  rt = await startRuntime(path, { overrides: Object.fromEntries(HOSTS.map((h) => [h, mock.origin])) });
  session = await rt.openSession('tester');
});

/** curl through the proxy with the session's credentials. */
function viaProxy(args: string[], user = `${session.id}:${session.token}`): Promise<CurlReply> {
  return curlHttp(['-x', rt.origin, '--proxy-user', user, ...args]);
}

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyLength: number;
}

function echo(r: CurlReply): Echo {
  assert.equal(r.status, 200, `expected the upstream's 200, got ${r.status}: ${r.body} ${r.stderr}`);
  assert.equal(r.headers['x-mock'], 'cork-test', 'the answer comes from the mock upstream');
  return JSON.parse(r.body) as Echo;
}

function refused(r: CurlReply, status: number, rule: string) {
  assert.equal(r.status, status, `expected ${status} ${rule}, got ${r.status}: ${r.body} ${r.stderr}`);
  assert.match(r.headers['content-type'] ?? '', /^application\/json/);
  const body = parseRefusal(r.body);
  assert.equal(body.rule, rule);
  return body;
}

describe('allowed requests reach the upstream', { timeout: 30_000 }, () => {
  test('prefix + method entry: GET under /repos/acme/', async () => {
    const before = mock.requests.length;
    const e = echo(await viaProxy(['http://api.example.test/repos/acme/app?page=2']));
    assert.equal(e.method, 'GET');
    assert.equal(e.url, '/repos/acme/app?page=2');
    assert.equal(e.headers['host'], 'api.example.test', 'the upstream sees the host the agent asked for');
    assert.equal(mock.requests.length, before + 1);
  });

  test('regex + method + exact header entry: POST a comment with the right Accept', async () => {
    const e = echo(
      await viaProxy(['-X', 'POST', '-H', 'Accept: application/vnd.github+json', '-H', 'Content-Type: application/json', '--data', '{"body":"hi"}', 'http://api.example.test/repos/acme/app/issues/12/comments']),
    );
    assert.equal(e.method, 'POST');
    assert.equal(e.url, '/repos/acme/app/issues/12/comments');
    assert.equal(e.bodyLength, '{"body":"hi"}'.length, 'the buffered body is forwarded whole');
  });

  test('exact path entry without methods allows every method on exactly that path', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const e = echo(await viaProxy(['-X', method, 'http://api.example.test/echo']));
      assert.equal(e.method, method);
    }
  });

  test('header regex entry: any path with x-cork-test matching ^allow-[a-z]+$', async () => {
    const e = echo(await viaProxy(['-H', 'X-Cork-Test: allow-abc', 'http://api.example.test/anything/at/all']));
    assert.equal(e.url, '/anything/at/all');
  });

  test('path normalization: dot-segments are resolved before matching, and the resolved path is what is sent', async () => {
    const e = echo(await viaProxy(['--path-as-is', 'http://api.example.test/repos/other/../acme/app']));
    assert.equal(e.url, '/repos/acme/app');
  });

  test('HEAD on a route that lists it', async () => {
    const r = await viaProxy(['-I', 'http://open.example.test/x']);
    assert.equal(r.status, 200);
    assert.equal(r.body, '');
    assert.equal(mock.requests.at(-1)?.method, 'HEAD');
  });
});

describe('refusals: 403 with the JSON shape and the rule id', { timeout: 30_000 }, () => {
  test('a path no entry allows → egress.no-match, nothing reaches the upstream', async () => {
    const before = mock.requests.length;
    const body = refused(await viaProxy(['http://api.example.test/repos/other/app']), 403, 'egress.no-match');
    assert.equal(body.error, 'egress_denied');
    assert.equal(body.host, 'api.example.test');
    assert.equal(body.method, 'GET');
    assert.equal(body.path, '/repos/other/app');
    assert.match(body.hint, /\/repos\/acme\//, 'the hint says what the route does allow');
    assert.equal(mock.requests.length, before);
  });

  test('a method the entry does not list → egress.no-match', async () => {
    const body = refused(await viaProxy(['-X', 'DELETE', 'http://api.example.test/repos/acme/app']), 403, 'egress.no-match');
    assert.equal(body.method, 'DELETE');
  });

  test('exact means exact: a trailing slash does not match', async () => {
    refused(await viaProxy(['http://api.example.test/echo/']), 403, 'egress.no-match');
  });

  test('regex entry: a path outside the regex, or the right path without the required header', async () => {
    refused(await viaProxy(['-X', 'POST', '-H', 'Accept: application/vnd.github+json', '--data', 'x', 'http://api.example.test/repos/acme/app/issues/abc/comments']), 403, 'egress.no-match');
    refused(await viaProxy(['-X', 'POST', '-H', 'Accept: application/json', '--data', 'x', 'http://api.example.test/repos/acme/app/issues/12/comments']), 403, 'egress.no-match');
  });

  test('header regex entry: a value that does not match, or the right value with another method', async () => {
    refused(await viaProxy(['-H', 'X-Cork-Test: deny-abc', 'http://api.example.test/anything']), 403, 'egress.no-match');
    refused(await viaProxy(['-X', 'POST', '-H', 'X-Cork-Test: allow-abc', '--data', 'x', 'http://api.example.test/anything']), 403, 'egress.no-match');
  });

  test('a host with no route → egress.no-route', async () => {
    const body = refused(await viaProxy(['http://evil.example.test/exfiltrate']), 403, 'egress.no-route');
    assert.equal(body.host, 'evil.example.test');
    assert.equal(body.path, '/exfiltrate');
  });

  test('a port other than the scheme default → egress.port', async () => {
    refused(await viaProxy(['http://api.example.test:8080/echo']), 403, 'egress.port');
  });

  test('a path climbing above the root → egress.bad-path', async () => {
    refused(await viaProxy(['--path-as-is', 'http://api.example.test/repos/acme/%2e%2e/%2e%2e/%2e%2e/etc/passwd']), 403, 'egress.bad-path');
  });

  test('git push through a route without git.fetch is still egress.git-push', async () => {
    refused(await viaProxy(['http://api.example.test/repos/acme/app.git/info/refs?service=git-receive-pack']), 403, 'egress.git-push');
  });
});

describe('407 without valid session credentials', { timeout: 30_000 }, () => {
  const cases: Array<[string, () => string[]]> = [
    ['no --proxy-user', () => ['-x', rt.origin]],
    ['a wrong token', () => ['-x', rt.origin, '--proxy-user', `${session.id}:not-the-token`]],
    ['an unknown session id', () => ['-x', rt.origin, '--proxy-user', `s-000000000000:${session.token}`]],
    ['the gateway key as the proxy password', () => ['-x', rt.origin, '--proxy-user', `${session.id}:${session.key}`]],
  ];
  for (const [name, args] of cases) {
    test(name, async () => {
      const before = mock.requests.length;
      const r = await curlHttp([...args(), 'http://api.example.test/repos/acme/app']);
      const body = refused(r, 407, 'proxy.auth-required');
      assert.equal(body.error, 'proxy_auth_required');
      assert.match(r.headers['proxy-authenticate'] ?? '', /^Basic realm="cork"/);
      assert.equal(mock.requests.length, before, 'nothing reaches the upstream');
    });
  }

  test('a closed session is refused', async () => {
    const s = await rt.openSession('tester');
    assert.equal(echo(await viaProxy(['http://api.example.test/echo'], `${s.id}:${s.token}`)).method, 'GET');
    await callControl(rt.stateDir, 'DELETE', `/v1/sessions/${s.id}`);
    refused(await viaProxy(['http://api.example.test/echo'], `${s.id}:${s.token}`), 407, 'proxy.auth-required');
  });
});

describe('what reaches the upstream', { timeout: 30_000 }, () => {
  test('Proxy-Authorization never reaches the upstream; the injected credential does', async () => {
    const e = echo(await viaProxy(['http://api.example.test/repos/acme/app']));
    assert.equal(e.headers['proxy-authorization'], undefined);
    const raw = mock.requests.at(-1)!.rawHeaders.join('\n');
    assert.doesNotMatch(raw, /proxy-authorization/i);
    assert.ok(!raw.includes(session.token), 'the session token appears nowhere in the upstream request');
    assert.equal(e.headers['authorization'], `Bearer ${FAKE_CREDENTIALS.CORK_FAKE_API_TOKEN}`);
  });

  test('hop-by-hop headers are stripped: Connection and what it lists, Keep-Alive, TE, Upgrade, Proxy-Connection', async () => {
    const e = echo(
      await viaProxy([
        '-H', 'Connection: keep-alive, X-Hop-Listed',
        '-H', 'X-Hop-Listed: must-not-pass',
        '-H', 'Keep-Alive: timeout=5, max=100',
        '-H', 'TE: trailers',
        '-H', 'Upgrade: websocket',
        '-H', 'Proxy-Connection: keep-alive',
        '-H', 'X-End-To-End: kept',
        'http://open.example.test/headers',
      ]),
    );
    const names = Object.keys(e.headers);
    for (const hop of ['x-hop-listed', 'keep-alive', 'te', 'upgrade', 'proxy-connection']) {
      assert.ok(!names.includes(hop), `${hop} must not reach the upstream (got ${names.join(', ')})`);
    }
    assert.notEqual(e.headers['connection']?.toLowerCase().includes('x-hop-listed'), true, 'the client Connection header is not forwarded');
    assert.equal(e.headers['x-end-to-end'], 'kept', 'end-to-end headers pass');
  });

  test('a route without auth passes the agent\'s own Authorization through unchanged', async () => {
    const e = echo(await viaProxy(['-H', 'Authorization: Bearer agent-own-value', 'http://open.example.test/own']));
    assert.equal(e.headers['authorization'], 'Bearer agent-own-value');
  });
});
