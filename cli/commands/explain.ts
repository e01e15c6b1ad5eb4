// `cork explain <bundle> --agent A [--bottle B]... "METHOD URL"`: the decision
// the runtime would make and the chain that produced it, from the same
// compiled matchers the proxy uses.
import { normalizeRequestTarget } from '../../runtime/net/normalize-path.ts';
import { explainTrace } from '../../runtime/policy/route-table.ts';
import { routeOrigins } from '../../runtime/policy/route-origins.ts';
import { buildView } from '../../runtime/sessions.ts';
import { splitHostPort } from '../../runtime/proxy/handle-request.ts';
import { EXIT, UsageError, out } from '../io.ts';
import { loadBundle } from './verify.ts';

export interface ExplainOpts {
  agent?: string;
  bottles?: string[];
  headers?: string[];
  verifyKey?: string;
  skipVerify?: boolean;
  format?: string;
}

export function explainCommand(bundlePath: string | undefined, requestLine: string | undefined, opts: ExplainOpts): number {
  if (!bundlePath || !requestLine || !opts.agent) {
    throw new UsageError('usage: cork explain <bundle> --agent A [--bottle B]... [--header "Name: value"]... "METHOD https://host/path"');
  }
  // Explaining is read-only review: the digest must hold, a signature is the deployer's check.
  const bundle = loadBundle(bundlePath, { skipVerify: opts.skipVerify ?? !opts.verifyKey, ...(opts.verifyKey ? { verifyKey: opts.verifyKey } : {}) });
  const m = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(requestLine);
  if (!m) throw new UsageError(`the request must look like "POST https://api.github.com/repos/x/y/issues" (got "${requestLine}")`);
  const method = m[1]!.toUpperCase();
  const view = buildView({ bundle, digest: bundle.digest, path: bundlePath, credentialNames: new Set() }, opts.agent, opts.bottles);
  if (view.closedReason) throw new UsageError(view.closedReason, EXIT.policy);

  let req;
  if (method === 'CONNECT') {
    const hp = splitHostPort(m[2]!.toLowerCase(), 443);
    if (!hp) throw new UsageError(`CONNECT needs host:port (got "${m[2]}")`);
    req = { method, scheme: 'https' as const, host: hp.host, port: hp.port, path: '', query: '', headers: {} };
  } else {
    let url: URL;
    try {
      url = new URL(m[2]!);
    } catch {
      throw new UsageError(`"${m[2]}" is not an absolute URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`only http and https URLs can be explained (got ${url.protocol})`);
    const scheme = url.protocol === 'https:' ? ('https' as const) : ('http' as const);
    const raw = /^[a-z]+:\/\/[^/?#]*([^#]*)/i.exec(m[2]!)?.[1] || '/';
    const norm = normalizeRequestTarget(raw.startsWith('?') ? `/${raw}` : raw);
    if (!norm.ok) {
      out(`request: ${method} ${m[2]}\ndecision: DENY egress.bad-path: ${norm.reason}`);
      return EXIT.policy;
    }
    const headers: Record<string, string> = {};
    for (const h of opts.headers ?? []) {
      const colon = h.indexOf(':');
      if (colon <= 0) throw new UsageError(`--header needs "Name: value" (got "${h}")`);
      headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
    }
    req = {
      method,
      scheme,
      host: url.hostname.replace(/^\[|\]$/g, '').toLowerCase(),
      port: url.port ? Number(url.port) : scheme === 'https' ? 443 : 80,
      path: norm.path,
      query: norm.query,
      headers,
    };
  }
  const bottles = opts.bottles?.length ? opts.bottles : bundle.agents[opts.agent]!.bottles;
  const origins = routeOrigins(bundle, bottles, view.policy.egress?.routes ?? []);
  const trace = explainTrace(view.table, req, { bottles, origins });
  out([`agent: ${opts.agent} (bundle ${bundle.digest.slice(0, 12)})`, ...trace.lines].join('\n'));
  // Scriptable: 0 when the runtime would allow the request, 1 when it would refuse it.
  return trace.decision.allow ? EXIT.ok : EXIT.policy;
}
