// Compressed bodies are decoded before scanning, with a cap on what decoding
// may produce: zlib stops as soon as its output would pass the cap, so a
// zip bomb costs microseconds and is refused, never scanned. A body that
// cannot be decoded (unknown or corrupt encoding) is refused too: what
// cannot be read cannot be cleared. node:zlib is the one Node API the
// scanning code uses.
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib';
import type { Match } from './match.ts';

export const DEFAULT_MAX_DECODED_BYTES = 16 * 1024 * 1024;
// Layers of Content-Encoding beyond this are refused, not unwrapped.
const MAX_LAYERS = 4;

export interface DecodedBody {
  /** What to scan as the body: decoded when Content-Encoding said so. */
  body: Uint8Array;
  /** Content-Encoding was undone: `body` is not the bytes on the wire. */
  decoded: boolean;
  /** A gzip or zlib stream sent without Content-Encoding (an uploaded .gz), decoded: scanned as well, never rewritten. */
  embedded: Uint8Array | null;
  /** Set when the body cannot be read whole: the request must be blocked. */
  refusal: Match | null;
}

function refuse(rule: string, body: Uint8Array, excerpt: string): DecodedBody {
  return { body, decoded: false, embedded: null, refusal: { rule, offset: 0, length: body.length, severity: 'high', excerpt } };
}

type Inflate = (buf: Uint8Array, opts: ZlibOptions) => Uint8Array;

function deflateAnyHeader(buf: Uint8Array, opts: ZlibOptions): Uint8Array {
  // `deflate` should carry a zlib header; some servers send raw deflate.
  return (buf[0]! & 0x0f) === 8 && ((buf[0]! << 8) | buf[1]!) % 31 === 0 ? inflateSync(buf, opts) : inflateRawSync(buf, opts);
}

const DECODERS: Readonly<Record<string, Inflate>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: deflateAnyHeader,
  br: brotliDecompressSync,
};

// zlib hands back Buffers; the scanners see plain Uint8Array views (one shape on the hot path).
const bytes = (b: Uint8Array) => (b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength));

const tooLarge = (err: unknown) => (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;

/** Content-Encoding values of all headers, in the order they were applied. */
export function contentEncodings(headers: ReadonlyArray<readonly [string, string]>): string[] {
  const out: string[] = [];
  for (const [name, value] of headers) {
    if (name !== 'content-encoding') continue;
    for (const part of value.split(',')) {
      const e = part.trim().toLowerCase();
      if (e && e !== 'identity') out.push(e);
    }
  }
  return out;
}

export function decodeBody(raw: Uint8Array, encodings: readonly string[], maxBytes = DEFAULT_MAX_DECODED_BYTES): DecodedBody {
  if (encodings.length === 0) return withEmbedded(raw, raw, false, maxBytes);
  if (encodings.length > MAX_LAYERS) return refuse('unsupported-encoding', raw, `${encodings.length} layers of Content-Encoding`);
  let body = raw;
  // Applied in the order listed, so undone from the last.
  for (let i = encodings.length - 1; i >= 0; i--) {
    const name = encodings[i]!;
    const decode = DECODERS[name];
    if (!decode) return refuse('unsupported-encoding', raw, `Content-Encoding ${name} cannot be scanned`);
    if (body.length === 0) continue;
    try {
      body = bytes(decode(body, { maxOutputLength: maxBytes }));
    } catch (err) {
      if (tooLarge(err)) return refuse('decompression-limit', raw, `${name} body decodes to more than ${maxBytes} bytes`);
      return refuse('undecodable-body', raw, `${name} body does not decode: ${(err as Error).message}`);
    }
  }
  return withEmbedded(raw, body, true, maxBytes);
}

function withEmbedded(raw: Uint8Array, body: Uint8Array, decoded: boolean, maxBytes: number): DecodedBody {
  const embedded = sniffEmbedded(body, maxBytes);
  if (embedded === 'too-large') return refuse('decompression-limit', raw, `compressed content in the body decodes to more than ${maxBytes} bytes`);
  return { body, decoded, embedded, refusal: null };
}

/**
 * A gzip member (1f 8b 08) or zlib stream (78 9c / 78 da) at the start of a
 * body: decoded as far as it goes (a truncated stream still yields its
 * start); past the cap it is a refusal of its own.
 */
function sniffEmbedded(body: Uint8Array, maxBytes: number): Uint8Array | null | 'too-large' {
  const gz = body.length > 10 && body[0] === 0x1f && body[1] === 0x8b && body[2] === 8;
  const zl = body.length > 2 && body[0] === 0x78 && (body[1] === 0x9c || body[1] === 0xda);
  if (!gz && !zl) return null;
  const opts: ZlibOptions = { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH };
  try {
    return bytes(gz ? gunzipSync(body, opts) : inflateSync(body, opts));
  } catch (err) {
    return tooLarge(err) ? 'too-large' : null;
  }
}
