// A route's `auth` injects a credential: it needs the header scheme and the
// environment variable holding the secret, or it cannot be applied.
import type { RouteAuth } from '../../policy/types.ts';
import { locate } from '../source.ts';
import { dataPathText, type LintRule } from './rule.ts';

export const rule: LintRule = {
  id: 'auth-pair',
  run(model, diags) {
    for (const { file, spec } of model.bottles.values()) {
      spec.egress?.routes?.forEach((route, i) => {
        const auth = route.auth as Partial<RouteAuth> | null | undefined;
        if (!auth || typeof auth !== 'object') return;
        const path = ['egress', 'routes', i, 'auth'];
        const scheme = filled(auth.scheme);
        const ref = filled(auth.token_ref);
        let problem: string | undefined;
        if (scheme && !ref) problem = `token_ref is required when scheme is set: name the environment variable that holds the credential for ${route.host}`;
        else if (!scheme && ref) problem = 'scheme is required when token_ref is set (Bearer or token)';
        else if (!scheme && !ref) problem = 'auth needs both scheme and token_ref; remove auth from a route that injects no credential';
        if (problem) diags.error(file.path, locate(file, path), 'auth-pair', `${dataPathText(path)}: ${problem}`);
      });
    }
  },
};

function filled(v: unknown): boolean {
  return typeof v === 'string' && v.trim() !== '';
}
