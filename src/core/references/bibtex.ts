/**
 * BibTeX / BibLaTeX text to CSL-JSON items. `bibtex-scan.ts` finds the entries and fields with
 * their positions, and `bibtex-normalise.ts` cleans their values; citation-js
 * (`@citation-js/plugin-bibtex`, run by `bibtex-citation-js.ts`) turns each entry's fields into
 * CSL: the LaTeX (accents, `\emph`, `--`), names, dates, `crossref` inheritance and the
 * BibLaTeX-to-CSL mapping. What is here is what citation-js does not do, each noted where it is
 * done: `@xdata` inheritance, Mendeley's own entry types and field names, `and others`,
 * arXiv `eprint`s and group-author abbreviations. Reading past a field whose LaTeX citation-js
 * rejects, so that one bad field or entry costs only itself, is in `bibtex-citation-js.ts`.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { nearest } from '../did-you-mean.ts';
import { problem, type Position, type Problem } from '../problems.ts';
import { bareDoi, isNoDate } from './apa.ts';
import { mapAll, plainText, type Prepared } from './bibtex-citation-js.ts';
import { normaliseFieldValue, PROTECT_CLOSE, PROTECT_OPEN } from './bibtex-normalise.ts';
import { pos, scanBibtex, type BibEntry, type BibField } from './bibtex-scan.ts';
import { NAME_VARIABLES, sanitiseNames, type CslItem } from './csl.ts';
import { RULES } from './rule-ids.ts';


export interface BibtexItem {
  key: string;
  csl: CslItem;
  /** Position of the entry's `@`. */
  at: Position;
  /** The entry's fields, with those it inherits through `xdata` (each at its own position). */
  fields: BibField[];
  /** Short form of a group author (`shortauthor`, or a BibTeX `abbreviation` field). */
  abbreviation?: string;
}


/** A field's position. */

// ---------------------------------------------------------------------------------------------
// Entry types.

const BIBLATEX_TYPES = Object.keys((plugins.config.get('@bibtex') as { types: { biblatex: { source: Record<string, string> } } }).types.biblatex.source);

/**
 * Entry types Mendeley writes (its own item types, not BibTeX's), as BibLaTeX types, with the CSL
 * type when BibLaTeX has none of its own. citation-js reads every unknown type as a `document`.
 */
const MENDELEY_TYPES: Record<string, [string, string?]> = {
  web_page: ['online'],
  book_section: ['incollection'],
  generic: ['misc'],
  film: ['movie'],
  computer_program: ['software'],
  encyclopedia_article: ['inreference'],
  conference_proceedings: ['inproceedings'],
  working_paper: ['report'],
  magazine_article: ['article', 'article-magazine'],
  newspaper_article: ['article', 'article-newspaper'],
};

/** Types that are not references: `@xdata` holds fields for others, `@set` groups entries. */
const DATA_TYPES = new Set(['xdata', 'set']);

const KNOWN_TYPES = [...BIBLATEX_TYPES, ...DATA_TYPES];

// ---------------------------------------------------------------------------------------------
// Inheritance.

/**
 * BibLaTeX `xdata = {a, b}`: the fields of the `@xdata` entries a and b that the entry does not
 * have itself (nested `xdata` too). citation-js reads `crossref` but not `xdata`.
 */
function withXdata(entry: BibEntry, xdata: Map<string, BibEntry>, file: string, problems: Problem[]): BibField[] {
  const fields = entry.fields.filter((f) => f.name !== 'xdata');
  const names = new Set(fields.map((f) => f.name));
  const visit = (field: BibField, seen: Set<string>) => {
    for (const key of field.value.split(',').map((k) => k.trim()).filter(Boolean)) {
      const data = xdata.get(key);
      if (!data) {
        problems.push(
          problem(file, pos(field), 'warning', RULES.malformedBibtex, `the entry \`${entry.key}\` takes fields from the \`@xdata\` entry \`${key}\`, which is not in this file`, 'add the `@xdata` entry to this file, or correct the key in `xdata`'),
        );
        continue;
      }
      if (seen.has(key)) continue;
      for (const f of data.fields) {
        if (f.name === 'xdata') visit(f, new Set([...seen, key]));
        else if (!names.has(f.name)) {
          names.add(f.name);
          fields.push(f);
        }
      }
    }
  };
  for (const field of entry.fields) if (field.name === 'xdata') visit(field, new Set());
  return fields;
}

/**
 * Check `crossref` targets before citation-js follows them: a missing parent is a warning (the
 * entry loads without what it would inherit); a loop would never end, so it is an error and
 * the `crossref` fields in it are ignored.
 */
