// Power loss: unlike SIGKILL (ledger-crash-safety.test.ts), a power cut also
// loses what the page cache had not written out. A writer child runs the
// real store and VFS over a simulated disk (test/helpers/ledger-power-cut-child.ts)
// that loses power after a random number of disk operations and keeps only
// what was synced, plus a random part of what was not. 20 cuts on the same
// database: after each it passes integrity_check, holds every row whose
// commit returned, and holds the batch that was in flight whole or not at all
// (the migrations, cut in the middle, apply on the next open).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { migrate } from '../runtime/state/migrations.ts';
import { openDatabase } from '../runtime/state/sqlite/open-database.ts';
import { ROOT, spawnTracked, tmpDir } from './helpers/runtime-harness.ts';

const CUTS = 20;
const CHILD = join(ROOT, 'test', 'helpers', 'ledger-power-cut-child.ts');
// A run that is never cut makes ~280 disk operations: cuts land anywhere in one.
const MAX_OPS = 300;

test('a power cut at a random moment never loses a committed row or corrupts the ledger', { timeout: 120_000 }, async (t) => {
  const dir = tmpDir('cork-ledger-power-');
  const acked = new Set<string>();
  let cutMidBatch = 0;
  for (let run = 0; run < CUTS; run++) {
    const cutAfter = 1 + Math.floor(Math.random() * MAX_OPS);
    const seed = 1 + Math.floor(Math.random() * 0xffffffff);
    const child = spawnTracked(process.execPath, ['--import', 'tsx', CHILD, dir, String(run), String(cutAfter), String(seed)], { cwd: ROOT });
    const exit = await child.exited;
    const replay = `run ${run}, cut after ${cutAfter} disk operations, seed ${seed}`;
    assert.equal(exit.code, 0, `${replay}: ${child.stderr()}`);
    let inflight: string[] = [];
    for (const line of child.stdout().split('\n')) {
      const [what, ...ids] = line.split(' ');
      if (what === 'inflight') inflight = ids;
      else if (what === 'acked') {
        for (const id of ids) acked.add(id);
        inflight = [];
      }
    }
    if (inflight.length > 0) cutMidBatch++;

    const { db } = await openDatabase(join(dir, 'ledger.db'));
    try {
      assert.equal(db.selectValue('PRAGMA integrity_check'), 'ok', replay);
      // As the next runtime would: a cut during the first run's migrations leaves them to be applied.
      migrate(db);
      const present = new Set(db.selectValues('SELECT request_id FROM usage') as string[]);
      const missing = [...acked].filter((id) => !present.has(id));
      assert.deepEqual(missing.slice(0, 5), [], `${replay}: ${missing.length} committed rows missing`);
      const kept = inflight.filter((id) => present.has(id)).length;
      assert.ok(kept === 0 || kept === inflight.length, `${replay}: ${kept} of the ${inflight.length} rows of the batch in flight are there`);
    } finally {
      db.close();
    }
  }
  t.diagnostic(`${acked.size} rows committed over ${CUTS} power cuts, ${cutMidBatch} of them with a commit in flight`);
  assert.ok(acked.size > CUTS * 5, `only ${acked.size} rows committed: too few to mean anything`);
  assert.ok(cutMidBatch >= CUTS / 4, `only ${cutMidBatch} cuts landed with a commit in flight`);
});
