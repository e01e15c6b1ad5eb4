// Caps and timeouts through the real proxy (`--limit` set low): a body over
// the cap is a 413 whatever its framing, oversized headers a 431, ambiguous
// framing a 400 that reaches no upstream, a slowloris client is cut off, an
// upstream that never answers is a 504, and CONNECT is allowed only for
// routes that inspect nothing.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  E2E_POLICY,
  compileBundle,
  curlHttp,
  parseRefusal,
  rawBody,
  rawExchange,
  send,
  startMockUpstream,
  startRuntime,
  tmpDir,
  type MockUpstream,
  type RuntimeProcess,
  type Session,
} from './helpers/runtime-harness.ts';

const CAP = 1024;
const HEADERS_TIMEOUT_MS = 1000;
const UPSTREAM_HEADERS_TIMEOUT_MS = 500;

let mock: MockUpstream;
let echoServer: Server;
let echoPort: number;
let rt: RuntimeProcess;
let s: Session;
let dir: string;

before(async () => {
  mock = await startMockUpstream();
  echoServer = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((r) => echoServer.listen(0, '127.0.0.1', r));
  echoPort = (echoServer.address() as AddressInfo).port;
  const { path } = compileBundle(E2E_POLICY);
  rt = await startRuntime(path, {
    overrides: { 'api.example.test': mock.origin, 'tunnel.example.test': `http://127.0.0.1:${echoPort}` },
    limits: {
      'body-cap-bytes': CAP,
      'max-header-bytes': 4096,
      'headers-timeout-ms': HEADERS_TIMEOUT_MS,
      'upstream-headers-timeout-ms': UPSTREAM_HEADERS_TIMEOUT_MS,
    },
  });
  s = await rt.openSession('tester');
  dir = tmpDir('cork-limits-');
});

after(() => new Promise<void>((r) => echoServer.close(() => r())));

function bodyFile(bytes: number): string {
  const p = join(dir, `body-${bytes}`);
  writeFileSync(p, Buffer.alloc(bytes, 0x62));
  return p;
}

const proxyArgs = () => ['-x', rt.origin, '--proxy-user', `${s.id}:${s.token}`];

describe('request body cap', { timeout: 30_000 }, () => {
  test('Content-Length over the cap → 413 before anything reaches the upstream', async () => {
    const before = mock.requests.length;
    const r = await curlHttp([...proxyArgs(), '--data-binary', `@${bodyFile(CAP + 1)}`, 'http://api.example.test/echo']);
    assert.equal(r.status, 413, r.body);
    assert.equal(parseRefusal(r.body).rule, 'proxy.body-too-large');
    assert.equal(mock.requests.length, before);
  });

  test('chunked body over the cap → 413, nothing reaches the upstream', async () => {
    const before = mock.requests.length;
    const r = await curlHttp([...proxyArgs(), '-H', 'Transfer-Encoding: chunked', '--data-binary', `@${bodyFile(3 * CAP)}`, 'http://api.example.test/echo']);
    assert.equal(r.status, 413, r.body);
    assert.equal(parseRefusal(r.body).rule, 'proxy.body-too-large');
    assert.equal(mock.requests.length, before);
  });

  test('a body of exactly the cap passes, with either framing, whole', async () => {
    for (const extra of [[], ['-H', 'Transfer-Encoding: chunked']]) {
      const r = await curlHttp([...proxyArgs(), ...extra, '--data-binary', `@${bodyFile(CAP)}`, 'http://api.example.test/echo']);
      assert.equal(r.status, 200, r.body);
      assert.equal(JSON.parse(r.body).bodyLength, CAP);
    }
  });

  test('regression: a client sending Expect: 100-continue gets its request through (undici refused to forward `expect`: 502)', async () => {
    const r = await curlHttp([...proxyArgs(), '-H', 'Expect: 100-continue', '--data-binary', `@${bodyFile(CAP - 24)}`, 'http://api.example.test/echo']);
    assert.equal(r.status, 200, r.body);
    const e = JSON.parse(r.body) as { bodyLength: number; headers: Record<string, string> };
    assert.equal(e.bodyLength, CAP - 24);
    assert.equal(e.headers['expect'], undefined);
  });
});

describe('malformed and oversized request heads', { timeout: 30_000 }, () => {
  test('headers over the cap → 431 in the refusal shape', async () => {
    const before = mock.requests.length;
    const r = await rawExchange(rt.port, [
      `GET http://api.example.test/echo HTTP/1.1\r\nHost: api.example.test\r\nProxy-Authorization: ${s.proxyAuthorization}\r\nX-Big: ${'a'.repeat(6000)}\r\n\r\n`,
    ]);
    assert.equal(r.status, 431, r.data);
    assert.equal(parseRefusal(rawBody(r.data)).rule, 'proxy.headers-too-large');
    assert.ok(r.closed, 'the connection is closed');
    assert.equal(mock.requests.length, before);
  });

  test('Content-Length together with Transfer-Encoding → 400, nothing reaches the upstream', async () => {
    const before = mock.requests.length;
    const r = await rawExchange(rt.port, [
      `POST http://api.example.test/echo HTTP/1.1\r\nHost: api.example.test\r\nProxy-Authorization: ${s.proxyAuthorization}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n`,
    ]);
    assert.equal(r.status, 400, r.data);
    assert.equal(parseRefusal(rawBody(r.data)).rule, 'proxy.bad-request');
    assert.equal(mock.requests.length, before);
  });

  test('two different Content-Length values → 400, nothing reaches the upstream', async () => {
    const before = mock.requests.length;
    const r = await rawExchange(rt.port, [
      `POST http://api.example.test/echo HTTP/1.1\r\nHost: api.example.test\r\nProxy-Authorization: ${s.proxyAuthorization}\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde`,
    ]);
    assert.equal(r.status, 400, r.data);
    assert.equal(mock.requests.length, before);
  });

  test('an origin-form request that is not /gw/ → 400 proxy.bad-request', async () => {
    const r = await send(rt.port, '/not-a-proxy-request');
    assert.equal(r.status, 400);
    assert.equal(parseRefusal(r.body).rule, 'proxy.bad-request');
  });
});

