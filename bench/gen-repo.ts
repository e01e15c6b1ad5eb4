// Generates a synthetic policy repo for benchmarks: bottles in extends chains
// up to depth 5 (and some multi-parent), agents selecting 1–2 bottles each.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function generateRepo(root: string, bottles: number, agents: number): void {
  const bdir = join(root, '.bot-bottle', 'bottles');
  const adir = join(root, '.bot-bottle', 'agents');
  mkdirSync(bdir, { recursive: true });
  mkdirSync(adir, { recursive: true });
  for (let i = 0; i < bottles; i++) {
    const depth = i % 5; // 0..4 parents above → chains of depth up to 5
    const parents: string[] = [];
    if (depth > 0) parents.push(`b${i - 1}`);
    // Every fourth bottle of a chain also extends a chain root: multi-parent folds.
    if (depth === 3 && i >= 8) parents.push(`b${i - 8}`);
    const lines = [
      '---',
      parents.length === 1 ? `extends: ${parents[0]}` : parents.length > 1 ? `extends: [${parents.join(', ')}]` : '',
      'env:',
      `  REGION: eu-${i % 3}`,
      `  BOTTLE_ID: "${i}"`,
      depth === 0 ? 'agent_provider: { template: claude, auth_token: ANTHROPIC_API_KEY }' : '',
      'egress:',
      '  routes:',
      `    - host: api${i}.example.com`,
      `      auth: { scheme: Bearer, token_ref: TOKEN_${i} }`,
      '      matches:',
      `        - paths: [{ type: prefix, value: /v1/items/ }, { type: regex, value: "^/v1/items/[0-9]+/notes$" }]`,
      '          methods: [GET, HEAD]',
      `    - host: docs${i % 50}.example.org`,
      '      trusted: true',
      '      matches:',
      '        - methods: [GET]',
      `budget: { claude: ${100000 + i} }`,
      '---',
      `# bottle ${i}`,
      '',
      'Synthetic bottle for benchmarks.',
      '',
    ].filter((l) => l !== '');
    writeFileSync(join(bdir, `b${i}.md`), `${lines.join('\n')}\n`);
  }
  for (let i = 0; i < agents; i++) {
    const sel = i % 4 === 0 && bottles > 1 ? `bottles: [b${i % bottles}, b${(i + 7) % bottles}]` : `bottle: b${i % bottles}`;
    writeFileSync(
      join(adir, `a${i}.md`),
      `---\ndescription: synthetic agent ${i}\n${sel}\nskills: [review]\n---\nYou are synthetic agent ${i}. Review the change and report problems.\n`,
    );
  }
}
