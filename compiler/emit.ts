// Stage 6: the bundle. Everything in it is derived from sorted inputs so the
// same sources give the same bytes on any machine and in any file order.
import { sealBundle } from '../policy/bundle-digest.ts';
import { BUNDLE_FORMAT, type Bundle, type ResolvedAgent, type ResolvedBottle } from '../policy/types.ts';
import type { BundledPlugin } from '../policy/plugins.ts';
import type { PolicyModel } from './model.ts';
import { COMPILER_VERSION } from './version.ts';

export function emitBundle(model: PolicyModel, plugins: Record<string, BundledPlugin>, revision: string | undefined): Bundle {
  const bottles: Record<string, ResolvedBottle> = {};
  for (const name of [...model.bottles.keys()].sort()) {
    const resolved = model.bottles.get(name)!.resolved;
    if (resolved) bottles[name] = resolved;
  }
  const agents: Record<string, ResolvedAgent> = {};
  for (const name of [...model.agents.keys()].sort()) {
    const resolved = model.agents.get(name)!.resolved;
    if (resolved) agents[name] = resolved;
  }
  const sources = model.files.map((f) => ({ path: f.path, sha256: f.sha256 })).sort((a, b) => (a.path < b.path ? -1 : 1));
  return sealBundle({
    format: BUNDLE_FORMAT,
    compiler: COMPILER_VERSION,
    ...(revision ? { revision } : {}),
    sources,
    bottles,
    agents,
    plugins,
  });
}
