// The upstream side: undici dispatchers built once at start. Real hosts go
// through an Agent whose connector resolves names with the SSRF-checked
// lookup, so the socket connects to exactly the address that was checked.
// Hosts under --upstream-override go to their loopback origin instead.
import { Agent, Pool, type Dispatcher } from 'undici';
import type { Limits } from '../config.ts';
import { checkedConnector } from '../net/address-policy.ts';

export interface Upstreams {
  /** Dispatcher and origin for a request to `host` over `scheme`. */
  target(scheme: 'http' | 'https', host: string, port: number): { dispatcher: Dispatcher; origin: string };
  /** The loopback origin overriding `host`, if any (CONNECT tunnels there too). */
  override(host: string): URL | undefined;
  close(): Promise<void>;
}

export function createUpstreams(limits: Limits, overrides: ReadonlyMap<string, URL>, allowAddress: (ip: string) => boolean): Upstreams {
  const timeouts = {
    headersTimeout: limits.upstreamHeadersTimeoutMs,
    bodyTimeout: limits.upstreamBodyTimeoutMs,
    keepAliveTimeout: 30_000,
  };
  const agent = new Agent({
    ...timeouts,
    connections: 256,
    connect: checkedConnector(allowAddress, undefined, { timeout: limits.upstreamConnectTimeoutMs }),
  });
  const pools = new Map<string, { dispatcher: Dispatcher; origin: string }>();
  for (const [host, url] of overrides) {
    pools.set(host, { dispatcher: new Pool(url.origin, { ...timeouts, connections: 256, connect: { timeout: limits.upstreamConnectTimeoutMs } }), origin: url.origin });
  }
  return {
    target(scheme, host, port) {
      const pool = pools.get(host);
      if (pool) return pool;
      const defaultPort = scheme === 'https' ? 443 : 80;
      const h = host.includes(':') ? `[${host}]` : host;
      return { dispatcher: agent, origin: `${scheme}://${h}${port === defaultPort ? '' : `:${port}`}` };
    },
    override(host) {
      return overrides.get(host);
    },
    async close() {
      // Shutdown calls this after the grace period and after cutting every client
      // connection: what is still in flight has no one to answer, so do not wait for it
      // (close() would wait for a slow upstream and keep the process alive).
      await Promise.all([agent.destroy(), ...[...pools.values()].map((p) => p.dispatcher.destroy())]);
    },
  };
}
