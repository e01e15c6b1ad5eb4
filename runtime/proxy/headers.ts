// Header handling between client and upstream: hop-by-hop headers (RFC 9110
// §7.6.1) never cross, the proxy's own session credentials never reach the
// upstream, and injected credentials replace whatever the agent sent.
import type { IncomingHttpHeaders } from 'node:http';
import type { CredentialPlan } from '../policy/route-table.ts';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  // Not hop-by-hop in RFC 9110, but answered here: node:http sends the client its
  // 100 Continue and the body is buffered before the upstream sees anything
  // (and undici refuses to send `expect`, which made such requests a 502).
  'expect',
]);

/** Names listed in `Connection` are hop-by-hop for this message too. */
const KEEP_ALIVE = new Set(['keep-alive']);
const CLOSE = new Set(['close']);

function connectionTokens(value: string | string[] | undefined): Set<string> | undefined {
  if (!value) return undefined;
  // The two values nearly every request carries, without a split.
  if (value === 'keep-alive') return KEEP_ALIVE;
  if (value === 'close') return CLOSE;
  const list = Array.isArray(value) ? value.join(',') : value;
  return new Set(list.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
}

/**
 * The agent's headers as they may go upstream: hop-by-hop headers and the
 * session key (a cork credential, wherever the agent sent it) removed.
 * Plugins scan exactly this; credential injection comes after.
 */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, sessionKey: string): Record<string, string | string[]> {
  const extra = connectionTokens(incoming.connection);
  const out: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || HOP_BY_HOP.has(name) || extra?.has(name)) continue;
    out[name] = value;
  }
  if (out['x-api-key'] === sessionKey) delete out['x-api-key'];
  const auth = out['authorization'];
  if (typeof auth === 'string' && auth.endsWith(sessionKey)) delete out['authorization'];
  return out;
}

/** The route's real credential replaces whatever Authorization or x-api-key the agent sent. */
export function injectCredential(headers: Record<string, string | string[]>, plan: CredentialPlan, value: string): void {
  delete headers['authorization'];
  delete headers['x-api-key'];
  headers[plan.header] = plan.prefix + value;
}

/** Name/value pairs, one per value, for plugins. */
export function headerPairs(headers: Record<string, string | string[]>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const name in headers) {
    const v = headers[name]!;
    if (Array.isArray(v)) for (const x of v) pairs.push([name, x]);
    else pairs.push([name, v]);
  }
  return pairs;
}

/** Back from pairs (after a redaction), repeated names becoming lists again. */
export function pairsToHeaders(pairs: ReadonlyArray<readonly [string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** Response headers minus hop-by-hop ones, for the client. */
export function clientResponseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const extra = connectionTokens(headers['connection']);
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || HOP_BY_HOP.has(name) || extra?.has(name)) continue;
    out[name] = value;
  }
  return out;
}
