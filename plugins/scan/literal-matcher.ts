// Many literal byte strings found in one pass over bytes: an Aho-Corasick
// automaton compiled to a full DFA (one table lookup per input byte, no
// failure-link walks at scan time).
//
// Hand-written on purpose. The maintained npm packages we measured
// (`ahocorasick`, `@monyone/aho-corasick`, `aho-corasick2`) all match
// JavaScript strings, return arrays of `{keyword, ...}` objects per call and
// walk failure links at scan time; bodies reach the plugins as bytes, so they
// would also need a bytes→string decode first. On the same 1 MiB text and
// keyword set (plus 300 16-byte literals) they ran at 9–17 MB/s, where this
// table runs at several hundred MB/s (bench/dlp.bench.ts measures the
// scanner as a whole).
//
// Layout, chosen for the hot loop:
// - bytes are mapped to equivalence classes (every byte that occurs in no
//   pattern shares class 0; with ASCII case folding `A` and `a` share one),
//   and the class count is rounded up to a power of two so a transition is
//   `delta[(state << shift) | class]`;
// - states are renumbered so every state that ends a pattern has a number at
//   or above `firstOutput`: the loop tests one comparison per byte;
// - a gapped matcher (patterns with separators allowed between their
//   bytes) folds the gap count into the state, so its loop has no branch
//   either;
// - long inputs are scanned as two halves in one loop: the two state chains
//   are independent, so the CPU overlaps their table loads;
// - the loop is compiled once per scanner (compileScanLoop) with the tables
//   bound as constants of its own closure: V8 then specializes the loop to
//   them (no table base or bounds reloads), which measured about twice as
//   fast as the same loop reading tables from parameters.

import type { ScanTables } from './product-matcher.ts';

const textEncoder = new TextEncoder();

export interface GapOptions {
  /** Bytes that are separators, not symbols: `skip[b] === 1`. Patterns must not contain them. */
  skip: Uint8Array;
  /** Most separator bytes allowed between two pattern bytes; more starts matching afresh. */
  maxGap: number;
}

export interface LiteralMatcherOptions {
  /** Fold ASCII letters: `A` and `a` are one symbol, in patterns and text alike. Default true. */
  caseInsensitive?: boolean;
  gaps?: GapOptions;
}

/** Called once per (pattern, end) occurrence; `end` is exclusive. Overlapping occurrences are all reported. */
export type HitHandler = (pattern: number, end: number) => void;

export class LiteralMatcher {
  readonly patternCount: number;
  readonly stateCount: number;
  /** Length in bytes of the longest pattern. */
  readonly maxLength: number;
  /** Most bytes one match can cover (separators included, for a gapped matcher). */
  readonly maxSpan: number;
  readonly delta: Int32Array;
  readonly classOf: Uint8Array;
  readonly shift: number;
  readonly firstOutput: number;
  /** For output state s: outputs are outList[outStart[s - firstOutput] .. outStart[s - firstOutput + 1]). */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  private loop: ScanLoop | undefined;

