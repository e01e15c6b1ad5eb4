// Plausible ledger rows for tests and the benchmark.
import type { ActionRow, DecisionRow, UsageRow } from '../../runtime/state/ledger.ts';

export const DIGEST = 'a'.repeat(64);

export function usageRow(i: number, over: Partial<UsageRow> = {}): UsageRow {
  return {
    ts: Date.now(),
    session: `sess-${i % 7}`,
    agent: i % 2 ? 'reviewer' : 'coder',
    bottles: ['github', 'anthropic'],
    provider: i % 3 ? 'anthropic' : 'openai',
    model: i % 3 ? 'claude-sonnet-4' : null,
    host: i % 3 ? 'api.anthropic.com' : 'api.openai.com',
    request_id: `req-${i}`,
    input_tokens: 1000 + i,
    output_tokens: 200,
    cache_creation_input_tokens: 10,
    cache_read_input_tokens: 500,
    estimated: i % 5 === 0,
    bundle_digest: DIGEST,
    ...over,
  };
}

export function decisionRow(i: number, over: Partial<DecisionRow> = {}): DecisionRow {
  return {
    ts: Date.now(),
    session: `sess-${i % 7}`,
    agent: 'coder',
    kind: i % 2 ? 'deny' : 'allow',
    rule: i % 2 ? 'egress.no-route' : 'route',
    method: 'GET',
    host: 'example.test',
    path: `/items/${i}`,
    status: i % 2 ? 403 : 200,
    bundle_digest: DIGEST,
    detail: { n: i, why: ['a', 'b'] },
    ...over,
  };
}

export function actionRow(i: number, over: Partial<ActionRow> = {}): ActionRow {
  return { ts: Date.now(), session: `sess-${i % 7}`, action: 'cutoff', actor: 'budget', reason: `over budget ${i}`, bundle_digest: DIGEST, ...over };
}
