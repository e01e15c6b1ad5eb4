// Bundles the CLI into one ESM file: a pre-commit `cork check` then loads
// one file instead of resolving hundreds of modules.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // ESM bundles of CommonJS dependencies that require() built-ins need a require.
  banner: { js: "import { createRequire as __corkCreateRequire } from 'node:module'; const require = __corkCreateRequire(import.meta.url);" },
};

// esbuild, piscina and sqlite-wasm find their own files (the esbuild binary,
// piscina's worker wrapper, sqlite3.wasm) relative to themselves: they stay
// in node_modules.
// Code splitting: each command's modules load only when it runs (cli/main.ts
// imports them on demand), so `cork check` parses no runtime code. piscina
// loads workers from a real file: the plugin worker is an entry of its own, and
// so is the ledger's worker thread.
const result = await build({
  ...common,
  entryPoints: { cork: 'cli/entry.ts', 'plugin-worker': 'runtime/plugins/worker.ts', 'ledger-worker': 'runtime/state/sqlite-ledger-worker.ts', 'meter-worker': 'runtime/metering/meter-worker.ts' },
  outdir: 'dist',
  splitting: true,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  external: ['esbuild', 'piscina', '@sqlite.org/sqlite-wasm'],
  metafile: true,
});

// Drop chunks an earlier build left behind. Never wipe dist/ first: a test
// that rebuilds would pull the CLI from under runs of other tests.
const made = new Set(Object.keys(result.metafile.outputs).map((f) => f.replace(/^dist\//, '')));
for (const name of readdirSync('dist/chunks')) if (!made.has(`chunks/${name}`)) rmSync(`dist/chunks/${name}`, { force: true });
