// The bytes of a metered event stream that no meter has read yet, held by
// reference: the chunks the client was already sent, kept (not copied) until
// the stream ends, so a stream that ends well is read only at its head and
// its tail (where the provider's usage events are), and one that must be read
// whole can be handed over from its first byte.
//
// Why by reference: the proxy's chunks are views into the socket's read
// buffers, each sized to what was read and never reused, so holding them
// pins the stream's own bytes (plus, at most, its response head) and the
// only per-chunk work is an array push. Copying them into a pooled slab cost
// the main thread ~30 µs per 313 KiB stream (bench:proxy, phase timing) and
// kept up to 32 MiB of slabs alive for good. Only what a meter reads across
// a chunk junction is copied, and that is small (a head, a tail).
//
// Event boundaries are blank lines written `\n\n`, as both providers write
// them. A stream framed with CRLF shows no boundary here and is simply read
// whole — slower, never wrong.
const BLANK_LINE = Buffer.from('\n\n');
const LF = 0x0a;

/** How many streams may be held at once (each up to its cap): what bounds the memory holding costs. */
export class HoldLimit {
  #held = 0;

  constructor(private readonly max: number) {}

  /** True when one more stream may be held; it must be given back with release(). */
  take(): boolean {
    if (this.#held >= this.max) return false;
    this.#held++;
    return true;
  }

  release(): void {
    this.#held--;
  }

  get held(): number {
    return this.#held;
  }
}

export class HeldStream {
  readonly #chunks: Buffer[] = [];
  /** Stream offset of each chunk's first byte. */
  readonly #starts: number[] = [];
  #bytes = 0;

  /** `cap`: the most bytes held; a chunk past it is refused. */
  constructor(private readonly cap: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  /** Holds `chunk` (by reference: the caller must never change it); false, and nothing held, when it would pass the cap. */
  push(chunk: Buffer): boolean {
    if (this.#bytes + chunk.length > this.cap) return false;
    if (chunk.length === 0) return true;
    this.#chunks.push(chunk);
    this.#starts.push(this.#bytes);
    this.#bytes += chunk.length;
    return true;
  }

  /** Offset just past the first blank line that ends at or after `from`; -1 when none has arrived yet. */
  boundaryAfter(from: number): number {
    const at = Math.max(0, from - 2);
    const chunks = this.#chunks;
    for (let k = this.#indexOf(at); k < chunks.length; k++) {
      const c = chunks[k]!;
      const s = this.#starts[k]!;
      const i = c.indexOf(BLANK_LINE, Math.max(0, at - s));
      if (i >= 0) return s + i + 2;
      // A blank line split between this chunk and the next.
      const next = chunks[k + 1];
      if (next && c[c.length - 1] === LF && next[0] === LF && s + c.length - 1 >= at) return s + c.length + 1;
    }
    return -1;
  }

  /**
   * Offset where the last `events` events begin (just past the blank line
   * before them), searching back no further than `floor`; `floor` itself when
   * the stream holds no more events than that after it.
   */
  lastEventsStart(events: number, floor: number): number {
    // The blank line that ends the stream's last event counts as one more.
    let wanted = events + 1;
    const chunks = this.#chunks;
    for (let k = chunks.length - 1; k >= 0; k--) {
      const c = chunks[k]!;
      const s = this.#starts[k]!;
      for (let pos = c.length - 2; pos >= 0; ) {
        const i = c.lastIndexOf(BLANK_LINE, pos);
        if (i < 0) break;
        const after = s + i + 2;
        if (after <= floor) return floor;
        if (--wanted === 0) return after;
        pos = i - 1;
      }
      const prev = chunks[k - 1];
      if (!prev) break;
      if (prev[prev.length - 1] === LF && c[0] === LF) {
        const after = s + 1;
        if (after <= floor) return floor;
        if (--wanted === 0) return after;
      }
      // Every blank line further back ends at or before this chunk's start.
      if (s <= floor) return floor;
    }
    return floor;
  }

  /** Bytes [from, to): a view when they lie in one chunk, else a copy. Valid until release(). */
  slice(from: number, to: number): Buffer {
    to = Math.min(to, this.#bytes);
    if (to <= from) return Buffer.alloc(0);
    const k = this.#indexOf(from);
    const c = this.#chunks[k]!;
    const s = this.#starts[k]!;
    if (to <= s + c.length) return c.subarray(from - s, to - s);
    const out = Buffer.allocUnsafe(to - from);
    let n = 0;
    for (let j = k; n < out.length; j++) {
      const part = this.#chunks[j]!;
      const start = this.#starts[j]!;
      n += part.copy(out, n, Math.max(0, from - start), Math.min(part.length, to - start));
    }
    return out;
  }

  /** Each held chunk in order (by reference), for a hand-off. */
  forEach(fn: (chunk: Buffer) => void): void {
    for (const c of this.#chunks) fn(c);
  }

  /** Lets go of every chunk. */
  release(): void {
    this.#chunks.length = 0;
    this.#starts.length = 0;
  }

  /** Index of the chunk holding stream offset `at` (the last chunk when past the end). */
  #indexOf(at: number): number {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
