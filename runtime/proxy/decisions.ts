// Decision rows for the ledger: every allow and every refusal of a session's
// request, with the rule that decided it and the bundle digest. Noted, not
// awaited (the ledger batches them off the hot path, with no promise per
// row); a failed write is reported through the ledger's onNoteFailed and
// never changes what the proxy already answered.
import type { RuleId } from '../errors.ts';
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

export function recordDecision(ledger: Ledger, d: Decision, allowed = false): void {
  ledger.noteDecision({
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
  });
}
