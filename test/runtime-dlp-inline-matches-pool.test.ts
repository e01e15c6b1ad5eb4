// The small-body fast path runs the built-in detectors on the main thread.
// It must be the same code with the same verdicts as the pool: two runtimes
// on one bundle — one inline (the default cap), one with every call sent to
// the pool — answer the same requests byte for byte.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { FAKE_CREDENTIALS, FIXTURES, compileBundle, send, startMockUpstream, startRuntime, type RuntimeProcess, type Session } from './helpers/runtime-harness.ts';
import { fakeGithubToken } from './helpers/fake-secrets.ts';
import { callControl } from '../runtime/control/client.ts';
import type { StatusReply } from '../runtime/control/protocol.ts';

const SECRET = FAKE_CREDENTIALS.CORK_FAKE_API_TOKEN;
const HOSTS = ['block.dlp.test', 'plain.dlp.test', 'redact.dlp.test', 'supervise.dlp.test', 'inbound.dlp.test'];

interface Pair {
  rt: RuntimeProcess;
  sessions: Record<string, Session>;
}

let inline: Pair;
let pooled: Pair;

before(async () => {
  const mock = await startMockUpstream();
  const bundle = compileBundle(join(FIXTURES, 'runtime-dlp')).path;
  const start = async (limits: Record<string, number>): Promise<Pair> => {
    const rt = await startRuntime(bundle, { overrides: Object.fromEntries(HOSTS.map((h) => [h, mock.origin])), limits });
    const sessions: Record<string, Session> = {};
    for (const agent of ['dlp-blocker', 'dlp-redactor', 'dlp-supervisor']) sessions[agent] = await rt.openSession(agent);
    return { rt, sessions };
  };
  inline = await start({});
  pooled = await start({ 'plugin-inline-max-bytes': 0 });
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

const CASES: Array<{ name: string; agent: string; target: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }> = [
  { name: 'clean GET', agent: 'dlp-blocker', target: 'http://block.dlp.test/items?page=2' },
  { name: 'clean POST', agent: 'dlp-blocker', target: 'http://block.dlp.test/items', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note: 'nothing to see' }) },
  { name: 'secret in the query', agent: 'dlp-blocker', target: `http://block.dlp.test/items?key=${SECRET}` },
  { name: 'secret in a header', agent: 'dlp-blocker', target: 'http://block.dlp.test/items', headers: { 'x-debug': SECRET } },
  { name: 'secret in a JSON body', agent: 'dlp-blocker', target: 'http://block.dlp.test/items', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: SECRET }) },
  { name: 'secret base64 in a body', agent: 'dlp-blocker', target: 'http://block.dlp.test/items', method: 'POST', body: `data=${b64(`x${SECRET}`)}` },
  { name: 'secret in a gzip body', agent: 'dlp-blocker', target: 'http://block.dlp.test/items', method: 'POST', headers: { 'content-encoding': 'gzip' }, body: gzipSync(`token=${SECRET}`) },
  { name: 'token pattern', agent: 'dlp-blocker', target: 'http://block.dlp.test/items', method: 'POST', body: `gh=${fakeGithubToken()}` },
  { name: 'redacted header and body', agent: 'dlp-redactor', target: 'http://redact.dlp.test/items', method: 'POST', headers: { 'x-debug': SECRET }, body: `{"token":"${SECRET}"}` },
  { name: 'supervised', agent: 'dlp-supervisor', target: `http://supervise.dlp.test/items?key=${SECRET}` },
];

for (const c of CASES) {
  test(`inline and pool agree: ${c.name}`, async () => {
    const ask = (p: Pair) =>
      send(p.rt.port, c.target, {
        method: c.method ?? 'GET',
        headers: { ...c.headers, 'proxy-authorization': p.sessions[c.agent]!.proxyAuthorization },
        ...(c.body !== undefined ? { body: c.body } : {}),
      });
    const [a, b] = [await ask(inline), await ask(pooled)];
    assert.equal(a.status, b.status, `${a.body}\n---\n${b.body}`);
    assert.equal(a.body, b.body);
  });
}

test('the cases cover both outcomes', async () => {
  const statuses = new Set<number>();
  for (const c of CASES.slice(0, 4)) {
    const r = await send(inline.rt.port, c.target, { method: c.method ?? 'GET', headers: { ...c.headers, 'proxy-authorization': inline.sessions[c.agent]!.proxyAuthorization } });
    statuses.add(r.status);
  }
  assert.deepEqual([...statuses].sort(), [200, 403]);
});

test('small bodies take the inline path, large ones the pool, and the cap 0 sends everything to the pool', async () => {
  const status = async (p: Pair) => (await callControl<StatusReply>(p.rt.stateDir, 'GET', '/v1/status')).plugins;
  const post = (p: Pair, bytes: number) =>
    send(p.rt.port, 'http://block.dlp.test/items', { method: 'POST', headers: { 'proxy-authorization': p.sessions['dlp-blocker']!.proxyAuthorization }, body: 'a'.repeat(bytes) });
  const before = await status(inline);
  assert.equal((await post(inline, 1024)).status, 200);
  const small = await status(inline);
  assert.ok(small.inline > before.inline, 'a 1 KiB body was scanned inline');
  assert.equal(small.pool, before.pool, 'and not in the pool');
  assert.equal((await post(inline, 64 * 1024)).status, 200);
  const large = await status(inline);
  assert.ok(large.pool > small.pool, 'a 64 KiB body went to the pool');
  const pooledBefore = await status(pooled);
  assert.equal((await post(pooled, 1024)).status, 200);
  const pooledAfter = await status(pooled);
  assert.equal(pooledAfter.inline, 0);
  assert.ok(pooledAfter.pool > pooledBefore.pool);
});
