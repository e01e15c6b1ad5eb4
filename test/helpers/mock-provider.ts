// A mock model provider: a real HTTP server on 127.0.0.1 that speaks the
// Anthropic Messages and OpenAI Chat Completions / Responses wire formats,
// JSON and SSE, faithfully enough that the official SDKs parse it
// (test/mock-provider.test.ts holds it to that). Each test scripts what the
// next requests get (usage, number of deltas, delays, an error event, a cut
// connection) and reads back every request the mock received.
//
// The renderers are exported too: meter tests feed the exact bytes the
// server would send without a socket in between.
//
//   POST /v1/messages                Anthropic, JSON or `stream: true`
//   POST /v1/messages/count_tokens   Anthropic, {input_tokens}
//   POST /v1/chat/completions        OpenAI chat, JSON or SSE (usage chunk only with stream_options.include_usage)
//   POST /v1/responses               OpenAI responses, JSON or SSE
// Any path prefix is accepted (`/gw/api.anthropic.com/v1/messages` → `/v1/messages`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface MockScript {
  /** Reply text, one delta event per piece. Default: `deltas` pieces `Hello`, ` w1`, ` w2`, … */
  pieces?: string[];
  /** Number of delta events when `pieces` is not given. Default 3. */
  deltas?: number;
  /**
   * Usage the provider reports. Default: input = ceil(request body bytes / 4),
   * output = number of pieces, cache counts 0. OpenAI reports
   * prompt_tokens = input + cache_read, cached_tokens = cache_read.
   */
  usage?: Partial<MockUsage>;
  /** Anthropic: one extra message_delta with these cumulative counts before the final one. */
  interimUsage?: Partial<MockUsage>;
  /** Anthropic: the final message_delta carries all four counts, not only output_tokens. */
  fullDeltaUsage?: boolean;
  /** Anthropic: `ping` events after content_block_start. Default 1. */
  pings?: number;
  /** Reply with this status and the provider's error body instead. */
  status?: number;
  /** Stream: an error event after this many deltas, then the body ends. */
  errorAfterDeltas?: number;
  /** Stream: the connection is destroyed after this many deltas. */
  cutAfterDeltas?: number;
  /** Stream: raw SSE text sent after this many deltas (e.g. an oversized event). */
  inject?: { afterDeltas: number; text: string };
  /** Delay before each event, ms. */
  delayMs?: number;
  /** The model the reply names. Default: the request's. */
  model?: string;
}

export interface RecordedRequest {
  method: string;
  /** Without the query. */
  path: string;
  query: string;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  raw: Buffer;
  /** The parsed JSON body, or undefined when it is not JSON. */
  body: unknown;
}

/** What a request gets: a JSON body or a list of SSE events, with the script's stream behaviour. */
export interface MockReply {
  status: number;
  headers: Record<string, string>;
  json?: unknown;
  /** SSE events, each complete with its blank line; `delta` marks content deltas (the script counts those). */
  events?: Iterable<{ text: string; delta?: boolean }>;
}

const CREATED = 1_700_000_000;
const enc = new TextEncoder();
let nextId = 0;
const id = (prefix: string) => `${prefix}_mock${String(++nextId).padStart(6, '0')}`;

export function piecesOf(script: MockScript): string[] {
  if (script.pieces) return script.pieces;
  const n = script.deltas ?? 3;
  return Array.from({ length: n }, (_, i) => (i === 0 ? 'Hello' : ` w${i}`));
}

export function usageOf(script: MockScript, req: RecordedRequest): MockUsage {
  return {
    input_tokens: Math.ceil(req.raw.length / 4),
    output_tokens: piecesOf(script).length,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    ...script.usage,
  };
}

const sse = (event: string | undefined, data: unknown): string => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

// ---------------------------------------------------------------------------
// Anthropic

function anthropicError(status: number, type: string, message: string): MockReply {
  return { status, headers: { 'content-type': 'application/json', 'request-id': id('req') }, json: { type: 'error', error: { type, message }, request_id: id('req') } };
}

const ERROR_TYPES: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error' };

