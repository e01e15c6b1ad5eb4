// Parts of a bottle's egress that can never decide a request: a route that a
// later route for the same host replaces, match entries that match nothing,
// and paths no request can have. Each is a sign the author expected access
// the policy does not give.
import { canonicalJson } from '../../policy/canonical.ts';
import { locate } from '../source.ts';
import { dataPathText, type LintRule } from './rule.ts';

export const rule: LintRule = {
  id: 'unreachable-route',
  run(model, diags) {
    for (const { file, spec } of model.bottles.values()) {
      const routes = spec.egress?.routes ?? [];
      const report = (path: Array<string | number>, problem: string, severity: 'error' | 'warning' = 'error') =>
        diags.add(file.path, locate(file, path), severity, 'unreachable-route', `${dataPathText(path)}: ${problem}`);

      const lastForHost = new Map<string, number>();
      routes.forEach((r, i) => lastForHost.set(r.host.toLowerCase(), i));
      routes.forEach((route, i) => {
        const base = ['egress', 'routes', i];
        const later = lastForHost.get(route.host.toLowerCase())!;
        if (later !== i) {
          const line = locate(file, ['egress', 'routes', later]).line;
          report([...base, 'host'], `this route for ${route.host} is replaced by the later route for the same host (egress.routes[${later}], line ${line}); one route per host: merge their matches`);
        }
        const matches = route.matches;
        if (!matches) return;
        if (matches.length === 0) {
          report([...base, 'matches'], `an empty matches list lets no request through to ${route.host}; remove matches to allow every request, or list what to allow`);
          return;
        }
        const seen = new Map<string, number>();
        matches.forEach((m, j) => {
          const at = [...base, 'matches', j];
          if (m.paths?.length === 0) report([...at, 'paths'], 'an empty paths list matches no request; remove paths to match every path');
          if (m.methods?.length === 0) report([...at, 'methods'], 'an empty methods list matches no request; remove methods to match every method');
          m.paths?.forEach((p, k) => {
            if ((p.type === 'exact' || p.type === 'prefix') && typeof p.value === 'string' && !p.value.startsWith('/')) {
              report([...at, 'paths', k, 'value'], `${p.type} path ${JSON.stringify(p.value)} never matches: request paths start with "/"`);
            }
          });
          const key = canonicalJson(m);
          const first = seen.get(key);
          if (first === undefined) seen.set(key, j);
          else report(at, `repeats matches[${first}]; remove one`, 'warning');
        });
      });
    }
  },
};
