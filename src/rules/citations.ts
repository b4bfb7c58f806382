/** Citation rules: syntax (reported by the Markdown plugin) and keys that resolve. */
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import { nearest } from '../core/did-you-mean.ts';
import { defineRules } from './define.ts';
import type { Report } from './report.ts';

export const CITATION_RULES = defineRules('Citations', {
  'citation/unknown-key': { severity: 'error', description: 'A citation key that no reference has (also in `source`, `superseded_by` and reading-list `ref`).' },
  'citation/empty': { severity: 'error', description: '`@` with no key, or an empty source in a bracketed citation.' },
  'citation/malformed': { severity: 'error', description: 'A part of a bracketed citation that names no source.' },
  'citation/unformattable': { severity: 'error', description: 'A citation the build cannot render in APA style (citeproc-js cannot format the reference in that form); reported by `build`, at the citation, since `check` does not format.' },
});

/** Why a key does not resolve, when the cause is case or punctuation (`@kim:2009` for `Kim:2009`). */
export function keyHint(key: string, keys: string[]): string | undefined {
  const folded = (k: string) => k.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const sameCase = keys.find((k) => k.toLowerCase() === key.toLowerCase());
  if (sameCase) return `keys are case-sensitive: the reference's key is \`@${sameCase}\``;
  const samePunct = keys.find((k) => folded(k) === folded(key));
  if (samePunct) return `the reference's key is \`@${samePunct}\`: the punctuation differs (keys must match character for character)`;
  const best = nearest(key, keys);
  return best === undefined ? undefined : `did you mean @${best}?`;
}

/** Every cited key must be a reference; record which entries cite each key. */
export function checkCitations(kb: KnowledgeBase, report: Report): void {
  const keys = [...kb.references.keys()];
  for (const e of kb.entries) {
    for (const c of e.citations) {
      if (!kb.references.has(c.key)) {
        report(
          CITATION_RULES['citation/unknown-key'],
          e.file,
          c.at,
          `no reference has the key \`@${c.key}\`${c.field ? ` (in \`${c.field}\`)` : ''}`,
          keyHint(c.key, keys) ?? 'add the source to a file in references/, or use one of the existing keys (see /references/)',
        );
        continue;
      }
      const list = kb.citedBy.get(c.key) ?? [];
      if (!list.includes(e.id)) list.push(e.id);
      kb.citedBy.set(c.key, list);
    }
  }
}
