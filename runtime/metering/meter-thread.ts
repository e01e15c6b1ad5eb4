// The runtime's side of the meter thread: starts it with the bundle's meter
// instances, and gives each metered exchange its calls:
// - request: the estimate, taken on the main thread by the same meter code
//   set up here too (a round trip would queue behind other streams' chunks
//   and hold every request's first byte back). The main thread's meter keeps
//   the stream's state: an event stream that ends well is read there, at its
//   head and tail only (peek, finish; see metered-exchange.ts);
// - handOff: the thread reads the stream from its start instead, the
//   request and then every chunk;
// - chunk: fire and forget, batched per stream (one message per ~256 KiB,
//   or per 5 ms: the running count a mid-stream cut needs is that fresh);
// - end: awaited for the final usage.
// A repo meter (a bottle's own plugin) has no main-thread copy: its estimate
// is a call to the thread too, and its streams always go there.
// Running usage comes back only when it changes. A meter that throws fails
// its call or its stream; a thread that dies, or does not answer a call in
// time, fails everything in flight (the runtime charges those reservations)
// and is started again.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MeterStart, PluginHooks, RequestView, ResponseChunkView, UsageRecord } from '../../plugins/sdk.ts';
import { BUILTIN_PLUGIN_FILES } from '../../policy/plugins.ts';
import { loadInstances } from '../plugins/chain-runner.ts';
import { corkRoot } from '../../policy/install-root.ts';
import type { Logger } from '../log.ts';
import type { InstanceSpec } from '../plugins/protocol.ts';
import { HoldLimit } from './held-stream.ts';
import type { FromMeter, MeterWorkerData, ToMeter } from './meter-protocol.ts';

/** What an exchange needs of its meter. */
export interface MeterCalls {
  /** A built-in meter, with a copy on the main thread: it takes the estimate and can skim. A repo meter runs on the thread only. */
  readonly inline: boolean;
  /** The estimate: by the main thread's meter, which keeps the stream's state until finish(); a repo meter's, by the thread. */
  request(stream: string, req: RequestView): Promise<MeterStart | null>;
  /** The main thread's meter reads part of the stream. Throws when it fails, or answers with a promise. */
  peek(stream: string, chunk: ResponseChunkView): UsageRecord | null;
  /** The main thread's meter ends the stream and drops its state; a second call returns null. Throws like peek. */
  finish(stream: string, interrupted: boolean): UsageRecord | null;
  /** The thread reads the stream from its start: this request, then every chunk(). */
  handOff(stream: string, req: RequestView): void;
  /** Room to hold one more stream until it is read (held-stream.ts), up to HELD_STREAM_BYTES; false when MAX_HELD_STREAMS are held. */
  holdStream(): boolean;
  releaseStream(): void;
  chunk(stream: string, status: number, headers: Array<[string, string]>, data: Uint8Array): void;
  /**
   * Whether the thread has fallen behind by more than the backlog cap; the
   * response then waits on `whenCaughtUp` (bounded memory beats an unbounded
   * queue: under overload metering slows the stream rather than the heap growing).
   */
  behind(): boolean;
  whenCaughtUp(): Promise<void>;
  end(stream: string, interrupted: boolean): Promise<UsageRecord | null>;
  /** Running usage as the meter reports it, and a failure of the stream's chunks. */
  watch(stream: string, onUsage: (u: UsageRecord) => void, onFailed: (why: string) => void): void;
}

// Chunks of one stream are sent together once this much is waiting, or after FLUSH_MS.
const BATCH_BYTES = 256 * 1024;
const FLUSH_MS = 5;
// Most bytes posted to the thread and not yet read, before responses wait for it.
const MAX_BACKLOG = 32 * 1024 * 1024;
// Skimmed streams are held up to 1 MiB each (a longer stream goes to the thread), 32 at once: 32 MiB in all.
export const HELD_STREAM_BYTES = 1024 * 1024;
const MAX_HELD_STREAMS = 32;
// A stream's end waits behind the chunks queued before it (at most MAX_BACKLOG): a thread that takes longer is hung.
const END_TIMEOUT_FLOOR_MS = 10_000;
// Loading the meters (the plugin pool allows the same): past this a thread is taken for hung at its start.
const START_TIMEOUT_MS = 30_000;

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

