// `cork compile [dir] -o bundle` and `cork compile --check bundle`.
import { compileRepo } from '../../compiler/compile.ts';
import { signBundle } from '../../compiler/sign.ts';
import { serializeBundle } from '../../policy/bundle-digest.ts';
import type { Bundle } from '../../policy/types.ts';
import { EXIT, UsageError, err, out, readText, writeAtomic } from '../io.ts';
import { parseFormat, report, withRoot } from './check.ts';
import { loadBundle } from './verify.ts';

export interface CompileOpts {
  output?: string;
  revision?: string;
  signKey?: string;
  check?: string;
  format?: string;
  quiet?: boolean;
}

export function compile(root: string, opts: CompileOpts): number {
  const format = parseFormat(opts.format);
  // --check compares against a committed bundle, which cannot name the commit
  // that contains it: take its revision so only the policy itself is compared.
  const committed = opts.check ? loadBundle(opts.check, { skipVerify: true }) : undefined;
  const revision = committed ? (committed.revision ?? null) : opts.revision;
  const result = withRoot(() => compileRepo(root, revision === undefined ? {} : { revision }));
  report(result, format, opts.quiet ?? false);
  if (!result.bundle) return EXIT.policy;

  if (committed && opts.check) return compareWithCommitted(result.bundle, committed, opts.check, root);

  let bundle = result.bundle;
  if (opts.signKey) {
    bundle = signWith(bundle, opts.signKey);
  }
  const text = serializeBundle(bundle);
  if (opts.output) {
    writeAtomic(opts.output, text);
    if (!opts.quiet) {
      err(`wrote ${opts.output}: digest ${bundle.digest.slice(0, 16)}…, ${count(bundle.agents, 'agent')}, ${count(bundle.bottles, 'bottle')}${bundle.signatures ? ', signed' : ''}`);
    }
  } else {
    out(text);
  }
  return EXIT.ok;
}

function signWith(bundle: Bundle, keyPath: string): Bundle {
  const pem = readText(keyPath, 'signing key');
  try {
    return signBundle(bundle, pem);
  } catch (e) {
    throw new UsageError(`cannot sign with ${keyPath}: ${(e as Error).message}`);
  }
}

function compareWithCommitted(fresh: Bundle, committed: Bundle, path: string, root: string): number {
  if (fresh.digest === committed.digest) {
    err(`${path} is up to date (digest ${fresh.digest.slice(0, 16)}…)`);
    return EXIT.ok;
  }
  const before = new Map(committed.sources.map((s) => [s.path, s.sha256]));
  const after = new Map(fresh.sources.map((s) => [s.path, s.sha256]));
  const changed: string[] = [];
  for (const [p, h] of after) if (before.get(p) !== h) changed.push(before.has(p) ? `changed ${p}` : `added ${p}`);
  for (const p of before.keys()) if (!after.has(p)) changed.push(`removed ${p}`);
  if (changed.length === 0 && fresh.compiler !== committed.compiler) changed.push(`compiler ${committed.compiler} → ${fresh.compiler}`);
  err(`${path} is stale: ${changed.length ? changed.join(', ') : 'its content differs from what the sources compile to'}`);
  err(`recompile it with: cork compile ${root} -o ${path}`);
  return EXIT.policy;
}

function count(obj: object, word: string): string {
  const n = Object.keys(obj).length;
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
