/**
 * Problems found in content or references. Every problem is for a person: what is wrong,
 * where (file:line:column), why, and how to fix it (the hint).
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line; 1 when the whole file is at fault. */
  line: number;
  /** 1-based column. */
  column: number;
  severity: Severity;
  /** Stable rule id, e.g. `citation/unknown-key`. Documented in docs/validator-rules.md. */
  rule: string;
  message: string;
  /** How to fix it, e.g. "did you mean @toseland2017?" */
  hint?: string;
}

export interface Position {
  line: number;
  column: number;
}

export function problem(
  file: string,
  at: Position | undefined,
  severity: Severity,
  rule: string,
  message: string,
  hint?: string,
): Problem {
  return {
    file,
    line: at?.line ?? 1,
    column: at?.column ?? 1,
    severity,
    rule,
    message,
    ...(hint ? { hint } : {}),
  };
}

export function compareProblems(a: Problem, b: Problem): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}
