// The response side of a metered exchange: a Writable the upstream body is
// piped into. Each chunk goes on to the client first (metering never delays
// the stream) and then to the meter. Once the meter's running count has
// crossed the budget, the next chunk is not forwarded: the stream is ended
// the way an SSE client understands — an `error` event, then close — and
// the upstream read stops.
import { Writable } from 'node:stream';
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

class CutError extends Error {}

/** `next` is what the client's bytes go to (the response itself, or an inbound scanner in front of it). */
export function meteringTap(next: Writable, exchange: MeteredExchange, opts: TapOptions): Writable {
  let settled = false;
  let cut = false;
  const settle = (interrupted: boolean) => {
    if (settled) return;
    settled = true;
    opts.onSettled(exchange.end(interrupted));
  };
  const tap = new Writable({
    highWaterMark: 128 * 1024,
    write(chunk: Buffer, _enc, done) {
      if (cut) return done(new CutError('the stream was cut off'));
      if (exchange.crossed) return done(cutOff());
      const out = opts.filter ? opts.filter.push(chunk) : chunk;
      const ok = out.length === 0 ? true : typeof out === 'string' ? next.write(out, 'latin1') : next.write(out);
      const behind = exchange.chunk(chunk);
      if (behind) behind.then(() => (ok ? done() : next.once('drain', () => done())));
      else if (ok) done();
      else next.once('drain', () => done());
    },
    final(done) {
      const rest = opts.filter?.flush() ?? '';
      if (rest) next.end(rest, 'latin1');
      else next.end();
      settle(false);
      done();
    },
    destroy(err, done) {
      // Upstream failure, client gone, or our own cut: what was seen is recorded, marked estimated by the meter.
      settle(true);
      if (err && !(err instanceof CutError) && !next.writableEnded) next.destroy();
      done(err);
    },
  });
  // The running count crossed the budget: end the client's stream the way it
  // understands; the error this returns fails the write, which stops the upstream.
  const cutOff = (): CutError => {
    cut = true;
    const message = `cork cut this stream off: the session's ${exchange.start.provider} token budget is spent`;
    if (!next.writableEnded) {
      if (opts.sse) next.end(BUDGET_ERROR_EVENT(message), 'utf8');
      else next.end();
    }
    opts.onCut();
    return new CutError(message);
  };
  // The client went away mid-stream: stop reading the upstream too.
  next.once('close', () => {
    if (!tap.writableFinished && !tap.destroyed) tap.destroy(new Error('the client closed the response'));
  });
  return tap;
}
