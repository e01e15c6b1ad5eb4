// The meter thread fails closed: a meter that throws on a chunk fails that
// stream (its end rejects, so the runtime charges the reservation), a thread
// that dies or hangs fails everything in flight, and a new thread takes over
// for the streams that come after. Driven with a small meter plugin written to
// disk the way the plugin host writes bundled code (content-addressed,
// hashed). It is a repo meter, not a built-in, so it runs on the thread only:
// its estimate too comes from there, under the plugin timeout.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { UsageRecord } from '../plugins/sdk.ts';
import { createLogger } from '../runtime/log.ts';
import { MeterThread } from '../runtime/metering/meter-thread.ts';
import { tmpDir, waitFor } from './helpers/runtime-harness.ts';

const CODE = `export default {
  id: 'test.meter', version: '1.0.0', kind: 'meter', optionsSchema: {},
  setup() {
    const seen = new Map();
    return {
      async onMeterRequest(id, req) {
        if (new TextDecoder().decode(req.body).includes('SPIN')) for (;;);
        if (new TextDecoder().decode(req.body).includes('BADSTART')) return { provider: 42 };
        await null;
        seen.set(id, 0);
        return { provider: 'test', estimate: { input_tokens: 1, output_tokens: 1 } };
      },
      onMeterChunk(id, chunk) {
        const text = new TextDecoder().decode(chunk.data);
        if (text.includes('THROW')) throw new Error('a chunk it cannot read');
        if (text.includes('EXIT')) process.exit(3);
        if (text.includes('GARBAGE')) return { provider: 'test', input_tokens: 'lots', output_tokens: 1 };
        seen.set(id, (seen.get(id) ?? 0) + chunk.data.length);
        return { provider: 'test', input_tokens: 1, output_tokens: seen.get(id) };
      },
      onMeterEnd(id) { const n = seen.get(id) ?? 0; seen.delete(id); return { provider: 'test', input_tokens: 1, output_tokens: n }; },
    };
  },
};
`;

let thread: MeterThread;
const KEY = 'test.meter@0';
const TIMEOUT_MS = 400;
const req = { method: 'POST', scheme: 'https' as const, host: 'h', path: '/v1/x', query: '', headers: [], body: new Uint8Array(0), route: 'h', session: 's', agent: 'a' };

before(async () => {
  const file = join(tmpDir('cork-meter-thread-'), 'meter.mjs');
  writeFileSync(file, CODE);
  const sha256 = createHash('sha256').update(CODE).digest('hex');
  thread = await MeterThread.start([{ key: KEY, use: 'test.meter', file, sha256, options: {} }], createLogger('/dev/null'), { timeoutMs: TIMEOUT_MS });
});
after(() => thread.close(0));

/** One stream through the thread: its running usage, its failure, and its end. */
async function stream(id: string, chunks: string[]): Promise<{ usage: UsageRecord[]; failed: string[]; end: Promise<UsageRecord | null> }> {
  const calls = thread.calls(KEY);
  const usage: UsageRecord[] = [];
  const failed: string[] = [];
  assert.equal(calls.inline, false, 'a repo meter has no copy on the main thread');
  assert.deepEqual(await calls.request(id, req), { provider: 'test', estimate: { input_tokens: 1, output_tokens: 1 } });
  // As the exchange does for a repo meter: the stream is on the thread already.
  calls.watch(id, (u) => usage.push(u), (why) => failed.push(why));
  calls.handOff(id, req);
  for (const c of chunks) calls.chunk(id, 200, [], new TextEncoder().encode(c));
  return { usage, failed, end: calls.end(id, false) };
}

