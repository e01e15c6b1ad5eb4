// The route table: a session's effective egress policy compiled once into a
// frozen host map with precompiled matchers, and the one function that
// decides a request against it. `explain` (for `cork explain`) walks the same
// compiled matchers verbosely; keep it off the hot path.
//
// Decision order for a request (DESIGN.md section 2 and 5.2):
//   host (exact, O(1) map) → port (scheme default only) → git push (always
//   denied) → git fetch (when the route sets git.fetch) → match entries (OR of
//   ANDs) → a route without `matches` allows every request.
import type { Policy } from '../../policy/merge.ts';
import { providerApi, type ProviderApi } from '../../policy/providers.ts';
import type { HeaderMatch, PathMatch, Route, RouteMatch } from '../../policy/types.ts';
import { RUNTIME_ERRORS, type RuleId } from '../errors.ts';
import { addressKey } from '../net/address-policy.ts';

/** How the proxy sets the real credential; incoming `authorization` and `x-api-key` are always stripped first. */
export interface CredentialPlan {
  readonly header: 'authorization' | 'x-api-key';
  readonly prefix: 'Bearer ' | 'token ' | '';
  /** The host environment variable holding the value: a name, never the secret. */
  readonly tokenRef: string;
}

/** Headers removed from every request on a route with a credential plan. */
export const STRIPPED_CREDENTIAL_HEADERS = Object.freeze(['authorization', 'x-api-key'] as const);

export interface PathTest {
  readonly type: PathMatch['type'];
  /** For prefix and exact: the value in normalized percent-encoding. */
  readonly value: string;
  readonly test: (path: string) => boolean;
}

export interface HeaderTest {
  /** Lower-case, as node:http delivers header names. */
  readonly name: string;
  readonly type: 'exact' | 'regex';
  readonly value: string;
  readonly test: (value: string) => boolean;
}

export interface CompiledMatch {
  readonly index: number;
  readonly source: RouteMatch;
  /** Upper-case; null matches every method. */
  readonly methods: ReadonlySet<string> | null;
  /** Any one must match; null matches every path. */
  readonly paths: readonly PathTest[] | null;
  /** Every one must match; null means no header condition. */
  readonly headers: readonly HeaderTest[] | null;
  /** The decision returned when this entry matches (allocated once). */
  readonly allow: AllowDecision;
}

export interface CompiledRoute {
  readonly host: string;
  /** The policy route; null for the provider route synthesized from agent_provider. */
  readonly source: Route | null;
  /** null: the route has no `matches` and allows every request. */
  readonly matches: readonly CompiledMatch[] | null;
  readonly credential: CredentialPlan | null;
  readonly gitFetch: boolean;
  /** A CONNECT tunnel would hide what this route must see (the reasons are in `inspection`). */
  readonly needsInspection: boolean;
  readonly inspection: readonly ('matches' | 'dlp' | 'auth' | 'git.fetch')[];
  readonly trusted: boolean;
  /** Set on the agent's model-provider route (for metering and budgets). */
  readonly provider: { readonly template: string; readonly api: ProviderApi['api'] } | null;
  readonly synthesized: boolean;
  /** Precomputed decisions and hints, so the hot path allocates nothing on allow. */
  readonly allowOpen: AllowDecision;
  readonly allowGitFetch: AllowDecision;
  readonly noMatchHint: string;
  readonly connectHint: string;
}

export type AllowDecision = {
  readonly allow: true;
  readonly route: CompiledRoute;
  readonly via: 'matches' | 'open-route' | 'git-fetch';
  readonly matchIndex: number | null;
};
export type DenyDecision = { readonly allow: false; readonly rule: RuleId; readonly reason: string; readonly hint: string };
export type Decision = AllowDecision | DenyDecision;

export interface RouteTable {
  readonly routes: ReadonlyMap<string, CompiledRoute>;
  /** Canonical IP addresses that routes name as their host: SSRF exceptions. */
  readonly allowedAddresses: ReadonlySet<string>;
  /** Origin of the gateway, for hints (`http://127.0.0.1:PORT`). */
  readonly gatewayOrigin: string;
}

export interface DecideRequest {
  method: string;
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Already normalized by normalizeRequestTarget: the path that is forwarded. */
  path: string;
  /** Without the `?`; empty when none. */
  query: string;
  /** Lower-case names, as node:http's `req.headers`. */
  headers: Record<string, string | string[] | undefined>;
}

