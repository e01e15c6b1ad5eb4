// A real git smart-HTTP server for the runtime tests: `git http-backend`
// behind a tiny node:http CGI wrapper on 127.0.0.1, serving bare repos made
// at test time. Pushes are enabled (http.receivepack), so when a push through
// cork fails the refusal is cork's, not the server's.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { baseEnv, onCleanup, runCommand, tmpDir } from './runtime-harness.ts';

/** git with a clean environment: no user or system config, a fixed identity. */
export async function git(args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}) {
  const r = await runCommand('git', args, {
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? gitEnv(),
    timeoutMs: opts.timeoutMs ?? 20_000,
  });
  return r;
}

let home: string | undefined;

/** An environment for git: an empty HOME, no system config, no prompts, a fixed author. */
export function gitEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  home ??= tmpDir('cork-git-home-');
  return baseEnv({
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_AUTHOR_NAME: 'Cork Test',
    GIT_AUTHOR_EMAIL: 'cork-test@example.test',
    GIT_COMMITTER_NAME: 'Cork Test',
    GIT_COMMITTER_EMAIL: 'cork-test@example.test',
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    ...extra,
  });
}

export async function mustGit(args: readonly string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<string> {
  const r = await git(args, opts);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

export interface BareRepo {
  /** The folder served as GIT_PROJECT_ROOT. */
  projectRoot: string;
  /** `<name>.git` */
  name: string;
  path: string;
  /** The commit the repo's main branch points at. */
  head: string;
}

/** A bare repo with one commit on `main` (a README with `content`), pushed in locally. */
export async function makeBareRepo(name: string, content: string): Promise<BareRepo> {
  const projectRoot = tmpDir('cork-git-root-');
  const path = join(projectRoot, `${name}.git`);
  await mustGit(['init', '--bare', '--initial-branch=main', path]);
  await mustGit(['config', 'http.receivepack', 'true'], { cwd: path });
  const work = tmpDir('cork-git-work-');
  await mustGit(['init', '--initial-branch=main', work]);
  writeFileSync(join(work, 'README.md'), content);
  await mustGit(['add', 'README.md'], { cwd: work });
  await mustGit(['commit', '-m', 'initial'], { cwd: work });
  await mustGit(['push', path, 'main'], { cwd: work });
  const head = (await mustGit(['rev-parse', 'main'], { cwd: path })).trim();
  return { projectRoot, name: `${name}.git`, path, head };
}

/** Every ref of a repo, `<sha> <ref>` lines sorted: to prove a refused push changed nothing. */
export async function refs(repoPath: string): Promise<string> {
  return (await mustGit(['for-each-ref', '--format=%(objectname) %(refname)'], { cwd: repoPath })).trim();
}

export interface GitHttpServer {
  origin: string;
  port: number;
  /** `METHOD path?query` of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** `git http-backend` as CGI: request head → environment, body → stdin, CGI headers → response. */
export async function startGitHttpServer(projectRoot: string): Promise<GitHttpServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://git.local');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const env: Record<string, string> = {
      ...baseEnv(),
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: 'cork-test',
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      SERVER_PROTOCOL: 'HTTP/1.1',
      GATEWAY_INTERFACE: 'CGI/1.1',
    };
    if (req.headers['content-length']) env['CONTENT_LENGTH'] = req.headers['content-length'];
    if (req.headers['content-encoding']) env['HTTP_CONTENT_ENCODING'] = req.headers['content-encoding'];
    if (req.headers['git-protocol']) env['GIT_PROTOCOL'] = String(req.headers['git-protocol']);
    const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    req.pipe(cgi.stdin);
    cgi.stdin.on('error', () => undefined);
    let head = Buffer.alloc(0);
    let headDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      let end = head.indexOf('\r\n\r\n');
      let sep = 4;
      if (end < 0) {
        end = head.indexOf('\n\n');
        sep = 2;
      }
      if (end < 0) return;
      headDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
        const c = line.indexOf(':');
        if (c <= 0) continue;
        const name = line.slice(0, c).trim();
        const value = line.slice(c + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + sep));
    });
    cgi.stdout.on('end', () => {
      if (!headDone) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end();
    });
    cgi.on('error', () => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  onCleanup(close);
  return { origin: `http://127.0.0.1:${port}`, port, requests, close };
}

/** A work tree cloned (locally) from the bare repo, with one new commit on main, ready to push. */
export async function workTreeWithNewCommit(bare: BareRepo, file: string, content: string): Promise<string> {
  const work = tmpDir('cork-git-push-');
  await mustGit(['clone', '--quiet', bare.path, work]);
  writeFileSync(join(work, file), content);
  await mustGit(['add', file], { cwd: work });
  await mustGit(['commit', '-m', `add ${file}`], { cwd: work });
  return work;
}
