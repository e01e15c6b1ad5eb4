// The hot path for plain HTTP: absolute-form forward-proxy requests and the
// gateway form /gw/<host>/<path>. Order (DESIGN.md 5.2): session → path
// normalization → route decision → body (buffered up to the cap; the upstream
// sees nothing before the verdict) → credential injection → upstream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { errors as undiciErrors } from 'undici';
import { EgressRefusedError, type RuleId } from '../errors.ts';
import { redactHeaders } from '../log.ts';
import { normalizeRequestTarget } from '../net/normalize-path.ts';
import { decide, type CredentialPlan } from '../policy/route-table.ts';
import type { Finding } from '../../plugins/sdk.ts';
import { scanningResponse } from '../plugins/inbound-stream.ts';
import type { Session } from '../sessions.ts';
import type { ProxyContext } from './context.ts';
import type { PluginHost, RouteChains } from '../plugins/host.ts';
import { clientResponseHeaders, headerPairs, injectCredential, pairsToHeaders, upstreamRequestHeaders } from './headers.ts';
import { refuse, type RefusalLog } from './refuse.ts';
import { recordDecision } from './decisions.ts';
import { meterGate } from '../metering/meter-gate.ts';
import type { MeteredExchange } from '../metering/metered-exchange.ts';
import { meteringTap } from '../metering/metering-tap.ts';
import { relay } from './relay.ts';
import type { UsageChunkFilter } from '../metering/openai-stream-usage.ts';

export const GATEWAY_PREFIX = '/gw/';

interface Target {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Raw path + query as the client sent it (not yet normalized). */
  rawPath: string;
  gateway: boolean;
}

