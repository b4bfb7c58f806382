/**
 * Load the knowledge base's references from BibTeX/BibLaTeX (`.bib`) and CSL-JSON (`.json`)
 * files into CSL-JSON items keyed by citation key, each with its evidence type (or none) and
 * position. Problems in the files are reported, never thrown.
 */
import { nearest } from '../did-you-mean.ts';
import { EVIDENCE_TYPES, evidenceType, type EvidenceType } from '../../schemas/evidence.ts';
import { problem, compareProblems, type Problem, type Position } from '../problems.ts';
import { bareDoi, isNoDate } from './apa.ts';
import { MALFORMED_BIBTEX } from './bibtex-scan.ts';
import { cleanCsl, readBibtex, RULE_UNKNOWN_TYPE, type Csl } from './bibtex.ts';
import { CSL_TYPES } from './csl.ts';
import { decodeReferenceBytes } from './decode.ts';
import { positionsIn } from '../positions.ts';

export { decodeReferenceBytes, type DecodedReferences, type ReferenceEncoding } from './decode.ts';

export interface Reference {
  key: string;
  /** CSL-JSON item, `id` = key. Titles keep case protection as `<span class="nocase">`. */
  csl: Record<string, unknown>;
  /**
   * The evidence type, or undefined when the reference has none ("unclassified"): it loads and
   * is cited like any other, and counts under no type. Never guessed from the entry type.
   */
  evidence: EvidenceType | undefined;
  /**
   * Short form of a group author (WHO for World Health Organization), for APA's in-text
   * abbreviation: BibLaTeX `shortauthor`, a BibTeX `abbreviation` field, or in CSL-JSON the
   * first author's `short`, an item's `shortauthor`, or a `shortauthor:` line in its `note`
   * (Zotero's Extra). Only set when the first author (or, without one, editor) is a group.
   */
  abbreviation?: string;
  file: string;
  line: number;
  column: number;
}

/** A reference file: its text, or its bytes (then decoded with `decodeReferenceBytes`). */
export type ReferenceFile =
  | {
      /** Path relative to the project root, with forward slashes. */
      path: string;
      text: string;
    }
  | { path: string; bytes: Uint8Array };

export interface LoadOptions {
  /**
   * `optional` (the default): a reference without an evidence type loads as unclassified, and
   * each file with some gets one warning (`reference/unclassified`) listing them. `required`:
   * each one is an error at its line (`reference/missing-evidence-type`).
   */
  evidence?: 'optional' | 'required';
}

export interface LoadResult {
  references: Map<string, Reference>;
  problems: Problem[];
}

export const RULES = {
  malformedBibtex: MALFORMED_BIBTEX,
  malformedCslJson: 'reference/malformed-csl-json',
  unknownEntryType: RULE_UNKNOWN_TYPE,
  unclassified: 'reference/unclassified',
  missingEvidenceType: 'reference/missing-evidence-type',
  invalidEvidenceType: 'reference/invalid-evidence-type',
  duplicateKey: 'reference/duplicate-key',
  duplicateDoi: 'reference/duplicate-doi',
  missingField: 'reference/missing-field',
  unsupportedFile: 'reference/unsupported-file',
  encoding: 'reference/encoding',
} as const;

/** One item read from a file, before the checks that need all files. */
interface Candidate {
  key: string;
  csl: Csl;
  file: string;
  at: Position;
  format: 'bibtex' | 'csl-json';
  /** Evidence type strings found, each with where it was written. */
  evidence: { value: string; at: Position }[];
  abbreviation?: string;
}

const ALLOWED = EVIDENCE_TYPES.join(', ');