export interface CompileOptions {
  /** Synthesize the agent_provider route and credential (default true). */
  providerRoute?: boolean;
  /** Origin the gateway listens on, for the CONNECT hint; defaults to a placeholder. */
  gatewayOrigin?: string;
}

// ---------------------------------------------------------------------------
// Frozen collections: the table cannot change once built (reload builds a new one).

class FrozenMap<K, V> extends Map<K, V> {
  constructor(entries: Iterable<readonly [K, V]>) {
    super();
    for (const [k, v] of entries) super.set(k, v);
    Object.freeze(this);
  }
  override set(): this {
    throw new TypeError('the route table is frozen');
  }
  override delete(): boolean {
    throw new TypeError('the route table is frozen');
  }
  override clear(): void {
    throw new TypeError('the route table is frozen');
  }
}

class FrozenSet<T> extends Set<T> {
  constructor(values: Iterable<T>) {
    super();
    for (const v of values) super.add(v);
    Object.freeze(this);
  }
  override add(): this {
    throw new TypeError('the route table is frozen');
  }
  override delete(): boolean {
    throw new TypeError('the route table is frozen');
  }
  override clear(): void {
    throw new TypeError('the route table is frozen');
  }
}

// ---------------------------------------------------------------------------
// Hosts

const PLAIN_NAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;
/** A last label that WHATWG URL (and getaddrinfo) reads as a number makes the host an IPv4 address. */
const NUMERIC_LAST_LABEL = /(?:^|\.)(?:0x[0-9a-f]*|[0-9]+)$/;
const HOST_CHARS = /^[A-Za-z0-9._:[\]-]+$/;

/**
 * The form hosts are compared in: lower case, IPv6 without brackets in
 * canonical text, IPv4 in dotted decimal (`127.1` → `127.0.0.1`, as the URL
 * parser and getaddrinfo read it). null for anything that is not a host
 * (ports, paths, userinfo, percent-escapes, non-ASCII).
 */
export function canonicalHost(host: string): string | null {
  if (PLAIN_NAME.test(host) && !NUMERIC_LAST_LABEL.test(host)) return host;
  if (!HOST_CHARS.test(host)) return null;
  const authority = host.includes(':') && host[0] !== '[' ? `[${host}]` : host;
  let h: string;
  try {
    h = new URL(`http://${authority}/`).hostname;
  } catch {
    return null;
  }
  if (h === '') return null;
  return h[0] === '[' ? h.slice(1, -1) : h;
}

const DEFAULT_PORT: Readonly<Record<string, number>> = Object.freeze({ http: 80, https: 443 });
const CONNECT_PORT = 443;

// ---------------------------------------------------------------------------
// Compile

/** Percent-escapes with upper-case hex and unreserved characters decoded, as normalizeRequestTarget leaves a path. */
function normalizeEscapes(value: string): string {
  return value.replace(/%([0-9A-Fa-f]{2})/g, (esc, hex: string) => {
    const b = parseInt(hex, 16);
    const unreserved = /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b));
    return unreserved ? String.fromCharCode(b) : esc.toUpperCase();
  });
}

function compileRegex(pattern: string, where: string): RegExp {
  try {
    // No flags: the same reading the compiler's regex lints give it, and no lastIndex state.
    return new RegExp(pattern);
  } catch (err) {
    throw new TypeError(`${where}: regex ${JSON.stringify(pattern)} does not compile: ${(err as Error).message}`);
  }
}

function compilePath(p: PathMatch, where: string): PathTest {
  if (p.type === 'regex') {
    const re = compileRegex(p.value, where);
    return Object.freeze({ type: p.type, value: p.value, test: (path: string) => re.test(path) });
  }
  const value = normalizeEscapes(p.value);
  const test = p.type === 'exact' ? (path: string) => path === value : (path: string) => path.startsWith(value);
  return Object.freeze({ type: p.type, value, test });
}

function compileHeader(h: HeaderMatch, where: string): HeaderTest {
  const type = h.type ?? 'exact';
  const expected = h.value;
  let test: (v: string) => boolean;
  if (type === 'regex') {
    const re = compileRegex(expected, where);
    test = (v) => re.test(v);
  } else {
    test = (v) => v === expected;
  }
  return Object.freeze({ name: h.name.toLowerCase(), type, value: expected, test });
}

function credentialOf(route: Route, host: string): CredentialPlan | null {
  if (!route.auth) return null;
  if (!route.auth.token_ref || !route.auth.scheme) throw new TypeError(`route for ${host}: auth needs both scheme and token_ref`);
  return Object.freeze({ header: 'authorization', prefix: route.auth.scheme === 'token' ? 'token ' : 'Bearer ', tokenRef: route.auth.token_ref });
}

