// The ledger's worker thread (built to dist/ledger-worker.mjs): owns the
// SQLite database, so the proxy's thread never waits on SQLite or fsync.
// Messages are handled one at a time, in order; each write message is one
// transaction (group commit), acked only after COMMIT returned.
import { parentPort, workerData } from 'node:worker_threads';
import { toWire } from './errors.ts';
import type { FromWorker, LedgerWorkerData, ToWorker } from './ledger-protocol.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

const port = parentPort!;
const post = (m: FromWorker): void => port.postMessage(m);
const { dbPath } = workerData as LedgerWorkerData;

let store: SqliteStore;
try {
  store = await SqliteStore.open(dbPath);
} catch (e) {
  post({ type: 'open-failed', error: toWire(e, 'CORK_LEDGER_OPEN_FAILED') });
  process.exit(0);
}

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'write':
      try {
        post({ type: 'written', id: m.id, rejected: store.write(m.kinds, m.rows) });
      } catch (e) {
        post({ type: 'write-failed', id: m.id, error: toWire(e, 'CORK_LEDGER_WRITE_FAILED') });
      }
      return;
    case 'close':
      try {
        store.close();
        post({ type: 'closed', id: m.id });
      } catch (e) {
        post({ type: 'closed', id: m.id, error: toWire(e, 'CORK_LEDGER_WRITE_FAILED') });
      }
      port.close();
      return;
    default:
      try {
        post({ type: 'result', id: m.id, value: query(m) });
      } catch (e) {
        post({ type: 'query-failed', id: m.id, error: toWire(e, 'CORK_LEDGER_QUERY_FAILED') });
      }
  }
});
post({ type: 'ready' });

function query(m: Exclude<ToWorker, { type: 'write' | 'close' }>): unknown {
  switch (m.type) {
    case 'totals':
      return store.usageTotals(m.q);
    case 'sessions':
      return store.listSessions(m.q);
    case 'budget':
      return store.listBudgetState(m.q);
    case 'export':
      return store.exportPage(m.kind, m.since, m.after, m.limit);
  }
}
