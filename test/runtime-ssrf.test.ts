// SSRF through the real proxy. Routes name hosts whose DNS answers (from a
// preloaded DNS stub, test/helpers/runtime-dns-stub.mjs) are loopback,
// private, link-local/metadata or IPv4-mapped loopback, plus the real
// `localhost`: each is refused after resolution with egress.ssrf, over the
// forward proxy, the gateway and CONNECT. Routes that name an internal IP
// address explicitly let egress reach exactly that address.
//
// Routes allow the scheme's default port only (80/443). To prove "nothing
// connects" and to test the explicit allow end to end, sentinel listeners
// take ports 80 and 443 on the loopback addresses when the test may bind them
// (root); otherwise those sub-checks fall back to what the proxy answers.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  FIXTURES,
  ROOT,
  compileBundle,
  parseRefusal,
  rawBody,
  rawExchange,
  send,
  startRuntime,
  type HttpReply,
  type RuntimeProcess,
  type Session,
} from './helpers/runtime-harness.ts';

const DNS = {
  'loopback.ssrf.test': ['127.0.0.1'],
  'loopback6.ssrf.test': ['::1'],
  'metadata.ssrf.test': ['169.254.169.254'],
  'private.ssrf.test': ['10.0.0.1'],
  'mapped.ssrf.test': ['::ffff:127.0.0.1'],
  // A public answer does not launder a private one.
  'mixed.ssrf.test': ['93.184.216.34', '10.0.0.1'],
};
const STUB = ['--import', join(ROOT, 'test', 'helpers', 'runtime-dns-stub.mjs')];
const STUB_ENV = { CORK_TEST_DNS: JSON.stringify(DNS) };

// ---------------------------------------------------------------------------
// Sentinels on the loopback addresses' ports 80 and 443.

interface Sentinel {
  address: string;
  port: number;
  connections: number;
}

const sentinels = new Map<string, Sentinel>();
const servers: Server[] = [];

async function bindSentinel(address: string, port: number): Promise<void> {
  const s: Sentinel = { address, port, connections: 0 };
  const server = createServer((socket: Socket) => {
    s.connections++;
    socket.on('error', () => undefined);
    let seen = '';
    socket.on('data', (d) => {
      seen += d.toString('latin1');
      if (port === 80 && seen.includes('\r\n\r\n')) socket.end('HTTP/1.1 200 OK\r\nx-sentinel: reached\r\ncontent-length: 7\r\nconnection: close\r\n\r\nreached');
      if (port === 443) socket.write(d); // a raw echo for tunnels
    });
  });
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ host: address, port, ipv6Only: address.includes(':') }, () => resolve(true));
  });
  if (ok) {
    servers.push(server);
    sentinels.set(`${address}:${port}`, s);
  }
}

function connectionsTo(...keys: string[]): number {
  return keys.reduce((n, k) => n + (sentinels.get(k)?.connections ?? 0), 0);
}

const WATCHED = ['127.0.0.1:80', '127.0.0.1:443', '::1:80', '::1:443', '127.0.0.2:80'];

before(async () => {
  for (const key of WATCHED) {
    const i = key.lastIndexOf(':');
    await bindSentinel(key.slice(0, i), Number(key.slice(i + 1)));
  }
});

