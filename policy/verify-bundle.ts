// Checks a bundle file before anything trusts it. Shared by `cork verify`,
// `cork diff`, `compile --check` and the runtime (start and reload), so it
// imports nothing from the compiler. Bad input is a result, never a throw.
//
// Checks, in order: JSON → canonical bytes → object with a supported `format`
// → digest recomputes → top-level shape → signatures. A verify key always
// means the signature is checked (skipVerify cannot weaken that); skipVerify
// only lets a signed bundle through when no key was given.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { short, bundleDigest } from './bundle-digest.ts';
import { BundleError, type BundleErrorCode } from './bundle-errors.ts';
import { canonicalJson } from './canonical.ts';
import { BUNDLE_FORMAT, type Bundle, type BundleSignature } from './types.ts';

export interface VerifyOptions {
  /** PEM of the signer's Ed25519 public key, or its private key (the public half is derived). */
  verifyKeyPem?: string;
  /** Accept a signed bundle without checking its signature when no key is given. */
  skipVerify?: boolean;
}

export type VerifyResult =
  | { ok: true; bundle: Bundle; signed: boolean; keyid?: string }
  | { ok: false; code: BundleErrorCode; message: string };

const HEX64 = /^[0-9a-f]{64}$/;
const ED25519_SIG_BYTES = 64;

export function verifyBundle(text: string, opts: VerifyOptions = {}): VerifyResult {
  try {
    return check(text, opts);
  } catch (e) {
    // Backstop for inputs no check anticipated: still a refusal, never a crash.
    const code = e instanceof BundleError ? e.code : 'CORK_BUNDLE_MALFORMED';
    return fail(code, `bundle could not be checked: ${(e as Error)?.message ?? String(e)}`);
  }
}

function check(text: string, opts: VerifyOptions): VerifyResult {
  if (typeof text !== 'string' || text.length === 0) return fail('CORK_BUNDLE_NOT_JSON', 'bundle is empty, not JSON');

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const bom = text.charCodeAt(0) === 0xfeff ? ' (the file starts with a byte order mark)' : '';
    return fail('CORK_BUNDLE_NOT_JSON', `bundle is not valid JSON${bom}: ${(e as Error).message}`);
  }

  let canonical: string;
  try {
    canonical = canonicalJson(parsed);
  } catch (e) {
    return fail('CORK_BUNDLE_NOT_CANONICAL', `bundle is not in canonical form: ${(e as Error).message.replace(/^cannot write canonical JSON: /, '')}`);
  }
  // serializeBundle writes one trailing newline; a bare canonical text is accepted too.
  if (text !== canonical && text !== `${canonical}\n`) {
    if (text === `${canonical}\r\n`) {
      return fail('CORK_BUNDLE_NOT_CANONICAL', 'bundle is not in canonical form: it ends in CRLF (git autocrlf? mark bundles `-text` in .gitattributes)');
    }
    return fail('CORK_BUNDLE_NOT_CANONICAL', 'bundle is not in canonical form (was it edited by hand?)');
  }

  if (!isRecord(parsed)) return fail('CORK_BUNDLE_MALFORMED', 'bundle is not a JSON object');
  if (!('format' in parsed)) return fail('CORK_BUNDLE_FORMAT_UNSUPPORTED', 'bundle has no "format" field (is this a cork bundle?)');
  if (parsed.format !== BUNDLE_FORMAT) {
    return fail('CORK_BUNDLE_FORMAT_UNSUPPORTED', `bundle format ${JSON.stringify(parsed.format)} is not supported (this cork reads format ${BUNDLE_FORMAT})`);
  }

  if (typeof parsed.digest !== 'string') return fail('CORK_BUNDLE_MALFORMED', 'bundle has no "digest" string');
  const actual = bundleDigest(parsed as unknown as Bundle);
  if (parsed.digest !== actual) {
    return fail(
      'CORK_BUNDLE_DIGEST_MISMATCH',
      `bundle digest does not match its content (recorded ${short(parsed.digest)}, computed ${short(actual)}): it was altered after compiling`,
    );
  }

  const shapeProblem = shape(parsed);
  if (shapeProblem) return fail('CORK_BUNDLE_MALFORMED', `bundle is malformed: ${shapeProblem}`);
  const bundle = parsed as unknown as Bundle;
  const signatures = bundle.signatures ?? [];

  if (opts.verifyKeyPem !== undefined) {
    let key: VerifyKey;
    try {
      key = loadVerifyKey(opts.verifyKeyPem);
    } catch (e) {
      return fail('CORK_BAD_KEY', (e as Error).message);
    }
    if (signatures.length === 0) {
      return fail('CORK_BUNDLE_UNSIGNED', `bundle is not signed, but a verify key (keyid ${short(key.keyid)}) was given`);
    }
    const mine = signatures.filter((s) => s.keyid === key.keyid);
    if (mine.length === 0) {
      const by = signatures.map((s) => short(s.keyid)).join(', ');
      return fail('CORK_BUNDLE_SIGNATURE_INVALID', `bundle has no signature by the verify key (keyid ${short(key.keyid)}); it is signed by keyid ${by}`);
    }
    if (!mine.some((s) => signatureHolds(s, bundle.digest, key.publicKey))) {
      return fail(
        'CORK_BUNDLE_SIGNATURE_INVALID',
        `bundle signature by keyid ${short(key.keyid)} does not verify: the signature was altered or made over another digest`,
      );
    }
    return { ok: true, bundle, signed: true, keyid: key.keyid };
  }

  if (signatures.length > 0 && !opts.skipVerify) {
    return fail(
      'CORK_BUNDLE_SIGNED_NO_KEY',
      "bundle is signed but no --verify-key was given; pass the signer's public key, or --skip-verify to accept it unchecked",
    );
  }
  return { ok: true, bundle, signed: signatures.length > 0 };
}

