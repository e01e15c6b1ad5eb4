#!/usr/bin/env node
// Launcher: the CLI is one esbuild bundle so `cork check` starts fast.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cork.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('cork: dist/cork.mjs is missing; run `npm run build` (npm install runs it for you)\n');
  process.exit(2);
}
await import(bundle.href);
