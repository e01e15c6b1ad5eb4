// The meter thread (built to dist/meter-worker.mjs). Meters read a copy of
// every response chunk of the provider route; here that parsing runs beside
// the proxy instead of on its thread, so metering never slows the stream the
// client is reading. One thread, one port: a stream's calls arrive in order,
// and the meter's per-stream state lives in the one place that sees them all.
import { parentPort, workerData } from 'node:worker_threads';
import type { PluginHooks } from '../../plugins/sdk.ts';
import { loadInstances } from '../plugins/chain-runner.ts';
import type { FromMeter, MeterWorkerData, ToMeter } from './meter-protocol.ts';
import { checkStart, checkUsage } from './meter-results.ts';

const port = parentPort!;
const send = (m: FromMeter) => port.postMessage(m);

let hooks: Map<string, PluginHooks>;
try {
  hooks = await loadInstances({ instances: (workerData as MeterWorkerData).instances, secrets: [] });
  send({ t: 'ready' });
} catch (err) {
  send({ t: 'load-failed', error: (err as Error)?.message ?? String(err) });
  process.exit(1);
}

// Acknowledged in bulk (the runtime only needs to know the backlog to bound it), and at every stream's end.
const ACK_BYTES = 4 * 1024 * 1024;
let unacked = 0;
function read(bytes: number): void {
  unacked += bytes;
  if (unacked >= ACK_BYTES) ack();
}
function ack(): void {
  if (unacked === 0) return;
  send({ t: 'read', bytes: unacked });
  unacked = 0;
}

/** Streams whose meter threw: their later chunks are dropped, their end reports the failure. */
const broken = new Set<string>();

// One message at a time, each to its end: a repo meter's hooks may be async,
// and its calls for a stream must not interleave.
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: ToMeter) => {
  queue = queue.then(() => handle(m));
});

async function handle(m: ToMeter): Promise<void> {
  const h = hooks.get(m.key);
  try {
    if (!h) throw new Error(`no meter ${m.key} is loaded`);
    if (m.t === 'request') {
      await h.onMeterRequest?.(m.stream, m.req);
    } else if (m.t === 'start') {
      send({ t: 'started', id: m.id, start: checkStart(await h.onMeterRequest?.(m.stream, m.req)) });
    } else if (m.t === 'drop') {
      broken.delete(m.stream);
      await h.onMeterEnd?.(m.stream, { interrupted: true });
    } else if (m.t === 'chunk') {
      read(m.data.byteLength);
      if (broken.has(m.stream)) return;
      const usage = checkUsage(await h.onMeterChunk?.(m.stream, { status: m.status, headers: m.headers, data: new Uint8Array(m.data), overlap: 0, position: m.position, final: false, route: '', session: '' }), 'onMeterChunk');
      if (usage) send({ t: 'usage', stream: m.stream, usage });
    } else {
      ack();
      if (broken.delete(m.stream)) {
        // Drop what state the meter kept; the usage it would give cannot be trusted.
        await Promise.resolve(h.onMeterEnd?.(m.stream, { interrupted: true })).catch(() => undefined);
        throw new Error('the meter failed earlier in this stream');
      }
      send({ t: 'ended', id: m.id, usage: checkUsage(await h.onMeterEnd?.(m.stream, { interrupted: m.interrupted }), 'onMeterEnd') });
    }
  } catch (err) {
    if (m.t === 'drop') return; // its state is gone either way
    if (m.t !== 'end' && m.t !== 'start') broken.add(m.stream);
    const error = (err as Error)?.message ?? String(err);
    send({ t: 'failed', ...(m.t === 'end' || m.t === 'start' ? { id: m.id } : {}), stream: m.stream, hook: m.t === 'start' ? 'request' : m.t, error });
  }
}
