// Regexes that run only next to a literal keyword. The shared literal
// matcher finds every keyword in one pass; a rule's regex then runs only
// where one of its keywords sits, sticky (anchored), at each position a
// match containing that keyword could start: the keyword itself when the
// match starts with it (maxLead 0), else the maxLead positions before it.
// A keyword right after a character the regex's leading lookbehind forbids
// (`sk` in `task`) is dropped before any regex runs.
// A `near` rule has no keywords of its own: it runs in a window around each
// match of its anchor rule.
// Clean text has few keywords and costs one table lookup per byte; text
// dense with keywords costs at most one anchored attempt per keyword.
import type { Severity } from '../sdk.ts';
import { utf8 } from './bytes.ts';
import { type Match, resolveOverlaps } from './match.ts';
import type { PartRun, ScanInput, ScanPart } from './scanner.ts';

export interface KeywordRule {
  id: string;
  /** Lower-case literals; matched case-blind. Ignored for a `near` rule. */
  keywords: readonly string[];
  /** Group 1 (with the `d` flag) is the reported part when present. */
  regex: RegExp;
  /** Rejects a candidate (checksum, entropy, placeholder). Gets the reported text. */
  accept?: (text: string) => boolean;
  /** Most characters a match can start before its keyword (for `near`: before the anchor match). */
  maxLead: number;
  /** Longest match (for `near`: how far after the anchor match's start to look). */
  maxLength: number;
  /** Id of the rule whose matches this one is looked for next to. */
  near?: string;
  /** A byte check after the keyword that the regex implies (see TokenPattern.followedBy). */
  followedBy?: { skipping: string; within: number; oneOf: string };
  severity: Severity;
  excerpt(text: string): string;
}

// Lookbehinds and lookaheads read a character past a match's edge.
const CONTEXT = 16;

interface CompiledRule extends KeywordRule {
  sticky: RegExp;
  global: RegExp;
  captures: boolean;
  /** Bytes that the leading lookbehind forbids right before the keyword (maxLead 0 only), or null. */
  notAfter: Uint8Array | null;
  /** followedBy as byte tables: 1 = skip, 2 = the byte that must come; null when the rule has none. */
  follow: Uint8Array | null;
  followWithin: number;
}

export class KeywordRegexPart implements ScanPart {
  readonly literals: Uint8Array[];
  readonly overlapBytes: number;
  private readonly rules: CompiledRule[];
  /** Per literal: the rules it belongs to. */
  private readonly literalRules: Int32Array[];
  private readonly literalLength: Int32Array;
  /** Per rule: the near rules anchored on it. */
  private readonly anchored: number[][];
  private readonly starts: Array<IntList | undefined>;
  private readonly touched: number[] = [];

  constructor(rules: readonly KeywordRule[]) {
    this.rules = rules.map(compile);
    this.starts = new Array(rules.length);
    const ids = new Map(rules.map((r, i) => [r.id, i]));
    this.anchored = rules.map(() => []);
    const index = new Map<string, number[]>();
    for (const [ri, r] of rules.entries()) {
      if (r.near !== undefined) {
        const anchor = ids.get(r.near);
        if (anchor === undefined) throw new Error(`rule ${r.id} is near ${r.near}, which is not in the set`);
        this.anchored[anchor]!.push(ri);
        continue;
      }
      for (const k of new Set(r.keywords.map((k) => k.toLowerCase()))) {
        const list = index.get(k);
        if (list) list.push(ri);
        else index.set(k, [ri]);
      }
    }
    this.literals = [...index.keys()].map(utf8);
    this.literalRules = [...index.values()].map((l) => Int32Array.from(l));
    this.literalLength = Int32Array.from(this.literals, (l) => l.length);
    this.overlapBytes = rules.reduce((m, r) => Math.max(m, r.maxLead + r.maxLength), 0);
  }

  start(input: ScanInput): PartRun {
    const data = input.data;
    // Per rule, where its keywords start. The lists are the part's own and
    // reused scan after scan (a part runs one scan at a time): only the rules
    // hit this time are reset.
    const starts = this.starts;
    const touched = this.touched;
    for (const r of touched) starts[r]!.length = 0;
    touched.length = 0;
    const { literalRules, literalLength, rules } = this;
    return {
      hit(local, end) {
        const s = end - literalLength[local]!;
        const before = s > 0 ? data[s - 1]! : 0;
        const list = literalRules[local]!;
        for (let k = 0; k < list.length; k++) {
          const r = list[k]!;
          const notAfter = rules[r]!.notAfter;
          if (notAfter !== null && s > 0 && notAfter[before] === 1) continue;
          const follow = rules[r]!.follow;
          if (follow !== null && !follows(data, end, follow, rules[r]!.followWithin)) continue;
          const at = (starts[r] ??= new IntList());
          if (at.length === 0) touched.push(r);
          at.push(s);
        }
      },
      finish: () => {
        if (touched.length === 0) return [];
        const lists: Match[][] = this.rules.map(() => []);
        for (const ri of touched) lists[ri] = anchoredAt(this.rules[ri]!, input, starts[ri]!.sorted());
        this.anchored.forEach((near, anchor) => {
          if (lists[anchor]!.length > 0) for (const ri of near) lists[ri] = nearTo(this.rules[ri]!, input, lists[anchor]!);
        });
        // Rules are in priority order: where two match the same bytes, the earlier one names it.
        return resolveOverlaps(lists);
      },
    };
  }
}

