// Token counts the meters guess rather than read: the reservation made
// before a request is forwarded, and the running output of a stream before
// the provider reports its own count (or when it never does).
//
// One ratio, BYTES_PER_TOKEN = 3 UTF-8 bytes per token, rounded up:
// - English prose runs ~4 bytes per token and source code ~3–3.5 on both
//   providers' tokenizers, so 3 over-counts the common cases by 0–30%.
// - A request body is JSON: keys, quotes and escapes cost bytes that are
//   mostly not tokens, so the input estimate errs further on the high side.
// - CJK text is ~3 bytes per character and about one token per character,
//   so 3 stays close rather than under.
// Over-counting is the safe side for a budget: a reservation that is too
// high refuses a request early; one that is too low lets spending pass the
// cap. Known large over-count: base64 images or documents inline in the
// body are counted as text (an image costs ~1–2k tokens, its base64 far more).
export const BYTES_PER_TOKEN = 3;

export function tokensForBytes(bytes: number): number {
  return Math.ceil(bytes / BYTES_PER_TOKEN);
}

/** The most bytes tokensForBytes counts as no more than `tokens` (Infinity stays Infinity). */
export function bytesForTokens(tokens: number): number {
  return tokens * BYTES_PER_TOKEN;
}

/** UTF-8 length of `text` without encoding it (deltas are counted, never kept). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    // A surrogate pair is one 4-byte code point: 2 + 2.
    else if (c >= 0xd800 && c <= 0xdfff) n += 2;
    else n += 3;
  }
  return n;
}
