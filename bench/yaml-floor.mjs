// The baseline: read every policy file and YAML-parse its frontmatter. The
// irreducible work of any compiler of this format; cork's ratio is against it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = process.argv[2];
let n = 0;
for (const dir of ['agents', 'bottles']) {
  const abs = join(root, '.bot-bottle', dir);
  for (const f of readdirSync(abs)) {
    const text = readFileSync(join(abs, f), 'utf8');
    const end = text.indexOf('\n---', 4);
    parse(text.slice(4, end));
    n++;
  }
}
process.stdout.write(`${n}\n`);
