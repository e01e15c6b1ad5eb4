// One request on a metered (provider) route, from before it is forwarded to
// the ledger row after its response:
// 1. the meter says what the request is metered as and what it may cost;
// 2. that estimate is reserved against the session's budget, or the request
//    is refused with 429 (fail closed when it cannot be estimated and little
//    is left);
// 3. each response chunk goes to the client first and to the meter thread as
//    a copy; the running count it reports back can end the stream mid-way
//    when it crosses the budget;
// 4. at the end the reservation settles to the real usage, the usage row is
//    committed to the ledger, and crossing the budget fires the cutoff policy.
import { randomUUID } from 'node:crypto';
import type { MeterStart, RequestView, UsageRecord } from '../../plugins/sdk.ts';
import type { Logger } from '../log.ts';
import type { Ledger, UsageRow } from '../state/ledger.ts';
import type { BudgetBook, Reservation } from './budget-book.ts';
import type { MeterCalls } from './meter-thread.ts';

/** Tokens a usage record charges against a budget: every kind the provider counts. */
export function chargedTokens(u: Pick<UsageRecord, 'input_tokens' | 'output_tokens' | 'cache_creation_input_tokens' | 'cache_read_input_tokens'>): number {
  return (u.input_tokens || 0) + (u.output_tokens || 0) + (u.cache_creation_input_tokens || 0) + (u.cache_read_input_tokens || 0);
}

export interface ExchangeSession {
  readonly id: string;
  readonly agent: string;
  readonly bottles: readonly string[];
  readonly book: BudgetBook;
  /** The least a request reserves (settings `estimate_floor_tokens`). */
  readonly floor: number;
}

export interface ExchangeContext {
  readonly ledger: Ledger | undefined;
  readonly log: Logger;
  readonly digest: string;
  readonly host: string;
  /** The session crossed a budget: apply its cutoff policy. */
  crossed(provider: string, reason: string): void;
}

export type BeginResult =
  | { kind: 'unmetered' }
  /** `exhausted`: what is left is below the estimate floor, so no request can go through: the budget is spent. */
  | { kind: 'refused'; rule: 'budget.exceeded' | 'budget.unestimable' | 'meter.failed'; reason: string; exhausted?: boolean }
  | { kind: 'metered'; exchange: MeteredExchange };

let nextStream = 0;

/** Steps 1 and 2: ask the meter, reserve the estimate. */
export async function beginExchange(meter: MeterCalls, session: ExchangeSession, req: RequestView, ctx: ExchangeContext): Promise<BeginResult> {
  const streamId = `m${++nextStream}`;
  let start: MeterStart | null;
  try {
    start = await meter.request(streamId, req);
  } catch (err) {
    ctx.log.error({ event: 'meter-failed', hook: 'onMeterRequest', session: session.id, err: (err as Error)?.message, digest: ctx.digest }, 'meter failed; request refused');
    return { kind: 'refused', rule: 'meter.failed', reason: 'the meter could not read the request' };
  }
  if (!start) return { kind: 'unmetered' };
  const amount = start.estimate ? start.estimate.input_tokens + start.estimate.output_tokens : null;
  const r = session.book.reserve(start.provider, amount);
  if (!r.ok) {
    dropStream(meter, streamId);
    const left = `${r.remaining} of ${r.limit} ${start.provider} tokens left (${r.used} used, ${r.reserved} reserved by requests in flight)`;
    // Spent, not merely too small for this request: counting in-flight reservations would fire on a busy session.
    const exhausted = r.limit - r.used < session.floor;
    return r.reason === 'unestimable'
      ? { kind: 'refused', rule: 'budget.unestimable', reason: `the request's cost cannot be estimated (no output cap) and only ${left}`, exhausted }
      : { kind: 'refused', rule: 'budget.exceeded', reason: `this request may use up to ${Math.max(amount ?? 0, session.floor)} tokens; ${left}`, exhausted };
  }
  return { kind: 'metered', exchange: new MeteredExchange(meter, streamId, start, r.reservation, session, ctx) };
}

/** A stream that goes no further: the meter thread may hold state for it (when the request was metered); end it. */
function dropStream(meter: MeterCalls, streamId: string): void {
  meter.end(streamId, true).catch(() => undefined);
}

