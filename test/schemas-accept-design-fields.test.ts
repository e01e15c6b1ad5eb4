// The schemas accept every field DESIGN.md section 2 and policy/types.ts
// define, and catch every wrong enum value and wrong type.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { Diagnostics } from '../compiler/diagnostics.ts';
import { parseFile } from '../compiler/parse.ts';
import { locate, type PolicyFile, type PolicyKind } from '../compiler/source.ts';
import { PATTERN_HINTS, pathText, validateBundleShape, validateFile, validateSettings } from '../compiler/validate.ts';
import { schemas } from '../compiler/validators.generated.js';
import type { AgentSpec, BottleSpec, Bundle, ResolvedAgent, ResolvedBottle } from '../policy/types.ts';
import { SCHEMA_DIR } from '../scripts/gen-validators.ts';

// Every field of the types, all set: tsc fails when types.ts gains a field these examples lack
// (DeepRequired) or when an example sets a field types.ts does not have (excess property check).
type DeepRequired<T> = T extends readonly (infer U)[] ? DeepRequired<U>[] : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T;

const FULL_BOTTLE = {
  extends: ['base', 'team'],
  env: { GH_USER: 'octocat', API_KEY: '?Paste the staging API key', _private: '' },
  agent_provider: {
    template: 'claude',
    host: 'api.anthropic.com',
    auth_token: 'ANTHROPIC_API_KEY',
    forward_host_credentials: false,
    dockerfile: 'docker/agent.Dockerfile',
    startup_args: ['--verbose'],
  },
  'git-gate': {
    user: { name: 'Review Bot', email: 'bot@example.com' },
    repos: { app: { url: 'git@github.com:org/app.git', key: '~/.ssh/app_deploy', host_key: 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5' } },
  },
  egress: {
    log: 2,
    routes: [
      {
        host: 'api.github.com',
        auth: { scheme: 'token', token_ref: 'GH_TOKEN' },
        matches: [
          {
            paths: [{ type: 'prefix', value: '/repos/org/' }],
            methods: ['GET', 'post'],
            headers: [{ name: 'Accept', value: 'application/vnd.github+json', type: 'exact' }],
          },
        ],
        git: { fetch: true },
        dlp: { outbound_detectors: ['dlp.token_patterns'], inbound_detectors: false, outbound_on_match: 'redact' },
        trusted: true,
      },
    ],
  },
  budget: { claude: 200000, cutoff: 'freeze' },
  approvals: {
    rules: [{ match: { category: 'egress', tool: 'egress-allow', host: 'api.github.com', cost_over: 0 }, action: 'auto_approve' }],
    default: 'block',
    ttl_seconds: 900,
  },
  plugins: [{ use: 'dlp.token_patterns', options: { extra: ['ghp_'] } }],
  rule_of_two: { waive: true, justification: 'reviewed by security: read-only token' },
} satisfies DeepRequired<BottleSpec>;

/** The other forms of union-typed fields, and values at the edges. */
const OTHER_FORMS: BottleSpec = {
  extends: 'base',
  budget: { codex: { tokens: 5000, window: '7d' }, 'openai.azure': { tokens: 1 } },
  egress: {
    log: 0,
    routes: [
      { host: '10.0.0.7', dlp: false, matches: [{ methods: ['delete'] }, { headers: [{ name: 'X-Api-Version', value: '^v[0-9]+$', type: 'regex' }] }] },
      { host: '[fd00::1]', dlp: { outbound_on_match: 'supervise' }, matches: [{ paths: [{ type: 'regex', value: '^/v1/(chat|messages)$' }, { type: 'exact', value: '/health' }] }] },
      { host: 'localhost', auth: { scheme: 'Bearer', token_ref: 'LOCAL_TOKEN' }, git: { fetch: false }, trusted: false },
      { host: 'fd00::2', dlp: { outbound_detectors: false } },
    ],
  },
  approvals: { rules: [{ match: {}, action: 'auto_reject' }, { match: { category: 'dlp' }, action: 'block' }, { match: { category: 'budget', cost_over: 10 }, action: 'auto_approve' }], default: 'auto_approve' },
  plugins: [{ use: './plugins/custom.ts' }, { use: './plugins/nested/dir/x.mjs', options: {} }],
  rule_of_two: { waive: false, justification: '' },
  'git-gate': { repos: { 'my.repo-2': {} } },
  agent_provider: { template: 'my.provider' },
};

const FULL_AGENT = {
  bottle: 'web',
  bottles: ['web', 'research'],
  skills: ['code-review', 'triage'],
  'git-gate': { user: { name: 'Reviewer', email: 'reviewer@example.com' } },
  budget: { claude: { tokens: 50000, window: '1d' }, cutoff: 'cutoff' },
  name: 'reviewer',
  description: 'Reviews pull requests',
  model: 'sonnet',
  color: 'blue',
  memory: 'project',
  tools: ['Read', 'Grep'],
} satisfies DeepRequired<AgentSpec>;

function parse(kind: PolicyKind, yaml: string): { file: PolicyFile; diags: Diagnostics } {
  const text = `---\n${yaml}---\nbody\n`;
  const diags = new Diagnostics();
  const file = parseFile({ kind, name: 'x', path: `.bot-bottle/${kind}s/x.md`, sha256: '0'.repeat(64), text }, diags);
  assert.ok(file.data, 'test input must parse');
  return { file, diags };
}

function validate(kind: PolicyKind, data: unknown) {
  const { file, diags } = parse(kind, stringify(data));
  const ok = validateFile(file, diags);
  return { ok, file, diags: diags.sorted() };
}

test('a bottle using every field validates clean', () => {
  const r = validate('bottle', FULL_BOTTLE);
  assert.deepEqual(r.diags, []);
  assert.equal(r.ok, true);
  assert.deepEqual(r.file.data, FULL_BOTTLE);
});

test('the other forms of union fields validate clean', () => {
  const r = validate('bottle', OTHER_FORMS);
  assert.deepEqual(r.diags, []);
  assert.equal(r.ok, true);
});

test('a bottle written as in DESIGN.md validates clean', () => {
  const { file, diags } = parse(
    'bottle',
    `extends: [base]
env:
  GH_USER: octocat
  STAGING_KEY: "?Paste the staging key"
agent_provider: { template: codex, auth_token: OPENAI_API_KEY, forward_host_credentials: true }
egress:
  log: 1
  routes:
    - host: api.github.com
      auth: { scheme: Bearer, token_ref: GH_TOKEN }
      matches:
        - paths: [{ type: prefix, value: /repos/ }]
          methods: [GET, HEAD]
      git: { fetch: true }
    - host: pypi.org
      dlp: false
budget: { codex: 100000, cutoff: kill }
approvals:
  rules:
    - match: { category: egress, host: pypi.org }
      action: auto_approve
  default: block
  ttl_seconds: 600
plugins:
  - use: dlp.known_secrets
  - use: ./plugins/audit.ts
    options: { level: 2 }
rule_of_two: { waive: true, justification: "CI-only bottle" }
`,
  );
  assert.equal(validateFile(file, diags), true);
  assert.deepEqual(diags.sorted(), []);
});

test('an agent using every field validates clean', () => {
  const r = validate('agent', FULL_AGENT);
  assert.deepEqual(r.diags, []);
  assert.equal(r.ok, true);
  assert.equal(validate('agent', { bottle: 'web', tools: 'Read, Grep' }).ok, true);
});

test('settings with every field validate clean', () => {
  assert.deepEqual(validateSettings({ budgets: { claude: 1000000, codex: { tokens: 10, window: '12h' } }, cutoff: 'kill', estimate_floor_tokens: 256 }), { ok: true, errors: [] });
  assert.deepEqual(validateSettings({}), { ok: true, errors: [] });
});

test('the bundle schema accepts what the compiler emits', () => {
  const { extends: _extends, ...own } = FULL_BOTTLE;
  const bottle = { ...own, name: 'web', lineage: ['base', 'team'] } satisfies DeepRequired<ResolvedBottle>;
  const agent = {
    name: 'reviewer',
    bottles: ['web'],
    skills: ['code-review'],
    'git-gate': { user: { name: 'R', email: 'r@example.com' } },
    budget: { claude: 10, cutoff: 'kill' },
    subagent: { name: 'reviewer', description: 'd', model: 'opus', color: 'red', memory: 'user', tools: 'Read' },
    prompt: 'You review.\n',
  } satisfies DeepRequired<ResolvedAgent>;
  const bundle = {
    format: 1,
    compiler: '0.1.0',
    revision: 'abc123',
    sources: [{ path: '.bot-bottle/bottles/web.md', sha256: 'f'.repeat(64) }],
    bottles: { web: bottle, base: { name: 'base', lineage: [] } },
    agents: { reviewer: agent },
    plugins: { 'dlp.token_patterns': { id: 'dlp.token_patterns', version: '1.0.0', kind: 'outbound', sha256: '0'.repeat(64), code: 'export default {}', optionsSchema: {} } },
    digest: 'a'.repeat(64),
    signatures: [{ alg: 'ed25519', keyid: 'b'.repeat(64), sig: `${'A'.repeat(86)}==` }],
  } satisfies Required<Bundle>;
  assert.deepEqual(validateBundleShape(bundle), []);
  assert.deepEqual(validateBundleShape({ ...bundle, bottles: { web: { ...bottle, extends: 'base' } } }), ['unknown key "extends" in bottles.web; allowed here: name, lineage, env, agent_provider, git-gate, egress, budget, approvals, plugins, rule_of_two']);
  assert.deepEqual(validateBundleShape({ ...bundle, format: 2 }), ['format: must be 1 (got 2)']);
  assert.deepEqual(validateBundleShape({ ...bundle, signatures: [{ alg: 'rsa', keyid: 'b'.repeat(64), sig: 'x' }] }), [
    'signatures[0].alg: must be "ed25519" (got "rsa")',
    'signatures[0].sig: "x" is not a valid signature: use the base64 of a 64-byte Ed25519 signature',
  ]);
});

// --- every enum and every type is checked -----------------------------------

type Path = (string | number)[];

/** Every path in `data` with its value (plugin options are free-form: not descended into). */
function leaves(data: unknown, path: Path = []): Array<[Path, unknown]> {
  const out: Array<[Path, unknown]> = path.length > 0 ? [[path, data]] : [];
  if (path.at(-1) === 'options') return out;
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...leaves(v, [...path, i])));
  else if (data !== null && typeof data === 'object') for (const [k, v] of Object.entries(data)) out.push(...leaves(v, [...path, k]));
  return out;
}

