// The credential table (policy/token-patterns.ts, shared with the
// compiler's lint) as keyword rules for the runtime scanner.
import { DLP_TOKEN_PATTERNS, isPlaceholder, maskSecret, type TokenPattern } from '../../policy/token-patterns.ts';
import { type KeywordRule, KeywordRegexPart } from './keyword-regex.ts';

export const TOKEN_PATTERN_IDS: readonly string[] = DLP_TOKEN_PATTERNS.map((p) => p.id);

// Without a declared window the regex still runs, over a generous one.
const DEFAULT_MAX_LENGTH = 1024;

export function tokenRule(p: TokenPattern): KeywordRule {
  const check = p.check;
  return {
    id: p.id,
    keywords: p.keywords,
    regex: p.regex,
    accept: (text) => !isPlaceholder(text) && (!check || check(text)),
    maxLead: p.maxLead ?? DEFAULT_MAX_LENGTH,
    maxLength: p.maxLength ?? DEFAULT_MAX_LENGTH,
    ...(p.near ? { near: p.near } : {}),
    ...(p.followedBy ? { followedBy: p.followedBy } : {}),
    severity: p.severity ?? 'high',
    excerpt: maskSecret,
  };
}

export interface TokenScanOptions {
  /** Only these pattern ids (default: all). */
  patterns?: readonly string[];
  /** Minus these. */
  disable?: readonly string[];
}

/** The patterns an options object selects, in table (priority) order. */
export function selectTokenPatterns(options: TokenScanOptions = {}, table: readonly TokenPattern[] = DLP_TOKEN_PATTERNS): TokenPattern[] {
  const only = options.patterns ? new Set(options.patterns) : null;
  const off = new Set(options.disable ?? []);
  return table.filter((p) => (!only || only.has(p.id)) && !off.has(p.id));
}

export function tokenPatternPart(options: TokenScanOptions = {}, table: readonly TokenPattern[] = DLP_TOKEN_PATTERNS): KeywordRegexPart {
  return new KeywordRegexPart(selectTokenPatterns(options, table).map(tokenRule));
}
