// Real git over smart HTTP through cork. The route for git.example.test sets
// `git: {fetch: true}` (its only match entry is unrelated), so a clone works
// because of git.fetch, and a push through the same route is refused with
// egress.git-push although the server would accept it (proved by pushing to
// the server directly afterwards).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  E2E_POLICY,
  FAKE_CREDENTIALS,
  compileBundle,
  parseRefusal,
  runCork,
  send,
  startRuntime,
  tmpDir,
  type RuntimeProcess,
  type Session,
} from './helpers/runtime-harness.ts';
import { git, gitEnv, makeBareRepo, mustGit, refs, startGitHttpServer, workTreeWithNewCommit, type BareRepo, type GitHttpServer } from './helpers/runtime-git-server.ts';

const README = 'cork git smart-HTTP fixture\n';

let repo: BareRepo;
let server: GitHttpServer;
let rt: RuntimeProcess;
let session: Session;

before(async () => {
  repo = await makeBareRepo('app', README);
  server = await startGitHttpServer(repo.projectRoot);
  const { path } = compileBundle(E2E_POLICY);
  rt = await startRuntime(path, { overrides: { 'git.example.test': server.origin } });
  session = await rt.openSession('tester');
});

const corkUrl = () => `http://git.example.test/${repo.name}`;

describe('git clone through cork', { timeout: 60_000 }, () => {
  test('the CGI wrapper serves the repo directly (sanity check of the test server)', async () => {
    const dest = join(tmpDir('cork-clone-direct-'), 'app');
    await mustGit(['clone', '--quiet', `${server.origin}/${repo.name}`, dest]);
    assert.equal(readFileSync(join(dest, 'README.md'), 'utf8'), README);
  });

  test('`cork run -- git clone` with the session env (http_proxy) clones the right content', async () => {
    const dest = join(tmpDir('cork-clone-run-'), 'app');
    const seen = server.requests.length;
    const r = await runCork(['run', '--agent', 'tester', '--state-dir', rt.stateDir, '--', 'git', 'clone', corkUrl(), dest], {
      env: gitEnv({ ...FAKE_CREDENTIALS, CORK_TEST_TICKET: 'T-git' }),
      timeoutMs: 30_000,
    });
    assert.equal(r.code, 0, `git clone through cork failed:\n${r.stderr}`);
    assert.equal(readFileSync(join(dest, 'README.md'), 'utf8'), README);
    assert.equal((await mustGit(['rev-parse', 'HEAD'], { cwd: dest })).trim(), repo.head);
    const got = server.requests.slice(seen);
    assert.ok(got.includes(`GET /${repo.name}/info/refs?service=git-upload-pack`), got.join('\n'));
    assert.ok(got.includes(`POST /${repo.name}/git-upload-pack`), got.join('\n'));
  });

  test('git -c http.proxy=<session proxy URL> clone works too', async () => {
    const dest = join(tmpDir('cork-clone-cfg-'), 'app');
    const r = await git(['-c', `http.proxy=${session.proxyUrl}`, 'clone', corkUrl(), dest], { timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dest, 'README.md'), 'utf8'), README);
  });

  test('without session credentials the clone fails with 407', async () => {
    const dest = join(tmpDir('cork-clone-noauth-'), 'app');
    const seen = server.requests.length;
    const r = await git(['-c', `http.proxy=${rt.origin}`, 'clone', corkUrl(), dest], { timeoutMs: 30_000 });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /407/);
    assert.equal(server.requests.length, seen, 'nothing reached the git server');
  });

  test('other paths of the repo stay refused: git.fetch allows the fetch requests only', async () => {
    const auth = { 'proxy-authorization': session.proxyAuthorization };
    for (const path of [`/${repo.name}/HEAD`, `/${repo.name}/info/refs`, `/${repo.name}/info/refs?service=git-upload-pack&x=1`, `/${repo.name}/objects/info/packs`]) {
      const r = await send(rt.port, `http://git.example.test${path}`, { headers: auth });
      assert.equal(r.status, 403, `${path}: ${r.body}`);
      assert.equal(parseRefusal(r.body).rule, 'egress.no-match', path);
    }
  });
});

describe('git push through cork is refused', { timeout: 60_000 }, () => {
  test('push via the same route: 403 egress.git-push, refs unchanged, then the same push succeeds directly', async () => {
    const work = await workTreeWithNewCommit(repo, 'CHANGE.md', 'pushed\n');
    const newHead = (await mustGit(['rev-parse', 'HEAD'], { cwd: work })).trim();
    const before = await refs(repo.path);
    const seen = server.requests.length;

    const viaCork = await git(['-c', `http.proxy=${session.proxyUrl}`, 'push', corkUrl(), 'main'], { cwd: work, timeoutMs: 30_000 });
    assert.notEqual(viaCork.code, 0, 'the push through cork must fail');
    assert.match(viaCork.stderr, /403/);
    assert.equal(await refs(repo.path), before, 'the bare repo is unchanged');
    assert.ok(!server.requests.slice(seen).some((r) => r.includes('receive-pack')), `no receive-pack request reached the server: ${server.requests.slice(seen).join(', ')}`);

    const viaRun = await runCork(['run', '--agent', 'tester', '--state-dir', rt.stateDir, '--', 'git', 'push', corkUrl(), 'main'], {
      env: gitEnv({ ...FAKE_CREDENTIALS, CORK_TEST_TICKET: 'T-git' }),
      timeoutMs: 30_000,
    });
    assert.notEqual(viaRun.code, 0, 'the push inside cork run must fail too');
    assert.equal(await refs(repo.path), before);

    // The server would have accepted it: the refusal above was cork's.
    await mustGit(['push', `${server.origin}/${repo.name}`, 'main'], { cwd: work });
    assert.equal((await mustGit(['rev-parse', 'main'], { cwd: repo.path })).trim(), newHead);
  });

  test('each tell of a push is refused with egress.git-push', async () => {
    const auth = { 'proxy-authorization': session.proxyAuthorization };
    const cases: Array<[string, string, Record<string, string>]> = [
      ['GET', `/${repo.name}/info/refs?service=git-receive-pack`, {}],
      ['POST', `/${repo.name}/git-receive-pack`, { 'content-type': 'application/x-git-receive-pack-request' }],
      ['POST', `/${repo.name}/git-upload-pack`, { 'content-type': 'application/x-git-receive-pack-request' }],
      ['POST', `/${repo.name}/git-receive-pack/`, {}],
    ];
    const seen = server.requests.length;
    for (const [method, path, headers] of cases) {
      const r = await send(rt.port, `http://git.example.test${path}`, { method, headers: { ...auth, ...headers }, ...(method === 'POST' ? { body: '0000' } : {}) });
      assert.equal(r.status, 403, `${method} ${path}: ${r.body}`);
      const body = parseRefusal(r.body);
      assert.equal(body.rule, 'egress.git-push', `${method} ${path}`);
      assert.match(body.hint, /git gate|SSH/i);
    }
    assert.equal(server.requests.length, seen);
  });
});