function setAt(data: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let node = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

/** A value of another JSON type than `v`. */
function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 42;
  if (typeof v === 'number' || typeof v === 'boolean') return 'not-a-valid-value';
  return true; // lists and mappings (not 42: a token count may be a number or a mapping)
}

function expectCaught(kind: PolicyKind, base: unknown, path: Path, value: unknown, ruleIds: string[]): void {
  const data = setAt(base, path, value);
  const r = validate(kind, data);
  const what = `${kind} ${pathText(path)} = ${JSON.stringify(value)}`;
  assert.equal(r.ok, false, `${what} must be rejected`);
  assert.equal(r.diags.length, 1, `${what}: exactly one diagnostic, got ${JSON.stringify(r.diags)}`);
  const d = r.diags[0]!;
  assert.ok(ruleIds.includes(d.ruleId), `${what}: rule ${d.ruleId}`);
  assert.ok(d.message.startsWith(`${pathText(path)}: `), `${what}: message names the path: ${d.message}`);
  const at = locate(r.file, path);
  assert.deepEqual({ line: d.line, column: d.column }, at, `${what}: position`);
}

test('every field of the full bottle rejects a value of the wrong type', () => {
  let n = 0;
  for (const [path, value] of leaves(FULL_BOTTLE)) {
    expectCaught('bottle', FULL_BOTTLE, path, wrongType(value), ['schema/type', 'schema/enum']);
    n++;
  }
  assert.ok(n > 50, `walked ${n} fields`);
});

