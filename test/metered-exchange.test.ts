// A metered exchange reads an event stream that ends well at its head and
// tail only, on the main thread, and hands everything else to the meter
// thread from the first byte: interrupted streams, streams without the
// provider's closing count, JSON bodies, long streams, and any stream whose
// running count could cross the budget. Whichever way, the usage recorded is
// the usage a meter reading every byte in order gives (the oracle here), and
// a stream that really crosses its budget is still cut mid-way.
//
// The real meter plugins run on both sides; the "thread" is the same hooks
// called in-process, so each test sees exactly what was handed over.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import meterAnthropic from '../plugins/builtin/meter-anthropic.ts';
import meterOpenai from '../plugins/builtin/meter-openai.ts';
import type { PluginHooks, RequestView, ResponseChunkView, UsageRecord } from '../plugins/sdk.ts';
import { createLogger } from '../runtime/log.ts';
import { BudgetBook } from '../runtime/metering/budget-book.ts';
import type { EffectiveBudget } from '../runtime/metering/budgets.ts';
import { HoldLimit } from '../runtime/metering/held-stream.ts';
import { chargedTokens } from '../runtime/metering/budget-book.ts';
import { beginExchange } from '../runtime/metering/metered-exchange.ts';
import type { MeterCalls } from '../runtime/metering/meter-thread.ts';
import { type MockScript, mockRequest, type RecordedRequest, replyFor, wireChunks } from './helpers/mock-provider.ts';

const log = createLogger('/dev/null');
const setup = async (p: typeof meterAnthropic) => (await p.setup({}, { secrets: [] })) as PluginHooks;
const meters = { anthropic: { main: await setup(meterAnthropic), thread: await setup(meterAnthropic), oracle: await setup(meterAnthropic) }, openai: { main: await setup(meterOpenai), thread: await setup(meterOpenai), oracle: await setup(meterOpenai) } };

const USAGE = { input_tokens: 21, output_tokens: 4, cache_creation_input_tokens: 3, cache_read_input_tokens: 5 };

/** MeterCalls over in-process hooks, counting what goes to the "thread". */
class Calls implements MeterCalls {
  readonly inline = true;
  handOffs = 0;
  threadBytes = 0;
  /** Calls of the main thread's meter on the stream's bytes. */
  peeks = 0;
  /** Streams held and not released. */
  held = 0;
  readonly #watch = new Map<string, (u: UsageRecord) => void>();
  readonly #position = new Map<string, number>();
  constructor(
    private readonly main: PluginHooks,
    private readonly thread: PluginHooks,
    private readonly holds: HoldLimit,
  ) {}
  async request(stream: string, req: RequestView) {
    return (await this.main.onMeterRequest!(stream, req)) ?? null;
  }
  peek(stream: string, chunk: ResponseChunkView) {
    this.peeks++;
    return this.main.onMeterChunk!(stream, chunk) as UsageRecord | null;
  }
  finish(stream: string, interrupted: boolean) {
    return this.main.onMeterEnd!(stream, { interrupted }) as UsageRecord | null;
  }
  handOff(stream: string, req: RequestView) {
    this.handOffs++;
    void this.thread.onMeterRequest!(stream, req);
    this.#position.set(stream, 0);
  }
  holdStream() {
    const ok = this.holds.take();
    if (ok) this.held++;
    return ok;
  }
  releaseStream() {
    this.held--;
    this.holds.release();
  }
  chunk(stream: string, status: number, headers: Array<[string, string]>, data: Uint8Array) {
    const position = this.#position.get(stream);
    assert.ok(position !== undefined, 'a chunk reaches the thread only after the hand-off');
    this.#position.set(stream, position + data.length);
    this.threadBytes += data.length;
    const u = this.thread.onMeterChunk!(stream, { status, headers, data, overlap: 0, position, final: false, route: '', session: '' }) as UsageRecord | null;
    if (u) this.#watch.get(stream)?.(u);
  }
  behind() {
    return false;
  }
  whenCaughtUp() {
    return Promise.resolve();
  }
  async end(stream: string, interrupted: boolean) {
    return (this.thread.onMeterEnd!(stream, { interrupted }) as UsageRecord | null) ?? null;
  }
  watch(stream: string, onUsage: (u: UsageRecord) => void) {
    this.#watch.set(stream, onUsage);
  }
}

function view(r: RecordedRequest): RequestView {
  return { method: 'POST', scheme: 'https', host: 'api.example.test', path: r.path, query: '', headers: Object.entries(r.headers), body: new Uint8Array(r.raw), route: 'api.example.test', session: 's1', agent: 'a1' };
}

