// One pass of one literal matcher for every detector part that has
// literals (token keywords, known-secret variants); each part then verifies
// its own hits. Built once at plugin setup, used for every location of
// every request: no state survives a scan.
import { byteString } from './bytes.ts';
import { compileScanLoop, type GapOptions, LiteralMatcher } from './literal-matcher.ts';
import { ProductMatcher } from './product-matcher.ts';
import type { Match } from './match.ts';

export interface TextWindow {
  /** One character per byte. */
  text: string;
  /** Byte offset of text[0]. */
  base: number;
}

// Past this many states the product's table (64 classes × 4 bytes a state) outgrows the cache: keep the pair loop.
const MAX_PRODUCT_STATES = 4096;

// A window decoded for one regex attempt covers at least this much, so nearby attempts reuse it.
const WINDOW_CHUNK = 4096;

/**
 * The bytes being scanned, and one-character-per-byte strings of parts of
 * them for the regexes. Few regex attempts decode only the windows they
 * read; once windows add up to half the input, the whole input is decoded
 * once and shared.
 */
export class ScanInput {
  private whole: TextWindow | null = null;
  private last: TextWindow | null = null;
  private decoded = 0;

  constructor(readonly data: Uint8Array) {}

  /** A string covering at least bytes [from, to) (clipped to the input). */
  window(from: number, to: number): TextWindow {
    if (this.whole) return this.whole;
    const n = this.data.length;
    const a = Math.max(0, from);
    const b = Math.min(n, to);
    const last = this.last;
    if (last && last.base <= a && last.base + last.text.length >= b) return last;
    const end = Math.min(n, Math.max(b, a + WINDOW_CHUNK));
    this.decoded += end - a;
    if (this.decoded * 2 >= n) return (this.whole = { text: byteString(this.data), base: 0 });
    return (this.last = { text: byteString(this.data, a, end), base: a });
  }
}

export interface PartRun {
  /** A literal of this part ends at `end` (exclusive). `local` indexes the part's own literals. */
  hit(local: number, end: number): void;
  /** A gapped literal ends at `end` (exclusive, after its last byte). */
  hitGapped?(local: number, end: number): void;
  /** Verified matches, disjoint and ordered by offset. */
  finish(): Match[];
}

export interface ScanPart {
  readonly literals: readonly Uint8Array[];
  /** Literals matched with separators allowed between their bytes (every part that has them shares one gap setting). */
  readonly gapped?: { readonly literals: readonly Uint8Array[]; readonly gaps: GapOptions };
  /** Longest match the part can make, in bytes: a stream keeps that much overlap. */
  readonly overlapBytes: number;
  start(input: ScanInput): PartRun;
}

export class DlpScanner {
  readonly overlapBytes: number;
  /** Size of the automata (for benchmarks and logs). */
  readonly stats: { literals: number; states: number; tableBytes: number };
  private readonly owner: Uint8Array;
  private readonly local: Int32Array;
  private readonly gappedOwner: Uint8Array;
  private readonly gappedLocal: Int32Array;
  /** One loop over the input for both matchers; null when no part has a literal. */
  private readonly loop: ((data: Uint8Array, runs: PartRun[]) => void) | null;

  /** `maxProductStates: 0` keeps the two automata apart (tests compare both ways). */
  constructor(
    private readonly parts: readonly ScanPart[],
    options: { maxProductStates?: number } = {},
  ) {
    const maxProduct = options.maxProductStates ?? MAX_PRODUCT_STATES;
    [this.owner, this.local] = index(parts.map((p) => p.literals.length));
    [this.gappedOwner, this.gappedLocal] = index(parts.map((p) => p.gapped?.literals.length ?? 0));
    this.overlapBytes = parts.reduce((m, p) => Math.max(m, p.overlapBytes), 0);
    const literals = parts.flatMap((p) => p.literals);
    const gappedLiterals = parts.flatMap((p) => p.gapped?.literals ?? []);
    const gaps = parts.find((p) => p.gapped)?.gapped?.gaps;
    const exact = literals.length > 0 ? new LiteralMatcher(literals, { caseInsensitive: true }) : null;
    const gapped = gaps && gappedLiterals.length > 0 ? new LiteralMatcher(gappedLiterals, { caseInsensitive: true, gaps }) : null;
    this.stats = {
      literals: literals.length + gappedLiterals.length,
      states: (exact?.stateCount ?? 0) + (gapped?.stateCount ?? 0),
      tableBytes: (exact?.delta.byteLength ?? 0) + (gapped?.delta.byteLength ?? 0),
    };
    const { owner, local, gappedOwner, gappedLocal } = this;
    const onExact = (runs: PartRun[]) => (g: number, end: number) => runs[owner[g]!]!.hit(local[g]!, end);
    const onGapped = (runs: PartRun[]) => (g: number, end: number) => runs[gappedOwner[g]!]!.hitGapped!(gappedLocal[g]!, end);
    // Both automata as one when their product is small: one lookup per byte instead of two.
    const product = exact && gapped && maxProduct > 0 ? ProductMatcher.build(exact, gapped, maxProduct) : null;
    if (product) {
      this.stats.states = product.stateCount;
      this.stats.tableBytes = product.delta.byteLength;
      const loop = compileScanLoop(product, null);
      this.loop = (data, runs) => {
        const ex = onExact(runs);
        const gp = onGapped(runs);
        loop(data, (g, end) => (g >= 0 ? ex(g, end) : gp(~g, end)), ex);
      };
    } else if (exact) {
      const loop = compileScanLoop(exact, gapped);
      this.loop = (data, runs) => loop(data, onExact(runs), onGapped(runs));
    } else if (gapped) {
      const loop = compileScanLoop(gapped, null);
      this.loop = (data, runs) => loop(data, onGapped(runs), onGapped(runs));
    } else {
      this.loop = null;
    }
  }

  /** Every match of every part in `data`, ordered by offset (parts may overlap each other). */
  scan(data: Uint8Array): Match[] {
    if (!this.loop || data.length === 0) return [];
    const input = new ScanInput(data);
    const runs = this.parts.map((p) => p.start(input));
    this.loop(data, runs);
    const out: Match[] = [];
    for (const r of runs) for (const m of r.finish()) out.push(m);
    if (runs.length > 1) out.sort((a, b) => a.offset - b.offset);
    return out;
  }
}

/** For literals numbered across parts: which part, and which of its own. */
function index(counts: number[]): [Uint8Array, Int32Array] {
  const total = counts.reduce((a, b) => a + b, 0);
  const owner = new Uint8Array(total);
  const local = new Int32Array(total);
  let g = 0;
  counts.forEach((n, pi) => {
    for (let li = 0; li < n; li++, g++) {
      owner[g] = pi;
      local[g] = li;
    }
  });
  return [owner, local];
}
