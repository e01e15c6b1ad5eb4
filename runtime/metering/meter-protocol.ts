// Messages between the runtime and its meter thread (meter-worker.ts).
// Calls for one stream travel one port, so the thread sees them in order.
import type { MeterStart, RequestView, UsageRecord } from '../../plugins/sdk.ts';
import type { InstanceSpec } from '../plugins/protocol.ts';

export interface MeterWorkerData {
  instances: InstanceSpec[];
}

export type ToMeter =
  /** The stream's start: the thread's meter sets up its state (the estimate was taken on the main thread). */
  | { t: 'request'; key: string; stream: string; req: RequestView }
  /** A repo meter's stream start (it never runs on the main thread): answered with `started` and the estimate. */
  | { t: 'start'; id: number; key: string; stream: string; req: RequestView }
  /** The stream goes no further (refused, or not metered): the meter drops its state. */
  | { t: 'drop'; key: string; stream: string }
  /** Bytes of the response, batched; no answer unless the running usage changed. */
  | { t: 'chunk'; key: string; stream: string; status: number; headers: Array<[string, string]>; position: number; data: ArrayBuffer }
  | { t: 'end'; id: number; key: string; stream: string; interrupted: boolean };

export type FromMeter =
  | { t: 'ready' }
  | { t: 'load-failed'; error: string }
  | { t: 'usage'; stream: string; usage: UsageRecord }
  /** Bytes of chunk messages the thread has read: the runtime bounds what waits for it. */
  | { t: 'read'; bytes: number }
  | { t: 'started'; id: number; start: MeterStart | null }
  | { t: 'ended'; id: number; usage: UsageRecord | null }
  /** A hook threw: the call (or the stream's chunks) failed; the runtime charges the reservation. */
  | { t: 'failed'; id?: number; stream: string; hook: string; error: string };
