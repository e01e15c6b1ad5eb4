import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffBundles, formatDiff, type DiffEntry, type DiffKind } from '../compiler/diff.ts';
import { sealBundle } from '../policy/bundle-digest.ts';
import type { BottleSpec, Bundle, ResolvedAgent, ResolvedBottle, Route } from '../policy/types.ts';

type BottleInput = Omit<BottleSpec, 'extends'> & { lineage?: string[] };

function bundle(bottles: Record<string, BottleInput>, agents: Record<string, Partial<ResolvedAgent>> = {}, extra: Partial<Bundle> = {}): Bundle {
  const b: Record<string, ResolvedBottle> = {};
  for (const [name, spec] of Object.entries(bottles)) b[name] = { name, lineage: [], ...spec };
  const a: Record<string, ResolvedAgent> = {};
  for (const [name, spec] of Object.entries(agents)) a[name] = { name, bottles: [], prompt: '', ...spec };
  return sealBundle({ format: 1, compiler: 'cork 0.1.0', sources: [], bottles: b, agents: a, plugins: {}, ...extra });
}

/** One bottle `web` with the given routes, and agent `reviewer` in it. */
function withRoutes(...routes: Route[]): Bundle {
  return bundle({ web: { egress: { routes } } }, { reviewer: { bottles: ['web'] } });
}

function has(entries: DiffEntry[], subject: string, kind: DiffKind, what: string | RegExp): void {
  const hit = entries.find((e) => e.subject === subject && e.kind === kind && (typeof what === 'string' ? e.what === what : what.test(e.what)));
  assert.ok(hit, `no ${kind} ${String(what)} on ${subject} in:\n${formatDiff(entries, 'text')}`);
}

function only(entries: DiffEntry[], subject: string): DiffEntry[] {
  return entries.filter((e) => e.subject === subject);
}

const GH = 'api.github.com';

