// The proxy benchmark's policy: one bottle with 200 routes (199 decoys and the
// target host, which injects a Bearer credential and matches on the benchmark
// paths), egress.log 0 so no request is logged, and one agent selecting it.
// Compiled with the compiler API, so the bench measures the bundle cork ships.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRepo } from '../compiler/compile.ts';
import { serializeBundle } from '../policy/bundle-digest.ts';
import type { Bundle } from '../policy/types.ts';

export const TARGET_HOST = 'api.bench.example';
export const BENCH_AGENT = 'bench';
export const TOKEN_REF = 'BENCH_TOKEN';
export const ROUTES = 200;

export interface BenchTarget {
  /** Route lines between `trusted` and `auth` (e.g. the route's `dlp`). */
  dlp: string[];
  /** The `matches` entries after the refusing DELETE /admin/ one. */
  matches: string[];
  /** Subdirectory and file stem, so several variants can sit in one temp dir. */
  name: string;
  title: string;
}

const PROXY_TARGET: BenchTarget = {
  dlp: ['      dlp: false'],
  matches: [
    '        - paths: [{ type: exact, value: /get1k }, { type: exact, value: /get64k }, { type: exact, value: /echo-headers }]',
    '          methods: [GET, HEAD]',
    '        - paths: [{ type: exact, value: /post16k }]',
    '          methods: [POST]',
  ],
  name: 'bench',
  title: 'the proxy benchmark',
};

function writeRepo(root: string, target: BenchTarget): void {
  const bdir = join(root, '.bot-bottle', 'bottles');
  const adir = join(root, '.bot-bottle', 'agents');
  mkdirSync(bdir, { recursive: true });
  mkdirSync(adir, { recursive: true });
  const routes: string[][] = [];
  for (let i = 0; i < ROUTES - 1; i++) {
    routes.push([
      `    - host: svc${i}.bench.example`,
      '      trusted: true',
      '      dlp: false',
      '      matches:',
      `        - paths: [{ type: prefix, value: /v${i % 3}/items/ }, { type: regex, value: "^/v1/items/[0-9]+/notes$" }]`,
      '          methods: [GET, HEAD]',
    ]);
  }
  // The target sits mid-table and its allowing entry is not the first one, so
  // decide() walks a refusing entry before the hit, as a real policy would.
  routes.splice(routes.length >> 1, 0, [
    `    - host: ${TARGET_HOST}`,
    '      trusted: true',
    ...target.dlp,
    `      auth: { scheme: Bearer, token_ref: ${TOKEN_REF} }`,
    '      matches:',
    '        - paths: [{ type: prefix, value: /admin/ }]',
    '          methods: [DELETE]',
    ...target.matches,
  ]);
  const bottle = [
    '---',
    'egress:',
    '  log: 0',
    '  routes:',
    ...routes.flat(),
    'rule_of_two:',
    '  waive: true',
    '  justification: synthetic benchmark policy, never given to a real agent',
    '---',
    '# bench',
    '',
    `A ${ROUTES}-route bottle for ${target.title}.`,
    '',
  ];
  writeFileSync(join(bdir, 'bench.md'), bottle.join('\n'));
  writeFileSync(join(adir, `${BENCH_AGENT}.md`), `---\ndescription: proxy benchmark agent\nbottle: bench\n---\nThe proxy benchmark's agent.\n`);
}

/** Writes the repo under `root/repo-<name>`, compiles it, returns the bundle's path and the bundle. */
export function writeTargetBundle(root: string, target: BenchTarget): { path: string; bundle: Bundle } {
  const repo = join(root, `repo-${target.name}`);
  writeRepo(repo, target);
  const result = compileRepo(repo, { revision: 'bench' });
  if (!result.bundle) {
    const problems = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}: ${d.message}`);
    throw new Error(`the ${target.title} policy does not compile:\n${problems.join('\n')}`);
  }
  const path = join(root, `${target.name}.bundle.json`);
  writeFileSync(path, serializeBundle(result.bundle));
  return { path, bundle: result.bundle };
}

/** The proxy benchmark's bundle (DLP off on the target): its path. */
export function writeBenchBundle(root: string): string {
  return writeTargetBundle(root, PROXY_TARGET).path;
}
