// A regex the proxy cannot compile would fail the bundle at runtime start;
// report it here with the engine's own reason.
import { locate } from '../source.ts';
import { regexCompileError, regexSites } from './regex-analysis.ts';
import { dataPathText, type LintRule } from './rule.ts';

export const rule: LintRule = {
  id: 'regex-invalid',
  run(model, diags) {
    for (const { file, spec } of model.bottles.values()) {
      for (const site of regexSites(spec)) {
        const reason = regexCompileError(site.value);
        if (reason === null) continue;
        diags.error(file.path, locate(file, site.path), 'regex-invalid', `${dataPathText(site.path)}: regex ${JSON.stringify(site.value)} does not compile: ${reason}`);
      }
    }
  },
};
