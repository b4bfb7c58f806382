/**
 * Load the knowledge base's references from BibTeX/BibLaTeX (`.bib`) and CSL-JSON (`.json`)
 * files into CSL-JSON items keyed by citation key, each with its evidence type and position.
 * Problems in the files are reported, never thrown.
 */
import * as citationJs from '@citation-js/core';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { nearest } from '../did-you-mean.ts';
import { EVIDENCE_TYPES, evidenceType, type EvidenceType } from '../../schemas/evidence.ts';
import { problem, compareProblems, type Problem, type Position } from '../problems.ts';
import { bareDoi, CSL_TYPES, isNoDate } from './apa.ts';
import { MALFORMED_BIBTEX, PROTECT_CLOSE, PROTECT_OPEN, scanBibtex, type BibEntry } from './bibtex-scan.ts';
import { positionsIn } from '../positions.ts';

export interface Reference {
  key: string;
  /** CSL-JSON item, `id` = key. Titles keep case protection as `<span class="nocase">`. */
  csl: Record<string, unknown>;
  evidence: EvidenceType;
  file: string;
  line: number;
  column: number;
}

export interface ReferenceFile {
  /** Path relative to the project root, with forward slashes. */
  path: string;
  text: string;
}

export interface LoadResult {
  references: Map<string, Reference>;
  problems: Problem[];
}

export const RULES = {
  malformedBibtex: MALFORMED_BIBTEX,
  malformedCslJson: 'reference/malformed-csl-json',
  missingEvidenceType: 'reference/missing-evidence-type',
  invalidEvidenceType: 'reference/invalid-evidence-type',
  duplicateKey: 'reference/duplicate-key',
  duplicateDoi: 'reference/duplicate-doi',
  missingField: 'reference/missing-field',
  unsupportedFile: 'reference/unsupported-file',
} as const;

type Csl = Record<string, unknown>;

/** One item read from a file, before the checks that need all files. */
interface Candidate {
  key: string;
  csl: Csl;
  file: string;
  at: Position;
  format: 'bibtex' | 'csl-json';
  /** Evidence type strings found, each with where it was written. */
  evidence: { value: string; at: Position }[];
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

const MARKERS = new RegExp(`[${PROTECT_OPEN}${PROTECT_CLOSE}]`);

/** Turn the scanner's protection markers into CSL `nocase` spans; tidy names and the DOI. */
function cleanCsl(item: Csl, key: string): Csl {
  const csl: Csl = {};
  for (const [name, value] of Object.entries(item)) {
    if (name === '_graph') continue;
    if (typeof value === 'string' && MARKERS.test(value)) {
      csl[name] = value.split(PROTECT_OPEN).join('<span class="nocase">').split(PROTECT_CLOSE).join('</span>');
    } else {
      csl[name] = value;
    }
  }
  csl['id'] = key;
  for (const [name, value] of Object.entries(csl)) {
    // A name with only a family part ({{National Association of Social Workers}}) is a group
    // author: store it as a literal name.
    if (Array.isArray(value) && value.length > 0 && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
      const names = value as Record<string, unknown>[];
      if (names.some((n) => 'family' in n || 'literal' in n || 'given' in n)) {
        csl[name] = names.map((n) => {
          const keys = Object.keys(n);
          if (keys.length === 1 && typeof n['family'] === 'string') return { literal: n['family'] };
          return n;
        });
      }
    }
  }
  if (typeof csl['DOI'] === 'string') csl['DOI'] = bareDoi(csl['DOI']);
  return csl;
}

/** The first line of a citation-js error, without its own (entry-relative) position. */
function citationJsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').replace(/\s*at line \d+ col \d+:?\s*$/, '').trim();
}

