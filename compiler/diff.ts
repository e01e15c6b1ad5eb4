// `cork diff <old> <new>`: what a policy change GRANTS or REVOKES, for review.
//
// Compared per bottle (its resolved policy) and per agent (the fold of its
// bottles' policies with policy/merge.ts, the same function the runtime uses,
// plus the agent's own budget and git user): that is what the agent can do.
// A grant lets something through that was not let through before, a revoke
// stops something, a change is neither clearly (a different credential name,
// a budget set where an outer scope applied before, a plugin added...).
//
// Secrets never appear: env and credential entries show names only, URLs lose
// any user:password.
import { foldPolicies, mergePolicy, type Policy } from '../policy/merge.ts';
import type {
  AgentProvider,
  Approvals,
  ApprovalRule,
  Budget,
  BudgetLimit,
  Bundle,
  DetectorSetting,
  GitGate,
  HeaderMatch,
  Json,
  PathMatch,
  PluginUse,
  ResolvedAgent,
  ResolvedBottle,
  Route,
  RouteAuth,
} from '../policy/types.ts';

export type DiffKind = 'grant' | 'revoke' | 'change';

export interface DiffEntry {
  /** `agent:<name>`, `bottle:<name>`, or `plugin:<id>` (bundled plugin code). */
  subject: string;
  kind: DiffKind;
  what: string;
}

/** Every grant, revoke and change from `old` to `next`, sorted by subject, then by topic. */
export function diffBundles(old: Bundle, next: Bundle): DiffEntry[] {
  const out: Sorted[] = [];

  for (const name of unionKeys(old.bottles, next.bottles)) {
    const e = emitter(out, `bottle:${name}`);
    const a = old.bottles?.[name];
    const b = next.bottles?.[name];
    if (!a && b) {
      e('grant', 'bottle added', TOPIC.entity);
      diffPolicy(e, {}, bottlePolicy(b));
    } else if (a && !b) {
      e('revoke', 'bottle removed', TOPIC.entity);
    } else if (a && b) {
      const la = a.lineage ?? [];
      const lb = b.lineage ?? [];
      if (!sameList(la, lb)) e('change', `extends changed: ${listOrNone(la)} → ${listOrNone(lb)}`, TOPIC.selection);
      diffPolicy(e, bottlePolicy(a), bottlePolicy(b));
    }
  }

  for (const name of unionKeys(old.agents, next.agents)) {
    const e = emitter(out, `agent:${name}`);
    const a = old.agents?.[name];
    const b = next.agents?.[name];
    if (!a && b) {
      e('grant', `agent added (bottles: ${listOrNone(b.bottles ?? [])})`, TOPIC.entity);
      diffPolicy(e, {}, agentPolicy(next, b));
    } else if (a && !b) {
      e('revoke', 'agent removed', TOPIC.entity);
    } else if (a && b) {
      if (!sameList(a.bottles ?? [], b.bottles ?? [])) {
        e('change', `bottles changed: ${listOrNone(a.bottles ?? [])} → ${listOrNone(b.bottles ?? [])}`, TOPIC.selection);
      }
      diffPolicy(e, agentPolicy(old, a), agentPolicy(next, b));
      diffAgentMeta(e, a, b);
    }
  }

  // Plugin code the bottles use: a new build of the same plugin id changes
  // behaviour without any bottle changing.
  for (const id of unionKeys(old.plugins, next.plugins)) {
    const a = old.plugins?.[id];
    const b = next.plugins?.[id];
    if (a === undefined || b === undefined || jsonEqual(a, b)) continue;
    const ha = sha256Field(a);
    const hb = sha256Field(b);
    const what = ha && hb && ha !== hb ? `code changed (sha256 ${ha.slice(0, 12)} → ${hb.slice(0, 12)})` : 'definition changed';
    emitter(out, `plugin:${id}`)('change', what, TOPIC.entity);
  }

  // Stable sort: within one subject and topic, entries keep generation order,
  // which is itself deterministic (every loop walks sorted keys).
  return out
    .map((s, i) => ({ ...s, i }))
    .sort((x, y) => cmp(subjectRank(x.entry.subject), subjectRank(y.entry.subject)) || cmp(x.entry.subject, y.entry.subject) || cmp(x.topic, y.topic) || x.i - y.i)
    .map((s) => s.entry);
}

