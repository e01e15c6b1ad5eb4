// The mock provider is faithful to the wire: the official Anthropic and
// OpenAI SDKs, pointed straight at it, parse every reply (JSON and SSE) and
// see the usage the test scripted. Later tests point the same SDKs at
// cork's gateway instead.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { apiKeyOf, type MockProvider, startMockProvider } from './helpers/mock-provider.ts';

let mock: MockProvider;
let anthropic: Anthropic;
let openai: OpenAI;

before(async () => {
  mock = await startMockProvider();
  // No retries: a malformed reply must fail the test, not be retried into a pass.
  anthropic = new Anthropic({ baseURL: mock.url, apiKey: 'test-fake-key', maxRetries: 0 });
  openai = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'test-fake-key', maxRetries: 0 });
});
after(() => mock.close());

const USAGE = { input_tokens: 21, output_tokens: 4, cache_creation_input_tokens: 3, cache_read_input_tokens: 5 };
const messages = [{ role: 'user' as const, content: 'Say hello' }];

function last() {
  const r = mock.requests.at(-1);
  assert.ok(r, 'the mock received a request');
  return r;
}

describe('Anthropic SDK against the mock', () => {
  it('messages.create without streaming: content and usage', async () => {
    mock.script = { pieces: ['Hello', ' there', '!', ' Bye'], usage: USAGE };
    const msg = await anthropic.messages.create({ model: 'claude-test-1', max_tokens: 64, messages });
    assert.equal(msg.type, 'message');
    assert.equal(msg.model, 'claude-test-1');
    assert.deepEqual(msg.content, [{ type: 'text', text: 'Hello there! Bye' }]);
    assert.equal(msg.usage.input_tokens, 21);
    assert.equal(msg.usage.output_tokens, 4);
    assert.equal(msg.usage.cache_creation_input_tokens, 3);
    assert.equal(msg.usage.cache_read_input_tokens, 5);
    const r = last();
    assert.equal(r.path, '/v1/messages');
    // @anthropic-ai/sdk 1.x sends `apiKey` as `Authorization: Bearer`, not `x-api-key`.
    assert.equal(apiKeyOf(r), 'test-fake-key');
    assert.ok(r.headers['anthropic-version'], 'the SDK sends anthropic-version');
    assert.deepEqual(r.body, { model: 'claude-test-1', max_tokens: 64, messages });
  });

  it('messages.create with stream: true yields every event, usage in message_start and message_delta', async () => {
    mock.script = { deltas: 5, usage: USAGE, pings: 2 };
    const stream = await anthropic.messages.create({ model: 'claude-test-1', max_tokens: 64, messages, stream: true });
    const types: string[] = [];
    let text = '';
    let startUsage: Anthropic.Usage | undefined;
    let deltaUsage: Anthropic.MessageDeltaUsage | undefined;
    for await (const ev of stream) {
      types.push(ev.type);
      if (ev.type === 'message_start') startUsage = ev.message.usage;
      if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
      if (ev.type === 'message_delta') deltaUsage = ev.usage;
    }
    // Pings are dropped by the SDK.
    assert.deepEqual(types, ['message_start', 'content_block_start', ...Array(5).fill('content_block_delta'), 'content_block_stop', 'message_delta', 'message_stop']);
    assert.equal(text, 'Hello w1 w2 w3 w4');
    assert.equal(startUsage?.input_tokens, 21);
    assert.equal(startUsage?.cache_read_input_tokens, 5);
    assert.equal(deltaUsage?.output_tokens, 4);
    assert.equal((last().body as { stream?: boolean }).stream, true);
    assert.match(last().headers['accept'] ?? '', /application\/json/);
  });

  it('messages.stream().finalMessage() accumulates a whole message', async () => {
    mock.script = { deltas: 4, usage: USAGE, interimUsage: { output_tokens: 2 }, fullDeltaUsage: true };
    const final = await anthropic.messages.stream({ model: 'claude-test-1', max_tokens: 64, messages }).finalMessage();
    assert.equal(final.content[0]?.type === 'text' && final.content[0].text, 'Hello w1 w2 w3');
    assert.equal(final.stop_reason, 'end_turn');
    assert.equal(final.usage.output_tokens, 4);
    assert.equal(final.usage.input_tokens, 21);
    assert.equal(final.usage.cache_creation_input_tokens, 3);
  });

  it('an error event mid-stream surfaces as an APIError', async () => {
    mock.script = { deltas: 5, errorAfterDeltas: 2 };
    const stream = await anthropic.messages.create({ model: 'claude-test-1', max_tokens: 64, messages, stream: true });
    await assert.rejects(
      (async () => {
        for await (const _ of stream);
      })(),
      (err: unknown) => err instanceof Anthropic.APIError && /overloaded/i.test(err.message),
    );
  });

  it('a connection cut mid-stream is an error, not a clean end', async () => {
    mock.script = { deltas: 5, cutAfterDeltas: 2 };
    await assert.rejects(anthropic.messages.stream({ model: 'claude-test-1', max_tokens: 64, messages }).finalMessage());
  });

  it('count_tokens answers input_tokens', async () => {
    mock.script = { usage: { input_tokens: 17 } };
    const r = await anthropic.messages.countTokens({ model: 'claude-test-1', messages });
    assert.equal(r.input_tokens, 17);
    assert.equal(last().path, '/v1/messages/count_tokens');
  });

  it('a scripted status is the provider error the SDK maps', async () => {
    mock.script = { status: 429 };
    await assert.rejects(anthropic.messages.create({ model: 'claude-test-1', max_tokens: 64, messages }), Anthropic.RateLimitError);
  });

  it('requireKey refuses a wrong key with 401', async () => {
    mock.script = {};
    mock.requireKey = 'the-right-key';
    try {
      await assert.rejects(anthropic.messages.create({ model: 'claude-test-1', max_tokens: 64, messages }), Anthropic.AuthenticationError);
    } finally {
      mock.requireKey = undefined;
    }
  });
});

