// The usage of one exchange as it becomes known: counts the provider
// reported, output estimated from streamed text until (or unless) the
// provider reports it, and whether the result is exact.
//
// Field meanings follow Anthropic's, for every provider: `input_tokens` is
// input NOT served from a cache; `cache_read_input_tokens` and
// `cache_creation_input_tokens` are the cached parts. OpenAI counts cached
// tokens inside `prompt_tokens` / `input_tokens`, so its readers subtract
// them (see `setOpenAiInput`): summing the four fields is the total on both.
import type { UsageRecord } from '../sdk.ts';
import { tokensForBytes, utf8Length } from './estimate.ts';

/** A count from the wire: a finite number ≥ 0, else undefined. */
export function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class UsageTally {
  readonly provider: string;
  model: string | undefined;
  #input: number | undefined;
  #output: number | undefined;
  #cacheCreation: number | undefined;
  #cacheRead: number | undefined;
  #outputBytes = 0;
  /** The provider's closing usage arrived (Anthropic message_delta, OpenAI's usage chunk or object). */
  final = false;
  /** Something was lost or went wrong (an error event, a dropped event, an unreadable body): never exact. */
  uncertain = false;
  /** Used while the provider has not reported input (OpenAI reports it only at the end). */
  readonly #inputFallback: number;

  constructor(provider: string, model: string | undefined, inputFallback: number) {
    this.provider = provider;
    this.model = model;
    this.#inputFallback = inputFallback;
  }

  /** Any count came from the provider. */
  get reported(): boolean {
    return this.#input !== undefined || this.#output !== undefined;
  }

  // Setters overwrite: every provider's usage fields are totals so far, never increments.
  setInput(v: unknown): void {
    this.#input = count(v) ?? this.#input;
  }
  setOutput(v: unknown): void {
    this.#output = count(v) ?? this.#output;
  }
  setCacheCreation(v: unknown): void {
    this.#cacheCreation = count(v) ?? this.#cacheCreation;
  }
  setCacheRead(v: unknown): void {
    this.#cacheRead = count(v) ?? this.#cacheRead;
  }

  /** OpenAI: `total` includes `cached`; stored as uncached input + cache reads. */
  setOpenAiInput(total: unknown, cached: unknown): void {
    const t = count(total);
    if (t === undefined) return;
    const c = Math.min(count(cached) ?? 0, t);
    this.#input = t - c;
    this.#cacheRead = c;
  }

  setModel(v: unknown): void {
    if (typeof v === 'string' && v !== '') this.model = v;
  }

  /** Generated text seen in the stream: the output estimate until the provider's count. */
  addOutputText(v: unknown): void {
    if (typeof v === 'string') this.#outputBytes += utf8Length(v);
  }

  addOutputBytes(n: number): void {
    this.#outputBytes += n;
  }

  record(): UsageRecord {
    const estimatedOutput = tokensForBytes(this.#outputBytes);
    // Before the closing count the stream may be ahead of the last count the provider sent.
    const output = this.final && this.#output !== undefined ? this.#output : Math.max(this.#output ?? 0, estimatedOutput);
    const r: UsageRecord = {
      provider: this.provider,
      input_tokens: this.#input ?? this.#inputFallback,
      output_tokens: output,
      estimated: !this.final || this.#input === undefined || this.#output === undefined || this.uncertain,
    };
    if (this.model !== undefined) r.model = this.model;
    if (this.#cacheCreation !== undefined) r.cache_creation_input_tokens = this.#cacheCreation;
    if (this.#cacheRead !== undefined) r.cache_read_input_tokens = this.#cacheRead;
    return r;
  }
}

export function sameUsage(a: UsageRecord | null, b: UsageRecord): boolean {
  return (
    a !== null &&
    a.input_tokens === b.input_tokens &&
    a.output_tokens === b.output_tokens &&
    a.cache_creation_input_tokens === b.cache_creation_input_tokens &&
    a.cache_read_input_tokens === b.cache_read_input_tokens &&
    a.estimated === b.estimated &&
    a.model === b.model
  );
}
