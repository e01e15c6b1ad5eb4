// Child processes of a benchmark: started with a readiness pattern, their
// output drained (a full pipe would stall them), and always ended: SIGTERM
// then SIGKILL on a normal stop, SIGKILL from the exit hook on any failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

export interface Child {
  readonly label: string;
  readonly process: ChildProcess;
  readonly pid: number;
  /** The last few KiB of stdout + stderr, for error messages. */
  tail(): string;
}

const live = new Set<ChildProcess>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping children\n`);
      process.exit(130); // the exit hook kills what is still running
    });
  }
}

/**
 * Spawns `node ...args` and resolves once its stdout or stderr matches
 * `ready`, with the match. Rejects if it exits or stays silent first.
 */
export function startChild(label: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = process.env, timeoutMs = 20_000): Promise<{ child: Child; match: RegExpExecArray }> {
  hookExit();
  // BENCH_NODE_ARGS: node flags for the children, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them.
  const flags = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const proc = spawn(process.execPath, [...flags, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  let buffer = '';
  const keep = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString('utf8')).slice(-8192);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  // BENCH_CHILD_LOG=DIR: each child's whole output also goes to DIR/<label>-<pid>.log (e.g. with BENCH_NODE_ARGS=--trace-gc-nvp).
  if (process.env.BENCH_CHILD_LOG) {
    const log = createWriteStream(join(process.env.BENCH_CHILD_LOG, `${label.replace(/\W+/g, '-')}-${proc.pid}.log`));
    proc.stdout!.pipe(log);
    proc.stderr!.pipe(log);
  }
  const child: Child = { label, process: proc, pid: proc.pid ?? -1, tail: () => buffer };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      proc.stderr!.off('data', check);
      reject(new Error(`${label}: ${why}\n${buffer}`));
    };
    const check = () => {
      const m = ready.exec(buffer);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      proc.stderr!.off('data', check);
      proc.off('exit', onExit);
      resolve({ child, match: m });
    };
    const onExit = (code: number | null, signal: string | null) => fail(`exited (${code ?? signal}) before it was ready`);
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    proc.stdout!.on('data', check);
    proc.stderr!.on('data', check);
    proc.once('exit', onExit);
    proc.once('error', (err) => fail(err.message));
  });
}

/** Runs `node ...args` to completion and resolves with its stdout; rejects on a non-zero exit. */
export function runChild(label: string, args: string[]): Promise<string> {
  hookExit();
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(proc);
  let out = '';
  let err = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  proc.stderr!.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-4096)));
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code, signal) => {
      live.delete(proc);
      if (code === 0) resolve(out);
      else reject(new Error(`${label} exited ${code ?? signal}: ${err}`));
    });
  });
}

/** SIGTERM (so a --cpu-prof profile is written), SIGKILL after `graceMs`. */
export async function stopChild(child: Child, graceMs = 15_000): Promise<void> {
  const proc = child.process;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
