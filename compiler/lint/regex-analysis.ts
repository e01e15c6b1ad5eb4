// Where a bottle writes regexes, and what is known about each one: does it
// compile, and can it backtrack catastrophically on the proxy's hot path.
// Verdicts are cached by pattern text for the life of the process, and most
// route regexes are proven linear by a cheap structural check (the fast path
// at the end of this file) before the costly detector is consulted.
import { isSafePattern } from 'redos-detector';
import type { BottleSpec } from '../../policy/types.ts';
import type { DataPath } from '../source.ts';

export interface RegexSite {
  path: DataPath;
  value: string;
}

/** Every `paths[]` and `headers[]` entry of type regex in one bottle's own frontmatter. */
export function regexSites(spec: BottleSpec): RegexSite[] {
  const sites: RegexSite[] = [];
  spec.egress?.routes?.forEach((route, i) => {
    route.matches?.forEach((match, j) => {
      match.paths?.forEach((p, k) => {
        if (p?.type === 'regex' && typeof p.value === 'string') {
          sites.push({ path: ['egress', 'routes', i, 'matches', j, 'paths', k, 'value'], value: p.value });
        }
      });
      match.headers?.forEach((h, k) => {
        if (h?.type === 'regex' && typeof h.value === 'string') {
          sites.push({ path: ['egress', 'routes', i, 'matches', j, 'headers', k, 'value'], value: h.value });
        }
      });
    });
  });
  return sites;
}

/**
 * Bounds on the detector so a pathological pattern cannot hang the compiler.
 * Steps bound it deterministically; the timeout is only a backstop. Measured
 * (Node 20, per distinct pattern): the fast path below settles route regexes
 * in ~0.03 ms; on the detector, safe patterns take 1–30 ms, unsafe ones 5–80
 * ms, and patterns that exhaust the steps (reported as unsafe) 200–850 ms.
 */
export const REDOS_LIMITS = { maxSteps: 3000, timeout: 1000 } as const;

export type RedosVerdict =
  | { safe: true }
  /** `anchorable`: unanchored it is quadratic, with `^` in front it is safe. */
  | { safe: false; kind: 'exponential' | 'polynomial'; anchorable: boolean }
  /** The detector ran out of steps or time, or could not parse the pattern: fail closed. */
  | { safe: false; kind: 'gave-up'; detail?: string };

interface Entry {
  compileError: string | null;
  redos?: RedosVerdict;
}

const MAX_CACHE = 10_000;
const cache = new Map<string, Entry>();

function entry(pattern: string): Entry {
  let e = cache.get(pattern);
  if (!e) {
    if (cache.size >= MAX_CACHE) cache.clear();
    e = { compileError: compileError(pattern) };
    cache.set(pattern, e);
  }
  return e;
}

/** The JS engine's reason a pattern does not compile, or null. */
export function regexCompileError(pattern: string): string | null {
  return entry(pattern).compileError;
}

/** Only meaningful for a pattern that compiles. */
export function redosVerdict(pattern: string): RedosVerdict {
  const e = entry(pattern);
  e.redos ??= analyse(pattern);
  return e.redos;
}

function compileError(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (err) {
    const message = (err as Error).message;
    // V8: "Invalid regular expression: /<pattern>/: <reason>"; the pattern is printed by the caller.
    const prefix = `Invalid regular expression: /${pattern}/: `;
    return message.startsWith(prefix) ? message.slice(prefix.length) : message;
  }
}

