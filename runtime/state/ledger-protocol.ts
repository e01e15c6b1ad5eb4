// Messages between the ledger client (main thread) and its worker. One
// port, processed in order: a write acked before a read was sent is visible
// to that read.
import type { WireError } from './errors.ts';
import type { ExportKind, UsageTotalsQuery } from './ledger.ts';

export type OpKind = 'usage' | 'decision' | 'action' | 'session' | 'budget';

export interface LedgerWorkerData {
  dbPath: string;
}

export type ToWorker =
  /** One transaction: kinds[i] says what rows[i] is. */
  | { type: 'write'; id: number; kinds: OpKind[]; rows: unknown[] }
  | { type: 'totals'; id: number; q: UsageTotalsQuery }
  | { type: 'sessions'; id: number; q: { id?: string; state?: string } }
  | { type: 'budget'; id: number; q: { session?: string } }
  /** Rows with id > after (keyset paging), at most limit. */
  | { type: 'export'; id: number; kind: ExportKind; since: number | undefined; after: number; limit: number }
  | { type: 'close'; id: number };

export interface ExportPage {
  rows: Record<string, unknown>[];
  /** The id of the last row: the next page's `after`. */
  last: number;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'open-failed'; error: WireError }
  /** The batch committed, except the rows listed in `rejected` (by index), which the schema refused. */
  | { type: 'written'; id: number; rejected: [number, WireError][] }
  | { type: 'write-failed'; id: number; error: WireError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'query-failed'; id: number; error: WireError }
  /** The database is closed; `error` if the final checkpoint failed (every commit before it stands). */
  | { type: 'closed'; id: number; error?: WireError };
