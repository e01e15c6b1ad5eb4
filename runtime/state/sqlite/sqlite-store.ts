// The ledger's SQL, synchronous: what the worker thread runs. Every
// statement is prepared once at open, BEGIN and COMMIT included (running
// them through exec() re-parses each time and halves throughput); writes go
// through FastStatement.
import type { Database, Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { LedgerError, type WireError } from '../errors.ts';
import type { ActionRow, BudgetStateRow, DecisionRow, ExportKind, SessionRow, UsageRow, UsageTotal, UsageTotalsQuery } from '../ledger.ts';
import type { ExportPage, OpKind } from '../ledger-protocol.ts';
import { migrate } from '../migrations.ts';
import { FastStatement, type BindValue, type Row } from './fast-statement.ts';
import { asLedgerError, openDatabase } from './open-database.ts';

type Bind = BindValue[];

const INSERT: Record<OpKind, string> = {
  usage: `INSERT INTO usage (ts, session, agent, bottles, provider, model, host, request_id, input_tokens, output_tokens,
            cache_creation_input_tokens, cache_read_input_tokens, estimated, bundle_digest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  decision: `INSERT INTO decisions (ts, session, agent, kind, rule, method, host, path, status, bundle_digest, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  action: `INSERT INTO actions (ts, session, action, actor, reason, bundle_digest) VALUES (?,?,?,?,?,?)`,
  session: `INSERT INTO sessions (id, agent, bottles, started_at, ended_at, pid, state, bundle_digest) VALUES (?,?,?,?,?,?,?,?)
            ON CONFLICT(id) DO UPDATE SET agent=excluded.agent, bottles=excluded.bottles, started_at=excluded.started_at,
            ended_at=excluded.ended_at, pid=excluded.pid, state=excluded.state, bundle_digest=excluded.bundle_digest`,
  budget: `INSERT INTO budget_state (session, provider, scope, limit_value, used, reserved, window_start, updated_at, source, window_ms) VALUES (?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT(session, provider, scope) DO UPDATE SET limit_value=excluded.limit_value, used=excluded.used,
            reserved=excluded.reserved, window_start=excluded.window_start, updated_at=excluded.updated_at,
            source=excluded.source, window_ms=excluded.window_ms`,
};

// Rows become bind arrays here, in the worker: the main thread only queues objects.
const BIND: Record<OpKind, (row: never) => Bind> = {
  usage: (r: UsageRow) => [r.ts, r.session, r.agent, json(r.bottles), r.provider, r.model, r.host, r.request_id, r.input_tokens, r.output_tokens, r.cache_creation_input_tokens, r.cache_read_input_tokens, bool(r.estimated), r.bundle_digest],
  decision: (r: DecisionRow) => [r.ts, r.session, r.agent, r.kind, r.rule, r.method, r.host, r.path, r.status, r.bundle_digest, r.detail === undefined ? null : json(r.detail)],
  action: (r: ActionRow) => [r.ts, r.session, r.action, r.actor, r.reason, r.bundle_digest],
  session: (r: SessionRow) => [r.id, r.agent, json(r.bottles), r.started_at, r.ended_at, r.pid, r.state, r.bundle_digest],
  budget: (r: BudgetStateRow) => [r.session, r.provider, r.scope, r.limit, r.used, r.reserved, r.window_start, r.updated_at, r.source ?? null, r.window_ms ?? null],
};

// `+ts` keeps SQLite on the rowid range: a page continues where the last stopped.
const EXPORT: Record<ExportKind, string> = {
  usage: `SELECT id, ts, session, agent, bottles, provider, model, host, request_id, input_tokens, output_tokens,
            cache_creation_input_tokens, cache_read_input_tokens, estimated, bundle_digest FROM usage WHERE id > ? AND +ts >= ? ORDER BY id LIMIT ?`,
  decisions: `SELECT id, ts, session, agent, kind, rule, method, host, path, status, bundle_digest, detail FROM decisions WHERE id > ? AND +ts >= ? ORDER BY id LIMIT ?`,
  actions: `SELECT id, ts, session, action, actor, reason, bundle_digest FROM actions WHERE id > ? AND +ts >= ? ORDER BY id LIMIT ?`,
};

// Field order as in the row interfaces (ledger.ts): a jsonl export reads like the rows that were recorded.
const SHAPE: Record<ExportKind, (r: Row) => Record<string, unknown>> = {
  usage: (r) => ({
    ts: iso(r.ts),
    session: r.session,
    agent: r.agent,
    bottles: JSON.parse(r.bottles as string),
    provider: r.provider,
    model: r.model,
    host: r.host,
    request_id: r.request_id,
    input_tokens: r.input_tokens,
    output_tokens: r.output_tokens,
    cache_creation_input_tokens: r.cache_creation_input_tokens,
    cache_read_input_tokens: r.cache_read_input_tokens,
    estimated: r.estimated === 1,
    bundle_digest: r.bundle_digest,
  }),
  decisions: ({ id: _id, ts, detail, ...rest }) => ({ ts: iso(ts), ...rest, detail: detail === null ? null : JSON.parse(detail as string) }),
  actions: ({ id: _id, ts, ...rest }) => ({ ts: iso(ts), ...rest }),
};

export class SqliteStore {
  readonly #sqlite3: Sqlite3Static;
  readonly #db: Database;
  readonly #path: string;
  readonly #insert: Record<OpKind, FastStatement>;
  readonly #export: Record<ExportKind, FastStatement>;
  readonly #sessions: FastStatement;
  readonly #budget: FastStatement;
  readonly #begin: FastStatement;
  readonly #commit: FastStatement;
  readonly #rollback: FastStatement;
  readonly #totals = new Map<string, FastStatement>();

  private constructor(sqlite3: Sqlite3Static, db: Database, path: string) {
    this.#sqlite3 = sqlite3;
    this.#db = db;
    this.#path = path;
    this.#begin = new FastStatement(sqlite3, db, 'BEGIN');
    this.#commit = new FastStatement(sqlite3, db, 'COMMIT');
    this.#rollback = new FastStatement(sqlite3, db, 'ROLLBACK');
    this.#insert = mapValues(INSERT, (sql) => new FastStatement(sqlite3, db, sql));
    this.#export = mapValues(EXPORT, (sql) => new FastStatement(sqlite3, db, sql));
    this.#sessions = new FastStatement(sqlite3, db, 'SELECT * FROM sessions WHERE (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR state = ?2) ORDER BY started_at, id');
    this.#budget = new FastStatement(sqlite3, db, 'SELECT * FROM budget_state WHERE (?1 IS NULL OR session = ?1) ORDER BY session, provider, scope');
  }

  static async open(path: string): Promise<SqliteStore> {
    const { sqlite3, db } = await openDatabase(path);
    try {
      migrate(db);
      return new SqliteStore(sqlite3, db, path);
    } catch (e) {
      db.close();
      throw asLedgerError(sqlite3, e, path);
    }
  }

  /** One transaction. Rows the schema refuses are skipped and reported by index; any other failure rolls the batch back and throws. */
  write(kinds: readonly OpKind[], rows: readonly unknown[]): [number, WireError][] {
    const rejected: [number, WireError][] = [];
    try {
      this.#begin.run();
      for (let i = 0; i < rows.length; i++) {
        const kind = kinds[i]!;
        try {
          this.#insert[kind].run(BIND[kind](rows[i] as never));
        } catch (e) {
          if (!this.#isRowError(e)) throw e;
          rejected.push([i, { code: 'CORK_LEDGER_BAD_ROW', message: `${kind} row refused: ${(e as Error).message}` }]);
        }
      }
      this.#commit.run();
      return rejected;
    } catch (e) {
      if (this.#db.pointer && this.#sqlite3.capi.sqlite3_get_autocommit(this.#db.pointer) === 0) {
        try {
          this.#rollback.run();
        } catch {
          // the batch's error is the one to report
        }
      }
      throw asLedgerError(this.#sqlite3, e, this.#path, 'CORK_LEDGER_WRITE_FAILED');
    }
  }

  usageTotals(q: UsageTotalsQuery): UsageTotal[] {
    // Only the filters given appear in the SQL, so SQLite can use the session index.
    const where: string[] = [];
    const bind: (string | number)[] = [];
    for (const key of ['session', 'agent', 'provider'] as const) {
      if (q[key] !== undefined) {
        where.push(`${key} = ?`);
        bind.push(q[key]!);
      }
    }
    if (q.since !== undefined) {
      where.push('ts >= ?');
      bind.push(q.since);
    }
    const sql = `SELECT provider, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
      SUM(cache_creation_input_tokens) AS cache_creation_input_tokens, SUM(cache_read_input_tokens) AS cache_read_input_tokens,
      COUNT(*) AS rows FROM usage ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY provider ORDER BY provider`;
    let stmt = this.#totals.get(sql);
    if (!stmt) this.#totals.set(sql, (stmt = new FastStatement(this.#sqlite3, this.#db, sql)));
    return stmt.all(bind).map((r) => ({
      provider: r.provider as string,
      input_tokens: Number(r.input_tokens),
      output_tokens: Number(r.output_tokens),
      cache_creation_input_tokens: Number(r.cache_creation_input_tokens),
      cache_read_input_tokens: Number(r.cache_read_input_tokens),
      rows: Number(r.rows),
    }));
  }

  listSessions(q: { id?: string; state?: string }): SessionRow[] {
    return this.#sessions.all([q.id ?? null, q.state ?? null]).map((r) => ({ ...r, bottles: JSON.parse(r.bottles as string) }) as unknown as SessionRow);
  }

  listBudgetState(q: { session?: string }): BudgetStateRow[] {
    return this.#budget.all([q.session ?? null]).map(({ limit_value, ...r }) => ({ ...r, limit: limit_value }) as unknown as BudgetStateRow);
  }

  exportPage(kind: ExportKind, since: number | undefined, after: number, limit: number): ExportPage {
    if (!Object.hasOwn(EXPORT, kind)) throw new LedgerError('CORK_LEDGER_QUERY_FAILED', `unknown export kind "${kind}" (usage, decisions or actions)`);
    const rows = this.#export[kind].all([after, since ?? Number.MIN_SAFE_INTEGER, limit]);
    return { rows: rows.map(SHAPE[kind]), last: rows.length ? (rows[rows.length - 1]!.id as number) : after };
  }

  /** For tests and the benchmark: PRAGMA integrity_check's answer. */
  integrityCheck(): string {
    return (this.#db.selectValues('PRAGMA integrity_check') as string[]).join('\n');
  }

  /** Moves the WAL into the database file and closes it (the WAL is then removed). */
  close(): void {
    for (const stmt of [...Object.values(this.#insert), ...Object.values(this.#export), ...this.#totals.values(), this.#sessions, this.#budget, this.#begin, this.#commit, this.#rollback]) stmt.finalize();
    try {
      this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      this.#db.close();
    }
  }

  /** Failures that belong to one row (its values), not to the database. */
  #isRowError(e: unknown): boolean {
    const rc = (e as { resultCode?: number }).resultCode;
    // A row whose BIND function throws (bottles not JSON-able) or holds an object where a column wants a value.
    if (typeof rc !== 'number') return e instanceof TypeError;
    const { SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_TOOBIG, SQLITE_RANGE } = this.#sqlite3.capi;
    return ([SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_TOOBIG, SQLITE_RANGE] as number[]).includes(rc & 0xff);
  }
}

function mapValues<K extends string, V, W>(o: Record<K, V>, f: (v: V) => W): Record<K, W> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v as V)])) as Record<K, W>;
}

function json(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}

function bool(v: unknown): number | null {
  return typeof v === 'boolean' ? (v ? 1 : 0) : null;
}

function iso(ts: unknown): string {
  return new Date(ts as number).toISOString();
}
