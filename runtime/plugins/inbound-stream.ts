// Response scanning for inbound plugins: each chunk goes to the pool with the
// last `overlap` bytes before it (so a phrase split across chunks is seen),
// and is forwarded to the client only after the verdict — except those last
// `overlap` bytes, held until the next verdict, so nothing of a secret split
// across chunks escapes. Memory per stream is one chunk plus the overlap,
// whatever the length; the price is that the client sees a stream up to
// `overlap` bytes late. A block ends the response:
// an SSE `error` event when the stream is SSE, else the connection is cut.
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import type { Logger } from '../log.ts';
import type { PluginHost, RouteChains } from './host.ts';
import type { PluginOutcome } from './protocol.ts';

export interface InboundMeta {
  status: number;
  headers: Array<[string, string]>;
  route: string;
  session: string;
  digest: string;
  log: Logger;
}

/**
 * `writeHead` is called before the first forwarded byte, so a response blocked
 * on its first chunk can still be answered with `refuse` (a proper 502 body).
 */
export function scanningResponse(
  res: ServerResponse,
  host: PluginHost,
  chains: RouteChains,
  meta: InboundMeta,
  writeHead: () => void,
  refuse: (reason: string) => void,
): Writable {
  let headWritten = false;
  const head = () => {
    if (!headWritten) {
      headWritten = true;
      writeHead();
    }
  };
  // Bytes scanned but not yet forwarded: the tail of the last chunk, held back
  // until the next verdict so a secret split across two chunks is blocked
  // before any of it reaches the client.
  let held: Uint8Array = new Uint8Array(0);
  let position = 0;
  let ended = false;
  const sse = meta.headers.some(([n, v]) => n === 'content-type' && v.toLowerCase().startsWith('text/event-stream'));
  // SSE: the last bytes forwarded. They may stop mid-event, and the error event must not be read as part of that one.
  let sseTail = '';

  /** Scans held + chunk; on allow returns the bytes now safe to forward. */
  const scan = async (chunk: Uint8Array, final: boolean): Promise<{ outcome: PluginOutcome & { error?: string }; forward: Uint8Array }> => {
    const data = new ArrayBuffer(held.length + chunk.length);
    const view = new Uint8Array(data);
    view.set(held, 0);
    view.set(chunk, held.length);
    const overlap = held.length;
    const start = position - overlap;
    position += chunk.length;
    const keep = final ? 0 : Math.min(chains.overlap, view.length);
    // Copies taken before `data` is transferred to the worker.
    const forward = view.slice(0, view.length - keep);
    const tail = view.slice(view.length - keep);
    const outcome = await host.chunk({ chain: [...chains.inbound], status: meta.status, headers: meta.headers, data, overlap, position: start, final, route: meta.route, session: meta.session });
    held = tail;
    return { outcome, forward };
  };

  const block = (outcome: PluginOutcome & { error?: string }) => {
    ended = true;
    const detail = outcome.error ?? outcome.findings.map((f) => `${f.detector} ${f.rule} at ${f.location}`).join('; ');
    meta.log.warn({ event: 'response-blocked', route: meta.route, session: meta.session, plugin: outcome.plugin, detail, digest: meta.digest }, 'response blocked mid-stream');
    if (!headWritten) {
      refuse(`the response was blocked: ${detail}`);
    } else if (sse) {
      const body = JSON.stringify({ type: 'error', error: { type: 'response_blocked', message: `cork blocked this response: ${detail}` } });
      const atBoundary = sseTail === '' || /(?:\r\n\r\n|\n\n|\r\r)$/.test(sseTail);
      const close = atBoundary ? '' : /[\r\n]$/.test(sseTail) ? '\n' : '\n\n';
      res.end(`${close}event: error\ndata: ${body}\n\n`);
    } else {
      res.destroy();
    }
  };

  return new Writable({
    write(chunk: Buffer, _enc, done) {
      if (ended) return done();
      scan(chunk, false).then(
        ({ outcome, forward }) => {
          if (outcome.action === 'block' || outcome.error) {
            block(outcome);
            // An error makes undici abort the upstream request: nothing more is read.
            return done(new Error('response blocked'));
          }
          if (outcome.action === 'warn') meta.log.warn({ event: 'response-warn', route: meta.route, session: meta.session, findings: outcome.findings, digest: meta.digest }, 'inbound finding (forwarded)');
          head();
          if (sse && forward.length > 0) sseTail = (sseTail + Buffer.from(forward.subarray(-4)).toString('latin1')).slice(-4);
          if (forward.length === 0 || res.write(forward)) done();
          else res.once('drain', () => done());
        },
        (err: unknown) => done(err as Error),
      );
    },
    final(done) {
      if (ended) return done();
      if (!chains.needsFinal) {
        // Built-in detectors have judged every byte already; the held tail goes out as is.
        head();
        res.end(held);
        return done();
      }
      // One last call with no new bytes so plugins that judge the whole stream can speak.
      scan(new Uint8Array(0), true).then(
        ({ outcome, forward }) => {
          if (outcome.action === 'block' || outcome.error) {
            block(outcome);
            return done();
          }
          head();
          res.end(forward);
          done();
        },
        (err: unknown) => done(err as Error),
      );
    },
    destroy(err, done) {
      if (!ended && !res.writableEnded) res.destroy();
      done(err);
    },
  });
}
