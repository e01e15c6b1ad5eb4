// The gateway's side of OpenAI stream usage: include_usage is added only to
// streaming chat-completion requests that lack it, and the usage-only chunk
// it brings is taken out of the client's stream — wherever the stream's
// chunks happen to split it — while every other byte passes unchanged (the
// filter speaks latin1 strings: one character per byte, written back as such).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { askForStreamUsage, UsageChunkFilter } from '../runtime/metering/openai-stream-usage.ts';

const body = (o: unknown) => Buffer.from(JSON.stringify(o));

describe('askForStreamUsage', () => {
  it('adds include_usage to a streaming chat request, keeping other stream options', () => {
    const out = askForStreamUsage('/gw/api.openai.com/v1/chat/completions', body({ model: 'm', stream: true, stream_options: { x: 1 } }));
    assert.deepEqual(JSON.parse(out!.toString()), { model: 'm', stream: true, stream_options: { x: 1, include_usage: true } });
  });
  it('leaves alone what needs nothing: asked already, not streaming, another API, garbage', () => {
    assert.equal(askForStreamUsage('/v1/chat/completions', body({ stream: true, stream_options: { include_usage: true } })), null);
    assert.equal(askForStreamUsage('/v1/chat/completions', body({ stream: false })), null);
    assert.equal(askForStreamUsage('/v1/responses', body({ stream: true })), null);
    assert.equal(askForStreamUsage('/v1/chat/completions', Buffer.from('{not json')), null);
    assert.equal(askForStreamUsage('/v1/chat/completions', body({ stream: true, stream_options: 'weird' })), null);
  });
});

describe('UsageChunkFilter', () => {
  const chunk = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;
  const content = chunk({ id: 'c', choices: [{ index: 0, delta: { content: 'hé "usage" in text' } }] });
  const usage = chunk({ id: 'c', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } });
  const stream = content + content + usage + 'data: [DONE]\n\n';
  const want = content + content + 'data: [DONE]\n\n';

  it('drops the usage-only chunk and nothing else, split at every byte', () => {
    const bytes = Buffer.from(stream);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const f = new UsageChunkFilter();
      const out = f.push(bytes.subarray(0, cut)) + f.push(bytes.subarray(cut)) + f.flush();
      assert.equal(Buffer.from(out, 'latin1').toString('utf8'), want, `cut at ${cut}`);
    }
  });

  it('passes a stream without a usage chunk through unchanged, CRLF events too', () => {
    const f = new UsageChunkFilter();
    const crlf = content.replace(/\n/g, '\r\n');
    assert.equal(Buffer.from(f.push(Buffer.from(crlf)) + f.flush(), 'latin1').toString('utf8'), crlf);
  });

  it('keeps a chunk that has usage and choices (not the extra one)', () => {
    const both = chunk({ choices: [{ index: 0, delta: {} }], usage: { prompt_tokens: 1 } });
    const f = new UsageChunkFilter();
    assert.equal(f.push(Buffer.from(both)) + f.flush(), both);
  });
});
