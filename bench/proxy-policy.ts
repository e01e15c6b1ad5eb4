// The proxy benchmark's policy: one bottle with 200 routes (199 decoys and the
// target host, which injects a Bearer credential and matches on the benchmark
// paths), egress.log 0 so no request is logged, and one agent selecting it.
// Compiled with the compiler API, so the bench measures the bundle cork ships.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRepo } from '../compiler/compile.ts';
import { serializeBundle } from '../policy/bundle-digest.ts';

export const TARGET_HOST = 'api.bench.example';
export const BENCH_AGENT = 'bench';
export const TOKEN_REF = 'BENCH_TOKEN';
export const ROUTES = 200;

function writeRepo(root: string): void {
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
    '      dlp: false',
    `      auth: { scheme: Bearer, token_ref: ${TOKEN_REF} }`,
    '      matches:',
    '        - paths: [{ type: prefix, value: /admin/ }]',
    '          methods: [DELETE]',
    '        - paths: [{ type: exact, value: /get1k }, { type: exact, value: /get64k }, { type: exact, value: /echo-headers }]',
    '          methods: [GET, HEAD]',
    '        - paths: [{ type: exact, value: /post16k }]',
    '          methods: [POST]',
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
    `A ${ROUTES}-route bottle for the proxy benchmark.`,
    '',
  ];
  writeFileSync(join(bdir, 'bench.md'), bottle.join('\n'));
  writeFileSync(join(adir, `${BENCH_AGENT}.md`), `---\ndescription: proxy benchmark agent\nbottle: bench\n---\nThe proxy benchmark's agent.\n`);
}

/** Writes the repo under `root`, compiles it, returns the bundle's path. */
export function writeBenchBundle(root: string): string {
  const repo = join(root, 'repo');
  writeRepo(repo);
  const result = compileRepo(repo, { revision: 'bench' });
  if (!result.bundle) {
    const problems = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}: ${d.message}`);
    throw new Error(`the bench policy does not compile:\n${problems.join('\n')}`);
  }
  const path = join(root, 'bench.bundle.json');
  writeFileSync(path, serializeBundle(result.bundle));
  return path;
}
