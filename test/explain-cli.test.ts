// `cork explain <bundle> --agent A "METHOD URL"` on the example policy: the
// decision and the chain behind it (route and the bottle it came from, each
// match entry, the credential by its token_ref name and never its value),
// exit 0 when the runtime would allow the request and 1 when it would refuse.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { FIXTURES, baseEnv, compileBundle, runCork, tmpDir, type RunResult } from './helpers/runtime-harness.ts';

const GITHUB_TOKEN_VALUE = 'FAKE-github-token-explain-000000';
const ANTHROPIC_VALUE = 'FAKE-anthropic-key-explain-000000';

let bundle: string;
let text: string;

before(() => {
  const b = compileBundle(join(FIXTURES, 'example'));
  bundle = b.path;
  text = b.text;
});

/** Runs explain with the credentials set in its environment, to prove it never prints them. */
async function explain(agent: string | undefined, line: string | undefined, extra: string[] = [], path = bundle): Promise<RunResult> {
  const args = ['explain', path, ...(agent ? ['--agent', agent] : []), ...extra, ...(line ? [line] : [])];
  const r = await runCork(args, { env: baseEnv({ GITHUB_TOKEN: GITHUB_TOKEN_VALUE, ANTHROPIC_API_KEY: ANTHROPIC_VALUE }) });
  assert.ok(!r.stdout.includes(GITHUB_TOKEN_VALUE) && !r.stderr.includes(GITHUB_TOKEN_VALUE), 'a credential value was printed');
  assert.ok(!r.stdout.includes(ANTHROPIC_VALUE) && !r.stderr.includes(ANTHROPIC_VALUE), 'a credential value was printed');
  return r;
}

function lines(r: RunResult): string[] {
  return r.stdout.trimEnd().split('\n');
}

describe('allowed requests: exit 0 and the chain', { timeout: 30_000 }, () => {
  test('prefix + method entry, with the Bearer credential by name', async () => {
    const r = await explain('reviewer', 'GET https://api.github.com/repos/acme/app');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r).slice(1), [
      'request: GET https://api.github.com:443/repos/acme/app',
      'bottles: github',
      'route: api.github.com, from bottle "github"',
      'port: 443 ok (https default)',
      'matches[0] (GET /repos/acme/*): matches',
      'decision: ALLOW via matches (matches[0])',
      'credential: sets authorization: Bearer <value of GITHUB_TOKEN> (incoming authorization and x-api-key removed)',
    ]);
    assert.match(lines(r)[0]!, /^agent: reviewer \(bundle [0-9a-f]{12}\)$/);
  });

  test('regex + header entry: allowed with the header, the earlier entry reported as not matching', async () => {
    const r = await explain('reviewer', 'POST https://api.github.com/repos/acme/app/issues/3/comments', ['--header', 'Accept: application/vnd.github+json']);
    assert.equal(r.code, 0, r.stdout);
    assert.ok(lines(r).includes('matches[0] (GET /repos/acme/*): no, method POST not in [GET]'), r.stdout);
    assert.match(r.stdout, /^matches\[1\] \(POST \/\^\/repos\/acme\/app\/issues\/\[0-9\]\+\/comments\$\/ accept: application\/vnd\.github\+json\): matches$/m);
    assert.match(r.stdout, /^decision: ALLOW via matches \(matches\[1\]\)$/m);
  });

  test('git fetch via git.fetch, with the token-scheme credential by name', async () => {
    const r = await explain('reviewer', 'GET https://github.com/acme/app.git/info/refs?service=git-upload-pack');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^git: a smart-HTTP fetch request, allowed by git\.fetch: true$/m);
    assert.match(r.stdout, /^decision: ALLOW via git-fetch$/m);
    assert.match(r.stdout, /^credential: sets authorization: token <value of GITHUB_TOKEN>/m);
  });

  test('the provider route synthesized from agent_provider', async () => {
    const r = await explain('reviewer', 'POST https://api.anthropic.com/v1/messages');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^route: api\.anthropic\.com, synthesized from agent_provider \(template claude\)$/m);
    assert.match(r.stdout, /^decision: ALLOW via open-route$/m);
    assert.match(r.stdout, /^credential: sets x-api-key: <value of ANTHROPIC_API_KEY>/m);
  });

  test('bottle origin through extends: each route names the bottle that defines it', async () => {
    const docs = await explain('ci-fixer', 'GET https://docs.python.org/3/library/json.html');
    assert.equal(docs.code, 0);
    assert.match(docs.stdout, /^bottles: ci$/m);
    assert.match(docs.stdout, /^route: docs\.python\.org, from bottle "docs-reader \(via ci\)"$/m);
    assert.match(docs.stdout, /^credential: none injected/m);
    const pypi = await explain('ci-fixer', 'GET https://pypi.org/simple/requests/');
    assert.equal(pypi.code, 0);
    assert.match(pypi.stdout, /^route: pypi\.org, from bottle "ci"$/m);
    const gh = await explain('ci-fixer', 'GET https://api.github.com/repos/acme/app');
    assert.match(gh.stdout, /^route: api\.github\.com, from bottle "github \(via ci\)"$/m);
  });
});

