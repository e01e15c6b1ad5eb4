// Sessions and the environment a session's command runs with. `cork run`
// opens a session over the control socket, runs the command with the
// launcher's environment minus every credential variable, plus the proxy and
// gateway settings and the bottle's env, and closes the session when the
// command exits. The control socket is the operator's alone (mode 0600) and
// one state dir belongs to one runtime.
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { callControl } from '../runtime/control/client.ts';
import type { SessionSummary } from '../runtime/control/protocol.ts';
import {
  CORK,
  E2E_POLICY,
  FAKE_CREDENTIALS,
  baseEnv,
  basicAuth,
  compileBundle,
  parseRefusal,
  runCork,
  send,
  spawnTracked,
  startMockUpstream,
  startRuntime,
  tmpDir,
  waitFor,
  within,
  type MockUpstream,
  type RuntimeProcess,
} from './helpers/runtime-harness.ts';

const PRINT_ENV = ['node', '-e', 'process.stdout.write(JSON.stringify(process.env))'];
/** A credential variable the bundle names but the runtime never had: still stripped from the command. */
const UNSET_CREDENTIAL = { CORK_FAKE_UNSET_TOKEN: 'FAKE-unset-token-cork-test-000000' };

let mock: MockUpstream;
let bundlePath: string;
let rt: RuntimeProcess;

before(async () => {
  mock = await startMockUpstream();
  bundlePath = compileBundle(E2E_POLICY).path;
  rt = await startRuntime(bundlePath, { overrides: { 'api.example.test': mock.origin } });
});

/** The launcher's environment: the real-looking credentials are set in it, as on an operator's machine. */
function launcherEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return baseEnv({ ...FAKE_CREDENTIALS, ...UNSET_CREDENTIAL, CORK_TEST_TICKET: 'T-42', UNRELATED_SETTING: 'kept', HTTP_PROXY: 'http://launcher-proxy.invalid:3128', NO_PROXY: '*', ...extra });
}

async function sessions(): Promise<SessionSummary[]> {
  return callControl<SessionSummary[]>(rt.stateDir, 'GET', '/v1/sessions');
}

describe('cork run: the command\'s environment', { timeout: 30_000 }, () => {
  let env: Record<string, string>;

  before(async () => {
    const r = await runCork(['run', '--agent', 'tester', '--state-dir', rt.stateDir, '--', ...PRINT_ENV], { env: launcherEnv() });
    assert.equal(r.code, 0, r.stderr);
    env = JSON.parse(r.stdout) as Record<string, string>;
  });

  test('no credential variable the bundle names reaches the command, and no credential value appears anywhere', () => {
    for (const name of ['CORK_FAKE_API_TOKEN', 'CORK_FAKE_GIT_TOKEN', 'CORK_FAKE_UNSET_TOKEN']) assert.equal(env[name], undefined, name);
    const all = JSON.stringify(env);
    for (const value of [...Object.values(FAKE_CREDENTIALS), ...Object.values(UNSET_CREDENTIAL)]) assert.ok(!all.includes(value), `a credential value leaked into the env: ${value.slice(0, 12)}…`);
  });

  test('the provider key variables carry the session key, not the real key', () => {
    assert.match(env['ANTHROPIC_API_KEY'] ?? '', /^cork-session-/);
    assert.equal(env['OPENAI_API_KEY'], env['ANTHROPIC_API_KEY']);
  });

  test('HTTP(S)_PROXY, lower-case too, point at cork with the session credentials; NO_PROXY is empty', () => {
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) {
      const url = new URL(env[name] ?? 'missing:');
      assert.equal(url.protocol, 'http:', name);
      assert.equal(url.host, `127.0.0.1:${rt.port}`, name);
      assert.equal(decodeURIComponent(url.username), env['CORK_SESSION'], name);
      assert.ok(url.password.length >= 16, `${name} carries the session token`);
    }
    assert.equal(env['NO_PROXY'], '');
    assert.equal(env['no_proxy'], '');
  });

  test('gateway base URLs', () => {
    assert.equal(env['ANTHROPIC_BASE_URL'], `http://127.0.0.1:${rt.port}/gw/api.anthropic.com`);
    assert.equal(env['OPENAI_BASE_URL'], `http://127.0.0.1:${rt.port}/gw/api.openai.com/v1`);
  });

  test('the bottle\'s env, a "?prompt" value taken from the launcher, and the launcher\'s other variables', () => {
    assert.equal(env['CORK_TEST_GREETING'], 'hello-from-the-bottle');
    assert.equal(env['CORK_TEST_TICKET'], 'T-42');
    assert.equal(env['UNRELATED_SETTING'], 'kept');
  });

  test('the session is closed once the command exited: its credentials are refused, it is not listed', async () => {
    const url = new URL(env['HTTP_PROXY']!);
    const auth = basicAuth(decodeURIComponent(url.username), decodeURIComponent(url.password));
    const r = await send(rt.port, 'http://api.example.test/repos/acme/app', { headers: { 'proxy-authorization': auth } });
    assert.equal(r.status, 407, r.body);
    assert.equal(parseRefusal(r.body).rule, 'proxy.auth-required');
    const g = await send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': env['ANTHROPIC_API_KEY']! }, body: '{}' });
    assert.equal(g.status, 407);
    assert.ok(!(await sessions()).some((s) => s.id === env['CORK_SESSION']));
  });
});

