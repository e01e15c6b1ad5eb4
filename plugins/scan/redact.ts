// Rewriting bytes: every range becomes a typed placeholder.
import { utf8 } from './bytes.ts';

export interface ByteRange {
  offset: number;
  length: number;
  label: string;
}

export function placeholder(label: string): string {
  return `[REDACTED:${label}]`;
}

/** In a path or query the placeholder is percent-encoded: `[`, `]` and `:` are not plain there. */
export function urlPlaceholder(label: string): string {
  return encodeURIComponent(placeholder(label));
}

/**
 * Ranges sorted, and overlapping or touching ones joined into one (named
 * by the first): two detectors that saw the same secret give one
 * placeholder.
 */
export function mergeRanges(ranges: readonly ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const out: ByteRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.offset <= last.offset + last.length) {
      const end = Math.max(last.offset + last.length, r.offset + r.length);
      out[out.length - 1] = { ...last, length: end - last.offset };
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

/** `bytes` with every range replaced by `render(label)`. Ranges past the end are clipped. */
export function redactBytes(bytes: Uint8Array, ranges: readonly ByteRange[], render: (label: string) => string = placeholder): Uint8Array {
  const merged = mergeRanges(ranges);
  if (merged.length === 0) return bytes;
  const parts: Uint8Array[] = [];
  let at = 0;
  let size = 0;
  for (const r of merged) {
    const from = Math.min(Math.max(r.offset, at), bytes.length);
    const to = Math.min(r.offset + r.length, bytes.length);
    parts.push(bytes.subarray(at, from), utf8(render(r.label)));
    size += from - at + parts.at(-1)!.length;
    at = Math.max(to, from);
  }
  parts.push(bytes.subarray(at));
  size += bytes.length - at;
  const out = new Uint8Array(size);
  let w = 0;
  for (const p of parts) {
    out.set(p, w);
    w += p.length;
  }
  return out;
}
