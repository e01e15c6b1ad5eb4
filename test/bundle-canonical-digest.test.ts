import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { bundleDigest, sealBundle, serializeBundle, type BundleBody } from '../policy/bundle-digest.ts';
import { BUNDLE_ERRORS, BundleError } from '../policy/bundle-errors.ts';
import { canonicalJson } from '../policy/canonical.ts';
import type { Bundle } from '../policy/types.ts';
import { verifyBundle } from '../policy/verify-bundle.ts';

function body(): BundleBody {
  return {
    format: 1,
    compiler: 'cork 0.1.0',
    revision: 'abc123',
    sources: [{ path: '.bot-bottle/bottles/web.md', sha256: 'a'.repeat(64) }],
    bottles: {
      web: {
        name: 'web',
        lineage: [],
        env: { LANG: 'C.UTF-8' },
        egress: { routes: [{ host: 'api.github.com', matches: [{ methods: ['GET'] }] }] },
        budget: { claude: 1000, cutoff: 'freeze' },
      },
    },
    agents: { reviewer: { name: 'reviewer', bottles: ['web'], prompt: 'You review code. ünïcödé ✓ 😀' } },
    plugins: { 'dlp.injection': { id: 'dlp.injection', version: '1.0.0', kind: 'inbound', optionsSchema: {}, sha256: 'b'.repeat(64), code: 'export default 1' } },
  };
}

/** The same value with every object's keys inserted in reverse order. */
function reversedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reversedKeys) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).reverse()) out[k] = reversedKeys((v as Record<string, unknown>)[k]);
    return out as T;
  }
  return v;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof BundleError, `expected a BundleError, got ${String(e)}`);
    return e.code;
  }
  return undefined;
}

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } }), '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('is independent of key insertion order', () => {
    const b = body();
    assert.equal(canonicalJson(reversedKeys(b)), canonicalJson(b));
  });

  it('is independent of the whitespace of the JSON it was parsed from', () => {
    const b = body();
    assert.equal(canonicalJson(JSON.parse(JSON.stringify(b, null, 4))), canonicalJson(b));
  });

  it('sorts keys by UTF-16 code units (RFC 8785 section 3.2.3 example)', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    const keys = Object.keys(JSON.parse(canonicalJson(input)));
    // JSON.parse puts the integer-like key "1" first whatever the text order, so read the order from the text.
    const text = canonicalJson(input);
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) => text.indexOf(JSON.stringify(k) + ':'));
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.equal(keys.length, 7);
  });

  it('writes numbers and strings in their ECMAScript form', () => {
    assert.equal(canonicalJson([1.0, -0, 1e21, 1e-7, 0.1, 100]), '[1,0,1e+21,1e-7,0.1,100]');
    assert.equal(canonicalJson('é\u001f"\\/'), '"é\\u001f\\"\\\\/"');
  });

  it('leaves out object fields whose value is undefined', () => {
    assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
  });

  it('refuses values with no JSON form with a coded error naming the path', () => {
    assert.equal(codeOf(() => canonicalJson(undefined)), 'CORK_CANONICAL_UNSUPPORTED_VALUE');
    assert.equal(codeOf(() => canonicalJson({ a: [1, Number.NaN] })), 'CORK_CANONICAL_UNSUPPORTED_VALUE');
    assert.equal(codeOf(() => canonicalJson({ a: Infinity })), 'CORK_CANONICAL_UNSUPPORTED_VALUE');
    assert.equal(codeOf(() => canonicalJson({ f: () => 1 })), 'CORK_CANONICAL_UNSUPPORTED_VALUE');
    assert.equal(codeOf(() => canonicalJson({ n: 1n })), 'CORK_CANONICAL_UNSUPPORTED_VALUE');
    assert.equal(codeOf(() => canonicalJson([undefined])), 'CORK_CANONICAL_UNSUPPORTED_VALUE');
    assert.equal(codeOf(() => canonicalJson({ s: 'x\ud800y' })), 'CORK_CANONICAL_UNSUPPORTED_VALUE');
    assert.equal(codeOf(() => canonicalJson(new Map([['a', 1]]))), 'CORK_CANONICAL_UNSUPPORTED_VALUE');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(codeOf(() => canonicalJson(cyclic)), 'CORK_CANONICAL_UNSUPPORTED_VALUE');
    assert.throws(() => canonicalJson({ bottles: { web: { budget: { claude: Number.NaN } } } }), /\$\.bottles\.web\.budget\.claude/);
    assert.ok('CORK_CANONICAL_UNSUPPORTED_VALUE' in BUNDLE_ERRORS);
  });

  it('accepts a well-formed surrogate pair', () => {
    assert.equal(canonicalJson('😀'), '"😀"');
  });
});

