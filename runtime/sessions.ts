// Sessions: an agent running in a set of bottles. Each gets its own proxy
// token and gateway key; the real credentials stay in the runtime. A session's
// route table is compiled once when it opens and again on reload, and swapped
// as one reference so in-flight requests finish on the table they started with.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { effectivePolicy } from '../policy/effective.ts';
import type { Policy } from '../policy/merge.ts';
import type { ResolvedBottle } from '../policy/types.ts';
import type { LoadedPolicy } from './policy-loader.ts';
import { addressAllowList } from './net/address-policy.ts';
import type { PluginHost, RouteChains } from './plugins/host.ts';
import { compileRouteTable, type RouteTable } from './policy/route-table.ts';
import type { SessionMetering } from './metering/session-metering.ts';

export interface Session {
  readonly id: string;
  readonly token: string;
  readonly key: string;
  readonly agent: string;
  readonly bottles: readonly string[];
  readonly openedAt: number;
  /** Swapped whole on reload. */
  view: SessionView;
  /** The launcher (`cork run`) that opened the session. */
  pid?: number;
  /** The command the launcher started, and the process group it runs in (freeze and kill signal these). */
  commandPid?: number;
  pgid?: number;
  /** Budgets and enforcement state: outlive reloads. */
  readonly metering: SessionMetering;
}

/** Everything a request needs from its session's policy, compiled once. */
export interface SessionView {
  readonly digest: string;
  readonly policy: Policy;
  readonly table: RouteTable;
  readonly log: 0 | 1 | 2;
  /** SSRF exceptions: the addresses this session's own routes name (IP-literal hosts). */
  readonly addresses: AddressExceptions;
  /** Plugin chains per route host; a host with none is absent. */
  readonly chains: ReadonlyMap<string, RouteChains>;
  /** The meter instance of each metered (provider) route host. */
  readonly meters: ReadonlyMap<string, string>;
  readonly plugins?: PluginHost;
  /** Set when the agent or a bottle vanished from a reloaded bundle: every request is refused. */
  readonly closedReason?: string;
}

export class SessionError extends Error {
  constructor(
    readonly code: 'CORK_UNKNOWN_AGENT' | 'CORK_UNKNOWN_BOTTLE' | 'CORK_NO_SESSION',
    message: string,
  ) {
    super(message);
  }
}

export class SessionRegistry {
  readonly #byId = new Map<string, Session>();
  readonly #byKey = new Map<string, Session>();
  /** The exact `Basic …` header each session's proxy URL produces: one Map lookup per request. */
  readonly #byHeader = new Map<string, Session>();

  /** `metering` makes the session's budget book from its agent and bottles. */
  open(policy: LoadedPolicy, agent: string, bottles: readonly string[] | undefined, metering: (agent: string, bottles: readonly string[]) => SessionMetering): Session {
    const view = buildView(policy, agent, bottles);
    if (view.closedReason) throw new SessionError(view.closedReason.startsWith('agent') ? 'CORK_UNKNOWN_AGENT' : 'CORK_UNKNOWN_BOTTLE', view.closedReason);
    const a = policy.bundle.agents[agent]!;
    const names = bottles?.length ? [...bottles] : [...a.bottles];
    const session: Session = {
      id: `s-${randomBytes(6).toString('hex')}`,
      token: randomBytes(24).toString('base64url'),
      key: `cork-session-${randomBytes(24).toString('base64url')}`,
      agent,
      bottles: names,
      openedAt: Date.now(),
      view,
      metering: metering(agent, names),
    };
    this.#byId.set(session.id, session);
    this.#byKey.set(session.key, session);
    this.#byHeader.set(basicHeader(session), session);
    return session;
  }

  close(id: string): boolean {
    const s = this.#byId.get(id);
    if (!s) return false;
    this.#byId.delete(id);
    this.#byKey.delete(s.key);
    this.#byHeader.delete(basicHeader(s));
    return true;
  }

  get(id: string): Session | undefined {
    return this.#byId.get(id);
  }