after(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

function refused(r: HttpReply, rule: string) {
  assert.equal(r.status, 403, `expected 403 ${rule}, got ${r.status}: ${r.body}`);
  const body = parseRefusal(r.body);
  assert.equal(body.rule, rule, body.reason);
  return body;
}

// ---------------------------------------------------------------------------

describe('names that resolve to internal addresses are refused (no route names an address)', { timeout: 30_000 }, () => {
  let rt: RuntimeProcess;
  let s: Session;

  before(async () => {
    const { path } = compileBundle(join(FIXTURES, 'runtime-ssrf'));
    rt = await startRuntime(path, { nodeArgs: STUB, env: STUB_ENV });
    s = await rt.openSession('prober');
  });

  const cases: Array<[string, RegExp]> = [
    ['loopback.ssrf.test', /127\.0\.0\.1 is loopback/],
    ['loopback6.ssrf.test', /::1 is loopback/],
    ['metadata.ssrf.test', /169\.254\.169\.254 is metadata/],
    ['private.ssrf.test', /10\.0\.0\.1 is private/],
    ['mapped.ssrf.test', /::ffff:127\.0\.0\.1 is loopback/],
    ['mixed.ssrf.test', /10\.0\.0\.1 is private/],
    ['localhost', /127\.0\.0\.1 is loopback|::1 is loopback/],
  ];

  for (const [host, reason] of cases) {
    test(`${host}: forward proxy and gateway → 403 egress.ssrf`, async () => {
      const before = connectionsTo(...WATCHED);
      const fwd = refused(await send(rt.port, `http://${host}/latest/meta-data/`, { headers: { 'proxy-authorization': s.proxyAuthorization } }), 'egress.ssrf');
      assert.match(fwd.reason, reason);
      assert.equal(fwd.host, host);
      refused(await send(rt.port, `/gw/${host}/latest/meta-data/`, { headers: { 'x-api-key': s.key } }), 'egress.ssrf');
      assert.equal(connectionsTo(...WATCHED), before, 'nothing connected to a loopback sentinel');
    });
  }

  test('CONNECT to a name that resolves to loopback → 403 egress.ssrf, no tunnel', async () => {
    for (const host of ['loopback.ssrf.test', 'localhost', 'metadata.ssrf.test']) {
      const before = connectionsTo(...WATCHED);
      const r = await rawExchange(rt.port, [`CONNECT ${host}:443 HTTP/1.1\r\nHost: ${host}:443\r\nProxy-Authorization: ${s.proxyAuthorization}\r\n\r\n`]);
      assert.equal(r.status, 403, r.data);
      assert.equal(parseRefusal(rawBody(r.data)).rule, 'egress.ssrf', host);
      assert.equal(connectionsTo(...WATCHED), before, `nothing connected for ${host}`);
    }
  });

  test('IP literals no route names are refused before any connection (egress.no-route)', async () => {
    const before = connectionsTo(...WATCHED);
    for (const host of ['127.0.0.1', '[::1]', '169.254.169.254', '10.0.0.1', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '2130706433', '127.1']) {
      refused(await send(rt.port, `http://${host}/`, { headers: { 'proxy-authorization': s.proxyAuthorization } }), 'egress.no-route');
    }
    for (const authority of ['127.0.0.1:443', '[::1]:443', '169.254.169.254:443', '[::ffff:127.0.0.1]:443']) {
      const r = await rawExchange(rt.port, [`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\nProxy-Authorization: ${s.proxyAuthorization}\r\n\r\n`]);
      assert.equal(r.status, 403, `${authority}: ${r.data}`);
      assert.equal(parseRefusal(rawBody(r.data)).rule, 'egress.no-route', authority);
    }
    assert.equal(connectionsTo(...WATCHED), before);
  });
});

describe('routes that name an internal IP address let egress reach exactly it', { timeout: 30_000 }, () => {
  let rt: RuntimeProcess;
  let literal: Session;
  let other: Session;

  before(async () => {
    const { path } = compileBundle(join(FIXTURES, 'runtime-ssrf-literals'));
    rt = await startRuntime(path, { nodeArgs: STUB, env: STUB_ENV, limits: { 'upstream-connect-timeout-ms': 2000 } });
    literal = await rt.openSession('literal-prober');
    other = await rt.openSession('other');
  });

  /** Reached the sentinel, or (no sentinel on that port) the proxy tried and found nothing listening: never an egress refusal. */
  async function assertReached(target: string, sentinel: string) {
    const before = connectionsTo(sentinel);
    const r = await send(rt.port, target, { headers: { 'proxy-authorization': literal.proxyAuthorization } });
    if (sentinels.has(sentinel)) {
      assert.equal(r.status, 200, `${target}: ${r.body}`);
      assert.equal(r.headers['x-sentinel'], 'reached');
      assert.equal(connectionsTo(sentinel), before + 1);
    } else {
      // No sentinel (not root, or the port is taken): the proxy must still have tried to connect.
      assert.notEqual(r.status, 403, `${target}: refused by egress: ${r.body}`);
      if (r.status === 502) assert.equal(parseRefusal(r.body).rule, 'proxy.upstream-error');
    }
  }

  test('route 127.0.0.1 → http://127.0.0.1/ is allowed and connects', async () => {
    await assertReached('http://127.0.0.1/', '127.0.0.1:80');
  });

  test('route "[::1]" (the bracketed form the host schema documents) → http://[::1]/ is allowed', async () => {
    await assertReached('http://[::1]/', '::1:80');
  });

  test('route ::ffff:127.0.0.2 (IPv4-mapped) → http://[::ffff:127.0.0.2]/ is allowed', async () => {
    await assertReached('http://[::ffff:127.0.0.2]/', '127.0.0.2:80');
  });

  test('CONNECT 127.0.0.1:443 on the explicit route opens a tunnel', async () => {
    const before = connectionsTo('127.0.0.1:443');
    const r = await rawExchange(rt.port, [`CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\nProxy-Authorization: ${literal.proxyAuthorization}\r\n\r\n`, 'ping-through-tunnel'], {
      gapMs: 100,
      timeoutMs: 3000,
      until: (d) => d.includes('ping-through-tunnel'),
    });
    if (sentinels.has('127.0.0.1:443')) {
      assert.equal(r.status, 200, r.data);
      assert.match(r.data, /ping-through-tunnel/, 'the tunnel echoes');
      assert.equal(connectionsTo('127.0.0.1:443'), before + 1);
    } else {
      assert.notEqual(r.status, 403, r.data);
    }
  });

  test('the explicit route covers that address only: 10.0.0.1 and 127.0.0.3 are not routes', async () => {
    for (const host of ['10.0.0.1', '127.0.0.3', '169.254.169.254']) {
      refused(await send(rt.port, `http://${host}/`, { headers: { 'proxy-authorization': literal.proxyAuthorization } }), 'egress.no-route');
    }
  });

  test(
    'an address named by a bottle the session does not have stays refused (per-session SSRF exceptions)',
    async () => {
      const before = connectionsTo(...WATCHED);
      refused(await send(rt.port, 'http://loopback.ssrf.test/', { headers: { 'proxy-authorization': other.proxyAuthorization } }), 'egress.ssrf');
      assert.equal(connectionsTo(...WATCHED), before);
    },
  );
});