/** `text`: grouped by subject, `+` grant, `-` revoke, `~` change, then a summary line. `json`: entries and summary. */
export function formatDiff(entries: readonly DiffEntry[], format: 'text' | 'json'): string {
  const summary = { grants: 0, revokes: 0, changes: 0 };
  for (const e of entries) {
    if (e.kind === 'grant') summary.grants++;
    else if (e.kind === 'revoke') summary.revokes++;
    else summary.changes++;
  }
  if (format === 'json') return JSON.stringify({ entries, summary }, null, 2);
  if (entries.length === 0) return 'no policy change';
  const lines: string[] = [];
  let subject: string | undefined;
  for (const e of entries) {
    if (e.subject !== subject) {
      if (subject !== undefined) lines.push('');
      lines.push(e.subject);
      subject = e.subject;
    }
    lines.push(`  ${SIGN[e.kind]} ${e.what}`);
  }
  lines.push('', `${plural(summary.grants, 'grant')}, ${plural(summary.revokes, 'revoke')}, ${plural(summary.changes, 'change')}`);
  return lines.join('\n');
}

const SIGN: Record<DiffKind, string> = { grant: '+', revoke: '-', change: '~' };

// ---------------------------------------------------------------------------
// Plumbing

interface Sorted {
  entry: DiffEntry;
  topic: string;
}
type Emit = (kind: DiffKind, what: string, topic: string) => void;
/** An Emit with its topic already chosen. */
type Say = (kind: DiffKind, what: string) => void;

function emitter(out: Sorted[], subject: string): Emit {
  return (kind, what, topic) => out.push({ entry: { subject, kind, what }, topic });
}

/** Order of sections inside one subject. */
const TOPIC = {
  entity: '0',
  selection: '1',
  egress: '2',
  route: (host: string) => `2 ${host}`,
  provider: '3',
  env: '4',
  gitGate: '5',
  budget: '6',
  approvals: '7',
  plugins: '8',
  ruleOfTwo: '9',
  meta: ':',
} as const;

function subjectRank(subject: string): number {
  return subject.startsWith('agent:') ? 0 : subject.startsWith('bottle:') ? 1 : 2;
}

function bottlePolicy(b: ResolvedBottle): Policy {
  const { name: _name, lineage: _lineage, ...policy } = b;
  return policy;
}

/** What an agent runs with: its bottles folded in order, then its own budget and git user on top. */
function agentPolicy(bundle: Bundle, agent: ResolvedAgent): Policy {
  const bottles = (agent.bottles ?? []).flatMap((n) => {
    const b = bundle.bottles?.[n];
    return b ? [bottlePolicy(b)] : [];
  });
  const own: Policy = {};
  if (agent.budget) own.budget = agent.budget;
  if (agent['git-gate']?.user) own['git-gate'] = { user: agent['git-gate'].user };
  return mergePolicy(foldPolicies(bottles), own);
}

function diffPolicy(e: Emit, a: Policy, b: Policy): void {
  diffRoutes(e, a.egress?.routes ?? [], b.egress?.routes ?? []);
  if ((a.egress?.log ?? 1) !== (b.egress?.log ?? 1)) {
    e('change', `egress log level ${a.egress?.log ?? '1 (default)'} → ${b.egress?.log ?? '1 (default)'}`, TOPIC.egress);
  }
  diffProvider(e, a.agent_provider ?? {}, b.agent_provider ?? {});
  diffEnv(e, a.env ?? {}, b.env ?? {});
  diffGitGate(e, a['git-gate'] ?? {}, b['git-gate'] ?? {});
  diffBudget(e, a.budget ?? {}, b.budget ?? {});
  diffApprovals(e, a.approvals ?? {}, b.approvals ?? {});
  diffPlugins(e, a.plugins ?? [], b.plugins ?? []);
  diffWaiver(e, a, b);
}

// ---------------------------------------------------------------------------
// Routes

function diffRoutes(e: Emit, oldRoutes: readonly Route[], newRoutes: readonly Route[]): void {
  const before = byHost(oldRoutes);
  const after = byHost(newRoutes);
  for (const host of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(host);
    const b = after.get(host);
    const say: Say = (kind, what) => e(kind, what, TOPIC.route(host));
    if (!a && b) {
      say('grant', `route ${b.host} added: ${describeAccess(accessOf(b))}`);
      diffRouteExtras(say, { host: b.host }, b);
    } else if (a && !b) {
      say('revoke', `route ${a.host} removed`);
    } else if (a && b) {
      diffAccess(say, b.host, a, b);
      diffRouteExtras(say, a, b);
    }
  }
}

