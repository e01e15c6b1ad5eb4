// A response stream, chunk by chunk, with a bounded overlap: each chunk is
// scanned together with the last `overlapBytes` bytes of what came before,
// so a match split across chunks is whole in one scan. The only state kept
// per stream is that tail (a copy, so the previous chunk's buffer is not
// held), whatever the stream's length. The host keeps one per stream and
// builds each ResponseChunkView from it.
import { concatBytes } from './bytes.ts';

export interface ChunkWindowView {
  /** Kept tail of earlier chunks, then the new bytes. */
  data: Uint8Array;
  /** How many leading bytes of `data` were already scanned. */
  overlap: number;
  /** Offset of `data[0]` in the whole stream. */
  position: number;
  final: boolean;
}

export class ChunkWindow {
  private tail: Uint8Array = new Uint8Array(0);
  private seen = 0;

  constructor(readonly overlapBytes: number) {
    if (!Number.isInteger(overlapBytes) || overlapBytes < 0) throw new RangeError('overlapBytes must be a non-negative integer');
  }

  /** Bytes held between chunks: never more than overlapBytes. */
  get retainedBytes(): number {
    return this.tail.length;
  }

  next(chunk: Uint8Array, final = false): ChunkWindowView {
    const data = concatBytes(this.tail, chunk);
    const view: ChunkWindowView = { data, overlap: this.tail.length, position: this.seen - this.tail.length, final };
    this.seen += chunk.length;
    const keep = Math.min(this.overlapBytes, data.length);
    this.tail = final ? new Uint8Array(0) : data.slice(data.length - keep);
    return view;
  }
}
