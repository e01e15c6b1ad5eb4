// `npm start`: cork's main job on embedded defaults. Compiles the example
// policy repo, starts the runtime on 127.0.0.1:8787 (state in ./.cork) with
// the example's hosts sent to a local stand-in upstream (no internet needed),
// runs an agent session that makes one allowed and one refused request, and
// keeps the runtime running for you to try more. --once stops after the demo.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { resolve } from 'node:path';

const once = process.argv.includes('--once');
const cork = resolve('bin/cork.mjs');
const stateDir = resolve('.cork');
const bundle = `${stateDir}/policy.bundle.json`;
const listen = process.env.CORK_LISTEN ?? '127.0.0.1:8787';

const compiled = spawnSync(process.execPath, [cork, 'compile', 'fixtures/policies/example', '-o', bundle], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 2);

// A stand-in for api.github.com & co: echoes what reached it, so you can see
// the credential cork injected (a fake one) and that the agent never had it.
const upstream = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ upstream: 'stand-in', host: req.headers.host, method: req.method, path: req.url, authorization: req.headers.authorization ?? null }));
});
await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
const up = `http://127.0.0.1:${upstream.address().port}`;

const env = {
  ...process.env,
  // Obviously fake credentials: the runtime injects them, the agent never sees them.
  GITHUB_TOKEN: 'demo-github-token-not-real',
  ANTHROPIC_API_KEY: 'demo-anthropic-key-not-real',
  TICKET: process.env.TICKET ?? 'DEMO-1',
};
const hosts = ['api.github.com', 'github.com', 'api.anthropic.com', 'docs.python.org', 'pypi.org', 'files.pythonhosted.org'];
const runtime = spawn(
  process.execPath,
  [cork, 'runtime', 'start', bundle, '--listen', listen, '--state-dir', stateDir, ...hosts.flatMap((h) => ['--upstream-override', `${h}=${up}`])],
  { env, stdio: ['ignore', 'inherit', 'pipe'] },
);
const started = await new Promise((resolveStart) => {
  let buf = '';
  runtime.stderr.on('data', (c) => {
    buf += c;
    process.stderr.write(c);
    if (buf.includes('cork runtime: listening')) resolveStart(true);
  });
  runtime.once('exit', () => resolveStart(false));
});
if (!started) {
  upstream.close();
  process.exit(2);
}

const stop = () => {
  runtime.kill('SIGTERM');
  upstream.close();
};
process.once('SIGINT', stop);

console.log('\n— an agent session for "reviewer" (cork run --agent reviewer -- node scripts/demo-agent.mjs):\n');
// Async on purpose: the stand-in upstream lives in this process and must keep answering.
const agent = await new Promise((resolveRun) => {
  const child = spawn(process.execPath, [cork, 'run', '--agent', 'reviewer', '--state-dir', stateDir, '--', process.execPath, 'scripts/demo-agent.mjs'], { env, stdio: 'inherit' });
  child.once('exit', (status) => resolveRun({ status }));
});

if (once || agent.status !== 0) {
  stop();
  process.exitCode = agent.status ?? 2;
} else {
  console.log(`\ncork runtime is running on ${listen} (Ctrl-C stops it). Try:
  node bin/cork.mjs run --agent researcher --state-dir .cork -- node scripts/demo-agent.mjs https://docs.python.org/3/library/ https://pypi.org/simple/requests/ https://api.github.com/user
  node bin/cork.mjs explain .cork/policy.bundle.json --agent reviewer "POST https://api.github.com/repos/acme/app/pulls"`);
  runtime.once('exit', () => upstream.close());
}
