/** Rules about ids across the knowledge base: duplicates, aliases. */
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import { defineRules } from './define.ts';
import type { Report } from './report.ts';

export const ENTRY_RULES = defineRules('Entries and frontmatter', {
  'entry/duplicate-id': { severity: 'error', description: 'Two files with the same id (the path under `content/` without extension).' },
  'entry/duplicate-alias': { severity: 'error', description: 'An alias that is the id of an existing entry, or an alias on two entries.' },
});

/** Each `aliases:` value redirects an old id to its entry; an alias must be free and claimed once. */
export function checkAliases(kb: KnowledgeBase, report: Report): void {
  for (const e of kb.entries) {
    e.data.aliases.forEach((alias, i) => {
      const at = e.aliasAt[i];
      const existing = kb.byId.get(alias);
      if (existing) {
        report(ENTRY_RULES['entry/duplicate-alias'], e.file, at, `the alias \`${alias}\` is the id of an existing entry (${existing.file})`, 'an alias is an old id that no longer exists: remove it, or rename the other entry');
      } else if (kb.aliases.has(alias)) {
        report(ENTRY_RULES['entry/duplicate-alias'], e.file, at, `the alias \`${alias}\` is also an alias of \`${kb.aliases.get(alias)}\``, 'an old id can redirect to one entry only: remove one of the aliases');
      } else kb.aliases.set(alias, e.id);
    });
  }
}