function dlpActive(dlp: Route['dlp']): boolean {
  if (dlp === false) return false;
  // Omitted (or a direction omitted) means the default detectors: active.
  return !(dlp && dlp.outbound_detectors === false && dlp.inbound_detectors === false);
}

function describeEntry(m: RouteMatch): string {
  const parts: string[] = [];
  if (m.methods) parts.push(m.methods.map((x) => x.toUpperCase()).join('|'));
  if (m.paths) parts.push(m.paths.map((p) => (p.type === 'prefix' ? `${p.value}*` : p.type === 'regex' ? `/${p.value}/` : p.value)).join(' or '));
  if (m.headers) parts.push(m.headers.map((h) => `${h.name.toLowerCase()}${h.type === 'regex' ? ' ~ ' : ': '}${h.value}`).join(', '));
  return parts.length ? parts.join(' ') : 'any request';
}

interface RouteInput {
  host: string;
  source: Route | null;
  credential: CredentialPlan | null;
  provider: CompiledRoute['provider'];
}

function compileRoute(input: RouteInput, gatewayOrigin: string): CompiledRoute {
  const { host, source } = input;
  const route: Route = source ?? { host };
  const mutable = {
    host,
    source,
    matches: null as CompiledMatch[] | null,
    credential: input.credential,
    gitFetch: route.git?.fetch === true,
    needsInspection: false,
    inspection: [] as CompiledRoute['inspection'][number][],
    trusted: route.trusted === true,
    provider: input.provider,
    synthesized: source === null,
    allowOpen: null as unknown as AllowDecision,
    allowGitFetch: null as unknown as AllowDecision,
    noMatchHint: '',
    connectHint: '',
  };
  const compiled = mutable as CompiledRoute;
  if (route.matches) {
    mutable.matches = route.matches.map((m, i) => {
      const where = `route for ${host}, matches[${i}]`;
      const entry: CompiledMatch = {
        index: i,
        source: m,
        methods: m.methods ? new FrozenSet(m.methods.map((x) => x.toUpperCase())) : null,
        paths: m.paths ? Object.freeze(m.paths.map((p) => compilePath(p, where))) : null,
        headers: m.headers ? Object.freeze(m.headers.map((h) => compileHeader(h, where))) : null,
        allow: Object.freeze({ allow: true, route: compiled, via: 'matches', matchIndex: i }),
      };
      return Object.freeze(entry);
    });
    Object.freeze(mutable.matches);
  }
  if (route.matches) mutable.inspection.push('matches');
  if (dlpActive(route.dlp)) mutable.inspection.push('dlp');
  if (mutable.credential) mutable.inspection.push('auth');
  if (mutable.gitFetch) mutable.inspection.push('git.fetch');
  mutable.needsInspection = mutable.inspection.length > 0;
  Object.freeze(mutable.inspection);
  mutable.allowOpen = Object.freeze({ allow: true, route: compiled, via: 'open-route', matchIndex: null });
  mutable.allowGitFetch = Object.freeze({ allow: true, route: compiled, via: 'git-fetch', matchIndex: null });
  const allows = (route.matches ?? []).map(describeEntry);
  if (mutable.gitFetch) allows.push('git fetch');
  mutable.noMatchHint = `the route for ${host} allows only: ${allows.join('; ') || 'nothing'}. To reach more, ${RUNTIME_ERRORS['egress.no-match'].hint}`;
  mutable.connectHint =
    `the route for ${host} needs to see each request (${mutable.inspection.join(', ')}), which a CONNECT tunnel hides: ` +
    `send the request to the gateway form ${gatewayOrigin}/gw/${host}/<path> instead`;
  return Object.freeze(compiled);
}

/**
 * Compile a session's effective policy (the fold of its bottles) into a
 * frozen route table. Built once per session and bundle; throws TypeError on
 * a policy the compiler would have refused (bad host, regex, auth).
 */
