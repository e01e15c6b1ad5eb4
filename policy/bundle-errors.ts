// The one catalogue of bundle error codes: canonical form, digest, keys,
// signatures. Tests and callers match on the code, never on the wording.
// Pure module: both the compiler and the runtime import it.

export const BUNDLE_ERRORS = {
  CORK_CANONICAL_UNSUPPORTED_VALUE: 'a value has no RFC 8785 JSON form (undefined, function, bigint, NaN/Infinity, lone surrogate, cycle)',
  CORK_BAD_KEY: 'the key is not a usable Ed25519 key in PEM form',
  CORK_BUNDLE_NOT_JSON: 'the bundle text does not parse as JSON',
  CORK_BUNDLE_NOT_CANONICAL: 'the bundle text is not in RFC 8785 canonical form',
  CORK_BUNDLE_MALFORMED: 'a top-level bundle field is missing or has the wrong type',
  CORK_BUNDLE_FORMAT_UNSUPPORTED: 'the bundle format version is not one this cork reads',
  CORK_BUNDLE_DIGEST_MISMATCH: 'the recorded digest does not match the bundle content',
  CORK_BUNDLE_SIGNATURE_INVALID: 'no signature by the verify key verifies',
  CORK_BUNDLE_UNSIGNED: 'a verify key was given but the bundle carries no signature',
  CORK_BUNDLE_SIGNED_NO_KEY: 'the bundle is signed but no verify key was given (and no --skip-verify)',
} as const;

export type BundleErrorCode = keyof typeof BUNDLE_ERRORS;

/** Thrown by the bundle functions that can throw (canonicalJson, sealBundle, serializeBundle, signBundle). */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
  }
}
