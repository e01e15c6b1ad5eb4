// Outbound DLP end to end: real clients (curl, node:http) through the forward
// proxy and the gateway form, a real runtime process with the default
// detectors (dlp.token_patterns + dlp.known_secrets) running in its plugin
// pool, and a recording mock upstream. The agent leaks the credential the
// runtime injects (an obviously fake value, FAKE_CREDENTIALS) in every place
// a request can carry it; the route's outbound_on_match decides: block → 403
// naming detector and location (never the secret), redact → the upstream
// gets `[REDACTED:<rule>]`, supervise → refused. The upstream never sees a
// blocked request.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  FAKE_CREDENTIALS,
  FIXTURES,
  compileBundle,
  curlHttp,
  onCleanup,
  parseRefusal,
  send,
  startRuntime,
  type HttpReply,
  type RuntimeProcess,
  type Session,
} from './helpers/runtime-harness.ts';
import { FAKE, fakeGithubToken } from './helpers/fake-secrets.ts';

const POLICY = join(FIXTURES, 'runtime-dlp');
/** The real value the runtime injects on block/redact/supervise routes (fake, from the harness). */
const SECRET = FAKE_CREDENTIALS.CORK_FAKE_API_TOKEN;
const HOST_TOKEN_HOST = 'glpat-fake0host0000000000000.dlp.test';
const HOSTS = ['block.dlp.test', 'plain.dlp.test', 'redact.dlp.test', 'supervise.dlp.test', HOST_TOKEN_HOST];

// ---------------------------------------------------------------------------
// A mock upstream that keeps every request whole (the harness's mock keeps only lengths).

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Buffer;
}

interface Recorder {
  origin: string;
  seen: Seen[];
}

async function startRecorder(): Promise<Recorder> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw: req.rawHeaders.join('\n'), body: Buffer.alloc(0) };
    seen.push(s);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      s.body = Buffer.concat(chunks);
      const text = JSON.stringify({ ok: true, url: s.url, bodyLength: s.body.length });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-mock': 'dlp' });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onCleanup(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

let mock: Recorder;
let rt: RuntimeProcess;
let blocker: Session;
let redactor: Session;
let supervisor: Session;

before(async () => {
  mock = await startRecorder();
  const bundle = compileBundle(POLICY);
  rt = await startRuntime(bundle.path, { overrides: Object.fromEntries(HOSTS.map((h) => [h, mock.origin])) });
  [blocker, redactor, supervisor] = await Promise.all([rt.openSession('dlp-blocker'), rt.openSession('dlp-redactor'), rt.openSession('dlp-supervisor')]);
});

// ---------------------------------------------------------------------------
// Helpers