function parseBibtexEntries(entries: BibEntry[], file: string, problems: Problem[]): Map<string, Csl[]> {
  const byKey = new Map<string, Csl[]>();
  const add = (data: unknown) => {
    if (!Array.isArray(data)) return;
    for (const item of data as Csl[]) {
      const key = typeof item['citation-key'] === 'string' ? item['citation-key'] : String(item['id']);
      const list = byKey.get(key) ?? [];
      list.push(item);
      byKey.set(key, list);
    }
  };
  const options = { forceType: '@biblatex/text', target: '@csl/list+object', generateGraph: false, strict: true, maxChainLength: 10 };
  const parse = (text: string): unknown => new Cite(text, options).data;
  try {
    add(parse(entries.map((e) => e.text).join('\n')));
  } catch {
    // One entry spoils the file for citation-js: parse entry by entry to find it.
    byKey.clear();
    for (const entry of entries) {
      try {
        add(parse(entry.text));
      } catch (error) {
        problems.push(
          problem(
            file,
            entry,
            'error',
            MALFORMED_BIBTEX,
            `the entry \`${entry.key}\` could not be read: ${citationJsMessage(error)}`,
            'check the LaTeX in its fields (unbalanced `\\begin`/`\\end`, stray `$`)',
          ),
        );
      }
    }
  } finally {
    // citation-js keeps every log message in memory, even when silent.
    const log = (Reflect.get(citationJs, 'logger') as { _log?: unknown[] } | undefined)?._log;
    if (Array.isArray(log)) log.length = 0;
  }
  return byKey;
}

function loadBibtex(file: string, text: string, problems: Problem[]): Candidate[] {
  const scan = scanBibtex(text, file);
  problems.push(...scan.problems);
  const parsed = parseBibtexEntries(scan.entries, file, problems);
  const candidates: Candidate[] = [];
  for (const entry of scan.entries) {
    const at = { line: entry.line, column: entry.column };
    const item = parsed.get(entry.key)?.shift();
    if (!item) {
      if (!problems.some((p) => p.file === file && p.line === entry.line && p.rule === MALFORMED_BIBTEX)) {
        problems.push(problem(file, at, 'error', MALFORMED_BIBTEX, `the entry \`${entry.key}\` could not be read`));
      }
      continue;
    }
    const evidence: Candidate['evidence'] = [];
    for (const field of entry.fields) {
      const fieldAt = { line: field.line, column: field.column };
      if (field.name === 'evidence') evidence.push({ value: field.value.replace(/[{}]/g, ''), at: fieldAt });
      if (field.name === 'keywords' || field.name === 'keyword' || field.name === 'mendeley-tags') {
        for (const tag of evidenceTags(field.value)) evidence.push({ value: tag, at: fieldAt });
      }
    }
    const csl = cleanCsl(item, entry.key);
    // `year = {n.d.}`: make sure the CSL says so the same way whatever citation-js did with it.
    const year = entry.fields.find((f) => f.name === 'year' || f.name === 'date');
    if (year && isNoDate(year.value.replace(/[{}]/g, ''))) csl['issued'] = { literal: 'n.d.' };
    candidates.push({ key: entry.key, csl, file, at, format: 'bibtex', evidence });
  }
  return candidates;
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
    candidates.push({ key, csl, file, at, format: 'csl-json', evidence });
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

function checkEvidence(c: Candidate, problems: Problem[]): EvidenceType {
  const bib = c.format === 'bibtex';
  const howToAdd = bib
    ? 'add the Zotero tag `evidence:<type>` to the item (Better BibTeX exports it as `keywords = {evidence:textbook}`), or a field `evidence = {textbook}`'
    : 'add `"evidence": "textbook"` to the item, or `evidence:textbook` to its `keyword`';
  if (c.evidence.length === 0) {
    problems.push(
      problem(c.file, c.at, 'error', RULES.missingEvidenceType, `\`${c.key}\` has no evidence type`, `${howToAdd}; the types are: ${ALLOWED}`),
    );
    return 'other';
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
  return valid[0] ?? 'other';
}

function extension(path: string): string {
  const m = /\.([^./]+)$/.exec(path);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * Read every reference file. Files are read in the order given; when a key is defined twice,
 * the first definition wins and the second is reported. A reference whose evidence type is
 * missing or invalid is still loaded (as `other`), and so is one with a missing field, so that
 * citations of it resolve; the problems fail the check.
 */
export function loadReferences(files: ReferenceFile[]): LoadResult {
  const problems: Problem[] = [];
  const references = new Map<string, Reference>();
  const dois = new Map<string, Reference>();
  for (const { path, text } of files) {
    const file = path.replace(/\\/g, '/');
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
      const evidence = checkEvidence(c, problems);
      const reference: Reference = { key: c.key, csl: c.csl, evidence, file: c.file, line: c.at.line, column: c.at.column };
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
  }
  problems.sort(compareProblems);
  return { references, problems };
}