export function handleRequest(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '';
  const method = req.method ?? 'GET';
  const target = parseTarget(selfRelative(ctx, url));
  if (!target) {
    refuse(res, 'proxy.bad-request', { host: '', method, path: withoutQuery(url).slice(0, 200), reason: 'expected an absolute-form URL (http://host/path) or the gateway form /gw/<host>/<path>' }, { log: ctx.log, level: 1 });
    return;
  }
  const session = authenticate(ctx, req, target.gateway);
  if (!session) {
    req.resume();
    refuse(res, 'proxy.auth-required', { host: target.host, method, path: withoutQuery(target.rawPath) }, { log: ctx.log, level: 1 });
    return;
  }
  // Captured once: a reload swaps session.view, this request keeps its own.
  const view = session.view;
  const audit: RefusalLog = { log: ctx.log, level: view.log, session: session.id, agent: session.agent, digest: view.digest, ...(ctx.ledger ? { ledger: ctx.ledger } : {}) };
  // Refusals (bodies and log lines) never carry the query string: it is where
  // an agent most often leaks a secret, and a refusal must not echo it back.
  let shownPath = withoutQuery(target.rawPath);
  const deny = (rule: RuleId, reason?: string, hint?: string) => {
    req.resume();
    refuse(res, rule, { host: target.host, method, path: shownPath, ...(reason ? { reason } : {}), ...(hint ? { hint } : {}) }, audit);
  };
  if (view.closedReason) return deny('egress.no-route', view.closedReason);

  const norm = normalizeRequestTarget(target.rawPath);
  if (!norm.ok) return deny('egress.bad-path', norm.reason);
  const decision = decide(view.table, { method, scheme: target.scheme, host: target.host, port: target.port, path: norm.path, query: norm.query, headers: req.headers });
  if (!decision.allow) return deny(decision.rule, decision.reason, decision.hint);

  const plan = decision.route.credential;
  let credential: { plan: CredentialPlan; value: string } | undefined;
  if (plan) {
    const value = ctx.credential(plan.tokenRef);
    // Fail closed: without the real credential the request would go out unauthenticated or with the agent's own.
    if (!value) return deny('proxy.credential-missing', `the runtime has no value for ${plan.tokenRef} in its environment`);
    credential = { plan, value };
  }

  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > ctx.limits.bodyCapBytes) {
    return deny('proxy.body-too-large', `body of ${declared} bytes exceeds the ${ctx.limits.bodyCapBytes}-byte cap`);
  }
  ctx.inflight++;
  let finished = false;
  const done = () => {
    if (!finished) {
      finished = true;
      ctx.inflight--;
    }
  };
  res.once('close', done);
  const chains = view.chains.get(decision.route.host);
  let metered: MeteredExchange | undefined;
  readBody(req, ctx.limits.bodyCapBytes)
    .then(async (read) => {
      if (read === TOO_LARGE) return deny('proxy.body-too-large', `body exceeds the ${ctx.limits.bodyCapBytes}-byte cap`);
      if (read === ABORTED) return done();
      let body = read;
      let headers = upstreamRequestHeaders(req.headers, session.key);
      let path = norm.path;
      let query = norm.query;
      if (chains && chains.outbound.length > 0 && view.plugins) {
        // Outbound plugins see the complete request before the upstream sees anything.
        const outcome = await view.plugins.request({
          chain: [...chains.outbound],
          onMatch: chains.onMatch,
          method,
          scheme: target.scheme,
          host: target.host,
          path,
          query,
          headers: headerPairs(headers),
          body,
          route: decision.route.host,
          session: session.id,
          agent: session.agent,
        });
        // host.ts has logged the plugin's own words; outcome.error says only what kind of failure it was.
        if (outcome.error) return deny('plugin.failed', outcome.error);
        if (outcome.findings.some((f) => f.location === 'path')) shownPath = '[redacted]';
        if (outcome.action === 'block') return deny('dlp.blocked', describeFindings(outcome.findings, outcome.plugin));
        if (outcome.action === 'supervise') return deny('dlp.supervise-unavailable', describeFindings(outcome.findings, outcome.plugin));
        if (outcome.action === 'redact' && outcome.redacted) {
          path = outcome.redacted.path;
          query = outcome.redacted.query;
          headers = pairsToHeaders(outcome.redacted.headers);
          body = Buffer.from(outcome.redacted.body);
          if (headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
        }
        if ((outcome.action === 'redact' || outcome.action === 'warn') && view.log >= 1) {
          ctx.log.warn({ event: outcome.action === 'redact' ? 'redacted' : 'dlp-warn', session: session.id, host: target.host, method, path, findings: outcome.findings.map(publicFinding), digest: view.digest }, outcome.action);
        }
      }
      // Metered (provider) route: the budget decides before anything is forwarded.
      const meterKey = view.meters.get(decision.route.host);
      let filter: UsageChunkFilter | null = null;
      if (meterKey) {
        const gate = await meterGate(ctx, session, view, meterKey, decision.route, { method, scheme: target.scheme, host: target.host, path, query, headers, body });
        if ('refuse' in gate) {
          deny(gate.refuse, gate.reason);
          gate.after?.();
          return;
        }
        ({ exchange: metered, filter, body } = gate);
      }
      // Injected after every outbound check, so no plugin ever sees the real credential.
      if (credential) injectCredential(headers, credential.plan, credential.value);
      // The upstream sees the host the agent asked for, also when an override sends it to a local mock.
      headers['host'] = target.port === (target.scheme === 'https' ? 443 : 80) ? hostForHeader(target.host) : `${hostForHeader(target.host)}:${target.port}`;
      // Inbound plugins read the response as sent: ask for it uncompressed.
      if (chains && chains.inbound.length > 0) headers['accept-encoding'] = 'identity';
      const { dispatcher, origin } = ctx.upstreams.target(target.scheme, target.host, target.port, view.addresses);
      const fullPath = query ? `${path}?${query}` : path;
      const t0 = view.log >= 2 ? performance.now() : 0;
      if (view.log >= 2) ctx.log.info({ event: 'request', session: session.id, method, host: target.host, path: fullPath, route: decision.route.host, via: decision.via, headers: redactHeaders(req.headers) }, 'request');
      await relay(dispatcher, { origin, path: fullPath, method, headers, body: body.length ? body : null }, (statusCode, upstreamHeaders) => {
        if (view.log >= 2) ctx.log.info({ event: 'response', session: session.id, method, host: target.host, path: fullPath, status: statusCode, ms: Math.round(performance.now() - t0), headers: redactHeaders(upstreamHeaders) }, 'response');
        const clientHeaders = clientResponseHeaders(upstreamHeaders);
        // `egress.log: 0` is "nothing but denials" (bottle schema): allows then go unrecorded, in the log and the ledger alike.
        if (ctx.ledger && view.log >= 1) recordDecision(ctx.ledger, { session: session.id, agent: session.agent, rule: `route ${decision.route.host}`, method, host: target.host, path, status: statusCode, digest: view.digest }, true);
        const sink = responseSink({ statusCode, clientHeaders, out: res, chains, plugins: view.plugins, route: decision.route.host, session: session.id, digest: view.digest, log: ctx.log, rewritten: filter !== null, deny });
        if (!metered) return { sink };
        metered.response(statusCode, headerPairs(clientHeaders), requestIdOf(upstreamHeaders));
        const exchange = metered;
        const tap = meteringTap(sink, exchange, {
          sse: /^text\/event-stream/i.test(String(clientHeaders['content-type'] ?? '')),
          filter,
          onCut: () => ctx.enforce(session, session.metering.budgets.cutoff, 'budget', `the ${exchange.start.provider} budget ran out mid-stream`),
          onSettled: usageFailureLogger(ctx.log, session.id),
        });
        return { sink, tap };
      });
    })
    .catch((err: unknown) => {
      // No response came (or it broke off before the tap saw it): settle what the meter can say.
      metered?.end(true).catch((e: Error) => ctx.log.error({ event: 'ledger-write-failed', session: session.id, err: e.message }, 'could not record usage'));
      upstreamFailed(err, deny, res);
    });
}

