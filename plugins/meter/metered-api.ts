// What a meter knows about one metered API: its request's output cap and
// how to read usage out of its responses. The shared hooks
// (meter-hooks.ts) do the rest: per-stream state, SSE vs JSON, caps.
import type { SseEvent } from './sse-events.ts';
import type { UsageTally } from './usage.ts';

export interface MeteredApi {
  /**
   * The most output tokens the request can produce, from its JSON body, or
   * null when it cannot be bounded (then the request's estimate is null).
   */
  outputCap(body: Record<string, unknown>): number | null;
  /** One event of a `text/event-stream` response. Must not throw. */
  onEvent(tally: UsageTally, event: SseEvent): void;
  /** A whole JSON response body (any status). Must not throw. */
  onJson(tally: UsageTally, body: unknown): void;
}

/**
 * Whether `path` (query already removed) is `suffix` or ends with it,
 * ignoring trailing slashes. Suffix matching lets gateway and base-URL
 * prefixes through (`/gw/api.anthropic.com/v1/messages`,
 * `/api/v1/chat/completions`); `suffix` starts with `/`, so the match is on
 * whole segments and `/v1/messages/count_tokens` does not end in
 * `/v1/messages`.
 */
export function pathIs(path: string, suffix: string): boolean {
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 0x2f) end--;
  const p = end === path.length ? path : path.slice(0, end);
  return p.endsWith(suffix);
}

/** A positive integer from the request body, else undefined. */
export function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** JSON text → an object, or undefined for anything else (garbage included). */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
