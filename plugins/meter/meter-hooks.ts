// The meter hooks every provider shares: per-stream state keyed by
// streamId from onMeterRequest to onMeterEnd (the host delivers one
// stream's calls in order and always ends it), the request's estimate, and
// reading the response as SSE or JSON under caps. What a provider's API
// means (which requests are usage, where usage sits in a response) comes
// from its MeteredApi.
import { DEFAULT_MAX_DECODED_BYTES, contentEncodings, decodeBody } from '../scan/decompress.ts';
import type { MeterEnd, MeterStart, PluginHooks, RequestView, ResponseChunkView, UsageRecord } from '../sdk.ts';
import { tokensForBytes } from './estimate.ts';
import { JsonBody } from './json-body.ts';
import { type MeteredApi, parseObject } from './metered-api.ts';
import { type SseEvent, SseEvents } from './sse-events.ts';
import { sameUsage, UsageTally } from './usage.ts';

export const DEFAULT_MAX_JSON_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_EVENT_CHARS = 1024 * 1024;
/** Stands in for the output cap of an OpenAI request that sets none. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

export interface MeterOptions {
  /** A JSON response is kept up to this size to be parsed at its end; past it usage is estimated from the size. */
  maxJsonBytes?: number;
  /** An SSE event longer than this (in characters) is skipped unread and the usage marked estimated. */
  maxEventChars?: number;
}

/** The options schema properties both meters share. */
export const meterOptionProperties = {
  maxJsonBytes: {
    type: 'integer',
    minimum: 1024,
    default: DEFAULT_MAX_JSON_BYTES,
    description: 'Largest JSON response kept to read its usage; a larger one is estimated from its size.',
  },
  maxEventChars: {
    type: 'integer',
    minimum: 1024,
    default: DEFAULT_MAX_EVENT_CHARS,
    description: 'Largest SSE event read (characters); a larger one is skipped and the usage marked estimated.',
  },
} as const;

interface Stream {
  readonly api: MeteredApi;
  readonly tally: UsageTally;
  readonly estimate: MeterStart['estimate'];
  readonly streaming: boolean;
  /** Input tokens by the body-size ratio: the input until (or unless) the provider reports it. */
  readonly inputGuess: number;
  /** 0 until the first chunk. */
  status: number;
  body: SseEvents<Stream> | JsonBody | 'unreadable' | undefined;
  /** Bytes read; with gaps, fewer than `next`. */
  bytes: number;
  /** Position the next chunk starts at when nothing is skipped. */
  next: number;
  dropped: number;
  last: UsageRecord | null;
}

const utf8 = new TextDecoder();
/** Event readers a meter keeps for the next streams (sse-events.ts says why). */
const SPARE_READERS = 16;
const deliver = (s: Stream, ev: SseEvent) => s.api.onEvent(s.tally, ev);
const isOk = (status: number) => status >= 200 && status < 300;

function header(headers: ResponseChunkView['headers'], name: string): string {
  for (const [n, v] of headers) if (n === name) return v.toLowerCase();
  return '';
}

/**
 * `apiFor` decides from the request alone whether it is metered usage:
 * null means it is not (count_tokens, model lists, anything else).
 */
