// Stage 5: bundle every plugin the policy uses — built-in DLP detectors that
// routes turn on, and each bottle's `plugins: [{use, options}]` — into one
// self-contained ESM text with esbuild, hashed, and validate each use's
// `options` against the plugin's own optionsSchema.
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { corkRoot } from '../policy/install-root.ts';
import { createContext, runInContext } from 'node:vm';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildSync, type BuildOptions, type Message } from 'esbuild';
import type { Json } from '../policy/types.ts';
import type { BundledPlugin } from '../policy/plugins.ts';
import { BUILTIN_PLUGIN_FILES, DEFAULT_INBOUND_DETECTORS, DEFAULT_OUTBOUND_DETECTORS, DETECTORS, FUSED_CREDENTIALS, fuseCredentials, meterFor } from '../policy/plugins.ts';
import { providerApi } from '../policy/providers.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { PolicyModel } from './model.ts';
import { BUILTIN_DEFINITIONS } from '../plugins/builtin/index.ts';
import { locate, type PolicyFile } from './source.ts';
import { pathText } from './validate.ts';


// esbuild ESM output of CommonJS dependencies that require() built-ins needs a require.
const REQUIRE_BANNER = "import { createRequire as __corkCreateRequire } from 'node:module'; const require = __corkCreateRequire(import.meta.url);";

interface PluginSource {
  use: string;
  builtin: boolean;
  file: string;
  /** Paths in esbuild's output comments are relative to this, so output does not depend on where the repo sits. */
  workDir: string;
}

interface Probed {
  id: string;
  version: string;
  kind: 'outbound' | 'inbound' | 'meter';
  optionsSchema: Record<string, Json>;
}

/** Where a plugin use is written, for diagnostics. */
interface UseSite {
  file: PolicyFile;
  path: (string | number)[];
  options?: unknown;
  /** Set when a route's detector list names it: the name as written. */
  detector?: string;
}

export function bundlePlugins(model: PolicyModel, diags: Diagnostics, opts: { emitCode: boolean }): Record<string, BundledPlugin> {
  const sites = collectUses(model);
  const out: Record<string, BundledPlugin> = {};
  // Built lazily: constructing Ajv compiles its meta-schema (~40 ms), and most checks have no options to validate.
  let ajv: Ajv2020 | undefined;
  for (const use of [...sites.keys()].sort()) {
    const where = sites.get(use)!;
    const first = where[0]!;
    const detectorSite = where.find((w) => w.detector !== undefined && !Object.hasOwn(BUILTIN_PLUGIN_FILES, use));
    if (detectorSite) {
      for (const site of where.filter((w) => w.detector !== undefined)) {
        diags.error(site.file.path, locate(site.file, site.path), 'plugin-build', `unknown DLP detector "${site.detector}" (detectors: ${Object.keys(DETECTORS).join(', ')})`);
      }
      continue;
    }
    const source = locateSource(model.root, use);
    if (typeof source === 'string') {
      diags.error(first.file.path, locate(first.file, first.path), 'plugin-build', source);
      continue;
    }
    const probed = source.builtin ? describeDefinition(BUILTIN_DEFINITIONS[use]) : probe(source);
    if (typeof probed === 'string') {
      diags.error(first.file.path, locate(first.file, first.path), 'plugin-build', `plugin ${use}: ${probed}`);
      continue;
    }
    const withOptions = where.filter((site) => site.options !== undefined);
    let validate: ReturnType<Ajv2020['compile']> | undefined;
    try {
      if (withOptions.length > 0) validate = (ajv ??= new Ajv2020({ allErrors: true, strict: false })).compile(probed.optionsSchema);
    } catch (err) {
      diags.error(first.file.path, locate(first.file, first.path), 'plugin-build', `plugin ${use}: its optionsSchema does not compile: ${(err as Error).message}`);
      continue;
    }
    let ok = true;
    for (const site of withOptions) {
      if (!validate || validate(site.options)) continue;
      ok = false;
      for (const e of validate.errors ?? []) {
        const sub = e.instancePath.split('/').slice(1).map((p: string) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
        const at = [...site.path.slice(0, -1), 'options', ...sub];
        const extra = e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty?: string }).additionalProperty) : undefined;
        const where = extra ? [...at, extra] : at;
        const message = extra ? `unknown option "${extra}"` : e.keyword === 'type' ? `must be ${(e.params as { type?: string }).type}` : (e.message ?? 'is invalid');
        diags.error(site.file.path, locate(site.file, where, { key: !!extra }), 'plugin-options', `${pathText(at)}: ${message} (options of ${probed.id})`);
      }
    }
    if (!ok || !opts.emitCode) continue;
    const code = build(source, 'esm');
    if (typeof code !== 'string') {
      diags.error(first.file.path, locate(first.file, first.path), 'plugin-build', `plugin ${use}: ${code.error}`);
      continue;
    }
    out[use] = {
      id: probed.id,
      version: probed.version,
      kind: probed.kind,
      optionsSchema: probed.optionsSchema,
      sha256: createHash('sha256').update(code).digest('hex'),
      code,
    };
  }
  return out;
}

