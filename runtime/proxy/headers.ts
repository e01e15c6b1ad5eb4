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
function connectionTokens(value: string | string[] | undefined): Set<string> | undefined {
  if (!value) return undefined;
  const list = Array.isArray(value) ? value.join(',') : value;
  return new Set(list.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
}

/**
 * The headers to send upstream. `sessionKey` is removed wherever the agent
 * sent it (it is a cork credential); `credential` replaces Authorization and
 * x-api-key when the route injects one.
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  sessionKey: string,
  credential: { plan: CredentialPlan; value: string } | undefined,
): Record<string, string | string[]> {
  const extra = connectionTokens(incoming.connection);
  const out: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || HOP_BY_HOP.has(name) || extra?.has(name)) continue;
    out[name] = value;
  }
  if (credential) {
    delete out['authorization'];
    delete out['x-api-key'];
    out[credential.plan.header] = credential.plan.prefix + credential.value;
  } else {
    if (out['x-api-key'] === sessionKey) delete out['x-api-key'];
    const auth = out['authorization'];
    if (typeof auth === 'string' && auth.endsWith(sessionKey)) delete out['authorization'];
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
