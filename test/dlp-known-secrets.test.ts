// dlp.known_secrets: the injected credentials' real values found in every
// encoding an agent could send them in, in every part of a request, inside
// compressed bodies too — and a compressed body that would expand past the
// cap refused at once rather than scanned.
import assert from 'node:assert/strict';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import knownSecrets from '../plugins/builtin/known-secrets.ts';
import { decodeBody } from '../plugins/scan/decompress.ts';
import { KnownSecretsPart } from '../plugins/scan/known-secrets-scan.ts';
import { DlpScanner } from '../plugins/scan/scanner.ts';
import { base64Core, secretVariants } from '../plugins/scan/secret-variants.ts';
import type { PluginHooks, RequestView, Verdict } from '../plugins/sdk.ts';

const enc = new TextEncoder();

// Obviously fake; built so its encodings exercise every escape: `/` and `+`
// (base64 vs base64url), `"` and `\` (JSON), `%`, `&` and space (percent).
const SECRET = 'FAKE-s3cr3t/0000+"quote\\slash% & 0123456789?~~~';
const OTHER = `FAKE-other-${'0'.repeat(24)}`;

function request(over: Partial<RequestView> = {}): RequestView {
  return { method: 'POST', scheme: 'https', host: 'api.example.com', path: '/v1/upload', query: '', headers: [['content-type', 'application/json']], body: new Uint8Array(0), route: 'r', session: 's', agent: 'a', ...over };
}

const hooks: PluginHooks = await knownSecrets.setup({}, { secrets: [OTHER, SECRET] });
const onRequest = (req: RequestView) => hooks.onRequest!(req) as Verdict;
const findingsIn = (req: RequestView) => {
  const v = onRequest(req);
  return v.action === 'allow' ? [] : v.findings;
};

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const hex = Buffer.from(SECRET).toString('hex');

/** Each encoding: the text an agent would send. */
const ENCODED: ReadonlyArray<[string, string, string]> = [
  ['raw', SECRET, 'known-secret-raw'],
  ['base64, aligned', b64(SECRET), 'known-secret-base64'],
  ['base64 after 1 byte', b64(`x${SECRET}`), 'known-secret-base64'],
  ['base64 after 2 bytes', b64(`xy${SECRET}`), 'known-secret-base64'],
  ['base64 after 4 bytes (inside a longer blob)', b64(`{"k":"${SECRET}"}`), 'known-secret-base64'],
  ['base64url, aligned', Buffer.from(SECRET).toString('base64url'), 'known-secret-base64url'],
  ['base64url after 1 byte', Buffer.from(`x${SECRET}`).toString('base64url'), 'known-secret-base64url'],
  ['base64url after 2 bytes', Buffer.from(`xy${SECRET}`).toString('base64url'), 'known-secret-base64url'],
  ['hex, lower case', hex, 'known-secret-hex'],
  ['hex, upper case', hex.toUpperCase(), 'known-secret-hex'],
  ['percent-encoding (encodeURIComponent)', encodeURIComponent(SECRET), 'known-secret-percent'],
  ['percent-encoding of every byte', [...Buffer.from(SECRET)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''), 'known-secret-percent'],
  ['percent-encoding of every byte, lower case', [...Buffer.from(SECRET)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''), 'known-secret-percent'],
  ['JSON string escapes', JSON.stringify(SECRET).slice(1, -1), 'known-secret-json-escape'],
  ['JSON \\u escape of every character', [...SECRET].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''), 'known-secret-json-escape'],
  ['reversed', [...SECRET].reverse().join(''), 'known-secret-reversed'],
  ['letters and digits, spaced', SECRET.replace(/[^A-Za-z0-9]/g, '').split('').join(' '), 'known-secret-alnum-projection'],
  ['letters and digits, dashed and dotted', SECRET.replace(/[^A-Za-z0-9]/g, '').split('').join('-.'), 'known-secret-alnum-projection'],
  ['letters and digits, separators up to the gap limit', SECRET.replace(/[^A-Za-z0-9]/g, '').split('').map((c, i) => c + ' _-.'.slice(0, (i % 4) + 1)).join(''), 'known-secret-alnum-projection'],
];