test('every field of the full agent rejects a value of the wrong type', () => {
  for (const [path, value] of leaves(FULL_AGENT)) expectCaught('agent', FULL_AGENT, path, wrongType(value), ['schema/type', 'schema/enum']);
});

test('every enum rejects a value outside it', () => {
  const enums: Array<[PolicyKind, Path]> = [
    ['bottle', ['egress', 'log']],
    ['bottle', ['egress', 'routes', 0, 'auth', 'scheme']],
    ['bottle', ['egress', 'routes', 0, 'matches', 0, 'paths', 0, 'type']],
    ['bottle', ['egress', 'routes', 0, 'matches', 0, 'headers', 0, 'type']],
    ['bottle', ['egress', 'routes', 0, 'dlp', 'outbound_on_match']],
    ['bottle', ['budget', 'cutoff']],
    ['bottle', ['approvals', 'rules', 0, 'match', 'category']],
    ['bottle', ['approvals', 'rules', 0, 'action']],
    ['bottle', ['approvals', 'default']],
    ['agent', ['budget', 'cutoff']],
  ];
  for (const [kind, path] of enums) {
    expectCaught(kind, kind === 'agent' ? FULL_AGENT : FULL_BOTTLE, path, path[path.length - 1] === 'log' ? 3 : 'Block', ['schema/enum']);
  }
  assert.deepEqual(validateSettings({ cutoff: 'pause' }).errors, ['cutoff: must be one of cutoff, freeze, kill (got "pause")']);
});

