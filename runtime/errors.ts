// The one catalogue of the runtime's refusals: every status the proxy sends
// back instead of the upstream's answer has a stable rule id here, with its
// HTTP status, the `error` word of the JSON body and a default hint. Ids are
// stable: decisions in the ledger, dashboards and tests refer to them, so
// never rename one; retire it. Tests assert the id, never the wording.

/** What an agent should do to get access it was refused. */
const ASK_FOR_ACCESS =
  'ask for access with the supervise tool `egress-allow` (host, and the path and method you need), or ask the operator to add a route to a bottle';

export const RUNTIME_ERRORS = {
  // Egress decisions (route table, path normalization, SSRF): 403.
  'egress.no-route': {
    status: 403,
    error: 'egress_denied',
    summary: 'no route for the host',
    hint: ASK_FOR_ACCESS,
  },
  'egress.no-match': {
    status: 403,
    error: 'egress_denied',
    summary: 'the host has a route but no match entry allows the request',
    hint: ASK_FOR_ACCESS,
  },
  'egress.git-push': {
    status: 403,
    error: 'egress_denied',
    summary: 'git push (git-receive-pack) is never allowed through egress',
    hint: 'push through the git gate (SSH) instead; egress never carries git push',
  },
  'egress.bad-path': {
    status: 403,
    error: 'egress_denied',
    summary: 'the request path was refused by normalization',
    hint: 'send the path without dot-segments (`.`/`..`, also percent-encoded), backslashes, control characters or malformed %-escapes',
  },
  'egress.port': {
    status: 403,
    error: 'egress_denied',
    summary: 'the port is not allowed for the host',
    hint: 'routes allow the scheme default port only: 443 for https and CONNECT, 80 for http',
  },
  'egress.ssrf': {
    status: 403,
    error: 'egress_denied',
    summary: 'the host resolves to an address egress never reaches (loopback, private, link-local, metadata…)',
    hint: 'internal addresses need a route whose host is that IP address; ask the operator',
  },
  'egress.connect-needs-gateway': {
    status: 403,
    error: 'egress_denied',
    summary: 'the route inspects requests, which a CONNECT tunnel hides',
    hint: 'send the request to the gateway form http://<cork>/gw/<host>/<path> instead of tunnelling',
  },
  // The proxy itself.
  'proxy.auth-required': {
    status: 407,
    error: 'proxy_auth_required',
    summary: 'the request carries no valid session credential',
    hint: 'use the proxy URL with the session token that `cork run` put in HTTP(S)_PROXY',
  },
  'proxy.bad-request': {
    status: 400,
    error: 'bad_request',
    summary: 'the request is malformed',
    hint: 'send an absolute-form HTTP request, a CONNECT host:port, or the gateway form /gw/<host>/<path>',
  },
  'proxy.headers-too-large': {
    status: 431,
    error: 'headers_too_large',
    summary: 'the request headers exceed the cap',
    hint: 'send fewer or smaller headers',
  },
  'proxy.request-timeout': {
    status: 408,
    error: 'request_timeout',
    summary: 'the request was not received in time',
    hint: 'send the whole request promptly',
  },
  'proxy.credential-missing': {
    status: 502,
    error: 'credential_missing',
    summary: 'the route injects a credential the runtime does not have',
    hint: 'tell the operator: the variable the route names as token_ref is not set in the runtime environment',
  },
  'proxy.body-too-large': {
    status: 413,
    error: 'body_too_large',
    summary: 'the request body exceeds the inspection cap',
    hint: 'send a smaller body',
  },
  'proxy.upstream-error': {
    status: 502,
    error: 'upstream_error',
    summary: 'the upstream could not be reached or answered badly',
    hint: 'retry later; if it persists, tell the operator',
  },
  'proxy.dns-failure': {
    status: 502,
    error: 'upstream_error',
    summary: 'the host name did not resolve',
    hint: 'check the host name',
  },
  'proxy.upstream-timeout': {
    status: 504,
    error: 'upstream_timeout',
    summary: 'the upstream did not answer in time',
    hint: 'retry later',
  },
  // Plugins (DLP and policy-repo plugins) on the hot path.
  'dlp.blocked': {
    status: 403,
    error: 'egress_denied',
    summary: 'a DLP detector found something this route may not carry',
    hint: 'remove the credential or sensitive value from the request; cork injects the credentials a route needs',
  },
  'dlp.supervise-unavailable': {
    status: 403,
    error: 'supervise_unavailable',
    summary: 'the route holds matching requests for operator approval, and approvals are not available',
    hint: 'remove the flagged value, or ask the operator to review the route',
  },
  'dlp.response-blocked': {
    status: 502,
    error: 'response_blocked',
    summary: 'a DLP detector blocked the upstream response',
    hint: 'the response carried content this route may not deliver; tell the operator if this is wrong',
  },
  'plugin.failed': {
    status: 403,
    error: 'egress_denied',
    summary: 'a plugin could not give a verdict (it failed, timed out or the pool is full), so the request is blocked',
    hint: 'retry later; if it persists, tell the operator',
  },
  // Budgets: same body shape, 429.
  'budget.exceeded': {
    status: 429,
    error: 'budget_exceeded',
    summary: 'the token budget for this provider is spent',
    hint: 'ask the operator to raise the budget or resume the session',
  },
  'budget.unestimable': {
    status: 429,
    error: 'budget_exceeded',
    summary: 'the cost of this request cannot be estimated and the remaining budget is below the estimate floor',
    hint: 'set max_tokens on the request, or ask the operator to raise the budget',
  },
  'budget.cutoff': {
    status: 429,
    error: 'budget_cutoff',
    summary: 'metered egress of this session is cut off',
    hint: 'the budget was crossed or the operator cut the session off; ask the operator to resume it',
  },
  'meter.failed': {
    status: 502,
    error: 'meter_failed',
    summary: 'the meter for this provider failed, so the request cannot be counted against the budget and is refused',
    hint: 'retry later; if it persists, tell the operator',
  },
} as const satisfies Record<string, { status: number; error: string; summary: string; hint: string }>;

export type RuleId = keyof typeof RUNTIME_ERRORS;

/** The JSON body of every refusal the runtime sends (403, 407, 413, 429, 502…). */
export interface RefusalBody {
  error: string;
  rule: RuleId;
  host: string;
  method: string;
  path: string;
  reason: string;
  hint: string;
}

export interface RefusalContext {
  host: string;
  method: string;
  path: string;
  /** Defaults to the rule's summary. */
  reason?: string;
  /** Defaults to the rule's hint. */
  hint?: string;
}

export function refusalStatus(rule: RuleId): number {
  return RUNTIME_ERRORS[rule].status;
}

/** One shape for every refusal; `error` comes from the rule, so a 407 says `proxy_auth_required`. */
export function refusalBody(rule: RuleId, ctx: RefusalContext): RefusalBody {
  const entry = RUNTIME_ERRORS[rule];
  return {
    error: entry.error,
    rule,
    host: ctx.host,
    method: ctx.method,
    path: ctx.path,
    reason: ctx.reason ?? entry.summary,
    hint: ctx.hint ?? entry.hint,
  };
}

/**
 * A refusal raised where only an exception can travel (a `lookup` hook inside
 * net.connect or undici). The proxy maps it back to a body with `refusalBody`.
 */
export class EgressRefusedError extends Error {
  override readonly name = 'EgressRefusedError';
  /** Node-style code so generic socket error handling can tell it apart. */
  readonly code = 'CORK_EGRESS_REFUSED';
  constructor(
    readonly rule: RuleId,
    readonly reason: string,
  ) {
    super(reason);
  }
}
