// `cork usage` on a state dir whose runtime is gone: stopped (its sessions
// were closed on the way out) or killed (they were not). The budgets come
// from the ledger's budget_state rows the runtime wrote, the spending from
// its committed usage rows, so both match what the running runtime showed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openLedger } from '../runtime/state/ledger.ts';
import { type MockProvider, startMockProvider } from './helpers/mock-provider.ts';
import { compileBundle, FIXTURES, runCork, send, type RuntimeProcess, type Session, startRuntime, waitFor } from './helpers/runtime-harness.ts';

const POLICY = `${FIXTURES}/runtime-metering`;
// 11 + 7 + 3 + 5: every kind of token is charged.
const USAGE = { input_tokens: 11, output_tokens: 7, cache_creation_input_tokens: 3, cache_read_input_tokens: 5 };
const CHARGED = 26;

let mock: MockProvider;
before(async () => {
  mock = await startMockProvider({ usage: USAGE });
});
after(() => mock.close());

interface Usage {
  session: string;
  agent: string;
  state: string;
  budgets: Array<{ provider: string; used: number; reserved: number; limit: number | null; scope: string | null; source: string | null; windowMs: number | null }>;
}

async function start(): Promise<RuntimeProcess> {
  return startRuntime(compileBundle(POLICY).path, { overrides: { 'api.anthropic.com': mock.url } });
}

async function ask(rt: RuntimeProcess, s: Session): Promise<void> {
  const body = JSON.stringify({ model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: 'hello' }] });
  const r = await send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json' }, body });
  assert.equal(r.status, 200, r.body);
}

async function usage(rt: RuntimeProcess): Promise<{ list: Usage[]; stderr: string; code: number | null }> {
  const r = await runCork(['usage', '--state-dir', rt.stateDir, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return { list: JSON.parse(r.stdout) as Usage[], stderr: r.stderr, code: r.code };
}

/** Settled and reported: the running runtime's own figures. */
function settled(rt: RuntimeProcess, id: string, used: number): Promise<Usage> {
  return waitFor(`${used} tokens settled for ${id}`, async () => (await usage(rt)).list.find((u) => u.session === id && u.budgets.some((b) => b.used === used && b.reserved === 0)));
}

describe('cork usage without a running runtime', { timeout: 60_000 }, () => {
  test('after a stop: each session as closed, its budget and what it used, the same as the runtime showed', async () => {
    const rt = await start();
    const spent = await rt.openSession('lean-agent');
    const idle = await rt.openSession('tight');
    await ask(rt, spent);
    const live = await settled(rt, spent.id, CHARGED);
    const exit = await rt.stop();
    assert.equal(exit.code, 0, rt.stderr());

    const { list, stderr } = await usage(rt);
    assert.match(stderr, /no runtime is running on .*; showing its sessions as the ledger recorded them/);
    const byId = new Map(list.map((u) => [u.session, u]));
    const after = byId.get(spent.id)!;
    assert.equal(after.state, 'ended');
    assert.deepEqual(after.budgets, live.budgets, 'the ledger shows what the running runtime showed');
    assert.deepEqual(
      after.budgets.map((b) => [b.provider, b.used, b.limit, b.scope, b.source]),
      [['anthropic', CHARGED, 5000, 'bottle', 'bottle lean']],
    );
    assert.deepEqual(byId.get(idle.id)!.budgets.map((b) => [b.provider, b.used, b.limit, b.scope]), [['anthropic', 0, 2000, 'agent']]);

    const text = await runCork(['usage', spent.id, '--state-dir', rt.stateDir]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`${spent.id}\\s+lean-agent\\s+ended\\s+anthropic\\s+${CHARGED}\\s+5000\\s+0%\\s+bottle lean`));

    const missing = await runCork(['usage', 's-nope', '--state-dir', rt.stateDir]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no session s-nope in the ledger/);
  });

  test('after SIGKILL: the session was never closed; the spending is counted from the committed usage rows', async () => {
    const rt = await start();
    const s = await rt.openSession('tight');
    // One at a time: two reservations of the estimate floor (1,024) do not fit this agent's 2,000 at once.
    await ask(rt, s);
    await settled(rt, s.id, CHARGED);
    await ask(rt, s);
    await settled(rt, s.id, 2 * CHARGED);
    // The runtime's sweep writes a changed book's budget row within a second; the rest is slack for a loaded machine.
    await new Promise((r) => setTimeout(r, 3_000));
    rt.child.kill('SIGKILL');
    await rt.exited;

    const ledger = await openLedger(rt.stateDir);
    try {
      const rows = await ledger.listBudgetState({ session: s.id });
      assert.deepEqual(rows.map((b) => [b.provider, b.scope, b.limit, b.used, b.reserved, b.source, b.window_ms]), [['anthropic', 'agent', 2000, 2 * CHARGED, 0, 'agent tight', null]]);
    } finally {
      await ledger.close();
    }

    const { list } = await usage(rt);
    const [u] = list.filter((x) => x.session === s.id);
    assert.equal(u!.state, 'active');
    assert.deepEqual(u!.budgets.map((b) => [b.provider, b.used, b.limit, b.scope]), [['anthropic', 2 * CHARGED, 2000, 'agent']]);
    const text = await runCork(['usage', s.id, '--state-dir', rt.stateDir]);
    assert.match(text.stdout, /active, runtime gone\s+anthropic\s+52\s+2000\s+2%\s+agent tight/);
  });

  test('a state dir with no ledger is refused without creating one', async () => {
    const r = await runCork(['usage', '--state-dir', `${FIXTURES}/does-not-exist-state`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no cork runtime is running on .*, and it has no ledger/);
  });
});