const pct = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** Forward-proxy request (absolute form) for a session. */
function viaProxy(s: Session, url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<HttpReply> {
  return send(rt.port, url, { ...opts, headers: { 'proxy-authorization': s.proxyAuthorization, ...opts.headers } });
}

/** Gateway request authenticated with the session key. */
function viaGateway(s: Session, host: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<HttpReply> {
  return send(rt.port, `/gw/${host}${path}`, { ...opts, headers: { 'x-api-key': s.key, ...opts.headers } });
}

/** Nothing of the secret in text: not whole, not its distinctive middle. */
function assertNoSecret(text: string, what: string): void {
  for (const needle of [SECRET, 'api-token-cork-test', Buffer.from(SECRET).toString('base64').slice(4, 24)]) {
    assert.ok(!text.includes(needle), `${what} carries the secret (${needle}): ${text}`);
  }
}

/** A refusal that the upstream never saw. */
async function refusedUnseen(send: () => Promise<HttpReply>, status: number, rule: string): Promise<{ reason: string; body: string }> {
  const before = mock.seen.length;
  const r = await send();
  assert.equal(r.status, status, `expected ${status} ${rule}, got ${r.status}: ${r.body}`);
  const body = parseRefusal(r.body);
  assert.equal(body.rule, rule, r.body);
  assert.equal(mock.seen.length, before, 'the upstream received the refused request');
  return { reason: body.reason, body: r.body };
}

function passed(r: HttpReply): Seen {
  assert.equal(r.status, 200, `expected the upstream's 200, got ${r.status}: ${r.body}`);
  assert.equal(r.headers['x-mock'], 'dlp');
  return mock.seen.at(-1)!;
}

// ---------------------------------------------------------------------------

describe('block: the injected credential leaked by the agent', { timeout: 30_000 }, () => {
  const cases: Array<{ name: string; location: RegExp; req: (via: 'proxy' | 'gateway') => Promise<HttpReply> }> = [
    {
      name: 'in the query string',
      location: /dlp\.known_secrets found \S+ in query/,
      req: (via) => (via === 'proxy' ? viaProxy(blocker, `http://block.dlp.test/search?q=${SECRET}&page=2`) : viaGateway(blocker, 'block.dlp.test', `/search?q=${SECRET}`)),
    },
    {
      name: 'in a custom header',
      location: /dlp\.known_secrets found \S+ in header:x-debug-token/,
      req: (via) =>
        via === 'proxy'
          ? viaProxy(blocker, 'http://block.dlp.test/v1/items', { headers: { 'x-debug-token': SECRET } })
          : viaGateway(blocker, 'block.dlp.test', '/v1/items', { headers: { 'x-debug-token': `token=${SECRET}` } }),
    },
    {
      name: 'in a JSON body',
      location: /dlp\.known_secrets found \S+ in body/,
      req: (via) => {
        const body = JSON.stringify({ title: 'bug report', env: { CORK_FAKE_API_TOKEN: SECRET } });
        const opts = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
        return via === 'proxy' ? viaProxy(blocker, 'http://block.dlp.test/v1/issues', opts) : viaGateway(blocker, 'block.dlp.test', '/v1/issues', opts);
      },
    },
    {
      name: 'base64-encoded inside a JSON body',
      location: /dlp\.known_secrets found \S+ in body/,
      req: (via) => {
        const body = JSON.stringify({ attachment: Buffer.from(`config dump: token=${SECRET}\n`).toString('base64') });
        const opts = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
        return via === 'proxy' ? viaProxy(blocker, 'http://block.dlp.test/v1/upload', opts) : viaGateway(blocker, 'block.dlp.test', '/v1/upload', opts);
      },
    },
    {
      name: 'percent-encoded (every byte) in the query string',
      location: /dlp\.known_secrets found \S+ in query/,
      req: (via) => (via === 'proxy' ? viaProxy(blocker, `http://block.dlp.test/x?t=${pct(SECRET)}`) : viaGateway(blocker, 'block.dlp.test', `/x?t=${pct(SECRET)}`)),
    },
    {
      name: 'percent-encoded in a form body',
      location: /dlp\.known_secrets found \S+ in body/,
      req: (via) => {
        const opts = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `user=me&token=${pct(SECRET)}` };
        return via === 'proxy' ? viaProxy(blocker, 'http://block.dlp.test/login', opts) : viaGateway(blocker, 'block.dlp.test', '/login', opts);
      },
    },
    {
      name: 'in a gzip-compressed body (Content-Encoding: gzip)',
      location: /dlp\.known_secrets found \S+ in body/,
      req: (via) => {
        const opts = { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify({ log: `Authorization: Bearer ${SECRET}` })) };
        return via === 'proxy' ? viaProxy(blocker, 'http://block.dlp.test/v1/logs', opts) : viaGateway(blocker, 'block.dlp.test', '/v1/logs', opts);
      },
    },
  ];

  for (const c of cases) {
    for (const via of ['proxy', 'gateway'] as const) {
      test(`${c.name} (${via}) → 403 dlp.blocked naming detector and location, nothing sent upstream`, async () => {
        const { reason, body } = await refusedUnseen(() => c.req(via), 403, 'dlp.blocked');
        assert.match(reason, c.location);
        // The refusal's `path` echoes the raw request target, query included: checked on its own below.
        if (!c.location.source.includes('query')) assertNoSecret(body, 'the 403 body');
      });
    }
  }

  test(
    'a secret in the query string is not echoed back in the 403 body (its `path` field)',
    async () => {
      for (const query of [`q=${SECRET}`, `t=${pct(SECRET)}`]) {
        const { body } = await refusedUnseen(() => viaProxy(blocker, `http://block.dlp.test/search?${query}`), 403, 'dlp.blocked');
        assertNoSecret(decodeURIComponent(body), 'the 403 body');
      }
    },
  );

  test('base64 at each of the three byte alignments, and base64url', async () => {
    for (const lead of ['', 'a', 'ab']) {
      const blob = Buffer.from(`${lead}${SECRET}`).toString('base64');
      const { reason } = await refusedUnseen(() => viaProxy(blocker, 'http://block.dlp.test/v1/upload', { method: 'POST', body: `data=${blob}` }), 403, 'dlp.blocked');
      assert.match(reason, /dlp\.known_secrets found \S+ in body/);
    }
    const url = Buffer.from(`??${SECRET}??`).toString('base64url');
    await refusedUnseen(() => viaProxy(blocker, 'http://block.dlp.test/v1/upload', { method: 'POST', body: url }), 403, 'dlp.blocked');
  });

  test('curl through HTTP_PROXY-style proxy URL: -H, --data and a query all refused', async () => {
    for (const args of [
      ['-H', `X-Leak: ${SECRET}`, 'http://block.dlp.test/a'],
      ['--data-binary', `{"k":"${SECRET}"}`, '-H', 'content-type: application/json', 'http://block.dlp.test/a'],
      [`http://block.dlp.test/a?k=${SECRET}`],
    ]) {
      const before = mock.seen.length;
      const r = await curlHttp(['-x', blocker.proxyUrl, ...args]);
      assert.equal(r.status, 403, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(parseRefusal(r.body).rule, 'dlp.blocked');
      assert.equal(mock.seen.length, before);
    }
  });

  test('outside query strings, the secret never appears in the runtime log', () => {
    const lines = rt.stderr().split('\n').filter((l) => !/"path":"[^"]*\?/.test(l));
    assertNoSecret(lines.join('\n'), 'the runtime log');
  });

  test('the secret never appears in the runtime log, query strings included', () => {
    assertNoSecret(decodeURIComponent(rt.stderr()), 'the runtime log');
  });
});

