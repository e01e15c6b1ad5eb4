// A real runtime, metering requests under load, killed with SIGKILL at
// random moments 20 times on one state dir. Before each kill the test reads
// what the runtime reports committed (`cork ledger export` through its
// control socket); after it, the ledger (opened directly, as an auditor
// would after a crash) passes integrity_check and holds every one of those
// rows — and the next runtime starts on the same state dir.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ledgerPaths } from '../runtime/state/ledger.ts';
import { openDatabase } from '../runtime/state/sqlite/open-database.ts';
import { startMockProvider } from './helpers/mock-provider.ts';
import { compileBundle, FIXTURES, runCork, send, sleep, startRuntime, tmpDir } from './helpers/runtime-harness.ts';

const KILLS = 20;

test('SIGKILL of a metering runtime never loses a usage row it reported committed', { timeout: 150_000 }, async (t) => {
  const mock = await startMockProvider({ usage: { input_tokens: 11, output_tokens: 7 } });
  after(() => mock.close());
  const bundle = compileBundle(`${FIXTURES}/runtime-metering`).path;
  const stateDir = join(tmpDir('cork-rt-crash-'), 'state');
  const reported = new Set<string>();
  for (let run = 0; run < KILLS; run++) {
    const rt = await startRuntime(bundle, { stateDir, overrides: { 'api.anthropic.com': mock.url } });
    const s = await rt.openSession('claude-agent');
    let stop = false;
    const body = JSON.stringify({ model: 'claude-test', max_tokens: 10, messages: [{ role: 'user', content: `run ${run}` }] });
    const load = Array.from({ length: 6 }, async () => {
      while (!stop) {
        await send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json' }, body }).catch(() => undefined);
      }
    });
    await sleep(100 + Math.random() * 300);
    // What the runtime says is committed, read while the load goes on...
    const r = await runCork(['ledger', 'export', '--state-dir', stateDir, '--kind', 'usage']);
    assert.equal(r.code, 0, r.stderr);
    for (const line of r.stdout.split('\n').filter(Boolean)) reported.add((JSON.parse(line) as { request_id: string }).request_id);
    // ...then the runtime dies mid-load.
    rt.child.kill('SIGKILL');
    await rt.exited;
    stop = true;
    await Promise.all(load);

    const { db } = await openDatabase(ledgerPaths(stateDir).db);
    try {
      assert.equal(db.selectValue('PRAGMA integrity_check'), 'ok', `after kill ${run}`);
      const present = new Set(db.selectValues('SELECT request_id FROM usage') as string[]);
      const missing = [...reported].filter((id) => !present.has(id));
      assert.deepEqual(missing.slice(0, 5), [], `after kill ${run}: ${missing.length} reported rows missing`);
    } finally {
      db.close();
    }
  }
  t.diagnostic(`${reported.size} usage rows reported committed over ${KILLS} kills`);
  assert.ok(reported.size > KILLS * 5, `only ${reported.size} rows were reported: too few to mean anything`);
});
