/**
 * Reference rules. Most are reported while the reference files are read
 * (`src/core/references/`); the two here need to know what the entries cite.
 */
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import { bareDoi } from '../core/references/apa.ts';
import { defineRules } from './define.ts';
import type { Report } from './report.ts';

export const REFERENCE_RULES = defineRules('References', {
  'reference/malformed-bibtex': { severity: 'error', description: 'BibTeX that cannot be read: an unclosed `{`, a missing key or comma, a field with no value, a `crossref` loop. Warnings: an undefined `@string` macro, a field given twice, a `crossref` or `xdata` key not in the file, LaTeX repaired in a field.' },
  'reference/unknown-entry-type': { severity: 'warning', description: 'An entry type that is neither BibTeX nor BibLaTeX (with did-you-mean); it is read as `@misc`.' },
  'reference/malformed-csl-json': { severity: 'error', description: 'A CSL-JSON file that is not valid JSON, is not a list of items, or has an item without `id` or with an unknown CSL `type`.' },
  'reference/encoding': { severity: 'warning', description: 'A reference file that is not UTF-8 (e.g. Latin-1 or Windows-1252): it is read, and the warning says how to save it as UTF-8.' },
  'reference/missing-field': { severity: 'error', description: 'A reference without what APA 7 needs: a year (or `n.d.`) and a title; in CSL-JSON, a `type`. (A work with no author is cited by its title, APA 7 9.12.) A warning for `and others`: APA lists every author up to 20.' },
  'reference/unclassified': { severity: 'warning', description: 'References without an evidence type, reported once per file with their keys (they load, and show as "Unclassified").' },
  'reference/missing-evidence-type': { severity: 'error', description: 'A reference with no evidence type, when the handbook profile sets `evidence: required`.' },
  'reference/invalid-evidence-type': { severity: 'error', description: 'An evidence type that is not on the scale, or two different types.' },
  'reference/duplicate-key': { severity: 'error', description: 'The same citation key defined twice (in one file or two). The first definition wins.' },
  'reference/duplicate-doi': { severity: 'error', description: 'Two keys for one DOI (compared without `https://doi.org/` and case), both cited: the reference lists would hold one work twice. Duplicates of which at most one is cited are left alone (the others are unused).' },
  'reference/unsafe-url': { severity: 'warning', description: 'A reference `url` that is not a web address (`hhtp://…`, `javascript:…`): it is left out, and the reference printed without it. An address that starts with `www.` is read as `https://www.…`.' },
  'reference/unsupported-file': { severity: 'warning', description: 'A file in `references/` that is neither `.bib` nor `.json`.' },
  'reference/unused': { severity: 'warning', description: 'References no entry cites, reported once per references file with their keys.' },
});

/**
 * One work under two keys is common in a library exported whole (Mendeley keeps `Maurer2012`,
 * `Maurer2012a`, …). It matters only when both keys are cited: the work would then be listed
 * twice. Reported at the second cited key, naming the first.
 */
export function checkDuplicateDois(kb: KnowledgeBase, report: Report): void {
  const firstCited = new Map<string, string>();
  for (const [key, ref] of kb.references) {
    const doi = typeof ref.csl['DOI'] === 'string' ? bareDoi(ref.csl['DOI']).toLowerCase() : '';
    if (!doi || !kb.citedBy.has(key)) continue;
    const other = firstCited.get(doi);
    if (other === undefined) {
      firstCited.set(doi, key);
      continue;
    }
    const first = kb.references.get(other)!;
    report(
      REFERENCE_RULES['reference/duplicate-doi'],
      ref.file,
      { line: ref.line, column: ref.column },
      `\`${key}\` has the same DOI (${doi}) as \`${other}\` at ${first.file}:${first.line}, and both are cited, so the work would be listed twice`,
      `one source should have one key: cite \`${other}\` where \`${key}\` is cited (${kb.citedBy.get(key)!.slice(0, 3).join(', ')}), then remove \`${key}\``,
    );
  }
}

/**
 * A reference nobody cites is a leftover, or a citation that was lost. A library exported
 * whole has many, so each file gets one warning that names them, at the first of them.
 */
export function checkUnusedReferences(kb: KnowledgeBase, report: Report): void {
  const byFile = new Map<string, { key: string; line: number; column: number }[]>();
  for (const [key, ref] of kb.references) {
    if (kb.citedBy.has(key)) continue;
    const list = byFile.get(ref.file) ?? [];
    list.push({ key, line: ref.line, column: ref.column });
    byFile.set(ref.file, list);
  }
  for (const [file, list] of byFile) {
    const first = list[0]!;
    const names = list.slice(0, 12).map((r) => `\`@${r.key}\``).join(', ');
    const message =
      list.length === 1
        ? `the reference \`@${first.key}\` is not cited by any entry`
        : `${list.length} references in ${file} are not cited by any entry: ${names}${list.length > 12 ? `, and ${list.length - 12} more` : ''}`;
    report(REFERENCE_RULES['reference/unused'], file, first, message, list.length === 1 ? 'cite it where it supports a claim, or remove it from the references' : 'cite them where they support claims, or remove them from the references');
  }
}
