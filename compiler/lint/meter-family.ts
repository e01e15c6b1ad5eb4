// A built-in meter reads one provider API: `meter.openai` listed on a bottle
// whose provider route is Anthropic's (or the reverse) would count none of
// its requests as usage. The runtime passes it over and keeps the route's own
// meter, so nothing goes unmetered; this tells the author the line does
// nothing. Repo meters are not checked: their API is theirs to say.
import { meterFor } from '../../policy/plugins.ts';
import { providerApi } from '../../policy/providers.ts';
import { locate } from '../source.ts';
import type { LintRule } from './rule.ts';

const BUILTIN_METERS: ReadonlySet<string> = new Set([meterFor('anthropic'), meterFor('openai')]);

export const rule: LintRule = {
  id: 'meter-family',
  run(model, diags) {
    for (const { file, spec, resolved } of model.bottles.values()) {
      const api = providerApi(resolved?.agent_provider);
      if (!api) continue;
      spec.plugins?.forEach((p, i) => {
        if (!BUILTIN_METERS.has(p.use) || p.use === meterFor(api.api)) return;
        diags.warning(
          file.path,
          locate(file, ['plugins', i, 'use']),
          'meter-family',
          `plugins[${i}].use: ${p.use} does not read the ${api.api} API of this bottle's provider route (${resolved?.agent_provider?.template} → ${api.host}); the route is metered by ${meterFor(api.api)}`,
        );
      });
    }
  },
};
