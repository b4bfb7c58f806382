/** Rules about an entry file's frontmatter and kind (reported by `src/core/entries/read.ts`). */
import { defineRules } from './define.ts';

export const ENTRY_FILE_RULES = defineRules('Entries and frontmatter', {
  'entry/empty': { severity: 'error', description: 'An empty (or whitespace-only) entry file.' },
  'frontmatter/missing': { severity: 'error', description: 'An entry that does not start with `---` frontmatter.' },
  'frontmatter/invalid-yaml': { severity: 'error', description: 'Frontmatter that is not valid YAML, or never closed.' },
  'entry/unknown-kind': { severity: 'error', description: 'A missing `kind`, or one that is not an entry kind.' },
  'frontmatter/unknown-field': { severity: 'error', description: "A field the entry's kind does not have (often a typo)." },
  'frontmatter/invalid-field': { severity: 'error', description: 'A required field missing, or a value of the wrong type or form (including a value outside its vocabulary).' },
});