describe('diffBundles', () => {
  it('finds no change between identical policies, whatever the revision, compiler or sources', () => {
    const a = withRoutes({ host: GH, matches: [{ methods: ['GET'] }] });
    const b = sealBundle({ ...withRoutes({ host: GH, matches: [{ methods: ['GET'] }] }), revision: 'other', compiler: 'cork 9', sources: [{ path: 'x', sha256: 'y' }] });
    assert.deepEqual(diffBundles(a, b), []);
    assert.equal(formatDiff(diffBundles(a, b), 'text'), 'no policy change');
  });

  describe('routes', () => {
    it('host added is a grant, removed a revoke, for the bottle and the agents in it', () => {
      const before = withRoutes();
      const after = withRoutes({ host: GH, matches: [{ methods: ['GET'], paths: [{ type: 'prefix', value: '/repos/' }] }] });
      const d = diffBundles(before, after);
      has(d, 'bottle:web', 'grant', 'route api.github.com added: prefix /repos/ (GET)');
      has(d, 'agent:reviewer', 'grant', 'route api.github.com added: prefix /repos/ (GET)');
      const r = diffBundles(after, before);
      has(r, 'bottle:web', 'revoke', 'route api.github.com removed');
      has(r, 'agent:reviewer', 'revoke', 'route api.github.com removed');
    });

    it('methods widened and narrowed', () => {
      const get = withRoutes({ host: GH, matches: [{ methods: ['GET'] }] });
      const getPost = withRoutes({ host: GH, matches: [{ methods: ['post', 'GET'] }] });
      const d = diffBundles(get, getPost);
      has(d, 'bottle:web', 'grant', 'route api.github.com: methods widened GET → GET, POST');
      assert.equal(only(d, 'bottle:web').length, 1);
      has(diffBundles(getPost, get), 'bottle:web', 'revoke', 'route api.github.com: methods narrowed GET, POST → GET');
    });

    it('a match entry without methods allows all methods', () => {
      const get = withRoutes({ host: GH, matches: [{ paths: [{ type: 'prefix', value: '/a' }], methods: ['GET'] }] });
      const any = withRoutes({ host: GH, matches: [{ paths: [{ type: 'prefix', value: '/a' }] }] });
      has(diffBundles(get, any), 'bottle:web', 'grant', 'route api.github.com: methods widened on prefix /a: GET → all methods');
      has(diffBundles(any, get), 'bottle:web', 'revoke', 'route api.github.com: methods narrowed on prefix /a: all methods → GET');
    });

    it('a route without matches allows everything (widest)', () => {
      const some = withRoutes({ host: GH, matches: [{ methods: ['GET'] }] });
      const all = withRoutes({ host: GH });
      has(diffBundles(some, all), 'bottle:web', 'grant', /^route api\.github\.com: all requests now allowed/);
      has(diffBundles(all, some), 'bottle:web', 'revoke', /^route api\.github\.com: restricted from all requests to any path \(GET\)/);
      assert.deepEqual(diffBundles(all, withRoutes({ host: GH })), []);
    });

    it('paths added and removed', () => {
      const a = withRoutes({ host: GH, matches: [{ paths: [{ type: 'prefix', value: '/repos/' }], methods: ['GET'] }] });
      const ab = withRoutes({ host: GH, matches: [{ paths: [{ type: 'prefix', value: '/repos/' }, { type: 'exact', value: '/user' }], methods: ['GET'] }] });
      has(diffBundles(a, ab), 'bottle:web', 'grant', 'route api.github.com: path added: exact /user (GET)');
      has(diffBundles(ab, a), 'bottle:web', 'revoke', 'route api.github.com: path removed: exact /user (GET)');
    });

    it('a wider path that covers the old one is only a grant, not a revoke', () => {
      const narrow = withRoutes({ host: GH, matches: [{ paths: [{ type: 'prefix', value: '/repos/org/' }], methods: ['GET'] }] });
      const wide = withRoutes({ host: GH, matches: [{ paths: [{ type: 'prefix', value: '/repos/' }], methods: ['GET'] }] });
      const d = only(diffBundles(narrow, wide), 'bottle:web');
      assert.deepEqual(d, [{ subject: 'bottle:web', kind: 'grant', what: 'route api.github.com: path added: prefix /repos/ (GET)' }]);
      const r = only(diffBundles(wide, narrow), 'bottle:web');
      assert.deepEqual(r, [
        { subject: 'bottle:web', kind: 'revoke', what: 'route api.github.com: path removed: prefix /repos/ (GET); still allowed: prefix /repos/org/ (GET)' },
      ]);
    });

    it('a method moved from one path to another is both a grant and a revoke', () => {
      const before = withRoutes({ host: GH, matches: [{ paths: [{ type: 'exact', value: '/a' }], methods: ['POST'] }, { paths: [{ type: 'exact', value: '/b' }], methods: ['GET'] }] });
      const after = withRoutes({ host: GH, matches: [{ paths: [{ type: 'exact', value: '/a' }], methods: ['GET'] }, { paths: [{ type: 'exact', value: '/b' }], methods: ['POST'] }] });
      const d = diffBundles(before, after);
      assert.deepEqual(only(d, 'bottle:web'), [
        { subject: 'bottle:web', kind: 'grant', what: 'route api.github.com: methods widened on exact /a: POST → GET (adds GET)' },
        { subject: 'bottle:web', kind: 'revoke', what: 'route api.github.com: methods narrowed on exact /a: POST → GET (drops POST)' },
        { subject: 'bottle:web', kind: 'grant', what: 'route api.github.com: methods widened on exact /b: GET → POST (adds POST)' },
        { subject: 'bottle:web', kind: 'revoke', what: 'route api.github.com: methods narrowed on exact /b: GET → POST (drops GET)' },
      ]);
    });

    it('the same method change on several paths is one entry', () => {
      const paths = [{ type: 'prefix' as const, value: '/a' }, { type: 'prefix' as const, value: '/b' }];
      const d = diffBundles(withRoutes({ host: GH, matches: [{ paths, methods: ['GET'] }] }), withRoutes({ host: GH, matches: [{ paths, methods: ['GET', 'PUT'] }] }));
      assert.deepEqual(only(d, 'bottle:web'), [
        { subject: 'bottle:web', kind: 'grant', what: 'route api.github.com: methods widened on prefix /a, prefix /b: GET → GET, PUT' },
      ]);
    });

    it('dropping a header requirement widens', () => {
      const withHeader = withRoutes({ host: GH, matches: [{ methods: ['GET'], headers: [{ name: 'X-Team', value: 'core' }] }] });
      const without = withRoutes({ host: GH, matches: [{ methods: ['GET'] }] });
      const d = only(diffBundles(withHeader, without), 'bottle:web');
      assert.deepEqual(d.map((e) => e.kind), ['grant']);
      has(d, 'bottle:web', 'grant', 'route api.github.com: path added: any path (GET)');
    });

    it('git fetch turned on and off', () => {
      const off = withRoutes({ host: GH });
      const on = withRoutes({ host: GH, git: { fetch: true } });
      has(diffBundles(off, on), 'bottle:web', 'grant', 'route api.github.com: git fetch turned on');
      has(diffBundles(on, off), 'bottle:web', 'revoke', 'route api.github.com: git fetch turned off');
    });

    it('trusted changed', () => {
      const d = diffBundles(withRoutes({ host: GH }), withRoutes({ host: GH, trusted: true }));
      has(d, 'bottle:web', 'change', /^route api\.github\.com: marked trusted/);
      has(diffBundles(withRoutes({ host: GH, trusted: true }), withRoutes({ host: GH })), 'bottle:web', 'change', 'route api.github.com: no longer trusted');
    });

    it('dlp turned off is a grant, turned on a revoke, detector lists loosen and tighten', () => {
      const dflt = withRoutes({ host: GH });
      const off = withRoutes({ host: GH, dlp: false });
      has(diffBundles(dflt, off), 'bottle:web', 'grant', 'route api.github.com: dlp turned off (no leak or injection scanning)');
      has(diffBundles(off, dflt), 'bottle:web', 'revoke', /^route api\.github\.com: dlp turned on/);
      const outOff = withRoutes({ host: GH, dlp: { outbound_detectors: false } });
      has(diffBundles(dflt, outOff), 'bottle:web', 'grant', 'route api.github.com: dlp outbound scanning turned off (was all default detectors)');
      const two = withRoutes({ host: GH, dlp: { inbound_detectors: ['dlp.injection', 'x.y'] } });
      const one = withRoutes({ host: GH, dlp: { inbound_detectors: ['dlp.injection'] } });
      has(diffBundles(dflt, two), 'bottle:web', 'grant', /^route api\.github\.com: dlp inbound restricted from all default detectors/);
      has(diffBundles(two, one), 'bottle:web', 'grant', 'route api.github.com: dlp inbound detectors removed: x.y');
      has(diffBundles(one, two), 'bottle:web', 'revoke', 'route api.github.com: dlp inbound detectors added: x.y');
      has(diffBundles(dflt, withRoutes({ host: GH, dlp: { outbound_on_match: 'redact' } })), 'bottle:web', 'change', 'route api.github.com: dlp outbound_on_match block → redact');
      assert.deepEqual(diffBundles(dflt, withRoutes({ host: GH, dlp: { outbound_on_match: 'block' } })), [], 'block is the default');
    });

    it('credential injection added, removed and changed, by name only', () => {
      const none = withRoutes({ host: GH });
      const gh = withRoutes({ host: GH, auth: { scheme: 'Bearer', token_ref: 'GITHUB_TOKEN' } });
      const pat = withRoutes({ host: GH, auth: { scheme: 'token', token_ref: 'GH_PAT' } });
      has(diffBundles(none, gh), 'bottle:web', 'grant', 'route api.github.com: credential injection added (Bearer GITHUB_TOKEN)');
      has(diffBundles(gh, none), 'bottle:web', 'revoke', 'route api.github.com: credential injection removed (was Bearer GITHUB_TOKEN)');
      has(diffBundles(gh, pat), 'bottle:web', 'change', 'route api.github.com: credential injection changed: Bearer GITHUB_TOKEN → token GH_PAT');
    });

    it('a new route reports its credential injection and git fetch too', () => {
      const d = diffBundles(withRoutes(), withRoutes({ host: GH, auth: { scheme: 'Bearer', token_ref: 'GITHUB_TOKEN' }, git: { fetch: true } }));
      has(d, 'bottle:web', 'grant', 'route api.github.com added: all requests');
      has(d, 'bottle:web', 'grant', 'route api.github.com: credential injection added (Bearer GITHUB_TOKEN)');
      has(d, 'bottle:web', 'grant', 'route api.github.com: git fetch turned on');
    });
  });

  describe('everything else a bottle grants', () => {
    it('env keys added, removed, changed — never values', () => {
      const a = bundle({ web: { env: { KEEP: 'same', OLD: 'x', API_KEY: 'sk-live-aaaaaaaa' } } });
      const b = bundle({ web: { env: { KEEP: 'same', NEW: '?Your name', API_KEY: 'sk-live-bbbbbbbb' } } });
      const d = diffBundles(a, b);
      has(d, 'bottle:web', 'grant', 'env NEW added (prompted at runtime)');
      has(d, 'bottle:web', 'revoke', 'env OLD removed');
      has(d, 'bottle:web', 'change', 'env API_KEY changed');
      assert.equal(d.length, 3);
      const text = formatDiff(d, 'text') + formatDiff(d, 'json');
      assert.ok(!text.includes('sk-live') && !text.includes('Your name'), text);
    });

    it('budgets raised, lowered, set, removed, window and cutoff changes', () => {
      const b = (budget: BottleInput['budget']): Bundle => bundle({ web: { budget } });
      has(diffBundles(b({ claude: 100 }), b({ claude: 200 })), 'bottle:web', 'grant', 'budget claude raised: 100 tokens → 200 tokens');
      has(diffBundles(b({ claude: 200 }), b({ claude: 100 })), 'bottle:web', 'revoke', 'budget claude lowered: 200 tokens → 100 tokens');
      has(diffBundles(b({}), b({ codex: 50 })), 'bottle:web', 'change', /^budget codex set: 50 tokens/);
      has(diffBundles(b({ codex: 50 }), b({})), 'bottle:web', 'change', /^budget codex removed: was 50 tokens/);
      has(diffBundles(b({ claude: { tokens: 100, window: '1d' } }), b({ claude: { tokens: 100, window: '1h' } })), 'bottle:web', 'grant', 'budget claude raised: 100 tokens per 1d → 100 tokens per 1h');
      has(diffBundles(b({ claude: { tokens: 100, window: '1h' } }), b({ claude: 100 })), 'bottle:web', 'revoke', 'budget claude lowered: 100 tokens per 1h → 100 tokens');
      has(diffBundles(b({ claude: { tokens: 100, window: '1d' } }), b({ claude: { tokens: 50, window: '1h' } })), 'bottle:web', 'change', /^budget claude changed/);
      assert.deepEqual(diffBundles(b({ claude: 100 }), b({ claude: { tokens: 100 } })), []);
      has(diffBundles(b({ cutoff: 'cutoff' }), b({ cutoff: 'kill' })), 'bottle:web', 'change', 'budget cutoff policy cutoff → kill');
    });

    it('git-gate repos added and removed', () => {
      const a = bundle({ web: { 'git-gate': { repos: { app: { url: 'git@github.com:org/app.git' } } } } });
      const b = bundle({ web: { 'git-gate': { repos: { app: { url: 'git@github.com:org/app.git' }, lib: { url: 'https://u:secret@git.example/lib.git' } } } } });
      const d = diffBundles(a, b);
      has(d, 'bottle:web', 'grant', 'git-gate repo lib added (https://***@git.example/lib.git)');
      has(diffBundles(b, a), 'bottle:web', 'revoke', 'git-gate repo lib removed');
    });

    it('plugins added and removed', () => {
      const a = bundle({ web: { plugins: [{ use: 'dlp.token_patterns' }] } });
      const b = bundle({ web: { plugins: [{ use: 'dlp.token_patterns' }, { use: 'dlp.injection' }] } });
      has(diffBundles(a, b), 'bottle:web', 'change', 'plugin dlp.injection added');
      has(diffBundles(b, a), 'bottle:web', 'change', 'plugin dlp.injection removed');
    });

    it('rule_of_two waiver added and removed', () => {
      const a = bundle({ web: {} });
      const b = bundle({ web: { rule_of_two: { waive: true, justification: 'read-only token' } } });
      has(diffBundles(a, b), 'bottle:web', 'grant', 'rule_of_two waiver added: "read-only token"');
      has(diffBundles(b, a), 'bottle:web', 'revoke', 'rule_of_two waiver removed');
      assert.deepEqual(diffBundles(a, bundle({ web: { rule_of_two: { waive: false, justification: 'x' } } })), []);
    });

    it('agent_provider credential injection and approvals auto-approve', () => {
      const a = bundle({ web: { agent_provider: { template: 'claude' } } });
      const b = bundle({ web: { agent_provider: { template: 'claude', auth_token: 'ANTHROPIC_API_KEY' }, approvals: { default: 'auto_approve' } } });
      const d = diffBundles(a, b);
      has(d, 'bottle:web', 'grant', 'agent_provider credential injection added (auth_token ANTHROPIC_API_KEY)');
      has(d, 'bottle:web', 'grant', 'approvals default block → auto_approve');
    });
  });

  describe('agents and bottles', () => {
    it('agents and bottles added and removed', () => {
      const a = bundle({ base: {} }, { old: { bottles: ['base'] } });
      const b = bundle({ base: {}, web: { egress: { routes: [{ host: GH }] } } }, { new: { bottles: ['base', 'web'] } });
      const d = diffBundles(a, b);
      has(d, 'bottle:web', 'grant', 'bottle added');
      has(d, 'bottle:web', 'grant', 'route api.github.com added: all requests');
      has(d, 'agent:new', 'grant', 'agent added (bottles: base, web)');
      has(d, 'agent:new', 'grant', 'route api.github.com added: all requests');
      has(d, 'agent:old', 'revoke', 'agent removed');
      has(diffBundles(b, a), 'bottle:web', 'revoke', 'bottle removed');
    });

    it("an agent's bottle selection change shows the change and what it grants", () => {
      const bottles = { base: {}, web: { egress: { routes: [{ host: GH, matches: [{ methods: ['GET'] }] }] } } };
      const a = bundle(bottles, { reviewer: { bottles: ['base'] } });
      const b = bundle(bottles, { reviewer: { bottles: ['base', 'web'] } });
      const d = diffBundles(a, b);
      has(d, 'agent:reviewer', 'change', 'bottles changed: base → base, web');
      has(d, 'agent:reviewer', 'grant', 'route api.github.com added: any path (GET)');
      assert.equal(only(d, 'bottle:web').length, 0);
    });

    it("an agent's policy is the fold of its bottles: a later bottle's route replaces an earlier one's", () => {
      const bottles = {
        a: { egress: { routes: [{ host: GH, matches: [{ methods: ['GET'] }] }] } },
        b: { egress: { routes: [{ host: GH, matches: [{ methods: ['GET', 'POST'] }] }] } },
      };
      const before = bundle(bottles, { reviewer: { bottles: ['a'] } });
      const after = bundle(bottles, { reviewer: { bottles: ['a', 'b'] } });
      has(diffBundles(before, after), 'agent:reviewer', 'grant', 'route api.github.com: methods widened GET → GET, POST');
      has(diffBundles(after, before), 'agent:reviewer', 'revoke', 'route api.github.com: methods narrowed GET, POST → GET');
    });

    it('a bottle change reaches only the agents that use it', () => {
      const make = (methods: string[]): Bundle =>
        bundle({ web: { egress: { routes: [{ host: GH, matches: [{ methods }] }] } }, other: {} }, { reviewer: { bottles: ['web'] }, writer: { bottles: ['other'] } });
      const d = diffBundles(make(['GET']), make(['GET', 'PUT']));
      assert.deepEqual([...new Set(d.map((e) => e.subject))], ['agent:reviewer', 'bottle:web']);
    });

    it("the agent's own budget overrides its bottles'", () => {
      const bottles = { web: { budget: { claude: 1000 } } };
      const a = bundle(bottles, { reviewer: { bottles: ['web'], budget: { claude: 100 } } });
      const b = bundle(bottles, { reviewer: { bottles: ['web'], budget: { claude: 500 } } });
      has(diffBundles(a, b), 'agent:reviewer', 'grant', 'budget claude raised: 100 tokens → 500 tokens');
      const c = bundle(bottles, { reviewer: { bottles: ['web'] } });
      has(diffBundles(a, c), 'agent:reviewer', 'grant', 'budget claude raised: 100 tokens → 1000 tokens');
    });

    it('plugin code changes show under the plugin', () => {
      const a = bundle({}, {}, { plugins: { 'dlp.injection': { id: 'dlp.injection', version: '1.0.0', kind: 'inbound', optionsSchema: {}, sha256: 'a'.repeat(64), code: '1' } } });
      const b = bundle({}, {}, { plugins: { 'dlp.injection': { id: 'dlp.injection', version: '1.0.0', kind: 'inbound', optionsSchema: {}, sha256: 'b'.repeat(64), code: '2' } } });
      has(diffBundles(a, b), 'plugin:dlp.injection', 'change', `code changed (sha256 ${'a'.repeat(12)} → ${'b'.repeat(12)})`);
    });
  });

  it('sorts deterministically, independent of input key order', () => {
    const mk = (order: string[], methods: string[]): Bundle => {
      const bottles: Record<string, BottleInput> = {};
      const agents: Record<string, Partial<ResolvedAgent>> = {};
      for (const n of order) {
        bottles[n] = { env: { [`V_${methods.length}`]: '1' }, egress: { routes: [{ host: `${n}.example`, matches: [{ methods }] }, { host: GH, matches: [{ methods }] }] } };
        agents[`agent-${n}`] = { bottles: [n] };
      }
      return bundle(bottles, agents);
    };
    const d1 = diffBundles(mk(['b', 'a', 'c'], ['GET']), mk(['c', 'b', 'a'], ['GET', 'POST']));
    const d2 = diffBundles(mk(['a', 'c', 'b'], ['GET']), mk(['a', 'b', 'c'], ['GET', 'POST']));
    assert.deepEqual(d1, d2);
    const subjects = [...new Set(d1.map((e) => e.subject))];
    assert.deepEqual(subjects, ['agent:agent-a', 'agent:agent-b', 'agent:agent-c', 'bottle:a', 'bottle:b', 'bottle:c']);
    assert.deepEqual(only(d1, 'bottle:a').map((e) => e.what), [
      'route a.example: methods widened GET → GET, POST',
      'route api.github.com: methods widened GET → GET, POST',
      'env V_1 removed',
      'env V_2 added',
    ]);
  });
});

