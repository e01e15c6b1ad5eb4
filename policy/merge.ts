// The one merge function for bottles. Pure: the compiler folds `extends`
// chains with it, and the runtime merges the bottles selected at launch with
// it, so both always agree on what a set of bottles grants.
import type { Approvals, BottleSpec, Budget, Egress, GitGate, PluginUse, Route } from './types.ts';

/** The mergeable part of a bottle: everything but `extends` and identity. */
export type Policy = Omit<BottleSpec, 'extends'>;

/** `over` merged on top of `base` by DESIGN.md section 2's rules. Inputs are not modified. */
export function mergePolicy(base: Policy, over: Policy): Policy {
  const out: Policy = { ...base };
  if (over.env) out.env = { ...base.env, ...over.env };
  if (over.agent_provider) out.agent_provider = { ...base.agent_provider, ...over.agent_provider };
  if (over['git-gate']) out['git-gate'] = mergeGitGate(base['git-gate'], over['git-gate']);
  if (over.egress) out.egress = mergeEgress(base.egress, over.egress);
  if (over.budget) out.budget = mergeBudget(base.budget, over.budget);
  if (over.approvals) out.approvals = mergeApprovals(base.approvals, over.approvals);
  if (over.plugins) out.plugins = mergePlugins(base.plugins, over.plugins);
  if (over.rule_of_two) out.rule_of_two = { ...over.rule_of_two };
  return out;
}

/** Left-to-right fold of several policies (parents of a bottle, or a session's bottles). */
export function foldPolicies(list: readonly Policy[]): Policy {
  return list.reduce<Policy>((acc, p) => mergePolicy(acc, p), {});
}

function mergeGitGate(base: GitGate | undefined, over: GitGate): GitGate {
  const out: GitGate = { ...base };
  if (over.user) out.user = { ...base?.user, ...over.user };
  if (over.repos) {
    const repos = { ...base?.repos };
    for (const [name, repo] of Object.entries(over.repos)) repos[name] = { ...repos[name], ...repo };
    out.repos = repos;
  }
  return out;
}

/** Routes concatenate; a later route for a host already present replaces it in place (one route per host). */
export function mergeRoutes(base: readonly Route[] | undefined, over: readonly Route[]): Route[] {
  const out = [...(base ?? [])];
  for (const route of over) {
    const at = out.findIndex((r) => r.host.toLowerCase() === route.host.toLowerCase());
    if (at >= 0) out[at] = route;
    else out.push(route);
  }
  return out;
}

function mergeEgress(base: Egress | undefined, over: Egress): Egress {
  const out: Egress = { ...base };
  if (over.log !== undefined) out.log = over.log;
  if (over.routes) out.routes = mergeRoutes(base?.routes, over.routes);
  return out;
}

function mergeBudget(base: Budget | undefined, over: Budget): Budget {
  return { ...base, ...over };
}

/** Child rules first, so the more specific bottle's rules win (first match wins). */
function mergeApprovals(base: Approvals | undefined, over: Approvals): Approvals {
  const out: Approvals = { ...base, ...over };
  if (base?.rules || over.rules) out.rules = [...(over.rules ?? []), ...(base?.rules ?? [])];
  return out;
}

/** Plugins concatenate in order; a later use of the same plugin replaces the earlier one's options in place. */
function mergePlugins(base: readonly PluginUse[] | undefined, over: readonly PluginUse[]): PluginUse[] {
  const out = [...(base ?? [])];
  for (const p of over) {
    const at = out.findIndex((q) => q.use === p.use);
    if (at >= 0) out[at] = p;
    else out.push(p);
  }
  return out;
}