interface SinkArgs {
  statusCode: number;
  clientHeaders: ReturnType<typeof clientResponseHeaders>;
  out: ServerResponse;
  chains: RouteChains | undefined;
  plugins: PluginHost | undefined;
  route: string;
  session: string;
  digest: string;
  log: ProxyContext['log'];
  /** The gateway rewrites the stream (drops a usage chunk): the upstream's length no longer holds. */
  rewritten: boolean;
  deny(rule: RuleId, reason?: string): void;
}

/** Where the client's bytes go: the response itself, or the inbound scanner (with a decoder) in front of it. */
function responseSink({ statusCode, clientHeaders, out, chains, plugins, route, session, digest, log, rewritten, deny }: SinkArgs): Writable {
  if (rewritten) delete clientHeaders['content-length'];
  if (!chains || chains.inbound.length === 0 || !plugins) {
    out.writeHead(statusCode, clientHeaders);
    return out;
  }
  // Scanned routes ask for identity; an upstream that compresses anyway is
  // decoded here so the plugins read text, and the client gets it plain.
  const encoding = String(clientHeaders['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding && encoding !== 'identity' ? responseDecoder(encoding) : undefined;
  if (decoder === null) {
    deny('dlp.response-blocked', `the upstream answered with content-encoding "${encoding}", which cannot be scanned`);
    return DISCARD();
  }
  if (decoder) {
    delete clientHeaders['content-encoding'];
    delete clientHeaders['content-length'];
  }
  const scanner = scanningResponse(
    out,
    plugins,
    chains,
    { status: statusCode, headers: headerPairs(clientHeaders), route, session, digest, log },
    () => out.writeHead(statusCode, clientHeaders),
    (reason) => deny('dlp.response-blocked', reason),
  );
  if (!decoder) return scanner;
  let blocked = false;
  decoder.on('error', () => {
    if (blocked) return;
    scanner.destroy();
    if (out.headersSent) out.destroy();
    else deny('dlp.response-blocked', `the upstream's ${encoding} body does not decode`);
  });
  // A block fails the scanner's write; that must stop the decoder (and so
  // the upstream read), never surface as an unhandled stream error.
  scanner.on('error', () => {
    blocked = true;
    decoder.destroy(new Error('response blocked'));
  });
  decoder.pipe(scanner);
  return decoder;
}

/**
 * Waits on the usage row's commit (up to the ledger's group-commit interval)
 * holding only the log and the session id: a closure made inside the
 * handler would keep the whole request's scope (request, response, bodies)
 * alive that long.
 */
function usageFailureLogger(log: ProxyContext['log'], session: string): (p: Promise<unknown>) => void {
  return (p) => void p.catch((err: Error) => log.error({ event: 'ledger-write-failed', session, err: err.message }, 'could not record usage'));
}

function requestIdOf(headers: Record<string, string | string[] | undefined>): string {
  const id = headers['request-id'] ?? headers['x-request-id'];
  return typeof id === 'string' ? id.slice(0, 200) : '';
}

/** A streaming decoder for one content-coding; null for codings that cannot be scanned (unknown, or stacked). */
function responseDecoder(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}

/** A sink that refuses every write, so undici aborts the upstream body. */
function DISCARD(): Writable {
  return new Writable({ write: (_c, _e, done) => done(new Error('response refused')) });
}

function withoutQuery(rawPath: string): string {
  const q = rawPath.indexOf('?');
  return q < 0 ? rawPath : rawPath.slice(0, q);
}

/** Which detector found what, where: never the matched value. */
function describeFindings(findings: readonly Finding[], plugin: string | undefined): string {
  if (findings.length === 0) return `${plugin ?? 'a plugin'} flagged the request`;
  const parts = findings.slice(0, 5).map((f) => `${f.detector} found ${f.rule} in ${f.location}`);
  return parts.join('; ') + (findings.length > 5 ? `; and ${findings.length - 5} more` : '');
}

function publicFinding(f: Finding): Omit<Finding, 'offset'> & { offset: number } {
  return { detector: f.detector, rule: f.rule, location: f.location, offset: f.offset, length: f.length, severity: f.severity, excerpt: f.excerpt };
}

function upstreamFailed(err: unknown, deny: (rule: RuleId, reason?: string) => void, res: ServerResponse): void {
  if (res.headersSent) {
    // Mid-body failure: the only honest signal left is to cut the connection
    // (unless the response was already ended on purpose, as a budget cut does).
    if (!res.writableEnded) res.destroy();
    return;
  }
  const cause = (err as { cause?: unknown })?.cause ?? err;
  if (cause instanceof EgressRefusedError || err instanceof EgressRefusedError) {
    const e = (cause instanceof EgressRefusedError ? cause : err) as EgressRefusedError;
    return deny(e.rule, e.reason);
  }
  const code = (cause as NodeJS.ErrnoException)?.code ?? (err as NodeJS.ErrnoException)?.code;
  if (err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError || err instanceof undiciErrors.ConnectTimeoutError || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return deny('proxy.upstream-timeout', 'the upstream did not answer in time');
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return deny('proxy.dns-failure', 'the host name did not resolve');
  deny('proxy.upstream-error', `upstream failed: ${code ?? (err as Error)?.message ?? 'unknown error'}`);
}

/**
 * A client that honours HTTP_PROXY also sends its gateway requests
 * (ANTHROPIC_BASE_URL → http://cork/gw/...) through the proxy, in absolute
 * form naming cork itself: those are gateway requests, not egress to cork.
 */
function selfRelative(ctx: ProxyContext, url: string): string {
  if (url.charCodeAt(0) === 47 /* / */) return url;
  const m = /^http:\/\/([^/?#]+)(\/gw\/.*)$/i.exec(url);
  return m && ctx.selfAuthorities.has(m[1]!.toLowerCase()) ? m[2]! : url;
}

/** Absolute-form (forward proxy) or gateway form; undefined for anything else. */
function parseTarget(url: string): Target | undefined {
  if (url.startsWith(GATEWAY_PREFIX)) {
    const rest = url.slice(GATEWAY_PREFIX.length);
    const slash = rest.search(/[/?]/);
    const authority = (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase();
    const rawPath = slash < 0 ? '/' : rest[slash] === '?' ? `/${rest.slice(slash)}` : rest.slice(slash);
    const hp = splitHostPort(authority, 443);
    return hp ? { scheme: 'https', ...hp, rawPath, gateway: true } : undefined;
  }
  const m = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(url);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase() as 'http' | 'https';
  const authority = m[2]!.toLowerCase();
  if (authority.includes('@')) return undefined; // userinfo in a request target is refused (RFC 9110 §4.2.4)
  const hp = splitHostPort(authority, scheme === 'https' ? 443 : 80);
  const rest = m[3] ?? '';
  return hp ? { scheme, ...hp, rawPath: rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest, gateway: false } : undefined;
}

function hostForHeader(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function splitHostPort(authority: string, defaultPort: number): { host: string; port: number } | undefined {
  let host = authority;
  let port = defaultPort;
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d+))?$/.exec(authority);
  if (v6) {
    host = v6[1]!;
    if (v6[2]) port = Number(v6[2]);
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      if (!/^\d+$/.test(authority.slice(colon + 1))) return undefined;
      host = authority.slice(0, colon);
      port = Number(authority.slice(colon + 1));
    }
  }
  if (!host || port < 1 || port > 65535 || !/^[a-z0-9.:_-]+$/.test(host)) return undefined;
  return { host: host.endsWith('.') ? host.slice(0, -1) : host, port };
}

/** Forward proxy: Proxy-Authorization. Gateway: the session key as x-api-key or Bearer, or Proxy-Authorization. */
function authenticate(ctx: ProxyContext, req: IncomingMessage, gateway: boolean): Session | undefined {
  const byProxy = ctx.sessions.byProxyAuthorization(req.headers['proxy-authorization']);
  if (byProxy || !gateway) return byProxy;
  const apiKey = req.headers['x-api-key'];
  if (typeof apiKey === 'string') {
    const s = ctx.sessions.byKey(apiKey);
    if (s) return s;
  }
  const auth = req.headers.authorization;
  if (auth && /^bearer /i.test(auth)) return ctx.sessions.byKey(auth.slice(7).trim());
  return undefined;
}

const TOO_LARGE = Symbol('too-large');
const ABORTED = Symbol('aborted');

const EMPTY = Buffer.alloc(0);

/** The whole body, or TOO_LARGE past the cap (then the rest is drained, not stored). */
function readBody(req: IncomingMessage, cap: number): Promise<Buffer | typeof TOO_LARGE | typeof ABORTED> {
  // Most GETs have no body: no listeners, no buffering.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return Promise.resolve(EMPTY);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > cap) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(over ? TOO_LARGE : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', () => resolve(ABORTED));
    req.once('aborted', () => resolve(ABORTED));
  });
}
