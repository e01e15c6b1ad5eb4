// The main thread's side of the SQLite ledger. record* calls only queue the
// row and a promise; the queue goes to the worker as one batch per turn of
// the event loop (or per maxBatch rows), at most two batches in flight, and
// each batch is one transaction. Group commit: after a batch is sent, the
// next partial batch waits until commitIntervalMs have passed, so a steady
// trickle of rows (one usage row per request) costs one fsync per interval
// rather than one per row; a row arriving after a quiet spell goes at once. Fail closed: when the worker dies, every
// pending and future promise rejects; nothing is dropped silently.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { corkRoot } from '../../policy/install-root.ts';
import { LedgerError, fromWire, type WireError } from './errors.ts';
import type { ActionRow, BudgetStateRow, DecisionRow, ExportKind, Ledger, LedgerStall, OpenLedgerOptions, SessionRow, UsageRow, UsageTotal, UsageTotalsQuery } from './ledger.ts';
import type { ExportPage, FromWorker, LedgerWorkerData, OpKind, ToWorker } from './ledger-protocol.ts';
import { acquireLock, type HeldLock } from './lock-file.ts';

/** Two: the worker starts the next transaction the moment one commits. */
const MAX_IN_FLIGHT = 2;
/**
 * Short next to a model request's own time (seconds), long enough to gather
 * a burst of rows into one transaction. Each batch wakes the ledger thread,
 * and on a small VM a wake-up plus a commit costs more than a stream of
 * 2,000 events takes to proxy: at 4 ms, one stream a millisecond made the
 * metered stream 0.74–0.82× the unmetered one; at 25 ms, 0.85–0.89×.
 */
const DEFAULT_COMMIT_INTERVAL_MS = 20;
/** A commit this late is a disk that hangs, not a slow one (a batch of 4,096 rows commits in ~30 ms here). */
const DEFAULT_STALL_AFTER_MS = 5_000;

type Resolve = () => void;
type Reject = (e: LedgerError) => void;

/** Rows for one transaction and the promises waiting on them. */
interface Batch {
  kinds: OpKind[];
  rows: unknown[];
  resolves: Resolve[];
  rejects: Reject[];
  /** Sequence number of the batch's last row. */
  last: number;
  /** performance.now() when it went to the worker. */
  sentAt?: number;
}

