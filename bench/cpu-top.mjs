// Summarizes a --cpu-prof profile: the top functions by self time, and by
// inclusive time for frames under a path filter (default: cork's own code).
// Usage: node bench/cpu-top.mjs FILE.cpuprofile [N=25] [FILTER=/work/|cork.mjs]
import { readFileSync } from 'node:fs';

const [file, nArg, filterArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/cpu-top.mjs FILE.cpuprofile [N] [FILTER]\n');
  process.exit(2);
}
const N = Number(nArg ?? 25);
const filter = new RegExp(filterArg ?? 'cork\\.mjs|/runtime/|/bench/');
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample i lasted timeDeltas[i + 1] (the delta is recorded at the next sample).
const selfUs = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i + 1] ?? 0;
  selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + dt);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const name = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map();
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const key = name(byId.get(id));
  self.set(key, (self.get(key) ?? 0) + us);
  // Each key once per stack, so recursion does not count twice.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const idle = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${pct(total - idle)} busy\n\ntop self time:`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log(`${pct(us)}  ${k}`);
console.log(`\ntop inclusive time matching ${filter}:`);
for (const [k, us] of [...inclusive].filter(([k]) => filter.test(k)).sort((a, b) => b[1] - a[1]).slice(0, N)) console.log(`${pct(us)}  ${k}`);

// Optional: CALLERS=name prints the stacks that lead to a function, by self time.
if (process.env.CALLERS) {
  const stacks = new Map();
  for (const [id, us] of selfUs) {
    if (!name(byId.get(id)).startsWith(process.env.CALLERS)) continue;
    const chain = [];
    for (let cur = parent.get(id); cur !== undefined && chain.length < Number(process.env.DEPTH ?? 8); cur = parent.get(cur)) chain.push(name(byId.get(cur)));
    const key = chain.join(' < ');
    stacks.set(key, (stacks.get(key) ?? 0) + us);
  }
  console.log(`\ncallers of ${process.env.CALLERS}:`);
  for (const [k, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log(`${pct(us)}  ${k}`);
}