describe('the meter thread', { timeout: 20_000 }, () => {
  it('meters a stream beside the caller: running usage, then the final count', async () => {
    const s = await stream('ok-1', ['abc', 'defg']);
    assert.deepEqual(await s.end, { provider: 'test', input_tokens: 1, output_tokens: 7 });
    assert.deepEqual(s.failed, []);
  });

  it('a meter that throws fails its stream: the end rejects (the runtime charges the reservation)', async () => {
    const s = await stream('bad-1', ['THROW']);
    await assert.rejects(s.end, /failed earlier in this stream/);
    assert.equal(s.failed.length, 1);
    // The next stream is metered as usual.
    assert.deepEqual(await (await stream('ok-2', ['xy'])).end, { provider: 'test', input_tokens: 1, output_tokens: 2 });
  });

  it('a thread that dies fails what is in flight, and a new one takes the next streams', async () => {
    const s = await stream('dies-1', ['EXIT']);
    await assert.rejects(s.end, /meter thread exited/);
    const next = await waitFor('a new meter thread', async () => {
      try {
        return await (await stream(`after-${Math.random()}`, ['12345'])).end;
      } catch {
        return undefined;
      }
    });
    assert.deepEqual(next, { provider: 'test', input_tokens: 1, output_tokens: 5 });
  });

  it('a meter that hangs is stopped at the timeout: its call and what is in flight fail, a new thread takes over', async () => {
    const calls = thread.calls(KEY);
    // A stream still going when the meter hangs: its chunks are with the thread, its end not yet asked for.
    const failed: string[] = [];
    await calls.request('in-flight-1', req);
    calls.watch('in-flight-1', () => undefined, (why) => failed.push(why));
    calls.chunk('in-flight-1', 200, [], new TextEncoder().encode('abc'));
    const t0 = performance.now();
    await assert.rejects(calls.request('spin-1', { ...req, body: new TextEncoder().encode('SPIN') }), /meter thread exited/);
    const waited = performance.now() - t0;
    assert.ok(waited >= TIMEOUT_MS - 50 && waited < TIMEOUT_MS + 5_000, `the hung call failed after ${waited.toFixed(0)} ms`);
    assert.equal(failed.length, 1, 'the stream in flight failed (the runtime charges its reservation)');
    assert.match(failed[0]!, /meter thread exited/);
    const next = await waitFor('a new meter thread', async () => {
      try {
        return await (await stream(`after-hang-${Math.random()}`, ['1234'])).end;
      } catch {
        return undefined;
      }
    });
    assert.deepEqual(next, { provider: 'test', input_tokens: 1, output_tokens: 4 });
  });

  it('a malformed answer is a failure like a throw: the estimate is refused, the stream fails', async () => {
    const calls = thread.calls(KEY);
    await assert.rejects(calls.request('bad-start-1', { ...req, body: new TextEncoder().encode('BADSTART') }), /request: onMeterRequest: provider must be a non-empty string \(got 42\)/);
    const s = await stream('bad-usage-1', ['GARBAGE']);
    await assert.rejects(s.end, /failed earlier in this stream/);
    assert.equal(s.failed.length, 1);
    assert.match(s.failed[0]!, /onMeterChunk: input_tokens must be a non-negative number \(got "lots"\)/);
  });

  it('a meter whose setup() never returns: the thread is stopped at the start timeout and start() fails, naming why', async () => {
    const file = join(tmpDir('cork-meter-thread-'), 'hangs-at-setup.mjs');
    const code = `export default { id: 'test.hangs', version: '1.0.0', kind: 'meter', optionsSchema: {}, setup() { for (;;); } };\n`;
    writeFileSync(file, code);
    const sha256 = createHash('sha256').update(code).digest('hex');
    const t0 = performance.now();
    await assert.rejects(
      MeterThread.start([{ key: 'test.hangs@0', use: 'test.hangs', file, sha256, options: {} }], createLogger('/dev/null'), { timeoutMs: TIMEOUT_MS, startTimeoutMs: 500 }),
      /the meter thread did not start within 500 ms \(does a meter's setup\(\) hang\?\)/,
    );
    assert.ok(performance.now() - t0 < 10_000);
  });

  it('a dropped stream (refused, or not metered) ends on the thread: the meter forgets it', async () => {
    const calls = thread.calls(KEY);
    await calls.request('dropped-1', req);
    calls.watch('dropped-1', () => undefined, () => undefined);
    calls.chunk('dropped-1', 200, [], new TextEncoder().encode('xyz'));
    assert.equal(calls.finish('dropped-1', true), null);
    // The meter kept 3 bytes for it until the drop; after it, the same id starts again from nothing.
    calls.chunk('dropped-1', 200, [], new TextEncoder().encode('12'));
    assert.deepEqual(await calls.end('dropped-1', false), { provider: 'test', input_tokens: 1, output_tokens: 2 });
  });
});