interface Outgoing {
  key: string;
  status: number;
  headers: Array<[string, string]>;
  position: number;
  parts: Uint8Array[];
  bytes: number;
  timer: NodeJS.Timeout | undefined;
}

export class MeterThread {
  #worker!: Worker;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #outgoing = new Map<string, Outgoing>();
  readonly #watchers = new Map<string, { onUsage: (u: UsageRecord) => void; onFailed: (why: string) => void; position: number }>();
  #closed = false;
  /** Set when a replacement thread could not start. */
  #dead: Error | undefined;
  /** Bytes batched or posted and not yet read by the thread. */
  #backlog = 0;
  #caughtUp: Array<() => void> = [];
  readonly #holds = new HoldLimit(MAX_HELD_STREAMS);
  /** One set of calls per meter instance, made once (every metered request asks). */
  readonly #calls = new Map<string, MeterCalls>();

  private constructor(
    private readonly instances: InstanceSpec[],
    private readonly log: Logger,
    /** The built-in meters, set up on the main thread too: the request's estimate, and skimming. */
    private readonly inline: Map<string, PluginHooks>,
    private readonly timeoutMs: number,
    private readonly startTimeoutMs: number,
  ) {}

  /**
   * Repo meters run on the thread only: the main thread runs no repo code
   * that a timeout could not stop. `timeoutMs` bounds a repo meter's
   * estimate; the end of a stream may wait longer, behind the chunks queued
   * before it. A thread that does not answer in time is replaced.
   */
  static async start(instances: InstanceSpec[], log: Logger, opts: { timeoutMs: number; startTimeoutMs?: number }): Promise<MeterThread> {
    const builtins = instances.filter((i) => Object.hasOwn(BUILTIN_PLUGIN_FILES, i.use));
    const t = new MeterThread(instances, log, await loadInstances({ instances: builtins, secrets: [] }), opts.timeoutMs, opts.startTimeoutMs ?? START_TIMEOUT_MS);
    await t.#spawn();
    return t;
  }

  /** The calls bound to one meter instance. */
  calls(key: string): MeterCalls {
    let calls = this.#calls.get(key);
    if (!calls) this.#calls.set(key, (calls = this.#makeCalls(key)));
    return calls;
  }

