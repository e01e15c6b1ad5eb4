// Crash safety: a writer process (many recordUsage calls in flight) is
// killed with SIGKILL at random moments, 20 times, on the same state dir.
// After every kill the database passes integrity_check and holds every
// request_id the writer reported as committed; the next writer takes over
// the dead writer's lock.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ledgerPaths } from '../runtime/state/ledger.ts';
import { openDatabase } from '../runtime/state/sqlite/open-database.ts';
import { ROOT, sleep, spawnTracked, tmpDir, waitFor } from './helpers/runtime-harness.ts';

const KILLS = 20;
const CHILD = join(ROOT, 'test', 'helpers', 'ledger-writer-child.ts');

test('SIGKILL at random moments never loses a committed row or corrupts the ledger', { timeout: 90_000 }, async (t) => {
  const dir = tmpDir('cork-ledger-crash-');
  const committed = new Set<string>();
  let lastRunRows = 0;
  for (let run = 0; run < KILLS; run++) {
    const child = spawnTracked(process.execPath, ['--import', 'tsx', CHILD, dir, String(run)], { cwd: ROOT });
    await waitFor(`writer ${run} to be ready (stderr: ${child.stderr()})`, () => child.stdout().startsWith('ready\n'), 15_000);
    await sleep(50 + Math.random() * 350);
    child.child.kill('SIGKILL');
    const exit = await child.exited;
    assert.equal(exit.signal, 'SIGKILL', `writer ${run} ended on its own: ${child.stderr()}`);
    const ids = child.stdout().split('\n').slice(1, -1); // after "ready"; the last piece may be a cut line
    for (const id of ids) committed.add(id);
    lastRunRows = ids.length;

    const { db } = await openDatabase(ledgerPaths(dir).db);
    try {
      assert.equal(db.selectValue('PRAGMA integrity_check'), 'ok', `after kill ${run}`);
      const present = new Set(db.selectValues('SELECT request_id FROM usage') as string[]);
      const missing = [...committed].filter((id) => !present.has(id));
      assert.deepEqual(missing.slice(0, 5), [], `after kill ${run}: ${missing.length} committed rows missing`);
    } finally {
      db.close();
    }
  }
  t.diagnostic(`${committed.size} rows reported committed over ${KILLS} kills (last run ${lastRunRows})`);
  assert.ok(committed.size > KILLS, `the writers committed ${committed.size} rows (last run ${lastRunRows}): too few to mean anything`);
});
