// Server-sent events from a response body that arrives in arbitrary byte
// chunks, in bounded memory. eventsource-parser does the parsing (line
// endings, multi-line data, comments); a leading byte-order mark is dropped
// here, as the SSE spec says; a StringDecoder keeps a UTF-8 sequence split
// across chunks whole. (Not TextDecoder: each one sets up an
// ICU converter, which cost more than reading a short stream's head.)
//
// Memory: the parser buffers at most `maxEventChars` of an unfinished event
// (its `maxBufferSize`, counted in UTF-16 units). An event longer than that
// is dropped: the parser is reset and the bytes up to the next blank line
// (the end of that event) are skipped, so parsing resumes at an event
// boundary instead of mid-way through the dropped event's text. An event
// that arrives whole inside one chunk can pass the parser's check; it is
// dropped by length before anyone parses its JSON.
import { StringDecoder } from 'node:string_decoder';
import { createParser, type EventSourceParser } from 'eventsource-parser';

export interface SseEvent {
  /** The `event:` field; undefined when the stream sends only `data:` (OpenAI chat). */
  event: string | undefined;
  data: string;
}

const LF = 10;
const CR = 13;

export class SseEvents<C> {
  readonly #parser: EventSourceParser;
  readonly #decoder = new StringDecoder('utf8');
  readonly #maxEventChars: number;
  readonly #onEvent: (ctx: C, event: SseEvent) => void;
  #ctx: C | undefined;
  #overflowed = false;
  #started = false;
  // Skipping the rest of an oversized event: until a blank line.
  #skipping = false;
  #atLineStart = false;
  #afterCR = false;
  /** Characters of oversized events that were skipped unread. */
  droppedChars = 0;

  /**
   * `onEvent` gets each event with the context of the body being read
   * (`begin`). One reader can read many bodies, one after another: a meter
   * keeps a few, because the parser's closures, made anew for every
   * stream, lost their optimized code at each major GC (V8 holds it
   * weakly) and were compiled again: in bench:proxy's one-stream part,
   * ~3% of a core went to compiling them over and over.
   */
  constructor(onEvent: (ctx: C, event: SseEvent) => void, maxEventChars: number) {
    this.#onEvent = onEvent;
    this.#maxEventChars = maxEventChars;
    this.#parser = createParser({
      maxBufferSize: maxEventChars,
      onEvent: (e) => {
        if (e.data.length > maxEventChars) this.droppedChars += e.data.length;
        else this.#onEvent(this.#ctx as C, { event: e.event, data: e.data });
      },
      onError: (err) => {
        if (err.type === 'max-buffer-size-exceeded') this.#overflowed = true;
      },
    });
  }

  /** Starts reading a new body, for `ctx`. */
  begin(ctx: C): this {
    this.#ctx = ctx;
    this.#started = false;
    this.#skipping = false;
    this.#atLineStart = false;
    this.#afterCR = false;
    this.droppedChars = 0;
    return this;
  }

  /** True once any part of the stream was dropped for its size. */
  get dropped(): boolean {
    return this.droppedChars > 0;
  }

  feed(bytes: Uint8Array): void {
    let text = this.#decoder.write(bytes);
    if (!this.#started && text !== '') {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.#feedText(text);
  }

  /** The body ended: an event without its closing blank line is incomplete and, as in EventSource, not dispatched. */
  end(): void {
    this.#feedText(this.#decoder.end());
    this.#parser.reset();
    this.#overflowed = false;
    this.#ctx = undefined;
  }

  #feedText(text: string): void {
    if (this.#skipping) text = this.#skipToEventEnd(text);
    if (text === '') return;
    this.#parser.feed(text);
    if (!this.#overflowed) return;
    // The parser gave up on an event it was still collecting; the rest of
    // that event arrives in later chunks.
    this.#overflowed = false;
    this.#parser.reset();
    this.droppedChars += this.#maxEventChars;
    this.#skipping = true;
    const last = text.charCodeAt(text.length - 1);
    this.#atLineStart = last === LF || last === CR;
    this.#afterCR = last === CR;
  }

  /** Drops text up to and including the blank line that ends the current event; returns what follows it. */
  #skipToEventEnd(text: string): string {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF && this.#afterCR) {
        // The LF of a CRLF: the line ended at the CR already.
        this.#afterCR = false;
        continue;
      }
      this.#afterCR = c === CR;
      if (c !== LF && c !== CR) {
        this.#atLineStart = false;
        continue;
      }
      if (this.#atLineStart) {
        this.#skipping = false;
        this.droppedChars += i;
        // A lone LF left over from this CRLF is an empty line to the parser: harmless.
        return text.slice(i + 1);
      }
      this.#atLineStart = true;
    }
    this.droppedChars += text.length;
    return '';
  }
}
