// meter.anthropic and meter.openai read usage out of the exact bytes the
// mock provider sends (test/helpers/mock-provider.ts, itself held faithful
// to the official SDKs): the provider's own counts when they arrive, a
// marked estimate when they do not, the same answer however the stream is
// cut into chunks, and bounded memory however long the stream or its events.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import meterAnthropic from '../plugins/builtin/meter-anthropic.ts';
import meterOpenai from '../plugins/builtin/meter-openai.ts';
import { BYTES_PER_TOKEN, tokensForBytes, utf8Length } from '../plugins/meter/estimate.ts';
import { type SseEvent, SseEvents } from '../plugins/meter/sse-events.ts';
import type { MeterStart, PluginHooks, RequestView, UsageRecord } from '../plugins/sdk.ts';
import { type MockProvider, type MockScript, mockRequest, type RecordedRequest, replyFor, startMockProvider, wireChunks } from './helpers/mock-provider.ts';

const anthropic = await meterAnthropic.setup({}, { secrets: [] });
const openai = await meterOpenai.setup({}, { secrets: [] });
const enc = new TextEncoder();

const USAGE = { input_tokens: 21, output_tokens: 4, cache_creation_input_tokens: 3, cache_read_input_tokens: 5 };
const messages = [{ role: 'user', content: 'Say hello' }];

function view(r: RecordedRequest, host = 'api.example.test'): RequestView {
  return {
    method: r.method,
    scheme: 'https',
    host,
    path: r.path,
    query: r.query,
    headers: Object.entries(r.headers),
    body: new Uint8Array(r.raw),
    route: host,
    session: 's1',
    agent: 'a1',
  };
}

interface Run {
  start: MeterStart | null;
  running: Array<UsageRecord | null>;
  end: UsageRecord | null;
}

let nextStream = 0;

/** What the host does for one exchange: request, every chunk in order, end. */
async function meter(hooks: PluginHooks, req: RequestView, chunks: Iterable<Uint8Array>, res: { status: number; headers: Array<[string, string]> }, interrupted = false): Promise<Run> {
  const id = `stream-${++nextStream}`;
  const start = await hooks.onMeterRequest!(id, req);
  const running: Array<UsageRecord | null> = [];
  const list = [...chunks];
  let position = 0;
  for (const [i, data] of list.entries()) {
    running.push(await hooks.onMeterChunk!(id, { status: res.status, headers: res.headers, data, overlap: 0, position, final: i === list.length - 1 && !interrupted, route: 'r', session: 's1' }));
    position += data.length;
  }
  const end = await hooks.onMeterEnd!(id, { interrupted });
  return { start, running, end };
}

