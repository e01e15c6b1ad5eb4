// Decision rows for the ledger: every allow and every refusal of a session's
// request, with the rule that decided it and the bundle digest. Written
// without waiting (the ledger batches them off the hot path); a failed write
// is logged, never allowed to change what the proxy already answered.
import type { RuleId } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { DecisionRow, Ledger } from '../state/ledger.ts';

export interface Decision {
  session: string;
  agent: string | null;
  /** A refusal rule id, or `route <host>` for an allowed request. */
  rule: RuleId | string;
  method: string;
  host: string;
  /** Without the query string. */
  path: string;
  status: number;
  digest: string;
  reason?: string;
}

export function decisionKind(rule: string, allowed: boolean): DecisionRow['kind'] {
  if (allowed) return 'allow';
  if (rule === 'budget.cutoff') return 'cutoff';
  if (rule.startsWith('budget.')) return 'budget';
  if (rule.startsWith('dlp.')) return 'dlp';
  return 'deny';
}

export function recordDecision(ledger: Ledger, log: Logger, d: Decision, allowed = false): void {
  ledger
    .recordDecision({
      ts: Date.now(),
      session: d.session,
      agent: d.agent,
      kind: decisionKind(d.rule, allowed),
      rule: d.rule,
      method: d.method,
      host: d.host,
      path: d.path,
      status: d.status,
      bundle_digest: d.digest,
      ...(d.reason ? { detail: { reason: d.reason } } : {}),
    })
    .catch((err: Error) => log.error({ event: 'ledger-write-failed', err: err.message }, 'could not record a decision'));
}