export function anthropicReply(req: RecordedRequest, script: MockScript): MockReply {
  const body = obj(req.body);
  if (script.status && script.status >= 300) return anthropicError(script.status, ERROR_TYPES[script.status] ?? 'api_error', 'scripted error');
  if (typeof body['model'] !== 'string') return anthropicError(400, 'invalid_request_error', 'model: Field required');
  if (typeof body['max_tokens'] !== 'number') return anthropicError(400, 'invalid_request_error', 'max_tokens: Field required');
  const model = script.model ?? body['model'];
  const usage = usageOf(script, req);
  const pieces = piecesOf(script);
  const msgId = id('msg');
  const headers = { 'request-id': id('req') };
  if (body['stream'] !== true) {
    return {
      status: 200,
      headers: { ...headers, 'content-type': 'application/json' },
      json: {
        id: msgId,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text: pieces.join('') }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { ...usage, service_tier: 'standard' },
      },
    };
  }
  return { status: 200, headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }, events: anthropicEvents(msgId, model, usage, pieces, script) };
}

function* anthropicEvents(msgId: string, model: unknown, usage: MockUsage, pieces: string[], script: MockScript) {
  yield {
    text: sse('message_start', {
      type: 'message_start',
      message: {
        id: msgId,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // As on the wire: input and cache counts final, output a first count.
        usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens), service_tier: 'standard' },
      },
    }),
  };
  yield { text: sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) };
  for (let i = 0; i < (script.pings ?? 1); i++) yield { text: sse('ping', { type: 'ping' }) };
  for (const text of pieces) yield { text: sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }), delta: true };
  yield { text: sse('content_block_stop', { type: 'content_block_stop', index: 0 }) };
  if (script.interimUsage) {
    yield { text: sse('message_delta', { type: 'message_delta', delta: { stop_reason: null, stop_sequence: null }, usage: script.interimUsage }) };
  }
  const deltaUsage = script.fullDeltaUsage ? { ...usage } : { output_tokens: usage.output_tokens };
  yield { text: sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: deltaUsage }) };
  yield { text: sse('message_stop', { type: 'message_stop' }) };
}

function anthropicErrorEvent(): string {
  return sse('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
}

export function anthropicCountTokens(req: RecordedRequest, script: MockScript): MockReply {
  return { status: 200, headers: { 'content-type': 'application/json', 'request-id': id('req') }, json: { input_tokens: usageOf(script, req).input_tokens } };
}

// ---------------------------------------------------------------------------
// OpenAI

function openAiError(status: number, message: string): MockReply {
  const type = status === 401 ? 'invalid_request_error' : status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { status, headers: { 'content-type': 'application/json', 'x-request-id': id('req') }, json: { error: { message, type, param: null, code: null } } };
}

function openAiUsage(u: MockUsage) {
  const prompt = u.input_tokens + u.cache_read_input_tokens;
  return { prompt, output: u.output_tokens, total: prompt + u.output_tokens, cached: u.cache_read_input_tokens };
}

export function chatReply(req: RecordedRequest, script: MockScript): MockReply {
  const body = obj(req.body);
  if (script.status && script.status >= 300) return openAiError(script.status, 'scripted error');
  if (typeof body['model'] !== 'string') return openAiError(400, 'you must provide a model parameter');
  const model = script.model ?? body['model'];
  const u = openAiUsage(usageOf(script, req));
  const usage = {
    prompt_tokens: u.prompt,
    completion_tokens: u.output,
    total_tokens: u.total,
    prompt_tokens_details: { cached_tokens: u.cached, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
  const pieces = piecesOf(script);
  const chatId = id('chatcmpl');
  const headers = { 'x-request-id': id('req'), 'openai-processing-ms': '1' };
  if (body['stream'] !== true) {
    return {
      status: 200,
      headers: { ...headers, 'content-type': 'application/json' },
      json: {
        id: chatId,
        object: 'chat.completion',
        created: CREATED,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: pieces.join(''), refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
        usage,
        service_tier: 'default',
        system_fingerprint: 'fp_mock',
      },
    };
  }
  const includeUsage = obj(body['stream_options'])['include_usage'] === true;
  return { status: 200, headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8' }, events: chatEvents(chatId, model, includeUsage ? usage : undefined, pieces) };
}

function* chatEvents(chatId: string, model: unknown, usage: object | undefined, pieces: string[]) {
  // With include_usage every chunk carries `usage: null` until the last one.
  const chunk = (choices: unknown[], extra: object = {}) => ({
    id: chatId,
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
    choices,
    ...(usage && { usage: null }),
    ...extra,
  });
  yield { text: sse(undefined, chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }])) };
  for (const content of pieces) yield { text: sse(undefined, chunk([{ index: 0, delta: { content }, logprobs: null, finish_reason: null }])), delta: true };
  yield { text: sse(undefined, chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }])) };
  if (usage) yield { text: sse(undefined, chunk([], { usage })) };
  yield { text: 'data: [DONE]\n\n' };
}

