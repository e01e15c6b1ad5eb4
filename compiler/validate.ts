// Stage 2: JSON Schema validation of each file's frontmatter. The validators
// are ajv standalone code generated ahead of time (compiler/validators.generated.js,
// `npm run gen:validators`), so no schema is compiled at run time. Every ajv
// error becomes one plain-words diagnostic at the YAML node it concerns; the
// noise ajv reports for oneOf branches is reduced to the branch that fits.
import { closest, distance } from 'fastest-levenshtein';
import type { Diagnostics } from './diagnostics.ts';
import type { RuleId } from './rule-ids.ts';
import { locate, type PolicyFile } from './source.ts';
import {
  schemas,
  validateAgent,
  validateBottle,
  validateBundle,
  validateSettings as validateSettingsDoc,
  type GeneratedValidator,
  type SchemaError,
} from './validators.generated.js';

type Segment = string | number;
type Schema = { [key: string]: unknown };

/** One problem, in plain words, at a data path (`key`: the position is the key, not the value). */
export interface SchemaProblem {
  path: Segment[];
  key: boolean;
  ruleId: RuleId;
  message: string;
}

/** Validates `file.data` against the agent or bottle schema; every problem becomes a diagnostic. */
export function validateFile(file: PolicyFile, diags: Diagnostics): boolean {
  const data = file.data;
  if (data === undefined) return false;
  const problems = check(file.kind === 'agent' ? validateAgent : validateBottle, file.kind, data, {
    yaml: true,
    object: 'a mapping',
    removedKey: (path, key) => removedKey(file.kind, path, key),
    bottleOnlyKey: file.kind === 'agent' ? bottleOnlyKey : undefined,
  });
  for (const p of problems) {
    // An empty value (`KEY:`) has no node of its own to point at: point at its key.
    const key = p.key || (p.path.length > 0 && valueAt(data, p.path) === null);
    diags.error(file.path, locate(file, p.path, { key }), p.ruleId, p.message);
  }
  return problems.length === 0;
}

/** The host's settings.yml against schemas/settings.schema.json. */
export function validateSettings(data: unknown): { ok: boolean; errors: string[] } {
  const errors = settingsProblems(data).map((p) => p.message);
  return { ok: errors.length === 0, errors };
}

/** The same check with each problem's data path, so the runtime can point at the YAML node (`key`: point at the key). */
export function settingsProblems(data: unknown): SchemaProblem[] {
  return check(validateSettingsDoc, 'settings', data, { yaml: true, object: 'a mapping' }).map((p) =>
    // As in validateFile: an empty value has no node of its own, so point at its key.
    p.key || p.path.length === 0 || valueAt(data, p.path) !== null ? p : { ...p, key: true },
  );
}

/** A parsed bundle against schemas/bundle.schema.json: plain messages with paths, empty when the shape is right. */
export function validateBundleShape(data: unknown): string[] {
  return check(validateBundle, 'bundle', data, { yaml: false, object: 'an object' }).map((p) => p.message);
}

// ---------------------------------------------------------------------------

interface Context {
  /** The input is YAML (suggest quoting where YAML typed a value). */
  yaml: boolean;
  /** How an object is called in messages. */
  object: string;
  removedKey?: (path: Segment[], key: string) => string | undefined;
  bottleOnlyKey?: (path: Segment[], key: string) => boolean;
}

type Doc = keyof typeof schemas;

function check(validate: GeneratedValidator, doc: Doc, data: unknown, ctx: Context): SchemaProblem[] {
  if (validate(data)) return [];
  const problems = explain(validate.errors ?? [], schemas[doc] as Schema, data, ctx);
  // A failed validation always yields at least one problem.
  return problems.length > 0 ? problems : [{ path: [], key: false, ruleId: 'schema/invalid', message: 'does not match the schema' }];
}

/** An ajv error with its paths split into segments, or a synthetic error made from oneOf branches. */
interface Err {
  ip: Segment[];
  sp: string[];
  keyword: string;
  params: Record<string, any>;
  /** For `union`: the branch schemas, none of which the value's type fits. */
  branches?: unknown[];
}

