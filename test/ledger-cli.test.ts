// `cork ledger export` as a real process: jsonl rows from a stopped (or
// crashed) runtime's state dir, --kind and --since, one-line usage errors
// with exit 2, and, while a live process holds the ledger, the rows the
// runtime streams over its control socket (GET /v1/ledger/export).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { describe, test } from 'node:test';
import { controlSocketPath } from '../runtime/control/client.ts';
import { ledgerPaths, openLedger } from '../runtime/state/ledger.ts';
import { actionRow, decisionRow, usageRow } from './helpers/ledger-rows.ts';
import { onCleanup, runCork, tmpDir } from './helpers/runtime-harness.ts';

const HOUR = 3_600_000;
const USAGE_FIELDS = ['ts', 'session', 'agent', 'bottles', 'provider', 'model', 'host', 'request_id', 'input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'estimated', 'bundle_digest'];

/** A state dir whose ledger holds 3 usage rows from two days ago, 2 from now, 2 decisions, 1 action; closed. */
async function stoppedStateDir(): Promise<string> {
  const dir = tmpDir('cork-ledger-cli-');
  const ledger = await openLedger(dir);
  const old = Date.now() - 48 * HOUR;
  await Promise.all([
    ...[0, 1, 2].map((i) => ledger.recordUsage(usageRow(i, { ts: old + i }))),
    ...[3, 4].map((i) => ledger.recordUsage(usageRow(i))),
    ledger.recordDecision(decisionRow(0, { ts: old })),
    ledger.recordDecision(decisionRow(1)),
    ledger.recordAction(actionRow(0)),
  ]);
  await ledger.close();
  return dir;
}

function jsonl(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('cork ledger export', { timeout: 60_000 }, () => {
  test('prints every usage row of a stopped runtime as jsonl with the usage fields', async () => {
    const dir = await stoppedStateDir();
    const r = await runCork(['ledger', 'export', '--state-dir', dir, '--format', 'jsonl']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const rows = jsonl(r.stdout);
    assert.deepEqual(rows.map((x) => x.request_id), ['req-0', 'req-1', 'req-2', 'req-3', 'req-4']);
    for (const row of rows) assert.deepEqual(Object.keys(row), USAGE_FIELDS);
    assert.equal(rows[0]!.provider, 'openai');
    assert.equal(rows[0]!.model, null);
    assert.equal(rows[0]!.estimated, true);
    assert.equal(rows[1]!.estimated, false);
    assert.equal(rows[1]!.input_tokens, 1001);
    assert.deepEqual(rows[1]!.bottles, ['github', 'anthropic']);
    assert.match(rows[0]!.ts as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test('--kind decisions and --kind actions', async () => {
    const dir = await stoppedStateDir();
    const d = await runCork(['ledger', 'export', '--state-dir', dir, '--kind', 'decisions']);
    assert.equal(d.code, 0, d.stderr);
    const decisions = jsonl(d.stdout);
    assert.deepEqual(decisions.map((x) => [x.kind, x.rule, x.status, x.path]), [
      ['allow', 'route', 200, '/items/0'],
      ['deny', 'egress.no-route', 403, '/items/1'],
    ]);
    assert.deepEqual(decisions[0]!.detail, { n: 0, why: ['a', 'b'] });
    const a = await runCork(['ledger', 'export', '--state-dir', dir, '--kind', 'actions', '--format', 'jsonl']);
    assert.deepEqual(jsonl(a.stdout).map((x) => [x.action, x.actor]), [['cutoff', 'budget']]);
  });

  test('--since as a duration back from now and as an ISO time', async () => {
    const dir = await stoppedStateDir();
    const rel = await runCork(['ledger', 'export', '--state-dir', dir, '--since', '1h']);
    assert.equal(rel.code, 0, rel.stderr);
    assert.deepEqual(jsonl(rel.stdout).map((x) => x.request_id), ['req-3', 'req-4']);
    const iso = new Date(Date.now() - 72 * HOUR).toISOString();
    assert.equal(jsonl((await runCork(['ledger', 'export', '--state-dir', dir, '--since', iso])).stdout).length, 5);
    const dec = await runCork(['ledger', 'export', '--state-dir', dir, '--kind', 'decisions', '--since', '30m']);
    assert.deepEqual(jsonl(dec.stdout).map((x) => x.path), ['/items/1']);
  });

  test('works on the state dir of a crashed runtime (its lock names a dead pid)', async () => {
    const dir = await stoppedStateDir();
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    writeFileSync(ledgerPaths(dir).lock, `${dead}\n`);
    const r = await runCork(['ledger', 'export', '--state-dir', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(jsonl(r.stdout).length, 5);
  });

  for (const [name, args, pattern] of [
    ['a bad --kind', ['--kind', 'sessions'], /--kind must be one of usage, decisions, actions \(got "sessions"\)/],
    ['a bad --since', ['--since', 'last tuesday'], /--since must be an ISO time/],
    ['a --format other than jsonl', ['--format', 'csv'], /--format must be jsonl/],
  ] as const) {
    test(`${name} is a one-line error with exit 2`, async () => {
      const dir = await stoppedStateDir();
      const r = await runCork(['ledger', 'export', '--state-dir', dir, ...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    });
  }

  test('a state dir without a ledger is an error (exit 2), and none is created', async () => {
    const dir = tmpDir('cork-ledger-cli-');
    const r = await runCork(['ledger', 'export', '--state-dir', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no ledger in .*ledger\.sqlite does not exist/);
    assert.ok(!existsSync(ledgerPaths(dir).db));
  });

  test('while a live process holds the ledger, the rows come from its control socket', async () => {
    const dir = await stoppedStateDir();
    const holder = await openLedger(dir); // this test process plays the running runtime
    onCleanup(() => holder.close());
    const seen: string[] = [];
    const body = `${JSON.stringify({ request_id: 'from-runtime-1' })}\n${JSON.stringify({ request_id: 'from-runtime-2' })}\n`;
    const server: Server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(controlSocketPath(dir), r));
    onCleanup(() => new Promise((r) => server.close(r)));

    const before = Date.now();
    const r = await runCork(['ledger', 'export', '--state-dir', dir, '--kind', 'decisions', '--since', '2h']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, body);
    const url = new URL(seen[0]!, 'http://x');
    assert.equal(url.pathname, '/v1/ledger/export');
    assert.equal(url.searchParams.get('kind'), 'decisions');
    const since = Number(url.searchParams.get('since'));
    assert.ok(since <= before - 2 * HOUR + 1000 && since >= before - 2 * HOUR - 60_000, `since=${since} should be about two hours back`);
  });

  test('a live holder with no control socket: exit 2 naming the holder pid', async () => {
    const dir = await stoppedStateDir();
    const holder = await openLedger(dir);
    onCleanup(() => holder.close());
    const r = await runCork(['ledger', 'export', '--state-dir', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`locked by process ${process.pid}.*no runtime answers`));
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  });
});
