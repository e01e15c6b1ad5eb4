// The one catalogue of ledger error codes. Callers and tests match on the
// code, never on the wording. Every failure the ledger reports is one of
// these: a record promise never resolves unless its row is durable.

export const LEDGER_ERRORS = {
  CORK_LEDGER_LOCKED: 'another live process holds the state directory\'s ledger lock',
  CORK_LEDGER_CORRUPT: 'the ledger database is damaged or is not a SQLite database',
  CORK_LEDGER_CLOSED: 'the ledger was closed (or failed) before the call',
  CORK_LEDGER_OPEN_FAILED: 'the ledger database could not be opened or migrated',
  CORK_LEDGER_SCHEMA_NEWER: 'the database carries schema versions this cork does not know (written by a newer cork)',
  CORK_LEDGER_WORKER_FAILED: 'the ledger worker thread crashed or exited: nothing more can be recorded',
  CORK_LEDGER_WRITE_FAILED: 'a batch could not be committed (I/O error, disk full): its rows are not durable',
  CORK_LEDGER_BAD_ROW: 'a row was refused by the schema (missing or mistyped field)',
  CORK_LEDGER_QUEUE_FULL: 'too many rows wait for the disk: the row was refused, not queued',
  CORK_LEDGER_QUERY_FAILED: 'a read (totals, export) failed',
} as const;

export type LedgerErrorCode = keyof typeof LEDGER_ERRORS;

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The lock is held by a live process: `holderPid` says which. */
export class LedgerLockedError extends LedgerError {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number,
  ) {
    super('CORK_LEDGER_LOCKED', `the ledger at ${lockPath} is locked by process ${holderPid}, which is still running (one cork runtime per state directory; if that process is not cork, delete the lock file)`);
  }
}

/** What crosses the worker boundary: errors travel as plain {code, message}. */
export interface WireError {
  code: LedgerErrorCode;
  message: string;
}

export function toWire(err: unknown, fallback: LedgerErrorCode): WireError {
  if (err instanceof LedgerError) return { code: err.code, message: err.message };
  return { code: fallback, message: (err as Error)?.message ?? String(err) };
}

export function fromWire(w: WireError): LedgerError {
  return new LedgerError(w.code, w.message);
}