describe('bundleDigest and sealBundle', () => {
  it('is sha256 hex of the canonical JSON of everything but digest and signatures', () => {
    const b = body();
    const expected = createHash('sha256').update(canonicalJson(b), 'utf8').digest('hex');
    assert.equal(bundleDigest(b), expected);
    const sealed = sealBundle(b);
    assert.equal(sealed.digest, expected);
    assert.equal(bundleDigest(sealed), expected, 'the digest field is not covered');
    const signed: Bundle = { ...sealed, signatures: [{ alg: 'ed25519', keyid: 'c'.repeat(64), sig: 'AAAA' }] };
    assert.equal(bundleDigest(signed), expected, 'signatures are not covered');
  });

  it('does not depend on key order', () => {
    assert.equal(sealBundle(reversedKeys(body())).digest, sealBundle(body()).digest);
  });

  it('changes when any covered field changes', () => {
    const base = sealBundle(body()).digest;
    const mutations: Record<string, (b: BundleBody) => void> = {
      format: (b) => ((b as { format: number }).format = 2),
      compiler: (b) => (b.compiler = 'cork 0.1.1'),
      'revision changed': (b) => (b.revision = 'abc124'),
      'revision removed': (b) => delete b.revision,
      'source hash': (b) => (b.sources[0]!.sha256 = 'f'.repeat(64)),
      'source added': (b) => b.sources.push({ path: 'x.md', sha256: '0'.repeat(64) }),
      'env value': (b) => (b.bottles.web!.env!.LANG = 'C'),
      'route method': (b) => (b.bottles.web!.egress!.routes![0]!.matches![0]!.methods = ['GET', 'POST']),
      'budget number': (b) => (b.bottles.web!.budget!.claude = 1001),
      'array order': (b) => (b.agents.reviewer!.bottles = ['web', 'web2']),
      prompt: (b) => (b.agents.reviewer!.prompt += ' '),
      'plugin code': (b) => ((b.plugins['dlp.injection'] as { code: string }).code = 'export default 2'),
      'unknown top-level field': (b) => ((b as unknown as Record<string, unknown>).extra = true),
      'bottle renamed': (b) => {
        b.bottles.web2 = b.bottles.web!;
        delete b.bottles.web;
      },
    };
    const seen = new Set([base]);
    for (const [name, mutate] of Object.entries(mutations)) {
      const b = body();
      mutate(b);
      const d = sealBundle(b).digest;
      assert.notEqual(d, base, `digest unchanged after: ${name}`);
      assert.ok(!seen.has(d), `digest collides after: ${name}`);
      seen.add(d);
    }
  });

  it('drops a stale digest and signatures it is handed', () => {
    const stale = { ...body(), digest: '0'.repeat(64), signatures: [{ alg: 'ed25519' as const, keyid: 'k', sig: 's' }] };
    const sealed = sealBundle(stale);
    assert.equal(sealed.digest, bundleDigest(body()));
    assert.equal(sealed.signatures, undefined);
  });
});

describe('serializeBundle → verifyBundle', () => {
  it('writes canonical JSON plus exactly one trailing newline', () => {
    const sealed = sealBundle(body());
    const text = serializeBundle(sealed);
    assert.ok(text.endsWith('}\n'));
    assert.ok(!text.endsWith('\n\n'));
    assert.equal(text, `${canonicalJson(sealed)}\n`);
    assert.ok(!/\n./.test(text), 'a single line');
  });

  it('gives byte-identical output for equal bundles built in a different key order', () => {
    assert.equal(serializeBundle(sealBundle(reversedKeys(body()))), serializeBundle(sealBundle(body())));
  });

  it('round-trips through verifyBundle', () => {
    const sealed = sealBundle(body());
    const text = serializeBundle(sealed);
    const r = verifyBundle(text, {});
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.signed, false);
    assert.deepEqual(r.bundle, JSON.parse(JSON.stringify(sealed)));
    assert.equal(serializeBundle(r.bundle), text, 'what verify returns serializes to the same bytes');
  });

  it('accepts the canonical text without the trailing newline', () => {
    const text = serializeBundle(sealBundle(body()));
    assert.ok(verifyBundle(text.slice(0, -1), {}).ok);
  });

  it('refuses any other whitespace or formatting as not canonical', () => {
    const sealed = sealBundle(body());
    const text = serializeBundle(sealed);
    const variants = {
      pretty: JSON.stringify(JSON.parse(text), null, 2),
      'two newlines': `${text}\n`,
      crlf: `${text.slice(0, -1)}\r\n`,
      'leading space': ` ${text}`,
      'space after colon': text.replace('":', '": '),
      'unsorted keys': JSON.stringify({ ...sealed, format: 1 }),
      'escaped non-ASCII': text.replace('ü', '\\u00fc'),
      'number form': text.replace('"claude":1000', '"claude":1000.0'),
      'duplicate key': text.replace('{"agents":', '{"agents":{},"agents":'),
    };
    for (const [name, v] of Object.entries(variants)) {
      assert.notEqual(v, text, `variant ${name} must differ`);
      const r = verifyBundle(v, {});
      assert.ok(!r.ok, `accepted: ${name}`);
      assert.equal(r.code, 'CORK_BUNDLE_NOT_CANONICAL', name);
    }
    const r = verifyBundle(variants.pretty, {});
    assert.ok(!r.ok && r.message === 'bundle is not in canonical form (was it edited by hand?)');
  });

  it('refuses to serialize a bundle changed after sealing', () => {
    const sealed = sealBundle(body());
    sealed.compiler = 'edited';
    assert.equal(codeOf(() => serializeBundle(sealed)), 'CORK_BUNDLE_DIGEST_MISMATCH');
  });
});