export function compileRouteTable(policy: Policy, options: CompileOptions = {}): RouteTable {
  const gatewayOrigin = options.gatewayOrigin ?? 'http://<cork>';
  const inputs = new Map<string, RouteInput>();
  for (const route of policy.egress?.routes ?? []) {
    const host = canonicalHost(route.host.toLowerCase());
    if (host === null) throw new TypeError(`route host ${JSON.stringify(route.host)} is not a host name or IP address`);
    // One route per host: a later route replaces an earlier one, as mergeRoutes does.
    inputs.set(host, { host, source: route, credential: credentialOf(route, host), provider: null });
  }

  const api = options.providerRoute === false ? undefined : providerApi(policy.agent_provider);
  const template = policy.agent_provider?.template;
  if (api && template) {
    const host = canonicalHost(api.host.toLowerCase());
    if (host === null) throw new TypeError(`agent_provider host ${JSON.stringify(api.host)} is not a host name or IP address`);
    const token = policy.agent_provider?.auth_token;
    const plan: CredentialPlan | null = token ? Object.freeze({ header: api.header, prefix: api.prefix, tokenRef: token }) : null;
    const provider = Object.freeze({ template, api: api.api });
    const explicit = inputs.get(host);
    if (explicit) {
      // The explicit route decides what is allowed; its own auth, if any, wins.
      inputs.set(host, { ...explicit, credential: explicit.credential ?? plan, provider });
    } else if (plan) {
      // DESIGN.md section 2: `auth_token` creates the provider's metered route.
      inputs.set(host, { host, source: null, credential: plan, provider });
    }
  }

  const routes = new FrozenMap([...inputs].map(([host, input]) => [host, compileRoute(input, gatewayOrigin)] as const));
  const addresses: string[] = [];
  for (const host of routes.keys()) {
    const key = addressKey(host);
    if (key) addresses.push(key);
  }
  return Object.freeze({ routes, allowedAddresses: new FrozenSet(addresses), gatewayOrigin });
}

// ---------------------------------------------------------------------------
// The steps of a decision, shared by decide and explain.

/** Fields of one match entry; decide ANDs them, explain reports each. */
export function methodOk(m: CompiledMatch, method: string): boolean {
  return m.methods === null || m.methods.has(method);
}

export function pathOk(m: CompiledMatch, path: string): boolean {
  const paths = m.paths;
  if (paths === null) return true;
  for (let i = 0; i < paths.length; i++) if (paths[i]!.test(path)) return true;
  return false;
}

/** Missing header fails; repeated header values must all match (an upstream may read either one). */
export function headerOk(h: HeaderTest, headers: DecideRequest['headers']): boolean {
  const v = headers[h.name];
  if (v === undefined) return false;
  if (typeof v === 'string') return h.test(v);
  if (v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (!h.test(v[i]!)) return false;
  return true;
}

export function headersOk(m: CompiledMatch, headers: DecideRequest['headers']): boolean {
  const hs = m.headers;
  if (hs === null) return true;
  for (let i = 0; i < hs.length; i++) if (!headerOk(hs[i]!, headers)) return false;
  return true;
}

function entryMatches(m: CompiledMatch, method: string, path: string, headers: DecideRequest['headers']): boolean {
  return methodOk(m, method) && pathOk(m, path) && headersOk(m, headers);
}

const RECEIVE_PACK = /receive-pack/i;

function lastSegmentIsReceivePack(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path); // `%2F` too: an upstream that decodes it sees the same segment
  } catch {
    return RECEIVE_PACK.test(path); // undecodable: fail closed if it mentions receive-pack at all
  }
  const segments = decoded.toLowerCase().split('/');
  let last = segments.pop();
  while (last === '' && segments.length) last = segments.pop();
  return last === 'git-receive-pack' || (last ?? '').startsWith('git-receive-pack;');
}

/** git push over smart HTTP, in any of its three tells: endpoint, service parameter, content type. */
export function isGitPush(path: string, query: string, headers: DecideRequest['headers']): boolean {
  // Literal text must mention receive-pack unless an escape could hide it.
  if ((RECEIVE_PACK.test(path) || path.includes('%')) && lastSegmentIsReceivePack(path)) return true;
  if (query !== '' && (RECEIVE_PACK.test(query) || query.includes('%'))) {
    for (const [k, v] of new URLSearchParams(query)) {
      if (k.toLowerCase() === 'service' && v.toLowerCase() === 'git-receive-pack') return true;
    }
  }
  const ct = headers['content-type'];
  if (ct === undefined) return false;
  return typeof ct === 'string' ? RECEIVE_PACK.test(ct) : ct.some((v) => RECEIVE_PACK.test(v));
}

/** The two requests of a smart-HTTP fetch/clone, and nothing else of git. `method` is upper-case. */
export function isGitFetch(method: string, path: string, query: string): boolean {
  if (method === 'GET') return query === 'service=git-upload-pack' && path.endsWith('/info/refs');
  if (method === 'POST') return query === '' && path.endsWith('/git-upload-pack');
  return false;
}

