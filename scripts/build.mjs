// Bundles the CLI into one ESM file: a pre-commit `cork check` then loads
// one file instead of resolving hundreds of modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/entry.ts'],
  outfile: 'dist/cork.mjs',
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
});
