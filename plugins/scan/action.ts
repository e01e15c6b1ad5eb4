// What the host does with an outbound detector's findings, per the route's
// `dlp.outbound_on_match`:
// - block: 403 naming detector, rule and location (never the secret);
// - redact: every finding becomes `[REDACTED:<rule>]`, the rewritten
//   request is scanned again by the same detectors, and it is blocked
//   instead if anything remains or a finding sits where nothing can be
//   rewritten (the host or its Host header, an unreadable body, a .gz
//   inside a body);
// - supervise: would hold the request for an operator; until approvals
//   exist it is refused as `supervise_unavailable`.
import type { Finding, RedactRange, RequestView, Verdict } from '../sdk.ts';
import { fromUtf8, utf8 } from './bytes.ts';
import { contentEncodings, decodeBody, DEFAULT_MAX_DECODED_BYTES } from './decompress.ts';
import { UNREDACTABLE_RULES } from './match.ts';
import { type ByteRange, placeholder, redactBytes, urlPlaceholder } from './redact.ts';
import { headerLocations } from './request-scan.ts';

export type RouteAction = 'block' | 'redact' | 'supervise';

/** Why a request was refused; stable codes for logs and the 403 body. */
export type ActionCode = 'dlp_block' | 'dlp_redact_unrewritable' | 'dlp_redact_residual' | 'supervise_unavailable';

export interface ActionResult {
  /** allow, block, or redact (with the ranges that were rewritten). */
  verdict: Verdict;
  /** Set when the verdict is block. */
  code?: ActionCode;
  /** For redact: the request to forward instead, already rescanned clean. */
  redactedRequest?: RequestView;
}

/** Runs the route's outbound detectors again (on the redacted request). */
export type Rescan = (req: RequestView) => readonly Finding[] | Promise<readonly Finding[]>;

export interface ActionOptions {
  /** Same cap the detectors used. */
  maxDecodedBytes?: number;
}

const block = (findings: readonly Finding[], code: ActionCode): ActionResult => ({ verdict: { action: 'block', findings: [...findings] }, code });

export async function applyAction(findings: readonly Finding[], action: RouteAction, request: RequestView, rescan: Rescan, options: ActionOptions = {}): Promise<ActionResult> {
  if (findings.length === 0) return { verdict: { action: 'allow' } };
  if (action === 'block') return block(findings, 'dlp_block');
  if (action === 'supervise') return block(findings, 'supervise_unavailable');
  const rewritten = redactRequest(request, findings, options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES);
  if (!rewritten) return block(findings, 'dlp_redact_unrewritable');
  const residual = await rescan(rewritten);
  if (residual.length > 0) return block(residual, 'dlp_redact_residual');
  const ranges: RedactRange[] = findings.map((f) => ({ location: f.location, offset: f.offset, length: f.length, label: f.rule }));
  return { verdict: { action: 'redact', ranges, findings: [...findings] }, redactedRequest: rewritten };
}

// The destination: rewriting it would send the request somewhere else, not clean it.
const HOST_LOCATIONS: ReadonlySet<string> = new Set(['host', 'header:host', 'header::authority']);

/** The request with every finding replaced by its placeholder, or null when one cannot be rewritten. */
export function redactRequest(request: RequestView, findings: readonly Finding[], maxDecodedBytes = DEFAULT_MAX_DECODED_BYTES): RequestView | null {
  const byLocation = new Map<string, ByteRange[]>();
  for (const f of findings) {
    if (HOST_LOCATIONS.has(f.location) || UNREDACTABLE_RULES.has(f.rule)) return null;
    const list = byLocation.get(f.location);
    const range = { offset: f.offset, length: f.length, label: f.rule };
    if (list) list.push(range);
    else byLocation.set(f.location, [range]);
  }

  let { path, query, body } = request;
  let headers: Array<[string, string]> = request.headers.map(([n, v]) => [n, v]);
  const pathRanges = byLocation.get('path');
  if (pathRanges) path = fromUtf8(redactBytes(utf8(path), pathRanges, urlPlaceholder));
  const queryRanges = byLocation.get('query');
  if (queryRanges) query = fromUtf8(redactBytes(utf8(query), queryRanges, urlPlaceholder));

  for (const [name, values] of headerLocations(request.headers)) {
    const ranges = byLocation.get(`header:${name}`);
    if (!ranges) continue;
    const parts = fromUtf8(redactBytes(utf8(values.join('\n')), ranges, placeholder)).split('\n');
    // A range across two values of the header would merge them: not a rewrite we can make.
    if (parts.length !== values.length) return null;
    let k = 0;
    headers = headers.map(([n, v]) => (n === name ? [n, parts[k++]!] : [n, v]));
  }

  const bodyRanges = byLocation.get('body');
  if (bodyRanges) {
    const decoded = decodeBody(request.body, contentEncodings(request.headers), maxDecodedBytes);
    // Findings in a compressed stream inside the body have offsets in its decoded bytes.
    if (decoded.refusal || decoded.embedded) return null;
    body = redactBytes(decoded.body, bodyRanges, placeholder);
    // The body goes out decoded: it is what was scanned and rewritten.
    if (decoded.decoded) headers = headers.filter(([n]) => n !== 'content-encoding');
    headers = headers.map(([n, v]) => (n === 'content-length' ? [n, String(body.length)] : [n, v]));
  }
  return { ...request, path, query, headers, body };
}

/** What a 403 says about a DLP refusal: detector, rule and location of each finding, never bytes of the secret. */
export function blockReport(findings: readonly Finding[], code: ActionCode): { error: ActionCode; message: string; findings: Array<Pick<Finding, 'detector' | 'rule' | 'location' | 'severity'>> } {
  const listed = findings.slice(0, 20).map(({ detector, rule, location, severity }) => ({ detector, rule, location, severity }));
  const first = listed[0];
  const what = first ? `${first.detector} found ${first.rule} in ${first.location}${findings.length > 1 ? ` (and ${findings.length - 1} more)` : ''}` : 'no findings';
  const why: Record<ActionCode, string> = {
    dlp_block: 'request blocked by DLP',
    dlp_redact_unrewritable: 'request blocked by DLP: a finding sits where it cannot be redacted',
    dlp_redact_residual: 'request blocked by DLP: secrets remain after redaction',
    supervise_unavailable: 'request held for supervision, but supervision is not available: refused',
  };
  return { error: code, message: `${why[code]}: ${what}`, findings: listed };
}
