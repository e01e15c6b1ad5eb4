// RFC 8785 (JCS) canonical JSON: sorted keys, no insignificant whitespace,
// ECMAScript number form. The bundle's bytes and digest are defined by it.
//
// The `canonicalize` package does the encoding. It mirrors JSON.stringify in
// the cases it does not refuse, and some of those would silently change or
// corrupt a bundle (a function field becomes the bare text `undefined`, a Map
// becomes `{}`), so values are checked first and every refusal is a
// BundleError naming the JSON path of the offending value.
//
// Accepted: null, booleans, finite numbers, well-formed strings, arrays,
// plain objects, objects with toJSON (encoded as what toJSON returns).
// Object fields whose value is `undefined` are left out (as JSON.stringify
// does); `undefined` anywhere else is refused.
import canonicalize from 'canonicalize';
import { BundleError } from './bundle-errors.ts';

// With the `u` flag a well-formed surrogate pair is one astral code point, so
// this matches only lone surrogates, which RFC 8785 (section 3.2.2.2) refuses.
const LONE_SURROGATE = /\p{Cs}/u;
const IDENT = /^[A-Za-z_$][\w$]*$/;

export function canonicalJson(value: unknown): string {
  try {
    check(value, '$', new Set());
  } catch (e) {
    if (e instanceof RangeError) throw refuse('$', 'value is nested too deeply');
    throw e;
  }
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (e) {
    // Not expected after check(); kept so a refusal is always a BundleError.
    throw refuse('$', (e as Error).message);
  }
  if (typeof text !== 'string') throw refuse('$', 'value has no JSON form');
  return text;
}

function check(value: unknown, path: string, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) throw refuse(path, 'string contains a lone UTF-16 surrogate');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw refuse(path, `${value} is not a JSON number`);
      return;
    case 'boolean':
      return;
    case 'undefined':
      throw refuse(path, 'undefined has no JSON form');
    case 'bigint':
      throw refuse(path, 'bigint has no JSON form (convert it to a number or string)');
    case 'function':
    case 'symbol':
      throw refuse(path, `a ${typeof value} has no JSON form`);
  }
  if (value === null) return;
  const obj = value as object;
  if (seen.has(obj)) throw refuse(path, 'circular reference');
  seen.add(obj);
  if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
    check((obj as { toJSON(): unknown }).toJSON(), path, seen);
  } else if (Array.isArray(obj)) {
    obj.forEach((item, i) => check(item, `${path}[${i}]`, seen));
  } else if (obj instanceof Map || obj instanceof Set) {
    throw refuse(path, `a ${obj.constructor.name} has no JSON form (convert it to an object or array)`);
  } else {
    for (const key of Object.keys(obj)) {
      const keyPath = IDENT.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (LONE_SURROGATE.test(key)) throw refuse(keyPath, 'key contains a lone UTF-16 surrogate');
      const item = (obj as Record<string, unknown>)[key];
      if (item !== undefined) check(item, keyPath, seen);
    }
  }
  seen.delete(obj);
}

function refuse(path: string, why: string): BundleError {
  return new BundleError('CORK_CANONICAL_UNSUPPORTED_VALUE', `cannot write canonical JSON: ${why} at ${path}`);
}