function concat(parts: Uint8Array[]): Buffer {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.length)));
}

/** Seeded: the same cuts every run. */
function randomCuts(seed: number, maxChunk: number): (b: Buffer) => Buffer[] {
  return (b) => {
    let s = seed >>> 0;
    const next = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) % maxChunk) + 1;
    const out: Buffer[] = [];
    for (let at = 0; at < b.length; ) {
      const n = next();
      out.push(b.subarray(at, at + n));
      at += n;
    }
    return out;
  };
}

interface Opts {
  provider?: 'anthropic' | 'openai';
  /** The session's budget; default: far more than any stream here. */
  budget?: number;
  split?: (b: Buffer) => Buffer[];
  /** How many streams may be held at once; default one, shared across tests (each must give its stream back). */
  holds?: HoldLimit;
  /** Called before chunk `i` reaches the exchange: another request of the session may settle meanwhile. */
  beforeChunk?: (book: BudgetBook, i: number) => void;
}

const HOLDS = new HoldLimit(1);

interface Outcome {
  usage: UsageRecord | null;
  oracle: UsageRecord | null;
  handOffs: number;
  threadBytes: number;
  held: number;
  cut: boolean;
  crossed: number;
  /** What the main thread's meter read before the stream's end. */
  peeksMidStream: number;
}

/** One exchange as the proxy runs it, next to the oracle: a meter that read every byte in order. */
async function exchange(req: RecordedRequest, script: MockScript, opts: Opts = {}): Promise<Outcome> {
  const provider = opts.provider ?? 'anthropic';
  const m = meters[provider];
  const calls = new Calls(m.main, m.thread, opts.holds ?? HOLDS);
  const budget: EffectiveBudget = { provider, key: provider, tokens: opts.budget ?? 1e12, windowMs: null, scope: 'global', source: 'test' };
  const book = new BudgetBook({ byProvider: new Map([[provider, budget]]), cutoff: 'cutoff', cutoffSource: 'test', estimateFloor: 1 });
  let crossed = 0;
  const begun = await beginExchange(calls, { id: 's1', agent: 'a1', bottles: [], book, floor: 1 }, view(req), { ledger: undefined, log, digest: 'd', host: 'api.example.test', crossed: () => crossed++ });
  assert.equal(begun.kind, 'metered', JSON.stringify(begun));
  const x = (begun as Extract<typeof begun, { kind: 'metered' }>).exchange;
  const reply = replyFor(req, script);
  const headers = Object.entries(reply.headers);
  x.response(reply.status, headers, 'req-1');
  let cut = false;
  const gen = wireChunks(req, script, reply);
  const parts: Uint8Array[] = [];
  let r = gen.next();
  for (; !r.done; r = gen.next()) parts.push(r.value);
  const interrupted = r.value === 'cut';
  const chunks = opts.split ? opts.split(concat(parts)) : parts.map((p) => Buffer.from(p));
  const seen: Buffer[] = [];
  for (const [i, c] of chunks.entries()) {
    opts.beforeChunk?.(book, i);
    // As the tap does: a chunk after the count crossed is not forwarded.
    if ((cut = x.crossed)) break;
    seen.push(c);
    x.chunk(c);
  }
  const peeksMidStream = calls.peeks;
  const row = await x.end(interrupted || cut);
  // The oracle reads exactly the bytes the exchange saw, in one piece each.
  const id = `oracle-${Math.random()}`;
  await m.oracle.onMeterRequest!(id, view(req));
  let position = 0;
  for (const c of seen) {
    m.oracle.onMeterChunk!(id, { status: reply.status, headers, data: c, overlap: 0, position, final: false, route: '', session: '' });
    position += c.length;
  }
  const oracle = (m.oracle.onMeterEnd!(id, { interrupted: interrupted || cut }) as UsageRecord | null) ?? null;
  const usage = row && { provider: row.provider, model: row.model ?? undefined, input_tokens: row.input_tokens, output_tokens: row.output_tokens, cache_creation_input_tokens: row.cache_creation_input_tokens, cache_read_input_tokens: row.cache_read_input_tokens, estimated: row.estimated };
  return { usage: usage as UsageRecord | null, oracle, handOffs: calls.handOffs, threadBytes: calls.threadBytes, held: calls.held, cut, crossed, peeksMidStream };
}

/** The oracle's record in the shape of a ledger row's usage (absent cache counts are 0 there). */
function asRow(u: UsageRecord | null) {
  return u && { provider: u.provider, model: u.model, input_tokens: u.input_tokens, output_tokens: u.output_tokens, cache_creation_input_tokens: u.cache_creation_input_tokens ?? 0, cache_read_input_tokens: u.cache_read_input_tokens ?? 0, estimated: !!u.estimated };
}