  constructor(patterns: ReadonlyArray<Uint8Array | string>, options: LiteralMatcherOptions = {}) {
    const fold = options.caseInsensitive ?? true;
    const gaps = options.gaps;
    const bytes = patterns.map((p) => (typeof p === 'string' ? textEncoder.encode(p) : p));
    this.patternCount = bytes.length;
    this.maxLength = bytes.reduce((m, b) => Math.max(m, b.length), 0);
    this.maxSpan = gaps ? this.maxLength + Math.max(0, this.maxLength - 1) * gaps.maxGap : this.maxLength;
    for (const [i, b] of bytes.entries()) {
      if (b.length === 0) throw new RangeError(`pattern ${i} is empty`);
      if (gaps && b.some((x) => gaps.skip[x] === 1)) throw new RangeError(`pattern ${i} contains a separator byte`);
    }

    // Symbol classes: 0 = in no pattern; then one per distinct (folded) pattern byte; then the separator class.
    const norm = (b: number) => (fold && b >= 0x41 && b <= 0x5a ? b | 0x20 : b);
    const classOf = new Uint8Array(256);
    let classes = 1;
    for (const b of bytes) for (const x of b) if (classOf[norm(x)] === 0) classOf[norm(x)] = classes++;
    if (fold) for (let x = 0x41; x <= 0x5a; x++) classOf[x] = classOf[x | 0x20]!;
    const separator = gaps ? classes++ : -1;
    if (gaps) for (let x = 0; x < 256; x++) if (gaps.skip[x] === 1) classOf[x] = separator;
    if (classes > 256) throw new RangeError('too many distinct bytes');
    let shift = 0;
    while (1 << shift < classes) shift++;
    const width = 1 << shift;

    const ac = buildAutomaton(bytes, classOf, shift);
    let delta = ac.delta;
    let outputs = ac.outputs;
    let count = ac.count;
    if (gaps) ({ delta, outputs, count } = withGaps(ac, shift, separator, gaps.maxGap));

    // Renumber: states without outputs first (the start state stays 0), then states with outputs.
    const ids = Array.from({ length: count }, (_, s) => s);
    const plain = ids.filter((s) => outputs[s]!.length === 0);
    const ending = ids.filter((s) => outputs[s]!.length > 0);
    const renum = new Int32Array(count);
    [...plain, ...ending].forEach((s, i) => (renum[s] = i));
    const table = new Int32Array(count << shift);
    for (let s = 0; s < count; s++) {
      const row = renum[s]! << shift;
      for (let c = 0; c < width; c++) table[row | c] = renum[delta[(s << shift) | c]!]!;
    }
    const outStart = new Int32Array(ending.length + 1);
    const flat: number[] = [];
    ending.forEach((s, i) => {
      outStart[i] = flat.length;
      flat.push(...outputs[s]!);
    });
    outStart[ending.length] = flat.length;

    this.delta = table;
    this.classOf = classOf;
    this.shift = shift;
    this.stateCount = count;
    this.firstOutput = plain.length;
    this.outStart = outStart;
    this.outList = Int32Array.from(flat);
  }

  /** Reports every occurrence in `data`. */
  scan(data: Uint8Array, onHit: HitHandler): void {
    (this.loop ??= compileScanLoop(this, null))(data, onHit, onHit);
  }

  /** Reports the patterns that end in output state `s`, at `end`. */
  emit(s: number, end: number, onHit: HitHandler): void {
    const k = s - this.firstOutput;
    const stop = this.outStart[k + 1]!;
    for (let j = this.outStart[k]!; j < stop; j++) onHit(this.outList[j]!, end);
  }
}

interface Automaton {
  delta: Int32Array;
  outputs: number[][];
  count: number;
}

/** Trie, failure links (breadth-first) and the full transition table, over symbol classes. */
function buildAutomaton(bytes: readonly Uint8Array[], classOf: Uint8Array, shift: number): Automaton {
  const width = 1 << shift;
  let goto = new Int32Array(width * 64);
  let count = 1;
  const outputs: number[][] = [[]];
  for (const [pi, b] of bytes.entries()) {
    let s = 0;
    for (const x of b) {
      const at = (s << shift) | classOf[x]!;
      let next = goto[at]!;
      if (next === 0) {
        next = count++;
        if (count << shift > goto.length) {
          const grown = new Int32Array(goto.length * 2);
          grown.set(goto);
          goto = grown;
        }
        goto[at] = next;
        outputs.push([]);
      }
      s = next;
    }
    outputs[s]!.push(pi);
  }
  const fail = new Int32Array(count);
  const delta = new Int32Array(count << shift);
  const order: number[] = [];
  for (let c = 0; c < width; c++) {
    const child = goto[c]!;
    delta[c] = child;
    if (child !== 0) order.push(child);
  }
  for (let head = 0; head < order.length; head++) {
    const s = order[head]!;
    const f = fail[s]!;
    if (outputs[f]!.length > 0) outputs[s]!.push(...outputs[f]!);
    for (let c = 0; c < width; c++) {
      const child = goto[(s << shift) | c]!;
      if (child !== 0) {
        fail[child] = delta[(f << shift) | c]!;
        delta[(s << shift) | c] = child;
        order.push(child);
      } else {
        delta[(s << shift) | c] = delta[(f << shift) | c]!;
      }
    }
  }
  return { delta, outputs, count };
}