describe('block: token patterns (credentials by format)', { timeout: 20_000 }, () => {
  test('an AWS access key id in a body, a GitHub token in a header, a Slack token in the query → 403 dlp.token_patterns', async () => {
    const aws = await refusedUnseen(
      () => viaProxy(blocker, 'http://plain.dlp.test/deploy', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `aws_access_key_id = ${FAKE['aws-access-key-id']}\n` }),
      403,
      'dlp.blocked',
    );
    assert.match(aws.reason, /dlp\.token_patterns found aws-access-key-id in body/);
    assert.ok(!aws.body.includes(FAKE['aws-access-key-id']!));
    const gh = await refusedUnseen(() => viaGateway(blocker, 'plain.dlp.test', '/repos', { headers: { 'x-github-token': fakeGithubToken() } }), 403, 'dlp.blocked');
    assert.match(gh.reason, /dlp\.token_patterns found github-classic in header:x-github-token/);
    assert.ok(!gh.body.includes(fakeGithubToken()));
    const slack = await refusedUnseen(() => viaProxy(blocker, `http://plain.dlp.test/hook?token=${FAKE['slack-token']}`), 403, 'dlp.blocked');
    assert.match(slack.reason, /dlp\.token_patterns found slack-token in query/);
  });
});

describe('clean requests and credential injection', { timeout: 20_000 }, () => {
  test('a clean request passes; the upstream gets the injected credential, the agent never needed it', async () => {
    const seen = passed(await viaProxy(blocker, 'http://block.dlp.test/v1/items?page=2', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"hello"}' }));
    assert.equal(seen.url, '/v1/items?page=2');
    assert.equal(seen.headers['authorization'], `Bearer ${SECRET}`, 'injected after the scan, so not flagged');
    assert.equal(seen.body.toString(), '{"title":"hello"}');
  });

  test('a request that merely carries the session key (gateway x-api-key / Bearer) is not flagged', async () => {
    const a = passed(await viaGateway(blocker, 'block.dlp.test', '/v1/items'));
    assert.equal(a.headers['authorization'], `Bearer ${SECRET}`);
    assert.ok(!a.raw.includes(blocker.key));
    const b = passed(await send(rt.port, '/gw/plain.dlp.test/v1/items', { headers: { authorization: `Bearer ${blocker.key}` } }));
    assert.equal(b.headers['authorization'], undefined, 'no route credential: the session key is stripped, nothing injected');
    assert.ok(!b.raw.includes(blocker.key));
  });

  test('an agent-supplied Authorization carrying the real secret is a leak, not a credential', async () => {
    // The runtime would replace the header anyway; the agent having the value at all is the finding.
    await refusedUnseen(() => viaProxy(blocker, 'http://block.dlp.test/v1/items', { headers: { authorization: `Bearer ${SECRET}` } }), 403, 'dlp.blocked');
  });

  test('a 256 KiB clean body passes whole', async () => {
    const body = Buffer.alloc(256 * 1024, 'lorem ipsum dolor sit amet ');
    const seen = passed(await viaProxy(blocker, 'http://block.dlp.test/v1/blob', { method: 'POST', headers: { 'content-type': 'text/plain' }, body }));
    assert.equal(seen.body.length, body.length);
    assert.ok(seen.body.equals(body));
  });
});

describe('redact: the upstream gets [REDACTED:<rule>] instead', { timeout: 30_000 }, () => {
  test('in the query string (placeholder percent-encoded)', async () => {
    const seen = passed(await viaProxy(redactor, `http://redact.dlp.test/search?q=${SECRET}&page=2`));
    assertNoSecret(seen.url, 'the upstream URL');
    assert.match(seen.url, /^\/search\?q=%5BREDACTED%3A[a-z0-9-]+%5D&page=2$/);
    assert.match(decodeURIComponent(seen.url), /\?q=\[REDACTED:known-secret-raw\]&page=2$/);
  });

  test('in a custom header', async () => {
    const seen = passed(await viaGateway(redactor, 'redact.dlp.test', '/v1/items', { headers: { 'x-debug-token': `token=${SECRET}` } }));
    assert.match(String(seen.headers['x-debug-token']), /^token=\[REDACTED:[a-z0-9-]+\]$/);
    assertNoSecret(seen.raw.replace(`Bearer ${SECRET}`, ''), 'the upstream headers besides the injected Authorization');
    assert.equal(seen.headers['authorization'], `Bearer ${SECRET}`, 'the credential is still injected after redaction');
  });

  test('in a JSON body, with a content-length that matches the rewritten body', async () => {
    const body = JSON.stringify({ title: 'bug', token: SECRET, more: 'x' });
    const seen = passed(await viaProxy(redactor, 'http://redact.dlp.test/v1/issues', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    const text = seen.body.toString('utf8');
    assertNoSecret(text, 'the upstream body');
    const parsed = JSON.parse(text) as { token: string; title: string; more: string };
    assert.match(parsed.token, /^\[REDACTED:[a-z0-9-]+\]$/);
    assert.equal(parsed.title, 'bug');
    assert.equal(parsed.more, 'x');
    assert.equal(Number(seen.headers['content-length']), seen.body.length);
  });

  test('a token pattern in the body is labelled with its rule', async () => {
    const seen = passed(await viaProxy(redactor, 'http://redact.dlp.test/v1/notes', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `key ${FAKE['aws-access-key-id']} end` }));
    assert.equal(seen.body.toString(), 'key [REDACTED:aws-access-key-id] end');
    assert.equal(Number(seen.headers['content-length']), seen.body.length);
  });

  test('in a gzip body: sent decoded and redacted, Content-Encoding dropped, length consistent', async () => {
    const seen = passed(
      await viaProxy(redactor, 'http://redact.dlp.test/v1/logs', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
        body: gzipSync(`line 1\nAuthorization: Bearer ${SECRET}\nline 3\n`),
      }),
    );
    assert.equal(seen.headers['content-encoding'], undefined);
    assert.match(seen.body.toString(), /^line 1\nAuthorization: Bearer \[REDACTED:[a-z0-9-]+\]\nline 3\n$/);
    assert.equal(Number(seen.headers['content-length']), seen.body.length);
  });

  test('curl --data through the proxy: redacted body reaches the upstream', async () => {
    const r = await curlHttp(['-x', redactor.proxyUrl, '--data-binary', `note=${SECRET}`, 'http://redact.dlp.test/v1/form']);
    assert.equal(r.status, 200, r.stdout + r.stderr);
    const seen = mock.seen.at(-1)!;
    assert.match(seen.body.toString(), /^note=\[REDACTED:[a-z0-9-]+\]$/);
    assert.equal(Number(seen.headers['content-length']), seen.body.length);
  });

  test('unrewritable: a token in the host name → blocked, not redacted', async () => {
    const { reason } = await refusedUnseen(() => viaProxy(redactor, `http://${HOST_TOKEN_HOST}/x`), 403, 'dlp.blocked');
    assert.match(reason, /dlp\.token_patterns found gitlab in host/);
  });

  test('unrewritable: the secret inside an uploaded .gz (gzip without Content-Encoding) → blocked', async () => {
    const { reason } = await refusedUnseen(
      () => viaProxy(redactor, 'http://redact.dlp.test/v1/upload', { method: 'POST', headers: { 'content-type': 'application/gzip' }, body: gzipSync(`secret=${SECRET}\n`) }),
      403,
      'dlp.blocked',
    );
    assert.match(reason, /dlp\.known_secrets found \S+ in body/);
  });

  test('residual: more copies than one pass reports (findings are capped) → the rescan finds the rest → blocked', async () => {
    const body = Array.from({ length: 1200 }, () => SECRET).join(' ');
    const { reason, body: reply } = await refusedUnseen(() => viaProxy(redactor, 'http://redact.dlp.test/v1/dump', { method: 'POST', headers: { 'content-type': 'text/plain' }, body }), 403, 'dlp.blocked');
    assert.match(reason, /dlp\.known_secrets found \S+ in body/);
    assertNoSecret(reply, 'the 403 body');
  });

  test('a clean request on the redact route passes untouched', async () => {
    const seen = passed(await viaProxy(redactor, 'http://redact.dlp.test/v1/items?x=1', { method: 'POST', body: 'hello' }));
    assert.equal(seen.url, '/v1/items?x=1');
    assert.equal(seen.body.toString(), 'hello');
  });
});

describe('supervise: no approvals yet → refused (fail closed)', { timeout: 20_000 }, () => {
  test('a finding → 403 dlp.supervise-unavailable; nothing sent', async () => {
    for (const req of [
      () => viaProxy(supervisor, 'http://supervise.dlp.test/v1/items', { method: 'POST', body: `{"t":"${SECRET}"}` }),
      () => viaGateway(supervisor, 'supervise.dlp.test', `/v1/items?t=${SECRET}`),
    ]) {
      const { body, reason } = await refusedUnseen(req, 403, 'dlp.supervise-unavailable');
      assert.equal(JSON.parse(body).error, 'supervise_unavailable');
      assert.match(reason, /dlp\.known_secrets found \S+ in (body|query)/);
      assertNoSecret(JSON.stringify({ ...JSON.parse(body), path: '' }), 'the 403 body besides its path');
    }
  });

  test('a clean request passes', async () => {
    const seen = passed(await viaProxy(supervisor, 'http://supervise.dlp.test/v1/items', { method: 'POST', body: 'fine' }));
    assert.equal(seen.headers['authorization'], `Bearer ${SECRET}`);
  });
});