function deny(rule: RuleId, reason: string, hint: string = RUNTIME_ERRORS[rule].hint): DenyDecision {
  return { allow: false, rule, reason, hint };
}

function denyNoRoute(host: string): DenyDecision {
  return deny('egress.no-route', `no route for host ${host}`);
}

function denyPort(host: string, port: number, scheme: string): DenyDecision {
  const allowed = scheme === 'connect' ? CONNECT_PORT : DEFAULT_PORT[scheme];
  return deny(
    'egress.port',
    allowed === undefined ? `scheme ${scheme} is not allowed` : `port ${port} is not allowed for ${scheme === 'connect' ? 'CONNECT' : scheme} to ${host} (only ${allowed})`,
  );
}

function denyGitPush(): DenyDecision {
  return deny('egress.git-push', 'git push (git-receive-pack) is never allowed through egress');
}

function denyNoMatch(route: CompiledRoute, method: string, path: string): DenyDecision {
  return deny('egress.no-match', `${method} ${path} matches none of the ${route.matches!.length} match entries of the route for ${route.host}`, route.noMatchHint);
}

function denyConnect(route: CompiledRoute): DenyDecision {
  return deny('egress.connect-needs-gateway', `CONNECT to ${route.host} cannot be inspected and the route needs ${route.inspection.join(', ')}`, route.connectHint);
}

function routeFor(table: RouteTable, host: string): CompiledRoute | undefined {
  const h = canonicalHost(host);
  return h === null ? undefined : table.routes.get(h);
}

// ---------------------------------------------------------------------------
// Hot path

/** Decide a request (absolute-form or gateway). `req.path` must come from normalizeRequestTarget. */
export function decide(table: RouteTable, req: DecideRequest): Decision {
  const route = routeFor(table, req.host);
  if (route === undefined) return denyNoRoute(req.host);
  if (req.port !== DEFAULT_PORT[req.scheme]) return denyPort(route.host, req.port, req.scheme);
  if (isGitPush(req.path, req.query, req.headers)) return denyGitPush();
  const method = req.method.toUpperCase();
  if (route.gitFetch && isGitFetch(method, req.path, req.query)) return route.allowGitFetch;
  const matches = route.matches;
  if (matches === null) return route.allowOpen;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    if (entryMatches(m, method, req.path, req.headers)) return m.allow;
  }
  return denyNoMatch(route, method, req.path);
}

/** Decide a CONNECT without TLS interception: host and port only. */
export function decideConnect(table: RouteTable, host: string, port: number): Decision {
  const route = routeFor(table, host);
  if (route === undefined) return denyNoRoute(host);
  if (port !== CONNECT_PORT) return denyPort(route.host, port, 'connect');
  if (route.needsInspection) return denyConnect(route);
  return route.allowOpen;
}

// ---------------------------------------------------------------------------
// Explain: the same steps, verbosely.

export interface ExplainContext {
  /** The session's bottles, in merge order. */
  bottles: readonly string[];
  /** Which bottle each route host came from (computed by the caller from the bundle). */
  origins: ReadonlyMap<string, string>;
}

export interface ExplainTrace {
  /** The verdict explain reached on its own walk; a test holds it equal to decide's. */
  decision: Decision;
  lines: string[];
}

function describeCredential(plan: CredentialPlan | null): string {
  if (!plan) return 'credential: none injected (request headers pass as sent)';
  return `credential: sets ${plan.header}: ${plan.prefix}<value of ${plan.tokenRef}> (incoming ${STRIPPED_CREDENTIAL_HEADERS.join(' and ')} removed)`;
}

function describeRoute(route: CompiledRoute, ctx: ExplainContext): string {
  const from = ctx.origins.get(route.host);
  const origin = route.synthesized
    ? `synthesized from agent_provider (template ${route.provider?.template})`
    : from
      ? `from bottle "${from}"`
      : 'from the effective policy';
  const extra = !route.synthesized && route.provider ? `; it is the ${route.provider.template} provider route` : '';
  return `route: ${route.host}, ${origin}${extra}`;
}

function verdictLines(d: Decision): string[] {
  if (d.allow) return [`decision: ALLOW via ${d.via}${d.matchIndex === null ? '' : ` (matches[${d.matchIndex}])`}`];
  return [`decision: DENY ${d.rule}: ${d.reason}`, `hint: ${d.hint}`];
}