/**
 * The automaton × a gap counter: state (s, g) is "in s, after g separators".
 * A symbol moves s and resets g; a separator bumps g, and past maxGap falls
 * back to the start. Only g = 0 states report (a match ends on a symbol).
 */
function withGaps(ac: Automaton, shift: number, separator: number, maxGap: number): Automaton {
  const width = 1 << shift;
  const G = maxGap + 1;
  const count = ac.count * G;
  const delta = new Int32Array(count << shift);
  const outputs: number[][] = [];
  for (let s = 0; s < ac.count; s++) {
    for (let g = 0; g < G; g++) {
      const id = s * G + g;
      outputs[id] = g === 0 ? ac.outputs[s]! : [];
      for (let c = 0; c < width; c++) {
        delta[(id << shift) | c] = c === separator ? (g + 1 < G && s !== 0 ? id + 1 : 0) : ac.delta[(s << shift) | c]! * G;
      }
    }
  }
  return { delta, outputs, count };
}

// Below this, splitting the input into two lanes costs more than it saves.
const TWO_LANES_FROM = 4096;
// Hits are buffered (state, end) and handed out in batches, so the loop body makes no calls.
const HIT_BUFFER = 2048;

export type ScanLoop = (data: Uint8Array, onA: HitHandler, onB: HitHandler) => void;

/**
 * One loop running `a` (and `b`, when given) over the input. Long inputs are
 * cut in two halves scanned side by side; the second lane starts early by
 * the longest match span and reports only matches that end in its half, so
 * every occurrence is reported exactly once, in order of where it ends.
 *
 * The loop's source is a fixed template (no data is ever spliced into it);
 * `new Function` only gives each scanner its own copy of the function, which
 * V8 optimizes with that scanner's tables as constants. Where code generation
 * is disabled the same loop runs as a plain function, slower.
 */
export function compileScanLoop(a: ScanTables, b: ScanTables | null, options: { codegen?: boolean } = {}): ScanLoop {
  const span = Math.max(a.maxSpan, b ? b.maxSpan : 0);
  const emitA = (s: number, end: number, on: HitHandler) => a.emit(s, end, on);
  const emitB = (s: number, end: number, on: HitHandler) => b!.emit(s, end, on);
  // Both automata's classes of a byte in one load: the pair loop reads one table per byte, not two.
  const packed = new Uint16Array(256);
  for (let x = 0; x < 256; x++) packed[x] = a.classOf[x]! | ((b ?? a).classOf[x]! << 8);
  const args = [a.delta, a.classOf, a.shift, a.firstOutput, b?.delta ?? a.delta, b?.classOf ?? a.classOf, b?.shift ?? a.shift, b?.firstOutput ?? a.firstOutput, emitA, emitB, span, TWO_LANES_FROM, HIT_BUFFER, new Int32Array(HIT_BUFFER + 8), packed] as const;
  // A comment that differs per loop: V8 caches compiled code by source text, and two scanners
  // sharing one compiled loop would share its specialization to the first one's tables.
  const source = `${loopSource(b !== null)}\n// scan loop ${++loopCount}`;
  if (options.codegen === false) return plainLoop(b !== null)(...args);
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see above: a constant template, for a closure of its own.
    return new Function(...LOOP_PARAMS, source)(...args) as ScanLoop;
  } catch {
    return plainLoop(b !== null)(...args);
  }
}

