// Runs plugin chains over a set of set-up instances: the same code in the
// pool's workers and, for small bodies and built-in detectors only, inline
// on the main thread (host.ts) — so both paths give the same verdicts.
// Anything a plugin does wrong (throws, returns garbage) becomes a
// PluginFault naming it; the host turns that into a blocking outcome.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Finding, PluginDefinition, PluginHooks, RequestView, ResponseChunkView, Verdict } from '../../plugins/sdk.ts';
import { applyAction } from '../../plugins/scan/action.ts';
import type { ChunkTask, InfoReply, InstanceSpec, PluginOutcome, RequestTask, Task, WorkerInit } from './protocol.ts';

export class PluginFault extends Error {
  constructor(
    readonly plugin: string,
    message: string,
  ) {
    super(message);
  }
}

export async function loadInstances(init: WorkerInit): Promise<Map<string, PluginHooks>> {
  const hooks = new Map<string, PluginHooks>();
  const modules = new Map<string, PluginDefinition>();
  for (const spec of init.instances) {
    // Whatever fails here names the plugin: the operator must know which one keeps the runtime from starting.
    try {
      let def = modules.get(spec.file);
      if (!def) {
        def = await importVerified(spec);
        modules.set(spec.file, def);
      }
      const h = await def.setup((spec.options ?? {}) as Record<string, unknown>, Object.freeze({ secrets: Object.freeze([...init.secrets]) }));
      if (!h || typeof h !== 'object') throw new PluginFault(spec.use, 'setup() did not return hooks');
      hooks.set(spec.key, h);
    } catch (err) {
      throw err instanceof PluginFault ? err : new PluginFault(spec.use, (err as Error)?.message ?? String(err));
    }
  }
  return hooks;
}

async function importVerified(spec: InstanceSpec): Promise<PluginDefinition> {
  const bytes = readFileSync(spec.file);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== spec.sha256) throw new PluginFault(spec.use, `code on disk does not match the bundle (sha256 ${digest.slice(0, 12)} ≠ ${spec.sha256.slice(0, 12)})`);
  const mod = (await import(pathToFileURL(spec.file).href)) as { default?: PluginDefinition };
  const def = mod.default;
  if (!def || typeof def.setup !== 'function') throw new PluginFault(spec.use, 'the module has no default export from definePlugin()');
  return def;
}

const ACTIONS = new Set(['allow', 'warn', 'block', 'redact', 'supervise']);

function checkVerdict(plugin: string, v: unknown): Verdict {
  const verdict = v as Verdict | undefined;
  if (!verdict || typeof verdict !== 'object' || !ACTIONS.has(verdict.action)) throw new PluginFault(plugin, `returned an invalid verdict: ${describe(v)}`);
  if (verdict.action === 'allow') return verdict;
  const findings = (verdict as { findings?: unknown }).findings;
  if (!Array.isArray(findings)) throw new PluginFault(plugin, `returned "${verdict.action}" without findings`);
  // A block (redact, supervise) that names nothing would be read as "nothing found" and let the request through.
  if (verdict.action !== 'warn' && findings.length === 0) throw new PluginFault(plugin, `returned "${verdict.action}" with no findings`);
  for (const f of findings as unknown[]) {
    const x = f as Partial<Finding> | null;
    if (!x || typeof x !== 'object' || typeof x.detector !== 'string' || typeof x.rule !== 'string' || typeof x.location !== 'string') {
      throw new PluginFault(plugin, `returned a malformed finding: ${describe(f)}`);
    }
  }
  return verdict;
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 80) ?? String(v);
  } catch {
    return typeof v;
  }
}

/** Runs one hook so that whatever it throws names the plugin. */
async function attributed<T>(key: string, hook: () => T | Promise<T>): Promise<T> {
  try {
    return await hook();
  } catch (err) {
    throw err instanceof PluginFault ? err : new PluginFault(pluginOf(key), `threw: ${(err as Error)?.message ?? String(err)}`);
  }
}

function pluginOf(key: string): string {
  return key.slice(0, key.lastIndexOf('@'));
}

