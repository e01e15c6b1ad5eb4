// What Linux's /proc says about a benchmarked process: resident memory (now
// and peak), CPU time consumed, and the open-files limit. Elsewhere these
// read as unavailable and the report says so.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the bench runs on

export interface Memory {
  rssKb: number;
  hwmKb: number;
}

export function memoryOf(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Resets VmHWM to the current RSS (clear_refs 5), so a later peak covers only what follows. */
export function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** User + system CPU time the process has used so far, in ms. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** A thread's CPU time in ms: `se.sum_exec_runtime` (ns precision) where the kernel has it, else utime + stime (10 ms ticks). */
function threadMs(pid: number, tid: string): number {
  try {
    const m = /^se\.sum_exec_runtime\s*:\s*([\d.]+)/m.exec(readFileSync(`/proc/${pid}/task/${tid}/sched`, 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // No sched file (an older or differently built kernel): the tick counts below.
  }
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU time (ms) of the process's main thread (its thread id is its pid) and of all its other threads together. */
export function threadCpuMsOf(pid: number): { main: number; others: number } {
  let main = 0;
  let others = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const ms = threadMs(pid, tid);
      if (tid === String(pid)) main = ms;
      else others += ms;
    }
  } catch {
    return { main: NaN, others: NaN };
  }
  // A thread that exited between the two reads takes its time with it: others may only be compared over a span with no exits.
  return { main, others };
}

function openFilesLimit(): { soft: number; hard: number } | undefined {
  try {
    const m = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (!m) return undefined;
    const n = (s: string) => (s === 'unlimited' ? Infinity : Number(s));
    return { soft: n(m[1]!), hard: n(m[2]!) };
  } catch {
    return undefined;
  }
}

/**
 * Makes room for `needed` open files in this process and the children it
 * spawns later (they inherit the limit): raises the soft limit with prlimit
 * when it is too low. Returns how many files may be open, and how that came about.
 */
export function ensureOpenFiles(needed: number): { limit: number; note: string } {
  const lim = openFilesLimit();
  if (!lim) return { limit: needed, note: 'open-files limit unknown (no /proc/self/limits)' };
  if (lim.soft >= needed) return { limit: lim.soft, note: `open-files limit ${lim.soft}` };
  const target = Math.min(lim.hard, Math.max(needed, 4096));
  const r = spawnSync('prlimit', [`--pid=${process.pid}`, `--nofile=${target}:${lim.hard === Infinity ? 'unlimited' : lim.hard}`], { encoding: 'utf8' });
  const after = openFilesLimit();
  if (r.status === 0 && after && after.soft >= needed) return { limit: after.soft, note: `open-files limit raised from ${lim.soft} to ${after.soft} with prlimit` };
  const soft = after?.soft ?? lim.soft;
  return { limit: soft, note: `open-files limit ${soft} (hard ${lim.hard}) is below the ${needed} needed and could not be raised${r.error ? `: ${r.error.message}` : ''}` };
}
