// `cork check [dir]`: validate only, for pre-commit. Exit 1 on any error.
import { checkRepo, type CheckResult } from '../../compiler/compile.ts';
import { FORMATS, formatDiagnostics, summary, type Format } from '../../compiler/format.ts';
import { PolicyRootError } from '../../compiler/load.ts';
import { EXIT, UsageError, err, out } from '../io.ts';

export function parseFormat(value: string | undefined): Format {
  const f = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${f}")`);
  return f as Format;
}

/** Runs a stage that may find no policy folder, turning that into a usage error. */
export function withRoot<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof PolicyRootError) throw new UsageError(e.message);
    throw e;
  }
}

export function report(result: CheckResult, format: Format, quiet: boolean): void {
  // json and sarif always print (an empty array is an answer); text and github print nothing when clean.
  const text = formatDiagnostics(result.diagnostics, format);
  if (text) out(text);
  if (!quiet && format !== 'json' && format !== 'sarif') err(summary(result.diagnostics, result.model.files.length));
}

export function check(root: string, opts: { format?: string; quiet?: boolean }): number {
  const format = parseFormat(opts.format);
  const result = withRoot(() => checkRepo(root));
  report(result, format, opts.quiet ?? false);
  return result.ok ? EXIT.ok : EXIT.policy;
}
