// The runtime's log (`--log-file`, pino JSON lines) per a session's
// egress.log: 0 logs nothing per request, 1 every refusal, 2 every request
// and response line. Credential headers are redacted and bodies never
// logged: no credential value, session secret or body text may appear
// anywhere in the file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  E2E_POLICY,
  FAKE_CREDENTIALS,
  compileBundle,
  send,
  startMockUpstream,
  startRuntime,
  tmpDir,
  type MockUpstream,
  type RuntimeProcess,
  type Session,
} from './helpers/runtime-harness.ts';

const REQUEST_BODY_MARKER = 'REQUEST-BODY-MARKER-7f3a';

interface LogLine {
  level: number;
  event?: string;
  session?: string;
  rule?: string;
  status?: number;
  headers?: Record<string, string | string[]>;
  [k: string]: unknown;
}

let mock: MockUpstream;
let rt: RuntimeProcess;
let logFile: string;
const sessions: Record<'quiet' | 'refusals' | 'verbose', Session> = {} as never;
let text: string;
let lines: LogLine[];

/** One allowed request carrying every kind of secret header and a body, one denied request, one provider call. */
async function traffic(s: Session): Promise<void> {
  const ok = await send(rt.port, 'http://api.example.test/echo', {
    method: 'POST',
    headers: { 'proxy-authorization': s.proxyAuthorization, authorization: 'Bearer agent-supplied-secret-4411', cookie: 'sid=cookie-secret-9921', 'x-api-key': 'agent-api-key-5512' },
    body: REQUEST_BODY_MARKER,
  });
  assert.equal(ok.status, 200, ok.body);
  assert.ok(ok.body.includes(FAKE_CREDENTIALS.CORK_FAKE_API_TOKEN), 'the echoed response body holds the injected token (so logging bodies would leak it)');
  const denied = await send(rt.port, 'http://api.example.test/forbidden', { headers: { 'proxy-authorization': s.proxyAuthorization } });
  assert.equal(denied.status, 403);
  const gw = await send(rt.port, '/gw/api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': s.key }, body: '{}' });
  assert.equal(gw.status, 200, gw.body);
}

before(async () => {
  mock = await startMockUpstream();
  logFile = join(tmpDir('cork-log-'), 'logs', 'runtime.log');
  const { path } = compileBundle(E2E_POLICY);
  rt = await startRuntime(path, { overrides: { 'api.example.test': mock.origin, 'api.anthropic.com': mock.origin }, logFile });
  for (const name of ['quiet', 'refusals', 'verbose'] as const) sessions[name] = await rt.openSession(name);
  for (const name of ['quiet', 'refusals', 'verbose'] as const) await traffic(sessions[name]);
  const unauthenticated = await send(rt.port, 'http://api.example.test/echo', { headers: { 'proxy-authorization': 'Basic bm9ib2R5Om5vdGhpbmc=' } });
  assert.equal(unauthenticated.status, 407);
  // SIGTERM flushes the log.
  assert.deepEqual(await rt.stop(), { code: 0, signal: null });
  text = readFileSync(logFile, 'utf8');
  lines = text.trim().split('\n').map((l) => JSON.parse(l) as LogLine);
});

const perRequest = (s: Session) => lines.filter((l) => l.session === s.id && (l.event === 'request' || l.event === 'response' || l.event === 'refused'));

describe('egress.log levels', { timeout: 30_000 }, () => {
  test('every line of the log file is a JSON object (pino)', () => {
    assert.ok(lines.length > 5);
    for (const l of lines) assert.equal(typeof l.level, 'number');
    assert.ok(lines.some((l) => l.event === 'start'));
  });

  test('the log goes to the file, not to stderr', () => {
    assert.doesNotMatch(rt.stderr(), /"event":/);
  });

  test('egress.log 0: nothing per request, not even refusals', () => {
    assert.deepEqual(perRequest(sessions.quiet), []);
  });

  test('egress.log 1: the refusal only', () => {
    const got = perRequest(sessions.refusals);
    assert.deepEqual(
      got.map((l) => [l.event, l.status, l.rule]),
      [['refused', 403, 'egress.no-match']],
    );
  });

  test('egress.log 2: a request and a response line per allowed request, and the refusal', () => {
    const got = perRequest(sessions.verbose).map((l) => `${l.event} ${String(l['method'] ?? '')} ${String(l['path'] ?? '')} ${l.status ?? ''}`.trim());
    assert.deepEqual(got, ['request POST /echo', 'response POST /echo 200', 'refused GET /forbidden 403', 'request POST /v1/messages', 'response POST /v1/messages 200']);
  });

  test('a request without a session is refused and logged (407) whatever the levels', () => {
    assert.ok(lines.some((l) => l.event === 'refused' && l.status === 407 && l.rule === 'proxy.auth-required'));
  });
});

describe('redaction', { timeout: 30_000 }, () => {
  test('credential headers of a logged request read "[redacted]"', () => {
    const req = perRequest(sessions.verbose).find((l) => l.event === 'request' && l['path'] === '/echo');
    assert.ok(req?.headers, 'the request line has headers');
    for (const name of ['proxy-authorization', 'authorization', 'cookie', 'x-api-key']) assert.equal(req.headers[name], '[redacted]', name);
    assert.equal(req.headers['host'], 'api.example.test', 'other headers are logged as sent');
  });

  test('no credential value, session secret, agent secret or body appears anywhere in the file', () => {
    const secrets = [
      ...Object.values(FAKE_CREDENTIALS),
      ...Object.values(sessions).flatMap((s) => [s.token, s.key]),
      'agent-supplied-secret-4411',
      'cookie-secret-9921',
      'agent-api-key-5512',
      REQUEST_BODY_MARKER,
      'bm9ib2R5Om5vdGhpbmc=',
    ];
    for (const secret of secrets) assert.ok(!text.includes(secret), `the log contains ${secret.slice(0, 14)}…`);
  });
});
