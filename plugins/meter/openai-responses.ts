// OpenAI Responses (`POST /v1/responses`). The JSON response carries
// `usage`; the stream's lifecycle events (`response.created`, …,
// `response.completed` / `.incomplete` / `.failed`) carry the response
// object, whose `usage` is filled in at the end. Every `*.delta` event with
// a string `delta` (output text, function-call arguments, reasoning text,
// refusals) counts toward the running output estimate. An `error` event is
// a failure mid-stream; `response.failed` still carries the provider's
// count when it has one, and that count is taken as exact.
import { type MeteredApi, parseObject, positiveInt } from './metered-api.ts';
import type { SseEvent } from './sse-events.ts';
import { isObject, type UsageTally } from './usage.ts';

function readResponse(tally: UsageTally, response: unknown): void {
  if (!isObject(response)) return;
  tally.setModel(response['model']);
  const usage = response['usage'];
  if (!isObject(usage)) return;
  const details = usage['input_tokens_details'];
  tally.setOpenAiInput(usage['input_tokens'], isObject(details) ? details['cached_tokens'] : undefined);
  tally.setOutput(usage['output_tokens']);
  tally.final = true;
}

function onEvent(tally: UsageTally, sse: SseEvent): void {
  const ev = parseObject(sse.data);
  if (!ev) {
    tally.uncertain = true;
    return;
  }
  const type = typeof ev['type'] === 'string' ? ev['type'] : (sse.event ?? '');
  if (type === 'error') {
    tally.uncertain = true;
    return;
  }
  if (type.endsWith('.delta')) {
    tally.addOutputText(ev['delta']);
    return;
  }
  if (isObject(ev['response'])) readResponse(tally, ev['response']);
}

/** `defaultMaxOutput` stands in for a request without `max_output_tokens`. */
export function openAiResponses(defaultMaxOutput: number): MeteredApi {
  return {
    outputCap: (body) => positiveInt(body['max_output_tokens']) ?? defaultMaxOutput,
    onEvent,
    onJson: readResponse,
  };
}
