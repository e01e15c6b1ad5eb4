// The three cutoff policies against a real agent process started with
// `cork run`, and the operator's verbs: freeze really stops the process
// (the kernel says it is stopped, and it makes no progress), resume
// continues it, kill ends it, cutoff leaves it running with metered egress
// refused. And one runtime per state directory.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type MockProvider, startMockProvider } from './helpers/mock-provider.ts';
import { baseEnv, CORK, compileBundle, FIXTURES, ROOT, runCork, type RuntimeProcess, sleep, spawnTracked, type Spawned, startRuntime, waitFor, within } from './helpers/runtime-harness.ts';

const AGENT = join(ROOT, 'test', 'helpers', 'metered-agent.mjs');

let mock: MockProvider;
let rt: RuntimeProcess;

before(async () => {
  // Each answer costs 250 tokens: freezer and killer (600) cross on their third request.
  mock = await startMockProvider({ usage: { input_tokens: 150, output_tokens: 100 } });
  rt = await startRuntime(compileBundle(`${FIXTURES}/runtime-metering`).path, {
    overrides: { 'api.anthropic.com': mock.url },
    // A low estimate floor, so the small per-agent budgets are spent a few requests at a time.
    args: ['--settings', join(FIXTURES, 'runtime-metering', 'settings.yml')],
  });
});
after(() => mock.close());

interface Agent extends Spawned {
  session: string;
  pid: number;
  ticks(): number;
}

/** `cork run --agent NAME -- node metered-agent.mjs`, as an operator would start it. */
async function runAgent(name: string, env: Record<string, string> = {}): Promise<Agent> {
  const before = new Set(((await sessions()) ?? []).map((s) => s.id));
  const s = spawnTracked(process.execPath, [CORK, 'run', '--agent', name, '--state-dir', rt.stateDir, '--', process.execPath, AGENT], { env: baseEnv(env), cwd: ROOT });
  const found = await waitFor('the session and its command pid', async () => (await sessions()).find((x) => !before.has(x.id) && x.agent === name && x.commandPid), 10_000, 25);
  const ticks = () => [...s.stdout().matchAll(/tick (\d+)/g)].length;
  await waitFor('the agent to tick', () => ticks() > 0 || undefined, 10_000);
  return { ...s, session: found.id, pid: found.commandPid!, ticks };
}