function explain(errors: readonly SchemaError[], root: Schema, data: unknown, ctx: Context): SchemaProblem[] {
  const cache = new Map<string, string[]>();
  const list = reduceCombinators(
    errors.map((e) => ({ ip: instanceSegments(e.instancePath, data), sp: schemaSegments(e.schemaPath, cache), keyword: e.keyword, params: e.params ?? {} })),
    root,
  );

  // One problem per location, in the order ajv met them: extra keys (each at its key),
  // missing keys (merged per mapping), and the most telling value error per node.
  const extra = new Map<string, SchemaProblem>();
  const required = new Map<string, { ip: Segment[]; missing: string[] }>();
  const best = new Map<string, Err>();
  /** Per mapping: keys suggested for its unknown keys (`hots` → host). */
  const suggested = new Map<string, string[]>();
  const order: string[] = [];
  for (const e of list) {
    const at = JSON.stringify(e.ip);
    if (e.keyword === 'additionalProperties') {
      const k = `k${JSON.stringify([...e.ip, String(e.params.additionalProperty)])}`;
      if (!extra.has(k)) order.push(k);
      const { problem, suggestion } = extraKey(e, root, ctx);
      extra.set(k, problem);
      if (suggestion) suggested.set(at, [...(suggested.get(at) ?? []), suggestion]);
    } else if (e.keyword === 'required') {
      const r = required.get(at) ?? { ip: e.ip, missing: [] };
      if (!r.missing.includes(e.params.missingProperty)) r.missing.push(e.params.missingProperty);
      if (!required.has(at)) order.push(`r${at}`);
      required.set(at, r);
    } else {
      const prev = best.get(at);
      if (!prev) order.push(`v${at}`);
      if (!prev || rank(e) < rank(prev)) best.set(at, e);
    }
  }
  const problems: SchemaProblem[] = [];
  for (const k of order) {
    const at = k.slice(1);
    if (k[0] === 'k') {
      problems.push(extra.get(k)!);
    } else if (k[0] === 'r') {
      const r = required.get(at)!;
      // `hots: x` already says: did you mean "host"? Don't also say host is missing.
      const covered = suggested.get(at) ?? [];
      r.missing = r.missing.filter((m) => !covered.includes(m));
      if (r.missing.length === 0) continue;
      problems.push({ path: r.ip, key: false, ruleId: 'schema/required', message: `${prefix(r.ip)}${andList(r.missing)} ${r.missing.length > 1 ? 'are' : 'is'} required` });
    } else {
      problems.push(valueProblem(best.get(at)!, root, data, ctx));
    }
  }
  return problems;
}

// --- oneOf / anyOf ----------------------------------------------------------

/**
 * Replaces each failed oneOf/anyOf and the errors of its branches by the
 * errors of the one branch the value was most likely meant for: a branch
 * whose type (or const) the value does not even have is not it. When no
 * branch fits the value's type, one `union` error lists what was allowed.
 *
 * ajv pushes a combinator's branch errors right before the combinator's own
 * error (and drops them when it passes), so one pass with a stack finds them;
 * nested combinators are reduced first, inside their branch.
 */
function reduceCombinators(input: Err[], root: Schema): Err[] {
  const out: Err[] = [];
  for (const e of input) {
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') {
      out.push(e);
      continue;
    }
    let first = out.length;
    while (first > 0 && isUnder(out[first - 1]!, e)) first--;
    const members = out.splice(first);
    out.push(...chooseBranch(e, members, root));
  }
  return out;
}

function isUnder(e: Err, c: Err): boolean {
  return e.sp.length > c.sp.length && c.sp.every((s, i) => e.sp[i] === s) && c.ip.length <= e.ip.length && c.ip.every((s, i) => e.ip[i] === s);
}

