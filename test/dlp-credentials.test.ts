// dlp.credentials: token_patterns and known_secrets in one scanner pass. It
// must say exactly what the two plugins say when run one after the other
// (the chain runner concatenates their findings), in every location, for
// every kind of hit and for clean text; and routes with both detectors run
// it in their place.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import credentials from '../plugins/builtin/credentials.ts';
import knownSecrets from '../plugins/builtin/known-secrets.ts';
import tokenPatterns from '../plugins/builtin/token-patterns.ts';
import type { Finding, PluginHooks, RequestView, Verdict } from '../plugins/sdk.ts';
import { routeDetectors } from '../policy/plugins.ts';
import type { Route } from '../policy/types.ts';
import { FAKE } from './helpers/fake-secrets.ts';

const enc = new TextEncoder();
const SECRET = 'FAKE-credential/0000+"q\\s% & 0123456789';
const OTHER = `FAKE-other-${'0'.repeat(24)}`;
const secrets = [SECRET, OTHER];

const separate: PluginHooks[] = [await tokenPatterns.setup({}, { secrets }), await knownSecrets.setup({}, { secrets })];
const fused: PluginHooks = await credentials.setup({}, { secrets });

function request(over: Partial<RequestView>): RequestView {
  return { method: 'POST', scheme: 'https', host: 'api.example.com', path: '/v1/x', query: '', headers: [['content-type', 'application/json']], body: new Uint8Array(0), route: 'r', session: 's', agent: 'a', ...over };
}

const findings = (v: Verdict): Finding[] => (v.action === 'allow' ? [] : v.findings);
const key = (f: Finding) => `${f.location}|${f.offset}|${f.length}|${f.detector}|${f.rule}|${f.severity}|${f.excerpt}`;
const sorted = (fs: Finding[]) => fs.map(key).sort();

function agree(req: RequestView, label: string): Finding[] {
  const want = separate.flatMap((h) => findings(h.onRequest!(req) as Verdict));
  const got = findings(fused.onRequest!(req) as Verdict);
  assert.deepEqual(sorted(got), sorted(want), label);
  return got;
}

const token = FAKE['github-classic']!;
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('dlp.credentials', () => {
  const texts: Array<[string, string]> = [
    ['clean prose', 'The deploy job reads the api key from the vault and passes the token to the client.'],
    ['a token', `note ${token} end`],
    ['the secret raw', `x ${SECRET} y`],
    ['the secret in base64', `data=${b64(`ab${SECRET}`)}`],
    ['the secret spaced out', SECRET.replace(/[^A-Za-z0-9]/g, '').split('').join(' ')],
    ['a token and a secret', `${token} and ${OTHER}`],
    ['an assignment', 'password: "FAKEfake-0000-hunter-value" and token = short'],
    ['a token that is also next to the secret', `${token}${SECRET}`],
    ['many keywords, nothing to flag', 'token password secret api_key ghp_ AKIA sk- '.repeat(50)],
  ];
  for (const [label, text] of texts) {
    it(`says what the two plugins say: ${label}, in every location`, () => {
      agree(request({ body: enc.encode(text) }), `${label} in the body`);
      agree(request({ query: `q=${encodeURIComponent(text)}` }), `${label} in the query`);
      agree(request({ headers: [['x-note', text.replace(/[\r\n]/g, ' ')]] }), `${label} in a header`);
      agree(request({ path: `/v1/${encodeURIComponent(text)}` }), `${label} in the path`);
      agree(request({ headers: [['content-encoding', 'gzip']], body: gzipSync(enc.encode(text)) }), `${label} in a gzip body`);
    });
  }

  it('names each finding after the detector whose part found it', () => {
    const got = agree(request({ body: enc.encode(`${token} ${SECRET}`) }), 'both');
    assert.deepEqual([...new Set(got.map((f) => f.detector))].sort(), ['dlp.known_secrets', 'dlp.token_patterns']);
  });

  it('is only the token part when there is no secret to look for', async () => {
    const alone = await credentials.setup({}, { secrets: [] });
    const v = alone.onRequest!(request({ body: enc.encode(`x ${token}`) })) as Verdict;
    assert.deepEqual(findings(v).map((f) => f.detector), ['dlp.token_patterns']);
  });

  it('replaces the pair on routes that run both, in the first one\'s place, and nothing else', () => {
    const route = (dlp: Route['dlp']) => ({ host: 'h', ...(dlp === undefined ? {} : { dlp }) }) as Route;
    assert.deepEqual(routeDetectors(route(undefined)).outbound, ['dlp.credentials']);
    assert.deepEqual(routeDetectors(route({ outbound_detectors: ['injection', 'known_secrets', 'token_patterns'] })).outbound, ['dlp.injection', 'dlp.credentials']);
    assert.deepEqual(routeDetectors(route({ outbound_detectors: ['token_patterns'] })).outbound, ['dlp.token_patterns']);
    assert.deepEqual(routeDetectors(route({ inbound_detectors: ['token_patterns', 'known_secrets'] })).inbound, ['dlp.token_patterns', 'dlp.known_secrets']);
  });
});

