// The encoded forms of a known secret, computed once at setup. An agent that
// wants to move a credential it can read past the proxy will encode it; these
// are the encodings that cost nothing to write and keep every byte.
import { base64, utf8 } from './bytes.ts';

export type VariantKind =
  | 'raw'
  | 'base64'
  | 'base64url'
  | 'hex'
  | 'percent'
  | 'json-escape'
  | 'reversed'
  /** The secret's letters and digits, with anything (up to maxGap bytes) between them. */
  | 'alnum-projection';

export const VARIANT_KINDS: readonly VariantKind[] = ['raw', 'base64', 'base64url', 'hex', 'percent', 'json-escape', 'reversed', 'alnum-projection'];

export interface SecretVariant {
  /** Index of the secret in the list setup got. */
  secret: number;
  kind: VariantKind;
  bytes: Uint8Array;
  /** Compare ASCII letters case-blind (hex digits, escapes). */
  foldCase: boolean;
}

export interface VariantOptions {
  kinds?: readonly VariantKind[];
  /** Variants shorter than this are dropped: too short to tell from chance. Default 8. */
  minBytes?: number;
  /** The alnum projection needs at least this many letters and digits. Default 16. */
  minProjection?: number;
}

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/**
 * The part of base64(prefix of `align` bytes + secret) that depends on the
 * secret alone: how the secret reads inside a longer base64 text that has
 * `align` bytes (mod 3) before it. Characters that mix in bits of the
 * neighbours, and padding, are left out.
 */
export function base64Core(secret: Uint8Array, align: 0 | 1 | 2): string {
  const padded = new Uint8Array(align + secret.length);
  padded.set(secret, align);
  const encoded = base64(padded);
  const from = Math.ceil((align * 8) / 6);
  const to = Math.floor(((align + secret.length) * 8) / 6);
  return encoded.slice(from, to);
}

export function secretVariants(secret: string, index: number, options: VariantOptions = {}): SecretVariant[] {
  const kinds = new Set(options.kinds ?? VARIANT_KINDS);
  const minBytes = options.minBytes ?? 8;
  const minProjection = options.minProjection ?? 16;
  const raw = utf8(secret);
  const out: SecretVariant[] = [];
  const seen = new Set<string>();
  const add = (kind: VariantKind, text: string | Uint8Array, foldCase: boolean) => {
    const bytes = typeof text === 'string' ? utf8(text) : text;
    if (bytes.length < (kind === 'alnum-projection' ? minProjection : minBytes)) return;
    // One entry per distinct byte string (as the case-blind matcher sees it).
    const key = `${kind === 'alnum-projection' ? 'p' : 'l'}:${String.fromCharCode(...bytes).toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ secret: index, kind, bytes, foldCase });
  };
  if (kinds.has('raw')) add('raw', raw, false);
  for (const align of [0, 1, 2] as const) {
    const core = base64Core(raw, align);
    if (kinds.has('base64')) add('base64', core, false);
    if (kinds.has('base64url')) add('base64url', core.replace(/\+/g, '-').replace(/\//g, '_'), false);
  }
  if (kinds.has('hex')) add('hex', Array.from(raw, hex2).join(''), true);
  if (kinds.has('percent')) {
    add('percent', encodeURIComponent(secret), true);
    add('percent', Array.from(raw, (b) => `%${hex2(b)}`).join(''), true);
  }
  if (kinds.has('json-escape')) {
    add('json-escape', JSON.stringify(secret).slice(1, -1), true);
    let all = '';
    for (let i = 0; i < secret.length; i++) all += `\\u${secret.charCodeAt(i).toString(16).padStart(4, '0')}`;
    add('json-escape', all, true);
  }
  if (kinds.has('reversed')) add('reversed', [...secret].reverse().join(''), false);
  if (kinds.has('alnum-projection')) add('alnum-projection', secret.replace(/[^A-Za-z0-9]/g, ''), true);
  return out;
}
