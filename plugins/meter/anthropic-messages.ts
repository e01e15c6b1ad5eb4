// Anthropic Messages API (`POST /v1/messages`): usage in the JSON message,
// or across the stream's events:
//   message_start        message.model, message.usage (input and cache counts, output so far)
//   content_block_delta  text / tool-input JSON / thinking text: the running output estimate
//   message_delta        usage totals for the whole message: overwrite, never add
//   error                the stream failed; what was counted stays, marked estimated
//   ping, content_block_start/stop, message_stop: nothing to count
import { type MeteredApi, parseObject, positiveInt } from './metered-api.ts';
import type { SseEvent } from './sse-events.ts';
import { isObject, type UsageTally } from './usage.ts';

function readUsage(tally: UsageTally, usage: unknown): void {
  if (!isObject(usage)) return;
  tally.setInput(usage['input_tokens']);
  tally.setOutput(usage['output_tokens']);
  tally.setCacheCreation(usage['cache_creation_input_tokens']);
  tally.setCacheRead(usage['cache_read_input_tokens']);
}

// A text delta exactly as the API writes it; anything else goes through JSON.parse.
const TEXT_DELTA = /^\{"type":"content_block_delta","index":\d+,"delta":\{"type":"text_delta","text":"((?:[^"\\]|\\.)*)"\}\}$/;

/**
 * The text of a plain text delta without a full JSON.parse: nearly every
 * event of a stream is one, and parsing each one cost more than proxying
 * it. Only text without escapes is read this way (its length is then exact);
 * null sends the event the slow way.
 */
function plainDeltaText(data: string): string | null {
  if (!data.startsWith('{"type":"content_block_delta"')) return null;
  const m = TEXT_DELTA.exec(data);
  return m && !m[1]!.includes('\\') ? m[1]! : null;
}

/** Events with nothing to count: their `event:` line is enough to pass them by unparsed. */
const NOTHING_TO_COUNT: ReadonlySet<string> = new Set(['ping', 'content_block_start', 'content_block_stop', 'message_stop']);

function onEvent(tally: UsageTally, sse: SseEvent): void {
  // The `event:` line and the data's `type` agree on Anthropic's stream; the
  // line is enough to skip what carries no count without a JSON.parse (a
  // skimmed stream's head and tail are mostly such events).
  if (sse.event !== undefined && NOTHING_TO_COUNT.has(sse.event)) return;
  if (sse.event === 'content_block_delta') {
    const text = plainDeltaText(sse.data);
    if (text !== null) {
      tally.addOutputText(text);
      return;
    }
  }
  const ev = parseObject(sse.data);
  if (!ev) {
    tally.uncertain = true;
    return;
  }
  switch (sse.event ?? ev['type']) {
    case 'message_start': {
      const message = ev['message'];
      if (!isObject(message)) return;
      tally.setModel(message['model']);
      readUsage(tally, message['usage']);
      return;
    }
    case 'content_block_delta': {
      const delta = ev['delta'];
      if (!isObject(delta)) return;
      if (delta['type'] === 'text_delta') tally.addOutputText(delta['text']);
      else if (delta['type'] === 'input_json_delta') tally.addOutputText(delta['partial_json']);
      else if (delta['type'] === 'thinking_delta') tally.addOutputText(delta['thinking']);
      return;
    }
    case 'message_delta':
      readUsage(tally, ev['usage']);
      if (isObject(ev['usage'])) tally.final = true;
      return;
    case 'error':
      tally.uncertain = true;
      return;
  }
}

function onJson(tally: UsageTally, body: unknown): void {
  if (!isObject(body) || body['type'] === 'error') return;
  tally.setModel(body['model']);
  if (!isObject(body['usage'])) return;
  readUsage(tally, body['usage']);
  tally.final = true;
}

export const anthropicMessages: MeteredApi = {
  // max_tokens is required by the API (and includes any thinking budget);
  // a request without it is refused upstream, and cannot be bounded here.
  outputCap: (body) => positiveInt(body['max_tokens']) ?? null,
  onEvent,
  onJson,
};
