// The request side of a metered (provider) route, as the proxy's hot path
// calls it: is the session cut off; does OpenAI need asking for stream
// usage; what does the meter say; does the estimate fit the budget. Either
// a refusal (and what to do once it is sent) or the exchange to tap the
// response with. Headers are adjusted in place.
import type { RuleId } from '../errors.ts';
import type { CompiledRoute } from '../policy/route-table.ts';
import type { ProxyContext } from '../proxy/context.ts';
import { headerPairs } from '../proxy/headers.ts';
import type { Session, SessionView } from '../sessions.ts';
import { beginExchange, type MeteredExchange } from './metered-exchange.ts';
import { askForStreamUsage, UsageChunkFilter } from './openai-stream-usage.ts';

export interface MeterRequest {
  method: string;
  scheme: 'http' | 'https';
  host: string;
  path: string;
  query: string;
  /** The upstream request's headers (upstreamRequestHeaders), changed in place. */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export type MeterGate =
  /** `after` runs once the refusal is sent: a spent budget fires the cutoff policy then. */
  | { refuse: RuleId; reason: string; after?: () => void }
  | { exchange: MeteredExchange | undefined; filter: UsageChunkFilter | null; body: Buffer };

export async function meterGate(ctx: ProxyContext, session: Session, view: SessionView, meterKey: string, route: CompiledRoute, req: MeterRequest): Promise<MeterGate> {
  const m = session.metering;
  if (m.state !== 'active') return { refuse: 'budget.cutoff', reason: `session ${session.id} is ${m.state === 'cutoff' ? 'cut off' : m.state}${m.reason ? `: ${m.reason}` : ''}` };
  const meter = view.plugins?.meter(meterKey);
  if (!meter) return { refuse: 'meter.failed', reason: 'the meter for this route is not loaded' };
  let body = req.body;
  let filter: UsageChunkFilter | null = null;
  if (route.provider?.api === 'openai') {
    const asked = askForStreamUsage(req.path, body);
    if (asked) {
      body = asked;
      filter = new UsageChunkFilter();
      if (req.headers['content-length'] !== undefined) req.headers['content-length'] = String(body.length);
    }
  }
  const cutoff = (reason: string) => ctx.enforce(session, m.budgets.cutoff, 'budget', reason);
  const begun = await beginExchange(
    meter,
    { id: session.id, agent: session.agent, bottles: session.bottles, book: m.book, floor: m.budgets.estimateFloor },
    { method: req.method, scheme: req.scheme, host: req.host, path: req.path, query: req.query, headers: headerPairs(req.headers), body, route: route.host, session: session.id, agent: session.agent },
    { ledger: ctx.ledger, log: ctx.log, digest: view.digest, host: req.host, crossed: (_provider, reason) => cutoff(reason) },
  );
  if (begun.kind === 'refused') {
    // A spent budget fires the cutoff policy even when no single request crossed it.
    return { refuse: begun.rule, reason: begun.reason, ...(begun.exhausted ? { after: () => cutoff(`${route.provider?.api ?? 'provider'} budget spent: ${begun.reason}`) } : {}) };
  }
  if (begun.kind === 'unmetered') return { exchange: undefined, filter: null, body };
  // The meter reads the response as sent: ask for it uncompressed.
  req.headers['accept-encoding'] = 'identity';
  return { exchange: begun.exchange, filter, body };
}
