// The request path a route matches is exactly the path sent upstream. An
// upstream that resolves `..` after we matched would let `/allowed/../admin`
// escape a prefix rule, so the proxy resolves the path itself, refuses what
// it cannot resolve unambiguously, and forwards only the resolved form.
//
// Algorithm, on the origin-form request target (`/path?query`):
//  1. Split at the first `?`. An empty path is `/`; any other path must start
//     with `/`.
//  2. Validate. Refused anywhere: control characters, space, non-ASCII, `#`
//     (a fragment is never sent), `%` not followed by two hex digits. Refused
//     in the path only: a raw backslash (some servers treat it as `/`).
//  3. Percent-normalize the path (RFC 3986 §6.2.2.1–2): escapes of unreserved
//     characters (ALPHA DIGIT - . _ ~) are decoded, so `%2e` is `.`; other
//     escapes keep their byte with upper-case hex (`%2f` → `%2F`). An escaped
//     control character (`%00`…`%1F`, `%7F`) is refused.
//  4. Resolve dot-segments (RFC 3986 §5.2.4 remove_dot_segments), except that
//     a path that would climb above `/` is refused instead of clamped.
//  5. Defence in depth, for upstreams that decode more than RFC 3986 allows:
//     fully percent-decode the result once (invalid UTF-8 is refused, which
//     also covers overlong forms like `%C0%AE`) and refuse it if the decoded
//     form has a backslash or a dot-segment, counting a segment with a
//     `;parameter` suffix (`..;x`, Tomcat) as its stem; non-ASCII text is also
//     checked after NFKC (fullwidth `．` and `／`). `%2F` that makes no
//     dot-segment stays allowed and encoded (GitLab's `projects/acme%2Fapp`);
//     `%252e` decodes once to the literal `%2e` and is allowed.
// The query is validated (step 2) and otherwise kept verbatim.

export type NormalizedTarget = { ok: true; path: string; query: string } | { ok: false; reason: string };

const PERCENT = 0x25;
const DOT = 0x2e;
const BACKSLASH = 0x5c;
const HASH = 0x23;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

function isUnreserved(b: number): boolean {
  return (
    (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === DOT || b === 0x5f || b === 0x7e
  );
}

const refuse = (reason: string): NormalizedTarget => ({ ok: false, reason });

/** Step 2 for one part; returns a reason, or null when the text is acceptable. */
function invalidChar(text: string, isPath: boolean): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) {
      return c === 0x20 ? 'a space in the request target' : c > 0x7f ? 'a non-ASCII character in the request target' : 'a control character in the request target';
    }
    if (c === HASH) return 'a fragment (#) in the request target';
    if (c === BACKSLASH && isPath) return 'a backslash in the path';
    if (c === PERCENT && (hexValue(text.charCodeAt(i + 1)) < 0 || hexValue(text.charCodeAt(i + 2)) < 0)) {
      return `a malformed percent-escape ${JSON.stringify(text.slice(i, i + 3))}`;
    }
  }
  return null;
}

export function normalizeRequestTarget(rawPathWithQuery: string): NormalizedTarget {
  const q = rawPathWithQuery.indexOf('?');
  let path = q < 0 ? rawPathWithQuery : rawPathWithQuery.slice(0, q);
  const query = q < 0 ? '' : rawPathWithQuery.slice(q + 1);
  if (path === '') path = '/';
  else if (path.charCodeAt(0) !== 0x2f) return refuse('the path does not start with "/"');

  const bad = invalidChar(path, true) ?? invalidChar(query, false);
  if (bad) return refuse(bad);
  // Without `%` or `.` there is nothing to decode or resolve: the common case.
  if (!path.includes('%') && !path.includes('.')) return { ok: true, path, query };

  const normalized = percentNormalize(path);
  if (typeof normalized !== 'string') return normalized;
  const resolved = removeDotSegments(normalized);
  if (resolved === null) return refuse('the path climbs above "/"');
  const hidden = hiddenTraversal(resolved);
  if (hidden) return refuse(hidden);
  return { ok: true, path: resolved, query };
}

/** Step 3: the normalized path, or a refusal. Escapes are known to be well formed. */
function percentNormalize(path: string): string | { ok: false; reason: string } {
  let out = '';
  let from = 0;
  for (let i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 3)) {
    const b = hexValue(path.charCodeAt(i + 1)) * 16 + hexValue(path.charCodeAt(i + 2));
    if (b < 0x20 || b === 0x7f) return { ok: false, reason: `an encoded control character ${path.slice(i, i + 3)} in the path` };
    out += path.slice(from, i) + (isUnreserved(b) ? String.fromCharCode(b) : path.slice(i, i + 3).toUpperCase());
    from = i + 3;
  }
  return out + path.slice(from);
}

/** Step 4: RFC 3986 §5.2.4 on an absolute path; null when `..` would climb above the root. */
export function removeDotSegments(path: string): string | null {
  const segments = path.slice(1).split('/');
  const out: string[] = [];
  const last = segments.length - 1;
  for (let i = 0; i <= last; i++) {
    const s = segments[i]!;
    if (s === '.' || s === '..') {
      if (s === '..') {
        if (out.length === 0) return null;
        out.pop();
      }
      if (i === last) out.push(''); // `/a/b/..` is `/a/`: the trailing slash stays
    } else {
      out.push(s);
    }
  }
  return '/' + out.join('/');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Step 5: a reason when some decoder downstream could still see a traversal. */
function hiddenTraversal(path: string): string | null {
  let decoded = path;
  if (path.includes('%')) {
    const bytes: number[] = [];
    for (let i = 0; i < path.length; i++) {
      const c = path.charCodeAt(i);
      if (c === PERCENT) {
        bytes.push(hexValue(path.charCodeAt(i + 1)) * 16 + hexValue(path.charCodeAt(i + 2)));
        i += 2;
      } else {
        bytes.push(c);
      }
    }
    try {
      decoded = utf8.decode(Uint8Array.from(bytes));
    } catch {
      return 'percent-escapes in the path that are not valid UTF-8';
    }
  }
  const found = traversalIn(decoded);
  if (found) return found;
  if (/[^\x00-\x7f]/.test(decoded)) return traversalIn(decoded.normalize('NFKC'));
  return null;
}

function traversalIn(decoded: string): string | null {
  if (decoded.includes('\\')) return 'an encoded backslash in the path';
  if (!decoded.includes('.')) return null;
  for (const segment of decoded.split('/')) {
    const semi = segment.indexOf(';');
    const stem = semi < 0 ? segment : segment.slice(0, semi);
    if (stem === '.' || stem === '..') return 'an encoded dot-segment in the path (a decoding upstream would resolve it)';
  }
  return null;
}
