// Prompt-injection phrases in what comes back from the network. Two kinds:
// disclosure (what an attacker wants out: the system prompt, API keys,
// credentials, environment variables) and jailbreak (how they ask: ignore
// previous instructions, you are now, developer mode). One alone is common
// enough in honest text to be only worth a log line (warn); one of each
// close together is an instruction to leak (block).
//
// Phrases are matched on normalized text (normalize.ts) by the keyword +
// regex engine; "close" is measured in normalized characters, so padding
// with invisible characters does not push a pair apart.
import type { Severity } from '../sdk.ts';
import { type KeywordRule, KeywordRegexPart } from './keyword-regex.ts';
import type { Match } from './match.ts';
import { normalizeText, rawRange } from './normalize.ts';
import { DlpScanner } from './scanner.ts';

export type PhraseKind = 'disclosure' | 'jailbreak';

export interface Phrase {
  id: string;
  kind: PhraseKind;
  keywords: readonly string[];
  regex: RegExp;
  /** Checks a candidate the regex matched (gets the matched text, lower-cased). */
  accept?: (text: string) => boolean;
  maxLead: number;
  maxLength: number;
}

// Between words: one to six characters that are not letters, digits or a sentence's end.
const S = '[^a-z0-9.!?]{1,6}';
const S0 = '[^a-z0-9.!?]{0,3}';
const phrase = (id: string, kind: PhraseKind, keywords: string[], body: string, maxLength: number, maxLead = 0, accept?: (text: string) => boolean): Phrase => ({
  id,
  kind,
  keywords,
  regex: new RegExp(`(?<![a-z0-9])${body}(?![a-z0-9])`, 'gi'),
  ...(accept ? { accept } : {}),
  maxLead,
  maxLength,
});

// "ignore (all of the) previous instructions": one phrase per verb, and the
// last word checked against a list rather than spelled out in the regex —
// the same matches, in a form a ReDoS checker can prove linear.
const INSTRUCTION_NOUNS = new Set(['instruction', 'instructions', 'prompt', 'prompts', 'rules', 'directions', 'guidelines', 'directives', 'commands', 'messages', 'context']);
const lastWordIsInstructions = (text: string) => INSTRUCTION_NOUNS.has(/[a-z]+$/.exec(text.toLowerCase())?.[0] ?? '');
const ignoreInstructions = (verb: string) =>
  phrase(
    'ignore-instructions',
    'jailbreak',
    [verb],
    `${verb}${S}(?:(?:all|any|the|your|my|of|every|these|those)${S}){0,3}(?:previous|prior|above|earlier|preceding|former|original|initial|system|safety)${S}[a-z]{4,12}`,
    verb.length + 6 + 3 * (5 + 6) + 9 + 6 + 12,
    0,
    lastWordIsInstructions,
  );

export const PHRASES: readonly Phrase[] = [
  phrase('system-prompt', 'disclosure', ['system'], `system(?:${S})?prompts?`, 19),
  phrase('api-key', 'disclosure', ['api'], `api${S0}keys?`, 10),
  phrase('credentials', 'disclosure', ['credential'], `credentials?`, 11),
  phrase('environment-variables', 'disclosure', ['environment', 'env'], `(?:environment|env)${S0}var(?:iable)?s?`, 23),
  phrase('secret-key', 'disclosure', ['secret'], `secret${S0}(?:access${S0})?keys?`, 22),
  phrase('access-token', 'disclosure', ['access', 'auth', 'bearer'], `(?:access|auth|bearer)${S0}tokens?`, 15),
  phrase('private-key', 'disclosure', ['private'], `private${S0}keys?`, 14),
  phrase('password', 'disclosure', ['password'], `passwords?`, 9),
  ...['ignore', 'disregard', 'forget', 'bypass', 'skip'].map(ignoreInstructions),
  phrase('you-are-now', 'jailbreak', ['you'], `you(?:${S}a|')re${S}now`, 21),
  phrase('developer-mode', 'jailbreak', ['developer', 'dev', 'god', 'dan', 'debug', 'jailbreak', 'admin'], `(?:developer|dev|god|dan|debug|jailbreak|admin)${S0}mode`, 16),
  phrase('do-anything-now', 'jailbreak', ['anything'], `do${S}anything${S}now`, 25, 8),
  phrase('jailbreak', 'jailbreak', ['jail'], `jail${S0}(?:break|broken)(?:ing|s|ed)?`, 16),
  phrase('new-instructions', 'jailbreak', ['new', 'updated', 'real', 'actual'], `(?:new|updated|real|actual)${S}(?:system${S})?(?:instructions|directives)`, 37),
  phrase(
    'override-instructions',
    'jailbreak',
    ['override'],
    `override${S}(?:(?:all|any|the|your)${S}){0,2}(?:instructions|rules|guidelines|system|safety|restrictions|filters)`,
    46,
  ),
  phrase('no-restrictions', 'jailbreak', ['without', 'no'], `(?:without|no)${S}(?:any${S})?(?:restrictions|limitations|filters|censorship)`, 34),
  phrase('pretend', 'jailbreak', ['pretend'], `pretend${S}(?:to${S}be|you${S}are|that${S}you)`, 26),
  phrase('unrestricted-ai', 'jailbreak', ['unrestricted', 'unfiltered', 'uncensored', 'jailbroken'], `(?:unrestricted|unfiltered|uncensored|jailbroken)${S}(?:ai|assistant|model|mode|version|response)s?`, 28),
];