/** The mock's reply to `req` under `script`, as wire chunks, through the meter. */
function meterMock(hooks: PluginHooks, req: RecordedRequest, script: MockScript = {}, split?: (bytes: Uint8Array) => Uint8Array[]): Promise<Run> {
  const reply = replyFor(req, script);
  const chunks = [...wireChunks(req, script, reply)];
  const cut = script.cutAfterDeltas !== undefined;
  return meter(hooks, view(req), split ? split(concat(chunks)) : chunks, { status: reply.status, headers: Object.entries(reply.headers) }, cut);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const anthropicReq = (extra: object = {}) => mockRequest('/v1/messages', { model: 'claude-test-1', max_tokens: 256, messages, ...extra });
const chatReq = (extra: object = {}) => mockRequest('/v1/chat/completions', { model: 'gpt-test', messages, ...extra });
const responsesReq = (extra: object = {}) => mockRequest('/v1/responses', { model: 'gpt-test', input: 'Say hello', ...extra });

// OpenAI has no cache-write count.
const exact = (provider: string, model: string) => {
  const { cache_creation_input_tokens, ...openAiUsage } = USAGE;
  return provider === 'openai' ? { provider, model, ...openAiUsage, estimated: false } : { provider, model, ...USAGE, cache_creation_input_tokens, estimated: false };
};

describe('usage equals what the provider reported', () => {
  const cases: Array<[string, PluginHooks, RecordedRequest, string, string]> = [
    ['anthropic JSON', anthropic, anthropicReq(), 'anthropic', 'claude-test-1'],
    ['anthropic SSE', anthropic, anthropicReq({ stream: true }), 'anthropic', 'claude-test-1'],
    ['openai chat JSON', openai, chatReq(), 'openai', 'gpt-test'],
    ['openai chat SSE with include_usage', openai, chatReq({ stream: true, stream_options: { include_usage: true } }), 'openai', 'gpt-test'],
    ['openai responses JSON', openai, responsesReq(), 'openai', 'gpt-test'],
    ['openai responses SSE', openai, responsesReq({ stream: true }), 'openai', 'gpt-test'],
  ];
  for (const [name, hooks, req, provider, model] of cases) {
    it(name, async () => {
      const run = await meterMock(hooks, req, { usage: USAGE, deltas: 5 });
      assert.equal(run.start?.provider, provider);
      assert.equal(run.start?.model, model);
      assert.deepEqual(run.end, exact(provider, model));
    });
  }

  it('OpenAI cached tokens are taken out of input_tokens (prompt_tokens counts them)', async () => {
    // The mock reports prompt_tokens = 26 with cached_tokens = 5.
    const run = await meterMock(openai, chatReq(), { usage: USAGE });
    assert.equal(run.end?.input_tokens, 21);
    assert.equal(run.end?.cache_read_input_tokens, 5);
  });

  it('the model the response names wins over the request\'s', async () => {
    const run = await meterMock(anthropic, anthropicReq({ stream: true }), { model: 'claude-test-1-20990101' });
    assert.equal(run.start?.model, 'claude-test-1');
    assert.equal(run.end?.model, 'claude-test-1-20990101');
  });

  it('over a real socket, in whatever chunks it arrives', async () => {
    const mock: MockProvider = await startMockProvider({ usage: USAGE, deltas: 20 });
    try {
      for (const [hooks, path, body] of [
        [anthropic, '/v1/messages', { model: 'claude-test-1', max_tokens: 64, messages, stream: true }],
        [openai, '/v1/chat/completions', { model: 'gpt-test', messages, stream: true, stream_options: { include_usage: true } }],
        [openai, '/v1/responses', { model: 'gpt-test', input: 'hi', stream: true }],
      ] as const) {
        const res = await fetch(`${mock.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const chunks: Uint8Array[] = [];
        for await (const c of res.body!) chunks.push(c);
        const run = await meter(hooks, view(mock.requests.at(-1)!), chunks, { status: res.status, headers: [...res.headers] });
        assert.equal(run.end?.output_tokens, 4, path);
        assert.equal(run.end?.input_tokens, 21, path);
        assert.equal(run.end?.estimated, false, path);
      }
    } finally {
      await mock.close();
    }
  });
});

describe('Anthropic stream events', () => {
  it('message_delta usage is cumulative: the last one wins, never the sum', async () => {
    const run = await meterMock(anthropic, anthropicReq({ stream: true }), { usage: USAGE, interimUsage: { output_tokens: 3, input_tokens: 21 }, fullDeltaUsage: true });
    assert.equal(run.end?.output_tokens, 4);
    assert.equal(run.end?.input_tokens, 21);
    assert.equal(run.end?.estimated, false);
  });

  it('a running output count exists before message_delta, and a ping changes nothing', async () => {
    const script = { usage: { ...USAGE, output_tokens: 40 }, pieces: ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)], pings: 1 };
    const run = await meterMock(anthropic, anthropicReq({ stream: true }), script);
    // Chunks: message_start, content_block_start, ping, 3 deltas, block stop, message_delta, message_stop.
    const [start, blockStart, ping, d1, d2, d3, blockStop, messageDelta, stop] = run.running;
    assert.equal(start?.input_tokens, 21);
    assert.equal(start?.estimated, true);
    assert.equal(blockStart, null);
    assert.equal(ping, null);
    assert.equal(d1?.output_tokens, 10);
    assert.equal(d2?.output_tokens, 20);
    assert.equal(d3?.output_tokens, 30);
    assert.equal(blockStop, null);
    assert.deepEqual(messageDelta, { provider: 'anthropic', model: 'claude-test-1', ...USAGE, output_tokens: 40, estimated: false });
    assert.equal(stop, null);
  });

  it('events with nothing to count are passed by their event line, unparsed: their data cannot make the count uncertain', async () => {
    const frame = (event: string, data: string) => new TextEncoder().encode(`event: ${event}\ndata: ${data}\n\n`);
    const req = anthropicReq({ stream: true });
    const chunks = [
      frame('message_start', JSON.stringify({ type: 'message_start', message: { model: 'claude-test-1', usage: { input_tokens: 21, output_tokens: 1 } } })),
      frame('content_block_start', '{not json'),
      frame('content_block_delta', JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'abc' } })),
      frame('content_block_stop', 'nor this'),
      frame('message_delta', JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } })),
      frame('message_stop', ''),
    ];
    const run = await meter(anthropic, view(req), chunks, { status: 200, headers: [['content-type', 'text/event-stream']] });
    assert.deepEqual(run.end, { provider: 'anthropic', model: 'claude-test-1', input_tokens: 21, output_tokens: 4, estimated: false });
  });

  it('an error event keeps the usage so far, marked estimated', async () => {
    const run = await meterMock(anthropic, anthropicReq({ stream: true }), { usage: USAGE, pieces: ['x'.repeat(9), 'y'.repeat(9), 'z'], errorAfterDeltas: 2 });
    assert.deepEqual(run.end, { provider: 'anthropic', model: 'claude-test-1', input_tokens: 21, output_tokens: 6, cache_creation_input_tokens: 3, cache_read_input_tokens: 5, estimated: true });
  });

  it('an interrupted stream: input from message_start, output from the deltas seen, estimated', async () => {
    const pieces = ['Grüße, ', 'Welt ', '世界 🎉', 'never sent'];
    const run = await meterMock(anthropic, anthropicReq({ stream: true }), { usage: USAGE, pieces, cutAfterDeltas: 3 });
    const seen = utf8Length(pieces.slice(0, 3).join(''));
    assert.deepEqual(run.end, { provider: 'anthropic', model: 'claude-test-1', input_tokens: 21, output_tokens: Math.ceil(seen / BYTES_PER_TOKEN), cache_creation_input_tokens: 3, cache_read_input_tokens: 5, estimated: true });
  });

  it('tool input JSON and thinking deltas count toward the running output', async () => {
    const events = [
      `event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { model: 'm', usage: { input_tokens: 5, output_tokens: 1 } } })}\n\n`,
      `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 't'.repeat(30) } })}\n\n`,
      `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 's'.repeat(300) } })}\n\n`,
      `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"path":"/tmp/x"}' } })}\n\n`,
    ].map((e) => enc.encode(e));
    const run = await meter(anthropic, view(anthropicReq({ stream: true })), events, { status: 200, headers: [['content-type', 'text/event-stream']] }, true);
    assert.equal(run.end?.output_tokens, Math.ceil((30 + 17) / 3));
  });
});