interface FlushWaiter {
  target: number;
  resolve: Resolve;
  reject: Reject;
  error?: LedgerError;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Query = WithoutId<Exclude<ToWorker, { type: 'write' | 'close' }>>;

const NOOP = (): void => undefined;

interface Request {
  resolve: (v: unknown) => void;
  reject: Reject;
}

export async function openSqliteLedger(paths: { db: string; lock: string }, opts: OpenLedgerOptions): Promise<Ledger> {
  const file = opts.workerFile ?? workerFile();
  const lock = acquireLock(paths.lock);
  let worker: Worker | undefined;
  try {
    // execArgv [] : the worker is built JavaScript; a loader the parent runs under (tsx in tests) is not its business.
    worker = new Worker(file, { workerData: { dbPath: paths.db } satisfies LedgerWorkerData, execArgv: [] });
    await ready(worker);
  } catch (e) {
    await worker?.terminate();
    lock.release();
    throw e;
  }
  return new SqliteLedgerClient(worker, lock, opts);
}

function workerFile(): string {
  const file = join(corkRoot(), 'dist', 'ledger-worker.mjs');
  if (!existsSync(file)) throw new LedgerError('CORK_LEDGER_OPEN_FAILED', 'dist/ledger-worker.mjs is missing: run `npm run build`');
  return file;
}

function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const onMessage = (m: FromWorker): void => {
      done();
      if (m.type === 'ready') resolve();
      else if (m.type === 'open-failed') reject(fromWire(m.error));
      else reject(new LedgerError('CORK_LEDGER_OPEN_FAILED', `the ledger worker sent ${m.type} before it was ready`));
    };
    const onError = (err: Error): void => {
      done();
      reject(new LedgerError('CORK_LEDGER_OPEN_FAILED', `the ledger worker failed to start: ${err.message}`));
    };
    const onExit = (code: number): void => {
      done();
      reject(new LedgerError('CORK_LEDGER_OPEN_FAILED', `the ledger worker exited (code ${code}) before it was ready`));
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

class SqliteLedgerClient implements Ledger {
  readonly #worker: Worker;
  readonly #lock: HeldLock;
  readonly #maxBatch: number;
  readonly #maxQueued: number;
  readonly #pageSize: number;
  readonly #interval: number;
  readonly #stallAfter: number;
  readonly #onStall: (stall: LedgerStall) => void;
  /** performance.now() when commits were found stalled; undefined while they flow. */
  #stalledSince: number | undefined;
  #stallTimer: NodeJS.Timeout | undefined;
  /** performance.now() when the last batch went to the worker. */
  #lastSent = -Infinity;

  /** Batches not yet sent; only the last one still takes rows. */
  #queue: Batch[] = [];
  /** Rows queued or in flight: what maxQueued bounds. */
  #pending = 0;
  /** Sequence number of the last row queued. */
  #seq = 0;
  readonly #inFlight = new Map<number, Batch>();
  readonly #requests = new Map<number, Request>();
  #flushes: FlushWaiter[] = [];
  #nextId = 1;
  #scheduled = false;
  #reffed = true;
  #failure: LedgerError | undefined;
  #closing: Promise<void> | undefined;
  #closedCleanly = false;
  readonly #exited: Promise<void>;

  constructor(worker: Worker, lock: HeldLock, opts: OpenLedgerOptions) {
    this.#worker = worker;
    this.#lock = lock;
    this.#maxBatch = opts.maxBatch ?? 4096;
    this.#maxQueued = opts.maxQueued ?? 262_144;
    this.#pageSize = opts.exportPageSize ?? 1000;
    this.#interval = opts.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
    this.#stallAfter = opts.stallAfterMs ?? DEFAULT_STALL_AFTER_MS;
    this.#onStall =
      opts.onStall ??
      ((s: LedgerStall) =>
        process.stderr.write(s.stalled ? `cork: ledger: no commit for ${Math.round(s.ms)} ms; ${s.pending} rows are waiting for the disk\n` : `cork: ledger: commits resumed after ${Math.round(s.ms)} ms\n`));
    const report = opts.onNoteFailed ?? ((err: Error) => process.stderr.write(`cork: ledger: a decision row was not recorded: ${err.message}\n`));
    this.#noteFailed = (err: unknown) => report(err as Error);
    worker.on('message', (m: FromWorker) => this.#onMessage(m));
    worker.on('error', (err: Error) => this.#fail(new LedgerError('CORK_LEDGER_WORKER_FAILED', `the ledger worker crashed: ${err.message}`)));
    this.#exited = new Promise((resolve) => {
      worker.on('exit', (code) => {
        if (!this.#closedCleanly) this.#fail(new LedgerError('CORK_LEDGER_WORKER_FAILED', `the ledger worker exited (code ${code})`));
        // The database is closed (or its thread gone): the next opener may have it.
        this.#lock.release();
        resolve();
      });
    });
    this.#updateRef();
  }

  recordUsage(row: UsageRow): Promise<void> {
    return this.#enqueue('usage', row);
  }

  noteDecision(row: DecisionRow): void {
    this.#enqueue('decision', row, this.#noteFailed);
  }

  recordDecision(row: DecisionRow): Promise<void> {
    return this.#enqueue('decision', row);
  }

  recordAction(row: ActionRow): Promise<void> {
    return this.#enqueue('action', row);
  }

  upsertSession(row: SessionRow): Promise<void> {
    return this.#enqueue('session', row);
  }

  upsertBudgetState(row: BudgetStateRow): Promise<void> {
    return this.#enqueue('budget', row);
  }

  flush(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    const target = this.#seq;
    if (this.#firstUnsettled() > target) return Promise.resolve();
    const p = new Promise<void>((resolve, reject) => this.#flushes.push({ target, resolve, reject }));
    // Someone is waiting: no reason to hold rows back for the commit interval.
    this.#pump(true);
    return p;
  }

  usageTotals(q: UsageTotalsQuery): Promise<UsageTotal[]> {
    return this.#request({ type: 'totals', q: { ...q } }) as Promise<UsageTotal[]>;
  }

  listSessions(q: { id?: string; state?: SessionRow['state'] } = {}): Promise<SessionRow[]> {
    return this.#request({ type: 'sessions', q: { ...q } }) as Promise<SessionRow[]>;
  }

  listBudgetState(q: { session?: string } = {}): Promise<BudgetStateRow[]> {
    return this.#request({ type: 'budget', q: { ...q } }) as Promise<BudgetStateRow[]>;
  }

  async *exportRows(q: { kind: ExportKind; since?: number }): AsyncIterable<Record<string, unknown>> {
    const limit = this.#pageSize;
    let after = 0;
    for (;;) {
      const page = (await this.#request({ type: 'export', kind: q.kind, since: q.since, after, limit })) as ExportPage;
      yield* page.rows;
      if (page.rows.length < limit) return;
      after = page.last;
    }
  }

  close(): Promise<void> {
    return (this.#closing ??= this.#close());
  }

  async #close(): Promise<void> {
    await this.flush().catch(() => undefined); // each row's own promise carried its failure
    if (!this.#failure) {
      const id = this.#nextId++;
      const reply = new Promise<FromWorker>((resolve, reject) => this.#requests.set(id, { resolve: resolve as (v: unknown) => void, reject }));
      this.#post({ type: 'close', id });
      this.#updateRef();
      const closed = (await reply.catch(() => undefined)) as Extract<FromWorker, { type: 'closed' }> | undefined;
      if (closed) {
        await this.#worker.terminate();
        this.#failure = new LedgerError('CORK_LEDGER_CLOSED', 'the ledger is closed');
        await this.#exited;
        if (closed.error) throw fromWire(closed.error);
        return;
      }
    }
    await this.#exited;
    throw this.#failure;
  }

  /** A noted row's failure: reported, no promise to reject. */
  readonly #noteFailed: Reject;

  /** `noted`: no promise; the row's outcome goes to that function. */
  #enqueue(kind: OpKind, row: unknown): Promise<void>;
  #enqueue(kind: OpKind, row: unknown, noted: Reject): void;
  #enqueue(kind: OpKind, row: unknown, noted?: Reject): Promise<void> | void {
    const refuse = (e: LedgerError) => (noted ? noted(e) : Promise.reject(e));
    if (this.#failure) return refuse(this.#failure);
    if (this.#closing) return refuse(new LedgerError('CORK_LEDGER_CLOSED', 'the ledger is closing'));
    if (this.#pending >= this.#maxQueued) return refuse(new LedgerError('CORK_LEDGER_QUEUE_FULL', `${this.#pending} rows are waiting for the disk (max ${this.#maxQueued})`));
    let tail = this.#queue[this.#queue.length - 1];
    if (!tail || tail.rows.length >= this.#maxBatch) this.#queue.push((tail = { kinds: [], rows: [], resolves: [], rejects: [], last: 0 }));
    let p: Promise<void> | undefined;
    if (noted) {
      tail.resolves.push(NOOP);
      tail.rejects.push(noted);
    } else {
      const batch = tail;
      p = new Promise<void>((resolve, reject) => {
        batch.resolves.push(resolve);
        batch.rejects.push(reject);
      });
    }
    tail.kinds.push(kind);
    tail.rows.push(row);
    tail.last = ++this.#seq;
    this.#pending++;
    if (tail.rows.length >= this.#maxBatch) this.#pump();
    else this.#schedule();
    if (!this.#reffed) this.#updateRef();
    return p;
  }

  /** Next turn of the event loop, or when the commit interval since the last batch is up. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const wait = this.#lastSent + this.#interval - performance.now();
    if (wait <= 0) setImmediate(this.#onTick);
    else setTimeout(this.#onTick, wait);
  }

  readonly #onTick = (): void => {
    this.#scheduled = false;
    this.#pump(true);
  };

  /**
   * Sends queued rows while fewer than MAX_IN_FLIGHT batches are at the
   * worker: full batches always, a partial one only once the commit interval
   * is up (`due`, or someone waits on flush()).
   */
  #pump(due = false): void {
    while (this.#queue.length && this.#inFlight.size < MAX_IN_FLIGHT && !this.#failure) {
      const batch = this.#queue[0]!;
      if (!due && batch.rows.length < this.#maxBatch && performance.now() - this.#lastSent < this.#interval) {
        this.#schedule();
        return;
      }
      this.#queue.shift();
      this.#lastSent = performance.now();
      const id = this.#nextId++;
      this.#inFlight.set(id, batch);
      batch.sentAt = this.#lastSent;
      this.#watchStall();
      try {
        this.#post({ type: 'write', id, kinds: batch.kinds, rows: batch.rows });
        // The worker has its copy; only the promises stay here.
        batch.kinds = [];
        batch.rows = [];
      } catch (e) {
        // A row that cannot be cloned (a function, a symbol) fails its whole batch, never the ledger.
        this.#inFlight.delete(id);
        this.#settleBatch(batch, new LedgerError('CORK_LEDGER_BAD_ROW', `a row in the batch cannot be sent to the ledger worker: ${(e as Error).message}`), []);
      }
    }
  }

  #onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'written':
      case 'write-failed': {
        const batch = this.#inFlight.get(m.id);
        if (!batch) return;
        this.#inFlight.delete(m.id);
        this.#settleBatch(batch, m.type === 'write-failed' ? fromWire(m.error) : undefined, m.type === 'written' ? m.rejected : []);
        this.#checkStall();
        this.#pump();
        break;
      }
      case 'result':
      case 'query-failed':
      case 'closed': {
        const r = this.#requests.get(m.id);
        if (!r) return;
        this.#requests.delete(m.id);
        // Before the worker's exit event: that exit is the expected one.
        if (m.type === 'closed') this.#closedCleanly = true;
        if (m.type === 'query-failed') r.reject(fromWire(m.error));
        else r.resolve(m.type === 'result' ? m.value : m);
        break;
      }
    }
    this.#updateRef();
  }

  /** While batches are at the worker, a check is due when the oldest would reach the stall threshold. */
  #watchStall(): void {
    if (this.#stallTimer || this.#inFlight.size === 0) return;
    const wait = this.#stalledSince === undefined ? Math.max(0, this.#oldestSentAt() + this.#stallAfter - performance.now()) : this.#stallAfter;
    this.#stallTimer = setTimeout(() => {
      this.#stallTimer = undefined;
      this.#checkStall();
      this.#watchStall();
    }, wait);
    // It reports; it never keeps the process alive.
    this.#stallTimer.unref();
  }

  /** When the oldest batch at the worker was sent (batches go, and come back, in order: the Map's first); Infinity when none is. */
  #oldestSentAt(): number {
    for (const b of this.#inFlight.values()) return b.sentAt ?? Infinity;
    return Infinity;
  }

  #checkStall(): void {
    const now = performance.now();
    const oldest = this.#oldestSentAt();
    const waited = now - oldest;
    if (this.#stalledSince === undefined) {
      if (waited < this.#stallAfter) return;
      this.#stalledSince = oldest;
      this.#onStall({ stalled: true, ms: waited, pending: this.#pending });
    } else if (waited < this.#stallAfter) {
      const ms = now - this.#stalledSince;
      this.#stalledSince = undefined;
      this.#onStall({ stalled: false, ms, pending: this.#pending });
    }
  }

  #settleBatch(batch: Batch, failure: LedgerError | undefined, rejected: [number, WireError][]): void {
    const first = batch.last - batch.resolves.length + 1;
    if (failure) {
      for (const reject of batch.rejects) reject(failure);
      this.#noteFlushError(first, failure);
    } else {
      const refused = new Map(rejected.map(([i, w]) => [i, fromWire(w)]));
      for (let i = 0; i < batch.resolves.length; i++) {
        const err = refused.get(i);
        if (err) batch.rejects[i]!(err);
        else batch.resolves[i]!();
      }
      for (const [i, err] of refused) this.#noteFlushError(first + i, err);
    }
    this.#pending -= batch.resolves.length;
    if (this.#flushes.length) {
      const low = this.#firstUnsettled();
      const still: FlushWaiter[] = [];
      for (const f of this.#flushes) {
        if (f.target >= low) still.push(f);
        else if (f.error) f.reject(f.error);
        else f.resolve();
      }
      this.#flushes = still;
    }
  }

  /** Batches are sent and acked in order, but one whose rows cannot be cloned settles early: look, do not count. */
  #firstUnsettled(): number {
    const b = this.#inFlight.values().next().value ?? this.#queue[0];
    return b ? b.last - b.resolves.length + 1 : this.#seq + 1;
  }

  #noteFlushError(seq: number, err: LedgerError): void {
    for (const f of this.#flushes) if (f.target >= seq) f.error ??= err;
  }

  #request(msg: Query): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closing) return Promise.reject(new LedgerError('CORK_LEDGER_CLOSED', 'the ledger is closing'));
    const id = this.#nextId++;
    const p = new Promise<unknown>((resolve, reject) => this.#requests.set(id, { resolve, reject }));
    this.#post({ ...msg, id } as ToWorker);
    this.#updateRef();
    return p;
  }

  #post(msg: ToWorker): void {
    this.#worker.postMessage(msg);
  }

  /** Everything pending and everything to come rejects with `err`. */
  #fail(err: LedgerError): void {
    if (this.#failure) return;
    this.#failure = err;
    for (const batch of this.#inFlight.values()) this.#settleBatch(batch, err, []);
    this.#inFlight.clear();
    for (const batch of this.#queue) this.#settleBatch(batch, err, []);
    this.#queue = [];
    for (const r of this.#requests.values()) r.reject(err);
    this.#requests.clear();
    for (const f of this.#flushes) f.reject(err);
    this.#flushes = [];
    this.#updateRef();
  }

  /** The worker keeps the process alive only while something waits on it. */
  #updateRef(): void {
    const busy = !this.#failure && (this.#pending > 0 || this.#requests.size > 0);
    if (busy === this.#reffed) return;
    this.#reffed = busy;
    if (busy) this.#worker.ref();
    else this.#worker.unref();
  }
}
