// Problems in user input are collected as diagnostics, never thrown: one run
// reports every problem, sorted by file, line, column.
import type { RuleId } from './rule-ids.ts';

export type Severity = 'error' | 'warning';

export interface Position {
  /** 1-based */
  line: number;
  /** 1-based, in UTF-16 code units like every editor's column */
  column: number;
}

export interface Diagnostic extends Position {
  /** Path relative to the policy root, with forward slashes. */
  file: string;
  severity: Severity;
  ruleId: RuleId;
  message: string;
}

export class Diagnostics {
  readonly #items: Diagnostic[] = [];

  add(file: string, at: Position, severity: Severity, ruleId: RuleId, message: string): void {
    // One diagnostic is one line in every output format, whatever a key or file name contains.
    this.#items.push({ file: oneLine(file), line: at.line, column: at.column, severity, ruleId, message: oneLine(message) });
  }

  error(file: string, at: Position, ruleId: RuleId, message: string): void {
    this.add(file, at, 'error', ruleId, message);
  }

  warning(file: string, at: Position, ruleId: RuleId, message: string): void {
    this.add(file, at, 'warning', ruleId, message);
  }

  get hasErrors(): boolean {
    return this.#items.some((d) => d.severity === 'error');
  }

  /** Sorted by file, line, column, then rule id and message so output is stable. */
  sorted(): Diagnostic[] {
    return [...this.#items].sort(compareDiagnostics);
  }
}

function oneLine(text: string): string {
  return /[\r\n\u2028\u2029]/.test(text) ? text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : text;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const START: Position = { line: 1, column: 1 };
