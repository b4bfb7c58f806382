/**
 * Every validator rule, in one list: `check` resolves severities through it, the JSON output
 * and docs/validator-rules.md are checked against it (tests/unit/rules/registry.test.ts).
 */
import { CITATION_RULES } from './citations.ts';
import { CONFIG_RULES } from './config.ts';
import type { RuleDefinition } from './define.ts';
import { ENTRY_RULES } from './entries.ts';
import { FILE_RULES } from './files.ts';
import { ENTRY_FILE_RULES } from './frontmatter.ts';
import { LINK_RULES } from './links.ts';
import { CLAIM_RULES, MARKDOWN_RULES } from './markdown.ts';
import { PRIVACY_RULES } from './privacy.ts';
import { REFERENCE_RULES } from './references.ts';
import { REVIEW_RULES } from './reviews.ts';

export const RULES: readonly RuleDefinition[] = [
  FILE_RULES,
  ENTRY_FILE_RULES,
  ENTRY_RULES,
  CLAIM_RULES,
  CITATION_RULES,
  LINK_RULES,
  MARKDOWN_RULES,
  REFERENCE_RULES,
  PRIVACY_RULES,
  REVIEW_RULES,
  CONFIG_RULES,
].flatMap((group) => Object.values(group));

export const RULES_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(RULES.map((r) => [r.id, r]));

export type { RuleDefinition };
