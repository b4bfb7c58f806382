/**
 * A validator rule: one definition per rule — its id, its default severity, one line saying
 * what it catches, and where it is documented. `check`'s text and JSON output,
 * docs/validator-rules.md (tested against these definitions) and a knowledge base's own
 * severity settings (`rules:` in groundwork.config.yaml) all use them.
 */
import GithubSlugger from 'github-slugger';
import type { Severity } from '../core/problems.ts';

export interface RuleDefinition {
  /** Stable id, `area/what-is-wrong`. */
  id: string;
  severity: Severity;
  /** What it catches, in one line (the "Catches" column of docs/validator-rules.md). */
  description: string;
  /** Heading of its section in docs/validator-rules.md. */
  area: string;
}

export function defineRules<const T extends Record<string, Omit<RuleDefinition, 'id' | 'area'>>>(area: string, rules: T): { [K in keyof T]: RuleDefinition } {
  const out = {} as { [K in keyof T]: RuleDefinition };
  for (const [id, def] of Object.entries(rules)) (out as Record<string, RuleDefinition>)[id] = { id, area, ...def };
  return out;
}

/** Where a rule is documented: its area's section of docs/validator-rules.md. */
export function docsLink(rule: RuleDefinition | undefined): string {
  return `docs/validator-rules.md${rule ? `#${new GithubSlugger().slug(rule.area)}` : ''}`;
}
