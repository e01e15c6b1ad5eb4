// One request on a metered (provider) route, from before it is forwarded to
// the ledger row after its response:
// 1. the meter says what the request is metered as and what it may cost;
// 2. that estimate is reserved against the session's budget, or the request
//    is refused with 429 (fail closed when it cannot be estimated and little
//    is left);
// 3. each response chunk goes to the client first, then to the meter;
// 4. at the end the reservation settles to the real usage, the usage row is
//    committed to the ledger, and crossing the budget fires the cutoff policy.
//
// Step 3 has two ways. Reading every event of a stream costs more CPU than
// proxying it, and the provider's own count comes in the stream's last
// events anyway, so an event stream is first only held (by reference):
// - while the request's input estimate + every byte, at BYTES_PER_TOKEN,
//   cannot cross the budget — a bound on any running output estimate,
//   which counts text bytes inside those bytes — no running count is needed
//   to cut it;
// - when the stream ends well, the main thread's meter reads its head (the
//   start event: the real input) and its last few events; if the
//   provider's closing count is there, that is the usage.
// Nothing is parsed while the stream flows: on a busy proxy, reading the
// head at the first chunk cost ~5% of a burst stream's time (bench:proxy).
// The bound's stand-in for the real input can be low only by the
// reservation's own input error, so that is the most a skimmed stream can
// overrun by (input the provider has read is spent before any cut anyway).
// Anything else — the bound would cross, the stream runs long, it ends
// early, no closing count, a JSON body — hands the stream to the meter
// thread, which reads it all from the start (the held bytes first), and its
// running count can end the stream mid-way when it crosses the budget.
import { randomUUID } from 'node:crypto';
import type { MeterStart, RequestView, ResponseChunkView, UsageRecord } from '../../plugins/sdk.ts';
import { bytesForTokens, tokensForBytes } from '../../plugins/meter/estimate.ts';
import type { Logger } from '../log.ts';
import type { Ledger, UsageRow } from '../state/ledger.ts';
import { type BudgetBook, chargedTokens, type Reservation } from './budget-book.ts';
import { HeldStream } from './held-stream.ts';
import { HELD_STREAM_BYTES, type MeterCalls } from './meter-thread.ts';

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

/** The head the main thread's meter reads: events up to the first boundary past this many bytes. */
const HEAD_BYTES = 512;
/** No event boundary this far in: not a stream to skim (the thread reads it). */
const MAX_HEAD_BYTES = 64 * 1024;
/** The tail: the provider's closing events (Anthropic: content_block_stop, message_delta, message_stop). */
const TAIL_EVENTS = 4;
/** Most bytes the main thread's meter reads at a stream's end (a long closing event goes to the thread). */
const MAX_TAIL_BYTES = 32 * 1024;

/** Steps 1 and 2: ask the meter, reserve the estimate. */
export async function beginExchange(meter: MeterCalls, session: ExchangeSession, req: RequestView, ctx: ExchangeContext): Promise<BeginResult> {
  const streamId = `m${++nextStream}`;
  let start: MeterStart | null;
  try {
    start = await meter.request(streamId, req);
  } catch (err) {
    dropStream(meter, streamId);
    ctx.log.error({ event: 'meter-failed', hook: 'onMeterRequest', session: session.id, err: (err as Error)?.message, digest: ctx.digest }, 'meter failed; request refused');
    return { kind: 'refused', rule: 'meter.failed', reason: 'the meter could not read the request' };
  }
  if (!start) {
    dropStream(meter, streamId);
    return { kind: 'unmetered' };
  }
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
  return { kind: 'metered', exchange: new MeteredExchange(meter, streamId, req, start, r.reservation, session, ctx) };
}

/** A stream that goes no further: the main thread's meter may hold state for it; drop it. */
function dropStream(meter: MeterCalls, streamId: string): void {
  try {
    meter.finish(streamId, true);
  } catch {
    // Its state is gone either way.
  }
}

