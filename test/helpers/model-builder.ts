// Builds a PolicyModel from inline Markdown for lint tests, without the
// validate and resolve stages (so lint is tested on its own): frontmatter
// becomes `spec` as is; extends chains and agents' bottles are folded with the
// shared merge and effective-policy functions.
import { createHash } from 'node:crypto';
import { bottlePolicy, effectivePolicy } from '../../policy/effective.ts';
import { foldPolicies, mergePolicy } from '../../policy/merge.ts';
import type { AgentSpec, BottleSpec, ResolvedAgent, ResolvedBottle } from '../../policy/types.ts';
import { Diagnostics, type Diagnostic } from '../../compiler/diagnostics.ts';
import type { PolicyModel } from '../../compiler/model.ts';
import { parseFile } from '../../compiler/parse.ts';
import type { PolicyFile, PolicyKind } from '../../compiler/source.ts';

export interface RepoText {
  bottles?: Record<string, string>;
  agents?: Record<string, string>;
}

/** A model as lint sees it after resolve. Throws if a file does not parse: fixtures must be well-formed. */
export function buildModel(repo: RepoText): PolicyModel {
  const parseDiags = new Diagnostics();
  const parse = (kind: PolicyKind, name: string, text: string): PolicyFile => {
    const dir = kind === 'agent' ? 'agents' : 'bottles';
    const sha256 = createHash('sha256').update(text).digest('hex');
    return parseFile({ kind, name, path: `.bot-bottle/${dir}/${name}.md`, sha256, text }, parseDiags);
  };
  const model: PolicyModel = { root: '/repo', files: [], bottles: new Map(), agents: new Map() };
  for (const [name, text] of Object.entries(repo.bottles ?? {})) {
    const file = parse('bottle', name, text);
    model.files.push(file);
    model.bottles.set(name, { file, spec: (file.data ?? {}) as BottleSpec });
  }
  for (const [name, text] of Object.entries(repo.agents ?? {})) {
    const file = parse('agent', name, text);
    model.files.push(file);
    model.agents.set(name, { file, spec: (file.data ?? {}) as AgentSpec });
  }
  const problems = parseDiags.sorted();
  if (problems.length) throw new Error(`fixture does not parse: ${problems.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('; ')}`);

  for (const name of model.bottles.keys()) resolveBottle(model, name, []);
  for (const [name, entry] of model.agents) {
    const spec = entry.spec;
    const bottles = spec.bottles ?? (spec.bottle ? [spec.bottle] : []);
    const resolved: ResolvedAgent = { name, bottles, prompt: entry.file.body };
    if (spec.budget) resolved.budget = spec.budget;
    if (spec['git-gate']) resolved['git-gate'] = spec['git-gate'];
    entry.resolved = resolved;
    const selected = bottles.map((b) => model.bottles.get(b)?.resolved).filter((b) => b !== undefined);
    entry.effective = effectivePolicy(selected, resolved);
  }
  return model;
}

function resolveBottle(model: PolicyModel, name: string, chain: string[]): ResolvedBottle | undefined {
  const entry = model.bottles.get(name);
  if (!entry || chain.includes(name)) return undefined;
  if (entry.resolved) return entry.resolved;
  const { extends: parents, ...own } = entry.spec;
  const parentNames = parents === undefined ? [] : Array.isArray(parents) ? parents : [parents];
  const resolvedParents = parentNames.map((p) => resolveBottle(model, p, [...chain, name]));
  const lineage = [...new Set(resolvedParents.flatMap((p) => (p ? [...p.lineage, p.name] : [])))];
  const folded = mergePolicy(foldPolicies(resolvedParents.filter((p) => p !== undefined).map(bottlePolicy)), own);
  entry.resolved = { ...folded, name, lineage };
  return entry.resolved;
}

/** Runs one lint rule (or several) over a model and returns what they reported, sorted. */
export function lint(model: PolicyModel, rules: ReadonlyArray<{ run(model: PolicyModel, diags: Diagnostics): void }>): Diagnostic[] {
  const diags = new Diagnostics();
  for (const rule of rules) rule.run(model, diags);
  return diags.sorted();
}

/** Markdown with a frontmatter block; the YAML may be indented as a whole (template literals in tests). */
export function md(yaml: string, body = ''): string {
  return `---\n${dedent(yaml)}\n---\n${body}`;
}

function dedent(text: string): string {
  const lines = text.replace(/^\n+/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