describe('OpenAI streams', () => {
  it('chat without include_usage: input from the request estimate, output from the deltas, estimated', async () => {
    const req = chatReq({ stream: true });
    const run = await meterMock(openai, req, { usage: USAGE, pieces: ['abc', 'def', 'ghi'] });
    assert.deepEqual(run.end, { provider: 'openai', model: 'gpt-test', input_tokens: tokensForBytes(req.raw.length), output_tokens: 3, estimated: true });
  });

  it('a chat error chunk mid-stream: estimated', async () => {
    const run = await meterMock(openai, chatReq({ stream: true, stream_options: { include_usage: true } }), { usage: USAGE, errorAfterDeltas: 1 });
    assert.equal(run.end?.estimated, true);
  });

  it('a responses error event mid-stream: estimated, output from the deltas', async () => {
    const run = await meterMock(openai, responsesReq({ stream: true }), { usage: USAGE, pieces: ['a'.repeat(12), 'b'], errorAfterDeltas: 1 });
    assert.equal(run.end?.estimated, true);
    assert.equal(run.end?.output_tokens, 4);
  });

  it('function-call argument deltas count toward the running output', async () => {
    const events = [
      { type: 'response.created', response: { model: 'gpt-test', usage: null } },
      { type: 'response.function_call_arguments.delta', delta: '{"city":"Paris"}' },
    ].map((e) => enc.encode(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
    const run = await meter(openai, view(responsesReq({ stream: true })), events, { status: 200, headers: [['content-type', 'text/event-stream']] }, true);
    assert.equal(run.end?.output_tokens, Math.ceil(16 / 3));
    assert.equal(run.end?.estimated, true);
  });
});

describe('what is not usage', () => {
  it('count_tokens is not metered', async () => {
    const req = mockRequest('/v1/messages/count_tokens', { model: 'claude-test-1', messages });
    assert.equal(await anthropic.onMeterRequest!('x', view(req)), null);
    // The host never goes on with a stream the meter declined; if it did, nothing happens.
    assert.equal(await anthropic.onMeterChunk!('x', { status: 200, headers: [], data: enc.encode('{}'), overlap: 0, position: 0, final: true, route: 'r', session: 's' }), null);
    assert.equal(await anthropic.onMeterEnd!('x', { interrupted: false }), null);
  });

  const notUsage: Array<[PluginHooks, string, string]> = [
    [anthropic, 'GET', '/v1/messages'],
    [anthropic, 'POST', '/v1/messages/batches'],
    [anthropic, 'GET', '/v1/models'],
    [anthropic, 'POST', '/v1/complete'],
    [openai, 'POST', '/v1/embeddings'],
    [openai, 'GET', '/v1/responses/resp_123'],
    [openai, 'POST', '/v1/responses/input_tokens'],
    [openai, 'POST', '/v1/chat/completions/x'],
    [openai, 'POST', '/v1/messages'],
  ];
  for (const [hooks, method, path] of notUsage) {
    it(`${method} ${path} (${hooks === anthropic ? 'anthropic' : 'openai'})`, async () => {
      assert.equal(await hooks.onMeterRequest!('n', view({ ...mockRequest(path, { model: 'm', max_tokens: 1 }), method })), null);
    });
  }

  it('gateway prefixes and a trailing slash still match', async () => {
    for (const path of ['/gw/api.anthropic.com/v1/messages', '/v1/messages/']) {
      const start = await anthropic.onMeterRequest!(`p${path}`, view(mockRequest(path, { model: 'm', max_tokens: 1, messages })));
      assert.equal(start?.provider, 'anthropic', path);
      await anthropic.onMeterEnd!(`p${path}`, { interrupted: true });
    }
    for (const path of ['/gw/api.openai.com/v1/chat/completions', '/api/v1/responses']) {
      const start = await openai.onMeterRequest!(`p${path}`, view(mockRequest(path, { model: 'm', input: 'x' })));
      assert.equal(start?.provider, 'openai', path);
      await openai.onMeterEnd!(`p${path}`, { interrupted: true });
    }
  });

  it('a non-2xx reply without usage: no usage, no running count', async () => {
    for (const [hooks, req] of [
      [anthropic, anthropicReq({ stream: true })],
      [openai, chatReq()],
      [openai, responsesReq({ stream: true })],
    ] as const) {
      const run = await meterMock(hooks, req, { status: 429 });
      assert.deepEqual(run.running, [null]);
      assert.equal(run.end, null);
    }
  });

  it('a non-2xx reply that carries usage is counted', async () => {
    const body = enc.encode(JSON.stringify({ type: 'message', model: 'm', usage: { input_tokens: 9, output_tokens: 2 } }));
    const run = await meter(anthropic, view(anthropicReq()), [body], { status: 500, headers: [['content-type', 'application/json']] });
    assert.equal(run.end?.input_tokens, 9);
  });
});

describe('chunk boundaries', () => {
  const streams: Array<[string, PluginHooks, RecordedRequest]> = [
    ['anthropic SSE', anthropic, anthropicReq({ stream: true })],
    ['anthropic JSON', anthropic, anthropicReq()],
    ['chat SSE', openai, chatReq({ stream: true, stream_options: { include_usage: true } })],
    ['chat SSE without usage', openai, chatReq({ stream: true })],
    ['responses SSE', openai, responsesReq({ stream: true })],
  ];
  // Multi-byte characters, so some splits fall inside a UTF-8 sequence.
  const script: MockScript = { usage: USAGE, pieces: ['Grüße', ' 世界', ' 🎉', ' done'] };

  for (const [name, hooks, req] of streams) {
    it(`${name}: split in two at every byte offset, and into single bytes, gives the same usage`, async () => {
      const whole = await meterMock(hooks, req, script);
      assert.ok(whole.end);
      const bytes = concat([...wireChunks(req, script)]);
      for (let k = 0; k <= bytes.length; k++) {
        const run = await meterMock(hooks, req, script, (b) => [b.subarray(0, k), b.subarray(k)]);
        assert.deepEqual(run.end, whole.end, `split at ${k}`);
      }
      const single = await meterMock(hooks, req, script, (b) => Array.from(b, (_, i) => b.subarray(i, i + 1)));
      assert.deepEqual(single.end, whole.end);
    });
  }
});

describe('bounded memory', () => {
  let gc: () => void;
  before(() => {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  });
  after(() => setFlagsFromString('--no-expose-gc'));

  /** JS heap plus ArrayBuffer backing stores (byte chunks live outside the heap). */
  function heapAfterGc(): number {
    gc();
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  }

  /** Groups the stream's events into ~64 KiB chunks, as a socket would. */
  function* rechunk(chunks: Iterable<Uint8Array>, size = 64 * 1024): Generator<Uint8Array> {
    let batch: Uint8Array[] = [];
    let n = 0;
    for (const c of chunks) {
      batch.push(c);
      n += c.length;
      if (n >= size) {
        yield concat(batch);
        batch = [];
        n = 0;
      }
    }
    if (batch.length) yield concat(batch);
  }

  it('a 100,000-event stream: retained state does not grow with its length', async () => {
    const req = anthropicReq({ stream: true });
    const script: MockScript = { deltas: 100_000, usage: { ...USAGE, output_tokens: 100_000 } };
    const reply = replyFor(req, script);
    const chunks = rechunk(wireChunks(req, script, reply));
    const headers = Object.entries(reply.headers);
    const id = 'long-stream';
    await anthropic.onMeterRequest!(id, view(req));
    let bytes = 0;
    const feed = async (maxBytes: number) => {
      for (let next = chunks.next(); !next.done; next = bytes >= maxBytes ? { done: true, value: undefined } : chunks.next()) {
        await anthropic.onMeterChunk!(id, { status: 200, headers, data: next.value, overlap: 0, position: bytes, final: false, route: 'r', session: 's' });
        bytes += next.value.length;
      }
    };
    await feed(1024 * 1024);
    const early = heapAfterGc();
    await feed(Number.POSITIVE_INFINITY);
    const late = heapAfterGc();
    const end = await anthropic.onMeterEnd!(id, { interrupted: false });
    assert.ok(bytes > 10_000_000, `a long stream (${bytes} bytes)`);
    assert.ok(late - early < 2 * 1024 * 1024, `heap grew by ${late - early} bytes over ${bytes} bytes of stream`);
    assert.equal(end?.output_tokens, 100_000);
    assert.equal(end?.estimated, false);
  });

  it('an oversized event is skipped in bounded memory; parsing resumes after it; usage is estimated', async () => {
    const small = await meterAnthropic.setup({ maxEventChars: 64 * 1024 }, { secrets: [] });
    const req = anthropicReq({ stream: true });
    const huge = `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x'.repeat(8 * 1024 * 1024) } })}\n\n`;
    const script: MockScript = { usage: USAGE, deltas: 3, inject: { afterDeltas: 1, text: huge } };
    const reply = replyFor(req, script);
    const all = concat([...wireChunks(req, script, reply)]);
    const id = 'oversized';
    await small.onMeterRequest!(id, view(req));
    const chunk = (data: Uint8Array, final: boolean) => small.onMeterChunk!(id, { status: 200, headers: Object.entries(reply.headers), data, overlap: 0, position: at, final, route: 'r', session: 's' });
    const step = 64 * 1024;
    let at = 0;
    // Into the middle of the huge event.
    for (; at < 2 * 1024 * 1024; at += step) await chunk(all.slice(at, at + step), false);
    const before = heapAfterGc();
    for (; at < 6 * 1024 * 1024; at += step) await chunk(all.slice(at, at + step), false);
    const during = heapAfterGc();
    for (; at < all.length; at += step) await chunk(all.slice(at, at + step), at + step >= all.length);
    const end = await small.onMeterEnd!(id, { interrupted: false });
    assert.ok(during - before < 1024 * 1024, `heap grew by ${during - before} bytes while skipping 4 MiB of one event`);
    // message_start before and message_delta after the huge event were both read.
    assert.deepEqual(end, { provider: 'anthropic', model: 'claude-test-1', ...USAGE, estimated: true });
  });

  it('a JSON reply over maxJsonBytes: estimated from its size', async () => {
    const small = await meterAnthropic.setup({ maxJsonBytes: 1024 }, { secrets: [] });
    const req = anthropicReq();
    const script: MockScript = { usage: USAGE, pieces: ['y'.repeat(3000)] };
    const bytes = concat([...wireChunks(req, script)]);
    const run = await meterMock(small, req, script, (b) => [b.subarray(0, 1000), b.subarray(1000)]);
    assert.deepEqual(run.end, { provider: 'anthropic', model: 'claude-test-1', input_tokens: tokensForBytes(req.raw.length), output_tokens: tokensForBytes(bytes.length), estimated: true });
  });
});

describe('event readers are reused across streams', () => {
  // A meter keeps the readers of ended streams for the next ones
  // (sse-events.ts says why): nothing of one stream may leak into another.
  const sseReq = anthropicReq({ stream: true });
  const sseReply = replyFor(sseReq, { usage: USAGE });
  const sseBytes = concat([...wireChunks(sseReq, { usage: USAGE }, sseReply)]);
  const headers = Object.entries(sseReply.headers);
  const chunkOf = (hooks: PluginHooks, id: string, data: Uint8Array, position: number, final = false) =>
    hooks.onMeterChunk!(id, { status: 200, headers, data, overlap: 0, position, final, route: 'r', session: 's' });

  it('interleaved streams, one read with a gap, each get their own usage', async () => {
    const tailAt = Buffer.from(sseBytes).indexOf('event: message_delta');
    assert.ok(tailAt > 0);
    const midEvent = Buffer.from(sseBytes).indexOf('event: content_block_delta') + 10;
    await anthropic.onMeterRequest!('reuse-a', view(sseReq));
    await anthropic.onMeterRequest!('reuse-b', view(sseReq));
    // A stops in the middle of an event; B is read whole; A resumes at its closing events (a gap); B ends first.
    await chunkOf(anthropic, 'reuse-a', sseBytes.subarray(0, midEvent), 0);
    await chunkOf(anthropic, 'reuse-b', sseBytes, 0, true);
    await chunkOf(anthropic, 'reuse-a', sseBytes.subarray(tailAt), tailAt, true);
    const b = await anthropic.onMeterEnd!('reuse-b', { interrupted: false });
    const a = await anthropic.onMeterEnd!('reuse-a', { interrupted: false });
    assert.deepEqual(b, exact('anthropic', 'claude-test-1'));
    // The provider's closing count was read after the gap, and the half event before it was not taken for part of it.
    assert.deepEqual(a, exact('anthropic', 'claude-test-1'));
    // And a third stream, on readers the first two gave back, reads the same.
    assert.deepEqual((await meter(anthropic, view(sseReq), [sseBytes], { status: 200, headers })).end, exact('anthropic', 'claude-test-1'));
  });

  it('a stream ended while skipping an oversized event leaves nothing skipped for the next', async () => {
    const small = await meterAnthropic.setup({ maxEventChars: 1024 }, { secrets: [] });
    const huge = Buffer.from(`event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x'.repeat(4096) } })}\n\n`);
    await small.onMeterRequest!('cut-mid-skip', view(sseReq));
    // The start event, then half of the oversized event: the reader is skipping when the stream ends.
    const startEnd = Buffer.from(sseBytes).indexOf('event: content_block_start');
    await chunkOf(small, 'cut-mid-skip', sseBytes.subarray(0, startEnd), 0);
    await chunkOf(small, 'cut-mid-skip', huge.subarray(0, 3000), startEnd);
    const cut = await small.onMeterEnd!('cut-mid-skip', { interrupted: true });
    assert.equal(cut?.estimated, true);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual((await meter(small, view(sseReq), [sseBytes], { status: 200, headers })).end, exact('anthropic', 'claude-test-1'), `stream ${i + 1} after the cut one`);
    }
  });
});

describe('SseEvents', () => {
  const collect = (chunks: string[], max = 1024) => {
    const out: SseEvent[] = [];
    const sse = new SseEvents((_, e) => out.push(e), max);
    for (const c of chunks) sse.feed(enc.encode(c));
    sse.end();
    return { out, dropped: sse.droppedChars };
  };

  it('begin() starts a new body from scratch: context, byte-order mark, dropped count, an unfinished event', () => {
    const seen: Array<[string, string]> = [];
    const sse = new SseEvents<string>((ctx, e) => seen.push([ctx, e.data]), 1024);
    sse.begin('first').feed(enc.encode(`\ufeffdata: one\n\ndata: ${'x'.repeat(2000)}\n\ndata: unfinished`));
    assert.ok(sse.droppedChars >= 2000);
    sse.end();
    sse.begin('second').feed(enc.encode('\ufeffdata: two\n\n'));
    assert.equal(sse.droppedChars, 0);
    sse.end();
    assert.deepEqual(seen, [['first', 'one'], ['second', 'two']]);
  });

  it('a leading byte-order mark is dropped (SSE spec), also split across chunks; a later U+FEFF is data', () => {
    const bom = '\ufeff';
    const want = [{ event: 'a', data: `x${bom}` }];
    assert.deepEqual(collect([`${bom}event: a\ndata: x${bom}\n\n`]).out, want);
    const bytes = enc.encode(`${bom}event: a\ndata: x${bom}\n\n`);
    for (let cut = 1; cut < 4; cut++) {
      const out: SseEvent[] = [];
      const sse = new SseEvents((_, e) => out.push(e), 1024);
      sse.feed(bytes.subarray(0, cut));
      sse.feed(bytes.subarray(cut));
      sse.end();
      assert.deepEqual(out, want, `cut at byte ${cut}`);
    }
  });

  it('UTF-8 split across chunks at every byte stays whole', () => {
    const text = 'data: héllo ✓ 🙂 done\n\n';
    const bytes = enc.encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const out: SseEvent[] = [];
      const sse = new SseEvents((_, e) => out.push(e), 1024);
      sse.feed(bytes.subarray(0, cut));
      sse.feed(bytes.subarray(cut));
      sse.end();
      assert.deepEqual(out, [{ event: undefined, data: 'héllo ✓ 🙂 done' }], `cut at byte ${cut}`);
    }
  });

  it('an oversized event inside one chunk is dropped by length, the next one read', () => {
    const { out, dropped } = collect([`data: ${'x'.repeat(5000)}\n\ndata: ok\n\n`]);
    assert.deepEqual(out, [{ event: undefined, data: 'ok' }]);
    assert.ok(dropped >= 5000);
  });

  it('resynchronises at the blank line after an oversized event, with CRLF line endings', () => {
    const big = `event: a\r\ndata: ${'x'.repeat(3000)}\r\n\r\n`;
    const chunks = [big.slice(0, 1500), big.slice(1500, 2999), big.slice(2999), 'event: b\r\ndata: {"k":1}\r\n\r\n'];
    const { out, dropped } = collect(chunks);
    assert.deepEqual(out, [{ event: 'b', data: '{"k":1}' }]);
    assert.ok(dropped > 0);
  });

  it('an oversized multi-line data event is skipped whole', () => {
    const lines = Array.from({ length: 100 }, () => `data: ${'y'.repeat(40)}\n`);
    const { out } = collect([...lines, '\n', 'event: after\ndata: 1\n\n']);
    assert.deepEqual(out, [{ event: 'after', data: '1' }]);
  });

  it('an event without its closing blank line at the end is not dispatched', () => {
    assert.deepEqual(collect(['data: 1\n\ndata: 2\n']).out, [{ event: undefined, data: '1' }]);
  });
});

