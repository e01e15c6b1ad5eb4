// The ledger: usage, decisions, enforcement actions, sessions and budget
// state, durable on disk. Callers see only this interface and openLedger():
// the SQLite implementation (a worker thread, ledger-client.ts) can be
// swapped for another store without touching them.
import { join } from 'node:path';
import { openSqliteLedger } from './ledger-client.ts';

export interface UsageRow {
  /** ms since the epoch */
  ts: number;
  session: string;
  agent: string;
  bottles: string[];
  provider: string;
  model: string | null;
  host: string;
  request_id: string;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  /** true when the counts were estimated (no usage block in the response) */
  estimated: boolean;
  bundle_digest: string;
}

export interface DecisionRow {
  ts: number;
  session: string | null;
  agent: string | null;
  kind: 'allow' | 'deny' | 'dlp' | 'budget' | 'cutoff';
  rule: string;
  method: string;
  host: string;
  /** without the query string */
  path: string;
  status: number;
  bundle_digest: string;
  /** any JSON value */
  detail?: unknown;
}

export interface ActionRow {
  ts: number;
  session: string;
  action: 'cutoff' | 'freeze' | 'resume' | 'kill';
  actor: 'budget' | 'operator';
  reason: string;
  bundle_digest: string;
}

export interface SessionRow {
  id: string;
  agent: string;
  bottles: string[];
  started_at: number;
  ended_at: number | null;
  pid: number | null;
  state: 'active' | 'cutoff' | 'frozen' | 'killed' | 'ended';
  bundle_digest: string;
}

export interface BudgetStateRow {
  session: string;
  provider: string;
  scope: 'agent' | 'bottle' | 'parent' | 'global' | 'override';
  limit: number;
  used: number;
  reserved: number;
  window_start: number | null;
  updated_at: number;
  /** For people: "agent reviewer", "bottle base (parent of github)", "--budget", "settings.yml". */
  source: string | null;
  /** Length of the budget's window; null: it covers the whole session. */
  window_ms: number | null;
}

export type ExportKind = 'usage' | 'decisions' | 'actions';
export const EXPORT_KINDS: readonly ExportKind[] = ['usage', 'decisions', 'actions'];

export interface UsageTotalsQuery {
  session?: string;
  agent?: string;
  provider?: string;
  /** ms since the epoch, inclusive */
  since?: number;
}

export interface UsageTotal {
  provider: string;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  rows: number;
}

/**
 * Writes are batched and group-committed: each promise resolves once its row
 * is committed under synchronous=FULL, and rejects (a LedgerError with a
 * code from errors.ts) if it never will be. Rows are read when the batch is
 * sent, not when the call is made: do not mutate a row after handing it over.
 */
export interface Ledger {
  recordUsage(row: UsageRow): Promise<void>;
  recordDecision(row: DecisionRow): Promise<void>;
  /**
   * The same row without a promise, for the proxy's hot path (a decision per
   * request): it joins the next batch like any other; a failure goes to
   * `onNoteFailed` (OpenLedgerOptions), never unnoticed.
   */
  noteDecision(row: DecisionRow): void;
  recordAction(row: ActionRow): Promise<void>;
  /** Insert or replace by id. */
  upsertSession(row: SessionRow): Promise<void>;
  /** Insert or replace by (session, provider, scope). */
  upsertBudgetState(row: BudgetStateRow): Promise<void>;
  /** Everything queued so far is durable (rejects if any of it failed). */
  flush(): Promise<void>;
  /** Sums per provider, sorted by provider. */
  usageTotals(q: UsageTotalsQuery): Promise<UsageTotal[]>;
  /** Sessions, optionally one (by id) or those in one state; sorted by started_at. */
  listSessions(q?: { id?: string; state?: SessionRow['state'] }): Promise<SessionRow[]>;
  /** Each session's budget standing as last recorded (one row per provider), optionally for one session. */
  listBudgetState(q?: { session?: string }): Promise<BudgetStateRow[]>;
  /** Rows in commit order, fetched in pages: never the whole table in memory. */
  exportRows(q: { kind: ExportKind; since?: number }): AsyncIterable<Record<string, unknown>>;
  /** Flush, checkpoint the WAL into the database, release the lock. Idempotent. */
  close(): Promise<void>;
}

export interface OpenLedgerOptions {
  /** Most rows per batch (one transaction). Default 4096. */
  maxBatch?: number;
  /** Rows waiting for the disk before record* refuses with CORK_LEDGER_QUEUE_FULL. Default 262144. */
  maxQueued?: number;
  /**
   * Group commit: the least time between two partial batches (a full one
   * goes at once). A row that follows a quiet spell commits without waiting.
   * Default 20 ms; 0 sends every turn of the event loop.
   */
  commitIntervalMs?: number;
  /** Rows per export page. Default 1000. */
  exportPageSize?: number;
  /** The worker script; default dist/ledger-worker.mjs. Tests put a failing worker here. */
  workerFile?: string;
  /** Where a noted (not awaited) row's failure is reported. Default: stderr. */
  onNoteFailed?: (err: Error) => void;
  /**
   * A batch at the worker this long without its commit (a disk that hangs,
   * a full one that blocks): `onStall` hears of it once, and again when
   * commits resume. Rows keep queueing meanwhile, up to maxQueued. Default 5000 ms.
   */
  stallAfterMs?: number;
  /** Default: a line on stderr. */
  onStall?: (stall: LedgerStall) => void;
}

export interface LedgerStall {
  /** True when commits stopped; false when they resumed. */
  stalled: boolean;
  /** How long the oldest batch has waited (stalled), or the stall lasted (resumed). */
  ms: number;
  /** Rows waiting for the disk, queued or at the worker. */
  pending: number;
}

export const LEDGER_FILE = 'ledger.sqlite';
export const LEDGER_LOCK_FILE = 'ledger.lock';

export function ledgerPaths(stateDir: string): { db: string; lock: string } {
  return { db: join(stateDir, LEDGER_FILE), lock: join(stateDir, LEDGER_LOCK_FILE) };
}

/** Opens <stateDir>/ledger.sqlite, creating it (and stateDir) if needed; rejects with CORK_LEDGER_LOCKED while another live process holds it. */
export function openLedger(stateDir: string, opts: OpenLedgerOptions = {}): Promise<Ledger> {
  return openSqliteLedger(ledgerPaths(stateDir), opts);
}