function byHost(routes: readonly Route[]): Map<string, Route> {
  // One route per host (merge.ts): a later duplicate replaces an earlier one.
  const m = new Map<string, Route>();
  for (const r of routes) if (r && typeof r.host === 'string') m.set(r.host.toLowerCase(), r);
  return m;
}

/** Everything about a route but which requests it lets through. */
function diffRouteExtras(e: Say, a: Route, b: Route): void {
  const host = b.host;
  const fa = a.git?.fetch === true;
  const fb = b.git?.fetch === true;
  if (!fa && fb) e('grant', `route ${host}: git fetch turned on`);
  if (fa && !fb) e('revoke', `route ${host}: git fetch turned off`);

  const ta = a.trusted === true;
  const tb = b.trusted === true;
  if (!ta && tb) e('change', `route ${host}: marked trusted (its content no longer counts as untrusted input for the Rule of Two)`);
  if (ta && !tb) e('change', `route ${host}: no longer trusted`);

  diffDlp(e, host, a.dlp, b.dlp);
  diffAuth(e, `route ${host}: credential injection`, a.auth, b.auth);
}

function diffAuth(e: Say, prefix: string, a: RouteAuth | undefined, b: RouteAuth | undefined): void {
  if (!a && b) e('grant', `${prefix} added (${authText(b)})`);
  else if (a && !b) e('revoke', `${prefix} removed (was ${authText(a)})`);
  else if (a && b && (a.scheme !== b.scheme || a.token_ref !== b.token_ref)) e('change', `${prefix} changed: ${authText(a)} → ${authText(b)}`);
}

function authText(auth: RouteAuth): string {
  return `${auth.scheme ?? '?'} ${auth.token_ref ?? '?'}`;
}

// --- which requests a route lets through -----------------------------------

type Methods = 'ALL' | ReadonlySet<string>;

/** One (path, headers) pair of a route and the methods allowed there. */
interface Allow {
  key: string;
  path: PathMatch | null;
  headers: HeaderMatch[];
  methods: Methods;
}

/** No `matches` = everything; a match entry without `methods` / `paths` = all methods / any path. */
function accessOf(route: Route): Allow[] {
  const matches = route.matches;
  if (!matches || matches.length === 0) return [{ key: 'any|', path: null, headers: [], methods: 'ALL' }];
  const byKey = new Map<string, Allow>();
  for (const m of matches) {
    const methods: Methods = m.methods && m.methods.length > 0 ? new Set(m.methods.map((x) => x.toUpperCase())) : 'ALL';
    const headers = [...(m.headers ?? [])].sort((x, y) => cmp(headerKey(x), headerKey(y)));
    const paths: (PathMatch | null)[] = m.paths && m.paths.length > 0 ? m.paths : [null];
    for (const path of paths) {
      const key = `${path ? `${path.type}:${path.value}` : 'any'}|${headers.map(headerKey).join('&')}`;
      const prev = byKey.get(key);
      byKey.set(key, { key, path, headers, methods: prev ? union(prev.methods, methods) : methods });
    }
  }
  return [...byKey.values()].sort((x, y) => cmp(x.key, y.key));
}