function checkCrossrefs(prepared: Prepared[], file: string, problems: Problem[]): void {
  const byKey = new Map(prepared.map((p) => [p.entry.key, p]));
  for (const p of prepared) {
    const field = p.fields.find((f) => f.name === 'crossref');
    if (!field) continue;
    const parent = field.value.trim();
    if (!byKey.has(parent)) {
      problems.push(
        problem(file, pos(field), 'warning', RULES.malformedBibtex, `the entry \`${p.entry.key}\` has \`crossref = {${parent}}\`, but no entry in this file has that key`, 'add the parent entry (the book or proceedings) to this file, or correct the key'),
      );
      delete p.input.properties['crossref'];
      continue;
    }
    const chain = [p.entry.key];
    let next: string | undefined = parent;
    while (next !== undefined && byKey.has(next) && !chain.includes(next)) {
      chain.push(next);
      const nextField: BibField | undefined = byKey.get(next)!.fields.find((f) => f.name === 'crossref');
      next = nextField?.value.trim();
    }
    if (next !== undefined && chain.includes(next) && next === p.entry.key) {
      problems.push(
        problem(file, pos(field), 'error', RULES.malformedBibtex, `the entry \`${p.entry.key}\` inherits from itself: ${[...chain, next].map((k) => `\`${k}\``).join(' → ')}`, 'remove the `crossref` that closes the loop'),
      );
      delete p.input.properties['crossref'];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Entries prepared for citation-js (which `bibtex-citation-js.ts` runs).

/** Fields citation-js should not see: local file paths (Mendeley writes `C$\backslash$:...`). */
const IGNORED_FIELDS = new Set(['file']);

function prepare(entry: BibEntry, fields: BibField[], file: string, problems: Problem[]): Prepared {
  let type = entry.type;
  let cslType: string | undefined;
  const alias = MENDELEY_TYPES[type];
  if (alias) [type, cslType] = alias;
  else if (!BIBLATEX_TYPES.includes(type)) {
    const guess = nearest(type, KNOWN_TYPES);
    problems.push(
      problem(
        file,
        pos(entry),
        'warning',
        RULES.unknownEntryType,
        `\`@${type}\` (the entry \`${entry.key}\`) is not a BibTeX or BibLaTeX entry type; it is read as \`@misc\``,
        guess !== undefined ? `did you mean \`@${guess}\`?` : 'use a type such as `@book`, `@incollection`, `@article`, `@report` or `@online`',
      ),
    );
    type = 'misc';
  }
  const properties: Record<string, string> = {};
  const from = new Map<string, BibField>();
  const has = (name: string) => fields.some((f) => f.name === name);
  for (const field of fields) {
    if (IGNORED_FIELDS.has(field.name)) continue;
    let name = field.name;
    // Mendeley Reference Manager writes `issue` for the number and `city` for the place;
    // citation-js reads a numeric `issue` as nothing.
    if (name === 'issue' && !has('number') && /\d/.test(field.value)) name = 'number';
    if (name === 'city' && !has('location') && !has('address')) name = 'location';
    properties[name] = normaliseFieldValue(name, field.value);
    from.set(name, field);
  }
  return { entry, fields, from, input: { type, label: entry.key, properties }, ...(cslType ? { cslType } : {}) };
}

// ---------------------------------------------------------------------------------------------
// After citation-js.

const MARKERS = new RegExp(`[${PROTECT_OPEN}${PROTECT_CLOSE}]`);

/**
 * Compose accented letters: citation-js turns `{\'\i}` (how BibTeX writes í, as in Mar{\'\i}a)
 * into a dotless ı and a combining accent, which is neither the letter nor searchable.
 */
function composed(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\u0131(?=[\u0300-\u036f])/g, 'i').normalize('NFC');
  if (Array.isArray(value)) return value.map(composed);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, composed(v)]));
  return value;
}

/** Turn the scanner's protection markers into CSL `nocase` spans; tidy names and the DOI. */
export function cleanCsl(item: CslItem, key: string): CslItem {
  const csl: CslItem = {};
  for (const [name, raw] of Object.entries(item)) {
    if (name === '_graph') continue;
    const value = composed(raw);
    if (typeof value === 'string' && MARKERS.test(value)) {
      csl[name] = value.split(PROTECT_OPEN).join('<span class="nocase">').split(PROTECT_CLOSE).join('</span>');
    } else {
      csl[name] = value;
    }
  }
  csl['id'] = key;
  for (const name of Object.keys(csl)) {
    if (!NAME_VARIABLES.has(name)) continue;
    // Names in their CSL shape (a `null` or a string among them is dropped), and a name with only
    // a family part ({{National Association of Social Workers}}) is a group author: a literal name.
    const names = sanitiseNames(csl[name]);
    if (!names) delete csl[name];
    else csl[name] = names.map((n) => (Object.keys(n).length === 1 && n['family'] !== undefined ? { literal: n['family'] } : n));
  }
  if (typeof csl['DOI'] === 'string') csl['DOI'] = bareDoi(csl['DOI']);
  return csl;
}