describe('cork run: lifecycle', { timeout: 30_000 }, () => {
  test('while the command runs its session is listed with the launcher\'s pid, and its credentials work', async () => {
    const script = 'const u=new URL(process.env.HTTP_PROXY);console.log(JSON.stringify({pid:process.pid,id:process.env.CORK_SESSION,user:decodeURIComponent(u.username),pass:decodeURIComponent(u.password)}));setTimeout(()=>{},60000)';
    const run = spawnTracked(process.execPath, [CORK, 'run', '--agent', 'tester', '--state-dir', rt.stateDir, '--', 'node', '-e', script], { env: launcherEnv() });
    const line = await waitFor('the command to print its session', () => run.stdout().split('\n').find((l) => l.startsWith('{')), 10_000);
    const info = JSON.parse(line) as { pid: number; id: string; user: string; pass: string };
    const listed = (await sessions()).find((s) => s.id === info.id);
    assert.ok(listed, 'the session is listed');
    assert.equal(listed.agent, 'tester');
    assert.deepEqual(listed.bottles, ['web']);
    assert.equal(listed.pid, run.child.pid);
    const r = await send(rt.port, 'http://api.example.test/repos/acme/app', { headers: { 'proxy-authorization': basicAuth(info.user, info.pass) } });
    assert.equal(r.status, 200, r.body);
    // The command ending (here: by a signal) closes the session; cork run reports it the shell's way.
    process.kill(info.pid, 'SIGTERM');
    assert.equal((await within(5000, 'cork run to exit', run.exited)).code, 143);
    await waitFor('the session to close', async () => !(await sessions()).some((s) => s.id === info.id), 5000);
  });

  test('cork run exits with the command\'s exit code', async () => {
    const r = await runCork(['run', '--agent', 'tester', '--state-dir', rt.stateDir, '--', 'node', '-e', 'process.exit(7)'], { env: launcherEnv() });
    assert.equal(r.code, 7, r.stderr);
  });

  test('a "?prompt" value with no terminal and no variable: exit 2 with a message, the command never runs, no session is left', async () => {
    const marker = join(tmpDir('cork-marker-'), 'ran');
    const before = (await sessions()).length;
    const r = await runCork(['run', '--agent', 'tester', '--state-dir', rt.stateDir, '--', 'node', '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`], {
      env: launcherEnv({ CORK_TEST_TICKET: undefined }),
      input: '',
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /CORK_TEST_TICKET/);
    assert.match(r.stderr, /no terminal/);
    assert.ok(!existsSync(marker), 'the command did not run');
    assert.equal((await sessions()).length, before);
  });

  test('an unknown agent: exit 1 naming it and the agents there are', async () => {
    const r = await runCork(['run', '--agent', 'nobody', '--state-dir', rt.stateDir, '--', 'true'], { env: launcherEnv() });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /agent "nobody" is not in bundle/);
    assert.match(r.stderr, /tester/);
  });

  test('an unknown bottle: exit 1 naming it', async () => {
    const r = await runCork(['run', '--agent', 'tester', '--bottle', 'nope', '--state-dir', rt.stateDir, '--', 'true'], { env: launcherEnv() });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bottle "nope"/);
  });

  test('no runtime on the state dir: exit 2 saying how to start one', async () => {
    const r = await runCork(['run', '--agent', 'tester', '--state-dir', join(tmpDir(), 'none'), '--', 'true'], { env: launcherEnv() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no cork runtime is running/);
  });
});

