// Writes a throwaway policy repo: { 'bottles/web.md': '---\n...' } → <tmp>/.bot-bottle/bottles/web.md
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function writeRepo(files: Record<string, string | Uint8Array>, root = mkdtempSync(join(tmpdir(), 'cork-repo-'))): string {
  made.push(root);
  mkdirSync(join(root, '.bot-bottle'), { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, '.bot-bottle', rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

/** Frontmatter + body, so tests read like policy files. */
export function md(yaml: string, body = ''): string {
  return `---\n${yaml.replace(/^\n/, '')}${yaml.endsWith('\n') ? '' : '\n'}---\n${body}`;
}
