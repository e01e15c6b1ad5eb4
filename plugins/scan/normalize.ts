// Text as the phrase detector reads it: what a reader sees, not how it is
// spelled. Per character: compatibility folding (NFKC's mappings — fullwidth,
// ligatures, mathematical letters — by way of NFKD, with combining marks
// then dropped, so `ïgnore` reads `ignore`), invisible characters removed
// (zero-width, joiners, bidi controls, variation selectors, soft hyphen),
// Unicode tag characters read as the ASCII they smuggle, the common
// Cyrillic/Greek/Armenian look-alikes of Latin letters folded to them, and
// ASCII lower-cased. Every output byte keeps the raw byte range it came from.
// Pure ASCII input (the usual case) is returned as is: the matcher and the
// phrase regexes are case-blind already.

export interface NormalizedText {
  /** ASCII, lower-case; a character with no ASCII reading becomes 0xFF. */
  bytes: Uint8Array;
  /** Raw offset of the character output byte i came from; null when bytes are the raw bytes. */
  start: Int32Array | null;
  /** Raw offset just past that character. */
  end: Int32Array | null;
}

const OTHER = 0xff;

// Latin look-alikes (Unicode confusables that matter for English phrases).
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ь: 'b', і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ү: 'y', ɡ: 'g', г: 'r', п: 'n',
  А: 'a', В: 'b', Е: 'e', Ё: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', У: 'y', Х: 'x', І: 'i', Ї: 'i', Ј: 'j', Ѕ: 's', Ԁ: 'd', Ԛ: 'q', Ԝ: 'w', Һ: 'h', Ӏ: 'l', Ү: 'y',
  // Greek
  α: 'a', β: 'b', γ: 'y', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x',
  // Armenian and Latin extensions
  օ: 'o', ս: 'u', ո: 'n', հ: 'h', զ: 'q', ı: 'i', ȷ: 'j', ɑ: 'a', ɩ: 'i', ʀ: 'r', ᴄ: 'c', ᴏ: 'o', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z',
};

function ignorable(cp: number): boolean {
  return (
    cp === 0x00ad || cp === 0x034f || cp === 0x061c || cp === 0x115f || cp === 0x1160 || cp === 0x17b4 || cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) || cp === 0x3164 || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff || cp === 0xffa0 ||
    (cp >= 0x1bca0 && cp <= 0x1bca3) || (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0000 && cp <= 0xe0fff)
  );
}

const MARKS = /\p{M}/gu;
const EMPTY = new Uint8Array(0);

function foldCodePoint(cp: number): Uint8Array {
  // Tag characters spell ASCII invisibly ("ASCII smuggling"): read them.
  if (cp >= 0xe0020 && cp <= 0xe007e) return Uint8Array.of(lower(cp - 0xe0000));
  if (ignorable(cp)) return EMPTY;
  const ch = String.fromCodePoint(cp);
  const direct = HOMOGLYPHS[ch];
  if (direct) return Uint8Array.of(direct.charCodeAt(0));
  const out: number[] = [];
  for (const c of ch.normalize('NFKD').replace(MARKS, '')) {
    const code = c.codePointAt(0)!;
    if (code < 0x80) out.push(lower(code));
    else if (HOMOGLYPHS[c]) out.push(HOMOGLYPHS[c]!.charCodeAt(0));
    else if (!ignorable(code)) out.push(OTHER);
  }
  return Uint8Array.from(out);
}

const lower = (b: number) => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

// Folding a code point is pure; text repeats its characters. Bounded, so hostile text cannot grow it.
const CACHE_LIMIT = 65536;
const cache = new Map<number, Uint8Array>();

function fold(cp: number): Uint8Array {
  let f = cache.get(cp);
  if (f === undefined) {
    f = foldCodePoint(cp);
    if (cache.size < CACHE_LIMIT) cache.set(cp, f);
  }
  return f;
}

export function normalizeText(raw: Uint8Array): NormalizedText {
  let ascii = true;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return { bytes: raw, start: null, end: null };

  let cap = raw.length + 16;
  let bytes = new Uint8Array(cap);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let n = 0;
  const put = (b: number, from: number, to: number) => {
    if (n === cap) {
      cap *= 2;
      const nb = new Uint8Array(cap);
      nb.set(bytes);
      bytes = nb;
      const ns = new Int32Array(cap);
      ns.set(start);
      start = ns;
      const ne = new Int32Array(cap);
      ne.set(end);
      end = ne;
    }
    bytes[n] = b;
    start[n] = from;
    end[n++] = to;
  };
  const cont = (i: number) => i < raw.length && (raw[i]! & 0xc0) === 0x80;
  for (let i = 0; i < raw.length; ) {
    const b0 = raw[i]!;
    if (b0 < 0x80) {
      put(lower(b0), i, i + 1);
      i++;
      continue;
    }
    let cp = -1;
    let len = 1;
    if (b0 >= 0xc2 && b0 < 0xe0 && cont(i + 1)) {
      cp = ((b0 & 0x1f) << 6) | (raw[i + 1]! & 0x3f);
      len = 2;
    } else if (b0 >= 0xe0 && b0 < 0xf0 && cont(i + 1) && cont(i + 2)) {
      cp = ((b0 & 0x0f) << 12) | ((raw[i + 1]! & 0x3f) << 6) | (raw[i + 2]! & 0x3f);
      len = 3;
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) cp = -1;
    } else if (b0 >= 0xf0 && b0 < 0xf5 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      cp = ((b0 & 0x07) << 18) | ((raw[i + 1]! & 0x3f) << 12) | ((raw[i + 2]! & 0x3f) << 6) | (raw[i + 3]! & 0x3f);
      len = 4;
      if (cp < 0x10000 || cp > 0x10ffff) cp = -1;
    }
    if (cp < 0) {
      // A broken sequence (or a character cut by a chunk edge): one unknown character per byte.
      put(OTHER, i, i + 1);
      i++;
      continue;
    }
    for (const b of fold(cp)) put(b, i, i + len);
    i += len;
  }
  return { bytes: bytes.subarray(0, n), start: start.subarray(0, n), end: end.subarray(0, n) };
}

/** The raw byte range of normalized bytes [from, to). */
export function rawRange(text: NormalizedText, from: number, to: number): { offset: number; length: number } {
  if (!text.start || !text.end) return { offset: from, length: to - from };
  const offset = text.start[from]!;
  return { offset, length: text.end[to - 1]! - offset };
}