async function sessions(): Promise<Array<{ id: string; agent: string; state: string; commandPid?: number; pgid?: number }>> {
  const r = await runCork(['sessions', '--state-dir', rt.stateDir, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** The kernel's view: `T` is stopped. */
function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

const stateOf = async (id: string) => (await sessions()).find((s) => s.id === id)?.state;

async function progresses(a: Agent, ms = 400): Promise<boolean> {
  const n = a.ticks();
  await sleep(ms);
  return a.ticks() > n;
}

describe('cutoff policies against a real agent process', { timeout: 60_000 }, () => {
  test('freeze: crossing the budget stops the agent; resume continues it', async () => {
    const a = await runAgent('freezer');
    await waitFor('the session to be frozen', async () => (await stateOf(a.session)) === 'frozen' || undefined, 10_000, 50);
    assert.equal(procState(a.pid), 'T', 'the kernel has the agent stopped');
    assert.equal(await progresses(a), false, 'a frozen agent makes no progress');
    const decisions = async () => (await runCork(['ledger', 'export', '--state-dir', rt.stateDir, '--kind', 'decisions'])).stdout.split('\n').filter((l) => l.includes(a.session)).length;
    const seen = await decisions();
    const r = await runCork(['resume', a.session, '--state-dir', rt.stateDir]);
    assert.equal(r.code, 0, r.stderr);
    // It runs again: its next request reaches the runtime (and, the budget being spent, is refused and freezes it again).
    await waitFor('a request from the resumed agent', async () => (await decisions()) > seen || undefined, 10_000, 50);
    // Its budget is still spent: it is frozen again on its next request.
    await waitFor('frozen again', async () => (await stateOf(a.session)) === 'frozen' || undefined, 10_000, 50);
    await runCork(['kill', a.session, '--state-dir', rt.stateDir]);
    await within(10_000, 'cork run to end', a.exited);
  });

  test('kill: crossing the budget ends the agent and its launcher', async () => {
    // Not through runAgent: the agent can be killed before a listing would see its session.
    const s = spawnTracked(process.execPath, [CORK, 'run', '--agent', 'killer', '--state-dir', rt.stateDir, '--', process.execPath, AGENT], { env: baseEnv(), cwd: ROOT });
    const exit = await within(20_000, 'the killed agent', s.exited);
    assert.notEqual(exit.code, 0);
    const rows = (kind: string) => runCork(['ledger', 'export', '--state-dir', rt.stateDir, '--kind', kind]).then((r) => r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
    const session = (await rows('usage')).find((u) => u['agent'] === 'killer')!['session'];
    const actions = await waitFor('the kill action', async () => {
      const a = (await rows('actions')).filter((x) => x['session'] === session);
      return a.length ? a : undefined;
    });
    assert.deepEqual(actions.map((x) => [x['action'], x['actor']]), [['kill', 'budget']]);
  });

  test('cutoff: crossing the budget refuses metered egress and the agent keeps running', async () => {
    const a = await runAgent('tight');
    await waitFor('cut off', async () => (await stateOf(a.session)) === 'cutoff' || undefined, 15_000, 50);
    await waitFor('429 answers', () => / 429\n/.test(a.stdout()) || undefined, 5000);
    assert.equal(await progresses(a), true, 'the agent runs on');
    await runCork(['kill', a.session, '--state-dir', rt.stateDir]);
    await within(10_000, 'cork run to end', a.exited);
  });
});

describe('the operator by hand', { timeout: 60_000 }, () => {
  test('freeze, resume and kill an agent that makes no metered calls', async () => {
    const a = await runAgent('claude-agent', { METERED_AGENT_IDLE: '1' });
    let r = await runCork(['freeze', a.session, '--state-dir', rt.stateDir, '--reason', 'looking into it']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /frozen \(signalled its process group\)/);
    await waitFor('stopped', () => procState(a.pid) === 'T' || undefined, 5000);
    assert.equal(await progresses(a), false);
    r = await runCork(['resume', a.session, '--state-dir', rt.stateDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await progresses(a), true);
    r = await runCork(['cutoff', a.session, '--state-dir', rt.stateDir]);
    assert.match(r.stdout, /cutoff/);
    r = await runCork(['kill', a.session, '--state-dir', rt.stateDir]);
    assert.equal(r.code, 0, r.stderr);
    await within(10_000, 'the agent to end', a.exited);
    // Killed is final (and its launcher, ended with it, closed the session).
    r = await runCork(['resume', a.session, '--state-dir', rt.stateDir]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /was killed|no session/);
    const actions = (await runCork(['ledger', 'export', '--state-dir', rt.stateDir, '--kind', 'actions'])).stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { session: string; action: string; actor: string; reason: string });
    assert.deepEqual(actions.filter((x) => x.session === a.session).map((x) => [x.action, x.actor]), [['freeze', 'operator'], ['resume', 'operator'], ['cutoff', 'operator'], ['kill', 'operator']]);
    assert.equal(actions.find((x) => x.session === a.session)!.reason, 'looking into it');
  });

  test('an unknown session is a clear error, not a stack trace', async () => {
    const r = await runCork(['freeze', 's-nope', '--state-dir', rt.stateDir]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /^cork: no session s-nope\n$/);
  });

  test('a second runtime on the same state dir refuses to start', async () => {
    const second = await runCork(['runtime', 'start', rt.bundlePath, '--listen', '127.0.0.1:0', '--state-dir', rt.stateDir], { env: baseEnv() });
    assert.notEqual(second.code, 0);
    assert.match(second.stderr, /already running|locked by process/);
    assert.doesNotMatch(second.stderr, /\n\s+at /, 'no stack trace');
  });
});