export class MeteredExchange {
  #running = 0;
  #failed: string | undefined;
  #ended = false;
  #crossed = false;
  #status = 0;
  #headers: Array<[string, string]> = [];
  #requestId = '';
  /** Set by the response tap: ends the client's stream when the running count crosses the budget. */
  onCross: (() => void) | undefined;

  constructor(
    private readonly meter: MeterCalls,
    private readonly streamId: string,
    readonly start: MeterStart,
    private readonly reservation: Reservation,
    private readonly session: ExchangeSession,
    private readonly ctx: ExchangeContext,
  ) {
    meter.watch(streamId, (u) => this.#onUsage(u), (why) => this.#fail('onMeterChunk', why));
  }

  /** The upstream's answer line: status and headers the meter sees with every chunk. */
  response(status: number, headers: ReadonlyArray<readonly [string, string]>, requestId: string): void {
    this.#status = status;
    this.#headers = headers.map(([n, v]) => [n, v]);
    this.#requestId = requestId;
  }

  /**
   * A copy of one chunk the client already has (the meter thread reads it
   * beside the proxy). Returns a promise when the thread is too far behind:
   * the response waits for it instead of the backlog growing without bound.
   */
  chunk(data: Uint8Array): Promise<void> | undefined {
    if (this.#failed || this.#ended) return undefined;
    this.meter.chunk(this.streamId, this.#status, this.#headers, data);
    return this.meter.behind() ? this.meter.whenCaughtUp() : undefined;
  }

  #onUsage(u: UsageRecord): void {
    if (this.#ended || this.#crossed) return;
    this.#running = chargedTokens(u);
    if (this.session.book.wouldCross(this.reservation, this.#running)) {
      this.#crossed = true;
      this.onCross?.();
    }
  }

  /**
   * The response is over (`interrupted` when either side went away first,
   * or the stream was cut). Settles the reservation and commits the usage
   * row; resolves once the row is durable.
   */
  async end(interrupted: boolean): Promise<UsageRow | null> {
    if (this.#ended) return null;
    this.#ended = true;
    let usage: UsageRecord | null = null;
    try {
      usage = await this.meter.end(this.streamId, interrupted);
    } catch (err) {
      this.#fail('onMeterEnd', (err as Error)?.message ?? String(err));
    }
    // A meter that failed cannot say what was used: charge the reservation (fail closed), marked estimated.
    if (this.#failed) usage = this.#reservedAsUsage();
    const charged = usage ? chargedTokens(usage) : 0;
    const settled = this.session.book.settle(this.reservation, charged);
    const row = usage ? this.#row(usage) : null;
    if (settled.crossed) this.ctx.crossed(this.start.provider, `${this.start.provider} budget crossed: ${settled.used} of ${settled.limit} tokens used`);
    if (row && this.ctx.ledger) await this.ctx.ledger.recordUsage(row);
    return row;
  }

  #fail(hook: string, why: string): void {
    if (this.#failed) return;
    this.#failed = why;
    this.ctx.log.error({ event: 'meter-failed', hook, session: this.session.id, err: why, digest: this.ctx.digest }, 'meter failed; the reservation is charged');
  }

  #reservedAsUsage(): UsageRecord {
    const e = this.start.estimate;
    return { provider: this.start.provider, ...(this.start.model ? { model: this.start.model } : {}), input_tokens: e?.input_tokens ?? this.reservation.amount, output_tokens: e?.output_tokens ?? 0, estimated: true };
  }

  #row(u: UsageRecord): UsageRow {
    return {
      ts: Date.now(),
      session: this.session.id,
      agent: this.session.agent,
      bottles: [...this.session.bottles],
      provider: u.provider || this.start.provider,
      model: u.model ?? this.start.model ?? null,
      host: this.ctx.host,
      request_id: this.#requestId || `cork-${randomUUID()}`,
      input_tokens: u.input_tokens || 0,
      output_tokens: u.output_tokens || 0,
      cache_creation_input_tokens: u.cache_creation_input_tokens || 0,
      cache_read_input_tokens: u.cache_read_input_tokens || 0,
      estimated: !!u.estimated,
      bundle_digest: this.ctx.digest,
    };
  }
}
