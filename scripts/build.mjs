// Bundles the CLI into one ESM file: a pre-commit `cork check` then loads
// one file instead of resolving hundreds of modules.
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

// esbuild and piscina find their own files (the esbuild binary, piscina's worker
// wrapper) relative to themselves: they stay in node_modules.
await build({ ...common, entryPoints: ['cli/entry.ts'], outfile: 'dist/cork.mjs', external: ['esbuild', 'piscina'] });
// piscina loads workers from a real file: the plugin worker is its own bundle beside the CLI.
await build({ ...common, entryPoints: ['runtime/plugins/worker.ts'], outfile: 'dist/plugin-worker.mjs', external: ['piscina'] });
