// Stage 3: fold each bottle's `extends` chain and select each agent's
// bottles. Parents resolve independently, fold left to right, then the child
// merges on top (DESIGN.md section 2).
import { bottlePolicy as stripIdentity, effectivePolicy } from '../policy/effective.ts';
import { foldPolicies, mergePolicy } from '../policy/merge.ts';
import type { ResolvedAgent, ResolvedBottle } from '../policy/types.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { AgentEntry, BottleEntry, PolicyModel } from './model.ts';
import { locate } from './source.ts';

export function resolveModel(model: PolicyModel, diags: Diagnostics): void {
  // A name "exists" when its file exists, even if the file failed validation:
  // then dependants stay unresolved quietly, and the file's own errors explain why.
  const existing = new Set(model.files.filter((f) => f.kind === 'bottle').map((f) => f.name));
  const resolver = new BottleResolver(model.bottles, existing, diags);
  for (const name of [...model.bottles.keys()].sort()) resolver.resolve(name);
  for (const name of [...model.agents.keys()].sort()) resolveAgent(model.agents.get(name)!, model.bottles, existing, diags);
}

class BottleResolver {
  readonly #state = new Map<string, 'visiting' | 'done'>();
  readonly #reportedCycles = new Set<string>();

  constructor(
    private readonly bottles: Map<string, BottleEntry>,
    private readonly existing: Set<string>,
    private readonly diags: Diagnostics,
  ) {}

  /** Returns the resolved bottle, or undefined when it (or an ancestor) cannot be resolved. */
  resolve(name: string, stack: string[] = []): ResolvedBottle | undefined {
    const entry = this.bottles.get(name);
    if (!entry) return undefined;
    if (this.#state.get(name) === 'done') return entry.resolved;
    if (this.#state.get(name) === 'visiting') {
      this.#reportCycle([...stack.slice(stack.indexOf(name)), name]);
      return undefined;
    }
    this.#state.set(name, 'visiting');
    const parents = listOf(entry.spec.extends);
    const resolvedParents: ResolvedBottle[] = [];
    let ok = true;
    parents.forEach((parent, i) => {
      const at = locate(entry.file, typeof entry.spec.extends === 'string' ? ['extends'] : ['extends', i]);
      if (parent === name) {
        this.diags.error(entry.file.path, at, 'resolve/extends-self', `bottle "${name}" extends itself`);
        ok = false;
        return;
      }
      if (!this.existing.has(parent)) {
        this.diags.error(entry.file.path, at, 'resolve/extends-missing', `extends "${parent}", but there is no bottle of that name (available: ${available(this.existing, name)})`);
        ok = false;
        return;
      }
      const resolved = this.resolve(parent, [...stack, name]);
      if (resolved) resolvedParents.push(resolved);
      else ok = false;
    });
    this.#state.set(name, 'done');
    if (!ok) return undefined;
    const { extends: _extends, ...own } = entry.spec;
    const base = foldPolicies(resolvedParents.map(stripIdentity));
    const lineage = unique(resolvedParents.flatMap((p) => [...p.lineage, p.name]));
    entry.resolved = { name, lineage, ...mergePolicy(base, own) };
    return entry.resolved;
  }

  /** One report per cycle, at the alphabetically first member, so output does not depend on visit order. */
  #reportCycle(chain: string[]): void {
    const members = chain.slice(0, -1);
    const first = [...members].sort()[0]!;
    const at = members.indexOf(first);
    const rotated = [...members.slice(at), ...members.slice(0, at), first];
    const key = rotated.join('>');
    if (this.#reportedCycles.has(key)) return;
    this.#reportedCycles.add(key);
    const entry = this.bottles.get(first)!;
    const next = rotated[1]!;
    const parents = listOf(entry.spec.extends);
    const idx = parents.indexOf(next);
    const pos = locate(entry.file, typeof entry.spec.extends === 'string' ? ['extends'] : ['extends', Math.max(0, idx)]);
    this.diags.error(entry.file.path, pos, 'resolve/extends-cycle', `extends chain forms a cycle: ${rotated.join(' → ')}`);
  }
}

function resolveAgent(entry: AgentEntry, bottles: Map<string, BottleEntry>, existing: Set<string>, diags: Diagnostics): void {
  const spec = entry.spec;
  const file = entry.file;
  if (spec.bottle !== undefined && spec.bottles !== undefined) {
    diags.error(file.path, locate(file, ['bottles'], { key: true }), 'resolve/bottle-and-bottles', 'set either "bottle" (one bottle) or "bottles" (a list), not both');
    return;
  }
  const names = spec.bottles ?? (spec.bottle !== undefined ? [spec.bottle] : []);
  if (names.length === 0) {
    diags.error(file.path, { line: 1, column: 1 }, 'resolve/no-bottle', `agent "${entry.file.name}" selects no bottle: add "bottle: <name>" (only bottles grant capabilities)`);
    return;
  }
  const resolved: ResolvedBottle[] = [];
  let ok = true;
  names.forEach((name, i) => {
    if (!existing.has(name)) {
      const at = locate(file, spec.bottles ? ['bottles', i] : ['bottle']);
      diags.error(file.path, at, 'resolve/bottle-missing', `agent selects bottle "${name}", but there is no bottle of that name (available: ${available(existing)})`);
      ok = false;
      return;
    }
    const b = bottles.get(name)?.resolved;
    if (b) resolved.push(b);
    else ok = false;
  });
  if (!ok) return;

  const agent: ResolvedAgent = { name: file.name, bottles: names, prompt: file.body };
  if (spec.skills) agent.skills = spec.skills;
  if (spec['git-gate']) agent['git-gate'] = spec['git-gate'];
  if (spec.budget) agent.budget = spec.budget;
  const subagent = pick(spec, ['name', 'description', 'model', 'color', 'memory', 'tools']);
  if (Object.keys(subagent).length > 0) agent.subagent = subagent;
  entry.resolved = agent;
  entry.effective = effectivePolicy(resolved, agent);
}

function listOf(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function available(names: Set<string>, except?: string): string {
  const list = [...names].filter((n) => n !== except).sort();
  return list.length ? list.join(', ') : 'none';
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