function chatErrorEvent(): string {
  return sse(undefined, { error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } });
}

export function responsesReply(req: RecordedRequest, script: MockScript): MockReply {
  const body = obj(req.body);
  if (script.status && script.status >= 300) return openAiError(script.status, 'scripted error');
  if (typeof body['model'] !== 'string') return openAiError(400, "Missing required parameter: 'model'.");
  const u = openAiUsage(usageOf(script, req));
  const usage = {
    input_tokens: u.prompt,
    input_tokens_details: { cached_tokens: u.cached },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: u.total,
  };
  const pieces = piecesOf(script);
  const text = pieces.join('');
  const respId = id('resp');
  const msgId = id('msg');
  const base = {
    id: respId,
    object: 'response',
    created_at: CREATED,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: body['instructions'] ?? null,
    max_output_tokens: body['max_output_tokens'] ?? null,
    model: script.model ?? body['model'],
    output: [] as unknown[],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: null as unknown,
    user: null,
    metadata: {},
  };
  const part = (t: string) => ({ type: 'output_text', annotations: [], logprobs: [], text: t });
  const item = (status: string, content: unknown[]) => ({ id: msgId, type: 'message', status, content, role: 'assistant' });
  const done = { ...base, status: 'completed', output: [item('completed', [part(text)])], usage };
  const headers = { 'x-request-id': id('req'), 'openai-processing-ms': '1' };
  if (body['stream'] !== true) return { status: 200, headers: { ...headers, 'content-type': 'application/json' }, json: done };
  function* events() {
    let seq = 0;
    const ev = (type: string, data: object) => sse(type, { type, sequence_number: seq++, ...data });
    yield { text: ev('response.created', { response: base }) };
    yield { text: ev('response.in_progress', { response: base }) };
    yield { text: ev('response.output_item.added', { output_index: 0, item: item('in_progress', []) }) };
    yield { text: ev('response.content_part.added', { item_id: msgId, output_index: 0, content_index: 0, part: part('') }) };
    for (const delta of pieces) yield { text: ev('response.output_text.delta', { item_id: msgId, output_index: 0, content_index: 0, delta, logprobs: [] }), delta: true };
    yield { text: ev('response.output_text.done', { item_id: msgId, output_index: 0, content_index: 0, text, logprobs: [] }) };
    yield { text: ev('response.content_part.done', { item_id: msgId, output_index: 0, content_index: 0, part: part(text) }) };
    yield { text: ev('response.output_item.done', { output_index: 0, item: item('completed', [part(text)]) }) };
    yield { text: ev('response.completed', { response: done }) };
  }
  return { status: 200, headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8' }, events: events() };
}

function responsesErrorEvent(): string {
  return sse('error', { type: 'error', code: 'server_error', message: 'The server had an error while processing your request.', param: null, sequence_number: 0 });
}

// ---------------------------------------------------------------------------
// Routing

type Api = 'anthropic' | 'count_tokens' | 'chat' | 'responses';

function apiOf(method: string, path: string): Api | undefined {
  if (method !== 'POST') return undefined;
  if (path.endsWith('/v1/messages/count_tokens')) return 'count_tokens';
  if (path.endsWith('/v1/messages')) return 'anthropic';
  if (path.endsWith('/v1/chat/completions')) return 'chat';
  if (path.endsWith('/v1/responses')) return 'responses';
  return undefined;
}

/** The reply the server gives `req` under `script`, without a server: what meter tests feed directly. */
export function replyFor(req: RecordedRequest, script: MockScript = {}): MockReply {
  switch (apiOf(req.method, req.path)) {
    case 'anthropic':
      return anthropicReply(req, script);
    case 'count_tokens':
      return anthropicCountTokens(req, script);
    case 'chat':
      return chatReply(req, script);
    case 'responses':
      return responsesReply(req, script);
    default:
      return { status: 404, headers: { 'content-type': 'application/json' }, json: { error: { message: `no route ${req.method} ${req.path}`, type: 'not_found' } } };
  }
}

function errorEventFor(path: string): string {
  if (path.endsWith('/v1/messages')) return anthropicErrorEvent();
  if (path.endsWith('/v1/chat/completions')) return chatErrorEvent();
  return responsesErrorEvent();
}

/** A request record for `replyFor` without a server. */
export function mockRequest(path: string, body: unknown, headers: Record<string, string> = {}): RecordedRequest {
  const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { method: 'POST', path, query: '', headers: { 'content-type': 'application/json', ...headers }, raw, body: typeof body === 'string' ? undefined : body };
}

/**
 * The body bytes a reply puts on the wire, in the order written (one
 * element per write: a JSON body, or one SSE event each), honouring the
 * script's error, inject and cut points. Returns 'cut' when the script
 * cuts the connection there.
 */
export function* wireChunks(req: RecordedRequest, script: MockScript = {}, reply = replyFor(req, script)): Generator<Uint8Array, 'cut' | 'end'> {
  if (!reply.events) {
    yield enc.encode(JSON.stringify(reply.json));
    return 'end';
  }
  let deltas = 0;
  let injected = false;
  const at = (n: number | undefined) => n !== undefined && deltas === n;
  for (const ev of reply.events) {
    if (!injected && at(script.inject?.afterDeltas)) {
      injected = true;
      yield enc.encode(script.inject!.text);
    }
    if (at(script.errorAfterDeltas)) {
      yield enc.encode(errorEventFor(req.path));
      return 'end';
    }
    if (at(script.cutAfterDeltas)) return 'cut';
    yield enc.encode(ev.text);
    if (ev.delta) deltas++;
  }
  return 'end';
}

// ---------------------------------------------------------------------------
// Server

export interface MockProvider {
  /** `http://127.0.0.1:<port>`: the Anthropic SDK's baseURL; OpenAI's is `${url}/v1`. */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** What every following request gets (or a function choosing per request). */
  script: MockScript | ((req: RecordedRequest) => MockScript);
  /** When set, requests without this key (`x-api-key`, or `Authorization: Bearer`) get the provider's 401. */
  requireKey: string | undefined;
  close(): Promise<void>;
}

function record(req: IncomingMessage, raw: Buffer): RecordedRequest {
  const url = new URL(req.url ?? '/', 'http://mock.local');
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    body = undefined;
  }
  return { method: req.method ?? 'GET', path: url.pathname, query: url.search.slice(1), headers, raw, body };
}