describe('dlp.credentials in a chain', () => {
  it('is not doubled by a bottle that also lists token_patterns (the example policy\'s base bottle does)', async () => {
    const { compileBundle, FIXTURES, tmpDir } = await import('./helpers/runtime-harness.ts');
    const { PluginHost, instanceKey } = await import('../runtime/plugins/host.ts');
    const { effectivePolicy } = await import('../policy/effective.ts');
    const { createLogger } = await import('../runtime/log.ts');
    const { bundle } = compileBundle(`${FIXTURES}/example`);
    const host = await PluginHost.start(bundle, { stateDir: tmpDir(), secrets: [], threads: 1, timeoutMs: 2000, maxQueue: 16, inlineMaxBytes: 16384, log: createLogger('/dev/null'), digest: 'test' });
    try {
      const github = bundle.bottles['github']!;
      const policy = effectivePolicy([github], bundle.agents['reviewer']!);
      const route = policy.egress!.routes!.find((r) => r.host === 'api.github.com')!;
      assert.deepEqual(host.chainsFor(policy, route).outbound, [instanceKey('dlp.credentials', {})]);
    } finally {
      await host.close();
    }
  });
});

describe('one automaton for both (the product of the exact and gapped matchers)', () => {
  it('finds exactly what the two automata find, on random text full of near-misses, short and long', async () => {
    const { DlpScanner } = await import('../plugins/scan/scanner.ts');
    const { KnownSecretsPart } = await import('../plugins/scan/known-secrets-scan.ts');
    const { tokenPatternPart } = await import('../plugins/scan/token-scan.ts');
    const parts = () => [tokenPatternPart(), new KnownSecretsPart(secrets)];
    const product = new DlpScanner(parts());
    const pair = new DlpScanner(parts(), { maxProductStates: 0 });
    assert.ok(product.stats.states !== pair.stats.states, 'the product was built (its state count differs)');
    let seed = 5;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const projection = SECRET.replace(/[^A-Za-z0-9]/g, '');
    const pieces = [token, SECRET, OTHER, b64(SECRET), projection.split('').join(' '), projection.split('').join('-.'), projection.slice(0, 12), 'password: ', 'token=', 'AKIA', 'ghp_', 'the ', '\n', ' ', '0', 'x'];
    for (let round = 0; round < 400; round++) {
      let text = '';
      const n = 1 + Math.floor(rand() * (round % 10 === 0 ? 400 : 12));
      for (let i = 0; i < n; i++) text += pieces[Math.floor(rand() * pieces.length)]!;
      const bytes = enc.encode(text);
      const key = (ms: Array<{ rule: string; offset: number; length: number }>) => ms.map((m) => `${m.rule}@${m.offset}+${m.length}`);
      assert.deepEqual(key(product.scan(bytes)), key(pair.scan(bytes)), JSON.stringify(text.slice(0, 200)));
    }
  });
});
