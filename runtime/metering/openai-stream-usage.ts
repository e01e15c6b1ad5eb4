// OpenAI reports a streamed chat completion's usage only when the request
// says `stream_options: {include_usage: true}`: then one last chunk with
// empty `choices` carries it. The gateway adds the option to streaming
// chat-completion requests that lack it, so every stream can be metered,
// and takes that extra chunk back out of the client's stream, so a client
// that did not ask for it sees the stream it expected. The meter reads the
// unfiltered copy.
import { parseObject, pathIs } from '../../plugins/meter/metered-api.ts';

/** The request body with include_usage set, or null when nothing needs to change. */
export function askForStreamUsage(path: string, body: Buffer): Buffer | null {
  if (!pathIs(path, '/v1/chat/completions') || body.length === 0) return null;
  const req = parseObject(body.toString('utf8'));
  if (!req || req['stream'] !== true) return null;
  const options = req['stream_options'];
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) return null;
  if ((options as Record<string, unknown> | undefined)?.['include_usage'] === true) return null;
  req['stream_options'] = { ...(options as Record<string, unknown> | undefined), include_usage: true };
  return Buffer.from(JSON.stringify(req), 'utf8');
}

// Events end at a blank line; OpenAI sends `\n\n`, the SSE spec also allows CR and CRLF.
const EVENT_END = /\r\n\r\n|\n\n|\r\r/g;
/** An event larger than this is passed through unread: usage chunks are small. */
const MAX_HELD = 64 * 1024;

/**
 * Drops usage-only chunks (`"choices":[]` with a `usage` object) from an
 * SSE stream, event by event. Holds back at most one partial event between
 * chunks; everything else passes through in the order it came.
 */
export class UsageChunkFilter {
  #held = '';

  /** The text to forward for this chunk. */
  push(chunk: Buffer): string {
    const text = this.#held + chunk.toString('latin1');
    let out = '';
    let start = 0;
    EVENT_END.lastIndex = 0;
    for (let m = EVENT_END.exec(text); m; m = EVENT_END.exec(text)) {
      const end = m.index + m[0].length;
      const event = text.slice(start, end);
      if (!isUsageOnly(event)) out += event;
      start = end;
    }
    this.#held = text.slice(start);
    if (this.#held.length > MAX_HELD) {
      out += this.#held;
      this.#held = '';
    }
    return out;
  }

  /** What is left at the end of the stream. */
  flush(): string {
    const rest = this.#held;
    this.#held = '';
    return isUsageOnly(rest) ? '' : rest;
  }
}

function isUsageOnly(event: string): boolean {
  if (!event.includes('"usage"')) return false;
  // Latin-1 in, latin-1 out: the JSON is read as UTF-8 only to be inspected.
  const data = event
    .split(/\r\n|\r|\n/)
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(l.startsWith('data: ') ? 6 : 5))
    .join('\n');
  const chunk = parseObject(Buffer.from(data, 'latin1').toString('utf8'));
  return !!chunk && Array.isArray(chunk['choices']) && chunk['choices'].length === 0 && typeof chunk['usage'] === 'object' && chunk['usage'] !== null;
}