describe('dlp.known_secrets: every encoding', () => {
  it('has the encodings the issue lists, each a distinct variant', () => {
    const kinds = new Set(secretVariants(SECRET, 0).map((v) => v.kind));
    assert.deepEqual([...kinds].sort(), ['alnum-projection', 'base64', 'base64url', 'hex', 'json-escape', 'percent', 'raw', 'reversed']);
    // Three base64 alignments, three base64url.
    assert.equal(secretVariants(SECRET, 0).filter((v) => v.kind === 'base64').length, 3);
    assert.equal(secretVariants(SECRET, 0).filter((v) => v.kind === 'base64url').length, 3);
  });

  it('keeps only the base64 characters that depend on the secret alone', () => {
    // Whatever surrounds it, the core is a substring of the encoding.
    for (const align of [0, 1, 2] as const) {
      const core = base64Core(enc.encode(SECRET), align);
      for (const before of ['', 'a', 'ab', 'abc', 'abcd']) {
        if (before.length % 3 !== align) continue;
        for (const after of ['', 'z', 'zz', 'zzz']) assert.ok(b64(`${before}${SECRET}${after}`).includes(core), `${align} ${before} ${after}`);
      }
    }
  });

  for (const [name, text, rule] of ENCODED) {
    it(`finds the secret ${name}, in the body, a header and the query`, () => {
      for (const [where, req, location] of [
        ['body', request({ body: enc.encode(`{"data":"${text}"}`) }), 'body'],
        ['raw body', request({ headers: [['content-type', 'application/octet-stream']], body: enc.encode(`>>${text}<<`) }), 'body'],
        ['header', request({ headers: [['x-data', text]] }), 'header:x-data'],
        ['query', request({ query: `d=${text}` }), 'query'],
      ] as const) {
        const found = findingsIn(req);
        assert.ok(found.length > 0, `${name} in ${where}: nothing found`);
        assert.ok(found.every((f) => f.detector === 'dlp.known_secrets' && f.location === location && f.severity === 'critical'), `${name} in ${where}: ${JSON.stringify(found)}`);
        if (where === 'raw body' || where === 'header') assert.deepEqual(found.map((f) => f.rule), [rule], `${name} in ${where}`);
      }
    });
  }

  it('reports the exact bytes of each encoding it finds', () => {
    const scanner = new DlpScanner([new KnownSecretsPart([SECRET])]);
    for (const [name, text] of ENCODED) {
      const doc = `before ${text} after`;
      const [m] = scanner.scan(enc.encode(doc));
      assert.ok(m, name);
      const got = doc.slice(m.offset, m.offset + m.length);
      assert.ok(text.includes(got) && got.length >= Math.min(text.length, 40), `${name}: ${got}`);
    }
  });

  it('leaves near misses alone: one character changed, cut short, over the gap limit, or too short to be a secret', async () => {
    const changed = SECRET.replace('s3cr3t', 's3cr4t');
    const alnum = SECRET.replace(/[^A-Za-z0-9]/g, '');
    for (const text of [changed, b64(changed), Buffer.from(changed).toString('hex'), SECRET.slice(0, 20), alnum.split('').join('     '), [...changed].reverse().join('')]) {
      assert.deepEqual(findingsIn(request({ body: enc.encode(text) })), [], text);
    }
    const short = await knownSecrets.setup({}, { secrets: ['abc'] });
    assert.equal((short.onRequest!(request({ body: enc.encode('abc abc abc') })) as Verdict).action, 'allow');
  });

  it('finds several secrets and names which one, never printing it', () => {
    const found = findingsIn(request({ body: enc.encode(`${OTHER} and ${b64(SECRET)}`) }));
    assert.deepEqual(found.map((f) => f.excerpt), [`known secret #1 (raw, ${OTHER.length} bytes)`, `known secret #2 (base64, ${base64Core(enc.encode(SECRET), 0).length} bytes)`]);
    for (const f of found) assert.ok(!f.excerpt.includes(SECRET.slice(0, 4)) && !f.excerpt.includes('FAKE'), f.excerpt);
  });

  it('does nothing at all without secrets', async () => {
    const none = await knownSecrets.setup({}, { secrets: [] });
    assert.equal(none.onResponseChunk, undefined);
    assert.deepEqual(none.onRequest!(request({ body: enc.encode(SECRET) })), { action: 'allow' });
  });

  it('blocks a response that carries a secret back, by default', async () => {
    const chunk = { status: 200, headers: [], data: enc.encode(`echo: ${b64(SECRET)}`), overlap: 0, position: 0, final: true, route: 'r', session: 's' };
    assert.equal(((await hooks.onResponseChunk!(chunk)) as Verdict).action, 'block');
    assert.ok(hooks.overlapBytes! >= SECRET.length * 6, 'overlap covers the longest variant (\\u escapes)');
  });
});

