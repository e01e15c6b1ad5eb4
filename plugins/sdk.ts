// The one plugin contract, for built-in and policy-repo plugins alike.
//
//   export default definePlugin({ id, version, kind, optionsSchema, setup })
//
// The compiler bundles each plugin (esbuild, one self-contained ESM text),
// validates the bottle's `options` against `optionsSchema`, and stores the
// code in the bundle with its sha256. The runtime loads it into every worker
// of the plugin pool once, calls `setup(options, context)` once, and calls the
// returned hooks per request. Hooks see read-only byte views and return a
// verdict; they never see or return the raw secret in a finding.
//
// Order: outbound plugins run in bundle order on the complete request;
// inbound plugins run in reverse order on the response stream.

export type PluginKind = 'outbound' | 'inbound' | 'meter';

/** Where in a request or response a finding sits. `header:<lower-case name>` for headers. */
export type Location = 'host' | 'path' | 'query' | 'body' | `header:${string}`;

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface Finding {
  /** Plugin id, e.g. `dlp.token_patterns`. */
  detector: string;
  /** The pattern or rule inside the detector, e.g. `github-classic-pat`. */
  rule: string;
  location: Location;
  /** Byte offset of the match inside `location`'s bytes (for response chunks: inside the whole body). */
  offset: number;
  length: number;
  severity: Severity;
  /** A masked excerpt (`ghp_…`): never the secret itself. */
  excerpt: string;
}

export interface RedactRange {
  location: Location;
  offset: number;
  length: number;
  /** Placeholder label: the text becomes `[REDACTED:<label>]`. */
  label: string;
}

export type Verdict =
  | { action: 'allow' }
  /** Forwarded, logged. */
  | { action: 'warn'; findings: Finding[] }
  | { action: 'block'; findings: Finding[] }
  | { action: 'redact'; ranges: RedactRange[]; findings: Finding[] }
  /** Hold for operator approval. */
  | { action: 'supervise'; findings: Finding[] };

export interface UsageRecord {
  provider: string;
  model?: string;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
  /** True when counted from an interrupted stream or estimated. */
  estimated?: boolean;
}

/** A request as outbound hooks see it. Byte views are read-only by contract. */
export interface RequestView {
  readonly method: string;
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly path: string;
  /** Without the `?`. */
  readonly query: string;
  /** Lower-case names, in arrival order. */
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>;
  readonly body: Uint8Array;
  readonly route: string;
  readonly session: string;
  readonly agent: string;
}

/** One chunk of a response stream, as inbound hooks see it. */
export interface ResponseChunkView {
  readonly status: number;
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>;
  /** Bytes carried over from the end of the previous chunk (the overlap window), then the new bytes. */
  readonly data: Uint8Array;
  /** How many leading bytes of `data` are overlap already scanned; findings wholly inside them are dropped by the host. */
  readonly overlap: number;
  /** Offset of `data[0]` in the whole response body. */
  readonly position: number;
  readonly final: boolean;
  readonly route: string;
  readonly session: string;
}

export interface PluginHooks {
  /** outbound: the complete request, before anything reaches the upstream. */
  onRequest?(req: RequestView): Verdict | Promise<Verdict>;
  /** inbound: each chunk of the response body, with the overlap window before it. */
  onResponseChunk?(chunk: ResponseChunkView): Verdict | Promise<Verdict>;
  /** inbound: longest match the plugin can make, so the host keeps that many bytes of overlap. */
  readonly overlapBytes?: number;
  /**
   * meter: a request on a metered route, before it is forwarded. Returns what
   * the exchange is metered as (and the estimate the runtime reserves against
   * the budget), or null when it is not usage (e.g. `count_tokens`). The meter
   * keeps its own per-stream state under `streamId` until `onMeterEnd`; the
   * host delivers one stream's calls in order.
   */
  onMeterRequest?(streamId: string, req: RequestView): MeterStart | null | Promise<MeterStart | null>;
  /**
   * meter: a copy of one chunk of the response body (the client already has
   * it; `overlap` is 0). Returns the running usage so far, or null when this
   * chunk changed nothing. Running output counts drive mid-stream cutoff.
   *
   * `position` may jump forward: of an event stream that ended well the host
   * passes only the head and the tail (where the provider's usage events
   * are), and the bytes after a jump begin at an event boundary. A meter
   * must then mark its usage `estimated` unless the provider's own closing
   * count was among what it read; the host then gives it the whole stream.
   * The host calls this hook synchronously there: a meter whose chunk hook
   * returns a promise is always given the whole stream.
   */
  onMeterChunk?(streamId: string, chunk: ResponseChunkView): UsageRecord | null | Promise<UsageRecord | null>;
  /**
   * meter: the response ended; `interrupted` when the client or the upstream
   * went away first. Returns the final usage (marked `estimated` when it was
   * not reported by the provider), or null for none. The meter drops the
   * stream's state.
   */
  onMeterEnd?(streamId: string, end: MeterEnd): UsageRecord | null | Promise<UsageRecord | null>;
}

/** What a meter says about a request before it is forwarded. */
export interface MeterStart {
  /** Budget and ledger provider name (`anthropic`, `openai`). */
  provider: string;
  model?: string;
  /** Upper-bound token estimate reserved before forwarding; null when the cost cannot be estimated. */
  estimate: { input_tokens: number; output_tokens: number } | null;
}

export interface MeterEnd {
  interrupted: boolean;
}

/** What the runtime gives `setup` besides the bottle's options. */
export interface PluginContext {
  /** Real values of the credentials the runtime injects (known_secrets scans for them). */
  readonly secrets: readonly string[];
}

export interface PluginDefinition<O = Record<string, unknown>> {
  id: string;
  version: string;
  kind: PluginKind;
  /** JSON Schema (draft 2020-12) for `options`; the compiler validates against it. */
  optionsSchema: Record<string, unknown>;
  setup(options: O, context: PluginContext): PluginHooks | Promise<PluginHooks>;
}

/** Identity at run time; gives plugin authors types and the compiler one shape to check. */
export function definePlugin<O = Record<string, unknown>>(def: PluginDefinition<O>): PluginDefinition<O> {
  return def;
}

export const ALLOW: Verdict = Object.freeze({ action: 'allow' }) as Verdict;
