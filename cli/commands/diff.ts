// `cork diff <old> <new>`: what a policy change grants or revokes.
import { diffBundles, formatDiff } from '../../compiler/diff.ts';
import { EXIT, UsageError, out } from '../io.ts';
import { loadBundle } from './verify.ts';

export function diff(oldPath: string | undefined, newPath: string | undefined, opts: { format?: string }): number {
  if (!oldPath || !newPath) throw new UsageError('usage: cork diff <old.bundle.json> <new.bundle.json> [--format text|json]');
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json (got "${format}")`);
  // Review reads both sides; integrity must hold, signatures are the deployer's concern.
  const before = loadBundle(oldPath, { skipVerify: true });
  const after = loadBundle(newPath, { skipVerify: true });
  out(formatDiff(diffBundles(before, after), format));
  return EXIT.ok;
}
