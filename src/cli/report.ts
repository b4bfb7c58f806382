import pc from 'picocolors';
import type { Problem } from '../core/problems.ts';

/** `file:line:col  error|warning  rule-id  message`, then the hint on its own line. */
export function formatProblems(problems: Problem[]): string {
  return problems
    .map((p) => {
      const where = `${p.file}:${p.line}:${p.column}`;
      const sev = p.severity === 'error' ? pc.red('error') : pc.yellow('warning');
      const head = `${pc.bold(where)}  ${sev}  ${pc.dim(p.rule)}  ${p.message}`;
      return p.hint ? `${head}\n    ${pc.cyan('hint:')} ${p.hint}` : head;
    })
    .join('\n');
}

export function summary(problems: Problem[], entries: number, references: number, ms: number): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const line = `${counts} in ${entries} entries and ${references} references (${(ms / 1000).toFixed(2)} s)`;
  return errors > 0 ? pc.red(`✖ ${line}`) : warnings > 0 ? pc.yellow(`⚠ ${line}`) : pc.green(`✔ ${line}`);
}