function diffAccess(e: Say, host: string, a: Route, b: Route): void {
  const before = accessOf(a);
  const after = accessOf(b);
  const unrestrictedA = !a.matches || a.matches.length === 0;
  const unrestrictedB = !b.matches || b.matches.length === 0;
  if (unrestrictedA && unrestrictedB) return;
  if (!unrestrictedA && unrestrictedB) {
    e('grant', `route ${host}: all requests now allowed (matches removed; was ${describeAccess(before)})`);
    return;
  }
  if (unrestrictedA && !unrestrictedB) {
    e('revoke', `route ${host}: restricted from all requests to ${describeAccess(after)}`);
    return;
  }

  // One method change on several places is one entry: "methods widened on prefix /a, prefix /b: GET → GET, POST".
  const grouped = new Map<string, { kind: DiffKind; verb: string; places: string[]; change: string }>();
  const group = (kind: DiffKind, verb: string, place: string, change: string): void => {
    const k = `${kind}\0${verb}\0${change}`;
    const g = grouped.get(k) ?? { kind, verb, places: [], change };
    g.places.push(place);
    grouped.set(k, g);
  };
  const flush = (): void => {
    for (const g of grouped.values()) {
      const on = g.places.length === 1 && g.places[0] === 'any path' ? '' : ` on ${g.places.join(', ')}:`;
      e(g.kind, `route ${host}: methods ${g.verb}${on} ${g.change}`);
    }
    grouped.clear();
  };

  // Every place (path + headers) either side names, compared by what reaches it before and after.
  const places = new Map<string, Allow>();
  for (const x of [...after, ...before]) if (!places.has(x.key)) places.set(x.key, x);
  for (const place of [...places.values()].sort((x, y) => cmp(x.key, y.key))) {
    const was = reach(before, place);
    const now = reach(after, place);
    const added = minus(now, was);
    const removed = minus(was, now);
    if (isEmpty(was) && !isEmpty(now)) {
      e('grant', `route ${host}: path added: ${placeText(place)} (${methodsText(now)})`);
    } else if (!isEmpty(was) && isEmpty(now)) {
      const still = after.filter((n) => covers(place, n)).map(allowText);
      e('revoke', `route ${host}: path removed: ${placeText(place)} (${methodsText(was)})${still.length ? `; still allowed: ${still.join('; ')}` : ''}`);
    } else {
      // Methods can be gained and lost at one place; then each entry names its half.
      const transition = `${methodsText(was)} → ${methodsText(now)}`;
      const both = !isEmpty(added) && !isEmpty(removed);
      if (!isEmpty(added)) group('grant', 'widened', placeText(place), both ? `${transition} (adds ${methodsText(added)})` : transition);
      if (!isEmpty(removed)) group('revoke', 'narrowed', placeText(place), both ? `${transition} (drops ${methodsText(removed)})` : transition);
    }
  }
  flush();
}

/** Methods the allows in `list` grant at `target`'s place (those covering it). */
function reach(list: readonly Allow[], target: Allow): Methods {
  let m: Methods = new Set();
  for (const x of list) if (covers(x, target)) m = union(m, x.methods);
  return m;
}

/** Does every request at `inner`'s place also fall under `outer`'s place? */
function covers(outer: Allow, inner: Allow): boolean {
  return pathCovers(outer.path, inner.path) && outer.headers.every((h) => inner.headers.some((g) => headerKey(g) === headerKey(h)));
}

function pathCovers(outer: PathMatch | null, inner: PathMatch | null): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  if (outer.type === 'prefix') return (inner.type === 'prefix' || inner.type === 'exact') && inner.value.startsWith(outer.value);
  // An exact path or a regex is only known to cover itself.
  return outer.type === inner.type && outer.value === inner.value;
}

function headerKey(h: HeaderMatch): string {
  return `${String(h.name).toLowerCase()}${h.type === 'regex' ? '~' : '='}${h.value}`;
}

function describeAccess(allows: readonly Allow[]): string {
  if (allows.length === 1 && allows[0]!.path === null && allows[0]!.headers.length === 0 && allows[0]!.methods === 'ALL') return 'all requests';
  if (allows.length === 0) return 'no requests';
  return allows.map(allowText).join('; ');
}

function allowText(a: Allow): string {
  return `${placeText(a)} (${methodsText(a.methods)})`;
}

function placeText(a: Allow): string {
  const path = a.path ? `${a.path.type} ${a.path.value}` : 'any path';
  if (a.headers.length === 0) return path;
  const hs = a.headers.map((h) => `${h.name}${h.type === 'regex' ? ' ~ ' : ': '}${h.value}`);
  return `${path} with header${hs.length > 1 ? 's' : ''} ${hs.join(', ')}`;
}

function methodsText(m: Methods): string {
  if (m === 'ALL') return 'all methods';
  return m.size === 0 ? 'no methods' : [...m].sort().join(', ');
}

function union(a: Methods, b: Methods): Methods {
  if (a === 'ALL' || b === 'ALL') return 'ALL';
  return new Set([...a, ...b]);
}

/** `a` without `b`; 'ALL' minus a finite set is still non-empty, which is all callers ask. */
function minus(a: Methods, b: Methods): Methods {
  if (b === 'ALL') return new Set();
  if (a === 'ALL') return 'ALL';
  return new Set([...a].filter((x) => !b.has(x)));
}

function isEmpty(m: Methods): boolean {
  return m !== 'ALL' && m.size === 0;
}

// --- DLP --------------------------------------------------------------------

type Direction = 'default' | false | string[];

