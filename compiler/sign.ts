// `--sign-key`: an Ed25519 signature over the bundle's digest string. The
// digest covers everything but the signatures, so signing never changes it
// and several keys can sign the same bundle.
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { bundleDigest, short } from '../policy/bundle-digest.ts';
import { BundleError } from '../policy/bundle-errors.ts';
import type { Bundle, BundleSignature } from '../policy/types.ts';
import { keyIdOf, keyReadProblem, requireEd25519 } from '../policy/verify-bundle.ts';

/**
 * Returns a copy of `bundle` with a signature by `privateKeyPem` added (an
 * earlier signature by the same key is replaced), signatures sorted by keyid.
 * Throws BundleError CORK_BAD_KEY when the PEM is not an unencrypted Ed25519
 * private key, CORK_BUNDLE_DIGEST_MISMATCH when the bundle changed after it
 * was sealed (signing it would vouch for content the digest does not cover).
 */
export function signBundle(bundle: Bundle, privateKeyPem: string): Bundle {
  const privateKey = loadSigningKey(privateKeyPem);
  const actual = bundleDigest(bundle);
  if (bundle.digest !== actual) {
    throw new BundleError(
      'CORK_BUNDLE_DIGEST_MISMATCH',
      `refusing to sign: the bundle's digest does not match its content (recorded ${short(bundle.digest)}, computed ${short(actual)})`,
    );
  }
  const keyid = keyIdOf(createPublicKey(privateKey));
  const entry: BundleSignature = {
    alg: 'ed25519',
    keyid,
    sig: sign(null, Buffer.from(bundle.digest, 'utf8'), privateKey).toString('base64'),
  };
  const signatures = [...(bundle.signatures ?? []).filter((s) => s.keyid !== keyid), entry].sort((a, b) =>
    a.keyid < b.keyid ? -1 : a.keyid > b.keyid ? 1 : 0,
  );
  return { ...bundle, signatures };
}

function loadSigningKey(pem: string): KeyObject {
  if (typeof pem !== 'string' || !pem.includes('-----BEGIN')) {
    throw new BundleError('CORK_BAD_KEY', 'the signing key is not a PEM file (expected "-----BEGIN PRIVATE KEY-----")');
  }
  if (/-----BEGIN (RSA |EC )?PUBLIC KEY-----/.test(pem) && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new BundleError('CORK_BAD_KEY', 'the signing key is a public key; signing needs the private key (verify with the public one)');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    throw new BundleError('CORK_BAD_KEY', `cannot read the signing key: ${keyReadProblem(pem, e)}`);
  }
  requireEd25519(key, 'signing key');
  return key;
}
