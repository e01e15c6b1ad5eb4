// HeldStream (runtime/metering/held-stream.ts) checked against oracles computed
// on the concatenated bytes: boundaryAfter and lastEventsStart under every
// two-chunk split and many seeded random multi-chunk splits (including cuts
// between the two "\n" of a blank line), on whole, truncated, "\n\n\n", CRLF
// and empty streams; slice contents; the cap; the limit on held streams.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HeldStream, HoldLimit } from '../runtime/metering/held-stream.ts';

const LF = 0x0a;

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sse = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
const TEXT = [
  sse('message_start', { type: 'message_start', message: { id: 'msg_1', usage: { input_tokens: 21, output_tokens: 1 } } }),
  sse('ping', {}),
  sse('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  sse('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hello' } }),
  sse('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ', world! '.repeat(9) } }),
  sse('content_block_stop', { index: 0 }),
  sse('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } }),
  sse('message_stop', { type: 'message_stop' }),
].join('');
const WHOLE = Buffer.from(TEXT);
const TRUNCATED = Buffer.from(TEXT + 'event: message_delta\ndata: {"usage":{"outp');
const TRIPLES = Buffer.from('data: a\n\n\nevent: b\ndata: {}\n\n\n\ndata: c\n\n\n\n\ndata: d\n\n');
const CRLF = Buffer.from(TEXT.replaceAll('\n', '\r\n'));

/** Oracle: the end offset of every "\n\n" in buf (overlapping ones included), ascending. */
function boundaryEnds(buf: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < buf.length; i++) if (buf[i] === LF && buf[i + 1] === LF) out.push(i + 2);
  return out;
}
const oracleAfter = (ends: number[], from: number) => ends.find((e) => e >= from) ?? -1;
function oracleLast(ends: number[], events: number, floor: number): number {
  const b = ends[ends.length - 1 - events];
  return b !== undefined && b > floor ? b : floor;
}

function cut(buf: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at)].filter((p) => p > 0 && p < buf.length).sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, buf.length]) {
    out.push(Buffer.from(buf.subarray(prev, p)));
    prev = p;
  }
  return out;
}
function held(chunks: Buffer[]): HeldStream {
  const h = new HeldStream(64 * 1024);
  for (const c of chunks) assert.ok(h.push(c));
  return h;
}

/** Every two-chunk split, 1-byte chunks, and seeded random multi-chunk splits (some forced between the two "\n" of a blank line). */
function* splits(buf: Buffer, seed: number, iterations = 400): Generator<Buffer[]> {
  for (let p = 0; p <= buf.length; p++) yield cut(buf, [p]);
  yield cut(buf, Array.from({ length: buf.length }, (_, i) => i));
  const between = boundaryEnds(buf).map((e) => e - 1);
  const rnd = mulberry32(seed);
  for (let n = 0; n < iterations; n++) {
    const k = 1 + Math.floor(rnd() * 16);
    const at = Array.from({ length: k }, () => Math.floor(rnd() * (buf.length + 1)));
    if (n % 2 === 0 && between.length) for (let j = 0; j < 3; j++) at.push(between[Math.floor(rnd() * between.length)]!);
    yield cut(buf, at);
  }
}
const desc = (chunks: Buffer[]) => JSON.stringify(chunks.map((c) => c.toString()));

function fromValues(buf: Buffer): number[] {
  const ends = boundaryEnds(buf);
  return [...new Set([0, 1, ...ends.flatMap((b) => [b - 2, b - 1, b, b + 1]), buf.length, buf.length + 1, buf.length + 50])];
}
function floorValues(buf: Buffer): number[] {
  const ends = boundaryEnds(buf);
  return [...new Set([0, 3, ...ends.flatMap((b) => [b - 1, b, b + 7]), buf.length])].filter((f) => f >= 0 && f <= buf.length);
}

describe('HeldStream.boundaryAfter', () => {
  for (const [name, buf, seed] of [['whole stream', WHOLE, 1], ['truncated stream', TRUNCATED, 2], ['"\\n\\n\\n" runs', TRIPLES, 3]] as const) {
    test(`${name}: equals the oracle for every split and from`, () => {
      const ends = boundaryEnds(buf);
      const froms = fromValues(buf);
      for (const chunks of splits(buf, seed)) {
        const h = held(chunks);
        for (const from of froms) assert.equal(h.boundaryAfter(from), oracleAfter(ends, from), `from=${from} chunks=${desc(chunks)}`);
      }
    });
  }
});

