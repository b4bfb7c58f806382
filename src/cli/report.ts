/**
 * The problem report `check`, `build` and the dev server print:
 * `file:line:col  error|warning  rule-id  message`, then the hint on its own line. Paths are
 * shown relative to where the command was run, as the person typed them.
 */
import { relative, resolve, sep } from 'node:path';
import pc from 'picocolors';
import type { Problem } from '../core/problems.ts';

export interface ReportOptions {
  /** Colour (default: when the terminal supports it). */
  color?: boolean;
  /** Show paths relative to this folder (default: as stored, relative to the knowledge base). */
  root?: string;
  /** The knowledge base folder the problems' paths are relative to. */
  base?: string;
}

/** The environment variable `groundwork build` sets to the folder it was run from (the build itself runs from Groundwork's). */
export const CWD_ENV = 'GROUNDWORK_CWD';

/** Where paths in a report are shown from: where the `groundwork` command was run, else this process's working folder. */
export function shownFrom(): string {
  return process.env[CWD_ENV] ?? process.cwd();
}

export function displayPath(file: string, options: ReportOptions = {}): string {
  if (!options.root || !options.base) return file;
  return relative(options.root, resolve(options.base, file)).split(sep).join('/') || file;
}

export function formatProblems(problems: Problem[], options: ReportOptions = {}): string {
  const c = pc.createColors(options.color ?? pc.isColorSupported);
  return problems
    .map((p) => {
      const where = `${displayPath(p.file, options)}:${p.line}:${p.column}`;
      const sev = p.severity === 'error' ? c.red('error') : c.yellow('warning');
      const head = `${c.bold(where)}  ${sev}  ${c.dim(p.rule)}  ${p.message}`;
      return p.hint ? `${head}\n    ${c.cyan('hint:')} ${p.hint}` : head;
    })
    .join('\n');
}

export function summary(problems: Problem[], entries: number, references: number, ms: number, options: { color?: boolean } = {}): string {
  const c = pc.createColors(options.color ?? pc.isColorSupported);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const line = `${counts} in ${entries} entries and ${references} references (${(ms / 1000).toFixed(2)} s)`;
  return errors > 0 ? c.red(`✖ ${line}`) : warnings > 0 ? c.yellow(`⚠ ${line}`) : c.green(`✔ ${line}`);
}
