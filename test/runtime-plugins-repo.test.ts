// Policy-repo plugins end to end: `cork compile` bundles the repo's own
// plugins/*.ts (esbuild, sha256), `cork runtime start` loads them into its
// worker pool, and real requests go through them. Working plugins act with
// their options; a plugin that throws, hangs (CPU spin or a promise that
// never settles) or returns garbage blocks the request with plugin.failed
// and the runtime keeps serving everyone else; a plugin that cannot load
// keeps the runtime from starting; a tampered bundle is refused. Outbound
// plugins run in bundle order, inbound in reverse.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { compileRepo } from '../compiler/compile.ts';
import { sealBundle } from '../policy/bundle-digest.ts';
import type { Bundle } from '../policy/types.ts';
import {
  FAKE_CREDENTIALS,
  FIXTURES,
  compileBundle,
  onCleanup,
  parseRefusal,
  runCork,
  send,
  startRuntime,
  tmpDir,
  waitFor,
  within,
  type HttpReply,
  type RuntimeProcess,
  type Session,
} from './helpers/runtime-harness.ts';

const POLICY = join(FIXTURES, 'runtime-plugins');
const PLUGIN_TIMEOUT_MS = 500;
const GARBAGE = ['maybe', 'string', 'undefined', 'no-findings', 'empty-block', 'null-finding', 'findings-not-array'] as const;
const HOSTS = [
  'clean.plugins.test',
  'forbid.plugins.test',
  'words.plugins.test',
  'canary.plugins.test',
  'throws.plugins.test',
  'throws-in.plugins.test',
  'spin.plugins.test',
  'pending.plugins.test',
  'order.plugins.test',
  'order-in.plugins.test',
  ...GARBAGE.map((g) => `garbage-${g}.plugins.test`),
];
const CANARY = 'CANARY-7731-DO-NOT-SHIP';

// ---------------------------------------------------------------------------
// Mock upstream: echoes requests; /say?text=… answers text (in pieces with `split`).

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const seen: Seen[] = [];

