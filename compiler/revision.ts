// The policy repo's revision for the bundle: --revision wins, else the git
// HEAD of the repository holding the policy (suffixed -dirty when the policy
// folder has uncommitted changes), else none. Never fails the compile.
import { spawnSync } from 'node:child_process';
import { POLICY_DIR } from './load.ts';

export function gitRevision(root: string): string | undefined {
  const head = git(root, ['rev-parse', '--verify', '-q', 'HEAD']);
  if (!head) return undefined;
  const dirty = git(root, ['status', '--porcelain', '--', POLICY_DIR]);
  return dirty ? `${head}-dirty` : head;
}

function git(cwd: string, args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
  if (r.status !== 0 || typeof r.stdout !== 'string') return undefined;
  return r.stdout.trim() || undefined;
}
