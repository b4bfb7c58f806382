/**
 * How a rule reports: `report(rule, file, at, message, hint)`. The severity is the rule's
 * default unless the knowledge base's configuration changes it (`rules:` in
 * groundwork.config.yaml), or the caller says otherwise for this one problem.
 */
import { problem, type Position, type Problem, type Severity } from '../core/problems.ts';
import type { RuleDefinition } from './define.ts';

export type Report = (rule: RuleDefinition, file: string, at: Position | undefined, message: string, hint?: string, severity?: Severity) => void;

export function reporter(problems: Problem[]): Report {
  return (rule, file, at, message, hint, severity) => problems.push(problem(file, at, severity ?? rule.severity, rule.id, message, hint));
}