describe('OpenAI SDK against the mock', () => {
  it('chat.completions.create without streaming: content and usage', async () => {
    mock.script = { pieces: ['Hi', ' you'], usage: USAGE };
    const c = await openai.chat.completions.create({ model: 'gpt-test', messages });
    assert.equal(c.choices[0]?.message.content, 'Hi you');
    assert.equal(c.usage?.prompt_tokens, 26, 'prompt_tokens include the cached ones');
    assert.equal(c.usage?.prompt_tokens_details?.cached_tokens, 5);
    assert.equal(c.usage?.completion_tokens, 4);
    const r = last();
    assert.equal(r.path, '/v1/chat/completions');
    assert.equal(r.headers['authorization'], 'Bearer test-fake-key');
  });

  it('chat.completions.create streaming with include_usage: a last chunk with usage and no choices', async () => {
    mock.script = { deltas: 6, usage: USAGE };
    const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'Hello w1 w2 w3 w4 w5');
    assert.equal(chunks, 6 + 3);
    assert.equal(usage?.prompt_tokens, 26);
    assert.equal(usage?.completion_tokens, 4);
  });

  it('chat streaming without include_usage carries no usage at all', async () => {
    mock.script = { deltas: 2, usage: USAGE };
    const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true });
    for await (const chunk of stream) assert.equal(chunk.usage, undefined);
  });

  it('chat.completions.stream().finalChatCompletion() accumulates', async () => {
    mock.script = { deltas: 3, usage: USAGE };
    const final = await openai.chat.completions.stream({ model: 'gpt-test', messages, stream_options: { include_usage: true } }).finalChatCompletion();
    assert.equal(final.choices[0]?.message.content, 'Hello w1 w2');
    assert.equal(final.choices[0]?.finish_reason, 'stop');
    assert.equal(final.usage?.total_tokens, 30);
  });

  it('a chat error chunk mid-stream surfaces as an APIError', async () => {
    mock.script = { deltas: 4, errorAfterDeltas: 1 };
    const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true });
    await assert.rejects(
      (async () => {
        for await (const _ of stream);
      })(),
      OpenAI.APIError,
    );
  });

  it('responses.create without streaming: output_text and usage', async () => {
    mock.script = { pieces: ['One', ' two'], usage: USAGE };
    const r = await openai.responses.create({ model: 'gpt-test', input: 'Say hello', max_output_tokens: 50 });
    assert.equal(r.output_text, 'One two');
    assert.equal(r.status, 'completed');
    assert.equal(r.usage?.input_tokens, 26);
    assert.equal(r.usage?.input_tokens_details.cached_tokens, 5);
    assert.equal(r.usage?.output_tokens, 4);
    assert.equal(last().path, '/v1/responses');
  });

  it('responses.create streaming: created … output_text.delta … completed with usage', async () => {
    mock.script = { deltas: 3, usage: USAGE };
    const stream = await openai.responses.create({ model: 'gpt-test', input: 'Say hello', stream: true });
    const types: string[] = [];
    let text = '';
    let usage: OpenAI.Responses.ResponseUsage | null | undefined;
    for await (const ev of stream) {
      types.push(ev.type);
      if (ev.type === 'response.output_text.delta') text += ev.delta;
      if (ev.type === 'response.completed') usage = ev.response.usage;
    }
    assert.equal(types[0], 'response.created');
    assert.equal(types.at(-1), 'response.completed');
    assert.equal(types.filter((t) => t === 'response.output_text.delta').length, 3);
    assert.equal(text, 'Hello w1 w2');
    assert.equal(usage?.output_tokens, 4);
  });

  it('responses.stream().finalResponse() accumulates every event', async () => {
    mock.script = { deltas: 3, usage: USAGE };
    const final = await openai.responses.stream({ model: 'gpt-test', input: 'Say hello' }).finalResponse();
    assert.equal(final.output_text, 'Hello w1 w2');
    assert.equal(final.usage?.total_tokens, 30);
  });
});

describe('mock defaults', () => {
  it('usage is derived deterministically when not scripted', async () => {
    mock.script = { deltas: 7 };
    const msg = await anthropic.messages.create({ model: 'claude-test-1', max_tokens: 64, messages });
    assert.equal(msg.usage.output_tokens, 7);
    assert.equal(msg.usage.input_tokens, Math.ceil(last().raw.length / 4));
  });

  it('a missing max_tokens is refused as the API does', async () => {
    mock.script = {};
    const res = await fetch(`${mock.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', messages }) });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { type: string }).type, 'error');
  });

  it('delays between events are honoured', async () => {
    mock.script = { deltas: 4, delayMs: 20 };
    const t0 = Date.now();
    await anthropic.messages.stream({ model: 'claude-test-1', max_tokens: 64, messages }).finalMessage();
    assert.ok(Date.now() - t0 >= 150, 'nine events at 20 ms each');
  });

  it('records what the SDKs send: method, path, headers', () => {
    const a = mock.requests.find((r) => r.headers['user-agent']?.startsWith('Anthropic/JS'));
    const o = mock.requests.find((r) => r.headers['user-agent']?.startsWith('OpenAI/JS'));
    assert.ok(a && o, 'both SDKs were recorded');
    for (const r of [a, o]) {
      assert.equal(r.method, 'POST');
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(apiKeyOf(r), 'test-fake-key');
      // fetch (undici) asks for compression unless told otherwise.
      assert.match(r.headers['accept-encoding'] ?? '', /gzip/);
    }
  });
});
