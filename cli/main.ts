// The `cork` command. Parses arguments, dispatches, and turns every failure
// into a one-line message and an exit status: never a stack trace unless
// CORK_DEBUG=1.
import { parseArgs } from 'node:util';
import { COMPILER_VERSION } from '../compiler/version.ts';
import { check } from './commands/check.ts';
import { compile } from './commands/compile.ts';
import { diff } from './commands/diff.ts';
import { verify } from './commands/verify.ts';
import { EXIT, UsageError, err, out } from './io.ts';

const HELP = `cork — policy-as-code for AI agents

usage:
  cork check [dir] [--format text|json|github|sarif]     validate a policy repo (pre-commit)
  cork compile [dir] -o policy.bundle.json [--sign-key key.pem] [--revision REV]
  cork compile [dir] --check policy.bundle.json           fail when the committed bundle is stale
  cork verify <bundle> [--verify-key key.pem] [--skip-verify]
  cork diff <old.bundle.json> <new.bundle.json> [--format text|json]

[dir] (or --root DIR) is the policy repo: the folder holding .bot-bottle/. Default: the current folder.
exit status: 0 clean, 1 policy errors (or stale / unverifiable bundle), 2 usage or internal error.`;

const OPTIONS = {
  root: { type: 'string' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string', short: 'f' },
  revision: { type: 'string' },
  'sign-key': { type: 'string' },
  'verify-key': { type: 'string' },
  'skip-verify': { type: 'boolean' },
  check: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    err(`cork: ${(e as Error).message}\n\n${HELP}`);
    return EXIT.usage;
  }
  const { values: v, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (v.version) {
    out(COMPILER_VERSION);
    return EXIT.ok;
  }
  if (v.help || !command || command === 'help') {
    out(HELP);
    return command || v.help ? EXIT.ok : EXIT.usage;
  }
  const root = v.root ?? rest[0] ?? '.';
  switch (command) {
    case 'check':
      return check(root, { format: v.format, quiet: v.quiet });
    case 'compile':
      return compile(root, { output: v.output, revision: v.revision, signKey: v['sign-key'], check: v.check, format: v.format, quiet: v.quiet });
    case 'verify':
      return verify(rest[0], { verifyKey: v['verify-key'], skipVerify: v['skip-verify'] });
    case 'diff':
      return diff(rest[0], rest[1], { format: v.format });
    default:
      throw new UsageError(`unknown command "${command}" (try: cork help)`);
  }
}

export function run(argv: string[]): void {
  let code: number;
  try {
    code = main(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`cork: ${e.message}`);
      code = e.exitCode;
    } else {
      err(`cork: internal error: ${(e as Error)?.message ?? String(e)}${process.env.CORK_DEBUG ? `\n${(e as Error)?.stack}` : ' (set CORK_DEBUG=1 for details)'}`);
      code = EXIT.usage;
    }
  }
  process.exitCode = code;
}