describe('timeouts', { timeout: 30_000 }, () => {
  test('slowloris: headers sent one byte per 200 ms are cut off near headers-timeout-ms', async () => {
    const head = `GET http://api.example.test/echo HTTP/1.1\r\nHost: api.example.test\r\nProxy-Authorization: ${s.proxyAuthorization}\r\nX-Slow: ${'s'.repeat(200)}\r\n\r\n`;
    const before = mock.requests.length;
    const r = await rawExchange(rt.port, [...head], { gapMs: 200, timeoutMs: 8000 });
    assert.ok(r.closed, `the proxy must close the connection (got after ${r.ms} ms: ${r.data})`);
    assert.ok(r.ms >= HEADERS_TIMEOUT_MS - 100, `closed after ${r.ms} ms, before the timeout`);
    assert.ok(r.ms < HEADERS_TIMEOUT_MS + 2000, `closed after ${r.ms} ms; expected within ~${HEADERS_TIMEOUT_MS} ms`);
    if (r.status !== undefined) assert.equal(r.status, 408, r.data);
    assert.equal(mock.requests.length, before);
  });

  test('an upstream that never answers → 504 after upstream-headers-timeout-ms', async () => {
    const t0 = Date.now();
    const r = await send(rt.port, 'http://api.example.test/echo?hang=1', { headers: { 'proxy-authorization': s.proxyAuthorization } });
    const ms = Date.now() - t0;
    assert.equal(r.status, 504, r.body);
    assert.equal(parseRefusal(r.body).rule, 'proxy.upstream-timeout');
    assert.ok(ms >= UPSTREAM_HEADERS_TIMEOUT_MS - 50 && ms < UPSTREAM_HEADERS_TIMEOUT_MS + 3000, `answered after ${ms} ms`);
  });

  test('a streamed response passes chunk by chunk, complete', async () => {
    const r = await send(rt.port, 'http://api.example.test/mock/stream?chunks=5&interval=100', { headers: { 'proxy-authorization': s.proxyAuthorization } });
    assert.equal(r.status, 200);
    assert.equal(r.body, 'chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n');
  });
});

describe('CONNECT', { timeout: 30_000 }, () => {
  const connect = (authority: string, auth: string | undefined, after: string[] = [], until?: (data: string) => boolean) =>
    rawExchange(rt.port, [`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth ? `Proxy-Authorization: ${auth}\r\n` : ''}\r\n`, ...after], { gapMs: 100, timeoutMs: 3000, ...(until ? { until } : {}) });

  test('a route that inspects requests refuses CONNECT with egress.connect-needs-gateway and says where to go', async () => {
    const r = await connect('api.example.test:443', s.proxyAuthorization);
    assert.equal(r.status, 403, r.data);
    const body = parseRefusal(rawBody(r.data));
    assert.equal(body.rule, 'egress.connect-needs-gateway');
    assert.match(body.hint, /\/gw\/api\.example\.test\//);
    assert.ok(r.closed);
  });

  test('a route that inspects nothing opens a tunnel (override to a raw TCP echo)', async () => {
    const r = await connect('tunnel.example.test:443', s.proxyAuthorization, ['hello through the tunnel'], (d) => d.endsWith('hello through the tunnel'));
    assert.equal(r.status, 200, r.data);
    assert.match(r.data, /^HTTP\/1\.1 200 Connection Established\r\n\r\nhello through the tunnel$/);
  });

  test('CONNECT refusals: wrong port, no route, no credentials, no port', async () => {
    const cases: Array<[string, string | undefined, number, string]> = [
      ['tunnel.example.test:8443', s.proxyAuthorization, 403, 'egress.port'],
      ['nowhere.example.test:443', s.proxyAuthorization, 403, 'egress.no-route'],
      ['tunnel.example.test:443', undefined, 407, 'proxy.auth-required'],
      ['tunnel.example.test', s.proxyAuthorization, 400, 'proxy.bad-request'],
    ];
    for (const [authority, auth, status, rule] of cases) {
      const r = await connect(authority, auth, ['must not pass']);
      assert.equal(r.status, status, `${authority}: ${r.data}`);
      assert.equal(parseRefusal(rawBody(r.data)).rule, rule, authority);
      assert.doesNotMatch(r.data, /must not pass/, 'nothing was tunnelled');
      if (status === 407) assert.match(r.data, /Proxy-Authenticate: Basic realm="cork"/i);
    }
  });
});
