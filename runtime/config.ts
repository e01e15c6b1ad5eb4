// Runtime configuration: flags parsed once at start into one frozen object.
// Limits exist so a slow or hostile client cannot hold the proxy's resources.

export interface Limits {
  /** Largest request head (request line + headers) accepted. */
  maxHeaderBytes: number;
  /** Request bodies are buffered for inspection up to this; larger is a 413. */
  bodyCapBytes: number;
  /** A client must send its complete headers within this (slowloris). */
  headersTimeoutMs: number;
  /** A client must send its complete request (headers + body) within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  idleTimeoutMs: number;
  upstreamConnectTimeoutMs: number;
  /** The upstream must start answering within this. */
  upstreamHeadersTimeoutMs: number;
  /** Longest pause between two chunks of the upstream's body. */
  upstreamBodyTimeoutMs: number;
  /** SIGTERM: how long in-flight requests may take to finish. */
  shutdownGraceMs: number;
  /** Worker threads running plugins (fixed: a replaced thread reloads every plugin). */
  pluginThreads: number;
  /** One plugin call longer than this blocks the request. */
  pluginTimeoutMs: number;
  /** Plugin calls waiting for a thread beyond this block their request. */
  pluginMaxQueue: number;
  /** Bodies up to this run built-in detectors inline instead of in the pool (0: always the pool). */
  pluginInlineMaxBytes: number;
  /** A killed session's processes get SIGTERM, then SIGKILL after this. */
  killGraceMs: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxHeaderBytes: 32 * 1024,
  bodyCapBytes: 16 * 1024 * 1024,
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 120_000,
  idleTimeoutMs: 60_000,
  upstreamConnectTimeoutMs: 10_000,
  upstreamHeadersTimeoutMs: 120_000,
  upstreamBodyTimeoutMs: 300_000,
  shutdownGraceMs: 10_000,
  pluginThreads: 2,
  pluginTimeoutMs: 2_000,
  pluginMaxQueue: 1024,
  pluginInlineMaxBytes: 16 * 1024,
  killGraceMs: 2_000,
});

/** `--limit name=value` keys, with their unit, mapped onto Limits. */
export const LIMIT_FLAGS: Readonly<Record<string, keyof Limits>> = Object.freeze({
  'max-header-bytes': 'maxHeaderBytes',
  'body-cap-bytes': 'bodyCapBytes',
  'headers-timeout-ms': 'headersTimeoutMs',
  'request-timeout-ms': 'requestTimeoutMs',
  'idle-timeout-ms': 'idleTimeoutMs',
  'upstream-connect-timeout-ms': 'upstreamConnectTimeoutMs',
  'upstream-headers-timeout-ms': 'upstreamHeadersTimeoutMs',
  'upstream-body-timeout-ms': 'upstreamBodyTimeoutMs',
  'shutdown-grace-ms': 'shutdownGraceMs',
  'plugin-threads': 'pluginThreads',
  'plugin-timeout-ms': 'pluginTimeoutMs',
  'plugin-max-queue': 'pluginMaxQueue',
  'plugin-inline-max-bytes': 'pluginInlineMaxBytes',
  'kill-grace-ms': 'killGraceMs',
});

export function parseLimits(specs: readonly string[]): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const key = LIMIT_FLAGS[spec.slice(0, eq)];
    const value = Number(spec.slice(eq + 1));
    if (eq < 0 || !key) throw new Error(`--limit ${spec}: expected NAME=NUMBER with NAME one of ${Object.keys(LIMIT_FLAGS).join(', ')}`);
    if (!Number.isSafeInteger(value) || value < (key === 'pluginInlineMaxBytes' ? 0 : 1)) throw new Error(`--limit ${spec}: the value must be a ${key === 'pluginInlineMaxBytes' ? 'non-negative' : 'positive'} integer`);
    limits[key] = value;
  }
  return Object.freeze(limits);
}

/** `--upstream-override host=http://127.0.0.1:PORT`: loopback targets only. */
export function parseUpstreamOverride(spec: string): [host: string, origin: URL] {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new Error(`--upstream-override ${spec}: expected HOST=http://127.0.0.1:PORT`);
  const host = spec.slice(0, eq).toLowerCase();
  let url: URL;
  try {
    url = new URL(spec.slice(eq + 1));
  } catch {
    throw new Error(`--upstream-override ${spec}: "${spec.slice(eq + 1)}" is not a URL`);
  }
  const loopback = url.hostname === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname === '[::1]';
  if (url.protocol !== 'http:' || !loopback) {
    throw new Error(`--upstream-override ${spec}: only http:// loopback targets (127.0.0.0/8, [::1], localhost) are accepted`);
  }
  if (url.pathname !== '/' || url.search) throw new Error(`--upstream-override ${spec}: give an origin without a path`);
  return [host, url];
}