export const PHRASE_IDS: readonly string[] = [...new Set(PHRASES.map((p) => p.id))];

export interface InjectionOptions {
  /** Largest gap, in normalized characters, between a disclosure and a jailbreak phrase that still blocks. Default 200. */
  window?: number;
  /** 0–1: a pair blocks when 1 − gap/window reaches it (0: any pair inside the window). Default 0. */
  threshold?: number;
  /** Phrase ids to leave out. */
  disable?: readonly string[];
}

export interface PhraseHit {
  rule: string;
  kind: PhraseKind;
  /** In normalized characters. */
  start: number;
  end: number;
  /** In raw bytes. */
  offset: number;
  length: number;
  excerpt: string;
}

export interface Pair {
  first: PhraseHit;
  second: PhraseHit;
  /** Characters between them (0 when they touch or overlap). */
  gap: number;
}

/**
 * The closest disclosure/jailbreak pair, in one pass over hits sorted by
 * start: for each hit, the best partner among earlier-starting hits of the
 * other kind is the one that ends last, so keeping that one per kind is
 * enough. Linear, not all pairs.
 */
export function closestPair(hits: ArrayLike<PhraseHit>): Pair | null {
  let best: Pair | null = null;
  let lastDisclosure: PhraseHit | null = null;
  let lastJailbreak: PhraseHit | null = null;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const partner = h.kind === 'disclosure' ? lastJailbreak : lastDisclosure;
    if (partner) {
      const gap = Math.max(0, h.start - partner.end);
      if (!best || gap < best.gap) best = { first: partner, second: h, gap };
    }
    if (h.kind === 'disclosure') {
      if (!lastDisclosure || h.end > lastDisclosure.end) lastDisclosure = h;
    } else if (!lastJailbreak || h.end > lastJailbreak.end) {
      lastJailbreak = h;
    }
  }
  return best;
}

export interface InjectionResult {
  hits: PhraseHit[];
  /** The closest pair, when it is close enough to block. */
  pair: Pair | null;
}

const severityOf = (kind: PhraseKind): Severity => (kind === 'jailbreak' ? 'medium' : 'low');

export class InjectionDetector {
  readonly window: number;
  readonly threshold: number;
  /** Raw bytes a stream must keep so a pair split across chunks is still seen whole. */
  readonly overlapBytes: number;
  private readonly scanner: DlpScanner;
  private readonly kinds: ReadonlyMap<string, PhraseKind>;

  constructor(options: InjectionOptions = {}) {
    this.window = options.window ?? 200;
    this.threshold = options.threshold ?? 0;
    const off = new Set(options.disable ?? []);
    const on = PHRASES.filter((p) => !off.has(p.id));
    this.kinds = new Map(on.map((p) => [p.id, p.kind]));
    const part = (kind: PhraseKind) => new KeywordRegexPart(on.filter((p) => p.kind === kind).map(phraseRule));
    // Two parts: a disclosure and a jailbreak phrase may overlap, and both count.
    this.scanner = new DlpScanner([part('disclosure'), part('jailbreak')]);
    const longest = on.reduce((m, p) => Math.max(m, p.maxLead + p.maxLength), 0);
    // A normalized character is at most 4 raw bytes (more only with invisible padding).
    this.overlapBytes = 4 * (this.window + 2 * longest);
  }

  detect(raw: Uint8Array): InjectionResult {
    const text = normalizeText(raw);
    const hits: PhraseHit[] = this.scanner.scan(text.bytes).map((m: Match) => {
      const { offset, length } = rawRange(text, m.offset, m.offset + m.length);
      return { rule: m.rule, kind: this.kinds.get(m.rule)!, start: m.offset, end: m.offset + m.length, offset, length, excerpt: m.excerpt };
    });
    const pair = closestPair(hits);
    const close = pair !== null && pair.gap <= this.window && 1 - pair.gap / this.window >= this.threshold;
    return { hits, pair: close ? pair : null };
  }

  severity(hit: PhraseHit): Severity {
    return severityOf(hit.kind);
  }
}

function phraseRule(p: Phrase): KeywordRule {
  return {
    id: p.id,
    keywords: p.keywords,
    regex: p.regex,
    ...(p.accept ? { accept: p.accept } : {}),
    maxLead: p.maxLead,
    maxLength: p.maxLength,
    severity: severityOf(p.kind),
    // Phrases are not secrets: the excerpt is the (normalized) phrase, cut short.
    excerpt: (text) => (text.length > 60 ? `${text.slice(0, 60)}…` : text).toLowerCase(),
  };
}
