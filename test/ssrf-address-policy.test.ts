// SSRF: after DNS resolution egress refuses every non-public address unless a
// route names it, and the socket connects to exactly the address that was
// checked. Real sockets: a node:http server on 127.0.0.1, reached through
// net.connect and through undici with the checked lookup.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Agent, request } from 'undici';
import { EgressRefusedError } from '../runtime/errors.ts';
import {
  addressAllowList,
  checkedConnector,
  checkedLookup,
  classifyAddress,
  createCheckedLookup,
  type AddressClass,
  type Resolver,
} from '../runtime/net/address-policy.ts';
import { compileRouteTable } from '../runtime/policy/route-table.ts';

const CLASSES: Array<[string, AddressClass]> = [
  ['127.0.0.1', 'loopback'],
  ['127.1.2.3', 'loopback'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['169.254.169.254', 'metadata'],
  ['169.254.170.2', 'metadata'],
  ['fd00:ec2::254', 'metadata'],
  ['100.100.100.200', 'metadata'],
  ['169.254.1.1', 'link-local'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'cgnat'],
  ['100.127.255.254', 'cgnat'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'metadata'],
  ['::127.0.0.1', 'loopback'], // deprecated IPv4-compatible form
  ['64:ff9b::7f00:1', 'loopback'], // NAT64 of 127.0.0.1
  ['64:ff9b::a9fe:a9fe', 'metadata'], // NAT64 of 169.254.169.254
  ['64:ff9b::808:808', 'public'], // NAT64 of 8.8.8.8
  ['2002:7f00:1::', 'loopback'], // 6to4 of 127.0.0.1
  ['2002:0a00:0001::1', 'private'], // 6to4 of 10.0.0.1
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456::1', 'unique-local'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['::', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'reserved'],
  ['192.0.2.1', 'reserved'], // documentation
  ['240.0.0.1', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['2001:0:4136:e378::1', 'reserved'], // Teredo
  ['::7f00:2', 'reserved'], // outside 2000::/3
  ['not-an-ip', 'reserved'],
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['172.32.0.1', 'public'],
  ['100.128.0.1', 'public'],
  ['2606:4700::1', 'public'],
  ['2a00:1450:4001::200e', 'public'],
];

for (const [ip, cls] of CLASSES) {
  test(`classifyAddress(${ip}) is ${cls}`, () => {
    assert.equal(classifyAddress(ip), cls);
  });
}

/** A stub resolver that records its calls. */
function stub(answers: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const fn = ((hostname: string, _opts: { all: true }, cb: Parameters<Resolver>[2]) => {
    calls.push(hostname);
    const list = answers[hostname];
    setImmediate(() => {
      if (!list) cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      else cb(null, list.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 })));
    });
  }) as Resolver & { calls: string[] };
  fn.calls = calls;
  return fn;
}

const none = () => false;

test('a name that resolves to loopback is refused with egress.ssrf', async () => {
  const r = await checkedLookup('internal.example', none, stub({ 'internal.example': ['127.0.0.1'] }));
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.rule === 'egress.ssrf' && r.address === '127.0.0.1' && r.addressClass === 'loopback');
});

test('a name that resolves to the metadata address is refused, naming the class', async () => {
  const r = await checkedLookup('meta.example', none, stub({ 'meta.example': ['169.254.169.254'] }));
  assert.ok(!r.ok && r.rule === 'egress.ssrf' && r.addressClass === 'metadata' && r.reason.includes('meta.example'));
});

test('a name with public and private answers is refused (fail closed)', async () => {
  const r = await checkedLookup('mixed.example', none, stub({ 'mixed.example': ['93.184.216.34', '10.0.0.7'] }));
  assert.ok(!r.ok && r.rule === 'egress.ssrf' && r.address === '10.0.0.7');
  const r6 = await checkedLookup('mixed6.example', none, stub({ 'mixed6.example': ['2606:4700::1', '::ffff:127.0.0.1'] }));
  assert.ok(!r6.ok && r6.addressClass === 'loopback');
});

test('a public name resolves to its first address, every answer checked', async () => {
  const r = await checkedLookup('pub.example', none, stub({ 'pub.example': ['2606:4700::1', '93.184.216.34'] }));
  assert.deepEqual(r, {
    ok: true,
    address: '2606:4700::1',
    family: 6,
    addresses: [
      { address: '2606:4700::1', family: 6 },
      { address: '93.184.216.34', family: 4 },
    ],
  });
});

test('an explicitly allowed address passes; others stay refused', async () => {
  const allow = addressAllowList(['10.0.0.5']);
  const ok = await checkedLookup('db.internal', allow, stub({ 'db.internal': ['10.0.0.5'] }));
  assert.ok(ok.ok && ok.address === '10.0.0.5');
  const mapped = await checkedLookup('db6.internal', allow, stub({ 'db6.internal': ['::ffff:10.0.0.5'] }));
  assert.ok(mapped.ok, 'the v4-mapped form of an allowed address is the same address');
  const other = await checkedLookup('db2.internal', allow, stub({ 'db2.internal': ['10.0.0.5', '10.0.0.6'] }));
  assert.ok(!other.ok && other.address === '10.0.0.6');
});

test('a route whose host is an IP literal is what allows that address', async () => {
  const table = compileRouteTable({ egress: { routes: [{ host: '10.0.0.5' }, { host: '[fd00::9]' }, { host: 'api.github.com' }] } });
  const allow = addressAllowList(table.allowedAddresses);
  assert.equal(allow('10.0.0.5'), true);
  assert.equal(allow('fd00:0::9'), true);
  assert.equal(allow('10.0.0.6'), false);
  assert.equal(allow('api.github.com'), false);
});