describe('the state dir and control socket', { timeout: 30_000 }, () => {
  test('the control socket is mode 0600 and the state dir 0700', () => {
    assert.equal(statSync(join(rt.stateDir, 'control.sock')).mode & 0o777, 0o600);
    assert.equal(statSync(rt.stateDir).mode & 0o777, 0o700);
  });

  test('a second runtime on the same state dir refuses to start, and the first keeps serving', async () => {
    const second = await startRuntime(bundlePath, { stateDir: rt.stateDir, waitListening: false });
    const exit = await within(10_000, 'the second runtime to exit', second.exited);
    assert.equal(exit.code, 2, second.stderr());
    assert.match(second.stderr(), /another cork runtime is already running/);
    assert.doesNotMatch(second.stderr(), /listening on/);
    assert.ok((await callControl<{ pid: number }>(rt.stateDir, 'GET', '/v1/status')).pid > 0, 'the first runtime still answers');
  });
});

describe('runtime start --agent A -- command (one step)', { timeout: 30_000 }, () => {
  test('the command runs in a session (its traffic goes through cork) and cork exits with its exit code', async () => {
    const script = 'code=$(curl -sS --max-time 5 -o /dev/null -w "%{http_code}" http://api.example.test/repos/acme/app); echo "allowed=$code"; code=$(curl -sS --max-time 5 -o /dev/null -w "%{http_code}" http://api.example.test/admin); echo "denied=$code"; exit 3';
    const one = await startRuntime(bundlePath, {
      overrides: { 'api.example.test': mock.origin },
      env: { CORK_TEST_TICKET: 'T-1' },
      agent: 'tester',
      command: ['sh', '-c', script],
      waitListening: false,
    });
    const exit = await within(15_000, 'the one-step runtime to exit', one.exited);
    assert.equal(exit.code, 3, one.stderr());
    assert.match(one.stdout(), /allowed=200/);
    assert.match(one.stdout(), /denied=403/);
  });

  test('an unknown agent: exit 1 with a clear message, and the runtime does not stay up', async () => {
    const one = await startRuntime(bundlePath, { agent: 'nobody', command: ['true'], waitListening: false });
    const exit = await within(8000, 'the runtime to exit (it must not keep listening)', one.exited);
    assert.equal(exit.code, 1, one.stderr());
    assert.match(one.stderr(), /agent "nobody" is not in bundle/);
    assert.doesNotMatch(one.stderr(), /internal error/);
  });

  test('a "?prompt" value with no terminal: exit 2, and the runtime does not stay up', async () => {
    const one = await startRuntime(bundlePath, { agent: 'tester', command: ['true'], waitListening: false });
    const exit = await within(8000, 'the runtime to exit', one.exited);
    assert.equal(exit.code, 2, one.stderr());
    assert.match(one.stderr(), /CORK_TEST_TICKET/);
  });
});
