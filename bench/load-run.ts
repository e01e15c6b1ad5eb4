// What the proxy benchmarks share: one autocannon run (load.mjs, its own
// process) against a proxy with the proxy's CPU time over the same window,
// a raw probe request in absolute form, and the statistics and formatting of
// the tables.
import { request } from 'node:http';
import { join } from 'node:path';
import { runChild, type Child } from './children.ts';
import { cpuMsOf } from './proc-stats.ts';

export interface Run {
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** The proxy process's CPU time per answered request, µs. */
  cpuUs: number;
}

/** load.mjs's spec: the target in absolute form, and the body as bytes or a file. */
export interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  bodyBytes?: number;
  bodyFile?: string;
}

export async function loadRun(label: string, proxy: Child, spec: LoadSpec): Promise<Run> {
  const cpu0 = cpuMsOf(proxy.pid);
  const out = await runChild(`load ${label}`, [join(import.meta.dirname, 'load.mjs'), JSON.stringify(spec)]);
  const cpu1 = cpuMsOf(proxy.pid);
  const r = JSON.parse(out) as Omit<Run, 'cpuUs'>;
  // The generator's startup is inside the CPU window but the proxy is idle then.
  return { ...r, cpuUs: r.ok ? ((cpu1 - cpu0) * 1000) / r.ok : NaN };
}

/** One request through a proxy on 127.0.0.1 in absolute form (`target` is the full URL). */
export function probe(port: number, method: string, target: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: target, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A run with no error, timeout or non-2xx answer: only those count in the medians. */
export const clean = (r: Run): boolean => r.non2xx === 0 && r.errors === 0 && r.timeouts === 0;

export const ms = (x: number): string => (Number.isNaN(x) ? 'n/a' : x < 10 ? x.toFixed(2) : x.toFixed(1));
export const ratio = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
