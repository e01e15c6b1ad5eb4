// V8's old-generation growing factor for a running runtime.
//
// cork's old generation is small (~14 MB live), and V8 sizes the next
// major GC's limit from it: by default to about live × 1.1–1.3, or live +
// 8 MB. Two things eat into that room besides old objects:
// - the young generation: V8 starts incremental marking whenever the old
//   generation has less room left than the young one's size (a scavenge
//   could promote that much), and under load the young one grows to 16 MB;
// - the bytes proxied: every socket read is an ArrayBuffer outside the JS
//   heap, and V8 weighs those against the same limit until a GC frees
//   them. Observed in bench:proxy's one-stream part (313 KiB a stream):
//   marking started with 13 MB of a 48 MB limit used, while 30–37 MB of
//   read buffers waited for a GC.
// With V8's own factor, marking restarted after every major GC (bench:proxy:
// 81 major GCs in a metered run where the unmetered one had 1). With a
// factor of 3 (limit ~48 MB), the proxied bytes alone still started it every
// 150–300 ms: 15–28 major GCs in 4.5 s of one stream at a time, each
// followed by recompiling the code that per-stream closures had held. A
// factor of 5 leaves room for both: none in the same 4.5 s. The cost is
// memory only where the live heap is large, and the limit stays under
// --max-old-space-size.
//
// `--heap-growing-percent` is read each time V8 sizes a limit, so setting
// it once the process runs takes effect (measured: 3 major GCs instead of
// ~70 in the same bench part). The young generation's own cap
// (`--max-semi-space-size`) is read only when the heap is set up, so it
// cannot be set from here (NODE_OPTIONS can carry it; with this factor, a
// 2 MB cap no longer lowered cork's CPU per stream in bench:proxy). An
// operator's own `--heap-growing-percent` on node's command line (NODE_OPTIONS
// refuses it) stands.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 400;

/** The flag set, or null when the operator set the factor on node's command line. */
export function tuneHeap(execArgv: readonly string[] = process.execArgv): string | null {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return null;
  const flag = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  setFlagsFromString(flag);
  return flag;
}
