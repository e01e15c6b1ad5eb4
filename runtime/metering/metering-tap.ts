// The response side of a metered exchange: what the relay (proxy/relay.ts)
// hands each upstream chunk. The chunk goes on to the client first
// (metering never delays the stream) and then to the meter. Once the
// meter's running count has crossed the budget, the next chunk is not
// forwarded: the stream is ended the way an SSE client understands — an
// `error` event, then close — and the upstream read stops.
import type { Writable } from 'node:stream';
import { type ResponseTap, STOP } from '../proxy/relay.ts';
import type { MeteredExchange } from './metered-exchange.ts';
import type { UsageChunkFilter } from './openai-stream-usage.ts';

export interface TapOptions {
  /** The response is an event stream: a cut ends it with an SSE error event. */
  sse: boolean;
  /** Removes the usage chunk the gateway asked for on the client's behalf. */
  filter: UsageChunkFilter | null;
  /** The stream was cut: apply the session's cutoff policy. */
  onCut(): void;
  /** The exchange ended (the usage row is durable, or writing it failed). */
  onSettled(p: Promise<unknown>): void;
}

export const BUDGET_ERROR_EVENT = (message: string) =>
  `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'budget_exceeded', message } })}\n\n`;

/** `next` is what the client's bytes go to (the response itself, or an inbound scanner in front of it). */
export function meteringTap(next: Writable, exchange: MeteredExchange, opts: TapOptions): ResponseTap {
  return new MeteringTap(next, exchange, opts);
}

const settleEnded = (tap: MeteringTap) => tap.settleEnded();

class MeteringTap implements ResponseTap {
  #settled = false;

  constructor(
    private readonly next: Writable,
    private readonly exchange: MeteredExchange,
    private readonly opts: TapOptions,
  ) {}

  push(chunk: Buffer): boolean | Promise<void> | typeof STOP {
    if (this.exchange.crossed) return this.#cutOff();
    const next = this.next;
    const filter = this.opts.filter;
    const out = filter ? filter.push(chunk) : chunk;
    const ok = out.length === 0 ? true : typeof out === 'string' ? next.write(out, 'latin1') : next.write(out);
    // The meter thread too far behind: the upstream waits for it instead of the backlog growing without bound.
    return this.exchange.chunk(chunk) ?? ok;
  }

  end(): void {
    const rest = this.opts.filter?.flush() ?? '';
    if (rest) this.next.end(rest, 'latin1');
    else this.next.end();
    // The client has its last byte; reading the stream's ends, settling and
    // queueing the row wait for the I/O already waiting (setImmediate runs
    // after the poll phase), so a client's next request is read and sent on
    // first (bench:proxy A/B: ~2% of a burst stream's time). Meanwhile the
    // book still holds the reservation, the estimate with the output cap.
    // A module function, not a closure per tap: V8 holds optimized code
    // weakly, so a closure made anew for every stream lost its code at each
    // major GC and was compiled again.
    setImmediate(settleEnded, this);
  }

  /** The stream ended well (from `end`, after waiting I/O). */
  settleEnded(): void {
    this.#settle(false);
  }

  /** Upstream failure or client gone: what was seen is recorded, marked estimated by the meter. */
  abort(): void {
    this.#settle(true);
  }

  #settle(interrupted: boolean): void {
    if (this.#settled) return;
    this.#settled = true;
    this.opts.onSettled(this.exchange.end(interrupted));
  }

  /** The running count crossed the budget: end the client's stream the way it understands. */
  #cutOff(): typeof STOP {
    const next = this.next;
    const message = `cork cut this stream off: the session's ${this.exchange.start.provider} token budget is spent`;
    if (!next.writableEnded) {
      if (this.opts.sse) next.end(BUDGET_ERROR_EVENT(message), 'utf8');
      else next.end();
    }
    this.opts.onCut();
    this.#settle(true);
    return STOP;
  }
}
