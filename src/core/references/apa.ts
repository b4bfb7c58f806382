/**
 * APA 7 fix-ups applied to CSL-JSON items before formatting. citation-js's built-in `apa` style
 * (the CSL APA 7th edition style run by citeproc-js) prints titles as they are stored and
 * cannot compare variables, so these are done here:
 *
 * - titles of articles, books, chapters, reports, theses, web pages (and similar works) in
 *   sentence case, and the title of the book a chapter (or conference paper, or encyclopedia
 *   entry) appears in; names of journals, magazines, newspapers and websites stay as they are.
 *   The rules of sentence case are in `sentence-case.ts`; titles of items whose `language` is
 *   not English are left as they are;
 * - an ordinal edition (`second`, `2nd`, `Second edition`) becomes the number, so the style
 *   prints "2nd ed.";
 * - a publisher that is the same as the (group) author, or its abbreviation, is dropped (APA 9.29);
 * - BibTeX type names that leak into `genre` (`techreport`, `phdthesis`, `mastersthesis`) are
 *   dropped or turned into APA's words ("Doctoral dissertation", "Master's thesis");
 * - a DOI stored as a URL (`https://doi.org/10...`) is stored as the bare DOI;
 * - an `issued` of literally "n.d." is removed, so the style prints its own "n.d." (and
 *   "n.d.-a", "n.d.-b" when one author has several undated works);
 * - names are tidied of what exports leave in them, which citeproc would print as it is
 *   ("Bartley, M. ." from `Bartley, M .`): spaces collapsed, no space before a period, no
 *   doubled periods, no stray commas or semicolons at either end, a period after a lone initial
 *   (`E` → `E.`), run-together capital initials split (`JE` → `J. E.`) (`tidy-names.ts`).
 */
import { NAME_VARIABLES, type CslItem } from './csl.ts';
import { protectNames, toSentenceCase } from './sentence-case.ts';
import { tidyName } from './tidy-names.ts';

const ORDINAL_WORDS = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth',
  'eighteenth', 'nineteenth', 'twentieth',
];

/**
 * The edition number of an ordinal edition: `2`, `2nd`, `second`, `Second edition`,
 * `2nd ed.`, `2. Auflage`-like `2.` → 2. Anything else (`Revised`, `2nd rev. ed.`) → undefined.
 */
export function editionNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^(?:(\d+)(?:st|nd|rd|th|\.)?|([a-z]+))(?: (?:edition|ed\.?|edn\.?))?$/.exec(t);
  if (!m) return undefined;
  if (m[1] !== undefined) {
    const n = Number(m[1]);
    return n > 0 ? n : undefined;
  }
  const index = ORDINAL_WORDS.indexOf(m[2]!);
  return index === -1 ? undefined : index + 1;
}

/** CSL types whose `title` is sentence case in APA (periodical names are `container-title`). */
const SENTENCE_CASE_TITLE_TYPES = new Set([
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'book', 'chapter',
  'report', 'thesis', 'webpage', 'post', 'post-weblog', 'paper-conference', 'entry',
  'entry-dictionary', 'entry-encyclopedia', 'manuscript', 'document', 'pamphlet', 'standard',
  'dataset', 'review', 'review-book', 'speech', 'collection', 'classic',
]);

/** CSL types whose `container-title` is a book (sentence case), not a periodical or website. */
const BOOK_CONTAINER_TYPES = new Set(['chapter', 'paper-conference', 'entry-dictionary', 'entry-encyclopedia']);

/** A name's group (organisation) name: its literal, or a family name with no given name; undefined for a person (or no name at all). */
function groupName(n: unknown): string | undefined {
  if (!n || typeof n !== 'object') return undefined;
  const r = n as Record<string, unknown>;
  if (typeof r['literal'] === 'string') return r['literal'];
  return r['given'] === undefined && typeof r['family'] === 'string' ? r['family'] : undefined;
}

