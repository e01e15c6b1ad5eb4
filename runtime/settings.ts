// The host's settings.yml: global budgets, the default cutoff policy and the
// estimate floor. It lives on the host, not in the policy repo, and is read
// once at `cork runtime start`. Any problem stops the start with every problem
// listed as `file:line:col: message`, one per line: a runtime that guessed
// at a broken budget file would enforce something the operator never wrote.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { LineIndex } from '../compiler/line-index.ts';
import { locate, type PolicyFile } from '../compiler/source.ts';
import { settingsProblems } from '../compiler/validate.ts';
import type { Position } from '../compiler/diagnostics.ts';

/** YAML bombs: the cap compiler/parse.ts puts on policy files (not imported: that module loads the Markdown parser). */
const MAX_ALIAS_COUNT = 100;

export interface HostSettings {
  /** Per provider (template or family name): tokens for the session, or tokens per window. */
  budgets?: Record<string, number | { tokens: number; window?: string }>;
  cutoff?: 'cutoff' | 'freeze' | 'kill';
  estimate_floor_tokens?: number;
}

export const SETTINGS_ERRORS = {
  CORK_SETTINGS_MISSING: 'a settings file named explicitly does not exist',
  CORK_SETTINGS_UNREADABLE: 'the settings file exists but cannot be read (permissions, a directory…)',
  CORK_SETTINGS_SYNTAX: 'the settings file is not well-formed YAML',
  CORK_SETTINGS_INVALID: 'the settings do not match schemas/settings.schema.json',
} as const;

export type SettingsErrorCode = keyof typeof SETTINGS_ERRORS;

export interface SettingsProblem extends Position {
  message: string;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(
    readonly code: SettingsErrorCode,
    message: string,
    /** Positioned problems (syntax, schema); empty for missing or unreadable files. */
    readonly problems: readonly SettingsProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * Reads and validates settings.yml. `required: false` (the default path, not
 * named by the operator): a missing file means no settings. A file named
 * explicitly must exist.
 */
export function loadSettings(path: string, opts: { required: boolean }): HostSettings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !opts.required) return {};
    if (code === 'ENOENT') throw new SettingsError('CORK_SETTINGS_MISSING', `${path}: no such settings file`);
    throw new SettingsError('CORK_SETTINGS_UNREADABLE', `${path}: cannot read the settings file (${code ?? (err as Error).message})`);
  }
  return parseSettings(path, text);
}

/** The text of a settings file, `path` naming it in messages. */
export function parseSettings(path: string, text: string): HostSettings {
  const lines = new LineIndex(text);
  // Same parser options as policy frontmatter (compiler/parse.ts): duplicate keys are errors, warnings are not printed.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({ ...lines.at(e.pos[0]), message: yamlMessage(text, e.pos[0], e.code, e.message) }));
    throw fail('CORK_SETTINGS_SYNTAX', path, problems);
  }
  // An empty file, or one holding only comments: no settings.
  if (doc.contents === null) return {};
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw fail('CORK_SETTINGS_SYNTAX', path, [{ line: 1, column: 1, message: `cannot read the YAML: ${(err as Error).message}` }]);
  }
  const schemaProblems = settingsProblems(data);
  if (schemaProblems.length > 0) {
    // locate() reads only the document, the line index and the YAML's offset (0: the whole file is YAML).
    const file = { doc, lines, yamlOffset: 0 } as Pick<PolicyFile, 'doc' | 'lines' | 'yamlOffset'> as PolicyFile;
    const problems = schemaProblems.map((p) => ({ ...locate(file, p.path, { key: p.key }), message: p.path.length === 0 ? `the settings ${p.message}` : p.message }));
    throw fail('CORK_SETTINGS_INVALID', path, problems);
  }
  return data as HostSettings;
}

function fail(code: SettingsErrorCode, path: string, problems: SettingsProblem[]): SettingsError {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  return new SettingsError(code, sorted.map((p) => `${path}:${p.line}:${p.column}: ${p.message}`).join('\n'), sorted);
}

function yamlMessage(text: string, offset: number, code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') {
    // The yaml package marks only the key's first character.
    const key = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]+?)\s*:/.exec(text.slice(offset))?.[1]?.replace(/^["']|["']$/g, '');
    return `duplicate key${key ? ` ${JSON.stringify(key)}` : ''}: each key may appear once in a mapping`;
  }
  // The yaml package's messages end in a position and a source excerpt; the position is printed in front instead.
  return `YAML syntax error: ${message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
}