describe('request estimates', () => {
  it('Anthropic: input by the body-size ratio, output = max_tokens', async () => {
    const req = anthropicReq({ max_tokens: 777 });
    const start = await anthropic.onMeterRequest!('e1', view(req));
    await anthropic.onMeterEnd!('e1', { interrupted: true });
    assert.deepEqual(start, { provider: 'anthropic', model: 'claude-test-1', estimate: { input_tokens: Math.ceil(req.raw.length / 3), output_tokens: 777 } });
  });

  it('Anthropic without max_tokens: metered, but no estimate', async () => {
    const start = await anthropic.onMeterRequest!('e2', view(mockRequest('/v1/messages', { model: 'claude-test-1', messages })));
    await anthropic.onMeterEnd!('e2', { interrupted: true });
    assert.deepEqual(start, { provider: 'anthropic', model: 'claude-test-1', estimate: null });
  });

  it('a garbage body: metered, no estimate; nothing seen → input by size, output 0, estimated', async () => {
    const req = mockRequest('/v1/messages', '{"model": "claude-test-1", max_tokens: oops');
    assert.deepEqual(await anthropic.onMeterRequest!('e3', view(req)), { provider: 'anthropic', estimate: null });
    assert.deepEqual(await anthropic.onMeterEnd!('e3', { interrupted: true }), { provider: 'anthropic', input_tokens: tokensForBytes(req.raw.length), output_tokens: 0, estimated: true });
  });

  it('interrupted before any byte: the estimate\'s input, 0 output, estimated', async () => {
    const req = anthropicReq({ stream: true });
    const start = await anthropic.onMeterRequest!('e4', view(req));
    assert.deepEqual(await anthropic.onMeterEnd!('e4', { interrupted: true }), { provider: 'anthropic', model: 'claude-test-1', input_tokens: start?.estimate?.input_tokens, output_tokens: 0, estimated: true });
  });

  const openAiCaps: Array<[string, RecordedRequest, number]> = [
    ['chat max_completion_tokens × n', chatReq({ max_completion_tokens: 50, max_tokens: 9, n: 2 }), 100],
    ['chat legacy max_tokens', chatReq({ max_tokens: 70 }), 70],
    ['chat without a cap: the default', chatReq(), 4096],
    ['responses max_output_tokens', responsesReq({ max_output_tokens: 123 }), 123],
    ['responses without a cap: the default', responsesReq(), 4096],
  ];
  for (const [name, req, output] of openAiCaps) {
    it(`OpenAI ${name}`, async () => {
      const start = await openai.onMeterRequest!(name, view(req));
      await openai.onMeterEnd!(name, { interrupted: true });
      assert.deepEqual(start?.estimate, { input_tokens: tokensForBytes(req.raw.length), output_tokens: output });
    });
  }

  it('OpenAI defaultMaxOutputTokens option', async () => {
    const hooks = await meterOpenai.setup({ defaultMaxOutputTokens: 1000 }, { secrets: [] });
    const start = await hooks.onMeterRequest!('d', view(responsesReq()));
    assert.equal(start?.estimate?.output_tokens, 1000);
  });

  it('a gzip-encoded request body is decoded before it is read', async () => {
    const json = JSON.stringify({ model: 'claude-test-1', max_tokens: 5, messages });
    const req: RecordedRequest = { ...mockRequest('/v1/messages', {}), raw: gzipSync(json), headers: { 'content-encoding': 'gzip' } };
    const start = await anthropic.onMeterRequest!('gz', view(req));
    await anthropic.onMeterEnd!('gz', { interrupted: true });
    assert.deepEqual(start?.estimate, { input_tokens: tokensForBytes(json.length), output_tokens: 5 });
  });
});

