// Metering and budgets through the gateway, driven by the official SDKs
// against a mock provider that speaks the real wire formats: the ledger's
// usage equals what the provider reported, the gateway asks OpenAI for
// stream usage and hides the extra chunk from a client that did not ask,
// budgets refuse with 429 before anything is forwarded, a stream that runs
// a budget out is ended mid-way, crossing a budget cuts the session off,
// and interrupted streams are recorded as estimated.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { type MockProvider, startMockProvider } from './helpers/mock-provider.ts';
import { baseEnv, CORK, compileBundle, FAKE_CREDENTIALS, FIXTURES, parseRefusal, ROOT, runCork, type RuntimeProcess, send, type Session, spawnTracked, startRuntime, waitFor } from './helpers/runtime-harness.ts';

const POLICY = `${FIXTURES}/runtime-metering`;
const USAGE = { input_tokens: 11, output_tokens: 7, cache_creation_input_tokens: 3, cache_read_input_tokens: 5 };

let mock: MockProvider;
let rt: RuntimeProcess;

before(async () => {
  mock = await startMockProvider({ usage: USAGE });
  rt = await startRuntime(compileBundle(POLICY).path, { overrides: { 'api.anthropic.com': mock.url, 'api.openai.com': mock.url } });
});
after(() => mock.close());

const anthropic = (s: Session) => new Anthropic({ baseURL: `${rt.origin}/gw/api.anthropic.com`, apiKey: s.key, maxRetries: 0 });
const openai = (s: Session) => new OpenAI({ baseURL: `${rt.origin}/gw/api.openai.com/v1`, apiKey: s.key, maxRetries: 0 });
const ask = { model: 'claude-test', max_tokens: 100, messages: [{ role: 'user' as const, content: 'hello' }] };

interface UsageRow {
  session: string;
  provider: string;
  model: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  estimated: boolean;
  request_id: string;
  bundle_digest: string;
}

/** The ledger's rows of one kind, read the way an auditor would: `cork ledger export` (through the control socket). */
async function exported<T>(kind: 'usage' | 'decisions' | 'actions', session: string): Promise<T[]> {
  const r = await runCork(['ledger', 'export', '--state-dir', rt.stateDir, '--kind', kind, '--format', 'jsonl']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T & { session: string })
    .filter((row) => row.session === session);
}

/** Usage rows are committed after the response ends: wait for `n` of them. */
function usageRows(session: string, n: number): Promise<UsageRow[]> {
  return waitFor(`${n} usage rows for ${session}`, async () => {
    const rows = await exported<UsageRow>('usage', session);
    return rows.length >= n ? rows : undefined;
  }, 10_000, 50);
}

/** Reservations settle when the meter thread has the final usage, just after the client has its response. */
function settled(session: string): Promise<unknown> {
  return waitFor('reservations to settle', async () => {
    const r = await runCork(['usage', session, '--state-dir', rt.stateDir, '--format', 'json']);
    const [u] = JSON.parse(r.stdout) as Array<{ budgets: Array<{ reserved: number }> }>;
    return u!.budgets.every((b) => b.reserved === 0) || undefined;
  }, 10_000, 25);
}

const counts = (r: UsageRow) => ({ input_tokens: r.input_tokens, output_tokens: r.output_tokens, cache_creation_input_tokens: r.cache_creation_input_tokens, cache_read_input_tokens: r.cache_read_input_tokens });

