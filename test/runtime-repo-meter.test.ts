// A bottle's own meter plugin meters its provider route instead of the
// built-in one: the usage rows are the repo meter's, the last meter listed
// (the most specific bottle's) wins, and a repo meter runs on the meter
// thread only, so one that hangs costs its request (refused, fail closed)
// and the thread, which is replaced: the runtime keeps serving.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { UsageRow as LedgerUsageRow } from '../runtime/state/ledger.ts';
import { type MockProvider, startMockProvider } from './helpers/mock-provider.ts';
import { FIXTURES, compileBundle, parseRefusal, runCork, send, startRuntime, waitFor, type RuntimeProcess, type Session } from './helpers/runtime-harness.ts';

const POLICY = `${FIXTURES}/runtime-repo-meter`;
const USAGE = { input_tokens: 11, output_tokens: 7, cache_creation_input_tokens: 3, cache_read_input_tokens: 5 };
const PLUGIN_TIMEOUT_MS = 1_500;

let mock: MockProvider;
let rt: RuntimeProcess;

before(async () => {
  mock = await startMockProvider({ usage: USAGE });
  rt = await startRuntime(compileBundle(POLICY).path, { overrides: { 'api.anthropic.com': mock.url }, limits: { 'plugin-timeout-ms': PLUGIN_TIMEOUT_MS } });
});
after(() => mock.close());

/** What `cork ledger export --kind usage` prints per row, as far as these tests read it. */
type UsageRow = Pick<LedgerUsageRow, 'session' | 'model' | 'input_tokens' | 'output_tokens' | 'cache_creation_input_tokens' | 'cache_read_input_tokens' | 'estimated'>;

/** Usage rows are committed after the response ends: wait for `n` of the session's. */
function usageRows(session: string, n: number): Promise<UsageRow[]> {
  return waitFor(`${n} usage rows for ${session}`, async () => {
    const r = await runCork(['ledger', 'export', '--state-dir', rt.stateDir, '--kind', 'usage', '--format', 'jsonl']);
    const rows = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as UsageRow)
      .filter((row) => row.session === session);
    return rows.length >= n ? rows : undefined;
  }, 10_000, 50);
}

function ask(s: Session, opts: { stream?: boolean; text?: string } = {}) {
  const body = JSON.stringify({ model: 'claude-test', max_tokens: 100, stream: opts.stream ?? false, messages: [{ role: 'user', content: opts.text ?? 'hello' }] });
  return send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body });
}

