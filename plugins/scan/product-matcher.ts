// Two literal automata (a scanner's exact one and its gapped one) as one:
// the product of their DFAs over the bytes, built from the start state by
// breadth-first search, so only reachable pairs become states. The scan
// loop then makes one table lookup per byte instead of two. Used when the
// product stays small (its table must stay near the cache); otherwise the
// scanner keeps the pair loop.
import type { HitHandler, LiteralMatcher } from './literal-matcher.ts';

/** What the scan loop needs of a matcher (literal-matcher.ts compileScanLoop). */
export interface ScanTables {
  readonly delta: Int32Array;
  readonly classOf: Uint8Array;
  readonly shift: number;
  readonly firstOutput: number;
  readonly maxSpan: number;
  emit(s: number, end: number, on: HitHandler): void;
}

export class ProductMatcher implements ScanTables {
  readonly delta: Int32Array;
  readonly classOf: Uint8Array;
  readonly shift: number;
  readonly firstOutput: number;
  readonly maxSpan: number;
  readonly stateCount: number;
  readonly #pairA: Int32Array;
  readonly #pairB: Int32Array;
  readonly #a: LiteralMatcher;
  readonly #b: LiteralMatcher;

  private constructor(f: { delta: Int32Array; classOf: Uint8Array; shift: number; firstOutput: number; count: number; pairA: Int32Array; pairB: Int32Array }, a: LiteralMatcher, b: LiteralMatcher) {
    this.delta = f.delta;
    this.classOf = f.classOf;
    this.shift = f.shift;
    this.firstOutput = f.firstOutput;
    this.maxSpan = Math.max(a.maxSpan, b.maxSpan);
    this.stateCount = f.count;
    this.#pairA = f.pairA;
    this.#pairB = f.pairB;
    this.#a = a;
    this.#b = b;
  }

  /** The product of `a` and `b`, or null past `maxStates` states. */
  static build(a: LiteralMatcher, b: LiteralMatcher, maxStates: number): ProductMatcher | null {
    // The product's classes: bytes both automata treat alike.
    const classOf = new Uint8Array(256);
    const ids = new Map<number, number>();
    const rep: number[] = [];
    for (let x = 0; x < 256; x++) {
      const k = (a.classOf[x]! << 8) | b.classOf[x]!;
      let c = ids.get(k);
      if (c === undefined) {
        ids.set(k, (c = ids.size));
        rep.push(x);
      }
      classOf[x] = c;
    }
    let shift = 0;
    while (1 << shift < rep.length) shift++;
    const width = 1 << shift;
    const index = new Map<number, number>([[0, 0]]);
    const pa = [0];
    const pb = [0];
    const edges: number[] = [];
    for (let s = 0; s < pa.length; s++) {
      for (let c = 0; c < width; c++) {
        const x = rep[c];
        if (x === undefined) {
          edges.push(0);
          continue;
        }
        const na = a.delta[(pa[s]! << a.shift) | a.classOf[x]!]!;
        const nb = b.delta[(pb[s]! << b.shift) | b.classOf[x]!]!;
        const key = na * b.stateCount + nb;
        let t = index.get(key);
        if (t === undefined) {
          if (pa.length >= maxStates) return null;
          index.set(key, (t = pa.length));
          pa.push(na);
          pb.push(nb);
        }
        edges.push(t);
      }
    }
    const count = pa.length;
    // States where neither side ends a literal first (the start stays 0): the loop tests one comparison per byte.
    const ends = (s: number) => pa[s]! >= a.firstOutput || pb[s]! >= b.firstOutput;
    const order = [...Array(count).keys()].sort((x, y) => Number(ends(x)) - Number(ends(y)) || x - y);
    const renum = new Int32Array(count);
    order.forEach((s, i) => (renum[s] = i));
    const found = order.findIndex(ends);
    const firstOutput = found < 0 ? count : found;
    const delta = new Int32Array(count << shift);
    for (let s = 0; s < count; s++) for (let c = 0; c < width; c++) delta[(renum[s]! << shift) | c] = renum[edges[s * width + c]!]!;
    const pairA = new Int32Array(count - firstOutput);
    const pairB = new Int32Array(count - firstOutput);
    for (let i = firstOutput; i < count; i++) {
      pairA[i - firstOutput] = pa[order[i]!]!;
      pairB[i - firstOutput] = pb[order[i]!]!;
    }
    return new ProductMatcher({ delta, classOf, shift, firstOutput, count, pairA, pairB }, a, b);
  }

  /** Exact literals are reported as their index, gapped ones as its complement (~index). */
  emit(s: number, end: number, on: HitHandler): void {
    const k = s - this.firstOutput;
    const sa = this.#pairA[k]!;
    const sb = this.#pairB[k]!;
    if (sa >= this.#a.firstOutput) this.#a.emit(sa, end, on);
    if (sb >= this.#b.firstOutput) this.#b.emit(sb, end, (g, e) => on(~g, e));
  }
}