function analyse(pattern: string): RedosVerdict {
  // Without repetition or alternation the work per match attempt is bounded by the pattern.
  if (!/[*+?{|]/.test(pattern)) return { safe: true };
  // Most route regexes are simple enough to prove linear without the detector.
  if (provablyLinear(pattern)) return { safe: true };
  const first = detect(pattern);
  if (first === 'safe') return { safe: true };
  if (first !== 'unsafe') return { safe: false, kind: 'gave-up', ...(first.detail ? { detail: first.detail } : {}) };
  if (hasNestedQuantifier(pattern)) return { safe: false, kind: 'exponential', anchorable: false };
  const anchorable = !pattern.startsWith('^') && detect(`^${pattern}`) === 'safe';
  return { safe: false, kind: 'polynomial', anchorable };
}

function detect(pattern: string): 'safe' | 'unsafe' | { detail?: string } {
  try {
    const result = isSafePattern(withoutGroupNames(pattern), REDOS_LIMITS);
    if (result.safe) return 'safe';
    return result.error === 'hitMaxScore' ? 'unsafe' : {};
  } catch (err) {
    // The detector's parser does not know every construct V8 accepts.
    return { detail: (err as Error).message.split('\n')[0] };
  }
}

/**
 * The detector's parser rejects named groups; numbered groups backtrack the
 * same way. `(?<name>` becomes `(` and `\k<name>` the group's number.
 */
export function withoutGroupNames(pattern: string): string {
  if (!pattern.includes('(?<')) return pattern;
  const numbers = new Map<string, number>();
  let groups = 0;
  for (const { at, text } of tokens(pattern)) {
    if (text !== '(') continue;
    const named = /^\?<([A-Za-z_$][\w$]*)>/.exec(pattern.slice(at + 1));
    if (pattern[at + 1] !== '?') groups++;
    else if (named) numbers.set(named[1]!, ++groups);
  }
  let out = '';
  let from = 0;
  for (const { at, text } of tokens(pattern)) {
    const named = text === '(' ? /^\(\?<([A-Za-z_$][\w$]*)>/.exec(pattern.slice(at)) : null;
    const backref = text.startsWith('\\k') ? /^\\k<([A-Za-z_$][\w$]*)>/.exec(pattern.slice(at)) : null;
    const m = named ?? backref;
    if (!m || !numbers.has(m[1]!)) continue;
    out += pattern.slice(from, at) + (named ? '(' : `\\${numbers.get(m[1]!)}`);
    from = at + m[0].length;
  }
  return out + pattern.slice(from);
}

/** Group openings and escapes outside character classes, in order. */
function* tokens(pattern: string): Generator<{ at: number; text: string }> {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (!inClass) yield { at: i, text: pattern.slice(i, i + 2) };
      i++;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      yield { at: i, text: '(' };
    }
  }
}

/**
 * Star height above one: a group repeated many times whose body itself
 * repeats or alternates, like `(a+)+` or `(a|ab)*`. That is the shape of
 * exponential backtracking; other unsafe patterns are polynomial.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  const varied: boolean[] = []; // per open group: does its body repeat or alternate?
  let inClass = false;
  let afterVariedGroup = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const prevVaried = afterVariedGroup;
    afterVariedGroup = false;
    if (c === '\\') {
      i++;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      varied.push(false);
      i += groupPrefixLength(pattern, i);
    } else if (c === '|') {
      markVaried(varied);
    } else if (c === ')') {
      afterVariedGroup = varied.pop() ?? false;
      if (afterVariedGroup) markVaried(varied);
    } else {
      const q = quantifier(pattern, i);
      if (!q) continue;
      if (prevVaried && q.many) return true;
      markVaried(varied);
      i += q.length - 1;
      if (pattern[i + 1] === '?') i++; // lazy
    }
  }
  return false;
}

function markVaried(varied: boolean[]): void {
  if (varied.length) varied[varied.length - 1] = true;
}

/** Characters after `(` that belong to the group syntax: `?:`, `?=`, `?<=`, `?<name>`. */
function groupPrefixLength(pattern: string, open: number): number {
  if (pattern[open + 1] !== '?') return 0;
  const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(open + 1));
  return m ? m[0].length : 1;
}

/** The quantifier starting at `i`, if any; `many` when it allows more than one repetition. */
function quantifier(pattern: string, i: number): { length: number; many: boolean } | undefined {
  const c = pattern[i];
  if (c === '*' || c === '+') return { length: 1, many: true };
  if (c === '?') return { length: 1, many: false };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!m) return undefined; // a literal brace outside unicode mode
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return { length: m[0].length, many: max > 1 };
}

// ---------------------------------------------------------------------------
// The fast path. The detector costs 1–15 ms per pattern, too much for a repo
// with a thousand distinct regexes. Most route regexes are anchored and
// deterministic (one-unambiguous, in Brüggemann-Klein's sense): wherever the
// matcher stands, at most one place in the pattern can take the next
// character. A backtracking engine running such a pattern abandons every
// wrong choice on the very next character, so one anchored attempt does work
// linear in the input. We check that on the Glushkov positions of the
// pattern: the first positions, and the followers of every position, must
// have pairwise disjoint character sets, and no position may follow another
// by two routes through the pattern's loops. An alternation of plain literal
// strings none of which is a prefix of another counts as one position (its
// strings cannot both match at one place). Lookarounds, back-references,
// word boundaries, lazy quantifiers, repeats of something that can match
// empty, and anything unanchored are left to the detector.