let loopCount = 0;

const LOOP_PARAMS = ['da', 'ca', 'sha', 'fa', 'db', 'cb', 'shb', 'fb', 'emitA', 'emitB', 'SPAN', 'MIN', 'CAP', 'hits', 'pk'] as const;

/**
 * The loop, as text: `pair` adds the second automaton (b) to every step.
 * Lane 1's hits go through the fixed buffer as they come; lane 2's are kept
 * aside and handed out after lane 1 is done, so hits arrive in (almost)
 * increasing position — the keyword rules then need no real sort.
 */
function loopSource(pair: boolean): string {
  const step = (lane: '1' | '2', x: string, end: string) => {
    const out = (s: string) => (lane === '1' ? `{ hits[k++] = ${s}; hits[k++] = ${end}; if (k >= CAP) flush(); }` : `{ late.push(${s}, ${end}); }`);
    return (
      (pair ? `const c${lane} = pk[${x}]; sa${lane} = da[(sa${lane} << sha) | (c${lane} & 255)]; sb${lane} = db[(sb${lane} << shb) | (c${lane} >> 8)];` : `sa${lane} = da[(sa${lane} << sha) | ca[${x}]];`) +
      `if (sa${lane} >= fa) ${out(`sa${lane}`)}` +
      (pair ? `if (sb${lane} >= fb) ${out(`~sb${lane}`)}` : '')
    );
  };
  return `"use strict";
  let busy = false;
  return function scanLoop(data, onA, onB) {
    if (busy) throw new Error('scan loop re-entered');
    busy = true;
    let k = 0;
    const late = [];
    const emit = (s, end) => {
      if (s >= 0) emitA(s, end, onA);
      else emitB(~s, end, onB);
    };
    const flush = () => {
      for (let j = 0; j < k; j += 2) emit(hits[j], hits[j + 1]);
      k = 0;
    };
    try {
      const n = data.length;
      let sa1 = 0, sb1 = 0, sa2 = 0, sb2 = 0;
      if (n < MIN || SPAN * 4 > n) {
        for (let i = 0; i < n; i++) { const x = data[i]; ${step('1', 'x', 'i + 1')} }
      } else {
        const mid = n >> 1;
        for (let i = mid - SPAN + 1; i < mid; i++) {
          const y = data[i];
          sa2 = da[(sa2 << sha) | ca[y]];
          ${pair ? 'sb2 = db[(sb2 << shb) | cb[y]];' : ''}
        }
        for (let i = 0; i < mid; i++) {
          const x = data[i];
          const y = data[i + mid];
          ${step('1', 'x', 'i + 1')}
          ${step('2', 'y', 'i + mid + 1')}
        }
        for (let i = 2 * mid; i < n; i++) { const y = data[i]; ${step('2', 'y', 'i + 1')} }
      }
      flush();
      for (let j = 0; j < late.length; j += 2) emit(late[j], late[j + 1]);
    } finally {
      busy = false;
    }
  };`;
}

type LoopArgs = readonly [Int32Array, Uint8Array, number, number, Int32Array, Uint8Array, number, number, (s: number, e: number, on: HitHandler) => void, (s: number, e: number, on: HitHandler) => void, number, number, number, Int32Array, Uint16Array];

/** The same loop without code generation (one lane, calls in place of the buffer). */
function plainLoop(pair: boolean): (...args: LoopArgs) => ScanLoop {
  return (da, ca, sha, fa, db, cb, shb, fb, emitA, emitB) => (data, onA, onB) => {
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < data.length; i++) {
      const x = data[i]!;
      sa = da[(sa << sha) | ca[x]!]!;
      if (sa >= fa) emitA(sa, i + 1, onA);
      if (pair) {
        sb = db[(sb << shb) | cb[x]!]!;
        if (sb >= fb) emitB(sb, i + 1, onB);
      }
    }
  };
}