function dlpOf(dlp: Route['dlp']): { off: boolean; outbound: Direction; inbound: Direction; onMatch: string } {
  if (dlp === false) return { off: true, outbound: false, inbound: false, onMatch: 'block' };
  const d = dlp ?? {};
  return {
    off: false,
    outbound: direction(d.outbound_detectors),
    inbound: direction(d.inbound_detectors),
    onMatch: d.outbound_on_match ?? 'block',
  };
}

function direction(s: DetectorSetting | undefined): Direction {
  if (s === undefined) return 'default';
  if (s === false) return false;
  return [...new Set(s)].sort();
}

function diffDlp(e: Say, host: string, a: Route['dlp'], b: Route['dlp']): void {
  const x = dlpOf(a);
  const y = dlpOf(b);
  const p = `route ${host}: dlp`;
  if (!x.off && y.off && x.outbound !== false && x.inbound !== false) {
    e('grant', `${p} turned off (no leak or injection scanning)`);
    return;
  }
  if (x.off && !y.off && y.outbound !== false && y.inbound !== false) {
    e('revoke', `${p} turned on (outbound ${directionText(y.outbound)}, inbound ${directionText(y.inbound)})`);
  } else {
    diffDirection(e, `${p} outbound`, x.outbound, y.outbound);
    diffDirection(e, `${p} inbound`, x.inbound, y.inbound);
  }
  if (!y.off && x.onMatch !== y.onMatch) e('change', `${p} outbound_on_match ${x.onMatch} → ${y.onMatch}`);
}

/** Less scanning is a grant (more gets through), more scanning a revoke. */
function diffDirection(e: Say, p: string, a: Direction, b: Direction): void {
  if (sameDirection(a, b)) return;
  if (b === false) return e('grant', `${p} scanning turned off (was ${directionText(a)})`);
  if (a === false) return e('revoke', `${p} scanning turned on (${directionText(b)})`);
  if (a === 'default') return e('grant', `${p} restricted from all default detectors to ${directionText(b)}`);
  if (b === 'default') return e('revoke', `${p} widened to all default detectors (was ${directionText(a)})`);
  const removed = a.filter((d) => !b.includes(d));
  const added = b.filter((d) => !a.includes(d));
  if (removed.length) e('grant', `${p} detectors removed: ${removed.join(', ')}`);
  if (added.length) e('revoke', `${p} detectors added: ${added.join(', ')}`);
}

function sameDirection(a: Direction, b: Direction): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return sameList(a, b);
  return a === b;
}

function directionText(d: Direction): string {
  if (d === 'default') return 'all default detectors';
  if (d === false) return 'off';
  return d.length === 0 ? 'no detectors' : `detectors ${d.join(', ')}`;
}

// ---------------------------------------------------------------------------
// Provider, env, git gate

function diffProvider(e: Emit, a: AgentProvider, b: AgentProvider): void {
  const t = TOPIC.provider;
  if (a.template !== b.template) e('change', `agent_provider template ${a.template ?? '(none)'} → ${b.template ?? '(none)'}`, t);
  if (a.host !== b.host) e('change', `agent_provider API host ${a.host ?? '(template default)'} → ${b.host ?? '(template default)'}`, t);
  if (!a.auth_token && b.auth_token) e('grant', `agent_provider credential injection added (auth_token ${b.auth_token})`, t);
  else if (a.auth_token && !b.auth_token) e('revoke', `agent_provider credential injection removed (was auth_token ${a.auth_token})`, t);
  else if (a.auth_token !== b.auth_token) e('change', `agent_provider credential injection changed: auth_token ${a.auth_token} → ${b.auth_token}`, t);
  const fa = a.forward_host_credentials === true;
  const fb = b.forward_host_credentials === true;
  if (!fa && fb) e('grant', 'agent_provider forward_host_credentials turned on', t);
  if (fa && !fb) e('revoke', 'agent_provider forward_host_credentials turned off', t);
  if (a.dockerfile !== b.dockerfile) e('change', `agent_provider dockerfile ${a.dockerfile ?? '(none)'} → ${b.dockerfile ?? '(none)'}`, t);
  if (!jsonEqual(a.startup_args ?? null, b.startup_args ?? null)) e('change', 'agent_provider startup_args changed', t);
}