describe('verifyBundle refusals', () => {
  const good = (): Bundle => sealBundle(body());

  it('says when the text is not JSON', () => {
    for (const t of ['', '{', 'not json', '\ufeff{}']) {
      const r = verifyBundle(t, {});
      assert.ok(!r.ok);
      assert.equal(r.code, 'CORK_BUNDLE_NOT_JSON', JSON.stringify(t));
      assert.match(r.message, /JSON/);
    }
  });

  it('refuses an unsupported or missing format', () => {
    const two = serializeBundle(sealBundle({ ...body(), format: 2 as 1 }));
    const r = verifyBundle(two, {});
    assert.ok(!r.ok);
    assert.equal(r.code, 'CORK_BUNDLE_FORMAT_UNSUPPORTED');
    assert.match(r.message, /format 2/);
    const { format: _f, ...noFormat } = body();
    const r2 = verifyBundle(`${canonicalJson({ ...noFormat, digest: bundleDigest(noFormat as BundleBody) })}\n`, {});
    assert.ok(!r2.ok);
    assert.equal(r2.code, 'CORK_BUNDLE_FORMAT_UNSUPPORTED');
  });

  it('refuses a digest that does not recompute, showing both digests', () => {
    const b = good();
    const edited = { ...b, compiler: 'edited' };
    const r = verifyBundle(`${canonicalJson(edited)}\n`, {});
    assert.ok(!r.ok);
    assert.equal(r.code, 'CORK_BUNDLE_DIGEST_MISMATCH');
    assert.ok(r.message.includes(b.digest.slice(0, 12)), r.message);
    assert.ok(r.message.includes(bundleDigest(edited).slice(0, 12)), r.message);
  });

  it('refuses a bundle that is not an object or lacks required fields', () => {
    assert.equal((verifyBundle('[]', {}) as { code: string }).code, 'CORK_BUNDLE_MALFORMED');
    assert.equal((verifyBundle('"x"', {}) as { code: string }).code, 'CORK_BUNDLE_MALFORMED');
    const noAgents = { ...body(), agents: [] as unknown as Bundle['agents'] };
    assert.equal((verifyBundle(serializeBundle(sealBundle(noAgents)), {}) as { code: string }).code, 'CORK_BUNDLE_MALFORMED');
    const noDigest = canonicalJson(body());
    assert.equal((verifyBundle(noDigest, {}) as { code: string }).code, 'CORK_BUNDLE_MALFORMED');
  });

  it('never throws, whatever the input', () => {
    const inputs: unknown[] = [
      '[]'.repeat(1),
      '['.repeat(200_000) + ']'.repeat(200_000),
      '{"a":"\\ud800"}',
      'null',
      '1e999',
      undefined,
      42,
      serializeBundle(good()).replace('"signatures"', '"x"'),
      `${canonicalJson({ ...good(), signatures: 'nope' })}`,
      `${canonicalJson({ ...good(), signatures: [{ alg: 1 }] })}`,
    ];
    for (const input of inputs) {
      const r = verifyBundle(input as string, { verifyKeyPem: 'not a key' });
      assert.equal(r.ok, false);
      assert.ok((r as { code: string }).code in BUNDLE_ERRORS);
    }
  });
});
