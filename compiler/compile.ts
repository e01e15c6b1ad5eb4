// The pipeline: load → parse → validate → resolve → lint → bundle plugins → emit. Each stage
// adds diagnostics and hands on what it could make sense of; only emit is
// skipped when anything is an error.
import type { Bundle } from '../policy/types.ts';
import { type Diagnostic, Diagnostics } from './diagnostics.ts';
import type { BundledPlugin } from '../policy/plugins.ts';
import { bundlePlugins } from './bundle-plugins.ts';
import { emitBundle } from './emit.ts';
import { runLint } from './lint/index.ts';
import { loadRepo } from './load.ts';
import type { PolicyModel } from './model.ts';
import { parseFile } from './parse.ts';
import { resolveModel } from './resolve.ts';
import { gitRevision } from './revision.ts';
import { validateFile } from './validate.ts';
import type { AgentSpec, BottleSpec } from '../policy/types.ts';

export interface CheckResult {
  diagnostics: Diagnostic[];
  model: PolicyModel;
  ok: boolean;
  /** Bundled plugin code; filled only by compileRepo. */
  plugins: Record<string, BundledPlugin>;
}

export interface CompileResult extends CheckResult {
  /** Present only when there are no errors. */
  bundle?: Bundle;
}

export function checkRepo(root: string): CheckResult {
  return runStages(root, false);
}

function runStages(root: string, emitPlugins: boolean): CheckResult {
  const diags = new Diagnostics();
  const model: PolicyModel = { root, files: [], bottles: new Map(), agents: new Map() };
  for (const raw of loadRepo(root, diags)) {
    const file = parseFile(raw, diags);
    model.files.push(file);
    if (!file.data || !validateFile(file, diags)) continue;
    if (file.kind === 'bottle') model.bottles.set(file.name, { file, spec: file.data as BottleSpec });
    else model.agents.set(file.name, { file, spec: file.data as AgentSpec });
  }
  if (model.files.length === 0 && !diags.hasErrors) {
    diags.error('.bot-bottle', { line: 1, column: 1 }, 'repo/empty', 'no agents/*.md or bottles/*.md files found');
  }
  resolveModel(model, diags);
  runLint(model, diags);
  const plugins = bundlePlugins(model, diags, { emitCode: emitPlugins && !diags.hasErrors });
  return { diagnostics: diags.sorted(), model, ok: !diags.hasErrors, plugins };
}

/** `revision`: a string to record, null to record none, absent to take the policy repo's git HEAD. */
export function compileRepo(root: string, opts: { revision?: string | null } = {}): CompileResult {
  const result = runStages(root, true);
  if (!result.ok) return result;
  const revision = opts.revision === undefined ? gitRevision(root) : (opts.revision ?? undefined);
  return { ...result, bundle: emitBundle(result.model, result.plugins, revision) };
}
