// `cork verify <bundle>`: digest and, when keyed, signature hold.
import { verifyBundle } from '../../policy/verify-bundle.ts';
import type { Bundle } from '../../policy/types.ts';
import { EXIT, UsageError, out, readText } from '../io.ts';

export interface VerifyOpts {
  verifyKey?: string;
  skipVerify?: boolean;
}

/** Reads and verifies a bundle, or throws a UsageError (exit 1) that says why it is refused. */
export function loadBundle(path: string, opts: VerifyOpts): Bundle {
  const text = readText(path, 'bundle');
  const verifyKeyPem = opts.verifyKey ? readText(opts.verifyKey, 'verify key') : undefined;
  const result = verifyBundle(text, { ...(verifyKeyPem ? { verifyKeyPem } : {}), skipVerify: opts.skipVerify ?? false });
  if (!result.ok) throw new UsageError(`${path}: ${result.message} [${result.code}]`, EXIT.policy);
  return result.bundle;
}

export function verify(path: string | undefined, opts: VerifyOpts): number {
  if (!path) throw new UsageError('usage: cork verify <bundle> [--verify-key key.pem] [--skip-verify]');
  const bundle = loadBundle(path, opts);
  const signed = bundle.signatures?.length ? (opts.verifyKey ? 'signature verified' : 'signature NOT checked (--skip-verify)') : 'unsigned';
  out(`${path}: ok, digest ${bundle.digest}, ${signed}${bundle.revision ? `, revision ${bundle.revision}` : ''}`);
  return EXIT.ok;
}
