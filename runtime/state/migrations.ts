// The ledger's schema, as numbered migrations. Append only: a released
// migration is never edited, since databases in the field already ran it.
// Each applies in its own transaction together with its schema_versions row,
// so a crash mid-migration leaves the previous version intact.
import type { Database } from '@sqlite.org/sqlite-wasm';
import { LedgerError } from './errors.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// STRICT tables: a mistyped field is refused (CORK_LEDGER_BAD_ROW) instead of stored as something else.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'usage, decisions, actions, sessions, budget state',
    sql: `
      CREATE TABLE usage (
        id INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        session TEXT NOT NULL,
        agent TEXT NOT NULL,
        bottles TEXT NOT NULL,
        provider TEXT NOT NULL,
        model TEXT,
        host TEXT NOT NULL,
        request_id TEXT NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cache_creation_input_tokens INTEGER NOT NULL,
        cache_read_input_tokens INTEGER NOT NULL,
        estimated INTEGER NOT NULL,
        bundle_digest TEXT NOT NULL
      ) STRICT;
      CREATE INDEX usage_session ON usage(session);
      CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        session TEXT,
        agent TEXT,
        kind TEXT NOT NULL,
        rule TEXT NOT NULL,
        method TEXT NOT NULL,
        host TEXT NOT NULL,
        path TEXT NOT NULL,
        status INTEGER NOT NULL,
        bundle_digest TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        session TEXT NOT NULL,
        action TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        bundle_digest TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        agent TEXT NOT NULL,
        bottles TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        pid INTEGER,
        state TEXT NOT NULL,
        bundle_digest TEXT NOT NULL
      ) STRICT;
      CREATE TABLE budget_state (
        session TEXT NOT NULL,
        provider TEXT NOT NULL,
        scope TEXT NOT NULL,
        limit_value REAL NOT NULL,
        used REAL NOT NULL,
        reserved REAL NOT NULL,
        window_start INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (session, provider, scope)
      ) STRICT;
    `,
  },
  {
    // What `cork usage` shows of a stopped runtime's sessions: who set each
    // budget, and how long its window is.
    version: 2,
    name: 'budget state: the budget\'s source and window',
    sql: `
      ALTER TABLE budget_state ADD COLUMN source TEXT;
      ALTER TABLE budget_state ADD COLUMN window_ms INTEGER;
    `,
  },
];

/** Applies every migration the database has not seen; a no-op on an up-to-date database. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  const have = new Set(db.selectValues('SELECT version FROM schema_versions') as number[]);
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...have].filter((v) => !known.has(v));
  if (unknown.length) throw new LedgerError('CORK_LEDGER_SCHEMA_NEWER', `the ledger has schema version ${Math.max(...unknown)}, newer than this cork knows (${Math.max(...known)}): upgrade cork`);
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (have.has(m.version)) continue;
    db.transaction('IMMEDIATE', (tx) => {
      tx.exec(m.sql);
      tx.exec({ sql: 'INSERT INTO schema_versions (version, name, applied_at) VALUES (?, ?, ?)', bind: [m.version, m.name, Date.now()] });
    });
    applied.push(m.version);
  }
  return applied;
}