const isEventStream = (headers: ReadonlyArray<readonly [string, string]>) => {
  let sse = false;
  for (const [n, v] of headers) {
    if (n === 'content-type') sse = /^text\/event-stream/i.test(v);
    // Compressed bytes cannot be cut at event boundaries.
    else if (n === 'content-encoding' && v.trim().toLowerCase() !== 'identity') return false;
  }
  return sse;
};

export class MeteredExchange {
  #failed: string | undefined;
  #ended = false;
  #crossed = false;
  #status = 0;
  #headers: Array<[string, string]> = [];
  #requestId = '';
  /** Skimming: the main thread's meter reads head and tail; false once the thread reads the stream. */
  #skim = true;
  /** What skimming holds; from the first chunk. */
  #held: HeldStream | undefined;
  /** Held bytes up to which the bound cannot cross, as of the book's `#epoch`: one compare per chunk instead of a book lookup. */
  #boundAt = -1;
  #epoch = -1;
  /** Kept for a hand-off to the thread, which starts the stream from the request; dropped at the end. */
  #request: RequestView | null;

  constructor(
    private readonly meter: MeterCalls,
    private readonly streamId: string,
    request: RequestView,
    readonly start: MeterStart,
    private readonly reservation: Reservation,
    private readonly session: ExchangeSession,
    private readonly ctx: ExchangeContext,
  ) {
    this.#request = request;
  }