/** Every plugin use with the places that name it: explicit `plugins` entries and the DLP detectors routes turn on. */
function collectUses(model: PolicyModel): Map<string, UseSite[]> {
  const sites = new Map<string, UseSite[]>();
  const add = (use: string, site: UseSite) => {
    const list = sites.get(use);
    if (list) list.push(site);
    else sites.set(use, [site]);
  };
  for (const name of [...model.bottles.keys()].sort()) {
    const entry = model.bottles.get(name)!;
    if (!entry.resolved) continue;
    (entry.spec.plugins ?? []).forEach((p, i) => add(p.use, { file: entry.file, path: ['plugins', i, 'use'], options: p.options }));
    // The agent's provider route is metered by the built-in meter of its API family.
    const api = providerApi(entry.spec.agent_provider);
    if (api) add(meterFor(api.api), { file: entry.file, path: ['agent_provider', 'template'] });
    // Detectors a route turns on, pointed at where it says so. Only the routes
    // this file writes: inherited ones were counted in the bottle that wrote them.
    (entry.spec.egress?.routes ?? []).forEach((route, i) => {
      if (route.dlp === false) return;
      for (const dir of ['outbound_detectors', 'inbound_detectors'] as const) {
        const listed = route.dlp?.[dir];
        if (listed === false) continue;
        const found: Array<[string, UseSite]> =
          listed === undefined
            ? (dir === 'outbound_detectors' ? DEFAULT_OUTBOUND_DETECTORS : DEFAULT_INBOUND_DETECTORS).map((d) => [DETECTORS[d]!, { file: entry.file, path: ['egress', 'routes', i, 'host'] }])
            : listed.map((d, j) => [DETECTORS[d] ?? d, { file: entry.file, path: ['egress', 'routes', i, 'dlp', dir, j], detector: d }]);
        // The runtime runs what routeDetectors says: outbound token_patterns + known_secrets fuse into one plugin.
        const runs = dir === 'outbound_detectors' ? fuseCredentials(found.map(([id]) => id)) : found.map(([id]) => id);
        for (const [id, site] of found) add(runs.includes(id) ? id : FUSED_CREDENTIALS, site);
      }
    });
  }
  return sites;
}

function locateSource(root: string, use: string): PluginSource | string {
  const builtin = Object.hasOwn(BUILTIN_PLUGIN_FILES, use) ? BUILTIN_PLUGIN_FILES[use] : undefined;
  if (builtin) {
    const root = corkRoot();
    const file = join(root, 'plugins', 'builtin', builtin);
    return existsSync(file) ? { use, file, workDir: root, builtin: true } : `built-in plugin ${use} is missing from this cork installation (${file})`;
  }
  if (!use.startsWith('./')) {
    return `unknown plugin "${use}": use a built-in id (${Object.keys(BUILTIN_PLUGIN_FILES).join(', ')}) or a path like ./plugins/name.ts in the policy repo`;
  }
  const file = resolve(root, use);
  if (!existsSync(file)) return `plugin file ${use} does not exist in the policy repo`;
  // A plugin must live inside the policy repo: its bytes are what review saw.
  const real = realpathSync(file);
  const realRoot = realpathSync(root);
  if (!real.startsWith(realRoot + sep)) return `plugin ${use} resolves outside the policy repo`;
  return { use, file, workDir: realRoot, builtin: false };
}

