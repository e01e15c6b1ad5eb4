// The response side of the hot path: an undici dispatch handler that writes
// the upstream's body straight into the client's side (the response, or the
// inbound scanner in front of it), with backpressure both ways: a sink
// that is full pauses the upstream read until it drains, and a sink that
// closes or fails first (the client went away, a scanner blocked) aborts it.
//
// Why not undici's stream(): it takes a Writable and watches it with
// `finished()`, so a metered response needed a Writable of its own in front
// of the client's (the meter's tap), and every chunk went through two
// Writables' machinery. Here a metered response's chunk goes to the client
// and then to a `ResponseTap` in one call (~2% of a burst stream's time on
// the busy proxy, bench:proxy A/B). Unmetered responses take the same path.
import type { IncomingHttpHeaders } from 'node:http';
import type { Writable } from 'node:stream';
import type { Dispatcher } from 'undici';

/** What sees each chunk of a response on its way to the client (the meter's tap, metering-tap.ts). */
export interface ResponseTap {
  /**
   * One upstream chunk: the tap forwards it (or what it makes of it) to
   * the sink itself. Returns whether the sink took it without filling up,
   * a promise when the upstream must also wait for the tap (the relay then
   * reads the sink's state itself), or STOP when the response must end
   * here (the tap has ended the sink its own way).
   */
  push(chunk: Buffer): boolean | Promise<void> | typeof STOP;
  /** The upstream's body ended: end the sink. */
  end(): void;
  /** The response broke off (upstream failure, the client gone). */
  abort(): void;
}

export const STOP = Symbol('stop');

export interface RelayTarget {
  sink: Writable;
  tap?: ResponseTap;
}

/**
 * Sends the request and relays the response. `start` is called at the
 * response line (status, parsed headers) and returns where the body goes.
 * Resolves once the body is relayed (or a tap stopped it on purpose);
 * rejects with the upstream's error, or the sink's when it failed or
 * closed first.
 */
export function relay(dispatcher: Dispatcher, opts: Dispatcher.DispatchOptions, start: (status: number, headers: IncomingHttpHeaders) => RelayTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    const handler = new Relay(start, (err) => (err ? reject(err) : resolve()));
    try {
      dispatcher.dispatch(opts, handler);
    } catch (err) {
      reject(err);
    }
  });
}

class Relay implements Dispatcher.DispatchHandler {
  #controller: Dispatcher.DispatchController | null = null;
  #sink: Writable | null = null;
  #tap: ResponseTap | undefined;
  #needDrain = false;
  #tapWaits = false;
  /** The body was relayed, stopped by the tap, or failed: nothing more to do. */
  #over = false;

  constructor(
    private readonly start: (status: number, headers: IncomingHttpHeaders) => RelayTarget,
    private readonly done: (err?: Error) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    // 1xx informational lines carry no body; the final response follows.
    if (statusCode < 200 || this.#sink) return;
    const { sink, tap } = this.start(statusCode, headers);
    this.#sink = sink;
    this.#tap = tap;
    sink.on('drain', this.#onDrain);
    sink.once('close', this.#onSinkGone);
    sink.once('error', this.#onSinkGone);
    // The client went away while the upstream was answering: its 'close' has been and gone.
    if (sink.destroyed) this.#onSinkGone();
    else if (sink.writableNeedDrain) this.#wait(controller, true, false);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#over || !this.#sink) return;
    const tap = this.#tap;
    if (!tap) {
      if (!this.#sink.write(chunk)) this.#wait(controller, true, false);
      return;
    }
    const r = tap.push(chunk);
    if (r === STOP) {
      // The tap ended the client's side its own way; the upstream read stops here.
      this.#finish();
      controller.abort(new Error('the response was ended by its tap'));
    } else if (r === false) {
      this.#wait(controller, true, false);
    } else if (r !== true) {
      // The sink may drain while the tap is waited for: its state now, and the drain listener, say when.
      this.#wait(controller, this.#sink.writableNeedDrain, true);
      r.then(
        () => {
          this.#tapWaits = false;
          this.#resume();
        },
        (err: Error) => this.#abort(err),
      );
    }
  }

  onResponseEnd(): void {
    if (this.#over) return;
    if (this.#tap) this.#tap.end();
    else this.#sink?.end();
    this.#finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, err: Error): void {
    // Over already: our own abort after the tap stopped the response, not a failure.
    if (this.#over) return;
    this.#over = true;
    this.#tap?.abort();
    this.#detach();
    // Mid-body failure: the client's side must not look complete.
    const sink = this.#sink;
    if (sink && !sink.writableEnded) sink.destroy();
    this.done(err);
  }

  #finish(): void {
    this.#over = true;
    this.#detach();
    this.done();
  }

  #detach(): void {
    const sink = this.#sink;
    if (!sink) return;
    sink.off('drain', this.#onDrain);
    sink.off('close', this.#onSinkGone);
    sink.off('error', this.#onSinkGone);
    // A later error on a sink no one watches would be unhandled.
    sink.on('error', IGNORE);
  }

  #wait(controller: Dispatcher.DispatchController, drain: boolean, tap: boolean): void {
    if (drain) this.#needDrain = true;
    if (tap) this.#tapWaits = true;
    controller.pause();
  }

  readonly #onDrain = (): void => {
    this.#needDrain = false;
    this.#resume();
  };

  #resume(): void {
    if (this.#over || this.#needDrain || this.#tapWaits) return;
    this.#controller?.resume();
  }

  /** The client's side closed or failed before the body ended: stop reading the upstream. */
  readonly #onSinkGone = (err?: Error): void => {
    if (this.#over) return;
    this.#abort(err instanceof Error ? err : new Error('the response closed before the upstream body ended'));
  };

  #abort(err: Error): void {
    const controller = this.#controller;
    if (controller && !controller.aborted) controller.abort(err);
    else this.onResponseError(controller, err);
  }
}

const IGNORE = (): void => {};