function compile(r: KeywordRule): CompiledRule {
  const flags = r.regex.flags.replace(/[gy]/g, '');
  return {
    ...r,
    sticky: new RegExp(r.regex.source, `${flags}y`),
    global: new RegExp(r.regex.source, `${flags}g`),
    captures: r.regex.hasIndices,
    notAfter: r.maxLead === 0 && !r.near ? lookbehindBytes(r.regex) : null,
    follow: r.followedBy ? followTable(r.followedBy) : null,
    followWithin: r.followedBy?.within ?? 0,
  };
}

function followTable(f: NonNullable<KeywordRule['followedBy']>): Uint8Array {
  const table = new Uint8Array(256);
  for (const c of f.skipping) table[c.charCodeAt(0)] = 1;
  for (const c of f.oneOf) table[c.charCodeAt(0)] = 2;
  return table;
}

/** Whether, from `end`, at most `within` skippable bytes come before a wanted one. */
function follows(data: Uint8Array, end: number, table: Uint8Array, within: number): boolean {
  const stop = Math.min(data.length, end + within + 1);
  for (let i = end; i < stop; i++) {
    const t = table[data[i]!]!;
    if (t === 2) return true;
    if (t === 0) return false;
  }
  return false;
}

/** From a regex that opens with `(?<![...])`: the bytes that class matches. */
function lookbehindBytes(regex: RegExp): Uint8Array | null {
  const m = /^\(\?<!(\[(?:[^\]\\]|\\.)*\])\)/.exec(regex.source);
  if (!m) return null;
  const cls = new RegExp(`^${m[1]}$`, regex.flags.includes('i') ? 'i' : '');
  const table = new Uint8Array(256);
  for (let b = 0; b < 128; b++) table[b] = cls.test(String.fromCharCode(b)) ? 1 : 0;
  return table;
}

function report(rule: CompiledRule, m: RegExpExecArray, base: number, out: Match[]): void {
  const span = rule.captures ? m.indices?.[1] : undefined;
  const text = span ? m[1]! : m[0];
  if (rule.accept && !rule.accept(text)) return;
  out.push({ rule: rule.id, offset: base + (span ? span[0] : m.index), length: text.length, severity: rule.severity, excerpt: rule.excerpt(text) });
}

/**
 * Sticky attempts at each position a match could start, left to right, like
 * a global regex restricted to those positions: no new match starts inside
 * the previous one, and no position is tried twice.
 */
function anchoredAt(rule: CompiledRule, input: ScanInput, starts: Int32Array): Match[] {
  const out: Match[] = [];
  const re = rule.sticky;
  const lead = rule.maxLead;
  let next = 0;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    for (let p = Math.max(next, s - lead); p <= s; p++) {
      const w = input.window(p - CONTEXT, p + rule.maxLength + CONTEXT);
      re.lastIndex = p - w.base;
      const m = re.exec(w.text);
      next = p + 1;
      if (!m) continue;
      next = p + Math.max(1, m[0].length);
      report(rule, m, w.base, out);
      break;
    }
  }
  return out;
}

/** A near rule: a global search in the window around each anchor match (windows that touch are merged). */
function nearTo(rule: CompiledRule, input: ScanInput, anchors: Match[]): Match[] {
  const out: Match[] = [];
  const length = input.data.length;
  let ws = -1;
  let we = -1;
  const flush = () => {
    if (ws < 0) return;
    // Sliced to the window: a global search must not run on past it.
    const from = Math.max(0, ws - CONTEXT);
    const to = Math.min(length, we + CONTEXT);
    const w = input.window(from, to);
    const text = w.text.slice(from - w.base, to - w.base);
    const re = rule.global;
    re.lastIndex = ws - from;
    for (let m = re.exec(text); m && m.index + from < we; m = re.exec(text)) {
      // A match that runs into the window's cut edge might be longer in the whole text: its lookahead saw nothing.
      if (m.index + m[0].length >= text.length && to < length) continue;
      report(rule, m, from, out);
      if (m[0].length === 0) re.lastIndex++;
    }
  };
  for (const anchor of [...anchors].sort((a, b) => a.offset - b.offset)) {
    const a = Math.max(0, anchor.offset - rule.maxLead);
    const b = Math.min(length, anchor.offset + rule.maxLength);
    if (ws >= 0 && a <= we) {
      if (b > we) we = b;
    } else {
      flush();
      ws = a;
      we = b;
    }
  }
  flush();
  return out;
}

/** A growable list of positions. */
class IntList {
  private items = new Int32Array(32);
  length = 0;
  push(x: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = x;
  }
  /**
   * Ascending, in place. Hits arrive in order of where their keyword ends,
   * so starts are out of order only by keyword lengths: insertion sort,
   * linear here, unless that turns out not to hold.
   */
  sorted(): Int32Array {
    const a = this.items.subarray(0, this.length);
    let moves = 0;
    for (let i = 1; i < a.length; i++) {
      const x = a[i]!;
      let j = i - 1;
      while (j >= 0 && a[j]! > x) {
        a[j + 1] = a[j]!;
        j--;
        if (++moves > 4 * a.length) return a.sort();
      }
      a[j + 1] = x;
    }
    return a;
  }
}