interface CharSet {
  ascii: Uint8Array;
  /** May match a character above U+007F (kept coarse: two wide sets are assumed to overlap). */
  wide: boolean;
}

type Node =
  | { kind: 'pos'; id: number }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; body: Node; min: number; max: number };

class NotSimple extends Error {}

export function provablyLinear(pattern: string): boolean {
  if (!pattern.startsWith('^')) return false;
  const sets: CharSet[] = [];
  let root: Node;
  try {
    const parser = new Parser(pattern, sets);
    root = parser.parse();
  } catch (err) {
    if (err instanceof NotSimple) return false;
    throw err;
  }
  const follow = sets.map(() => new Set<number>());
  let ok = true;
  // The same step reached by two routes (`(a+)+`: inner or outer loop) is
  // ambiguity the position sets alone do not show: the engine would try both.
  const link = (p: number, q: number) => {
    if (follow[p]!.has(q)) ok = false;
    follow[p]!.add(q);
  };
  const info = (node: Node): { nullable: boolean; first: Set<number>; last: Set<number> } => {
    switch (node.kind) {
      case 'pos':
        return { nullable: false, first: new Set([node.id]), last: new Set([node.id]) };
      case 'seq': {
        let nullable = true;
        const first = new Set<number>();
        let last = new Set<number>();
        for (const item of node.items) {
          const i = info(item);
          for (const p of last) for (const q of i.first) link(p, q);
          if (nullable) for (const q of i.first) first.add(q);
          last = i.nullable ? new Set([...last, ...i.last]) : i.last;
          nullable &&= i.nullable;
        }
        return { nullable, first, last };
      }
      case 'alt': {
        const parts = node.options.map(info);
        if (parts.some((p) => p.nullable)) ok = false;
        return {
          nullable: false,
          first: new Set(parts.flatMap((p) => [...p.first])),
          last: new Set(parts.flatMap((p) => [...p.last])),
        };
      }
      case 'repeat': {
        const i = info(node.body);
        if (i.nullable) ok = false; // an empty iteration: leave it to the detector
        if (node.max > 1) for (const p of i.last) for (const q of i.first) link(p, q);
        return { nullable: node.min === 0, first: i.first, last: i.last };
      }
    }
  };
  const top = info(root);
  if (!ok) return false;
  return disjoint(top.first, sets) && follow.every((f) => disjoint(f, sets));
}

function disjoint(ids: Set<number>, sets: CharSet[]): boolean {
  const list = [...ids];
  for (let a = 0; a < list.length; a++) {
    for (let b = a + 1; b < list.length; b++) if (overlaps(sets[list[a]!]!, sets[list[b]!]!)) return false;
  }
  return true;
}

function overlaps(a: CharSet, b: CharSet): boolean {
  if (a.wide && b.wide) return true;
  for (let c = 0; c < 128; c++) if (a.ascii[c] && b.ascii[c]) return true;
  return false;
}

const classSets = new Map<string, CharSet>();

