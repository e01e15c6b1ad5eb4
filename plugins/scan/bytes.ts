// Byte helpers the scanners share. Web-standard APIs (TextEncoder,
// TextDecoder, btoa), plus Node's Buffer where it is faster and present:
// this code runs inside plugin workers as bundled ESM.

export const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');
// WHATWG `latin1` is windows-1252: still exactly one UTF-16 unit per byte,
// so string indices are byte offsets (all the regexes care about is ASCII).
const byteDecoder = new TextDecoder('latin1');

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

let scratch = new Uint8Array(1024);

/**
 * UTF-8 of `text` in a buffer that the next call overwrites: for bytes that
 * are scanned at once and not kept (a request's host, path, headers),
 * without an allocation per string.
 */
export function utf8Scratch(text: string): Uint8Array {
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  let n = 0;
  for (; n < text.length; n++) {
    const c = text.charCodeAt(n);
    if (c >= 0x80) return scratch.subarray(0, utf8Encoder.encodeInto(text, scratch).written);
    scratch[n] = c;
  }
  return scratch.subarray(0, n);
}

export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

// Node's Buffer (plugins run in Node) decodes latin1 about twice as fast as
// TextDecoder; the TextDecoder stays as the web-standard fallback.
const latin1Slice = (globalThis as { Buffer?: { prototype: { latin1Slice?: (this: Uint8Array, from: number, to: number) => string } } }).Buffer?.prototype.latin1Slice;

/** `bytes[from, to)` as a string with one character per byte. */
export function byteString(bytes: Uint8Array, from = 0, to = bytes.length): string {
  return latin1Slice ? latin1Slice.call(bytes, from, to) : byteDecoder.decode(bytes.subarray(from, to));
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** True when `data[at, at + pattern.length)` equals `pattern`, ASCII letters compared case-blind when `foldCase`. */
export function bytesEqualAt(data: Uint8Array, at: number, pattern: Uint8Array, foldCase: boolean): boolean {
  if (at < 0 || at + pattern.length > data.length) return false;
  if (foldCase) {
    for (let i = 0; i < pattern.length; i++) {
      const a = data[at + i]!;
      const b = pattern[i]!;
      if (a !== b && !((a | 0x20) === (b | 0x20) && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7a)) return false;
    }
    return true;
  }
  for (let i = 0; i < pattern.length; i++) if (data[at + i] !== pattern[i]) return false;
  return true;
}

/** 1 for ASCII letters and digits. */
export const IS_ALNUM: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let b = 0x30; b <= 0x39; b++) t[b] = 1;
  for (let b = 0x41; b <= 0x5a; b++) t[b] = 1;
  for (let b = 0x61; b <= 0x7a; b++) t[b] = 1;
  return t;
})();

const HEX = (b: number) => (b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x37 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1);

export interface DecodedView {
  bytes: Uint8Array;
  /** For each decoded byte (and one past the end), the offset of the raw byte it came from. */
  rawOffset: Int32Array;
}

/**
 * Percent-decodes (`%2F` → `/`, and `+` → space when `plus`), keeping where
 * each decoded byte came from, so a finding in the decoded text maps back
 * to raw offsets. Null when there is nothing to decode.
 */
export function percentDecode(raw: Uint8Array, plus = false): DecodedView | null {
  const escapeAt = (i: number) => raw[i] === 0x25 && i + 2 < raw.length && HEX(raw[i + 1]!) >= 0 && HEX(raw[i + 2]!) >= 0;
  let any = false;
  for (let i = 0; i < raw.length && !any; i++) any = escapeAt(i) || (plus && raw[i] === 0x2b);
  if (!any) return null;
  const bytes = new Uint8Array(raw.length);
  const rawOffset = new Int32Array(raw.length + 1);
  let n = 0;
  for (let i = 0; i < raw.length; ) {
    const b = raw[i]!;
    rawOffset[n] = i;
    if (escapeAt(i)) {
      bytes[n++] = (HEX(raw[i + 1]!) << 4) | HEX(raw[i + 2]!);
      i += 3;
    } else {
      bytes[n++] = plus && b === 0x2b ? 0x20 : b;
      i += 1;
    }
  }
  rawOffset[n] = raw.length;
  return { bytes: bytes.subarray(0, n), rawOffset: rawOffset.subarray(0, n + 1) };
}

/** Standard base64 of bytes, without line breaks. */
export function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
