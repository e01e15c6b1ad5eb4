// The Rule of Two: an agent may have at most two of (A) untrusted input,
// (B) sensitive data, (C) state-changing egress. With all three a prompt
// injection in what it reads can make it send what it holds somewhere it
// can write. Judged on the agent's effective policy; the agent's own model
// route is how it thinks, not a capability, and counts for none of the three.
import { providerHost } from '../../policy/providers.ts';
import type { Route } from '../../policy/types.ts';
import type { AgentEntry, PolicyModel } from '../model.ts';
import { locate } from '../source.ts';
import type { LintRule } from './rule.ts';

const SECRET_NAME = /TOKEN|SECRET|PASSW(OR)?D|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Items listed per property before "and N more": the message stays one line. */
const MAX_ITEMS = 4;

export const rule: LintRule = {
  id: 'rule-of-two',
  run(model, diags) {
    for (const [name, agent] of model.agents) {
      const effective = agent.effective;
      if (!effective) continue;
      const waiver = effective.rule_of_two;
      if (waiver?.waive === true && typeof waiver.justification === 'string' && waiver.justification.trim() !== '') continue;

      const provider = providerHost(effective.agent_provider)?.toLowerCase();
      const routes = (effective.egress?.routes ?? []).filter((r) => r.host.toLowerCase() !== provider);
      const repos = Object.keys(effective['git-gate']?.repos ?? {});
      const untrusted: string[] = [];
      const sensitive: string[] = [];
      const writes: string[] = [];
      for (const route of routes) {
        if (route.trusted !== true) untrusted.push(`route ${route.host} in bottle ${originBottle(model, agent, route.host)}`);
        if (route.auth) sensitive.push(`auth on ${route.host}${route.auth.token_ref ? ` (${route.auth.token_ref})` : ''}`);
        const methods = stateChangingMethods(route);
        if (methods) writes.push(`route ${route.host} allows ${methods}`);
      }
      for (const repo of repos) sensitive.push(`git-gate repo ${repo}`);
      for (const envName of Object.keys(effective.env ?? {})) if (SECRET_NAME.test(envName)) sensitive.push(`env ${envName}`);
      for (const repo of repos) writes.push(`git push to git-gate repo ${repo}`);
      if (!untrusted.length || !sensitive.length || !writes.length) continue;

      const key = agent.spec.bottles !== undefined ? 'bottles' : agent.spec.bottle !== undefined ? 'bottle' : undefined;
      const at = locate(agent.file, key ? [key] : [], { key: true });
      diags.error(
        agent.file.path,
        at,
        'rule-of-two',
        `agent "${name}" combines (A) untrusted input [${list(untrusted)}], (B) sensitive data [${list(sensitive)}], (C) state-changing egress [${list(writes)}]; add rule_of_two: {waive: true, justification: "..."} to a bottle after review, or narrow the policy`,
      );
    }
  },
};

/**
 * What the route lets through besides GET/HEAD/OPTIONS, or undefined when
 * nothing. No `matches`, or an entry without `methods`, allows every method;
 * an entry with an empty `paths` or `methods` list matches nothing.
 */
function stateChangingMethods(route: Route): string | undefined {
  if (!route.matches) return 'every method';
  const found = new Set<string>();
  for (const m of route.matches) {
    if (m.paths?.length === 0) continue;
    if (!m.methods) return 'every method';
    for (const method of m.methods) {
      const upper = method.toUpperCase();
      if (upper === '*') return 'every method';
      if (!SAFE_METHODS.has(upper)) found.add(upper);
    }
  }
  return found.size ? [...found].join(', ') : undefined;
}

/** The last bottle in merge order whose own file defines a route for `host`: where the reviewer should look. */
function originBottle(model: PolicyModel, agent: AgentEntry, host: string): string {
  const selected = agent.resolved?.bottles ?? agent.spec.bottles ?? (agent.spec.bottle ? [agent.spec.bottle] : []);
  const order = selected.flatMap((b) => [...(model.bottles.get(b)?.resolved?.lineage ?? []), b]);
  const wanted = host.toLowerCase();
  for (let i = order.length - 1; i >= 0; i--) {
    const routes = model.bottles.get(order[i]!)?.spec.egress?.routes;
    if (routes?.some((r) => r.host.toLowerCase() === wanted)) return order[i]!;
  }
  return selected.at(-1) ?? '?';
}

function list(items: string[]): string {
  if (items.length <= MAX_ITEMS) return items.join(', ');
  return `${items.slice(0, MAX_ITEMS).join(', ')}, and ${items.length - MAX_ITEMS} more`;
}
