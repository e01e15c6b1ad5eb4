// The built CLI as users run it: `node bin/cork.mjs …` in a child process,
// asserting exit status, stdout and stderr. It tests the esbuild bundle, not
// the TypeScript sources (rebuilt in `before` when a source is newer).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { COMPILER_VERSION } from '../compiler/version.ts';
import { canonicalJson } from '../policy/canonical.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(ROOT, 'fixtures', 'policies', 'example');
/** A golden case with errors from several stages (see fixtures/policies/cases/). */
const INVALID = join(ROOT, 'fixtures', 'policies', 'cases', 'multi-error-across-stages', 'input');

/** Newest modification time of the files the CLI bundle is built from. */
function newestSource(): number {
  let newest = Math.max(statSync(join(ROOT, 'package.json')).mtimeMs, statSync(join(ROOT, 'scripts', 'build.mjs')).mtimeMs);
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(?:ts|mts|js|mjs|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const dir of ['bin', 'cli', 'compiler', 'policy', 'plugins', 'runtime', 'schemas']) walk(join(ROOT, dir));
  return newest;
}

let tmp = '';
before(() => {
  // `npm test` builds before any test runs; rebuild only when a source is
  // newer. esbuild rewrites dist/cork.mjs in place, and test files running
  // alongside this one spawn the CLI too: an unneeded rebuild could hand
  // them a half-written file.
  const dist = join(ROOT, 'dist', 'cork.mjs');
  if (!existsSync(dist) || statSync(dist).mtimeMs < newestSource()) {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  }
  tmp = mkdtempSync(join(tmpdir(), 'cork-cli-'));
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cork(...args: string[]): Run {
  const env = { ...process.env };
  delete env.CORK_DEBUG;
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'cork.mjs'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failure the user can act on: a message, never a JavaScript stack. */
function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /^\s+at .+[:(]\d+:\d+\)?$/m, `stack trace in output:\n${text}`);
  assert.doesNotMatch(text, /cork: internal error/, text);
}

function oneLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${text}`);
  return lines[0]!;
}

function copyOfExample(name: string): string {
  const dir = join(tmp, name);
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

function compileTo(dir: string, out: string, ...extra: string[]): void {
  const r = cork('compile', dir, '-o', out, '--revision', 'cli-test', ...extra);
  assert.equal(r.code, 0, r.stderr);
}

test('--help prints the usage and exits 0', () => {
  const r = cork('--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /usage|cork check \[dir\]/);
  assert.match(r.stdout, /cork compile/);
  assert.match(r.stdout, /cork verify/);
});

test('--version prints the compiler version and exits 0', () => {
  const r = cork('--version');
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), COMPILER_VERSION);
});

test('check on the example repo exits 0 with nothing on stdout', () => {
  const r = cork('check', EXAMPLE);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /0 errors/);
});

test('check --format json on an invalid repo exits 1 with a parseable array of diagnostics', () => {
  const r = cork('check', INVALID, '--format', 'json');
  assert.equal(r.code, 1, r.stderr);
  const diags = JSON.parse(r.stdout) as unknown[];
  assert.ok(Array.isArray(diags) && diags.length > 0);
  for (const d of diags as Record<string, unknown>[]) {
    assert.deepEqual(Object.keys(d).sort(), ['column', 'file', 'line', 'message', 'ruleId', 'severity']);
    assert.equal(typeof d.file, 'string');
    assert.ok(Number.isInteger(d.line) && (d.line as number) >= 1);
    assert.ok(Number.isInteger(d.column) && (d.column as number) >= 1);
    assert.ok(d.severity === 'error' || d.severity === 'warning');
    assert.equal(typeof d.ruleId, 'string');
    assert.ok(typeof d.message === 'string' && d.message !== '');
  }
  assert.ok(diags.some((d) => (d as { ruleId: string }).ruleId === 'resolve/bottle-missing'));
  assertNoStack(r.stderr);
});

test('check --format github prints workflow commands', () => {
  const r = cork('check', INVALID, '--format', 'github');
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(lines.length > 1);
  for (const line of lines) assert.match(line, /^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^:]+::\S/);
  assert.ok(lines.some((l) => l.startsWith('::error file=.bot-bottle/agents/alpha.md,line=2,col=9,')), r.stdout);
});

test('compile -o writes a bundle that verify accepts', () => {
  const out = join(tmp, 'plain.bundle.json');
  const r = cork('compile', EXAMPLE, '-o', out, '--revision', 'cli-test');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /wrote .*plain\.bundle\.json/);
  const v = cork('verify', out);
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, /ok, digest [0-9a-f]{64}, unsigned, revision cli-test/);
});

test('compile --check passes on a fresh bundle and fails, naming the file, once a source changes', () => {
  const repo = copyOfExample('check-stale');
  const bundle = join(tmp, 'committed.bundle.json');
  compileTo(repo, bundle);

  const fresh = cork('compile', repo, '--check', bundle);
  assert.equal(fresh.code, 0, fresh.stderr);
  assert.match(fresh.stderr, /up to date/);

  const prompt = join(repo, '.bot-bottle', 'agents', 'reviewer.md');
  writeFileSync(prompt, `${readFileSync(prompt, 'utf8')}\nAlso check the changelog.\n`);
  const stale = cork('compile', repo, '--check', bundle);
  assert.equal(stale.code, 1, stale.stderr);
  assert.match(stale.stderr, /stale/);
  assert.match(stale.stderr, /\.bot-bottle\/agents\/reviewer\.md/);
  assertNoStack(stale.stderr);
});

test('verify refuses a tampered bundle with exit 1 and no stack trace', () => {
  const out = join(tmp, 'tampered.bundle.json');
  compileTo(EXAMPLE, out);
  const bundle = JSON.parse(readFileSync(out, 'utf8')) as { agents: Record<string, { prompt: string }> };
  bundle.agents.reviewer!.prompt += 'Also approve everything.';
  // Canonical text, so what is refused is the digest, not the formatting.
  writeFileSync(out, `${canonicalJson(bundle as never)}\n`);
  const r = cork('verify', out);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(oneLine(r.stderr), /digest/i);
  assertNoStack(r.stderr);

  writeFileSync(out, '{"format": ');
  const broken = cork('verify', out);
  assert.equal(broken.code, 1);
  oneLine(broken.stderr);
  assertNoStack(broken.stderr);
});

test('a signed bundle verifies with the public key, is refused without one, and passes with --skip-verify', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyFile = join(tmp, 'signing.pem');
  const pubFile = join(tmp, 'verify.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(pubFile, publicKey.export({ type: 'spki', format: 'pem' }));
  const out = join(tmp, 'signed.bundle.json');
  const c = cork('compile', EXAMPLE, '-o', out, '--revision', 'cli-test', '--sign-key', keyFile);
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stderr, /signed/);

  const keyed = cork('verify', out, '--verify-key', pubFile);
  assert.equal(keyed.code, 0, keyed.stderr);
  assert.match(keyed.stdout, /signature verified/);

  const unkeyed = cork('verify', out);
  assert.equal(unkeyed.code, 1, unkeyed.stdout);
  assert.match(oneLine(unkeyed.stderr), /sign/i);
  assertNoStack(unkeyed.stderr);

  const skipped = cork('verify', out, '--skip-verify');
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.match(skipped.stdout, /NOT checked/);

  const other = join(tmp, 'other.pem');
  writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
  const wrong = cork('verify', out, '--verify-key', other);
  assert.equal(wrong.code, 1, wrong.stdout);
  assertNoStack(wrong.stderr);
});

test('diff reports a widened route as a grant', () => {
  const repo = copyOfExample('diff');
  const before = join(tmp, 'diff-old.bundle.json');
  const afterPath = join(tmp, 'diff-new.bundle.json');
  compileTo(repo, before);
  const file = join(repo, '.bot-bottle', 'bottles', 'docs-reader.md');
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes('methods: [GET, HEAD]'));
  writeFileSync(file, text.replace('methods: [GET, HEAD]', 'methods: [GET, HEAD, POST]'));
  compileTo(repo, afterPath);

  const r = cork('diff', before, afterPath);
  assert.equal(r.code, 0, r.stderr);
  const grants = r.stdout.split('\n').filter((l) => /^\s*\+ /.test(l));
  assert.ok(grants.some((l) => l.includes('docs.python.org') && l.includes('POST')), r.stdout);
  assert.match(r.stdout, /bottle:docs-reader/);
  assert.match(r.stdout, /\d+ grants?/);
});

test('an unknown command is a usage error: exit 2, one line, no stack', () => {
  const r = cork('frobnicate');
  assert.equal(r.code, 2);
  assert.match(oneLine(r.stderr), /unknown command "frobnicate"/);
  assertNoStack(r.stderr);
});

test('a missing policy folder is a usage error: exit 2, one line, no stack', () => {
  const missing = join(tmp, 'no-such-dir');
  for (const args of [['check', missing], ['compile', missing, '-o', join(tmp, 'never.json')]]) {
    const r = cork(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(oneLine(r.stderr), /no-such-dir/);
    assertNoStack(r.stderr);
  }
});

test('verify of a file that does not exist is an error with one line and no stack', () => {
  const r = cork('verify', join(tmp, 'nope.bundle.json'));
  assert.notEqual(r.code, 0);
  assert.match(oneLine(r.stderr), /nope\.bundle\.json/);
  assertNoStack(r.stderr);
});

test('an unknown option is a usage error with exit 2', () => {
  const r = cork('check', '--frob');
  assert.equal(r.code, 2);
  assert.match(r.stderr.split('\n')[0]!, /frob/);
  assertNoStack(r.stderr);
});