export function meterHooks(provider: string, apiFor: (req: RequestView) => MeteredApi | null, options: MeterOptions): PluginHooks {
  const maxJsonBytes = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  const maxEventChars = options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS;
  const streams = new Map<string, Stream>();
  const spare: Array<SseEvents<Stream>> = [];
  const openSse = (s: Stream) => (spare.pop() ?? new SseEvents(deliver, maxEventChars)).begin(s);
  /** Ends the reader, counts what it dropped, and keeps it for another stream. */
  function closeSse(s: Stream, sse: SseEvents<Stream>): void {
    sse.end();
    noteDropped(s, sse);
    if (spare.length < SPARE_READERS) spare.push(sse);
  }

  function start(streamId: string, req: RequestView): MeterStart | null {
    const api = apiFor(req);
    if (!api) return null;
    const decoded = decodeBody(req.body, contentEncodings(req.headers), DEFAULT_MAX_DECODED_BYTES);
    const body = decoded.refusal ? undefined : parseObject(utf8.decode(decoded.body));
    const inputGuess = tokensForBytes(decoded.refusal ? req.body.length : decoded.body.length);
    const model = typeof body?.['model'] === 'string' ? body['model'] : undefined;
    const cap = body ? api.outputCap(body) : null;
    const estimate = cap === null ? null : { input_tokens: inputGuess, output_tokens: cap };
    streams.set(streamId, {
      api,
      tally: new UsageTally(provider, model, inputGuess),
      estimate,
      streaming: body?.['stream'] === true,
      inputGuess,
      status: 0,
      body: undefined,
      bytes: 0,
      next: 0,
      dropped: 0,
      last: null,
    });
    const out: MeterStart = { provider, estimate };
    if (model !== undefined) out.model = model;
    return out;
  }

  function openBody(s: Stream, chunk: ResponseChunkView): Stream['body'] {
    const type = header(chunk.headers, 'content-type');
    // Without a content type, the request's own `stream` flag says which.
    const sse = type.includes('text/event-stream') || (type === '' && s.streaming);
    if (sse) {
      // A compressed event stream cannot be decoded chunk by chunk here. The
      // SDKs send `accept-encoding: gzip, deflate`, so the host has to ask
      // metered upstreams for identity; a server that compresses anyway is
      // charged the request's whole estimate.
      if (contentEncodings(chunk.headers).length > 0) return 'unreadable';
      return openSse(s);
    }
    if (type === '' || type.includes('json')) return new JsonBody(maxJsonBytes, chunk.headers);
    return 'unreadable';
  }

  function readJson(s: Stream, json: JsonBody): void {
    const parsed = json.parse();
    if (parsed) s.api.onJson(s.tally, parsed);
    if (!s.tally.final && isOk(s.status)) {
      // No usage to read (cut short, over the cap, not JSON): the body's size stands in for the output.
      s.tally.uncertain = true;
      s.tally.addOutputBytes(json.total);
    }
    s.body = undefined;
  }

  function noteDropped(s: Stream, sse: SseEvents<Stream>): void {
    if (sse.droppedChars === s.dropped) return;
    // An event too large to read is most likely generated content: counted by its size.
    s.tally.addOutputBytes(sse.droppedChars - s.dropped);
    s.tally.uncertain = true;
    s.dropped = sse.droppedChars;
  }

  /**
   * The host skipped bytes (it reads a stream that ended well at its head
   * and tail only). An event stream resumes at an event boundary, so a
   * fresh parser reads on. What was skipped is not counted: the usage stays
   * estimated unless the provider's closing count is read after the gap.
   */
  function skipTo(s: Stream): void {
    if (s.body instanceof SseEvents) {
      closeSse(s, s.body);
      s.dropped = 0;
      s.body = openSse(s);
    } else if (s.body instanceof JsonBody) {
      // A JSON document with a hole in it cannot be read.
      s.body = 'unreadable';
    }
  }

  function chunk(streamId: string, c: ResponseChunkView): UsageRecord | null {
    const s = streams.get(streamId);
    if (!s) return null;
    if (s.status === 0) s.body = openBody(s, c);
    s.status = c.status;
    if (c.position !== s.next) skipTo(s);
    s.next = c.position + c.data.length;
    s.bytes += c.data.length;
    const body = s.body;
    if (body instanceof SseEvents) {
      body.feed(c.data);
      noteDropped(s, body);
    } else if (body instanceof JsonBody) {
      body.add(c.data);
      if (!c.final) return null;
      readJson(s, body);
    }
    if (body === 'unreadable' || (!isOk(s.status) && !s.tally.reported)) return null;
    const now = s.tally.record();
    if (sameUsage(s.last, now)) return null;
    s.last = now;
    return now;
  }

  function end(streamId: string, _end: MeterEnd): UsageRecord | null {
    const s = streams.get(streamId);
    if (!s) return null;
    streams.delete(streamId);
    const model = s.tally.model;
    const guess = (output: number): UsageRecord => ({
      provider,
      ...(model !== undefined && { model }),
      input_tokens: s.inputGuess,
      output_tokens: output,
      estimated: true,
    });
    // Nothing arrived: the provider may have read the prompt, nothing came back.
    if (s.status === 0) return guess(0);
    const body = s.body;
    if (body instanceof SseEvents) closeSse(s, body);
    else if (body instanceof JsonBody) readJson(s, body);
    if (!isOk(s.status) && !s.tally.reported) return null;
    // Complete but unreadable: the request's own cap is the most it can have cost.
    if (body === 'unreadable') return guess(s.estimate?.output_tokens ?? tokensForBytes(s.bytes));
    // An interrupted stream needs no flag of its own: without the provider's
    // closing count the record is estimated already, and with it the count
    // is the provider's whole answer.
    return s.tally.record();
  }

  return {
    onMeterRequest: start,
    onMeterChunk: chunk,
    onMeterEnd: end,
  };
}