/** `evidence:<type>` tags in a keyword list separated by `,` or `;`. */
function evidenceTags(keywords: string): string[] {
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

function loadBibtex(file: string, text: string, problems: Problem[]): Candidate[] {
  return readBibtex(file, text, problems).map((item) => {
    const evidence: Candidate['evidence'] = [];
    for (const field of item.fields) {
      const fieldAt = { line: field.line, column: field.column };
      if (field.name === 'evidence') evidence.push({ value: field.value.replace(/[{}]/g, ''), at: fieldAt });
      if (field.name === 'keywords' || field.name === 'keyword' || field.name === 'mendeley-tags') {
        for (const tag of evidenceTags(field.value)) evidence.push({ value: tag, at: fieldAt });
      }
    }
    return { key: item.key, csl: item.csl, file, at: item.at, format: 'bibtex', evidence, ...(item.abbreviation ? { abbreviation: item.abbreviation } : {}) };
  });
}

/** line:column of a JSON.parse error, from V8's message. */
function jsonErrorPosition(message: string, text: string): Position {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = positionsIn(text);
  const pos = /position (\d+)/.exec(message);
  if (pos) return at(Number(pos[1]));
  if (/end of JSON input/i.test(message)) return at(text.length);
  return { line: 1, column: 1 };
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * The short form of a CSL-JSON item's group author: the first author's (or editor's) `short`,
 * the item's `shortauthor`, or a `shortauthor: WHO` (or Better BibTeX's `tex.shortauthor: WHO`)
 * line in its `note`, where Zotero's CSL JSON export puts the Extra field. Only for a group.
 */
function cslAbbreviation(csl: Csl): string | undefined {
  const creators = (Array.isArray(csl['author']) && csl['author'].length > 0 ? csl['author'] : csl['editor']) as unknown[] | undefined;
  const first = creators?.[0] as Csl | undefined;
  if (!first || typeof first !== 'object' || typeof first['literal'] !== 'string') return undefined;
  const note = typeof csl['note'] === 'string' ? /^\s*(?:tex\.)?shortauthor\s*:\s*(.+?)\s*$/im.exec(csl['note'])?.[1] : undefined;
  for (const value of [first['short'], csl['shortauthor'], note]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function loadCslJson(file: string, text: string, problems: Problem[]): Candidate[] {
  const rule = RULES.malformedCslJson;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push(
      problem(file, jsonErrorPosition(message, text), 'error', rule, `invalid JSON: ${message.replace(/ in JSON at position \d+( \(line \d+ column \d+\))?$/, '')}`, 'fix the JSON syntax (a missing comma or quote, or a trailing comma)'),
    );
    return [];
  }
  let items: unknown[];
  if (Array.isArray(data)) items = data;
  else if (data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>)['items'])) {
    items = (data as Record<string, unknown[]>)['items']!;
  } else if (data && typeof data === 'object' && 'id' in data) items = [data];
  else {
    problems.push(
      problem(file, undefined, 'error', rule, 'a CSL-JSON file must hold an array of items (or an object with `items`)', 'export the collection from Zotero as "CSL JSON"'),
    );
    return [];
  }
  const at = positionsIn(text);
  const used = new Map<string, number>();
  /** Where `"id": "key"` is written (the n-th time for the n-th item with that key). */
  const locate = (id: unknown): Position | undefined => {
    const literal = JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`"id"\\s*:\\s*${literal}`, 'g');
    const k = String(id);
    const skip = used.get(k) ?? 0;
    used.set(k, skip + 1);
    let m: RegExpExecArray | null;
    let seen = 0;
    while ((m = pattern.exec(text))) {
      if (seen++ === skip) return at(m.index);
    }
    return undefined;
  };
  const candidates: Candidate[] = [];
  items.forEach((raw, index) => {
    const which = `the ${ordinal(index + 1)} item`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(problem(file, undefined, 'error', rule, `${which} is not a CSL-JSON object`));
      return;
    }
    const item = raw as Csl;
    const id = item['id'];
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
      problems.push(problem(file, undefined, 'error', rule, `${which} has no \`id\` (its citation key)`, 'add `"id": "key"` to the item'));
      return;
    }
    const key = String(id);
    const at = locate(id) ?? { line: 1, column: 1 };
    const evidence: Candidate['evidence'] = [];
    if (typeof item['evidence'] === 'string') evidence.push({ value: item['evidence'], at });
    if (typeof item['keyword'] === 'string') for (const tag of evidenceTags(item['keyword'])) evidence.push({ value: tag, at });
    const csl = cleanCsl(structuredClone(item), key);
    delete csl['evidence'];
    const abbreviation = cslAbbreviation(csl);
    candidates.push({ key, csl, file, at, format: 'csl-json', evidence, ...(abbreviation ? { abbreviation } : {}) });
  });
  return candidates;
}

const CREATORS = [
  'author', 'editor', 'editor-translator', 'compiler', 'composer', 'director', 'collection-editor',
  'curator', 'illustrator', 'producer', 'editorial-director', 'series-creator', 'executive-producer',
  'guest', 'host',
];

function hasCreator(csl: Csl): boolean {
  return CREATORS.some((role) => {
    const names = csl[role];
    return (
      Array.isArray(names) &&
      names.some((n) => {
        if (!n || typeof n !== 'object') return false;
        const r = n as Record<string, unknown>;
        return [r['family'], r['literal'], r['given']].some((v) => typeof v === 'string' && v.trim() !== '');
      })
    );
  });
}