  /** The upstream's answer line: status and headers the meter sees with every chunk. */
  response(status: number, headers: ReadonlyArray<readonly [string, string]>, requestId: string): void {
    this.#status = status;
    this.#headers = headers.map(([n, v]) => [n, v]);
    this.#requestId = requestId;
    // Only a good event stream is skimmed, by a built-in meter; a JSON body is one parse at its end, on the thread.
    if (!this.meter.inline || status < 200 || status >= 300 || !isEventStream(this.#headers)) this.#handOff();
  }

  /**
   * One chunk the client already has. Returns a promise when the meter
   * thread is too far behind: the response waits for it instead of the
   * backlog growing without bound.
   */
  chunk(data: Buffer): Promise<void> | undefined {
    if (this.#failed || this.#ended) return undefined;
    if (this.#skim) {
      if (!this.#held && this.meter.holdStream()) this.#held = new HeldStream(HELD_STREAM_BYTES);
      const held = this.#held;
      // No room to hold another stream, or this one at its cap (a long stream): the thread reads it.
      if (!held?.push(data)) this.#handOff();
      else {
        if (held.bytes > this.#boundAt || this.session.book.epoch !== this.#epoch) this.#checkBound(held);
        return undefined;
      }
    }
    this.meter.chunk(this.streamId, this.#status, this.#headers, data);
    return this.meter.behind() ? this.meter.whenCaughtUp() : undefined;
  }

  #view(data: Uint8Array, position: number, final: boolean): ResponseChunkView {
    return { status: this.#status, headers: this.#headers, data, overlap: 0, position, final, route: '', session: this.session.id };
  }

  /** Past this, a running count could cross the budget: the thread counts instead. */
  #checkBound(held: HeldStream): void {
    const book = this.session.book;
    // Tokens the stream's bytes may count for before input + bound passes the headroom (used + running > limit).
    const room = book.headroom(this.reservation) - (this.start.estimate?.input_tokens ?? 0);
    if (tokensForBytes(held.bytes) > room) return this.#handOff();
    this.#boundAt = bytesForTokens(room);
    this.#epoch = book.epoch;
  }

  /** The thread reads the stream from its start; the held bytes go first. */
  #handOff(): void {
    if (!this.#skim) return;
    this.#skim = false;
    // The main thread's copy of the meter lets go of the stream (a repo meter has none: its stream is on the thread already).
    if (this.meter.inline) dropStream(this.meter, this.streamId);
    this.meter.watch(this.streamId, (u) => this.#onUsage(u), (why) => this.#fail('onMeterChunk', why));
    if (this.#request) this.meter.handOff(this.streamId, this.#request);
    // The held chunks by reference, as the thread's chunks always go: it copies them into its own batch.
    this.#held?.forEach((c) => this.meter.chunk(this.streamId, this.#status, this.#headers, c));
    this.#giveBack();
  }

  #giveBack(): void {
    if (!this.#held) return;
    this.#held.release();
    this.meter.releaseStream();
    this.#held = undefined;
  }

  #onUsage(u: UsageRecord): void {
    if (this.#ended || this.#crossed) return;
    if (this.session.book.wouldCross(this.reservation, chargedTokens(u))) this.#crossed = true;
  }

  /**
   * The meter thread's running count crossed the budget: the response tap
   * ends the client's stream at its next chunk. A flag the tap reads, not a
   * callback into it: a closure over the tap and the client's response,
   * stored here, measurably pushed whole requests into the old generation
   * (bench:proxy: ~850 KB promoted per young GC instead of ~15 KB, and a
   * quarter of the runtime's CPU in major GCs).
   */
  get crossed(): boolean {
    return this.#crossed;
  }

  /** A stream held to its end: its head and tail, read on the main thread. Null when the thread must read it all. */
  #readEnds(interrupted: boolean): UsageRecord | null {
    const held = this.#held;
    const bytes = held?.bytes ?? 0;
    if (interrupted && bytes > 0) return null;
    try {
      // No boundary past HEAD_BYTES: a stream that short is read whole, as its tail.
      let headEnd = held ? held.boundaryAfter(HEAD_BYTES) : -1;
      if (headEnd > MAX_HEAD_BYTES) return null;
      if (headEnd < 0) headEnd = 0;
      const from = held && headEnd > 0 ? held.lastEventsStart(TAIL_EVENTS, headEnd) : 0;
      if (bytes - from > MAX_TAIL_BYTES) return null;
      if (held && headEnd > 0) this.meter.peek(this.streamId, this.#view(held.slice(0, headEnd), 0, false));
      if (held && from < bytes) this.meter.peek(this.streamId, this.#view(held.slice(from, bytes), from, true));
      const usage = this.meter.finish(this.streamId, interrupted);
      // Read without a gap, the meter has seen everything; across one, only the provider's count will do.
      return from === headEnd || usage?.estimated === false ? usage : null;
    } catch {
      return null;
    }
  }

  /**
   * The response is over (`interrupted` when either side went away first,
   * or the stream was cut). Settles the reservation and commits the usage
   * row; resolves once the row is durable. Nothing of the stream (its held
   * bytes, the request) stays reachable while the row waits for its commit:
   * bytes kept alive that long outlive the young generation and cost major
   * GCs.
   */
  end(interrupted: boolean): Promise<UsageRow | null> {
    if (this.#ended) return Promise.resolve(null);
    const skimmed = this.#skim ? this.#readEnds(interrupted) : null;
    if (skimmed) {
      this.#skim = false;
      this.#giveBack();
    } else {
      this.#handOff();
    }
    this.#ended = true;
    this.#request = null;
    if (skimmed) return this.#settle(skimmed);
    return this.meter.end(this.streamId, interrupted).then(
      (usage) => this.#settle(usage),
      (err: unknown) => {
        this.#fail('onMeterEnd', (err as Error)?.message ?? String(err));
        return this.#settle(null);
      },
    );
  }

  #settle(usage: UsageRecord | null): Promise<UsageRow | null> {
    // A meter that failed cannot say what was used: charge the reservation (fail closed), marked estimated.
    if (this.#failed) usage = this.#reservedAsUsage();
    const charged = usage ? chargedTokens(usage) : 0;
    const settled = this.session.book.settle(this.reservation, charged);
    const row = usage ? this.#row(usage) : null;
    if (settled.crossed) this.ctx.crossed(this.start.provider, `${this.start.provider} budget crossed: ${settled.used} of ${settled.limit} tokens used`);
    if (!row || !this.ctx.ledger) return Promise.resolve(row);
    return this.ctx.ledger.recordUsage(row).then(() => row);
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