function chooseBranch(c: Err, members: Err[], root: Schema): Err[] {
  const branches = schemaAt(root, c.sp);
  if (!Array.isArray(branches) || c.params.passingSchemas) {
    return [{ ...c, keyword: 'ambiguous' }];
  }
  const groups = branches.map((_, i) => members.filter((e) => e.sp[c.sp.length] === String(i)));
  const fits = groups
    .map((errs, i) => ({ errs, i }))
    .filter(({ errs }) => !errs.some((e) => samePath(e.ip, c.ip) && (e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'union')));
  if (fits.length === 0) return [{ ip: c.ip, sp: c.sp, keyword: 'union', params: {}, branches }];
  fits.sort((a, b) => a.errs.length - b.errs.length || a.i - b.i);
  return fits[0]!.errs;
}

function samePath(a: Segment[], b: Segment[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

// --- messages -----------------------------------------------------------------

const RANK: Record<string, number> = { enum: 0, const: 0, union: 1, type: 1, pattern: 2, ambiguous: 5, uniqueItems: 4, minProperties: 4 };
function rank(e: Err): number {
  return RANK[e.keyword] ?? 3;
}

function valueProblem(e: Err, root: Schema, data: unknown, ctx: Context): SchemaProblem {
  const value = valueAt(data, e.ip);
  const at = prefix(e.ip);
  const gotText = got(value, ctx);
  const parent = schemaAt(root, e.sp.slice(0, -1)) as Schema | undefined;
  const p = e.params;
  const problem = (ruleId: RuleId, message: string, path: Segment[] = e.ip): SchemaProblem => ({ path, key: false, ruleId, message });
  switch (e.keyword) {
    case 'type': {
      const want = typeWords(String(p.type), value, ctx);
      const quote = ctx.yaml && p.type === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? '; put the value in quotes' : '';
      return problem('schema/type', `${at}must be ${want} (got ${gotText}${quote})`);
    }
    case 'union':
      return problem('schema/type', `${at}must be ${orList(e.branches!.map((b) => describe(b, ctx)))} (got ${gotText})`);
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const words = allowed.every((v) => typeof v === 'number') ? orList(allowed.map(String)) : `one of ${allowed.map(String).join(', ')}`;
      return problem('schema/enum', `${at}must be ${words} (got ${gotText})`);
    }
    case 'const':
      return problem('schema/enum', `${at}must be ${JSON.stringify(p.allowedValue)} (got ${gotText})`);
    case 'pattern': {
      const hint = PATTERN_HINTS[String(p.pattern)];
      if (!hint) return problem('schema/format', `${at}${gotText} does not have the required form (${p.pattern})`);
      return problem('schema/format', `${at}${gotText} is not a valid ${hint.noun}: ${hint.how}`);
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const limit = Number(p.limit);
      if (e.keyword === 'minimum' && parent?.type === 'integer' && limit === 1) return problem('schema/range', `${at}must be a positive integer (got ${gotText})`);
      if (e.keyword === 'minimum' && limit === 0) return problem('schema/range', `${at}must be 0 or more (got ${gotText})`);
      const words = { minimum: 'at least', exclusiveMinimum: 'more than', maximum: 'at most', exclusiveMaximum: 'less than' }[e.keyword];
      return problem('schema/range', `${at}must be ${words} ${limit} (got ${gotText})`);
    }
    case 'minLength':
      return Number(p.limit) === 1
        ? problem('schema/range', `${at}must not be empty`)
        : problem('schema/range', `${at}must be at least ${p.limit} characters long`);
    case 'maxLength':
      return problem('schema/range', `${at}must be at most ${p.limit} characters long`);
    case 'minItems':
      return Number(p.limit) === 1
        ? problem('schema/range', `${at}must not be empty: list at least one entry, or leave the key out`)
        : problem('schema/range', `${at}must list at least ${p.limit} entries`);
    case 'maxItems':
      return problem('schema/range', `${at}must list at most ${p.limit} entries`);
    case 'uniqueItems': {
      // ajv reports the pair (i < j); point at the later copy.
      const later = Math.max(Number(p.i), Number(p.j));
      return problem('schema/invalid', `${at}${got(valueAt(data, [...e.ip, later]), ctx)} is listed more than once`, [...e.ip, later]);
    }
    case 'minProperties': {
      const props = Object.keys((parent?.properties as Schema | undefined) ?? {});
      if (Number(p.limit) === 1 && props.length > 0) return problem('schema/required', `${at}set at least one of ${orList(props)}`);
      return problem('schema/required', `${at}must have at least ${p.limit} keys`);
    }
    case 'ambiguous':
      return problem('schema/invalid', `${at}matches more than one of the allowed forms`);
    default:
      return problem('schema/invalid', `${at}is not valid (${e.keyword})`);
  }
}

/** A key the schema does not allow where it is: removed, bottle-only, malformed map key, or unknown. */
function extraKey(e: Err, root: Schema, ctx: Context): { problem: SchemaProblem; suggestion?: string } {
  const key = String(e.params.additionalProperty);
  const path = [...e.ip, key];
  const where = e.ip.length > 0 ? ` in ${pathText(e.ip)}` : '';
  const removed = ctx.removedKey?.(e.ip, key);
  if (removed) return { problem: { path, key: true, ruleId: 'schema/removed-key', message: removed } };
  if (ctx.bottleOnlyKey?.(e.ip, key)) {
    return {
      problem: {
        path,
        key: true,
        ruleId: 'schema/unknown-key',
        message: `"${pathText(path)}" cannot be set in an agent: only bottles grant capabilities, so set it in a bottle this agent selects`,
      },
    };
  }
  const parent = (schemaAt(root, e.sp.slice(0, -1)) as Schema | undefined) ?? {};
  const props = Object.keys((parent.properties as Schema | undefined) ?? {});
  const patterns = Object.keys((parent.patternProperties as Schema | undefined) ?? {});
  const suggestion = didYouMean(key, props);
  if (suggestion) return { problem: { path, key: true, ruleId: 'schema/unknown-key', message: `unknown key "${key}"${where} (did you mean "${suggestion}"?)` }, suggestion };
  if (patterns.length > 0) {
    // A map (env, budget, repos…): the key is a name of the wrong form.
    const hint = PATTERN_HINTS[patterns[0]!];
    const what = hint ? hint.noun : 'key';
    const how = hint ? hint.how : `keys must match ${patterns.join(' or ')}`;
    const also = props.length > 0 ? ` (or ${orList(props.map((k) => `"${k}"`))})` : '';
    return { problem: { path, key: true, ruleId: 'schema/format', message: `${prefix(e.ip)}"${key}" is not a valid ${what}${also}: ${how}` } };
  }
  const allowed = props.length > 0 ? `; allowed here: ${props.join(', ')}` : '';
  return { problem: { path, key: true, ruleId: 'schema/unknown-key', message: `unknown key "${key}"${where}${allowed}` } };
}

/** Closest allowed key, only when it is close: same letters ignoring case and -/_, or a small edit away. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const same = candidates.find((c) => norm(c) === norm(word));
  if (same) return same;
  const best = closest(word, candidates as string[]);
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  return distance(word, best) <= limit && distance(word, best) < best.length ? best : undefined;
}

/** What a schema allows, in words, for "must be X or Y". */
function describe(schema: unknown, ctx: Context): string {
  if (typeof schema !== 'object' || schema === null) return 'anything';
  const s = schema as Schema;
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return `one of ${s.enum.map(String).join(', ')}`;
  const type = String(s.type);
  if (type === 'string' && typeof s.pattern === 'string' && PATTERN_HINTS[s.pattern]) return `${PATTERN_HINTS[s.pattern]!.article} ${PATTERN_HINTS[s.pattern]!.noun}`;
  if (type === 'integer' && s.minimum === 1) return 'a positive integer';
  if (type === 'object' && s.properties) return `${ctx.object} with keys ${Object.keys(s.properties as Schema).join(', ')}`;
  if (type === 'array' && s.items && typeof s.items === 'object') {
    const items = s.items as Schema;
    const hint = typeof items.pattern === 'string' ? PATTERN_HINTS[items.pattern] : undefined;
    if (hint) return `a list of ${hint.plural}`;
    if (items.type === 'string') return 'a list of strings';
    return 'a list';
  }
  return typeWords(type, undefined, ctx);
}

function typeWords(type: string, value: unknown, ctx: Context): string {
  switch (type) {
    case 'string':
      return 'a string';
    case 'integer':
      return typeof value === 'number' ? 'a whole number' : 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return ctx.object;
    case 'null':
      return 'empty';
    default:
      return orList(type.split(',').map((t) => typeWords(t, value, ctx)));
  }
}

function got(value: unknown, ctx: Context): string {
  if (value === undefined) return 'nothing';
  if (value === null) return ctx.yaml ? 'an empty value' : 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return ctx.object;
  return String(value);
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** `egress.routes[2].auth`, as users read and write paths. */
export function pathText(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function prefix(path: readonly Segment[]): string {
  return path.length > 0 ? `${pathText(path)}: ` : '';
}

/** What each pattern in the schemas means, for messages. test/schemas-accept-design-fields checks every pattern has one. */
export const PATTERN_HINTS: Record<string, { noun: string; article: string; plural: string; how: string }> = {
  '^[a-z][a-z0-9-]*$': {
    noun: 'name',
    article: 'a',
    plural: 'names',
    how: 'use lower-case letters, digits and dashes, starting with a letter',
  },
  '^[A-Z_][A-Z0-9_]*$': {
    noun: 'environment variable name',
    article: 'an',
    plural: 'environment variable names',
    how: 'give the NAME of a host environment variable (upper-case letters, digits and underscores), never the secret itself',
  },
  '^[A-Za-z_][A-Za-z0-9_]*$': {
    noun: 'environment variable name',
    article: 'an',
    plural: 'environment variable names',
    how: 'use letters, digits and underscores, not starting with a digit',
  },
  '^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$':
    {
      noun: 'host',
      article: 'a',
      plural: 'hosts',
      how: 'use a lower-case host name like api.example.com or an IP address, without scheme, port or path',
    },
  '^[a-z][a-z0-9._-]*$': {
    noun: 'provider name',
    article: 'a',
    plural: 'provider names',
    how: 'use lower-case letters, digits, dots, underscores and dashes, starting with a letter (like claude, codex, pi)',
  },
  '^(?!cutoff$)[a-z][a-z0-9._-]*$': {
    noun: 'provider name',
    article: 'a',
    plural: 'provider names',
    how: 'use lower-case letters, digits, dots, underscores and dashes, starting with a letter (like claude, codex, pi)',
  },
  '^[1-9][0-9]*[mhdw]$': {
    noun: 'window',
    article: 'a',
    plural: 'windows',
    how: 'use a whole number followed by m, h, d or w, like 30m, 12h, 7d or 2w',
  },
  '^[^\\s@]+@[^\\s@]+$': { noun: 'email address', article: 'an', plural: 'email addresses', how: 'use the form name@example.com' },
  '^[A-Za-z]+$': { noun: 'HTTP method', article: 'an', plural: 'HTTP methods', how: 'use letters only, like GET or post' },
  "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$": {
    noun: 'header name',
    article: 'a',
    plural: 'header names',
    how: 'use letters, digits and dashes, without spaces or a colon',
  },
  '^[A-Za-z0-9][A-Za-z0-9._-]*$': {
    noun: 'repository name',
    article: 'a',
    plural: 'repository names',
    how: 'use letters, digits, dots, underscores and dashes, starting with a letter or digit',
  },
  '^(?:[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+|\\./(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(?:ts|mts|js|mjs))$': {
    noun: 'plugin',
    article: 'a',
    plural: 'plugins',
    how: 'give a built-in plugin id like dlp.token_patterns, or a path inside the policy repo like ./plugins/x.ts',
  },
  '^[0-9a-f]{64}$': { noun: 'sha256', article: 'a', plural: 'sha256 hashes', how: 'use 64 lower-case hex digits' },
  '^[A-Za-z0-9+/]{86}==$': { noun: 'signature', article: 'a', plural: 'signatures', how: 'use the base64 of a 64-byte Ed25519 signature' },
};

// --- removed and bottle-only keys ---------------------------------------------

/** Keys of the old bot-bottle format and what replaced them. `bottleOnly`: the replacement lives in bottles. */
const REMOVED_TOP: Record<string, { use: string; bottleOnly: boolean }> = {
  supervise: { use: '"approvals" (rules, default, ttl_seconds)', bottleOnly: true },
  git: { use: '"git-gate"', bottleOnly: false },
  runtime: { use: '"agent_provider"', bottleOnly: true },
  ssh: { use: '"git-gate.repos" (each repository with url, key and host_key)', bottleOnly: true },
  git_user: { use: '"git-gate.user"', bottleOnly: false },
  tokens: { use: '"budget"', bottleOnly: false },
  pipelock: { use: 'DLP settings on each route ("egress.routes[].dlp") and "plugins"', bottleOnly: true },
};
const REMOVED_ROUTE: Record<string, string> = {
  role: '"auth" (scheme and token_ref) and "matches"',
  path_allowlist: '"matches[].paths"',
};

function removedKey(kind: 'agent' | 'bottle', path: Segment[], key: string): string | undefined {
  if (path.length === 0 && Object.hasOwn(REMOVED_TOP, key)) {
    const r = REMOVED_TOP[key]!;
    const where = kind === 'agent' && r.bottleOnly ? ', in a bottle this agent selects (only bottles grant capabilities)' : '';
    return `"${key}" was removed from the bot-bottle format: use ${r.use} instead${where}`;
  }
  if (kind === 'bottle' && path.length === 3 && path[0] === 'egress' && path[1] === 'routes' && typeof path[2] === 'number' && Object.hasOwn(REMOVED_ROUTE, key)) {
    return `"${key}" was removed from the bot-bottle route format: use ${REMOVED_ROUTE[key]} instead`;
  }
  return undefined;
}

/** For agents: is this key part of the bottle format at the same place (a capability only bottles grant)? */
function bottleOnlyKey(path: Segment[], key: string): boolean {
  let node: unknown = schemas.bottle;
  for (const seg of path) {
    const s = node as Schema;
    node = typeof seg === 'number' ? s.items : (s.properties as Schema | undefined)?.[seg];
    if (typeof node !== 'object' || node === null) return false;
  }
  const props = (node as Schema).properties as Schema | undefined;
  return props !== undefined && Object.hasOwn(props, key);
}

// --- paths ------------------------------------------------------------------

/** `/egress/routes/0` → ['egress', 'routes', 0], numbers only where the data is a list. */
function instanceSegments(pointer: string, data: unknown): Segment[] {
  if (pointer === '') return [];
  const out: Segment[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (Array.isArray(node)) {
      const i = Number(seg);
      out.push(i);
      node = node[i];
    } else {
      out.push(seg);
      node = node !== null && typeof node === 'object' ? (node as Schema)[seg] : undefined;
    }
  }
  return out;
}

/** `#/properties/a%2Fb/oneOf/0` → ['properties', 'a/b', 'oneOf', '0']. */
function schemaSegments(schemaPath: string, cache: Map<string, string[]>): string[] {
  let segs = cache.get(schemaPath);
  if (segs) return segs;
  const body = schemaPath.replace(/^#\/?/, '');
  segs = body === '' ? [] : body.split('/').map((raw) => (/[%~]/.test(raw) ? decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~') : raw));
  cache.set(schemaPath, segs);
  return segs;
}

function schemaAt(root: Schema, sp: readonly string[]): unknown {
  let node: unknown = root;
  for (const seg of sp) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Schema)[seg];
  }
  return node;
}

function valueAt(data: unknown, path: readonly Segment[]): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}