test('IP literals skip DNS but get the same check', async () => {
  const resolver = stub({});
  const lo = await checkedLookup('127.0.0.1', none, resolver);
  assert.ok(!lo.ok && lo.rule === 'egress.ssrf' && lo.addressClass === 'loopback');
  const lo6 = await checkedLookup('[::1]', none, resolver);
  assert.ok(!lo6.ok && lo6.addressClass === 'loopback');
  const odd = await checkedLookup('0x7f.1', none, resolver); // what getaddrinfo reads as 127.0.0.1
  assert.ok(!odd.ok && odd.address === '127.0.0.1');
  const pub = await checkedLookup('8.8.8.8', none, resolver);
  assert.ok(pub.ok && pub.address === '8.8.8.8' && pub.family === 4);
  assert.deepEqual(resolver.calls, []);
});

test('a DNS failure is proxy.dns-failure, not an exception', async () => {
  const r = await checkedLookup('nx.example', none, stub({}));
  assert.ok(!r.ok && r.rule === 'proxy.dns-failure');
  const empty = await checkedLookup('empty.example', none, stub({ 'empty.example': [] }));
  assert.ok(!empty.ok && empty.rule === 'proxy.dns-failure');
});

// --- Real sockets -----------------------------------------------------------

let server: http.Server;
let port: number;
const seen: Array<{ host: string | undefined }> = [];

before(async () => {
  server = http.createServer((req, res) => {
    seen.push({ host: req.headers.host });
    res.end('reached');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const loopbackOnly = (ip: string) => ip === '127.0.0.1';
// `.invalid` never resolves in real DNS (RFC 6761): reaching the server proves the stub's checked answer was used.
const NAME = 'internal.cork.invalid';

test('net.connect with the checked lookup connects to the checked address (autoSelectFamily and single form)', async () => {
  for (const autoSelectFamily of [true, false]) {
    const resolver = stub({ [NAME]: ['127.0.0.1'] });
    const socket = net.connect({ host: NAME, port, lookup: createCheckedLookup(loopbackOnly, resolver), autoSelectFamily });
    await once(socket, 'connect');
    assert.equal(socket.remoteAddress, '127.0.0.1');
    assert.deepEqual(resolver.calls, [NAME], 'one resolution, no second lookup');
    socket.destroy();
  }
});

test('net.connect with the checked lookup is refused without the allow predicate', async () => {
  const resolver = stub({ [NAME]: ['127.0.0.1'] });
  const socket = net.connect({ host: NAME, port, lookup: createCheckedLookup(none, resolver) });
  const [err] = (await once(socket, 'error')) as [Error];
  assert.ok(err instanceof EgressRefusedError, String(err));
  assert.equal((err as EgressRefusedError).rule, 'egress.ssrf');
});

test('undici passes connect.lookup through to the socket: allowed reaches the server, refused does not', async () => {
  const resolver = stub({ [NAME]: ['127.0.0.1'] });
  const allowedAgent = new Agent({ connect: { lookup: createCheckedLookup(loopbackOnly, resolver) } });
  try {
    const before = seen.length;
    const res = await request(`http://${NAME}:${port}/x`, { dispatcher: allowedAgent });
    assert.equal(res.statusCode, 200);
    assert.equal(await res.body.text(), 'reached');
    assert.equal(seen.length, before + 1);
    assert.equal(seen.at(-1)!.host, `${NAME}:${port}`, 'the Host header keeps the name');
    assert.deepEqual(resolver.calls, [NAME]);
  } finally {
    await allowedAgent.close();
  }

  const refusedAgent = new Agent({ connect: { lookup: createCheckedLookup(none, resolver) } });
  try {
    const before = seen.length;
    await assert.rejects(request(`http://${NAME}:${port}/x`, { dispatcher: refusedAgent }), (err: unknown) => {
      const e = (err as { cause?: unknown }).cause ?? err;
      return e instanceof EgressRefusedError && e.rule === 'egress.ssrf';
    });
    assert.equal(seen.length, before, 'the server saw nothing');
  } finally {
    await refusedAgent.close();
  }
});

test('net.connect never calls lookup for an IP-literal host, so checkedConnector checks literals itself', async () => {
  // The hole: a lookup-only agent lets a literal loopback origin through.
  const lookupOnly = new Agent({ connect: { lookup: createCheckedLookup(none, stub({})) } });
  try {
    const res = await request(`http://127.0.0.1:${port}/`, { dispatcher: lookupOnly });
    assert.equal(res.statusCode, 200);
    await res.body.dump();
  } finally {
    await lookupOnly.close();
  }
  // The fix: checkedConnector refuses the literal, and still checks names.
  const guarded = new Agent({ connect: checkedConnector(none, stub({ [NAME]: ['127.0.0.1'] })) });
  try {
    for (const origin of [`http://127.0.0.1:${port}`, `http://${NAME}:${port}`]) {
      await assert.rejects(request(`${origin}/`, { dispatcher: guarded }), (err: unknown) => {
        const e = (err as { cause?: unknown }).cause ?? err;
        return e instanceof EgressRefusedError && e.rule === 'egress.ssrf';
      }, origin);
    }
  } finally {
    await guarded.close();
  }
  const allowedGuarded = new Agent({ connect: checkedConnector(loopbackOnly, stub({ [NAME]: ['127.0.0.1'] })) });
  try {
    for (const origin of [`http://127.0.0.1:${port}`, `http://${NAME}:${port}`]) {
      const res = await request(`${origin}/`, { dispatcher: allowedGuarded });
      assert.equal(await res.body.text(), 'reached', origin);
    }
  } finally {
    await allowedGuarded.close();
  }
});