export interface VerifyKey {
  publicKey: KeyObject;
  /** sha256 (hex) of the public key's SPKI DER: what a signature's `keyid` names. */
  keyid: string;
}

/** An Ed25519 public key from a public or private PEM. Throws BundleError CORK_BAD_KEY. */
export function loadVerifyKey(pem: string): VerifyKey {
  if (typeof pem !== 'string' || !pem.includes('-----BEGIN')) {
    throw new BundleError('CORK_BAD_KEY', 'the verify key is not a PEM file (expected "-----BEGIN PUBLIC KEY-----")');
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem);
  } catch (e) {
    throw new BundleError('CORK_BAD_KEY', `cannot read the verify key: ${keyReadProblem(pem, e)}`);
  }
  requireEd25519(publicKey, 'verify key');
  return { publicKey, keyid: keyIdOf(publicKey) };
}

/** sha256 (hex) of the public key's SPKI DER encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function requireEd25519(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new BundleError(
      'CORK_BAD_KEY',
      `the ${what} is not an Ed25519 key (its type is ${key.asymmetricKeyType ?? 'unknown'}); cork bundles are signed with Ed25519 (create a key with: openssl genpkey -algorithm ed25519 -out cork-sign.pem)`,
    );
  }
}

/** node:crypto's reasons, in words an operator can act on. */
export function keyReadProblem(pem: string, e: unknown): string {
  const code = (e as { code?: string })?.code;
  // OpenSSL 3 reports a missing passphrase as "interrupted or cancelled".
  if (code === 'ERR_MISSING_PASSPHRASE' || /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem)) {
    return 'it is encrypted with a passphrase; cork needs an unencrypted key';
  }
  return `the PEM does not decode as a key (${(e as Error)?.message ?? String(e)})`;
}

function signatureHolds(s: BundleSignature, digest: string, publicKey: KeyObject): boolean {
  if (s.alg !== 'ed25519') return false;
  const raw = Buffer.from(s.sig, 'base64');
  // Node's base64 decoder skips bad characters and ignores unused trailing
  // bits; insist the text is the one encoding of exactly 64 bytes.
  if (raw.length !== ED25519_SIG_BYTES || raw.toString('base64') !== s.sig) return false;
  try {
    return verify(null, Buffer.from(digest, 'utf8'), publicKey, raw);
  } catch {
    return false;
  }
}

/** Top-level shape only: enough for callers to rely on the Bundle type's field kinds. */
function shape(b: Record<string, unknown>): string | undefined {
  if (!HEX64.test(b.digest as string)) return '"digest" is not 64 lowercase hex digits';
  if (typeof b.compiler !== 'string') return '"compiler" is not a string';
  if ('revision' in b && typeof b.revision !== 'string') return '"revision" is not a string';
  if (!Array.isArray(b.sources) || !b.sources.every((s) => isRecord(s) && typeof s.path === 'string' && typeof s.sha256 === 'string')) {
    return '"sources" is not a list of {path, sha256}';
  }
  for (const field of ['bottles', 'agents', 'plugins'] as const) {
    const v = b[field];
    if (!isRecord(v)) return `"${field}" is not an object`;
    if (field !== 'plugins' && !Object.values(v).every(isRecord)) return `an entry of "${field}" is not an object`;
  }
  if ('signatures' in b) {
    const sigs = b.signatures;
    if (!Array.isArray(sigs) || !sigs.every((s) => isRecord(s) && typeof s.alg === 'string' && typeof s.keyid === 'string' && typeof s.sig === 'string')) {
      return '"signatures" is not a list of {alg, keyid, sig}';
    }
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(code: BundleErrorCode, message: string): VerifyResult {
  return { ok: false, code, message };
}