/** Names only: an env value may be a secret someone should not have committed. */
function diffEnv(e: Emit, a: Record<string, string>, b: Record<string, string>): void {
  for (const name of unionKeys(a, b)) {
    const x = a[name];
    const y = b[name];
    const prompted = (v: string | undefined): string => (typeof v === 'string' && v.startsWith('?') ? ' (prompted at runtime)' : '');
    if (x === undefined && y !== undefined) e('grant', `env ${name} added${prompted(y)}`, TOPIC.env);
    else if (x !== undefined && y === undefined) e('revoke', `env ${name} removed`, TOPIC.env);
    else if (x !== y) e('change', `env ${name} changed${prompted(y)}`, TOPIC.env);
  }
}

function diffGitGate(e: Emit, a: GitGate, b: GitGate): void {
  const t = TOPIC.gitGate;
  for (const field of ['name', 'email'] as const) {
    const x = a.user?.[field];
    const y = b.user?.[field];
    if (x !== y) e('change', `git-gate user.${field} ${x ?? '(none)'} → ${y ?? '(none)'}`, t);
  }
  const ra = a.repos ?? {};
  const rb = b.repos ?? {};
  for (const name of unionKeys(ra, rb)) {
    const x = ra[name];
    const y = rb[name];
    if (!x && y) e('grant', `git-gate repo ${name} added${y.url ? ` (${redactUrl(y.url)})` : ''}`, t);
    else if (x && !y) e('revoke', `git-gate repo ${name} removed`, t);
    else if (x && y) {
      if (x.url !== y.url) e('change', `git-gate repo ${name}: url ${redactUrl(x.url) ?? '(none)'} → ${redactUrl(y.url) ?? '(none)'}`, t);
      if (x.key !== y.key) e('change', `git-gate repo ${name}: key changed`, t);
      if (x.host_key !== y.host_key) e('change', `git-gate repo ${name}: host_key changed`, t);
    }
  }
}

function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/\/\/[^/@\s]*:[^/@\s]*@/, '//***@');
}

// ---------------------------------------------------------------------------
// Budgets, approvals, plugins, Rule of Two

interface Limit {
  tokens: number;
  /** minutes; Infinity = the whole session */
  window: number;
  text: string;
}

function limitOf(v: Budget[string]): Limit | undefined {
  if (typeof v === 'number') return { tokens: v, window: Infinity, text: `${v} tokens` };
  if (v && typeof v === 'object' && typeof (v as BudgetLimit).tokens === 'number') {
    const l = v as BudgetLimit;
    return { tokens: l.tokens, window: windowMinutes(l.window), text: `${l.tokens} tokens${l.window ? ` per ${l.window}` : ''}` };
  }
  return undefined;
}

const MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };
function windowMinutes(w: string | undefined): number {
  const m = w ? /^(\d+)([mhdw])$/.exec(w) : null;
  return m ? Number(m[1]) * MINUTES[m[2]!]! : Infinity;
}

function diffBudget(e: Emit, a: Budget, b: Budget): void {
  const t = TOPIC.budget;
  const providers = unionKeys(a, b).filter((k) => k !== 'cutoff');
  for (const p of providers) {
    const x = limitOf(a[p]);
    const y = limitOf(b[p]);
    if (!x && y) e('change', `budget ${p} set: ${y.text} (was the outer scope's)`, t);
    else if (x && !y) e('change', `budget ${p} removed: was ${x.text} (the outer scope's applies)`, t);
    else if (x && y && x.text !== y.text) {
      // More tokens over a window no longer renews less often = more spend allowed.
      const more = y.tokens >= x.tokens && y.window <= x.window;
      const less = y.tokens <= x.tokens && y.window >= x.window;
      const kind: DiffKind = more ? 'grant' : less ? 'revoke' : 'change';
      const verb = more ? 'raised' : less ? 'lowered' : 'changed';
      e(kind, `budget ${p} ${verb}: ${x.text} → ${y.text}`, t);
    }
  }
  if (a.cutoff !== b.cutoff) e('change', `budget cutoff policy ${a.cutoff ?? '(default)'} → ${b.cutoff ?? '(default)'}`, t);
}