describe('metering with the official SDKs', { timeout: 60_000 }, () => {
  test('Anthropic messages, JSON and streamed: the ledger holds what the provider reported', async () => {
    const s = await rt.openSession('claude-agent');
    const client = anthropic(s);
    const msg = await client.messages.create(ask);
    assert.equal(msg.usage.output_tokens, USAGE.output_tokens);
    const streamed = await client.messages.stream(ask).finalMessage();
    assert.equal(streamed.usage.output_tokens, USAGE.output_tokens);
    // count_tokens is not usage.
    await client.messages.countTokens({ model: 'claude-test', messages: ask.messages });
    const rows = await usageRows(s.id, 2);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await exported<UsageRow>('usage', s.id)).length, 2, 'count_tokens made no usage row');
    for (const row of rows) {
      assert.deepEqual(counts(row), USAGE);
      assert.equal(row.provider, 'anthropic');
      assert.equal(row.model, 'claude-test');
      assert.equal(row.estimated, false);
      assert.match(row.bundle_digest, /^[0-9a-f]{64}$/);
    }
    // The provider saw the real (fake) key, never the session key, and was asked for plain bytes.
    const seen = mock.requests.filter((r) => r.path.endsWith('/v1/messages')).at(-1)!;
    assert.equal(seen.headers['x-api-key'], FAKE_CREDENTIALS.ANTHROPIC_API_KEY);
    assert.ok(!JSON.stringify(seen.headers).includes(s.key));
    assert.equal(seen.headers['accept-encoding'], 'identity');
  });

  test('OpenAI chat: the gateway asks for stream usage, and hides the usage chunk from a client that did not', async () => {
    const s = await rt.openSession('codex-agent');
    const client = openai(s);
    const plain = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], max_completion_tokens: 50 });
    assert.ok(plain.usage);
    const chunks = [];
    for await (const c of await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], max_completion_tokens: 50, stream: true })) chunks.push(c);
    assert.ok(chunks.length > 1);
    assert.ok(chunks.every((c) => c.choices.length > 0 && !c.usage), 'the client that did not ask sees no usage chunk');
    const upstream = mock.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
    assert.deepEqual((upstream.body as { stream_options?: unknown }).stream_options, { include_usage: true });
    // A client that asks gets its chunk.
    const asked = [];
    for await (const c of await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], max_completion_tokens: 50, stream: true, stream_options: { include_usage: true } })) asked.push(c);
    assert.ok(asked.some((c) => c.usage && c.choices.length === 0));
    const rows = await usageRows(s.id, 3);
    for (const row of rows) {
      // OpenAI's prompt_tokens include the cached ones; the row splits them, so the four fields add up.
      assert.deepEqual(counts(row), { ...USAGE, cache_creation_input_tokens: 0 });
      assert.equal(row.provider, 'openai');
      assert.equal(row.estimated, false);
    }
  });

  test('OpenAI responses, JSON and streamed', async () => {
    const s = await rt.openSession('codex-agent');
    const client = openai(s);
    const r = await client.responses.create({ model: 'gpt-test', input: 'hi', max_output_tokens: 50 });
    assert.ok(r.usage);
    const stream = await client.responses.create({ model: 'gpt-test', input: 'hi', max_output_tokens: 50, stream: true });
    let completed = false;
    for await (const e of stream) if (e.type === 'response.completed') completed = true;
    assert.ok(completed);
    const rows = await usageRows(s.id, 2);
    for (const row of rows) assert.deepEqual(counts(row), { ...USAGE, cache_creation_input_tokens: 0 });
  });
});