describe('HeldStream.lastEventsStart', () => {
  test('whole stream: equals the oracle for events 1..6 and every floor, under every split', () => {
    const ends = boundaryEnds(WHOLE);
    assert.equal(ends.at(-1), WHOLE.length, 'the stream ends with a blank line');
    const floors = floorValues(WHOLE);
    for (const chunks of splits(WHOLE, 11)) {
      const h = held(chunks);
      for (let events = 1; events <= 6; events++) {
        for (const floor of floors) assert.equal(h.lastEventsStart(events, floor), oracleLast(ends, events, floor), `events=${events} floor=${floor} chunks=${desc(chunks)}`);
      }
    }
    // Sanity of the oracle itself: the last 2 events of an unsplit stream are message_delta + message_stop.
    const h = held([WHOLE]);
    assert.match(h.slice(h.lastEventsStart(2, 0), WHOLE.length).toString(), /^event: message_delta\n.*\n\nevent: message_stop\n.*\n\n$/);
  });

  test('truncated mid-event: the partial event is within the tail on top of `events` complete ones', () => {
    // The code counts the last blank line as the end of the last event, so with a
    // partial event after it the answer is the same formula over the blank lines
    // present: b[len-1-events] when > floor, else floor. The tail it starts then
    // holds exactly `events` complete events, followed by the partial one.
    const ends = boundaryEnds(TRUNCATED);
    assert.ok(ends.at(-1)! < TRUNCATED.length);
    const floors = floorValues(TRUNCATED);
    for (const chunks of splits(TRUNCATED, 12)) {
      const h = held(chunks);
      for (let events = 1; events <= 6; events++) {
        for (const floor of floors) {
          const got = h.lastEventsStart(events, floor);
          assert.equal(got, oracleLast(ends, events, floor), `events=${events} floor=${floor} chunks=${desc(chunks)}`);
          if (got > floor) {
            const tail = h.slice(got, h.bytes);
            assert.equal(boundaryEnds(tail).length, events);
            assert.ok(!tail.toString().endsWith('\n\n'));
          }
        }
      }
    }
  });

  test('"\\n\\n\\n" runs: the answer is a blank-line end or floor, and never below floor', () => {
    const ends = new Set(boundaryEnds(TRIPLES));
    for (const chunks of splits(TRIPLES, 13)) {
      const h = held(chunks);
      for (let events = 1; events <= 6; events++) {
        for (let floor = 0; floor <= TRIPLES.length; floor += 3) {
          const got = h.lastEventsStart(events, floor);
          assert.ok(got >= floor && (got === floor || ends.has(got)), `events=${events} floor=${floor} got=${got} chunks=${desc(chunks)}`);
        }
      }
    }
  });
});

describe('HeldStream.slice', () => {
  test('equals the concatenation for random from/to across chunk boundaries', () => {
    const rnd = mulberry32(21);
    for (let n = 0; n < 300; n++) {
      const chunks = cut(WHOLE, Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => Math.floor(rnd() * WHOLE.length)));
      const h = held(chunks);
      for (let k = 0; k < 20; k++) {
        const a = Math.floor(rnd() * (WHOLE.length + 1));
        const b = a + Math.floor(rnd() * (WHOLE.length + 1 - a));
        assert.deepEqual(h.slice(a, b), WHOLE.subarray(a, b), `slice(${a}, ${b}) chunks=${desc(chunks)}`);
      }
      assert.deepEqual(h.slice(0, WHOLE.length), WHOLE);
    }
  });

  test('held by reference: a slice within one chunk is a view of it, one across chunks a copy', () => {
    const chunks = cut(Buffer.from(WHOLE), [100, 250]);
    const h = held(chunks);
    const inside = h.slice(120, 200);
    const across = h.slice(90, 110);
    chunks[1]!.fill(0x21);
    assert.equal(inside.toString(), '!'.repeat(80), 'the view shows the chunk itself');
    assert.deepEqual(across, WHOLE.subarray(90, 110), 'the copy does not change with it');
  });
});

describe('HeldStream limits', () => {
  test('a chunk past the cap is refused whole; what fit stays', () => {
    const h = new HeldStream(20);
    assert.ok(h.push(Buffer.from('data: a\n\n')));
    assert.equal(h.push(Buffer.from('data: bbbbbbbbbbb\n\n')), false);
    assert.equal(h.bytes, 9);
    assert.ok(h.push(Buffer.from('data: c\n\n')));
    assert.deepEqual(h.slice(0, h.bytes), Buffer.from('data: a\n\ndata: c\n\n'));
  });

  test('release() lets go of the chunks; HoldLimit counts held streams up to its max', () => {
    const h = held([Buffer.from('data: a\n\n'), Buffer.from('data: b\n\n')]);
    const seen: string[] = [];
    h.forEach((c) => seen.push(c.toString()));
    assert.deepEqual(seen, ['data: a\n\n', 'data: b\n\n']);
    h.release();
    const after: string[] = [];
    h.forEach((c) => after.push(c.toString()));
    assert.deepEqual(after, []);
    const limit = new HoldLimit(2);
    assert.ok(limit.take());
    assert.ok(limit.take());
    assert.equal(limit.take(), false, 'no more than max');
    limit.release();
    assert.equal(limit.held, 1);
    assert.ok(limit.take());
  });
});

describe('HeldStream edge streams', () => {
  test('CRLF framing shows no boundary under any split', () => {
    assert.ok(CRLF.includes('\r\n\r\n') && !CRLF.includes('\n\n'));
    for (const chunks of splits(CRLF, 31, 100)) {
      const h = held(chunks);
      for (const from of [0, 1, 50, CRLF.length]) assert.equal(h.boundaryAfter(from), -1);
      for (const floor of [0, 17, CRLF.length]) for (let events = 1; events <= 6; events++) assert.equal(h.lastEventsStart(events, floor), floor);
    }
  });

  test('empty stream', () => {
    const h = new HeldStream(16);
    assert.equal(h.bytes, 0);
    assert.equal(h.boundaryAfter(0), -1);
    assert.equal(h.lastEventsStart(4, 0), 0);
    assert.equal(h.slice(0, 0).length, 0);
  });

  // An empty Writable write does reach MeteredExchange.chunk, so empty chunks can be pushed (and are not held).
  test('an empty chunk between the two "\\n" of a blank line does not hide it', () => {
    const h = held([Buffer.from('data: a\n'), Buffer.alloc(0), Buffer.from('\ndata: b\n\n')]);
    assert.equal(h.boundaryAfter(0), 9);
    assert.equal(h.lastEventsStart(1, 0), 9);
  });
});