async function startUpstream(): Promise<string> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const s: Seen = { url: req.url ?? '', headers: req.headers, body: Buffer.alloc(0) };
    seen.push(s);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      s.body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://upstream');
      if (url.pathname === '/say') {
        // `split=N`: the text goes out in two writes, cut at N, 40 ms apart.
        // `{canary}` in the text is filled in here, so the canary is not in the request's own URL.
        const text = (url.searchParams.get('text') ?? '').replaceAll('{canary}', CANARY);
        const split = Number(url.searchParams.get('split') ?? 0);
        res.writeHead(200, { 'content-type': 'text/plain' });
        if (!split) return void res.end(text);
        res.write(text.slice(0, split));
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) res.end(text.slice(split));
        }, 40);
        timers.add(t);
        return;
      }
      const text = JSON.stringify({ url: s.url, bodyLength: s.body.length });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-mock': 'plugins' });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onCleanup(
    () =>
      new Promise<void>((r) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// ---------------------------------------------------------------------------

let upstream: string;
let bundlePath: string;
let bundle: Bundle;
let rt: RuntimeProcess;
const sessions = new Map<string, Session>();

before(async () => {
  upstream = await startUpstream();
  // The CLI, as CI runs it.
  const dir = tmpDir('cork-plugins-bundle-');
  bundlePath = join(dir, 'policy.bundle.json');
  const compiled = await runCork(['compile', POLICY, '-o', bundlePath]);
  assert.equal(compiled.code, 0, compiled.stderr);
  bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as Bundle;
  rt = await startRuntime(bundlePath, { overrides: Object.fromEntries(HOSTS.map((h) => [h, upstream])), limits: { 'plugin-timeout-ms': PLUGIN_TIMEOUT_MS } });
  const agents = ['p-clean', 'p-forbid', 'p-words', 'p-canary', 'p-throws', 'p-throws-inbound', 'p-spin', 'p-pending', 'p-order-ab', 'p-order-ba', 'p-order-in', ...GARBAGE.map((g) => `p-garbage-${g}`)];
  for (const a of agents) sessions.set(a, await rt.openSession(a));
});

function session(agent: string): Session {
  const s = sessions.get(agent);
  if (!s) throw new Error(`no session for ${agent}`);
  return s;
}

function get(agent: string, url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<HttpReply> {
  return send(rt.port, url, { ...opts, headers: { 'proxy-authorization': session(agent).proxyAuthorization, ...opts.headers } });
}

function refused(r: HttpReply, status: number, rule: string): { reason: string } {
  assert.equal(r.status, status, `expected ${status} ${rule}, got ${r.status}: ${r.body}`);
  const body = parseRefusal(r.body);
  assert.equal(body.rule, rule, r.body);
  return body;
}

/** Another session's clean request goes through: the runtime keeps serving. */
async function stillServing(): Promise<void> {
  const r = await get('p-clean', 'http://clean.plugins.test/health', { method: 'POST', body: '{"ok":true}' });
  assert.equal(r.status, 200, `the clean session was not served: ${r.status} ${r.body}`);
  assert.equal(rt.child.exitCode, null, 'the runtime process is alive');
  assert.equal(rt.child.signalCode, null);
}

// ---------------------------------------------------------------------------

describe('repo plugins in the bundle', { timeout: 20_000 }, () => {
  test('every repo plugin is bundled self-contained, with its id, kind, options schema and a sha256 of its code', () => {
    const repo = Object.keys(bundle.plugins).filter((k) => k.startsWith('./plugins/')).sort();
    assert.deepEqual(repo, [
      './plugins/canary.ts',
      './plugins/forbid-header.ts',
      './plugins/garbage.ts',
      './plugins/order-a.ts',
      './plugins/order-b.ts',
      './plugins/order-in-a.ts',
      './plugins/order-in-b.ts',
      './plugins/pending.ts',
      './plugins/spin.ts',
      './plugins/throws-inbound.ts',
      './plugins/throws.ts',
      './plugins/word-guard.ts',
    ]);
    for (const use of repo) {
      const p = bundle.plugins[use]!;
      assert.equal(p.sha256, createHash('sha256').update(p.code).digest('hex'), use);
      assert.doesNotMatch(p.code, /from ['"]\.\/lib\//, `${use}: its imports are bundled in`);
    }
    const forbid = bundle.plugins['./plugins/forbid-header.ts']!;
    assert.equal(forbid.id, 'acme.forbid_header');
    assert.equal(forbid.version, '1.2.0');
    assert.equal(forbid.kind, 'outbound');
    assert.deepEqual((forbid.optionsSchema as { required?: string[] }).required, ['header']);
    assert.equal(bundle.plugins['./plugins/canary.ts']!.kind, 'inbound');
    assert.equal(bundle.plugins['./plugins/word-guard.ts']!.id, 'acme.word_guard', 'definePlugin from the repo\'s own lib/sdk.ts');
    // The bottle carries the use and its options, as written.
    assert.deepEqual(bundle.bottles['p-forbid']!.plugins, [{ use: './plugins/forbid-header.ts', options: { header: 'x-forbidden', allowPaths: ['/public/'], severity: 'critical' } }]);
  });

  test('options that break the plugin\'s own optionsSchema fail the compile at the option', () => {
    const repo = join(tmpDir('cork-plugins-repo-'), 'repo');
    cpSync(POLICY, repo, { recursive: true });
    const file = join(repo, '.bot-bottle', 'bottles', 'p-forbid.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('severity: critical', 'severity: catastrophic, colour: red'));
    const result = compileRepo(repo);
    assert.equal(result.bundle, undefined);
    const problems = result.diagnostics.filter((d) => d.ruleId === 'plugin-options').map((d) => d.message);
    assert.ok(problems.some((m) => /unknown option "colour".*acme\.forbid_header/.test(m)), problems.join('\n'));
    assert.ok(problems.some((m) => /severity/.test(m)), problems.join('\n'));
  });
});

describe('working plugins act as configured', { timeout: 20_000 }, () => {
  test('outbound (no SDK import): x-forbidden → 403 naming the plugin; allowPaths and other headers pass', async () => {
    const before = seen.length;
    const { reason } = refused(await get('p-forbid', 'http://forbid.plugins.test/api', { headers: { 'x-forbidden': 'yes' } }), 403, 'dlp.blocked');
    assert.match(reason, /acme\.forbid_header found forbidden-x-forbidden in header:x-forbidden/);
    assert.equal(seen.length, before, 'nothing reached the upstream');
    assert.equal((await get('p-forbid', 'http://forbid.plugins.test/public/page', { headers: { 'x-forbidden': 'yes' } })).status, 200, 'allowPaths option');
    assert.equal((await get('p-forbid', 'http://forbid.plugins.test/api', { headers: { 'x-allowed': 'yes' } })).status, 200);
    // The header is the plugin's option, not the session's: another bottle's route ignores it.
    assert.equal((await get('p-clean', 'http://clean.plugins.test/api', { headers: { 'x-forbidden': 'yes' } })).status, 200);
  });

  test('the route\'s default DLP still runs before the repo plugin', async () => {
    const { reason } = refused(
      await get('p-forbid', 'http://forbid.plugins.test/api', { method: 'POST', headers: { 'x-forbidden': 'yes' }, body: `token=${FAKE_CREDENTIALS.CORK_FAKE_API_TOKEN}` }),
      403,
      'dlp.blocked',
    );
    assert.match(reason, /^dlp\.token_patterns found generic-assignment in body; acme\.forbid_header found/, 'built-in detectors first, then the bottle\'s plugin');
  });

  test('outbound (local definePlugin) on a redact route: the code words become [REDACTED:codename]', async () => {
    const r = await get('p-words', 'http://words.plugins.test/notes', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'status of project-bluebird and operation-nightjar: green' });
    assert.equal(r.status, 200, r.body);
    const up = seen.at(-1)!;
    assert.equal(up.body.toString(), 'status of [REDACTED:codename] and [REDACTED:codename]: green');
    assert.equal(Number(up.headers['content-length']), up.body.length);
  });

  test('inbound: a response carrying the canary → 502 dlp.response-blocked naming the plugin; clean responses pass', async () => {
    const ok = await get('p-canary', `http://canary.plugins.test/say?text=${encodeURIComponent('all clear')}`);
    assert.equal(ok.status, 200);
    assert.equal(ok.body, 'all clear');
    const r = await get('p-canary', `http://canary.plugins.test/say?text=${encodeURIComponent('build log\n{canary}\n')}`);
    const { reason } = refused(r, 502, 'dlp.response-blocked');
    assert.match(reason, /acme\.canary canary at body/);
    assert.ok(!r.body.includes(CANARY));
  });

  test('inbound: the canary split across two chunks is still caught (overlapBytes), and never reaches the client', async () => {
    const split = 2001 + 8;
    const r = await get('p-canary', `http://canary.plugins.test/say?split=${split}&text=${encodeURIComponent(`${'x'.repeat(2000)} {canary} tail`)}`).catch((err: Error) => ({ status: -1, body: err.message }) as HttpReply);
    // The first chunk went out (up to the held overlap), so the block cuts the connection.
    assert.ok(!r.body.includes(CANARY.slice(0, 8)), `the client saw part of the canary: ${r.body.slice(-80)}`);
    await waitFor('response-blocked log', () => /"event":"response-blocked"[^\n]*"plugin":"\.\/plugins\/canary\.ts"/.test(rt.stderr()), 3000);
  });
});

describe('failing plugins block the request and the runtime keeps serving', { timeout: 30_000 }, () => {
  test('a plugin that throws → 403 plugin.failed naming it; another session is served right after', async () => {
    const before = seen.length;
    const { reason } = refused(await get('p-throws', 'http://throws.plugins.test/x'), 403, 'plugin.failed');
    assert.match(reason, /\.\/plugins\/throws\.ts threw an error/);
    assert.doesNotMatch(reason, /deliberately broken/, "the plugin's own message stays in the log");
    await waitFor('the plugin-failed log line with its own message', () => /"event":"plugin-failed"[^\n]*deliberately broken/.test(rt.stderr()), 3000);
    assert.equal(seen.length, before);
    await stillServing();
    // And it keeps failing closed, request after request.
    for (let i = 0; i < 3; i++) refused(await get('p-throws', 'http://throws.plugins.test/x'), 403, 'plugin.failed');
  });

  for (const kind of ['spin', 'pending'] as const) {
    test(`a plugin that hangs (${kind === 'spin' ? 'CPU spin' : 'promise never settles'}) → 403 plugin.failed after the timeout; others are served meanwhile`, async () => {
      const before = seen.length;
      const t0 = Date.now();
      const hung = get(`p-${kind}`, `http://${kind}.plugins.test/x`, { timeoutMs: 8000 });
      // While it hangs, the other worker thread serves another session.
      await stillServing();
      const r = await within(8000, `${kind} request`, hung);
      const ms = Date.now() - t0;
      const { reason } = refused(r, 403, 'plugin.failed');
      assert.match(reason, new RegExp(`timed out after ${PLUGIN_TIMEOUT_MS} ms`));
      assert.ok(ms >= PLUGIN_TIMEOUT_MS - 50 && ms < PLUGIN_TIMEOUT_MS + 3000, `answered after ${ms} ms`);
      assert.equal(seen.length, before + 1, 'only the clean request reached the upstream');
      await stillServing();
      // Again, with two hung at once (both threads): they fail, the pool recovers, the clean session is served.
      const two = await Promise.all([get(`p-${kind}`, `http://${kind}.plugins.test/a`), get(`p-${kind}`, `http://${kind}.plugins.test/b`)]);
      for (const x of two) refused(x, 403, 'plugin.failed');
      await stillServing();
    });
  }

  for (const shape of GARBAGE) {
    test(`a plugin that returns garbage (${shape}) → 403 plugin.failed; the next clean request is served`, async () => {
      const before = seen.length;
      const r = await get(`p-garbage-${shape}`, `http://garbage-${shape}.plugins.test/x`);
      refused(r, 403, 'plugin.failed');
      assert.match(parseRefusal(r.body).reason, /\.\/plugins\/garbage\.ts/);
      assert.equal(seen.length, before, 'nothing reached the upstream');
      await stillServing();
    });
  }

  test('an inbound plugin that throws → the response is refused (502 dlp.response-blocked naming the failure)', async () => {
    const r = await get('p-throws-inbound', `http://throws-in.plugins.test/say?text=hello`);
    const { reason } = refused(r, 502, 'dlp.response-blocked');
    assert.match(reason, /\.\/plugins\/throws-inbound\.ts threw an error/);
    await stillServing();
  });

  test('every failure is logged with the plugin and the bundle digest; the process is alive', async () => {
    await waitFor('plugin-failed log lines', () => rt.stderr().includes('"event":"plugin-failed"'), 3000);
    const lines = rt.stderr().split('\n').filter((l) => l.includes('"event":"plugin-failed"'));
    assert.ok(lines.some((l) => l.includes('./plugins/throws.ts') && l.includes(bundle.digest)), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('./plugins/spin.ts') && /timed out/.test(l)), 'the timed-out chain is logged');
    assert.equal(rt.child.exitCode, null);
    await stillServing();
  });
});

describe('order: outbound in bundle order, inbound in reverse', { timeout: 20_000 }, () => {
  test('two outbound plugins that both find something: the verdict is reported from the first in bundle order', async () => {
    const ab = refused(await get('p-order-ab', 'http://order.plugins.test/x', { headers: { 'x-order': '1' } }), 403, 'dlp.blocked');
    assert.match(ab.reason, /^acme\.order_a found tagged in header:x-order; acme\.order_b found/);
    const ba = refused(await get('p-order-ba', 'http://order.plugins.test/x', { headers: { 'x-order': '1' } }), 403, 'dlp.blocked');
    assert.match(ba.reason, /^acme\.order_b found tagged in header:x-order; acme\.order_a found/);
  });

  test('two inbound plugins that both block: the one listed last runs first', async () => {
    const r = await get('p-order-in', `http://order-in.plugins.test/say?text=${encodeURIComponent('xx ORDER-MARK xx')}`);
    const { reason } = refused(r, 502, 'dlp.response-blocked');
    assert.match(reason, /acme\.order_in_b/);
    assert.doesNotMatch(reason, /acme\.order_in_a/, 'the chain stops at the first blocking verdict');
  });
});

describe('plugins that cannot load, and tampered bundles: the runtime refuses to start', { timeout: 30_000 }, () => {
  for (const [fixture, plugin, why] of [
    ['runtime-plugins-loadfail', './plugins/setup-throws.ts', /cannot initialise/],
    ['runtime-plugins-loadfail-import', './plugins/import-throws.ts', /refusing to load/],
  ] as const) {
    test(`${plugin} → start refused (fail closed for every bottle), naming the plugin`, async () => {
      const b = compileBundle(join(FIXTURES, fixture));
      const r = await startRuntime(b.path, { waitListening: false, overrides: { 'fine.plugins.test': upstream } });
      const exit = await within(15_000, 'the runtime to refuse', r.exited);
      assert.equal(exit.code, 1, r.stderr());
      assert.match(r.stderr(), /CORK_PLUGINS_FAILED/);
      assert.ok(r.stderr().includes(plugin), `the refusal names ${plugin}: ${r.stderr()}`);
      assert.match(r.stderr(), why);
      assert.doesNotMatch(r.stderr(), /listening on/);
    });
  }

  test('plugin code changed in the bundle (digest resealed, sha256 stale) → refused', async () => {
    const b = compileBundle(POLICY, {
      transform: (orig) => {
        const copy = structuredClone(orig) as Bundle;
        const p = copy.plugins['./plugins/forbid-header.ts']!;
        p.code = p.code.replace(/action: (["'])block\1/, 'action: "allow"');
        assert.notEqual(p.code, orig.plugins['./plugins/forbid-header.ts']!.code);
        return sealBundle(copy);
      },
    });
    const r = await startRuntime(b.path, { waitListening: false });
    const exit = await within(15_000, 'the runtime to refuse', r.exited);
    assert.equal(exit.code, 1, r.stderr());
    assert.match(r.stderr(), /does not match its sha256/);
  });

  test('plugin code changed on disk under a running runtime: a restarted worker refuses it (fail closed, never the altered code)', async () => {
    const rt2 = await startRuntime(bundlePath, { overrides: { 'forbid.plugins.test': upstream, 'spin.plugins.test': upstream }, limits: { 'plugin-timeout-ms': 300 } });
    const forbid = await rt2.openSession('p-forbid');
    const spin = await rt2.openSession('p-spin');
    const ask = (s: Session, url: string, headers: Record<string, string> = {}) => send(rt2.port, url, { headers: { 'proxy-authorization': s.proxyAuthorization, ...headers } });
    assert.equal((await ask(forbid, 'http://forbid.plugins.test/x')).status, 200);
    // The content-addressed copy the workers import: make it allow everything.
    const file = join(rt2.stateDir, 'plugins', `${bundle.plugins['./plugins/forbid-header.ts']!.sha256}.mjs`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/action: (["'])block\1/, 'action: "allow"'));
    // Two hung calls: both worker threads are ended and replaced, and the new ones load from disk.
    const hung = await Promise.all([ask(spin, 'http://spin.plugins.test/a'), ask(spin, 'http://spin.plugins.test/b')]);
    for (const r of hung) refused(r, 403, 'plugin.failed');
    // A replacement worker still starting when its call's 300 ms run out is a
    // timeout, not a load failure, on a busy machine: every answer must be a
    // refusal, and once the workers are up the refusal names the load failure.
    const reasons: string[] = [];
    await waitFor('a refusal naming the load failure', async () => {
      const r = await ask(forbid, 'http://forbid.plugins.test/x', { 'x-forbidden': 'yes' });
      reasons.push(refused(r, 403, 'plugin.failed').reason);
      return /failed to load/.test(reasons.at(-1)!);
    }, 10_000);
    for (const reason of reasons) assert.match(reason, /failed to load|timed out/);
    await waitFor('the log to say why', () => /"event":"plugin-failed"[^\n]*does not match the bundle/.test(rt2.stderr()), 3000);
    assert.equal(rt2.child.exitCode, null);
    await rt2.stop();
  });

  test('plugin code changed in the bundle file (digest not resealed) → refused', async () => {
    const dir = tmpDir('cork-plugins-tamper-');
    const path = join(dir, 'policy.bundle.json');
    const text = readFileSync(bundlePath, 'utf8');
    const tampered = text.replace('acme.throws: deliberately broken', 'acme.throws: quietly allowing');
    assert.notEqual(tampered, text);
    writeFileSync(path, tampered);
    const r = await startRuntime(path, { waitListening: false });
    const exit = await within(15_000, 'the runtime to refuse', r.exited);
    assert.equal(exit.code, 1, r.stderr());
    assert.match(r.stderr(), /digest/i);
  });
});
