// Where cork itself is installed: the folder holding its package.json. Code
// runs from a checkout (compiler/, runtime/…) or from the build (dist/ and
// dist/chunks/), so walk up instead of assuming a depth.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function corkRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && isCork(pkg)) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the cork installation (no package.json named "cork" above this file)');
    dir = parent;
  }
}

function isCork(pkg: string): boolean {
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'cork';
  } catch {
    return false;
  }
}
