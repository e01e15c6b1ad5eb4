// A JSON response body collected across chunks up to a cap, parsed once at
// the end. Past the cap nothing more is kept (only counted): usage sits at
// the end of the object, so a truncated body has none to read and the
// meter falls back to an estimate from the size.
import { contentEncodings, decodeBody } from '../scan/decompress.ts';
import { parseObject } from './metered-api.ts';

const utf8 = new TextDecoder();

export class JsonBody {
  readonly #max: number;
  readonly #encodings: string[];
  #parts: Uint8Array[] = [];
  #kept = 0;
  /** Every byte seen, kept or not. */
  total = 0;
  overflowed = false;

  constructor(maxBytes: number, headers: ReadonlyArray<readonly [string, string]>) {
    this.#max = maxBytes;
    this.#encodings = contentEncodings(headers);
  }

  add(bytes: Uint8Array): void {
    this.total += bytes.length;
    if (this.overflowed) return;
    if (this.#kept + bytes.length > this.#max) {
      this.overflowed = true;
      this.#parts = [];
      return;
    }
    // The host's chunk is a copy made for the meter, so it is kept as is.
    this.#parts.push(bytes);
    this.#kept += bytes.length;
  }

  /** The parsed object; undefined when over the cap, undecodable or not a JSON object. */
  parse(): Record<string, unknown> | undefined {
    if (this.overflowed) return undefined;
    const raw = concat(this.#parts, this.#kept);
    this.#parts = [];
    const decoded = decodeBody(raw, this.#encodings, this.#max);
    if (decoded.refusal) return undefined;
    return parseObject(utf8.decode(decoded.body));
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