test('every pattern and range rejects a malformed value', () => {
  const bad: Array<[Path, unknown, string]> = [
    [['extends', 0], 'Base', 'schema/format'],
    [['env', 'GH_USER'], ['x'], 'schema/type'],
    [['agent_provider', 'template'], 'Claude', 'schema/format'],
    [['agent_provider', 'host'], 'api.anthropic.com:443', 'schema/format'],
    [['agent_provider', 'auth_token'], 'sk-ant-api03-secret', 'schema/format'],
    [['agent_provider', 'dockerfile'], '', 'schema/range'],
    [['git-gate', 'user', 'email'], 'bot', 'schema/format'],
    [['git-gate', 'repos', 'app', 'url'], '', 'schema/range'],
    [['egress', 'routes', 0, 'host'], 'API.GITHUB.COM', 'schema/format'],
    [['egress', 'routes', 0, 'host'], '*.github.com', 'schema/format'],
    [['egress', 'routes', 0, 'host'], 'api.github.com/repos', 'schema/format'],
    [['egress', 'routes', 0, 'auth', 'token_ref'], 'ghp_abcdefghijklmnop', 'schema/format'],
    [['egress', 'routes', 0, 'matches'], [], 'schema/range'],
    [['egress', 'routes', 0, 'matches', 0], {}, 'schema/required'],
    [['egress', 'routes', 0, 'matches', 0, 'paths'], [], 'schema/range'],
    [['egress', 'routes', 0, 'matches', 0, 'paths', 0, 'value'], '', 'schema/range'],
    [['egress', 'routes', 0, 'matches', 0, 'methods', 0], 'GET /', 'schema/format'],
    [['egress', 'routes', 0, 'matches', 0, 'headers', 0, 'name'], 'Accept:', 'schema/format'],
    [['budget', 'claude'], 0, 'schema/range'],
    [['budget', 'claude'], { tokens: 10, window: '10s' }, 'schema/format'],
    [['budget', 'claude'], { window: '1d' }, 'schema/required'],
    [['approvals', 'rules', 0, 'match', 'cost_over'], -1, 'schema/range'],
    [['approvals', 'ttl_seconds'], 0, 'schema/range'],
    [['plugins', 0, 'use'], '../outside.ts', 'schema/format'],
    [['plugins', 0, 'use'], 'plugins/x.ts', 'schema/format'],
    [['plugins', 0, 'use'], 'tokenpatterns', 'schema/format'],
    [['rule_of_two'], { waive: true }, 'schema/required'],
  ];
  for (const [path, value, ruleId] of bad) {
    const r = validate('bottle', setAt(FULL_BOTTLE, path, value));
    assert.equal(r.diags.length, 1, `${pathText(path)} = ${JSON.stringify(value)}: ${JSON.stringify(r.diags)}`);
    assert.equal(r.diags[0]!.ruleId, ruleId, `${pathText(path)} = ${JSON.stringify(value)}: ${r.diags[0]!.message}`);
  }
});

// --- the schemas themselves ---------------------------------------------------

const FILES = ['common', 'agent', 'bottle', 'settings', 'bundle'];
const sources = Object.fromEntries(FILES.map((f) => [f, JSON.parse(readFileSync(join(SCHEMA_DIR, `${f}.schema.json`), 'utf8'))]));

