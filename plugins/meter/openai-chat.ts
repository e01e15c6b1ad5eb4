// OpenAI Chat Completions (`POST /v1/chat/completions`). The JSON response
// carries `usage`; a stream is `data:` lines of chunk objects ending in
// `data: [DONE]`, and carries usage (in one last chunk with no choices) only
// when the request set `stream_options.include_usage`. Without it the
// output is the estimate from the streamed text and the input the request's
// estimate, marked estimated. A chunk `{"error": …}` is a failure mid-stream.
import { type MeteredApi, parseObject, positiveInt } from './metered-api.ts';
import type { SseEvent } from './sse-events.ts';
import { isObject, type UsageTally } from './usage.ts';

function readUsage(tally: UsageTally, usage: unknown): void {
  if (!isObject(usage)) return;
  const details = usage['prompt_tokens_details'];
  tally.setOpenAiInput(usage['prompt_tokens'], isObject(details) ? details['cached_tokens'] : undefined);
  tally.setOutput(usage['completion_tokens']);
  tally.final = true;
}

function countDelta(tally: UsageTally, delta: unknown): void {
  if (!isObject(delta)) return;
  tally.addOutputText(delta['content']);
  tally.addOutputText(delta['refusal']);
  // Not OpenAI's own field, but OpenAI-compatible servers stream reasoning here.
  tally.addOutputText(delta['reasoning_content']);
  const calls = delta['tool_calls'];
  if (Array.isArray(calls)) {
    for (const call of calls) {
      const fn = isObject(call) ? call['function'] : undefined;
      if (!isObject(fn)) continue;
      tally.addOutputText(fn['name']);
      tally.addOutputText(fn['arguments']);
    }
  }
}

function onEvent(tally: UsageTally, sse: SseEvent): void {
  if (sse.data === '[DONE]') return;
  const chunk = parseObject(sse.data);
  if (!chunk) {
    tally.uncertain = true;
    return;
  }
  if (chunk['error'] !== undefined) {
    tally.uncertain = true;
    return;
  }
  tally.setModel(chunk['model']);
  const choices = chunk['choices'];
  if (Array.isArray(choices)) for (const choice of choices) if (isObject(choice)) countDelta(tally, choice['delta']);
  readUsage(tally, chunk['usage']);
}

function onJson(tally: UsageTally, body: unknown): void {
  if (!isObject(body)) return;
  tally.setModel(body['model']);
  readUsage(tally, body['usage']);
}

/**
 * `defaultMaxOutput` stands in for a request without a cap (OpenAI has no
 * required one). `n` choices each produce up to the cap.
 */
export function openAiChat(defaultMaxOutput: number): MeteredApi {
  return {
    outputCap: (body) => {
      const cap = positiveInt(body['max_completion_tokens']) ?? positiveInt(body['max_tokens']) ?? defaultMaxOutput;
      return cap * (positiveInt(body['n']) ?? 1);
    },
    onEvent,
    onJson,
  };
}