/** The API key a request carries: `x-api-key`, else `Authorization: Bearer` (Anthropic's SDK 1.x sends its apiKey as Bearer). */
export function apiKeyOf(r: RecordedRequest): string | undefined {
  const auth = r.headers['authorization'];
  return r.headers['x-api-key'] ?? (auth?.startsWith('Bearer ') ? auth.slice(7) : undefined);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function send(res: ServerResponse, req: RecordedRequest, script: MockScript, reply: MockReply): Promise<void> {
  if (!reply.events) {
    const bytes = JSON.stringify(reply.json);
    res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(bytes) });
    res.end(bytes);
    return;
  }
  res.writeHead(reply.status, { ...reply.headers, connection: 'keep-alive' });
  res.flushHeaders();
  const chunks = wireChunks(req, script, reply);
  let next = chunks.next();
  for (; !next.done; next = chunks.next()) {
    if (script.delayMs) await sleep(script.delayMs);
    if (res.destroyed) return;
    if (!res.write(next.value)) {
      await new Promise((r) => {
        res.once('drain', r);
        res.once('close', r);
      });
    }
  }
  if (next.value === 'cut') {
    // What was written reaches the client first; then the connection drops mid-body.
    res.write('', () => res.socket?.destroy());
    return;
  }
  res.end();
}

export async function startMockProvider(initial: MockScript = {}): Promise<MockProvider> {
  const mock: MockProvider = {
    url: '',
    port: 0,
    requests: [],
    script: initial,
    requireKey: undefined,
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const r = record(req, Buffer.concat(parts));
      mock.requests.push(r);
      const script = typeof mock.script === 'function' ? mock.script(r) : mock.script;
      const api = apiOf(r.method, r.path);
      let reply: MockReply;
      if (mock.requireKey !== undefined && apiKeyOf(r) !== mock.requireKey) {
        reply = api === 'chat' || api === 'responses' ? openAiError(401, 'Incorrect API key provided.') : anthropicError(401, 'authentication_error', 'invalid x-api-key');
      } else if (r.body === undefined && api) {
        reply = api === 'chat' || api === 'responses' ? openAiError(400, 'We could not parse the JSON body of your request.') : anthropicError(400, 'invalid_request_error', 'invalid JSON body');
      } else reply = replyFor(r, script);
      send(res, r, script, reply).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.port = (server.address() as AddressInfo).port;
  mock.url = `http://127.0.0.1:${mock.port}`;
  mock.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return mock;
}