/** Explain a request, or a CONNECT when `req.method` is CONNECT (host and port only). */
export function explainTrace(table: RouteTable, req: DecideRequest, ctx: ExplainContext): ExplainTrace {
  const connect = req.method.toUpperCase() === 'CONNECT';
  const lines = [
    connect ? `request: CONNECT ${req.host}:${req.port}` : `request: ${req.method} ${req.scheme}://${req.host}:${req.port}${req.path}${req.query ? `?${req.query}` : ''}`,
    `bottles: ${ctx.bottles.join(', ') || '(none)'}`,
  ];
  const finish = (decision: Decision, route?: CompiledRoute): ExplainTrace => {
    lines.push(...verdictLines(decision));
    if (route && decision.allow && !connect) lines.push(describeCredential(route.credential));
    if (route && decision.allow && connect) lines.push('credential: none (a tunnel is not inspected)');
    return { decision, lines };
  };

  const host = canonicalHost(req.host);
  const route = host === null ? undefined : table.routes.get(host);
  if (host === null) lines.push(`route: none: ${JSON.stringify(req.host)} is not a host name or IP address`);
  if (route === undefined) {
    if (host !== null) {
      const known = [...table.routes.keys()].sort();
      lines.push(`route: none for ${host} in bottles ${ctx.bottles.join(', ') || '(none)'}; routes exist for: ${known.join(', ') || '(none)'}`);
    }
    return finish(denyNoRoute(req.host));
  }
  lines.push(describeRoute(route, ctx));

  if (connect) {
    if (req.port !== CONNECT_PORT) {
      lines.push(`port: ${req.port} is not ${CONNECT_PORT}, the only port CONNECT may reach`);
      return finish(denyPort(route.host, req.port, 'connect'), route);
    }
    lines.push(`port: ${req.port} ok`);
    if (route.needsInspection) {
      lines.push(`inspection: the route needs ${route.inspection.join(', ')}; a tunnel hides the request`);
      return finish(denyConnect(route), route);
    }
    lines.push('inspection: none needed (no matches, dlp off, no auth, no git.fetch)');
    return finish(route.allowOpen, route);
  }

  const expected = DEFAULT_PORT[req.scheme];
  if (req.port !== expected) {
    lines.push(`port: ${req.port} is not the ${req.scheme} default ${expected ?? '(unknown scheme)'}`);
    return finish(denyPort(route.host, req.port, req.scheme), route);
  }
  lines.push(`port: ${req.port} ok (${req.scheme} default)`);

  if (isGitPush(req.path, req.query, req.headers)) {
    lines.push('git: this is a git push (git-receive-pack), never allowed through egress, whatever matches say');
    return finish(denyGitPush(), route);
  }
  const method = req.method.toUpperCase();
  const fetch = isGitFetch(method, req.path, req.query);
  if (fetch && route.gitFetch) {
    lines.push('git: a smart-HTTP fetch request, allowed by git.fetch: true');
    return finish(route.allowGitFetch, route);
  }
  if (fetch) lines.push('git: a smart-HTTP fetch request, but the route does not set git.fetch: true');

  if (route.matches === null) {
    lines.push('matches: none on this route, so every request is allowed');
    return finish(route.allowOpen, route);
  }
  let hit: CompiledMatch | null = null;
  for (const m of route.matches) {
    const failed: string[] = [];
    if (!methodOk(m, method)) failed.push(`method ${method} not in [${[...m.methods!].join(', ')}]`);
    if (!pathOk(m, req.path)) failed.push(`path ${req.path} matches none of ${m.paths!.map((p) => `${p.type} ${p.value}`).join(', ')}`);
    for (const h of m.headers ?? []) {
      if (headerOk(h, req.headers)) continue;
      const got = req.headers[h.name];
      failed.push(
        got === undefined
          ? `header ${h.name} missing (needs ${h.type} ${JSON.stringify(h.value)})`
          : `header ${h.name}: ${JSON.stringify(got)} does not match ${h.type} ${JSON.stringify(h.value)}`,
      );
    }
    const label = `matches[${m.index}] (${describeEntry(m.source)})`;
    if (failed.length === 0) {
      lines.push(`${label}: matches`);
      hit = m;
      break;
    }
    lines.push(`${label}: no, ${failed.join('; ')}`);
  }
  return hit ? finish(hit.allow, route) : finish(denyNoMatch(route, method, req.path), route);
}

/** The human chain `cork explain` prints. Off the hot path. */
export function explain(table: RouteTable, req: DecideRequest, ctx: ExplainContext): string[] {
  return explainTrace(table, req, ctx).lines;
}
