// What an agent may reach: its bottles merged in order, with the agent's own
// narrowing on top. Shared so the compiler's lint and the runtime's sessions
// compute the same thing.
import { foldPolicies, mergePolicy, type Policy } from './merge.ts';
import type { ResolvedAgent, ResolvedBottle } from './types.ts';

export function effectivePolicy(bottles: readonly ResolvedBottle[], agent: Pick<ResolvedAgent, 'git-gate'>): Policy {
  let policy = foldPolicies(bottles.map(bottlePolicy));
  if (agent['git-gate']?.user) policy = mergePolicy(policy, { 'git-gate': { user: agent['git-gate'].user } });
  return policy;
}

/** A resolved bottle without its identity fields: the mergeable part. */
export function bottlePolicy(b: ResolvedBottle): Policy {
  const { name: _name, lineage: _lineage, ...policy } = b;
  return policy;
}