function diffApprovals(e: Emit, a: Approvals, b: Approvals): void {
  const t = TOPIC.approvals;
  const da = a.default ?? 'block';
  const db = b.default ?? 'block';
  if (da !== db) {
    const kind: DiffKind = db === 'auto_approve' ? 'grant' : da === 'auto_approve' ? 'revoke' : 'change';
    e(kind, `approvals default ${da} → ${db}`, t);
  }
  if ((a.ttl_seconds ?? 900) !== (b.ttl_seconds ?? 900)) e('change', `approvals ttl_seconds ${a.ttl_seconds ?? '900 (default)'} → ${b.ttl_seconds ?? '900 (default)'}`, t);
  const ra = (a.rules ?? []).map(ruleText);
  const rb = (b.rules ?? []).map(ruleText);
  if (sameList(ra, rb)) return;
  const removed = multisetMinus(ra, rb);
  const added = multisetMinus(rb, ra);
  for (const r of added) e(r.startsWith('auto_approve') ? 'grant' : 'change', `approval rule added: ${r}`, t);
  for (const r of removed) e(r.startsWith('auto_approve') ? 'revoke' : 'change', `approval rule removed: ${r}`, t);
  if (added.length === 0 && removed.length === 0) e('change', 'approval rules reordered (first match wins)', t);
}

function ruleText(r: ApprovalRule): string {
  const m = r.match ?? {};
  const parts = (['category', 'tool', 'host', 'cost_over'] as const).filter((k) => m[k] !== undefined).map((k) => `${k}=${m[k]}`);
  return `${r.action} when ${parts.length ? parts.join(', ') : 'any proposal'}`;
}

function diffPlugins(e: Emit, a: readonly PluginUse[], b: readonly PluginUse[]): void {
  const t = TOPIC.plugins;
  const ma = new Map(a.map((p) => [p.use, p]));
  const mb = new Map(b.map((p) => [p.use, p]));
  for (const id of [...new Set([...ma.keys(), ...mb.keys()])].sort()) {
    const x = ma.get(id);
    const y = mb.get(id);
    if (!x && y) e('change', `plugin ${id} added`, t);
    else if (x && !y) e('change', `plugin ${id} removed`, t);
    else if (x && y && !jsonEqual(x.options ?? {}, y.options ?? {})) e('change', `plugin ${id} options changed`, t);
  }
  const order = (list: readonly PluginUse[], keep: Map<string, PluginUse>): string[] => list.map((p) => p.use).filter((u) => keep.has(u));
  const oa = order(a, mb);
  const ob = order(b, ma);
  if (!sameList(oa, ob)) e('change', `plugin order changed: ${oa.join(', ')} → ${ob.join(', ')}`, t);
}

function diffWaiver(e: Emit, a: Policy, b: Policy): void {
  const t = TOPIC.ruleOfTwo;
  const x = a.rule_of_two?.waive === true ? a.rule_of_two : undefined;
  const y = b.rule_of_two?.waive === true ? b.rule_of_two : undefined;
  if (!x && y) e('grant', `rule_of_two waiver added: ${JSON.stringify(y.justification ?? '')}`, t);
  else if (x && !y) e('revoke', 'rule_of_two waiver removed', t);
  else if (x && y && x.justification !== y.justification) e('change', 'rule_of_two waiver justification changed', t);
}

// ---------------------------------------------------------------------------
// Agent fields that are not policy but change what the agent is

function diffAgentMeta(e: Emit, a: ResolvedAgent, b: ResolvedAgent): void {
  const t = TOPIC.meta;
  const sa = a.skills ?? [];
  const sb = b.skills ?? [];
  for (const s of [...new Set([...sa, ...sb])].sort()) {
    if (!sa.includes(s)) e('change', `skill ${s} added`, t);
    else if (!sb.includes(s)) e('change', `skill ${s} removed`, t);
  }
  if (a.prompt !== b.prompt) e('change', 'prompt changed', t);
  const xa = a.subagent ?? {};
  const xb = b.subagent ?? {};
  for (const k of unionKeys(xa, xb) as (keyof typeof xa)[]) {
    if (jsonEqual(xa[k] ?? null, xb[k] ?? null)) continue;
    e('change', k === 'model' ? `subagent model ${xa.model ?? '(none)'} → ${xb.model ?? '(none)'}` : `subagent ${k} changed`, t);
  }
}

// ---------------------------------------------------------------------------
// Small helpers

function unionKeys(a: object | undefined, b: object | undefined): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function listOrNone(list: readonly string[]): string {
  return list.length ? list.join(', ') : '(none)';
}

function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const rest = [...b];
  return a.filter((x) => {
    const i = rest.indexOf(x);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
}

/** Structural equality of JSON-like values, independent of key order. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => jsonEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function sha256Field(v: Json): string | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) && typeof v.sha256 === 'string' ? v.sha256 : undefined;
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