const anthropicStream = (extra: object = {}) => mockRequest('/v1/messages', { model: 'claude-test-1', max_tokens: 4096, stream: true, messages: [{ role: 'user', content: 'Say hello' }], ...extra });

describe('metered exchange: skim what ends well, hand the rest to the thread', () => {
  it('an Anthropic stream that ends well: read at head and tail only, the provider’s usage exactly', async () => {
    const o = await exchange(anthropicStream(), { deltas: 300, usage: USAGE });
    assert.equal(o.handOffs, 0);
    assert.equal(o.threadBytes, 0);
    assert.deepEqual(o.usage, asRow(o.oracle));
    assert.equal(o.usage?.estimated, false);
    assert.equal(o.usage?.input_tokens, USAGE.input_tokens);
    assert.equal(o.held, 0, 'every held byte is released');
    assert.equal(o.peeksMidStream, 0, 'nothing is parsed while the stream flows');
  });

  it('the same whatever the chunking: 40 seeded random cuts, 1 to 300 bytes', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const o = await exchange(anthropicStream(), { deltas: 120, usage: USAGE, pings: seed % 3, interimUsage: seed % 4 === 0 ? { output_tokens: 2 } : undefined, fullDeltaUsage: seed % 5 === 0 }, { split: randomCuts(seed, seed % 2 ? 300 : 7) });
      assert.equal(o.handOffs, 0, `seed ${seed}`);
      assert.deepEqual(o.usage, asRow(o.oracle), `seed ${seed}`);
      assert.equal(o.usage?.estimated, false, `seed ${seed}`);
    }
  });

  it('no room to hold another stream: the thread reads the stream, exactly', async () => {
    const none = new HoldLimit(0);
    const o = await exchange(anthropicStream(), { deltas: 50, usage: USAGE }, { holds: none });
    assert.equal(o.handOffs, 1);
    assert.deepEqual(o.usage, asRow(o.oracle));
    assert.equal(o.usage?.estimated, false);
  });

  it('streams held one after another: a short stream after a long one reads none of its bytes', async () => {
    const one = new HoldLimit(1);
    const long = await exchange(anthropicStream(), { deltas: 3000, usage: { ...USAGE, output_tokens: 3000 } }, { holds: one });
    assert.equal(long.handOffs, 0);
    for (const deltas of [0, 1, 2, 5]) {
      const o = await exchange(anthropicStream(), { deltas, usage: USAGE }, { holds: one, split: randomCuts(deltas + 3, 50) });
      assert.equal(o.handOffs, 0, `${deltas} deltas`);
      assert.deepEqual(o.usage, asRow(o.oracle), `${deltas} deltas`);
    }
  });

  it('a short stream (head and tail overlap) is read whole on the main thread', async () => {
    const o = await exchange(anthropicStream(), { deltas: 1, usage: USAGE });
    assert.equal(o.handOffs, 0);
    assert.deepEqual(o.usage, asRow(o.oracle));
  });

  it('interrupted: the thread reads every byte seen, and the usage is the marked estimate', async () => {
    const o = await exchange(anthropicStream(), { deltas: 200, cutAfterDeltas: 150, usage: USAGE });
    assert.equal(o.handOffs, 1);
    assert.ok(o.threadBytes > 0);
    assert.deepEqual(o.usage, asRow(o.oracle));
    assert.equal(o.usage?.estimated, true);
    assert.equal(o.held, 0);
  });

  it('an error event instead of the closing count: the thread reads it all', async () => {
    const o = await exchange(anthropicStream(), { deltas: 200, errorAfterDeltas: 120, usage: USAGE });
    assert.equal(o.handOffs, 1);
    assert.deepEqual(o.usage, asRow(o.oracle));
    assert.equal(o.usage?.estimated, true);
  });

  it('a JSON reply goes to the thread at the response line', async () => {
    const o = await exchange(mockRequest('/v1/messages', { model: 'claude-test-1', max_tokens: 64, messages: [] }), { usage: USAGE });
    assert.equal(o.handOffs, 1);
    assert.deepEqual(o.usage, asRow(o.oracle));
    assert.equal(o.usage?.estimated, false);
  });

  it('an error status goes to the thread', async () => {
    const o = await exchange(anthropicStream(), { status: 529 });
    assert.equal(o.handOffs, 1);
    assert.deepEqual(o.usage, asRow(o.oracle));
  });

  it('a stream longer than one stream may hold goes to the thread, from its first byte', async () => {
    const o = await exchange(anthropicStream(), { pieces: Array.from({ length: 300 }, () => 'x'.repeat(4000)), usage: USAGE });
    assert.equal(o.handOffs, 1);
    assert.ok(o.threadBytes > 1024 * 1024, `${o.threadBytes} bytes read by the thread`);
    assert.deepEqual(o.usage, asRow(o.oracle));
    assert.equal(o.held, 0);
  });

  it('OpenAI chat with the usage chunk, and the Responses API: skimmed, exact', async () => {
    const chat = await exchange(mockRequest('/v1/chat/completions', { model: 'gpt-test', stream: true, stream_options: { include_usage: true }, max_tokens: 100, messages: [] }), { deltas: 200, usage: USAGE }, { provider: 'openai' });
    assert.equal(chat.handOffs, 0);
    assert.deepEqual(chat.usage, asRow(chat.oracle));
    assert.equal(chat.usage?.estimated, false);
    const responses = await exchange(mockRequest('/v1/responses', { model: 'gpt-test', stream: true, max_output_tokens: 100, input: 'hi' }), { deltas: 200, usage: USAGE }, { provider: 'openai' });
    assert.deepEqual(responses.usage, asRow(responses.oracle));
    assert.equal(responses.usage?.estimated, false);
  });

  it('a budget the byte bound could cross: the thread counts from the start; not crossed, nothing is cut', async () => {
    // Input and cache 29 tokens; the text is ~600 bytes, about 200 tokens by the estimate; the bytes on the wire are far more.
    const script: MockScript = { deltas: 100, usage: { ...USAGE, output_tokens: 150 } };
    const o = await exchange(anthropicStream({ max_tokens: 500 }), script, { budget: 1000 });
    assert.equal(o.handOffs, 1);
    assert.equal(o.cut, false);
    assert.deepEqual(o.usage, asRow(o.oracle));
    assert.equal(o.usage?.estimated, false);
  });

  it('another request settling mid-stream shrinks the headroom: the next chunk hands the stream to the thread, which cuts it', async () => {
    let settledAt = -1;
    const o = await exchange(anthropicStream({ max_tokens: 300 }), { deltas: 400, usage: { ...USAGE, output_tokens: 400 } }, {
      budget: 100_000,
      split: randomCuts(11, 400),
      beforeChunk: (book, i) => {
        if (i !== 20) return;
        // A concurrent request of the session lands 99,950 tokens: 50 left, far less than this stream's count so far.
        const other = book.reserve('anthropic', 1);
        assert.ok(other.ok);
        book.settle(other.reservation, 99_950);
        settledAt = i;
      },
    });
    assert.equal(settledAt, 20, 'the stream was still going when the other request settled');
    assert.equal(o.handOffs, 1);
    assert.equal(o.cut, true, 'the stream was cut');
    assert.deepEqual(o.usage, asRow(o.oracle), 'the partial usage is what was seen');
  });

  it('input far above the estimate: the skimmed stream runs on; the overrun is within the reservation’s input error, and settling fires the cutoff', async () => {
    // The bound stands in the request's input estimate for the real input, which the head tells only at the end.
    const req = anthropicStream({ max_tokens: 300 });
    const estimatedInput = Math.ceil(req.raw.length / 3);
    const usage = { input_tokens: 5_980, output_tokens: 60, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const o = await exchange(req, { deltas: 30, usage }, { budget: 6_000 });
    assert.equal(o.handOffs, 0, 'the bytes never came near the bound');
    assert.equal(o.cut, false);
    assert.deepEqual(o.usage, asRow(o.oracle), 'the provider’s count, read at the end');
    assert.equal(o.usage?.estimated, false);
    assert.equal(o.crossed, 1, 'settling crossed the budget: the cutoff policy fires');
    const overrun = chargedTokens(o.usage!) - 6_000;
    assert.ok(overrun > 0 && overrun <= usage.input_tokens - estimatedInput, `overran by ${overrun}`);
  });

  it('a stream that really crosses its budget is still cut mid-way, by the thread’s running count', async () => {
    const o = await exchange(anthropicStream({ max_tokens: 300 }), { deltas: 2000, usage: { ...USAGE, output_tokens: 2000 } }, { budget: 400, split: randomCuts(7, 2000) });
    assert.equal(o.handOffs, 1);
    assert.equal(o.cut, true, 'the stream was cut');
    assert.ok(o.usage && chargedTokens(o.usage) > 400, `recorded ${JSON.stringify(o.usage)}`);
    assert.deepEqual(o.usage, asRow(o.oracle), 'the partial usage is what was seen');
  });
});