/** Group (literal) names among the item's authors and editors. */
function groupNames(item: CslItem): string[] {
  const out: string[] = [];
  for (const role of ['author', 'editor']) {
    const names = item[role];
    if (!Array.isArray(names)) continue;
    for (const n of names) {
      const literal = groupName(n);
      if (literal && /\p{Lu}/u.test(literal)) out.push(literal.trim());
    }
  }
  return out;
}

/** A DOI without its resolver prefix: `https://doi.org/10.1/x` → `10.1/x`. */
export function bareDoi(doi: string): string {
  return doi
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
}

function isEnglish(item: CslItem): boolean {
  const language = item['language'];
  if (typeof language !== 'string' || language.trim() === '') return true;
  // CSL codes (en, en-US) and BibLaTeX/babel names (english, american, british, UKenglish, ...).
  return /^(?:en|eng|english|american|british|canadian|australian|newzealand|usenglish|ukenglish|anglais)(?:[-_].*)?$/i.test(language.trim());
}

function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The single group author's name, when the item has exactly one author without a given name. */
export function groupAuthor(item: CslItem): string | undefined {
  const authors = item['author'];
  return Array.isArray(authors) && authors.length === 1 ? groupName(authors[0]) : undefined;
}

/** citation-js maps `@mastersthesis` to BibLaTeX's `mathesis` (which `@thesis` also uses). */
const THESIS_GENRES: Record<string, string> = {
  phdthesis: 'Doctoral dissertation',
  mastersthesis: "Master's thesis",
  mathesis: "Master's thesis",
};

const BIBTEX_GENRES = new Set(['techreport', 'phdthesis', 'mastersthesis', 'mathesis', 'thesis', 'report']);

/**
 * The APA fix-ups, on a copy of the item. `abbreviation` is the group author's abbreviation,
 * if it has one: a publisher given as the abbreviation is the author too.
 */
export function apaFixups(input: CslItem, options: { abbreviation?: string } = {}): CslItem {
  const item: CslItem = { ...input };
  const type = typeof item['type'] === 'string' ? item['type'] : '';

  for (const variable of NAME_VARIABLES) {
    const names = item[variable];
    if (Array.isArray(names)) item[variable] = names.map(tidyName);
  }

  if (isEnglish(item)) {
    if (SENTENCE_CASE_TITLE_TYPES.has(type) && typeof item['title'] === 'string') {
      item['title'] = toSentenceCase(protectNames(item['title'], groupNames(item)));
    }
    if (BOOK_CONTAINER_TYPES.has(type) && typeof item['container-title'] === 'string') {
      item['container-title'] = toSentenceCase(item['container-title']);
    }
  }

  const edition = item['edition'];
  if (typeof edition === 'string') {
    const n = editionNumber(edition);
    if (n !== undefined) item['edition'] = String(n);
  }

  if (typeof item['DOI'] === 'string') item['DOI'] = bareDoi(item['DOI']);

  const genre = item['genre'];
  if (typeof genre === 'string' && BIBTEX_GENRES.has(genre.toLowerCase())) {
    const word = THESIS_GENRES[genre.toLowerCase()];
    if (word && type === 'thesis') item['genre'] = word;
    else delete item['genre'];
  }

  let publisher = item['publisher'];
  if (Array.isArray(publisher)) {
    publisher = publisher.filter((p) => typeof p === 'string').join(', ');
    item['publisher'] = publisher;
  }
  const group = groupAuthor(item);
  const abbreviation = options.abbreviation?.trim();
  if (typeof publisher === 'string' && group !== undefined && (plain(publisher) === plain(group) || (!!abbreviation && plain(publisher) === plain(abbreviation)))) {
    delete item['publisher'];
  }

  const issued = item['issued'];
  if (issued && typeof issued === 'object' && !Array.isArray(issued)) {
    const literal = (issued as Record<string, unknown>)['literal'];
    if (typeof literal === 'string' && isNoDate(literal)) delete item['issued'];
  }

  return item;
}

/** `n.d.` as people write it: `n.d.`, `n.d`, `nd`, `no date`. */
export function isNoDate(text: string): boolean {
  return /^(?:n\.?\s?d\.?|no date)$/i.test(text.trim());
}
