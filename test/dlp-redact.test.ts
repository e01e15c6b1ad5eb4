// The route's action on outbound findings (applyAction): block names what
// and where, never the secret; redact rewrites every finding to a typed
// placeholder, rescans, and blocks instead when something remains or sits
// where nothing can be rewritten; supervise is refused for now.
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import knownSecrets from '../plugins/builtin/known-secrets.ts';
import tokenPatterns from '../plugins/builtin/token-patterns.ts';
import { applyAction, blockReport, redactRequest, type Rescan } from '../plugins/scan/action.ts';
import { mergeRanges, redactBytes } from '../plugins/scan/redact.ts';
import type { Finding, PluginHooks, RequestView, Verdict } from '../plugins/sdk.ts';
import { FAKE } from './helpers/fake-secrets.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const TOKEN = FAKE['github-classic']!;
const AWS = FAKE['aws-access-key-id']!;
const SECRET = `FAKE-injected-${'0'.repeat(20)}`;

const detectors: PluginHooks[] = [await tokenPatterns.setup({}, { secrets: [] }), await knownSecrets.setup({}, { secrets: [SECRET] })];
/** What the host does: every outbound detector on the request, findings together. */
const scanAll: Rescan = (req) => detectors.flatMap((d) => {
  const v = d.onRequest!(req) as Verdict;
  return v.action === 'allow' ? [] : v.findings;
});

function request(over: Partial<RequestView> = {}): RequestView {
  return { method: 'POST', scheme: 'https', host: 'api.example.com', path: '/v1/things', query: '', headers: [['content-type', 'application/json']], body: new Uint8Array(0), route: 'r', session: 's', agent: 'a', ...over };
}

async function act(req: RequestView, action: 'block' | 'redact' | 'supervise' = 'redact') {
  return applyAction(await scanAll(req), action, req, scanAll);
}

describe('redact', () => {
  it('replaces a token in every rewritable location with a typed placeholder, and the result scans clean', async () => {
    const req = request({
      path: `/v1/repos/${TOKEN}/x`,
      query: `key=${AWS}&page=2`,
      headers: [['content-type', 'application/json'], ['x-token', `Bearer ${TOKEN}`], ['content-length', '0']],
      body: enc.encode(JSON.stringify({ a: TOKEN, b: 'keep me', c: SECRET })),
    });
    const r = await act(req);
    assert.equal(r.verdict.action, 'redact');
    const out = r.redactedRequest!;
    assert.equal(out.path, `/v1/repos/${encodeURIComponent('[REDACTED:github-classic]')}/x`);
    assert.equal(out.query, `key=${encodeURIComponent('[REDACTED:aws-access-key-id]')}&page=2`);
    assert.deepEqual(out.headers.find(([n]) => n === 'x-token'), ['x-token', 'Bearer [REDACTED:github-classic]']);
    const body = dec.decode(out.body);
    assert.deepEqual(JSON.parse(body), { a: '[REDACTED:github-classic]', b: 'keep me', c: '[REDACTED:known-secret-raw]' });
    assert.deepEqual(out.headers.find(([n]) => n === 'content-length'), ['content-length', String(out.body.length)]);
    assert.deepEqual(await scanAll(out), []);
    assert.ok(r.verdict.action === 'redact');
    assert.deepEqual(new Set(r.verdict.ranges.map((x) => x.location)), new Set(['path', 'query', 'header:x-token', 'body']));
    // The untouched request is unchanged.
    assert.ok(req.path.includes(TOKEN));
  });

  it('keeps byte offsets right after multi-byte characters and in repeated headers', async () => {
    const req = request({ headers: [['x-a', 'première'], ['x-a', `ünï ${TOKEN} ok`]] });
    const r = await act(req);
    assert.deepEqual(r.redactedRequest!.headers.filter(([n]) => n === 'x-a'), [['x-a', 'première'], ['x-a', 'ünï [REDACTED:github-classic] ok']]);
  });

  it('gives one placeholder where two detectors found the same bytes', async () => {
    const both = await tokenPatterns.setup({}, { secrets: [] });
    const twin = await knownSecrets.setup({}, { secrets: [TOKEN] });
    const scan: Rescan = (req) => [both, twin].flatMap((d) => {
      const v = d.onRequest!(req) as Verdict;
      return v.action === 'allow' ? [] : v.findings;
    });
    const req = request({ body: enc.encode(`x ${TOKEN} y`) });
    const findings = await scan(req);
    assert.equal(findings.length, 2);
    const r = await applyAction(findings, 'redact', req, scan);
    assert.equal(dec.decode(r.redactedRequest!.body), 'x [REDACTED:github-classic] y');
  });

  it('redacts inside a gzip body and sends it decoded, without Content-Encoding', async () => {
    const req = request({ headers: [['content-encoding', 'gzip'], ['content-length', '999']], body: gzipSync(enc.encode(`{"k":"${TOKEN}"}`)) });
    const r = await act(req);
    assert.equal(r.verdict.action, 'redact');
    const out = r.redactedRequest!;
    assert.equal(dec.decode(out.body), '{"k":"[REDACTED:github-classic]"}');
    assert.ok(!out.headers.some(([n]) => n === 'content-encoding'));
    assert.deepEqual(out.headers.find(([n]) => n === 'content-length'), ['content-length', String(out.body.length)]);
  });

  it('blocks instead when the secret is in the host or the Host header', async () => {
    const r = await act(request({ host: `${TOKEN}.exfil.example`, body: enc.encode(TOKEN) }));
    assert.equal(r.verdict.action, 'block');
    assert.equal(r.code, 'dlp_redact_unrewritable');
    assert.ok(r.verdict.action === 'block' && r.verdict.findings.some((f) => f.location === 'host'));
    const header = await act(request({ headers: [['host', `${TOKEN}.exfil.example`]] }));
    assert.equal(header.code, 'dlp_redact_unrewritable');
  });

  it('blocks instead when the body cannot be read, or hides a compressed file', async () => {
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => gzipSync(new Uint8Array(1 << 20))));
    const capped = await knownSecrets.setup({ maxDecodedBytes: 1 << 20 }, { secrets: [SECRET] });
    const req = request({ headers: [['content-encoding', 'gzip']], body: bomb });
    const findings = (capped.onRequest!(req) as Verdict & { findings: Finding[] }).findings;
    const r = await applyAction(findings, 'redact', req, scanAll);
    assert.equal(r.code, 'dlp_redact_unrewritable');
    const embedded = request({ headers: [['content-type', 'application/gzip']], body: gzipSync(enc.encode(`log ${TOKEN}`)) });
    const e = await act(embedded);
    assert.equal(e.verdict.action, 'block');
    assert.equal(e.code, 'dlp_redact_unrewritable');
    assert.ok(gunzipSync(embedded.body).length > 0);
  });

  it('blocks instead when the rescan still finds something', async () => {
    // Findings are capped per request (one is enough to block): a redaction of
    // the first thousand leaves the rest, and the rescan sees them.
    const many = Array.from({ length: 1200 }, () => TOKEN).join(' ');
    const r = await act(request({ body: enc.encode(many) }));
    assert.equal(r.verdict.action, 'block');
    assert.equal(r.code, 'dlp_redact_residual');
    assert.ok(r.verdict.action === 'block' && r.verdict.findings.length > 0);
    // And a rescan that reports anything is believed.
    const stub = await applyAction([{ detector: 'x', rule: 'y', location: 'body', offset: 0, length: 1, severity: 'high', excerpt: 'x…' }], 'redact', request({ body: enc.encode('abc') }), () => [
      { detector: 'x', rule: 'z', location: 'body', offset: 0, length: 1, severity: 'high', excerpt: 'x…' },
    ]);
    assert.equal(stub.code, 'dlp_redact_residual');
  });
});