describe('dlp.known_secrets: compressed bodies', () => {
  const payload = enc.encode(JSON.stringify({ note: 'upload', data: b64(`xy${SECRET}`) }));
  const encoded: Array<[string, Uint8Array]> = [
    ['gzip', gzipSync(payload)],
    ['x-gzip', gzipSync(payload)],
    ['deflate', deflateSync(payload)],
    ['br', brotliCompressSync(payload)],
  ];
  for (const [name, body] of encoded) {
    it(`decodes a ${name} body (Content-Encoding) before scanning`, () => {
      const found = findingsIn(request({ headers: [['content-encoding', name]], body }));
      assert.deepEqual(found.map((f) => [f.rule, f.location]), [['known-secret-base64', 'body']]);
    });
  }

  it('decodes raw deflate sent as `deflate`, and layered encodings in the order applied', () => {
    assert.equal(findingsIn(request({ headers: [['content-encoding', 'deflate']], body: deflateRawSync(payload) })).length, 1);
    const layered = brotliCompressSync(gzipSync(payload));
    assert.equal(findingsIn(request({ headers: [['content-encoding', 'gzip, br']], body: layered })).length, 1);
    assert.equal(findingsIn(request({ headers: [['content-encoding', 'gzip'], ['content-encoding', 'br']], body: layered })).length, 1);
  });

  it('finds a secret in a gzip file uploaded without Content-Encoding, even cut short', () => {
    const file = gzipSync(enc.encode(`${'log line\n'.repeat(100)}${SECRET}\n${'log line\n'.repeat(1000)}`));
    assert.equal(findingsIn(request({ headers: [['content-type', 'application/gzip']], body: file })).length, 1);
    assert.equal(findingsIn(request({ body: file.subarray(0, file.length - 12) })).length, 1);
  });

  it('refuses a body it cannot decode, or whose encoding it does not know', () => {
    const garbage = findingsIn(request({ headers: [['content-encoding', 'gzip']], body: enc.encode('not gzip at all') }));
    assert.deepEqual(garbage.map((f) => f.rule), ['undecodable-body']);
    const unknown = findingsIn(request({ headers: [['content-encoding', 'zstd']], body: enc.encode('whatever') }));
    assert.deepEqual(unknown.map((f) => f.rule), ['unsupported-encoding']);
    assert.ok(!garbage[0]!.excerpt.includes('not gzip'));
  });

  // 4 GiB of zeros as 4096 gzip members of 1 MiB each: a few MB on the wire.
  const member = gzipSync(new Uint8Array(1 << 20));
  const bomb = Buffer.concat(Array.from({ length: 4096 }, () => member));

  it('refuses a gzip bomb at the cap, fast, whatever its expanded size', () => {
    const t0 = process.hrtime.bigint();
    const found = findingsIn(request({ headers: [['content-encoding', 'gzip']], body: bomb }));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.deepEqual(found.map((f) => [f.rule, f.location]), [['decompression-limit', 'body']]);
    // Decoding it all would take tens of seconds and 4 GiB; stopping at the 16 MiB cap takes milliseconds.
    assert.ok(ms < 2000, `${ms} ms`);
  });

  it('refuses bombs by brotli, without Content-Encoding, and under a smaller cap', async () => {
    const brBomb = brotliCompressSync(new Uint8Array(256 << 20));
    assert.deepEqual(findingsIn(request({ headers: [['content-encoding', 'br']], body: brBomb })).map((f) => f.rule), ['decompression-limit']);
    assert.deepEqual(findingsIn(request({ body: bomb })).map((f) => f.rule), ['decompression-limit']);
    const small = await knownSecrets.setup({ maxDecodedBytes: 4096 }, { secrets: [SECRET] });
    const v = small.onRequest!(request({ headers: [['content-encoding', 'gzip']], body: gzipSync(new Uint8Array(8192)) })) as Verdict;
    assert.ok(v.action === 'block');
    assert.equal(v.findings[0]!.rule, 'decompression-limit');
  });

  it('decodes within the cap exactly', () => {
    const body = gzipSync(new Uint8Array(4096));
    assert.equal(decodeBody(body, ['gzip'], 4096).refusal, null);
    assert.equal(decodeBody(body, ['gzip'], 4095).refusal?.rule, 'decompression-limit');
  });
});
