/**
 * What APA 7 needs of every reference: a year (or `n.d.`), a title, and in CSL-JSON a known CSL
 * type. A reference without one still loads, so that citations of it resolve; the error fails
 * the check. A work with no author or editor is not a fault: APA 7 (9.12) moves its title to
 * the author's place, which citeproc does ("Map of the world. (1993). …", cited
 * "(Map of the World, 1993)"); libraries hold many such works (software, web pages, reports).
 */
import { nearest } from '../did-you-mean.ts';
import { problem, type Problem } from '../problems.ts';
import { isNoDate } from './apa.ts';
import type { CslItem } from './csl.ts';
import { CSL_TYPES } from './csl.ts';
import type { Candidate } from './load.ts';
import { RULES } from './rule-ids.ts';

function hasYear(csl: CslItem): boolean {
  if (typeof csl['status'] === 'string' && csl['status'].trim() !== '') return true; // "in press"
  const issued = csl['issued'];
  if (!issued || typeof issued !== 'object') return false;
  const d = issued as Record<string, unknown>;
  const parts = d['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && /^-?\d+$/.test(String(parts[0][0] ?? '').trim())) return true;
  for (const name of ['literal', 'raw']) {
    const v = d[name];
    if (typeof v === 'string' && (isNoDate(v) || /\d{4}/.test(v))) return true;
  }
  return false;
}

function hasTitle(csl: CslItem): boolean {
  const title = csl['title'];
  return typeof title === 'string' && title.replace(/<[^>]*>/g, '').trim() !== '';
}

export function checkFields(c: Candidate, problems: Problem[]): void {
  const bib = c.format === 'bibtex';
  const missing = (field: string, message: string, hint: string) =>
    problems.push(problem(c.file, c.at, 'error', RULES.missingField, `\`${c.key}\` has no ${field}: ${message}`, hint));
  if (!hasYear(c.csl)) {
    missing(
      bib ? '`year`' : '`issued` date',
      'APA 7 needs the year of publication, or n.d. when the source has no date',
      bib ? 'add `year = {2020}`, or `year = {n.d.}` when the source is undated' : 'add `"issued": {"date-parts": [[2020]]}`, or `"issued": {"literal": "n.d."}` when the source is undated',
    );
  }
  if (!hasTitle(c.csl)) {
    missing('`title`', 'APA 7 needs the title of the work', bib ? 'add `title = {...}`' : 'add `"title": "..."`');
  }
  if (!bib && (typeof c.csl['type'] !== 'string' || c.csl['type'] === '')) {
    missing('`type`', 'the CSL type decides how APA 7 formats the reference', 'add a CSL type, e.g. `"type": "book"` or `"type": "article-journal"`');
    c.csl['type'] = 'document';
  } else if (!bib && !CSL_TYPES.has(String(c.csl['type']))) {
    const type = String(c.csl['type']);
    const guess = nearest(type, [...CSL_TYPES], () => 3);
    problems.push(
      problem(
        c.file,
        c.at,
        'error',
        RULES.malformedCslJson,
        `\`${c.key}\` has the unknown CSL type \`${type}\``,
        guess !== undefined ? `did you mean \`${guess}\`?` : 'use a CSL type such as `book`, `chapter`, `article-journal`, `report` or `webpage`',
      ),
    );
  }
}
