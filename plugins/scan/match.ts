// What a scanner reports about one stretch of bytes, before the plugin says
// which detector it is and where in the request the bytes sit.
import type { Finding, Location, Severity } from '../sdk.ts';

export interface Match {
  /** Pattern id or detection rule: also the redaction label (`[REDACTED:<rule>]`). */
  rule: string;
  /** Byte offset inside the scanned bytes. */
  offset: number;
  length: number;
  severity: Severity;
  /** Masked: never the secret. */
  excerpt: string;
}

/**
 * Rules whose finding cannot be fixed by rewriting bytes (the body could
 * not be read at all): they block whatever the route's action is.
 */
export const UNREDACTABLE_RULES: ReadonlySet<string> = new Set(['decompression-limit', 'undecodable-body', 'unsupported-encoding']);

export function toFinding(detector: string, location: Location, m: Match, shift = 0): Finding {
  return { detector, rule: m.rule, location, offset: m.offset + shift, length: m.length, severity: m.severity, excerpt: m.excerpt };
}

export const byOffset = (a: { offset: number; length: number }, b: { offset: number; length: number }) => a.offset - b.offset || b.length - a.length;

/**
 * Adds `incoming` (sorted by offset) to `accepted` (sorted, disjoint),
 * dropping every incoming match that overlaps one already kept: earlier
 * lists win. Linear in both lengths.
 */
export function mergeDisjoint(accepted: readonly Match[], incoming: readonly Match[]): Match[] {
  if (incoming.length === 0) return accepted as Match[];
  const out: Match[] = [];
  let i = 0;
  for (const m of incoming) {
    while (i < accepted.length && accepted[i]!.offset + accepted[i]!.length <= m.offset) out.push(accepted[i++]!);
    const blockedAhead = i < accepted.length && accepted[i]!.offset < m.offset + m.length;
    const last = out.at(-1);
    const blockedBehind = last !== undefined && last.offset + last.length > m.offset;
    if (!blockedAhead && !blockedBehind) out.push(m);
  }
  while (i < accepted.length) out.push(accepted[i++]!);
  return out;
}

/** One disjoint, offset-ordered list from lists in priority order (first wins an overlap). */
export function resolveOverlaps(lists: ReadonlyArray<Match[]>): Match[] {
  let accepted: Match[] = [];
  for (const list of lists) {
    if (list.length === 0) continue;
    list.sort(byOffset);
    accepted = mergeDisjoint(accepted, list);
  }
  return accepted;
}
