// V8's old-generation growing factor for a running runtime.
//
// cork's old generation is small (~14 MB live), and V8 sizes the next
// major GC's limit from it: by default to about live × 1.1–1.3, or live +
// 8 MB. Under load the young generation grows to its 16 MB cap, and V8
// starts incremental marking whenever the old generation has less room
// left than the young generation's size (a scavenge could promote that
// much). With that little headroom, marking restarted after every major
// GC: bench:proxy measured 81 major GCs in a metered run where the
// unmetered one had 1, and metering's CPU per stream doubled.
// A fixed factor of 3 leaves the old generation room for a young one.
//
// `--heap-growing-percent` is read each time V8 sizes a limit, so setting
// it once the process runs takes effect (measured: 3 major GCs instead of
// ~70 in the same bench part). The young generation's own cap
// (`--max-semi-space-size`) is read only when the heap is set up, so it
// cannot be set from here (NODE_OPTIONS can carry it; see the README). An
// operator's own `--heap-growing-percent` on node's command line (NODE_OPTIONS
// refuses it) stands.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 200;

/** The flag set, or null when the operator set the factor on node's command line. */
export function tuneHeap(execArgv: readonly string[] = process.execArgv): string | null {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return null;
  const flag = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  setFlagsFromString(flag);
  return flag;
}