function hasYear(csl: Csl): boolean {
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

function hasTitle(csl: Csl): boolean {
  const title = csl['title'];
  return typeof title === 'string' && title.replace(/<[^>]*>/g, '').trim() !== '';
}

function checkFields(c: Candidate, problems: Problem[]): void {
  const bib = c.format === 'bibtex';
  const missing = (field: string, message: string, hint: string) =>
    problems.push(problem(c.file, c.at, 'error', RULES.missingField, `\`${c.key}\` has no ${field}: ${message}`, hint));
  if (!hasCreator(c.csl)) {
    missing(
      bib ? '`author` or `editor`' : '`author` or `editor`',
      'APA 7 needs an author, an editor or a group author (organisation)',
      bib
        ? 'add `author = {Family, Given and Family, Given}`, or `author = {{Organisation Name}}` (double braces) for a group author'
        : 'add `"author": [{"family": "Family", "given": "Given"}]`, or `[{"literal": "Organisation Name"}]` for a group author',
    );
  }
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
function checkEvidence(c: Candidate, problems: Problem[], required: boolean): EvidenceType | undefined {
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
function unclassifiedWarning(file: string, unclassified: Candidate[]): Problem {
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

function extension(path: string): string {
  const m = /\.([^./]+)$/.exec(path);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * Read every reference file. Files are read in the order given; when a key is defined twice,
 * the first definition wins and the second is reported. A reference whose evidence type is
 * missing or invalid is still loaded (unclassified), and so is one with a missing field, so
 * that citations of it resolve; the errors fail the check. Never throws on content.
 */
export function loadReferences(files: ReferenceFile[], options: LoadOptions = {}): LoadResult {
  const required = options.evidence === 'required';
  const problems: Problem[] = [];
  const references = new Map<string, Reference>();
  const dois = new Map<string, Reference>();
  for (const input of files) {
    const file = input.path.replace(/\\/g, '/');
    let text: string;
    if ('bytes' in input) {
      const decoded = decodeReferenceBytes(input.bytes, file);
      problems.push(...decoded.problems);
      text = decoded.text;
    } else {
      text = input.text;
    }
    // A byte-order mark and Windows line endings change no position that is reported.
    text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    let candidates: Candidate[] = [];
    const ext = extension(file);
    try {
      if (ext === 'bib' || ext === 'bibtex') candidates = loadBibtex(file, text, problems);
      else if (ext === 'json') candidates = loadCslJson(file, text, problems);
      else {
        problems.push(
          problem(file, undefined, 'warning', RULES.unsupportedFile, `\`${file}\` is not a reference file Groundwork reads`, 'export references as BibTeX/BibLaTeX (`.bib`) or CSL JSON (`.json`)'),
        );
      }
    } catch (error) {
      // Never throw on content: an unexpected failure is reported against the file.
      problems.push(
        problem(
          file,
          undefined,
          'error',
          ext === 'json' ? RULES.malformedCslJson : MALFORMED_BIBTEX,
          `the file could not be read: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
    const unclassified: Candidate[] = [];
    for (const c of candidates) {
      const existing = references.get(c.key);
      if (existing) {
        problems.push(
          problem(
            c.file,
            c.at,
            'error',
            RULES.duplicateKey,
            `the citation key \`${c.key}\` is already used at ${existing.file}:${existing.line}`,
            'remove the duplicate, or give one of them another key (and update its citations)',
          ),
        );
        continue;
      }
      checkFields(c, problems);
      const evidence = checkEvidence(c, problems, required);
      if (c.evidence.length === 0) unclassified.push(c);
      const reference: Reference = {
        key: c.key,
        csl: c.csl,
        evidence,
        ...(c.abbreviation ? { abbreviation: c.abbreviation } : {}),
        file: c.file,
        line: c.at.line,
        column: c.at.column,
      };
      references.set(c.key, reference);
      const doi = typeof c.csl['DOI'] === 'string' ? bareDoi(c.csl['DOI']).toLowerCase() : '';
      if (doi) {
        const other = dois.get(doi);
        if (other) {
          problems.push(
            problem(
              c.file,
              c.at,
              'error',
              RULES.duplicateDoi,
              `\`${c.key}\` has the same DOI (${doi}) as \`${other.key}\` at ${other.file}:${other.line}`,
              `one source should have one key: remove one of them and cite \`${other.key}\``,
            ),
          );
        } else {
          dois.set(doi, reference);
        }
      }
    }
    if (!required && unclassified.length > 0) problems.push(unclassifiedWarning(file, unclassified));
  }
  problems.sort(compareProblems);
  return { references, problems };
}