describe('budgets', { timeout: 60_000 }, () => {
  test('a request whose estimate does not fit is refused with 429 before the provider sees it', async () => {
    const s = await rt.openSession('tight');
    const before = mock.requests.length;
    const r = await send(rt.port, '/gw/api.anthropic.com/v1/messages', {
      method: 'POST',
      headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
      body: JSON.stringify({ ...ask, max_tokens: 5000 }),
    });
    assert.equal(r.status, 429, r.body);
    const refusal = parseRefusal(r.body);
    assert.equal(refusal.rule, 'budget.exceeded');
    assert.equal(refusal.error, 'budget_exceeded');
    assert.match(refusal.reason, /of 2000 anthropic tokens left/);
    assert.equal(mock.requests.length, before, 'nothing was forwarded');
    const decisions = await waitFor('the decision row', async () => {
      const d = await exported<{ kind: string; rule: string; status: number }>('decisions', s.id);
      return d.length ? d : undefined;
    });
    assert.deepEqual(decisions.map((d) => [d.kind, d.rule, d.status]), [['budget', 'budget.exceeded', 429]]);
  });

  test('a request whose cost cannot be estimated goes through while the budget is above the floor, and is refused below it', async () => {
    const s = await rt.openSession('tight');
    const noCap = JSON.stringify({ model: 'claude-test', messages: ask.messages });
    const post = (body: string) => send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json' }, body });
    // 2000 left, floor 1024: forwarded (the mock, like the API, then refuses a request without max_tokens).
    assert.equal((await post(noCap)).status, 400);
    await settled(s.id);
    mock.script = { usage: { input_tokens: 1000, output_tokens: 500 } };
    try {
      assert.equal((await post(JSON.stringify(ask))).status, 200);
      await usageRows(s.id, 1);
    } finally {
      mock.script = { usage: USAGE };
    }
    // 500 left, below the floor: fail closed.
    const r = await post(noCap);
    assert.equal(r.status, 429, r.body);
    assert.equal(parseRefusal(r.body).rule, 'budget.unestimable');
  });

  test('crossing the budget cuts the session off; cork usage shows it; resume reopens it', async () => {
    const s = await rt.openSession('tight');
    // The reservation (the estimate floor, 1024 tokens) fits; what the provider reports does not.
    mock.script = { usage: { input_tokens: 1800, output_tokens: 1200 } };
    try {
      await anthropic(s).messages.create(ask);
      await usageRows(s.id, 1);
      const refused = await send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json' }, body: JSON.stringify(ask) });
      assert.equal(refused.status, 429);
      assert.equal(parseRefusal(refused.body).rule, 'budget.cutoff');
      const usage = await runCork(['usage', s.id, '--state-dir', rt.stateDir, '--format', 'json']);
      const [u] = JSON.parse(usage.stdout) as Array<{ state: string; budgets: Array<{ provider: string; used: number; limit: number; scope: string }> }>;
      assert.equal(u!.state, 'cutoff');
      assert.deepEqual(u!.budgets.map((b) => [b.provider, b.used, b.limit, b.scope]), [['anthropic', 3000, 2000, 'agent']]);
      const actions = await exported<{ action: string; actor: string; reason: string }>('actions', s.id);
      assert.deepEqual(actions.map((a) => [a.action, a.actor]), [['cutoff', 'budget']]);
      assert.match(actions[0]!.reason, /anthropic budget crossed: 3000 of 2000/);
      // The operator resumes; the budget is still spent, so the next request is refused by the budget, not the cutoff.
      const resumed = await runCork(['resume', s.id, '--state-dir', rt.stateDir]);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, /active/);
      const again = await send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json' }, body: JSON.stringify(ask) });
      assert.equal(parseRefusal(again.body).rule, 'budget.exceeded');
    } finally {
      mock.script = { usage: USAGE };
    }
  });

  test('a bottle budget applies when the agent has none', async () => {
    const s = await rt.openSession('lean-agent');
    const usage = JSON.parse((await runCork(['usage', s.id, '--state-dir', rt.stateDir, '--format', 'json'])).stdout) as Array<{ budgets: Array<{ limit: number; scope: string; source: string }> }>;
    assert.deepEqual(usage[0]!.budgets.map((b) => [b.limit, b.scope, b.source]), [[5000, 'bottle', 'bottle lean']]);
  });

  test('cork run --budget beats every scope, for its session only', async () => {
    const run = spawnTracked(process.execPath, [CORK, 'run', '--agent', 'lean-agent', '--budget', 'claude=777', '--state-dir', rt.stateDir, '--', process.execPath, '-e', 'setTimeout(() => {}, 30000)'], { env: baseEnv(), cwd: ROOT });
    try {
      const usage = await waitFor('the session opened by cork run', async () => {
        const r = await runCork(['usage', '--state-dir', rt.stateDir, '--format', 'json']);
        return (JSON.parse(r.stdout) as Array<{ agent: string; budgets: Array<{ limit: number; scope: string; source: string }> }>).find((u) => u.agent === 'lean-agent' && u.budgets[0]?.scope === 'override');
      });
      assert.deepEqual(usage.budgets.map((b) => [b.limit, b.scope]), [[777, 'override']]);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });

  test('a stream that runs the budget out is ended mid-way with an SSE error event', async () => {
    const s = await rt.openSession('lean-agent');
    // The provider streams far more text than max_tokens allows: the running count crosses 5000 mid-stream.
    // Paced, as a real model streams: the meter thread's running count reaches the runtime while the stream is still going.
    mock.script = { pieces: Array.from({ length: 400 }, () => ' lorem ipsum dolor sit amet'.repeat(10)), delayMs: 2 };
    try {
      const stream = anthropic(s).messages.stream(ask);
      await assert.rejects(stream.finalMessage(), /budget/);
      const [row] = await usageRows(s.id, 1);
      assert.equal(row!.estimated, true);
      assert.ok(row!.output_tokens > 4000, `output counted from the deltas: ${row!.output_tokens}`);
      const refused = await send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json' }, body: JSON.stringify(ask) });
      assert.equal(parseRefusal(refused.body).rule, 'budget.cutoff');
    } finally {
      mock.script = { usage: USAGE };
    }
  });

  test('100 concurrent streams racing for the last of a budget overspend by no more than one reservation', async () => {
    const s = await rt.openSession('tight');
    mock.script = { usage: { input_tokens: 40, output_tokens: 90 }, delayMs: 2 };
    try {
      const body = JSON.stringify({ ...ask, stream: true });
      const replies = await Promise.all(
        Array.from({ length: 100 }, () => send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json' }, body })),
      );
      const ok = replies.filter((r) => r.status === 200).length;
      const refused = replies.filter((r) => r.status === 429).length;
      assert.equal(ok + refused, 100);
      assert.ok(ok > 0 && refused > 0, `${ok} through, ${refused} refused`);
      const rows = await usageRows(s.id, ok);
      const total = rows.reduce((n, r) => n + r.input_tokens + r.output_tokens, 0);
      // Each request reserved its input estimate + max_tokens (100): actual (130) can exceed it only by the input estimate's error.
      const largestError = Math.max(0, ...rows.map((r) => r.input_tokens + r.output_tokens - 100));
      assert.ok(total <= 2000 + largestError, `total ${total} over 2000 by more than one reservation's error (${largestError})`);
    } finally {
      mock.script = { usage: USAGE };
    }
  });
});

describe('interrupted streams', { timeout: 60_000 }, () => {
  test('the provider cutting the stream: input from message_start, output from the deltas, estimated', async () => {
    const s = await rt.openSession('claude-agent');
    mock.script = { usage: USAGE, deltas: 10, cutAfterDeltas: 4 };
    try {
      await assert.rejects(anthropic(s).messages.stream(ask).finalMessage());
      const [row] = await usageRows(s.id, 1);
      assert.equal(row!.estimated, true);
      assert.equal(row!.input_tokens, USAGE.input_tokens);
      assert.ok(row!.output_tokens > 0);
    } finally {
      mock.script = { usage: USAGE };
    }
  });

  test('the client going away mid-stream is recorded too', async () => {
    const s = await rt.openSession('claude-agent');
    mock.script = { usage: USAGE, deltas: 200, delayMs: 10 };
    try {
      const controller = new AbortController();
      const stream = anthropic(s).messages.stream(ask, { signal: controller.signal });
      let seen = 0;
      stream.on('text', () => {
        if (++seen === 3) controller.abort();
      });
      await assert.rejects(stream.finalMessage());
      const [row] = await usageRows(s.id, 1);
      assert.equal(row!.estimated, true);
      assert.equal(row!.input_tokens, USAGE.input_tokens);
    } finally {
      mock.script = { usage: USAGE };
    }
  });
});