/** Every subschema of a schema file, with its location. */
function subschemas(node: unknown, where: string, out: Array<[string, Record<string, unknown>]> = []): Array<[string, Record<string, unknown>]> {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return out;
  const s = node as Record<string, unknown>;
  out.push([where, s]);
  for (const kw of ['properties', 'patternProperties', '$defs']) {
    for (const [k, v] of Object.entries((s[kw] as Record<string, unknown>) ?? {})) subschemas(v, `${where}/${kw}/${k}`, out);
  }
  for (const kw of ['oneOf', 'anyOf', 'allOf']) ((s[kw] as unknown[]) ?? []).forEach((v, i) => subschemas(v, `${where}/${kw}/${i}`, out));
  for (const kw of ['items', 'additionalProperties']) subschemas(s[kw], `${where}/${kw}`, out);
  return out;
}

test('schema files: draft 2020-12, an $id, and documentation on every field', () => {
  for (const f of FILES) {
    const s = sources[f];
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema', f);
    assert.equal(s.$id, `https://cork.dev/schemas/${f}.schema.json`, f);
    for (const [where, sub] of subschemas(s, f)) {
      if (sub.$ref && Object.keys(sub).length === 1) continue; // documented where it points
      if (where.endsWith('/$defs') || where === f) continue;
      assert.equal(typeof sub.title, 'string', `${where}: title`);
      assert.equal(typeof sub.description, 'string', `${where}: description`);
    }
  }
});

test('schema files: every mapping is closed (additionalProperties: false) except free-form plugin data', () => {
  const open = new Set(['bottle/$defs/pluginUse/properties/options', 'bundle/properties/plugins/additionalProperties', 'bundle/properties/plugins']);
  for (const f of FILES) {
    for (const [where, sub] of subschemas(sources[f], f)) {
      if (sub.type !== 'object' || open.has(where)) continue;
      assert.equal(sub.additionalProperties, false, `${where}: additionalProperties`);
    }
  }
});

test('schema files: the defaults DESIGN.md implies', () => {
  const inl = schemas.bottle as any;
  const d = (node: any) => node.default;
  const bottleDefs = sources.bottle.$defs;
  assert.equal(d(bottleDefs.egress.properties.log), 1);
  assert.equal(d(bottleDefs.routeDlp.properties.outbound_on_match), 'block');
  assert.equal(d(bottleDefs.headerMatch.properties.type), 'exact');
  assert.equal(d(bottleDefs.approvals.properties.default), 'block');
  assert.equal(d(bottleDefs.approvals.properties.ttl_seconds), 900);
  assert.equal(d(bottleDefs.route.properties.git.properties.fetch), false);
  assert.equal(d(bottleDefs.route.properties.trusted), false);
  assert.equal(d(bottleDefs.agentProvider.properties.forward_host_credentials), false);
  assert.equal(d(sources.common.$defs.cutoffPolicy), 'cutoff');
  assert.ok(inl.properties.egress, 'the generated module carries the inlined schemas');
});

test('every pattern in the schemas has a plain-words hint for messages', () => {
  const patterns = new Set<string>();
  for (const f of FILES) {
    for (const [, sub] of subschemas(sources[f], f)) {
      if (typeof sub.pattern === 'string') patterns.add(sub.pattern);
      for (const p of Object.keys((sub.patternProperties as object) ?? {})) patterns.add(p);
    }
  }
  for (const p of patterns) assert.ok(PATTERN_HINTS[p], `no PATTERN_HINTS entry for ${p}`);
});

test('the bundle describes a resolved bottle as the bottle fields minus extends plus name and lineage', () => {
  const bottleKeys = Object.keys(sources.bottle.properties).filter((k) => k !== 'extends');
  assert.deepEqual(Object.keys(sources.bundle.$defs.resolvedBottle.properties).sort(), [...bottleKeys, 'name', 'lineage'].sort());
  assert.deepEqual(Object.keys(sources.bundle.$defs.resolvedAgent.properties.subagent.properties).sort(), ['color', 'description', 'memory', 'model', 'name', 'tools']);
});

test('the bottle and agent schemas have exactly the fields of types.ts', () => {
  assert.deepEqual(Object.keys(sources.bottle.properties).sort(), Object.keys(FULL_BOTTLE).sort());
  assert.deepEqual(Object.keys(sources.agent.properties).sort(), Object.keys(FULL_AGENT).sort());
});