describe('refused requests: exit 1 and why', { timeout: 30_000 }, () => {
  test('no match entry: every entry says which field failed, then the decision and hint', async () => {
    const r = await explain('reviewer', 'DELETE https://api.github.com/repos/acme/app');
    assert.equal(r.code, 1);
    assert.ok(lines(r).includes('matches[0] (GET /repos/acme/*): no, method DELETE not in [GET]'), r.stdout);
    assert.match(r.stdout, /^matches\[1\] .*: no, method DELETE not in \[POST\]; path \/repos\/acme\/app matches none of regex .*; header accept missing/m);
    assert.match(r.stdout, /^decision: DENY egress\.no-match: /m);
    assert.match(r.stdout, /^hint: the route for api\.github\.com allows only: GET \/repos\/acme\/\*; POST/m);
    assert.doesNotMatch(r.stdout, /^credential:/m, 'no credential line for a refusal');
  });

  test('the header an entry requires, missing', async () => {
    const r = await explain('reviewer', 'POST https://api.github.com/repos/acme/app/issues/3/comments');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /header accept missing \(needs exact "application\/vnd\.github\+json"\)/);
  });

  test('no route: the known routes are listed', async () => {
    const r = await explain('reviewer', 'GET https://evil.example.com/');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^route: none for evil\.example\.com in bottles github; routes exist for: api\.anthropic\.com, api\.github\.com, github\.com$/m);
    assert.match(r.stdout, /^decision: DENY egress\.no-route: /m);
  });

  test('git push, whatever matches say', async () => {
    const r = await explain('reviewer', 'POST https://github.com/acme/app.git/git-receive-pack');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^decision: DENY egress\.git-push: /m);
  });

  test('a non-default port, a bad path, a CONNECT to an inspecting route', async () => {
    const port = await explain('reviewer', 'GET https://api.github.com:8443/repos/acme/app');
    assert.equal(port.code, 1);
    assert.match(port.stdout, /^decision: DENY egress\.port: /m);
    const bad = await explain('reviewer', 'GET https://api.github.com/repos/acme/%2e%2e/%2e%2e/%2e%2e/x');
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^decision: DENY egress\.bad-path: /m);
    const connect = await explain('reviewer', 'CONNECT api.github.com:443');
    assert.equal(connect.code, 1);
    assert.match(connect.stdout, /^decision: DENY egress\.connect-needs-gateway: /m);
  });

  test('--bottle replaces the agent\'s bottles', async () => {
    const r = await explain('reviewer', 'GET https://api.github.com/repos/acme/app', ['--bottle', 'docs-reader']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^bottles: docs-reader$/m);
    assert.match(r.stdout, /^decision: DENY egress\.no-route: /m);
  });
});

describe('errors', { timeout: 30_000 }, () => {
  test('an unknown agent: exit 1 listing the agents', async () => {
    const r = await explain('nobody', 'GET https://pypi.org/');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /agent "nobody" is not in bundle [0-9a-f]{12} \(agents: ci-fixer, researcher, reviewer\)/);
  });

  test('usage errors: exit 2', async () => {
    assert.equal((await explain(undefined, 'GET https://pypi.org/')).code, 2);
    assert.equal((await explain('reviewer', undefined)).code, 2);
    const r = await explain('reviewer', 'not a request line at all');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the request must look like/);
    assert.equal((await explain('reviewer', 'GET ftp://example.com/')).code, 2);
  });

  test('a tampered bundle is refused: exit 1', async () => {
    const bad = join(tmpDir('cork-explain-'), 'tampered.bundle.json');
    writeFileSync(bad, text.replace('/repos/acme/', '/repos/evil/'));
    const r = await explain('reviewer', 'GET https://api.github.com/repos/evil/app', [], bad);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /CORK_BUNDLE_DIGEST_MISMATCH/);
    assert.equal(r.stdout, '');
  });
});
