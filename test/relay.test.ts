// The relay: the proxy's response path from an undici dispatch to the
// client's side. Real sockets on 127.0.0.1 on both sides: an upstream, a
// front server whose handler relays to it, and a client.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { relay, type ResponseTap, STOP } from '../runtime/proxy/relay.ts';

const servers: Server[] = [];
const pools: Pool[] = [];
after(async () => {
  await Promise.all(pools.map((p) => p.destroy()));
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const s = createServer(handler);
  servers.push(s);
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return (s.address() as AddressInfo).port;
}

/** Upstream bodies: `size` bytes in 64 KiB writes, honouring backpressure; reports what it managed to send. */
function upstreamOf(size: number, opts: { failAfter?: number } = {}) {
  const state = { sent: 0, finished: false, closedEarly: false };
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const port = listen(async (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.on('close', () => {
      if (!res.writableFinished) state.closedEarly = true;
    });
    while (state.sent < size && !res.destroyed) {
      if (opts.failAfter !== undefined && state.sent >= opts.failAfter) {
        res.socket?.destroy();
        return;
      }
      const ok = res.write(chunk);
      state.sent += chunk.length;
      if (!ok) await drained(res);
    }
    if (!res.destroyed) res.end(() => (state.finished = true));
  });
  return { port, state };
}

/** Until `res` drains or closes, with no listener left behind. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

interface Front {
  port: number;
  outcome: Promise<Error | null>;
}

/** A front server relaying every request to `upstreamPort`, through `tap` when given; `outcome` settles with the relay's. */
async function frontFor(upstreamPort: number, tap?: (res: ServerResponse) => ResponseTap): Promise<Front> {
  const pool = new Pool(`http://127.0.0.1:${upstreamPort}`);
  pools.push(pool);
  let settle!: (e: Error | null) => void;
  const outcome = new Promise<Error | null>((r) => (settle = r));
  const port = await listen((req, res) => {
    req.resume();
    relay(pool, { origin: `http://127.0.0.1:${upstreamPort}`, path: '/', method: 'GET' }, (status) => {
      res.writeHead(status, { 'content-type': 'application/octet-stream' });
      return tap ? { sink: res, tap: tap(res) } : { sink: res };
    }).then(
      () => settle(null),
      (err: Error) => settle(err),
    );
  });
  return { port, outcome };
}

function get(port: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => request({ host: '127.0.0.1', port, path: '/' }, resolve).on('error', reject).end());
}

async function drain(res: IncomingMessage): Promise<number> {
  let n = 0;
  for await (const c of res) n += (c as Buffer).length;
  return n;
}

describe('relay: the upstream body straight to the client, with backpressure both ways', { timeout: 30_000 }, () => {
  it('a client that stops reading stops the upstream read (no unbounded buffering); then every byte arrives', async () => {
    const size = 96 * 1024 * 1024;
    const up = upstreamOf(size);
    const front = await frontFor(await up.port);
    const res = await get(front.port);
    res.pause();
    // Kernel socket buffers on two hops hold a few MiB; without backpressure the relay would read it all.
    let last = -1;
    while (up.state.sent !== last) {
      last = up.state.sent;
      await sleep(200);
    }
    assert.ok(up.state.sent < size / 2, `the upstream stalled after ${(up.state.sent / 1048576).toFixed(1)} MiB of ${size / 1048576}`);
    res.resume();
    assert.equal(await drain(res), size);
    assert.equal(await front.outcome, null);
  });

  it('the client going away mid-body aborts the upstream request, and the relay fails with it', async () => {
    const up = upstreamOf(64 * 1024 * 1024);
    const front = await frontFor(await up.port);
    const res = await get(front.port);
    await once(res, 'data');
    res.destroy();
    const err = await front.outcome;
    assert.ok(err instanceof Error, 'the relay rejected');
    for (let i = 0; i < 250 && !up.state.closedEarly; i++) await sleep(20);
    assert.equal(up.state.closedEarly, true, 'the upstream saw its response cut off');
    assert.equal(up.state.finished, false);
  });

  it('an upstream that fails mid-body: the relay rejects and the client’s response is cut, not ended', async () => {
    const up = upstreamOf(8 * 1024 * 1024, { failAfter: 1024 * 1024 });
    const front = await frontFor(await up.port);
    const res = await get(front.port);
    const got = drain(res);
    await assert.rejects(got, 'the client sees the response abort, not a clean end');
    assert.ok((await front.outcome) instanceof Error);
  });

  it('an informational line first (102), then the response; and a 204 with no body', async () => {
    for (const [status, body] of [[200, 'after processing'], [204, '']] as const) {
      const port = await listen((req, res) => {
        req.resume();
        res.writeProcessing();
        res.writeHead(status, status === 204 ? {} : { 'content-type': 'text/plain' });
        res.end(body);
      });
      const front = await frontFor(port);
      const res = await get(front.port);
      assert.equal(res.statusCode, status, 'the final status, not the informational one');
      let text = '';
      for await (const c of res) text += (c as Buffer).toString();
      assert.equal(text, body);
      assert.equal(await front.outcome, null);
    }
  });

  it('a tap that answers with a promise holds the upstream read until it settles', async () => {
    let pushes = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const up = upstreamOf(32 * 1024 * 1024);
    const front = await frontFor(await up.port, (res) => ({
      push(chunk) {
        pushes++;
        const ok = res.write(chunk);
        // The first chunk fills the client's buffer too: it drains while the tap is waited for.
        return pushes === 1 ? held : ok;
      },
      end: () => res.end(),
      abort: () => {},
    }));
    const res = await get(front.port);
    const got = drain(res);
    await sleep(300);
    assert.equal(pushes, 1, 'no chunk reached the tap while it waited');
    release();
    assert.equal(await got, 32 * 1024 * 1024);
    assert.ok(pushes > 1);
    assert.equal(await front.outcome, null);
  });

  it('a tap that stops the response: the relay resolves, and the upstream is no longer read', async () => {
    let pushes = 0;
    let aborted = 0;
    const up = upstreamOf(64 * 1024 * 1024);
    const front = await frontFor(await up.port, (res) => ({
      push(chunk) {
        if (++pushes === 3) {
          res.end('stopped');
          return STOP;
        }
        return res.write(chunk);
      },
      end: () => res.end(),
      abort: () => aborted++,
    }));
    const res = await get(front.port);
    const body = await new Promise<string>((resolve) => {
      let tail = '';
      res.on('data', (c: Buffer) => (tail = (tail + c.toString('latin1')).slice(-7)));
      res.on('end', () => resolve(tail));
    });
    assert.equal(body, 'stopped', 'the client’s response ended the tap’s way');
    assert.equal(await front.outcome, null, 'a deliberate stop is not a failure');
    assert.equal(aborted, 0, 'the tap is not told of an abort it made');
    for (let i = 0; i < 250 && !up.state.closedEarly; i++) await sleep(20);
    assert.equal(up.state.closedEarly, true, 'the upstream read stopped');
    assert.equal(pushes, 3);
  });
});