describe('response encodings', () => {
  it('a gzip JSON reply is decoded and read exactly', async () => {
    const req = anthropicReq();
    const reply = replyFor(req, { usage: USAGE });
    const body = gzipSync(JSON.stringify(reply.json));
    const run = await meter(anthropic, view(req), [body.subarray(0, 10), body.subarray(10)], { status: 200, headers: [['content-type', 'application/json'], ['content-encoding', 'gzip']] });
    assert.deepEqual(run.end, exact('anthropic', 'claude-test-1'));
  });

  it('a compressed event stream cannot be read: the request\'s whole estimate, marked estimated', async () => {
    const req = anthropicReq({ stream: true, max_tokens: 300 });
    const run = await meter(anthropic, view(req), [gzipSync('event: ping\ndata: {}\n\n')], { status: 200, headers: [['content-type', 'text/event-stream'], ['content-encoding', 'gzip']] });
    assert.deepEqual(run.end, { provider: 'anthropic', model: 'claude-test-1', input_tokens: tokensForBytes(req.raw.length), output_tokens: 300, estimated: true });
  });
});

describe('options schemas', () => {
  const ajv = new Ajv2020({ useDefaults: true, strict: true });
  for (const plugin of [meterAnthropic, meterOpenai]) {
    it(`${plugin.id}: valid schema, defaults filled, nonsense refused`, () => {
      const validate = ajv.compile(plugin.optionsSchema);
      const opts: Record<string, unknown> = {};
      assert.ok(validate(opts));
      assert.equal(opts['maxJsonBytes'], 4 * 1024 * 1024);
      assert.equal(opts['maxEventChars'], 1024 * 1024);
      assert.equal(validate({ maxJsonBytes: 10 }), false);
      assert.equal(validate({ nope: 1 }), false);
    });
  }
});
