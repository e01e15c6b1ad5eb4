// `cork runtime start` verifies the bundle before anything listens: a
// tampered bundle, a signed bundle with no key, or a wrong key is exit 1 with
// the reason and never a listening proxy or control socket. `--skip-verify`
// lets a signed bundle start without its key, never a tampered one.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { signBundle } from '../compiler/sign.ts';
import {
  E2E_POLICY,
  compileBundle,
  startRuntime,
  tmpDir,
  within,
  type CompiledBundle,
} from './helpers/runtime-harness.ts';

let dir: string;
let plain: CompiledBundle;
let signed: CompiledBundle;
let tamperedPath: string;
let publicKey: string;
let otherPublicKey: string;

function keyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey: pub } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: pub.export({ type: 'spki', format: 'pem' }).toString() };
}

before(() => {
  dir = tmpDir('cork-verify-');
  const signer = keyPair();
  const other = keyPair();
  publicKey = join(dir, 'signer.pub.pem');
  otherPublicKey = join(dir, 'other.pub.pem');
  writeFileSync(publicKey, signer.publicPem);
  writeFileSync(otherPublicKey, other.publicPem);
  plain = compileBundle(E2E_POLICY, { dir, name: 'plain.bundle.json' });
  signed = compileBundle(E2E_POLICY, { dir, name: 'signed.bundle.json', transform: (b) => signBundle(b, signer.privatePem) });
  tamperedPath = join(dir, 'tampered.bundle.json');
  const tampered = plain.text.replace('/repos/acme/', '/repos/evil/');
  assert.notEqual(tampered, plain.text);
  writeFileSync(tamperedPath, tampered);
});

/** Starts the runtime expecting a refusal: exit 1, the reason on stderr, nothing listening. */
async function refusedStart(bundle: string, args: string[], reason: RegExp): Promise<void> {
  const stateDir = join(tmpDir('cork-state-'), 'state');
  const rt = await startRuntime(bundle, { args, stateDir, waitListening: false });
  const exit = await within(10_000, 'the refused runtime to exit', rt.exited);
  assert.equal(exit.code, 1, rt.stderr());
  assert.match(rt.stderr(), /refusing to start/);
  assert.match(rt.stderr(), reason);
  assert.doesNotMatch(rt.stderr(), /listening on/);
  assert.doesNotMatch(rt.stderr(), /"event":"start"/);
  assert.ok(!existsSync(join(stateDir, 'control.sock')), 'no control socket was created');
}

async function startsAndServes(bundle: string, args: string[]): Promise<void> {
  const rt = await startRuntime(bundle, { args });
  assert.ok(rt.port > 0);
  const s = await rt.openSession('tester');
  assert.match(s.key, /^cork-session-/);
  assert.deepEqual(await rt.stop(), { code: 0, signal: null });
}

describe('cork runtime start refuses bundles that do not verify', { timeout: 30_000 }, () => {
  test('a tampered bundle (content changed, digest not) → exit 1, CORK_BUNDLE_DIGEST_MISMATCH', async () => {
    await refusedStart(tamperedPath, [], /CORK_BUNDLE_DIGEST_MISMATCH/);
  });

  test('--skip-verify does not let a tampered bundle through', async () => {
    await refusedStart(tamperedPath, ['--skip-verify'], /CORK_BUNDLE_DIGEST_MISMATCH/);
  });

  test('a signed bundle with no verify key → exit 1, saying so', async () => {
    await refusedStart(signed.path, [], /CORK_BUNDLE_SIGNED_NO_KEY/);
  });

  test('a signed bundle with the wrong key → exit 1', async () => {
    await refusedStart(signed.path, ['--verify-key', otherPublicKey], /CORK_BUNDLE_SIGNATURE_INVALID/);
  });

  test('an unsigned bundle when a verify key is configured → exit 1', async () => {
    await refusedStart(plain.path, ['--verify-key', publicKey], /CORK_BUNDLE_UNSIGNED/);
  });

  test('a file that is not a bundle, or no file at all → exit 1', async () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"not": "a bundle"');
    await refusedStart(junk, [], /CORK_BUNDLE_NOT_JSON/);
    await refusedStart(join(dir, 'missing.bundle.json'), [], /CORK_BUNDLE_UNREADABLE/);
  });
});

describe('bundles that verify start', { timeout: 30_000 }, () => {
  test('an unsigned bundle', async () => {
    await startsAndServes(plain.path, []);
  });

  test('a signed bundle with the signer\'s key', async () => {
    await startsAndServes(signed.path, ['--verify-key', publicKey]);
  });

  test('a signed bundle with --skip-verify', async () => {
    await startsAndServes(signed.path, ['--skip-verify']);
  });
});