  #makeCalls(key: string): MeterCalls {
    const inline = this.inline.has(key);
    return {
      inline,
      request: inline
        ? (stream, req) => this.#request(key, stream, req)
        : (stream, req) => this.#call({ t: 'start', id: this.#nextId++, key, stream, req: plainRequest(req) }, this.timeoutMs) as Promise<MeterStart | null>,
      peek: (stream, chunk) => {
        if (!inline) throw new Error('a repo meter reads on the meter thread only');
        return inlineResult(this.inline.get(key)?.onMeterChunk?.(stream, chunk));
      },
      finish: (stream, interrupted) => {
        if (inline) return inlineResult(this.inline.get(key)?.onMeterEnd?.(stream, { interrupted }));
        this.#discard(stream);
        if (!this.#dead) this.#worker.postMessage({ t: 'drop', key, stream } satisfies ToMeter);
        return null;
      },
      handOff: (stream, req) => {
        // A repo meter's stream was started on the thread by request().
        if (inline && !this.#dead) this.#worker.postMessage({ t: 'request', key, stream, req: plainRequest(req) } satisfies ToMeter);
      },
      holdStream: () => this.#holds.take(),
      releaseStream: () => this.#holds.release(),
      chunk: (stream, status, headers, data) => this.#chunk(key, stream, status, headers, data),
      end: (stream, interrupted) => {
        this.#flush(stream);
        const p = this.#call({ t: 'end', id: this.#nextId++, key, stream, interrupted }, Math.max(this.timeoutMs, END_TIMEOUT_FLOOR_MS)) as Promise<UsageRecord | null>;
        return p.finally(() => this.#watchers.delete(stream));
      },
      watch: (stream, onUsage, onFailed) => void this.#watchers.set(stream, { onUsage, onFailed, position: 0 }),
      behind: () => this.#backlog > MAX_BACKLOG,
      whenCaughtUp: () => (this.#backlog > MAX_BACKLOG ? new Promise<void>((r) => this.#caughtUp.push(r)) : Promise.resolve()),
    };
  }

  /** After the streams in flight end (a reload lets them finish on the old bundle's meters), up to a bound. */
  async close(drainMs = 60_000): Promise<void> {
    const deadline = Date.now() + drainMs;
    while ((this.#watchers.size > 0 || this.#pending.size > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    this.#closed = true;
    await this.#worker.terminate();
  }

  #spawn(): Promise<void> {
    const file = join(corkRoot(), 'dist', 'meter-worker.mjs');
    if (!existsSync(file)) return Promise.reject(new Error('dist/meter-worker.mjs is missing: run `npm run build`'));
    const worker = new Worker(file, { workerData: { instances: this.instances } satisfies MeterWorkerData, execArgv: [] });
    this.#worker = worker;
    return new Promise((resolve, reject) => {
      let ready = false;
      // A meter's setup() that never returns would hold the runtime's start (or a replacement thread) forever.
      const startTimer = setTimeout(() => {
        reject(new Error(`the meter thread did not start within ${this.startTimeoutMs} ms (does a meter's setup() hang?)`));
        void worker.terminate();
      }, this.startTimeoutMs);
      worker.on('message', (m: FromMeter) => {
        if (m.t === 'ready') {
          ready = true;
          clearTimeout(startTimer);
          resolve();
        } else if (m.t === 'load-failed') {
          clearTimeout(startTimer);
          reject(new Error(`meters failed to load: ${m.error}`));
        } else this.#onMessage(m);
      });
      worker.on('error', (err) => this.log.error({ event: 'meter-thread-error', err: err.message }, 'the meter thread failed'));
      worker.on('exit', (code) => {
        clearTimeout(startTimer);
        if (!ready) return reject(new Error(`the meter thread exited (code ${code}) before it was ready`));
        this.#lost(`the meter thread exited (code ${code})`);
      });
    });
  }

  /** Everything in flight fails (fail closed: those reservations are charged); a new thread takes over. */
  #lost(why: string): void {
    for (const [, p] of this.#pending) p.reject(new Error(why));
    this.#pending.clear();
    for (const [, w] of this.#watchers) w.onFailed(why);
    this.#watchers.clear();
    for (const [, o] of this.#outgoing) clearTimeout(o.timer);
    this.#outgoing.clear();
    this.#backlog = 0;
    for (const r of this.#caughtUp.splice(0)) r();
    if (this.#closed) return;
    this.log.error({ event: 'meter-thread-lost', reason: why }, 'meter thread lost; starting a new one');
    this.#spawn().catch((err: Error) => {
      // Fail closed from here on: every metered request is refused rather than sent to a thread that is not there.
      this.#dead = err;
      this.log.error({ event: 'meter-thread-failed', err: err.message }, 'the meter thread cannot start: metered requests are refused');
    });
  }

  #onMessage(m: FromMeter): void {
    if (m.t === 'read') {
      this.#backlog -= m.bytes;
      if (this.#backlog <= MAX_BACKLOG / 2 && this.#caughtUp.length) for (const r of this.#caughtUp.splice(0)) r();
      return;
    }
    if (m.t === 'usage') {
      this.#watchers.get(m.stream)?.onUsage(m.usage);
      return;
    }
    if (m.t === 'failed' && m.id === undefined) {
      this.#watchers.get(m.stream)?.onFailed(`${m.hook}: ${m.error}`);
      return;
    }
    const id = (m as { id: number }).id;
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    if (m.t === 'failed') p.reject(new Error(`${m.hook}: ${m.error}`));
    else if (m.t === 'ended') p.resolve(m.usage);
    else if (m.t === 'started') p.resolve(m.start);
  }

  async #request(key: string, stream: string, req: RequestView): Promise<MeterStart | null> {
    if (this.#dead) throw this.#dead;
    const h = this.inline.get(key);
    if (!h) throw new Error(`no meter ${key} is loaded`);
    return (await h.onMeterRequest?.(stream, req)) ?? null;
  }

  /** A call the thread answers; past `timeoutMs` the thread is taken for hung and replaced (everything in flight fails). */
  #call(m: Extract<ToMeter, { id: number }>, timeoutMs: number): Promise<unknown> {
    if (this.#dead) return Promise.reject(this.#dead);
    return new Promise((resolve, reject) => {
      const worker = this.#worker;
      const timer = setTimeout(() => {
        if (!this.#pending.has(m.id)) return;
        this.log.error({ event: 'meter-thread-hung', hook: m.t, ms: timeoutMs }, 'the meter thread did not answer in time; replacing it');
        // Its exit fails every call in flight, this one included, and starts a new thread (#lost).
        void worker.terminate();
      }, timeoutMs);
      timer.unref();
      const settle =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          clearTimeout(timer);
          f(v);
        };
      this.#pending.set(m.id, { resolve: settle(resolve), reject: settle(reject) });
      try {
        worker.postMessage(m);
      } catch (err) {
        this.#pending.delete(m.id);
        clearTimeout(timer);
        reject(err as Error);
      }
    });
  }

  #chunk(key: string, stream: string, status: number, headers: Array<[string, string]>, data: Uint8Array): void {
    let o = this.#outgoing.get(stream);
    if (!o) {
      const w = this.#watchers.get(stream);
      o = { key, status, headers, position: w?.position ?? 0, parts: [], bytes: 0, timer: undefined };
      this.#outgoing.set(stream, o);
    }
    // A reference, not a copy: the client's write holds the same bytes, and nothing writes to them again.
    o.parts.push(data);
    o.bytes += data.length;
    this.#backlog += data.length;
    if (o.bytes >= BATCH_BYTES) this.#flush(stream);
    else o.timer ??= setTimeout(() => this.#flush(stream), FLUSH_MS);
  }

  /** A dropped stream's chunks not yet sent are not sent. */
  #discard(stream: string): void {
    const o = this.#takeOutgoing(stream);
    if (o) this.#backlog -= o.bytes;
  }

  /** The stream's batch not yet sent, out of the queue, its timer stopped. */
  #takeOutgoing(stream: string): Outgoing | undefined {
    const o = this.#outgoing.get(stream);
    if (!o) return undefined;
    this.#outgoing.delete(stream);
    clearTimeout(o.timer);
    return o;
  }

  #flush(stream: string): void {
    const o = this.#takeOutgoing(stream);
    if (!o) return;
    const buf = new ArrayBuffer(o.bytes);
    const view = new Uint8Array(buf);
    let at = 0;
    for (const p of o.parts) {
      view.set(p, at);
      at += p.length;
    }
    const w = this.#watchers.get(stream);
    if (w) w.position = o.position + o.bytes;
    this.#worker.postMessage({ t: 'chunk', key: o.key, stream, status: o.status, headers: o.headers, position: o.position, data: buf } satisfies ToMeter, [buf]);
  }
}

/** A main-thread hook's answer; a promise cannot be waited for where peek and finish are called. */
function inlineResult(r: UsageRecord | null | undefined | Promise<UsageRecord | null>): UsageRecord | null {
  if (r instanceof Promise) {
    r.catch(() => undefined);
    throw new Error('the meter answered asynchronously');
  }
  return r ?? null;
}

/** A request view the structured clone can carry (frozen arrays and Buffers become plain). */
function plainRequest(r: RequestView): RequestView {
  return {
    method: r.method,
    scheme: r.scheme,
    host: r.host,
    path: r.path,
    query: r.query,
    headers: r.headers.map(([n, v]) => [n, v] as const),
    body: new Uint8Array(r.body),
    route: r.route,
    session: r.session,
    agent: r.agent,
  };
}
