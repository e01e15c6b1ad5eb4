// The path a route matches is exactly the path forwarded upstream: no
// encoding of a dot-segment or separator may escape a prefix rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeRequestTarget } from '../runtime/net/normalize-path.ts';

type Case = [raw: string, expected: string | null, why: string];

// expected: the normalized path (query is checked separately), or null for refused.
const CASES: Case[] = [
  // Benign
  ['/', '/', 'root'],
  ['', '/', 'empty path is the root'],
  ['/repos/acme/app/issues', '/repos/acme/app/issues', 'plain path passes unchanged'],
  ['/a/b/', '/a/b/', 'trailing slash kept'],
  ['/a//b', '/a//b', 'empty segment kept'],
  ['/.well-known/openid-configuration', '/.well-known/openid-configuration', 'dot at the start of a name is not a dot-segment'],
  ['/v1/file.tar.gz', '/v1/file.tar.gz', 'dots inside a segment'],
  ['/a/...', '/a/...', 'three dots is a name'],
  ['/projects/acme%2Fapp', '/projects/acme%2Fapp', 'encoded slash without a dot-segment stays (GitLab)'],
  ['/projects/acme%2fapp', '/projects/acme%2Fapp', 'escape hex is upper-cased'],
  ['/%7Euser/%41bc', '/~user/Abc', 'unreserved escapes are decoded'],
  ['/caf%C3%A9', '/caf%C3%A9', 'percent-encoded UTF-8 stays encoded'],
  ['/%E2%82%AC', '/%E2%82%AC', 'euro sign'],
  ['/a/%252e%252e/b', '/a/%252e%252e/b', 'double encoding stays literal and is allowed'],
  ['/search/a%20b', '/search/a%20b', 'encoded space'],
  ['/a;b=c', '/a;b=c', 'path parameter on a name'],
  // Dot-segments that resolve inside the root: resolved, then forwarded resolved
  ['/allowed/../elsewhere', '/elsewhere', 'plain traversal resolves before matching'],
  ['/allowed/%2e%2e/elsewhere', '/elsewhere', 'encoded dots resolve like dots'],
  ['/allowed/%2E%2e/x', '/x', 'mixed-case encoded dots'],
  ['/allowed/.%2e/x', '/x', 'half-encoded dots'],
  ['/allowed/%2e/x', '/allowed/x', 'encoded single dot'],
  ['/allowed/./x', '/allowed/x', 'single dot'],
  ['/a/b/..', '/a/', 'trailing dot-dot leaves the slash'],
  ['/a/b/.', '/a/b/', 'trailing dot leaves the slash'],
  ['/a//../b', '/a/b', 'dot-dot removes the empty segment (RFC 3986 5.2.4)'],
  // Climbing above the root: refused
  ['/a/b/../../../etc', null, 'climbs above the root'],
  ['/..', null, 'dot-dot at the root'],
  ['/%2e%2e/etc/passwd', null, 'encoded dot-dot at the root'],
  // Traversals hidden behind encoded separators: refused
  ['/allowed/..%2fx', null, 'encoded slash after dot-dot'],
  ['/allowed/..%2Fx', null, 'encoded slash after dot-dot, upper case'],
  ['/allowed%2f..%2felsewhere', null, 'encoded slashes around dot-dot'],
  ['/allowed/%2e%2e%2felsewhere', null, 'everything encoded'],
  ['/a%2F.%2Fb', null, 'encoded single-dot segment'],
  ['/allowed/x%2F..', null, 'trailing encoded dot-dot segment'],
  ['/allowed/..;/admin', null, 'Tomcat path parameter on dot-dot'],
  ['/allowed/.;x/admin', null, 'path parameter on dot'],
  ['/allowed/%2e%2e%3b/admin', null, 'encoded path parameter on dot-dot'],
  // Backslashes
  ['/allowed\\..\\admin', null, 'raw backslash'],
  ['/allowed/..%5cadmin', null, 'encoded backslash after dot-dot'],
  ['/allowed/%5C', null, 'any encoded backslash'],
  ['/allowed/%EF%BC%BCx', null, 'fullwidth backslash (NFKC)'],
  ['/allowed/%EF%BC%8E%EF%BC%8E%EF%BC%8Fx', null, 'fullwidth dot-dot-slash (NFKC)'],
  // Malformed or dangerous characters
  ['/a%00b', null, 'encoded NUL'],
  ['/a%0d%0aX-Injected:1', null, 'encoded CRLF'],
  ['/a%zzb', null, 'malformed escape'],
  ['/a%2', null, 'truncated escape'],
  ['/a%', null, 'lone percent'],
  ['/a b', null, 'raw space'],
  ['/a\tb', null, 'raw tab'],
  ['/a\u0000b', null, 'raw NUL'],
  ['/a#frag', null, 'fragment'],
  ['/café', null, 'raw non-ASCII'],
  ['/%C0%AE%C0%AE/x', null, 'overlong UTF-8 dot (invalid UTF-8)'],
  ['/%u002e%u002e/x', null, 'IIS %u escapes are malformed'],
  ['relative/path', null, 'not starting with a slash'],
  ['*', null, 'asterisk-form'],
];

for (const [raw, expected, why] of CASES) {
  test(`${why}: ${JSON.stringify(raw)} → ${expected === null ? 'refused' : expected}`, () => {
    const r = normalizeRequestTarget(raw);
    if (expected === null) {
      assert.equal(r.ok, false, `expected refusal, got ${JSON.stringify(r)}`);
      if (!r.ok) assert.ok(r.reason.length > 0);
    } else {
      assert.deepEqual(r, { ok: true, path: expected, query: '' });
    }
  });
}

test('the query is kept verbatim, without the "?"', () => {
  assert.deepEqual(normalizeRequestTarget('/a/../b?x=%2e%2e/&y=..%2F&z=%2f'), { ok: true, path: '/b', query: 'x=%2e%2e/&y=..%2F&z=%2f' });
  assert.deepEqual(normalizeRequestTarget('/a?'), { ok: true, path: '/a', query: '' });
  assert.deepEqual(normalizeRequestTarget('?q=1'), { ok: true, path: '/', query: 'q=1' });
  assert.deepEqual(normalizeRequestTarget('/a?b?c'), { ok: true, path: '/a', query: 'b?c' });
});

test('the query is validated: control characters, spaces, fragments and bad escapes are refused', () => {
  for (const raw of ['/a?x=1 2', '/a?x=\n', '/a?x=1#f', '/a?x=%zz', '/a?x=%', '/a?x=é']) {
    assert.equal(normalizeRequestTarget(raw).ok, false, raw);
  }
  // Encoded control characters and backslashes are data in a query, not path tricks.
  assert.deepEqual(normalizeRequestTarget('/a?text=line%0Aline&re=a\\d'), { ok: true, path: '/a', query: 'text=line%0Aline&re=a\\d' });
});

test('no prefix rule is escaped by any encoding of /allowed/../elsewhere', () => {
  const dots = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%2E.'];
  const seps = ['/', '%2f', '%2F', '%5c', '\\'];
  for (const d of dots) {
    for (const s of seps) {
      const r = normalizeRequestTarget(`/allowed${s}${d}${s}elsewhere`);
      // Either refused, or resolved so that what is matched is where it goes.
      if (r.ok) assert.equal(r.path, '/elsewhere', `${s}${d}${s} resolved to ${r.path}`);
    }
  }
});