describe('formatDiff', () => {
  const before = bundle({ web: { env: { A: '1' }, egress: { routes: [{ host: GH, matches: [{ methods: ['GET'] }] }] } } }, { reviewer: { bottles: ['web'] } });
  const after = bundle({ web: { env: { B: '1' }, egress: { routes: [{ host: GH, matches: [{ methods: ['GET', 'POST'] }], trusted: true }] } } }, { reviewer: { bottles: ['web'] } });
  const entries = diffBundles(before, after);

  it('groups by subject with +, -, ~ and ends with a summary', () => {
    assert.equal(
      formatDiff(entries, 'text'),
      [
        'agent:reviewer',
        '  + route api.github.com: methods widened GET → GET, POST',
        '  ~ route api.github.com: marked trusted (its content no longer counts as untrusted input for the Rule of Two)',
        '  - env A removed',
        '  + env B added',
        '',
        'bottle:web',
        '  + route api.github.com: methods widened GET → GET, POST',
        '  ~ route api.github.com: marked trusted (its content no longer counts as untrusted input for the Rule of Two)',
        '  - env A removed',
        '  + env B added',
        '',
        '4 grants, 2 revokes, 2 changes',
      ].join('\n'),
    );
  });

  it('uses singular counts for one', () => {
    const one = diffBundles(withRoutes(), withRoutes({ host: GH }));
    assert.match(formatDiff(one, 'text'), /\n2 grants, 0 revokes, 0 changes$/);
    const single = diffBundles(bundle({ web: {} }), bundle({ web: { env: { A: '1' } } }));
    assert.match(formatDiff(single, 'text'), /\n1 grant, 0 revokes, 0 changes$/);
  });

  it('json carries the entries and the counts', () => {
    const parsed = JSON.parse(formatDiff(entries, 'json'));
    assert.deepEqual(parsed.entries, entries);
    assert.deepEqual(parsed.summary, { grants: 4, revokes: 2, changes: 2 });
    assert.deepEqual(JSON.parse(formatDiff([], 'json')), { entries: [], summary: { grants: 0, revokes: 0, changes: 0 } });
  });
});
