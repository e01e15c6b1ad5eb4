// Route regexes run on every request the proxy sees, on text the agent
// controls: one that can backtrack catastrophically is a denial of service.
// Proven-safe or rejected; when the detector cannot decide, fail closed.
import { locate } from '../source.ts';
import { hasNestedQuantifier, redosVerdict, regexCompileError, regexSites, type RedosVerdict } from './regex-analysis.ts';
import { dataPathText, type LintRule } from './rule.ts';

export const rule: LintRule = {
  id: 'regex-redos',
  run(model, diags) {
    for (const { file, spec } of model.bottles.values()) {
      for (const site of regexSites(spec)) {
        if (regexCompileError(site.value) !== null) continue; // regex-invalid reports it
        const verdict = redosVerdict(site.value);
        if (verdict.safe) continue;
        diags.error(file.path, locate(file, site.path), 'regex-redos', `${dataPathText(site.path)}: ${explain(site.value, verdict)}`);
      }
    }
  },
};

function explain(pattern: string, verdict: Exclude<RedosVerdict, { safe: true }>): string {
  const shown = `regex ${JSON.stringify(pattern)}`;
  switch (verdict.kind) {
    case 'exponential':
      return `${shown} can backtrack catastrophically (exponential); rewrite it without nested quantifiers`;
    case 'polynomial':
      return verdict.anchorable
        ? `${shown} can backtrack catastrophically (polynomial): unanchored, it is retried at every offset of the input; anchor it with ^`
        : `${shown} can backtrack catastrophically (polynomial); rewrite it so no two repeated parts can match the same text (e.g. [^/]* instead of .*)`;
    case 'gave-up': {
      const why = verdict.detail ? `the analysis cannot read it: ${verdict.detail}` : 'the analysis gave up';
      const advice = hasNestedQuantifier(pattern)
        ? 'it repeats a group that itself repeats or alternates: rewrite it without nested quantifiers'
        : 'simplify it (fewer alternatives and optional parts, character classes instead of alternations)';
      return `${shown} cannot be proven free of catastrophic backtracking (${why}), so it is treated as unsafe; ${advice}`;
    }
  }
}