  list(): Session[] {
    return [...this.#byId.values()];
  }

  /** `Proxy-Authorization: Basic base64(id:token)` → the session, or undefined. */
  byProxyAuthorization(header: string | undefined): Session | undefined {
    if (!header) return undefined;
    const exact = this.#byHeader.get(header);
    if (exact) return exact;
    // Other spellings (scheme case, padding, spaces) take the slow path.
    if (!/^basic /i.test(header)) return undefined;
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const session = this.#byId.get(decoded.slice(0, colon));
    return session && safeEqual(session.token, decoded.slice(colon + 1)) ? session : undefined;
  }

  /** The gateway key an SDK sends as `x-api-key` or `Authorization: Bearer`. */
  byKey(key: string | undefined): Session | undefined {
    return key ? this.#byKey.get(key) : undefined;
  }

  /** Reload: rebuild every session's view against the new policy, then swap each. */
  rebuild(policy: LoadedPolicy): void {
    const views = this.list().map((s) => [s, buildView(policy, s.agent, s.bottles)] as const);
    for (const [s, view] of views) s.view = view;
  }
}

export function buildView(policy: LoadedPolicy, agentName: string, bottles?: readonly string[]): SessionView {
  const { bundle } = policy;
  const agent = Object.hasOwn(bundle.agents, agentName) ? bundle.agents[agentName] : undefined;
  if (!agent) return closedView(policy, `agent "${agentName}" is not in bundle ${policy.digest.slice(0, 12)} (agents: ${Object.keys(bundle.agents).join(', ') || 'none'})`);
  const names = bottles?.length ? bottles : agent.bottles;
  const resolved: ResolvedBottle[] = [];
  for (const name of names) {
    const b = Object.hasOwn(bundle.bottles, name) ? bundle.bottles[name] : undefined;
    if (!b) return closedView(policy, `bottle "${name}" is not in bundle ${policy.digest.slice(0, 12)} (bottles: ${Object.keys(bundle.bottles).join(', ') || 'none'})`);
    resolved.push(b);
  }
  const policyView = effectivePolicy(resolved, agent);
  const table = compileRouteTable(policyView);
  const chains = new Map<string, RouteChains>();
  const meters = new Map<string, string>();
  if (policy.plugins) {
    for (const route of table.routes.values()) {
      const meter = route.provider ? policy.plugins.meterKey(route.provider.api, policyView) : undefined;
      if (meter) meters.set(route.host, meter);
      // The provider route carries the agent's own model traffic: DLP applies to the routes a bottle grants.
      if (route.synthesized) continue;
      const c = policy.plugins.chainsFor(policyView, route.source);
      if (c.outbound.length || c.inbound.length) chains.set(route.host, c);
    }
  }
  return Object.freeze({
    digest: policy.digest,
    policy: policyView,
    table,
    log: policyView.egress?.log ?? 1,
    addresses: addressExceptions(table.allowedAddresses),
    chains,
    meters,
    ...(policy.plugins ? { plugins: policy.plugins } : {}),
  });
}

function closedView(policy: LoadedPolicy, reason: string): SessionView {
  return Object.freeze({ digest: policy.digest, policy: {}, table: compileRouteTable({}), log: 1, addresses: NO_EXCEPTIONS, chains: new Map(), meters: new Map(), closedReason: reason });
}

export interface AddressExceptions {
  /** Canonical addresses joined: sessions with the same exceptions share one upstream agent. */
  readonly key: string;
  readonly allow: (ip: string) => boolean;
}

const NO_EXCEPTIONS: AddressExceptions = Object.freeze({ key: '', allow: () => false });

function addressExceptions(addresses: ReadonlySet<string>): AddressExceptions {
  if (addresses.size === 0) return NO_EXCEPTIONS;
  return Object.freeze({ key: [...addresses].sort().join(','), allow: addressAllowList(addresses) });
}

function basicHeader(s: Pick<Session, 'id' | 'token'>): string {
  return `Basic ${Buffer.from(`${s.id}:${s.token}`).toString('base64')}`;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
