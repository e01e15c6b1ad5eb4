// The `cork` command. Parses arguments, dispatches, and turns every failure
// into a one-line message and an exit status: never a stack trace unless
// CORK_DEBUG=1.
import { parseArgs } from 'node:util';
import { COMPILER_VERSION } from '../compiler/version.ts';
import { EXIT, UsageError, err, out } from './io.ts';

// Commands load on demand: a pre-commit `cork check` must not pay for parsing
// the runtime (undici, pino, piscina) it never runs.
const commands = {
  check: () => import('./commands/check.ts'),
  compile: () => import('./commands/compile.ts'),
  verify: () => import('./commands/verify.ts'),
  diff: () => import('./commands/diff.ts'),
  explain: () => import('./commands/explain.ts'),
  run: () => import('./commands/run.ts'),
  runtime: () => import('./commands/runtime.ts'),
  ledger: () => import('./commands/ledger.ts'),
  operate: () => import('./commands/operate.ts'),
};

const HELP = `cork — policy-as-code for AI agents

policy (pre-commit and CI):
  cork check [dir] [--format text|json|github|sarif]     validate a policy repo
  cork compile [dir] -o policy.bundle.json [--sign-key key.pem] [--revision REV]
  cork compile [dir] --check policy.bundle.json           fail when the committed bundle is stale
  cork verify <bundle> [--verify-key key.pem] [--skip-verify]
  cork diff <old.bundle.json> <new.bundle.json> [--format text|json]
  cork explain <bundle> --agent A [--bottle B]... "METHOD URL"   exit 0 allowed, 1 refused

runtime (the agents' only way out to the network):
  cork runtime start <bundle> [--listen 127.0.0.1:8787] [--state-dir .cork]
        [--verify-key key.pem | --skip-verify] [--upstream-override HOST=http://127.0.0.1:PORT]...
        [--limit NAME=VALUE]... [--log-file FILE] [--agent A [--bottle B]... -- command...]
        [--settings settings.yml] [--budget PROVIDER=TOKENS]...
  cork runtime reload <bundle> [--state-dir .cork]        (or send the runtime SIGHUP)
  cork run --agent A [--bottle B]... [--budget PROVIDER=TOKENS]... [--state-dir .cork] -- command...
  cork ledger export [--state-dir .cork] [--kind usage|decisions|actions] [--since 1h|ISO-TIME] [--format jsonl]
        the usage, decision or action rows as JSON lines (works on a stopped runtime's state dir too)

operator (over the runtime's control socket):
  cork sessions [--format text|json]                      sessions, their agents and enforcement state
  cork usage [session] [--format text|json]              each session's token budgets against its use (a stopped runtime's: from its ledger)
  cork cutoff|freeze|resume|kill <session> [--reason TEXT]
        cutoff: deny metered egress; freeze: stop the agent's processes; kill: end them; resume: undo cutoff or freeze

[dir] (or --root DIR) is the policy repo: the folder holding .bot-bottle/. Default: the current folder.
exit status: 0 clean, 1 policy errors (or stale / unverifiable bundle, refused request), 2 usage or internal error.`;

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
  agent: { type: 'string' },
  bottle: { type: 'string', multiple: true },
  header: { type: 'string', short: 'H', multiple: true },
  listen: { type: 'string' },
  'state-dir': { type: 'string' },
  'upstream-override': { type: 'string', multiple: true },
  limit: { type: 'string', multiple: true },
  'log-file': { type: 'string' },
  kind: { type: 'string' },
  since: { type: 'string' },
  settings: { type: 'string' },
  budget: { type: 'string', multiple: true },
  reason: { type: 'string' },
} as const;

export async function main(argv: string[]): Promise<number> {
  // Everything after `--` is the command to run, untouched by option parsing.
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const command = dash < 0 ? [] : argv.slice(dash + 1);
  let parsed;
  try {
    parsed = parseArgs({ args: own, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    err(`cork: ${(e as Error).message}\n\n${HELP}`);
    return EXIT.usage;
  }
  const { values: v, positionals } = parsed;
  const [verb, ...rest] = positionals;
  if (v.version) {
    out(COMPILER_VERSION);
    return EXIT.ok;
  }
  if (v.help || !verb || verb === 'help') {
    out(HELP);
    return verb || v.help ? EXIT.ok : EXIT.usage;
  }
  const root = v.root ?? rest[0] ?? '.';
  switch (verb) {
    case 'check':
      return (await commands.check()).check(root, { format: v.format, quiet: v.quiet });
    case 'compile':
      return (await commands.compile()).compile(root, { output: v.output, revision: v.revision, signKey: v['sign-key'], check: v.check, format: v.format, quiet: v.quiet });
    case 'verify':
      return (await commands.verify()).verify(rest[0], { verifyKey: v['verify-key'], skipVerify: v['skip-verify'] });
    case 'diff':
      return (await commands.diff()).diff(rest[0], rest[1], { format: v.format });
    case 'explain':
      return (await commands.explain()).explainCommand(rest[0], rest.slice(1).join(' ') || undefined, { agent: v.agent, bottles: v.bottle, headers: v.header, verifyKey: v['verify-key'], skipVerify: v['skip-verify'] });
    case 'run':
      return (await commands.run()).run({ agent: v.agent, bottles: v.bottle, stateDir: v['state-dir'], budgets: v.budget, command });
    case 'runtime': {
      const [sub, bundle] = rest;
      const { runtimeStart, runtimeReload } = await commands.runtime();
      if (sub === 'start') {
        return runtimeStart(bundle, {
          listen: v.listen,
          stateDir: v['state-dir'],
          verifyKey: v['verify-key'],
          skipVerify: v['skip-verify'],
          overrides: v['upstream-override'],
          limits: v.limit,
          logFile: v['log-file'],
          agent: v.agent,
          bottles: v.bottle,
          settings: v.settings,
          budgets: v.budget,
          command,
        });
      }
      if (sub === 'reload') return runtimeReload(bundle, { stateDir: v['state-dir'] });
      throw new UsageError(`usage: cork runtime start|reload <bundle> (got "${sub ?? ''}")`);
    }
    case 'ledger':
      return (await commands.ledger()).ledgerCommand(rest[0], { stateDir: v['state-dir'], kind: v.kind, since: v.since, format: v.format });
    case 'sessions':
      return (await commands.operate()).sessionsCommand({ stateDir: v['state-dir'], format: v.format });
    case 'usage':
      return (await commands.operate()).usageCommand(rest[0], { stateDir: v['state-dir'], format: v.format });
    case 'cutoff':
    case 'freeze':
    case 'resume':
    case 'kill':
      return (await commands.operate()).enforceCommand(verb, rest[0], { stateDir: v['state-dir'], reason: v.reason, format: v.format });
    default:
      throw new UsageError(`unknown command "${verb}" (try: cork help)`);
  }
}

export async function runCli(argv: string[]): Promise<void> {
  let code: number;
  try {
    code = await main(argv);
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
