// The bundle's identity: digest = sha256 over the canonical JSON of every
// field except `digest` and `signatures`, and the exact bytes written to disk.
// Pure (node:crypto only): the compiler seals and writes, the runtime verifies.
import { createHash } from 'node:crypto';
import { BundleError } from './bundle-errors.ts';
import { canonicalJson } from './canonical.ts';
import type { Bundle } from './types.ts';

/** What the digest covers: the bundle without `digest` and `signatures`. */
export type BundleBody = Omit<Bundle, 'digest' | 'signatures'>;

/**
 * sha256 (lowercase hex) of the canonical JSON of `body` without its `digest`
 * and `signatures` fields (so a sealed or signed bundle can be passed as is).
 * Unknown top-level fields are covered too: nothing in the file escapes it.
 */
export function bundleDigest(body: BundleBody | Bundle): string {
  const { digest: _digest, signatures: _signatures, ...rest } = body as Bundle;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/** Adds the digest. Any `digest` or `signatures` already on `body` is dropped: they would not match. */
export function sealBundle(body: BundleBody): Bundle {
  const { digest: _digest, signatures: _signatures, ...rest } = body as Bundle;
  return { ...rest, digest: bundleDigest(rest) };
}

/**
 * The bytes of a bundle file: its RFC 8785 canonical JSON followed by exactly
 * one "\n". The newline keeps the file a POSIX text file (git, `cat`, and
 * end-of-file fixers leave it alone); verifyBundle accepts the canonical text
 * with or without that one newline and nothing else. Identical bundles give
 * identical bytes. Refuses (CORK_BUNDLE_DIGEST_MISMATCH) a bundle changed after
 * it was sealed, so a file that would not verify is never written.
 */
export function serializeBundle(b: Bundle): string {
  const text = canonicalJson(b);
  const actual = bundleDigest(b);
  if (b.digest !== actual) {
    throw new BundleError(
      'CORK_BUNDLE_DIGEST_MISMATCH',
      `refusing to write a bundle whose digest does not match its content (recorded ${short(b.digest)}, computed ${short(actual)}): it was changed after sealBundle`,
    );
  }
  return `${text}\n`;
}

/** First 12 hex digits, as the error messages show digests. */
export function short(digest: unknown): string {
  return typeof digest === 'string' ? digest.slice(0, 12) : String(digest);
}
