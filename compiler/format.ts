// Diagnostic printers for people (text) and CI (json, github, sarif).
import type { Diagnostic } from './diagnostics.ts';
import { RULES } from './rule-ids.ts';
import { COMPILER_VERSION } from './version.ts';

export const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function formatDiagnostics(diags: readonly Diagnostic[], format: Format): string {
  switch (format) {
    case 'text':
      return diags.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} ${d.ruleId}`).join('\n');
    case 'json':
      return JSON.stringify(diags.map(({ file, line, column, severity, ruleId, message }) => ({ file, line, column, severity, ruleId, message })));
    case 'github':
      return diags
        .map((d) => `::${d.severity} file=${ghProp(d.file)},line=${d.line},col=${d.column},title=${ghProp(d.ruleId)}::${ghData(d.message)}`)
        .join('\n');
    case 'sarif':
      return JSON.stringify(sarif(diags));
  }
}

export function summary(diags: readonly Diagnostic[], files: number): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.length - errors;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// GitHub workflow commands: data escapes %, CR, LF; properties also : and ,
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProp(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function sarif(diags: readonly Diagnostic[]): object {
  const ruleIds = [...new Set(diags.map((d) => d.ruleId))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cork',
            version: COMPILER_VERSION.replace(/^cork /, ''),
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: RULES[id] } })),
          },
        },
        results: diags.map((d) => ({
          ruleId: d.ruleId,
          level: d.severity,
          message: { text: d.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: d.file }, region: { startLine: d.line, startColumn: d.column } } }],
        })),
      },
    ],
  };
}