/** Runs the chain's onRequest hooks in order; returns blocking findings and warnings. */
async function scanRequest(hooks: Map<string, PluginHooks>, chain: readonly string[], req: RequestView): Promise<{ findings: Finding[]; warnings: Finding[]; plugin?: string }> {
  const findings: Finding[] = [];
  const warnings: Finding[] = [];
  let plugin: string | undefined;
  for (const key of chain) {
    const h = hooks.get(key);
    if (!h?.onRequest) continue;
    const v = checkVerdict(pluginOf(key), await attributed(key, () => h.onRequest!(req)));
    if (v.action === 'allow') continue;
    if (v.action === 'warn') warnings.push(...v.findings);
    else {
      findings.push(...v.findings);
      plugin ??= pluginOf(key);
    }
  }
  return { findings, warnings, ...(plugin ? { plugin } : {}) };
}

export async function runRequest(hooks: Map<string, PluginHooks>, t: RequestTask): Promise<PluginOutcome> {
  const req: RequestView = Object.freeze({
    method: t.method,
    scheme: t.scheme,
    host: t.host,
    path: t.path,
    query: t.query,
    headers: Object.freeze(t.headers.map((h) => Object.freeze(h))),
    body: t.body instanceof Uint8Array ? t.body : new Uint8Array(t.body),
    route: t.route,
    session: t.session,
    agent: t.agent,
  });
  const first = await scanRequest(hooks, t.chain, req);
  if (first.findings.length === 0) return { action: first.warnings.length ? 'warn' : 'allow', findings: first.warnings };
  const result = await applyAction(first.findings, t.onMatch, req, async (r) => (await scanRequest(hooks, t.chain, r)).findings);
  const v = result.verdict;
  if (v.action === 'redact' && result.redactedRequest) {
    const r = result.redactedRequest;
    const body = r.body.byteOffset === 0 && r.body.byteLength === r.body.buffer.byteLength ? (r.body.buffer as ArrayBuffer) : r.body.slice().buffer;
    return {
      action: 'redact',
      ...(first.plugin ? { plugin: first.plugin } : {}),
      findings: v.findings,
      ranges: v.ranges,
      redacted: { path: r.path, query: r.query, headers: r.headers.map(([n, val]) => [n, val] as [string, string]), body },
    };
  }
  const action = result.code === 'supervise_unavailable' ? 'supervise' : v.action === 'allow' ? 'allow' : 'block';
  return { action, ...(first.plugin ? { plugin: first.plugin } : {}), findings: 'findings' in v ? v.findings : [] };
}

export async function runChunk(hooks: Map<string, PluginHooks>, t: ChunkTask): Promise<PluginOutcome> {
  const chunk: ResponseChunkView = Object.freeze({
    status: t.status,
    headers: t.headers,
    data: new Uint8Array(t.data),
    overlap: t.overlap,
    position: t.position,
    final: t.final,
    route: t.route,
    session: t.session,
  });
  const warnings: Finding[] = [];
  for (const key of t.chain) {
    const h = hooks.get(key);
    if (!h?.onResponseChunk) continue;
    const v = checkVerdict(pluginOf(key), await attributed(key, () => h.onResponseChunk!(chunk)));
    if (v.action === 'allow') continue;
    if (v.action === 'warn') {
      warnings.push(...v.findings);
      continue;
    }
    // Inbound there is nothing to rewrite or hold: any non-warn verdict ends the stream.
    return { action: 'block', plugin: pluginOf(key), findings: v.findings };
  }
  return { action: warnings.length ? 'warn' : 'allow', findings: warnings };
}

export function info(hooks: Map<string, PluginHooks>): InfoReply {
  const overlap: Record<string, number> = {};
  for (const [key, h] of hooks) overlap[key] = Math.max(0, Math.floor(Number(h.overlapBytes ?? 0)) || 0);
  return { overlap };
}

/** One task against loaded hooks; a fault names its plugin in the message. */
export async function runTask(hooks: Map<string, PluginHooks>, task: Task): Promise<PluginOutcome | InfoReply> {
  try {
    if (task.hook === 'info') return info(hooks);
    if (task.hook === 'request') return await runRequest(hooks, task);
    return await runChunk(hooks, task);
  } catch (err) {
    const plugin = err instanceof PluginFault ? err.plugin : 'unknown';
    throw new Error(`plugin ${plugin}: ${(err as Error)?.message ?? String(err)}`);
  }
}