describe('block, supervise, allow', () => {
  it('blocks, naming detector, rule and location but never the secret', async () => {
    const r = await act(request({ headers: [['authorization', `token ${TOKEN}`]], body: enc.encode(SECRET) }), 'block');
    assert.equal(r.code, 'dlp_block');
    assert.ok(r.verdict.action === 'block');
    const report = blockReport(r.verdict.findings, r.code!);
    assert.equal(report.error, 'dlp_block');
    assert.match(report.message, /dlp\.token_patterns found github-classic in header:authorization \(and 1 more\)/);
    const text = JSON.stringify(report);
    assert.ok(!text.includes(TOKEN.slice(4, 12)) && !text.includes(SECRET.slice(5)), text);
    assert.deepEqual(report.findings.map((f) => [f.detector, f.location]), [['dlp.token_patterns', 'header:authorization'], ['dlp.known_secrets', 'body']]);
  });

  it('refuses supervise as supervise_unavailable', async () => {
    const r = await act(request({ body: enc.encode(TOKEN) }), 'supervise');
    assert.equal(r.verdict.action, 'block');
    assert.equal(r.code, 'supervise_unavailable');
    assert.match(blockReport((r.verdict as { findings: Finding[] }).findings, r.code!).message, /supervision is not available/);
  });

  it('allows a clean request whatever the action', async () => {
    for (const action of ['block', 'redact', 'supervise'] as const) {
      assert.deepEqual(await act(request({ body: enc.encode('{"hello":"world"}') }), action), { verdict: { action: 'allow' } });
    }
  });
});

describe('byte rewriting', () => {
  it('merges overlapping and touching ranges and keeps the first label', () => {
    assert.deepEqual(mergeRanges([{ offset: 5, length: 5, label: 'b' }, { offset: 0, length: 6, label: 'a' }, { offset: 10, length: 2, label: 'c' }, { offset: 20, length: 1, label: 'd' }]), [
      { offset: 0, length: 12, label: 'a' },
      { offset: 20, length: 1, label: 'd' },
    ]);
  });

  it('replaces ranges, clipped to the bytes', () => {
    assert.equal(dec.decode(redactBytes(enc.encode('abcdefgh'), [{ offset: 2, length: 2, label: 'x' }, { offset: 6, length: 10, label: 'y' }])), 'ab[REDACTED:x]ef[REDACTED:y]');
    const same = enc.encode('unchanged');
    assert.equal(redactBytes(same, []), same);
  });

  it('refuses to rewrite a range that spans two values of a header', () => {
    const req = request({ headers: [['x-a', 'one'], ['x-a', 'two']] });
    assert.equal(redactRequest(req, [{ detector: 'x', rule: 'r', location: 'header:x-a', offset: 2, length: 3, severity: 'high', excerpt: '' }]), null);
  });
});
