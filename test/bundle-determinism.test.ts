// The same sources give the same bundle bytes: run after run, from another
// folder, whatever order the files were created (and so listed) in. And the
// digest means something: one changed byte changes it, and the source's hash.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { compileRepo } from '../compiler/compile.ts';
import { serializeBundle } from '../policy/bundle-digest.ts';
import type { Bundle } from '../policy/types.ts';

const EXAMPLE = fileURLToPath(new URL('../fixtures/policies/example/', import.meta.url));
const REVISION = 'determinism-test';

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root`, relative, forward slashes, sorted. */
function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(root, join(dir, e.name)) : [relative(root, join(dir, e.name)).split('\\').join('/')]))
    .sort();
}

/** A copy of the example, its files created in `order`, under a fresh tmp folder nested `depth` deep. */
function copyExample(order: (files: string[]) => string[], depth = 0): string {
  const base = mkdtempSync(join(tmpdir(), 'cork-determinism-'));
  made.push(base);
  let root = base;
  for (let i = 0; i < depth; i++) root = join(root, `nested-${i}`);
  for (const rel of order(listFiles(EXAMPLE))) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, readFileSync(join(EXAMPLE, rel)));
  }
  return root;
}

function bundleOf(root: string): { bundle: Bundle; bytes: string } {
  const { bundle, diagnostics } = compileRepo(root, { revision: REVISION });
  assert.deepEqual(diagnostics, [], `the example should compile cleanly from ${root}`);
  assert.ok(bundle);
  return { bundle, bytes: serializeBundle(bundle) };
}

/** A fixed permutation (no Math.random: a failure must reproduce). */
function interleave(files: string[]): string[] {
  const out: string[] = [];
  for (let i = 0, j = files.length - 1; i <= j; i++, j--) {
    out.push(files[j]!);
    if (i !== j) out.push(files[i]!);
  }
  return out;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

test('compiling the example twice gives byte-identical bundles', () => {
  assert.equal(bundleOf(EXAMPLE).bytes, bundleOf(EXAMPLE).bytes);
});

test('a copy in another folder, files created in reverse order, gives the same bytes', () => {
  const copy = copyExample((files) => [...files].reverse(), 2);
  assert.notEqual(copy, EXAMPLE);
  assert.equal(bundleOf(copy).bytes, bundleOf(EXAMPLE).bytes);
});

test('a copy with files created interleaved gives the same bytes', () => {
  const copy = copyExample(interleave);
  assert.equal(bundleOf(copy).bytes, bundleOf(EXAMPLE).bytes);
});

test('sources list every policy file once, sorted by path, with the sha256 of its bytes', () => {
  const { bundle } = bundleOf(copyExample((files) => [...files].reverse()));
  const paths = bundle.sources.map((s) => s.path);
  assert.deepEqual(paths, [...paths].sort());
  const onDisk = listFiles(EXAMPLE).filter((p) => p.endsWith('.md'));
  assert.deepEqual(paths, onDisk);
  for (const s of bundle.sources) assert.equal(s.sha256, sha256(readFileSync(join(EXAMPLE, s.path))), s.path);
});

test('the bundle does not depend on where the repo is: no absolute path in it', () => {
  const copy = copyExample((files) => files, 1);
  const { bytes } = bundleOf(copy);
  assert.ok(!bytes.includes(copy), 'the bundle mentions the copy\'s folder');
  assert.ok(!bytes.includes(EXAMPLE.replace(/\/$/, '')), 'the bundle mentions the example\'s folder');
});

test('changing one byte of a prompt changes the digest and that source\'s sha256, and only it', () => {
  const copy = copyExample((files) => files);
  const before = bundleOf(copy).bundle;
  const rel = '.bot-bottle/agents/reviewer.md';
  const path = join(copy, rel);
  const bytes = readFileSync(path);
  const at = bytes.lastIndexOf('first');
  assert.ok(at > 0, 'the reviewer prompt should say "first"');
  bytes[at] = 'F'.charCodeAt(0);
  writeFileSync(path, bytes);

  const changed = bundleOf(copy).bundle;
  assert.notEqual(changed.digest, before.digest);
  const hashes = (b: Bundle) => new Map(b.sources.map((s) => [s.path, s.sha256]));
  const a = hashes(before);
  const b = hashes(changed);
  for (const [p, h] of a) {
    if (p === rel) {
      assert.notEqual(b.get(p), h, `${p} should have a new sha256`);
      assert.equal(b.get(p), sha256(bytes));
    } else {
      assert.equal(b.get(p), h, `${p} did not change`);
    }
  }
  assert.match(changed.agents.reviewer!.prompt, /most important First/);
});

test('the revision is the only thing --revision changes', () => {
  const a = compileRepo(EXAMPLE, { revision: 'rev-a' }).bundle!;
  const b = compileRepo(EXAMPLE, { revision: 'rev-b' }).bundle!;
  assert.notEqual(a.digest, b.digest);
  const { digest: _da, revision: _ra, ...restA } = a;
  const { digest: _db, revision: _rb, ...restB } = b;
  assert.deepEqual(restA, restB);
});
