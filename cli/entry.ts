// Entry point bundled by esbuild into dist/cork.mjs.
import { run } from './main.ts';

run(process.argv.slice(2));