// Built-in plugin code is the same for every compile in a process (the test
// suite and watch-style callers compile many times): build it once.
const builtCache = new Map<string, string>();

function build(src: PluginSource, format: 'esm' | 'cjs'): string | { error: string } {
  const cacheKey = src.builtin ? `${format}:${src.file}` : '';
  const cached = cacheKey ? builtCache.get(cacheKey) : undefined;
  if (cached !== undefined) return cached;
  const out = buildUncached(src, format);
  if (cacheKey && typeof out === 'string') builtCache.set(cacheKey, out);
  return out;
}

function buildUncached(src: PluginSource, format: 'esm' | 'cjs'): string | { error: string } {
  const options: BuildOptions = {
    entryPoints: [src.file],
    absWorkingDir: src.workDir,
    bundle: true,
    write: false,
    format,
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    ...(format === 'esm' ? { banner: { js: REQUIRE_BANNER } } : {}),
  };
  try {
    const result = buildSync(options);
    return result.outputFiles![0]!.text;
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors;
    const first = errors?.[0];
    if (first) {
      const loc = first.location ? ` at ${relative(src.workDir, resolve(src.workDir, first.location.file))}:${first.location.line}:${first.location.column + 1}` : '';
      return { error: `does not build: ${first.text}${loc}` };
    }
    return { error: `does not build: ${(err as Error).message}` };
  }
}

// What a plugin's top level may reach while the compiler reads its definition.
const PROBE_MODULES = new Set(['zlib', 'crypto', 'util', 'buffer', 'string_decoder', 'events', 'url']);

/**
 * Evaluates a CommonJS build of the plugin to read its definition (id, kind,
 * optionsSchema) in a fresh V8 context: no process, no timers, no fs, network
 * or child processes (only a few pure built-ins), and a time limit. A guard
 * against a plugin doing things at load on a CI machine — not a sandbox for a
 * hostile author: node:vm is no security boundary, so plugin code is
 * reviewed like the code it is.
 */
function probe(src: PluginSource): Probed | string {
  const code = build(src, 'cjs');
  if (typeof code !== 'string') return code.error;
  const module = { exports: {} as Record<string, unknown> };
  const hostRequire = createRequire(src.file);
  const require = (id: string) => {
    const name = id.replace(/^node:/, '');
    if (!PROBE_MODULES.has(name)) throw new Error(`a plugin may not load "${id}" at the top level (available while compiling: ${[...PROBE_MODULES].join(', ')})`);
    return hostRequire(`node:${name}`);
  };
  const sandbox = createContext({ module, exports: module.exports, require, TextEncoder, TextDecoder, URL, URLSearchParams, atob, btoa, queueMicrotask });
  try {
    runInContext(`(function (module, exports, require) {${code}\n})(module, exports, require)`, sandbox, { filename: src.file, timeout: 2000 });
  } catch (err) {
    return `throws while loading: ${(err as Error)?.message ?? String(err)}`;
  }
  return describeDefinition(module.exports.default ?? module.exports);
}

/** Checks a plugin definition's shape and reads what the compiler needs from it. */
function describeDefinition(value: unknown): Probed | string {
  const def = value as Record<string, unknown>;
  if (!def || typeof def !== 'object') return 'must `export default definePlugin({...})`';
  if (typeof def.id !== 'string' || !def.id) return 'definePlugin needs an id';
  if (def.kind !== 'outbound' && def.kind !== 'inbound' && def.kind !== 'meter') return `kind must be outbound, inbound or meter (got ${JSON.stringify(def.kind)})`;
  if (typeof def.setup !== 'function') return 'definePlugin needs a setup(options, context) function';
  if (!def.optionsSchema || typeof def.optionsSchema !== 'object') return 'definePlugin needs an optionsSchema (a JSON Schema object)';
  let schema: Record<string, Json>;
  try {
    schema = JSON.parse(JSON.stringify(def.optionsSchema)) as Record<string, Json>;
  } catch {
    return 'optionsSchema must be plain JSON';
  }
  return { id: def.id, version: typeof def.version === 'string' ? def.version : '0.0.0', kind: def.kind, optionsSchema: schema };
}

