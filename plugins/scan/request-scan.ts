// Where an outbound detector looks in a request, and how a response chunk is
// scanned. Locations and their bytes:
// - host, path, query: the UTF-8 bytes of the string;
// - `header:<name>`: the values of every header of that name, in order,
//   joined by a `\n` byte (one header of a name — the usual case — is just
//   its value);
// - body: after undoing Content-Encoding; a gzip/zlib stream sent without
//   it is decoded and scanned too.
// Percent-encoded text (path, query, headers, form bodies) is also scanned
// decoded, and what is found there is reported at its raw offsets.
import { ALLOW, type Finding, type Location, type RequestView, type ResponseChunkView, type Verdict } from '../sdk.ts';
import { type DecodedView, percentDecode, utf8Scratch } from './bytes.ts';
import { contentEncodings, decodeBody, DEFAULT_MAX_DECODED_BYTES } from './decompress.ts';
import { byOffset, type Match, toFinding } from './match.ts';

export interface ByteScanner {
  scan(data: Uint8Array): Match[];
}

export interface RequestScanOptions {
  /** Cap on what a compressed body may decode to (over it: blocked). */
  maxDecodedBytes?: number;
  /** Stop collecting after this many findings (one is enough to block; a redaction is rescanned anyway). */
  maxFindings?: number;
}

const DEFAULT_MAX_FINDINGS = 1000;

/** The bytes of each header location (see the header comment), in first-appearance order. */
export function headerLocations(headers: RequestView['headers']): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const list = byName.get(name);
    if (list) list.push(value);
    else byName.set(name, [value]);
  }
  return byName;
}

export function isFormBody(headers: RequestView['headers']): boolean {
  return headers.some(([n, v]) => n === 'content-type' && v.toLowerCase().startsWith('application/x-www-form-urlencoded'));
}

/** Matches in `bytes`, and in their percent-decoded form mapped back to raw offsets. */
export function scanText(scanner: ByteScanner, bytes: Uint8Array, plus: boolean): Match[] {
  const direct = scanner.scan(bytes);
  const decoded = percentDecode(bytes, plus);
  if (!decoded) return direct;
  const extra = mapBack(scanner.scan(decoded.bytes), decoded, direct);
  return extra.length === 0 ? direct : [...direct, ...extra].sort(byOffset);
}

function mapBack(found: Match[], view: DecodedView, already: Match[]): Match[] {
  // A rule's matches are disjoint and ordered: per rule, a binary search finds an overlap.
  const byRule = new Map<string, Match[]>();
  for (const a of already) {
    const list = byRule.get(a.rule);
    if (list) list.push(a);
    else byRule.set(a.rule, [a]);
  }
  const groups = [...byRule.values()];
  const out: Match[] = [];
  for (const m of found) {
    const offset = view.rawOffset[m.offset]!;
    const length = view.rawOffset[m.offset + m.length]! - offset;
    // Text without escapes in it decodes to itself, and an encoded secret is reported once, as what was sent.
    if (groups.some((g) => overlapsAny(g, offset, offset + length))) continue;
    out.push({ ...m, offset, length });
  }
  return out;
}

/** Whether a match in `sorted` (disjoint, ordered) overlaps [from, to). */
function overlapsAny(sorted: Match[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  // First match that ends after `from`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.offset + sorted[mid]!.length <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]!.offset < to;
}

/** A detector's plugin id, or (for a scanner that runs several detectors' parts) the id by rule. */
export type Detector = string | ((rule: string) => string);

/** Every finding of one detector in a request. */
export function scanRequest(req: RequestView, detector: Detector, scanner: ByteScanner, options: RequestScanOptions = {}): Finding[] {
  const maxFindings = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const findings: Finding[] = [];
  const name = typeof detector === 'string' ? () => detector : detector;
  const push = (location: Location, matches: Match[]) => {
    for (const m of matches) {
      if (findings.length >= maxFindings) return;
      findings.push(toFinding(name(m.rule), location, m));
    }
  };
  // Each string's bytes are scanned and dropped before the next is encoded: one scratch buffer serves all.
  push('host', scanner.scan(utf8Scratch(req.host)));
  push('path', scanText(scanner, utf8Scratch(req.path), false));
  if (req.query) push('query', scanText(scanner, utf8Scratch(req.query), true));
  for (const [name, values] of headerLocations(req.headers)) {
    push(`header:${name}`, scanText(scanner, utf8Scratch(values.length === 1 ? values[0]! : values.join('\n')), false));
  }
  if (req.body.length > 0) {
    const body = decodeBody(req.body, contentEncodings(req.headers), options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES);
    if (body.refusal) push('body', [body.refusal]);
    else {
      push('body', isFormBody(req.headers) ? scanText(scanner, body.body, true) : scanner.scan(body.body));
      if (body.embedded) push('body', scanner.scan(body.embedded));
    }
  }
  return findings;
}

/**
 * Findings in one response chunk, at offsets in the whole body
 * (`position` + offset in `data`). Matches wholly inside the overlap were
 * reported with the previous chunk and are left out.
 */
export function scanChunk(chunk: ResponseChunkView, detector: string, scanner: ByteScanner): Finding[] {
  const out: Finding[] = [];
  for (const m of scanner.scan(chunk.data)) {
    if (m.offset + m.length <= chunk.overlap) continue;
    out.push(toFinding(detector, 'body', m, chunk.position));
  }
  return out;
}

/** Outbound: any finding blocks (the host turns that into the route's action with applyAction). */
export function requestVerdict(findings: Finding[]): Verdict {
  return findings.length === 0 ? ALLOW : { action: 'block', findings };
}

/** Inbound use of an outbound detector: what a finding in a response does. */
export type InboundAction = 'block' | 'warn' | 'off';

export function chunkVerdict(findings: Finding[], action: Exclude<InboundAction, 'off'>): Verdict {
  return findings.length === 0 ? ALLOW : { action, findings };
}