/** Name lists in which `and others` is dropped (citation-js makes it an author named "others"). */
const CREATOR_FIELDS: Record<string, string> = { author: 'author', editor: 'editor', translator: 'translator' };

function dropOthers(csl: CslItem, item: Prepared, file: string, problems: Problem[]): void {
  for (const [cslName, field] of Object.entries(CREATOR_FIELDS)) {
    const names = csl[cslName];
    if (!Array.isArray(names)) continue;
    const kept = names.filter((n) => !(n && typeof n === 'object' && Object.keys(n).length === 1 && ((n as CslItem)['literal'] === 'others' || (n as CslItem)['family'] === 'others')));
    if (kept.length === names.length) continue;
    csl[cslName] = kept;
    const at = item.fields.find((f) => f.name === field);
    problems.push(
      problem(
        file,
        at ? pos(at) : pos(item.entry),
        'warning',
        RULES.missingField,
        `the entry \`${item.entry.key}\` ends its \`${field}\` list with \`and others\`; only the names given are printed`,
        'APA 7 lists every author up to 20: write the other names in place of `and others`',
      ),
    );
  }
}

/** The short form of a group author, when the first author (or editor) is a group. */
function abbreviationOf(csl: CslItem, fields: BibField[]): string | undefined {
  const field = fields.find((f) => f.name === 'shortauthor') ?? fields.find((f) => f.name === 'abbreviation');
  if (!field) return undefined;
  const creators = (Array.isArray(csl['author']) && csl['author'].length > 0 ? csl['author'] : csl['editor']) as CslItem[] | undefined;
  const first = creators?.[0];
  if (!first || typeof first['literal'] !== 'string') return undefined;
  const short = plainText(field.value);
  return short === '' ? undefined : short;
}

/** Read a BibTeX/BibLaTeX file into CSL items, reporting problems; never throws on content. */
export function readBibtex(file: string, text: string, problems: Problem[]): BibtexItem[] {
  const scan = scanBibtex(text, file);
  problems.push(...scan.problems);
  const xdata = new Map(scan.entries.filter((e) => e.type === 'xdata').map((e) => [e.key, e]));
  const prepared = scan.entries
    .filter((e) => !DATA_TYPES.has(e.type))
    .map((entry) => prepare(entry, withXdata(entry, xdata, file, problems), file, problems));
  checkCrossrefs(prepared, file, problems);
  const mapped = mapAll(prepared, file, problems);
  const items: BibtexItem[] = [];
  prepared.forEach((p, index) => {
    const item = mapped[index];
    if (!item) return;
    const csl = cleanCsl(item, p.entry.key);
    if (p.cslType) csl['type'] = p.cslType;
    // A BibTeX parent book often repeats its title as `booktitle`, for its chapters to inherit.
    if (csl['type'] === 'book' && csl['container-title'] === csl['title']) delete csl['container-title'];
    dropOthers(csl, p, file, problems);
    // `year = {n.d.}`: make sure the CSL says so the same way whatever citation-js did with it.
    const year = p.fields.find((f) => f.name === 'year' || f.name === 'date');
    if (year && isNoDate(year.value.replace(/[{}]/g, ''))) csl['issued'] = { literal: 'n.d.' };
    // BibLaTeX `eprint` with `eprinttype = {arxiv}` (Better BibTeX's `archiveprefix` too): the
    // address APA prints for a preprint, when there is no other.
    const eprint = p.fields.find((f) => f.name === 'eprint')?.value.trim();
    const eprintType = (p.fields.find((f) => f.name === 'eprinttype' || f.name === 'archiveprefix')?.value ?? '').trim().toLowerCase();
    // Mendeley writes the identifier with its prefix (`eprint = {arXiv:1311.5530v1}`).
    if (eprint && eprintType === 'arxiv' && csl['URL'] === undefined && csl['DOI'] === undefined) csl['URL'] = `https://arxiv.org/abs/${eprint.replace(/^arxiv:\s*/i, '')}`;
    const abbreviation = abbreviationOf(csl, p.fields);
    items.push({ key: p.entry.key, csl, at: pos(p.entry), fields: p.fields, ...(abbreviation ? { abbreviation } : {}) });
  });
  return items;
}