describe('a repo meter plugin', { timeout: 60_000 }, () => {
  test('meters the provider route in place of meter.anthropic: its counts are the ledger’s, JSON and streamed', async () => {
    const s = await rt.openSession('counted-agent');
    const json = await ask(s);
    assert.equal(json.status, 200, json.body);
    const streamed = await ask(s, { stream: true });
    assert.equal(streamed.status, 200, streamed.body);
    assert.match(String(streamed.headers['content-type']), /text\/event-stream/);
    const rows = await usageRows(s.id, 2);
    // The repo meter charges its option as input and one token per response byte; the provider said 11 in, 7 out.
    assert.deepEqual(
      rows.map((r) => [r.model, r.input_tokens, r.output_tokens, r.cache_read_input_tokens, r.estimated]).sort((a, b) => Number(a[2]) - Number(b[2])),
      [Buffer.byteLength(json.body), Buffer.byteLength(streamed.body)].sort((a, b) => a - b).map((bytes) => ['byte-metered', 17, bytes, 0, false]),
    );
  });

  test('the last meter listed wins: a child bottle that lists meter.anthropic is metered by it again', async () => {
    const s = await rt.openSession('builtin-agent');
    const r = await ask(s, { stream: true });
    assert.equal(r.status, 200, r.body);
    const [row] = await usageRows(s.id, 1);
    assert.deepEqual({ in: row!.input_tokens, out: row!.output_tokens, cacheIn: row!.cache_creation_input_tokens, cacheRead: row!.cache_read_input_tokens, estimated: row!.estimated }, { in: 11, out: 7, cacheIn: 3, cacheRead: 5, estimated: false });
  });

  test('a built-in meter of the other API family is passed over: the route keeps its own, never goes unmetered', async () => {
    const s = await rt.openSession('wrong-agent');
    const r = await ask(s);
    assert.equal(r.status, 200, r.body);
    const [row] = await usageRows(s.id, 1);
    assert.deepEqual([row!.input_tokens, row!.output_tokens, row!.estimated], [11, 7, false]);
  });

  test('a repo meter that hangs: its request is refused at the plugin timeout, and a new meter thread serves the next', async () => {
    const spin = await rt.openSession('spin-agent');
    const builtin = await rt.openSession('builtin-agent');
    const otherRepo = await rt.openSession('counted-agent');
    const before = mock.requests.length;
    const t0 = performance.now();
    const refusing = ask(spin, { text: 'SPIN please' });
    // Meanwhile a built-in meter's JSON reply and another repo meter's, each read on its meter thread: neither waits on the hung one.
    await new Promise((r) => setTimeout(r, 50));
    const meanwhile = await ask(builtin);
    assert.equal(meanwhile.status, 200, meanwhile.body);
    const fromOtherRepoMeter = await ask(otherRepo);
    assert.equal(fromOtherRepoMeter.status, 200, fromOtherRepoMeter.body);
    // Exact, not the charged reservation a meter-thread failure leaves (which a hang on a shared thread would have caused).
    const [builtinRow] = await usageRows(builtin.id, 1);
    assert.deepEqual([builtinRow!.input_tokens, builtinRow!.output_tokens, builtinRow!.estimated], [11, 7, false]);
    const [otherRow] = await usageRows(otherRepo.id, 1);
    assert.deepEqual([otherRow!.input_tokens, otherRow!.output_tokens, otherRow!.estimated], [17, Buffer.byteLength(fromOtherRepoMeter.body), false]);
    const refused = await refusing;
    const waited = performance.now() - t0;
    assert.equal(refused.status, 502, refused.body);
    assert.equal(parseRefusal(refused.body).rule, 'meter.failed');
    assert.ok(waited >= PLUGIN_TIMEOUT_MS - 50, `refused after ${waited.toFixed(0)} ms, before the timeout`);
    assert.equal(mock.requests.length, before + 2, 'only the other two requests were forwarded');
    assert.ok(!mock.requests.some((r) => r.raw.includes('SPIN')), 'the hung meter’s request never reached the provider (fail closed)');
    // The same meter, asked normally, and another bottle's meter: both answer on the replacement thread.
    const ok = await waitFor('the replacement meter thread', async () => {
      const r = await ask(spin);
      return r.status === 200 ? r : undefined;
    }, 10_000, 100);
    assert.equal(ok.status, 200);
    const counted = await rt.openSession('counted-agent');
    const r = await ask(counted);
    assert.equal(r.status, 200, r.body);
    const [row] = await usageRows(counted.id, 1);
    assert.equal(row!.input_tokens, 17);
  });

  test('SIGTERM while the meter thread is still working out a finished request: its usage row is committed before the runtime exits', async () => {
    const own = await startRuntime(compileBundle(POLICY).path, { overrides: { 'api.anthropic.com': mock.url }, limits: { 'plugin-timeout-ms': PLUGIN_TIMEOUT_MS } });
    const s = await own.openSession('spin-agent');
    const body = JSON.stringify({ model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: 'SLOW_END' }] });
    const r = await send(own.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json' }, body });
    assert.equal(r.status, 200, r.body);
    // The client has its answer; the meter's end takes 1.5 s more on its thread.
    const t0 = performance.now();
    const exit = await own.stop(15_000);
    assert.equal(exit.code, 0, own.stderr());
    assert.ok(performance.now() - t0 >= 1_000, 'the runtime waited for the meter');
    const out = await runCork(['ledger', 'export', '--state-dir', own.stateDir, '--kind', 'usage', '--format', 'jsonl']);
    const rows = out.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as UsageRow).filter((row) => row.session === s.id);
    assert.deepEqual(rows.map((row) => [row.input_tokens, row.output_tokens, row.estimated]), [[10, 1, false]]);
  });
});
