// Which bottle a route in a session's effective policy comes from, for
// explanations and audit: the earliest bottle on the chain whose resolved
// route for that host is exactly the final one (where it was written, not
// where it was inherited).
import { isDeepStrictEqual } from 'node:util';
import type { Bundle, Route } from '../../policy/types.ts';

export function routeOrigins(bundle: Bundle, bottles: readonly string[], finalRoutes: readonly Route[]): Map<string, string> {
  const origins = new Map<string, string>();
  for (const route of finalRoutes) {
    const host = route.host.toLowerCase();
    for (const top of [...bottles].reverse()) {
      const b = bundle.bottles[top];
      if (!b) continue;
      const chain = [...b.lineage, top];
      const from = chain.find((name) => bundle.bottles[name]?.egress?.routes?.some((r) => r.host.toLowerCase() === host && isDeepStrictEqual(r, route)));
      if (from) {
        origins.set(host, from === top ? top : `${from} (via ${top})`);
        break;
      }
    }
  }
  return origins;
}