/** The set a one-character regex source matches, by testing every ASCII character. */
function charSet(source: string, wide: boolean): CharSet {
  let set = classSets.get(source);
  if (!set) {
    const re = new RegExp(`^(?:${source})$`);
    const ascii = new Uint8Array(128);
    for (let c = 0; c < 128; c++) ascii[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
    set = { ascii, wide };
    classSets.set(source, set);
  }
  return set;
}

function literalSet(chars: Iterable<string>): CharSet {
  const ascii = new Uint8Array(128);
  let wide = false;
  for (const ch of chars) {
    const code = ch.charCodeAt(0);
    if (code > 0x7f) wide = true;
    else ascii[code] = 1;
  }
  return { ascii, wide };
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v' };

/** Parses the subset described above into Glushkov positions; throws NotSimple on anything else. */
class Parser {
  #pos = 1; // after '^'

  constructor(
    readonly src: string,
    readonly sets: CharSet[],
  ) {}

  parse(): Node {
    const node = this.sequence();
    if (this.src[this.#pos] === '$') this.#pos++;
    if (this.#pos !== this.src.length) throw new NotSimple(); // top-level `|`, `$` before the end, stray `)`
    return node;
  }

  sequence(): Node {
    const items: Node[] = [];
    for (;;) {
      const c = this.src[this.#pos];
      if (c === undefined || c === '|' || c === ')' || c === '$') return { kind: 'seq', items };
      const atom = c === '(' ? this.group() : this.position(this.atom());
      items.push(this.quantified(atom));
    }
  }

  group(): Node {
    const m = /^\((?:\?:|\?<[A-Za-z_$][\w$]*>)?/.exec(this.src.slice(this.#pos))!;
    if (this.src[this.#pos + 1] === '?' && m[0].length === 1) throw new NotSimple(); // lookaround
    this.#pos += m[0].length;
    const start = this.#pos;
    const literals = this.literalAlternation();
    if (literals) return this.position(literalSet(literals.map((l) => l[0]!)));
    this.#pos = start;
    const options = [this.sequence()];
    while (this.src[this.#pos] === '|') {
      this.#pos++;
      options.push(this.sequence());
    }
    if (this.src[this.#pos] !== ')') throw new NotSimple();
    this.#pos++;
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  /** `(get|put|post)`: plain literal strings, none a prefix of another. Consumes the `)`. */
  literalAlternation(): string[] | undefined {
    const options = [''];
    for (;;) {
      const c = this.src[this.#pos];
      if (c === undefined) return undefined;
      if (c === ')') break;
      if (c === '|') {
        options.push('');
        this.#pos++;
        continue;
      }
      const ch = this.literal(false);
      if (ch === undefined || /^[*+?{]/.test(this.src.slice(this.#pos))) return undefined;
      options[options.length - 1] += ch;
    }
    if (options.length < 2 || options.some((o) => o === '')) return undefined;
    for (const a of options) for (const b of options) if (a !== b && b.startsWith(a)) return undefined;
    if (new Set(options).size !== options.length) return undefined;
    this.#pos++;
    return options;
  }

  position(set: CharSet): Node {
    this.sets.push(set);
    return { kind: 'pos', id: this.sets.length - 1 };
  }

  atom(): CharSet {
    const c = this.src[this.#pos]!;
    if (c === '.') {
      this.#pos++;
      return charSet('.', true);
    }
    if (c === '[') {
      const m = /^\[(?:\\.|[^\]\\])+\]/.exec(this.src.slice(this.#pos));
      if (!m || m[0] === '[^]') throw new NotSimple();
      this.#pos += m[0].length;
      const wide = m[0].startsWith('[^') || /\\[DWSsuxpPc]/.test(m[0]) || /[^\x00-\x7f]/.test(m[0]);
      return charSet(m[0], wide);
    }
    if (c === '\\' && /^[dwsDWS]$/.test(this.src[this.#pos + 1] ?? '')) {
      const e = this.src[this.#pos + 1]!;
      this.#pos += 2;
      return charSet(`\\${e}`, e !== 'd' && e !== 'w');
    }
    const ch = this.literal(true);
    return literalSet([ch!]);
  }

  /** One plain or escaped literal character; undefined (or NotSimple when `strict`) for anything else. */
  literal(strict: boolean): string | undefined {
    const fail = () => {
      if (strict) throw new NotSimple();
      return undefined;
    };
    const c = this.src[this.#pos]!;
    if ('()[]{}|^$.*+?'.includes(c)) return fail();
    if (c !== '\\') {
      this.#pos++;
      return c;
    }
    const e = this.src[this.#pos + 1];
    if (e === undefined) return fail();
    if (/[A-Za-z0-9]/.test(e)) {
      const control = CONTROL_ESCAPES[e];
      if (!control) return fail(); // \b, \1, \k, \d… handled elsewhere or not at all
      this.#pos += 2;
      return control;
    }
    this.#pos += 2;
    return e;
  }

  quantified(body: Node): Node {
    const c = this.src[this.#pos];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.#pos));
      if (!m) throw new NotSimple(); // a literal brace: rare, leave it to the detector
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.#pos += m[0].length - 1;
    } else return body;
    this.#pos++;
    if (/^[?*+{]/.test(this.src.slice(this.#pos))) throw new NotSimple(); // lazy or stacked
    return { kind: 'repeat', body, min, max };
  }
}
