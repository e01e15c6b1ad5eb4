// Entry point bundled by esbuild into dist/cork.mjs.
import { runCli } from './main.ts';

await runCli(process.argv.slice(2));
