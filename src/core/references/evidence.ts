/**
 * A reference's evidence type: the `evidence:<type>` tags of a keyword list (`evidenceTags`;
 * the readers in `load.ts` and `csl-json.ts` also take an `evidence` field), and the checks
 * against the scale (`src/schemas/evidence.ts`): an unknown type or two different types are
 * errors; references without one get one warning per file (`unclassifiedWarning`) or, with
 * `evidence: required`, an error each.
 */
import { nearest } from '../did-you-mean.ts';
import { EVIDENCE_TYPES, evidenceType, type EvidenceType } from '../../schemas/evidence.ts';
import { problem, type Problem } from '../problems.ts';
import type { Candidate } from './load.ts';
import { RULES } from './rule-ids.ts';

const ALLOWED = EVIDENCE_TYPES.join(', ');

/** `evidence:<type>` tags in a keyword list separated by `,` or `;`. */
export function evidenceTags(keywords: string): string[] {
  const out: string[] = [];
  for (const keyword of keywords.split(/[,;]/)) {
    const m = /^\s*evidence\s*:\s*(.*?)\s*$/i.exec(keyword.replace(/[{}]/g, ''));
    if (m) out.push(m[1]!);
  }
  return out;
}

/** Lower case, spaces and underscores to hyphens: `Systematic Review` → `systematic-review`. */
function normaliseEvidence(value: string): string {
  return value.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/** How to give a source its type, for hints. */
function howToAdd(format: Candidate['format']): string {
  return format === 'bibtex'
    ? 'add the Zotero tag `evidence:<type>` to the item (Better BibTeX exports it as `keywords = {evidence:textbook}`), or a field `evidence = {textbook}`'
    : 'add `"evidence": "textbook"` to the item, or `evidence:textbook` to its `keyword`';
}

/**
 * The candidate's evidence type. None given: undefined, and an error when types are required.
 * An unknown type (a typo) or two different types are errors whatever the option.
 */
export function checkEvidence(c: Candidate, problems: Problem[], required: boolean): EvidenceType | undefined {
  if (c.evidence.length === 0) {
    if (required) {
      problems.push(
        problem(c.file, c.at, 'error', RULES.missingEvidenceType, `\`${c.key}\` has no evidence type`, `${howToAdd(c.format)}; the types are: ${ALLOWED}`),
      );
    }
    return undefined;
  }
  const valid: EvidenceType[] = [];
  for (const { value, at } of c.evidence) {
    const parsed = evidenceType.safeParse(normaliseEvidence(value));
    if (parsed.success) {
      if (!valid.includes(parsed.data)) valid.push(parsed.data);
      continue;
    }
    const guess = nearest(normaliseEvidence(value), EVIDENCE_TYPES, (best) => Math.max(3, Math.floor(best.length / 3)));
    problems.push(
      problem(
        c.file,
        at,
        'error',
        RULES.invalidEvidenceType,
        `\`${c.key}\` has the unknown evidence type \`${value}\``,
        guess !== undefined ? `did you mean \`${guess}\`? The types are: ${ALLOWED}` : `the types are: ${ALLOWED}`,
      ),
    );
  }
  if (valid.length > 1) {
    problems.push(
      problem(
        c.file,
        c.evidence[0]!.at,
        'error',
        RULES.invalidEvidenceType,
        `\`${c.key}\` has more than one evidence type: ${valid.map((v) => `\`${v}\``).join(', ')}`,
        'keep one `evidence:<type>` tag: the strongest claim the source can support',
      ),
    );
  }
  return valid[0];
}

/** How many keys an `unclassified` warning names before "and N more". */
const LISTED_KEYS = 10;

/** One warning for a file's references without an evidence type, at the first of them. */
export function unclassifiedWarning(file: string, unclassified: Candidate[]): Problem {
  const n = unclassified.length;
  const keys = unclassified.slice(0, LISTED_KEYS).map((c) => `\`${c.key}\``).join(', ');
  const more = n > LISTED_KEYS ? ` and ${n - LISTED_KEYS} more` : '';
  return problem(
    file,
    unclassified[0]!.at,
    'warning',
    RULES.unclassified,
    `${n} ${n === 1 ? 'reference' : 'references'} in ${file} ${n === 1 ? 'has' : 'have'} no evidence type: ${keys}${more}`,
    `they load and can be cited, but count under no evidence type; to classify one, ${howToAdd(unclassified[0]!.format)}; the types are: ${ALLOWED}`,
  );
}
