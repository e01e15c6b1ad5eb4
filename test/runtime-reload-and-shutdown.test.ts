// Reload and shutdown of a running runtime. A reload (`cork runtime reload`
// or SIGHUP) swaps the policy for new requests in one step; a request
// already decided finishes on the policy it started with; a bundle that
// fails verification is refused and the old one keeps serving; sessions
// survive. SIGTERM stops accepting, lets in-flight requests finish within
// the grace period, ends the sessions' processes and exits 0.
import assert from 'node:assert/strict';
import { copyFileSync, renameSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { callControl } from '../runtime/control/client.ts';
import type { StatusReply } from '../runtime/control/protocol.ts';
import {
  CORK,
  FIXTURES,
  compileBundle,
  parseRefusal,
  rawExchange,
  runCork,
  send,
  sleep,
  spawnTracked,
  startMockUpstream,
  startRuntime,
  tmpDir,
  waitFor,
  within,
  baseEnv,
  type CompiledBundle,
  type MockUpstream,
  type RuntimeProcess,
  type Session,
} from './helpers/runtime-harness.ts';

let mock: MockUpstream;
let v1: CompiledBundle;
let v2: CompiledBundle;
let dir: string;

before(async () => {
  mock = await startMockUpstream();
  dir = tmpDir('cork-reload-');
  v1 = compileBundle(join(FIXTURES, 'runtime-reload-v1'), { dir, name: 'v1.bundle.json' });
  v2 = compileBundle(join(FIXTURES, 'runtime-reload-v2'), { dir, name: 'v2.bundle.json' });
});

/** Replaces `path` in one rename, as a deploy would. */
function install(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** The bundle text with one policy string changed and the digest left alone: fails verification. */
function tampered(text: string): string {
  const out = text.replace('/both/', '/evil/');
  assert.notEqual(out, text);
  return out;
}

async function status(rt: RuntimeProcess): Promise<StatusReply> {
  return callControl<StatusReply>(rt.stateDir, 'GET', '/v1/status');
}

async function get(rt: RuntimeProcess, s: Session, path: string): Promise<number> {
  return (await send(rt.port, `http://api.example.test${path}`, { headers: { 'proxy-authorization': s.proxyAuthorization } })).status;
}

describe('reload', { timeout: 60_000 }, () => {
  let rt: RuntimeProcess;
  let s: Session;
  let current: string;

  before(async () => {
    current = join(dir, 'current.bundle.json');
    copyFileSync(v1.path, current);
    rt = await startRuntime(current, { overrides: { 'api.example.test': mock.origin } });
    s = await rt.openSession('tester');
  });

  test('cork runtime reload <bundle> changes decisions for new requests; the session keeps working', async () => {
    assert.equal(await get(rt, s, '/v1/x'), 200);
    assert.equal(await get(rt, s, '/v2/x'), 403);
    const r = await runCork(['runtime', 'reload', v2.path, '--state-dir', rt.stateDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /reloaded/);
    assert.equal((await status(rt)).digest, v2.bundle.digest);
    assert.equal(await get(rt, s, '/v1/x'), 403);
    assert.equal(await get(rt, s, '/v2/x'), 200);
    await waitFor('the reload log line', () => rt.stderr().includes(`"event":"reload","bundle":"${v2.path}"`), 3000);
  });

  test('SIGHUP reloads the bundle file the runtime serves', async () => {
    await runCork(['runtime', 'reload', current, '--state-dir', rt.stateDir]); // back to current (v1)
    assert.equal((await status(rt)).digest, v1.bundle.digest);
    install(current, v2.text);
    rt.signal('SIGHUP');
    await waitFor('the SIGHUP reload', async () => (await status(rt)).digest === v2.bundle.digest, 5000);
    assert.equal(await get(rt, s, '/v1/x'), 403);
    assert.equal(await get(rt, s, '/v2/x'), 200);
  });

  test('a tampered bundle is refused on reload: exit 1 with the reason, a log line, the old policy keeps serving', async () => {
    const before = (await status(rt)).digest;
    const bad = join(dir, 'tampered.bundle.json');
    writeFileSync(bad, tampered(v1.text));
    const r = await runCork(['runtime', 'reload', bad, '--state-dir', rt.stateDir]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /reload refused/);
    assert.match(r.stderr, /digest/i);
    assert.equal((await status(rt)).digest, before);
    assert.equal(await get(rt, s, '/v2/x'), 200, 'the old policy still decides');
    const line = await waitFor('the reload-refused log line', () => rt.stderr().split('\n').find((l) => l.includes('"reload-refused"') && l.includes(bad)), 3000);
    const entry = JSON.parse(line) as { code: string; reason: string; digest: string };
    assert.match(entry.code, /DIGEST/);
    assert.ok(entry.reason.length > 0);
    assert.equal(entry.digest, before);
  });

  test('SIGHUP with a tampered file in place: refused, logged, still serving', async () => {
    const before = (await status(rt)).digest;
    const refusedBefore = rt.stderr().split('"reload-refused"').length;
    install(current, tampered(v2.text));
    rt.signal('SIGHUP');
    await waitFor('a second reload-refused line', () => rt.stderr().split('"reload-refused"').length > refusedBefore, 5000);
    assert.equal((await status(rt)).digest, before);
    assert.equal(await get(rt, s, '/v2/x'), 200);
    install(current, v2.text);
  });

  test('a request decided before a reload finishes on the old decision; the next one gets the new', async () => {
    await runCork(['runtime', 'reload', v1.path, '--state-dir', rt.stateDir]);
    const seen = mock.requests.length;
    // Head and half the body now; the decision (v1 allows POST /v1/) is taken on the head.
    const head = `POST http://api.example.test/v1/upload HTTP/1.1\r\nHost: api.example.test\r\nProxy-Authorization: ${s.proxyAuthorization}\r\nContent-Length: 10\r\nConnection: close\r\n\r\n`;
    const inflight = rawExchange(rt.port, [`${head}12345`, '67890'], { gapMs: 1000, timeoutMs: 8000 });
    await sleep(200);
    assert.equal((await callControl<{ digest: string }>(rt.stateDir, 'POST', '/v1/reload', { path: v2.path })).digest, v2.bundle.digest);
    assert.equal(await get(rt, s, '/v1/upload'), 403, 'a new request is decided by v2');
    const res = await inflight;
    assert.equal(res.status, 200, res.data);
    assert.equal(mock.requests.slice(seen).filter((x) => x.url === '/v1/upload').length, 1);
  });

  test('a session whose agent is gone after a reload is refused, with the reason', async () => {
    await runCork(['runtime', 'reload', v1.path, '--state-dir', rt.stateDir]);
    const legacy = await rt.openSession('legacy');
    assert.equal(await get(rt, legacy, '/v1/x'), 200);
    await runCork(['runtime', 'reload', v2.path, '--state-dir', rt.stateDir]);
    const r = await send(rt.port, 'http://api.example.test/v1/x', { headers: { 'proxy-authorization': legacy.proxyAuthorization } });
    assert.equal(r.status, 403);
    assert.match(parseRefusal(r.body).reason, /agent "legacy" is not in bundle/);
  });

  test('reload under load: ~200 concurrent requests, several reloads, zero failures', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    let stop = false;
    let ok = 0;
    const failures: string[] = [];
    const one = () =>
      new Promise<void>((resolve) => {
        const req = request(
          { host: '127.0.0.1', port: rt.port, path: 'http://api.example.test/both/load?delay=40', headers: { host: 'api.example.test', 'proxy-authorization': s.proxyAuthorization }, agent, timeout: 10_000 },
          (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode === 200) ok++;
              else failures.push(`status ${res.statusCode}`);
              resolve();
            });
            res.on('error', (e) => {
              failures.push(e.message);
              resolve();
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', (e) => {
          failures.push(e.message);
          resolve();
        });
        req.end();
      });
    const worker = async () => {
      while (!stop) await one();
    };
    const workers = Array.from({ length: 200 }, worker);
    try {
      await waitFor('load to build up', () => ok >= 200, 10_000);
      for (const b of [v1, v2, v1, v2, v1, v2]) {
        const r = await callControl<{ digest: string }>(rt.stateDir, 'POST', '/v1/reload', { path: b.path });
        assert.equal(r.digest, b.bundle.digest);
        await sleep(100);
      }
    } finally {
      stop = true;
      await within(15_000, 'the load workers to finish', Promise.all(workers));
      agent.destroy();
    }
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} failed requests out of ${ok + failures.length}`);
    assert.ok(ok >= 400, `only ${ok} requests completed`);
  });
});

describe('SIGTERM', { timeout: 60_000 }, () => {
  test('an in-flight request completes, new connections are refused, the runtime exits 0 within the grace period', async () => {
    const rt = await startRuntime(v1.path, { overrides: { 'api.example.test': mock.origin }, limits: { 'shutdown-grace-ms': 4000 } });
    const s = await rt.openSession('tester');
    const seen = mock.requests.length;
    const slow = send(rt.port, 'http://api.example.test/both/slow?delay=1200', { headers: { 'proxy-authorization': s.proxyAuthorization } });
    await waitFor('the slow request to reach the upstream', () => mock.requests.length > seen, 5000);
    const t0 = Date.now();
    rt.signal('SIGTERM');
    // The log line comes right before the listener closes.
    await waitFor('the shutdown to begin', () => rt.stderr().includes('"event":"shutdown"'), 3000);
    await assert.rejects(send(rt.port, 'http://api.example.test/both/x', { headers: { 'proxy-authorization': s.proxyAuthorization }, timeoutMs: 2000 }), /ECONNREFUSED|ECONNRESET|socket hang up/);
    const res = await slow;
    assert.equal(res.status, 200, res.body);
    const exit = await within(6000, 'the runtime to exit', rt.exited);
    assert.deepEqual(exit, { code: 0, signal: null }, rt.stderr());
    assert.ok(Date.now() - t0 < 4000 + 1500, 'within the grace period');
    assert.match(rt.stderr(), /"event":"stopped","abandoned":0/);
  });

  test('regression: a request slower than the grace period is cut and the runtime exits 0 promptly (it waited for the abandoned upstream request)', async () => {
    const rt = await startRuntime(v1.path, { overrides: { 'api.example.test': mock.origin }, limits: { 'shutdown-grace-ms': 400 } });
    const s = await rt.openSession('tester');
    const seen = mock.requests.length;
    const slow = send(rt.port, 'http://api.example.test/both/slower?delay=8000', { headers: { 'proxy-authorization': s.proxyAuthorization } }).then(
      (r) => r.status,
      () => 'cut',
    );
    await waitFor('the slow request to reach the upstream', () => mock.requests.length > seen, 5000);
    const t0 = Date.now();
    const exit = await rt.stop(5000);
    assert.deepEqual(exit, { code: 0, signal: null }, rt.stderr());
    assert.ok(Date.now() - t0 < 3000, `exited after ${Date.now() - t0} ms`);
    assert.equal(await slow, 'cut');
  });

  test('one-step form: SIGTERM ends the session\'s command and the runtime exits on its own', async () => {
    const rt = await startRuntime(v1.path, { agent: 'tester', command: ['sh', '-c', 'echo "pid=$$"; exec sleep 30'], limits: { 'shutdown-grace-ms': 1000 } });
    const m = await waitFor('the command to print its pid', () => /pid=(\d+)/.exec(rt.stdout()) ?? undefined, 5000);
    const pid = Number(m[1]);
    assert.ok(alive(pid));
    rt.signal('SIGTERM');
    const exit = await within(5000, 'the runtime to exit', rt.exited);
    assert.equal(exit.signal, null, 'the runtime handled SIGTERM instead of dying of it');
    assert.equal(typeof exit.code, 'number');
    await waitFor('the command to end', () => !alive(pid), 3000);
  });

  test(
    'sessions opened by cork run: SIGTERM to the runtime ends their commands',
    async () => {
      const rt = await startRuntime(v1.path, { limits: { 'shutdown-grace-ms': 500 } });
      const run = spawnTracked(process.execPath, [CORK, 'run', '--agent', 'tester', '--state-dir', rt.stateDir, '--', 'sh', '-c', 'echo "pid=$$"; exec sleep 30'], { env: baseEnv() });
      const m = await waitFor('the command to print its pid', () => /pid=(\d+)/.exec(run.stdout()) ?? undefined, 5000);
      const pid = Number(m[1]);
      assert.deepEqual(await rt.stop(5000), { code: 0, signal: null });
      // Well under the command's own 30 s; the bound covers cork run reaping it (until then a killed pid still answers signal 0), which took over 1.5 s once on a loaded CI run.
      await waitFor('the session\'s command to end', () => !alive(pid), 5000);
      await within(3000, 'cork run to exit', run.exited);
    },
  );
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
