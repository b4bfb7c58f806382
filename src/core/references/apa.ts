/**
 * APA 7 fix-ups applied to CSL-JSON items before formatting. citation-js's built-in `apa` style
 * (the CSL APA 7th edition style run by citeproc-js) prints titles as they are stored and
 * cannot compare variables, so these are done here:
 *
 * - titles of articles, books, chapters, reports, theses, web pages (and similar works) in
 *   sentence case, and the title of the book a chapter (or conference paper, or encyclopedia
 *   entry) appears in; names of journals, magazines, newspapers and websites stay as they are;
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
 *   (`E` → `E.`), run-together capital initials split (`JE` → `J. E.`).
 *
 * Sentence case (APA 7 section 6.17, "Sentence case" on apastyle.apa.org): the first word of the
 * title and the first word after a colon, question mark, exclamation mark or em dash are
 * capitalised. A word keeps its capitals when it is protected (braces in BibTeX, which the
 * loader turns into `<span class="nocase">…</span>`, the CSL-JSON convention Zotero and
 * citeproc-js use), when it is an acronym (two or more capitals: HIV, NASW, COVID-19), when it
 * has a capital after its first letter (iPhone, McDonald, O'Brien), when it is the pronoun "I",
 * or when it is a single capital letter: a language named R, vitamin D, Plan B, B-cell. A noun
 * that APA capitalises before a number or letter ("nouns followed by numerals or letters": Type
 * I error, Appendix C, Study 2, Phase 3, Group A) keeps the case the source gives it; only the
 * nouns of a fixed list (type, appendix, study, phase, group, plan, ...) are taken to be such
 * nouns, because "vitamin D" and "hepatitis C" are not places in a series.
 *
 * The letter A and the article "a": "A" as the first word of the title or of a clause is
 * capitalised either way. Anywhere else a capital "A" is taken to be the letter, and kept, when
 * it follows one of those nouns (Group A streptococcus, Plan A), when it ends the title or a
 * phrase (Hepatitis A, Hepatitis A, B, and C), or when the title writes some article in lower
 * case (Vitamin A Deficiency in the Elderly: title case that lower-cases articles never means
 * the article by "A"). Otherwise it is the article, as in titles with every word capitalised
 * (Towards A Theory Of Groups → Towards a theory of groups). A source that means the letter
 * anyway protects it: `{A}`.
 *
 * Every other word is lower-cased: proper nouns (Canada, Ontario, Freud) cannot be told from
 * common words, so they must be protected in the source: `{Canada}` in BibTeX, `<span
 * class="nocase">Canada</span>` in CSL-JSON. One kind of proper noun is known: the name of a
 * group author (or editor) that appears in the title ("Code of ethics of the National
 * Association of Social Workers") keeps its capitals. Titles of items whose `language` is not
 * English are left as they are.
 */

export type CslItem = Record<string, unknown>;

/** The item types of CSL 1.0.2. */
export const CSL_TYPES = new Set([
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast',
  'chapter', 'classic', 'collection', 'dataset', 'document', 'entry', 'entry-dictionary',
  'entry-encyclopedia', 'event', 'figure', 'graphic', 'hearing', 'interview', 'legal_case',
  'legislation', 'manuscript', 'map', 'motion_picture', 'musical_score', 'pamphlet',
  'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication', 'post',
  'post-weblog', 'regulation', 'report', 'review', 'review-book', 'software', 'song', 'speech',
  'standard', 'thesis', 'treaty', 'webpage',
]);


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

const NOCASE_OPEN = /^<span\s+class\s*=\s*["']nocase["']\s*>/i;
const TAG = /^<\/?[a-zA-Z][^>]*>/;
const SPAN_OPEN = /^<span\b[^>]*>/i;
const SPAN_CLOSE = /^<\/span\s*>/i;

interface Segment {
  kind: 'text' | 'tag' | 'protected';
  value: string;
}

/** Split rich text into markup tags, `nocase` spans (kept whole, nesting counted) and text. */
function segments(title: string): Segment[] {
  const out: Segment[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) out.push({ kind: 'text', value: text });
    text = '';
  };
  while (i < title.length) {
    if (title[i] === '<') {
      const rest = title.slice(i);
      const nocase = NOCASE_OPEN.exec(rest);
      if (nocase) {
        // Find the matching </span>, counting nested spans.
        let depth = 0;
        let j = i;
        while (j < title.length) {
          const r = title.slice(j);
          const open = SPAN_OPEN.exec(r);
          const close = open ? null : SPAN_CLOSE.exec(r);
          if (open) {
            depth++;
            j += open[0].length;
          } else if (close) {
            depth--;
            j += close[0].length;
            if (depth === 0) break;
          } else {
            j++;
          }
        }
        flush();
        out.push({ kind: 'protected', value: title.slice(i, j) });
        i = j;
        continue;
      }
      const tag = TAG.exec(rest);
      if (tag) {
        flush();
        out.push({ kind: 'tag', value: tag[0] });
        i += tag[0].length;
        continue;
      }
    }
    text += title[i];
    i++;
  }
  flush();
  return out;
}

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
/** Punctuation after which APA capitalises the next word (closing quotes/brackets may follow). */
const ENDS_CLAUSE = /[:?!—]["'’”)\]]*$/;
/** Punctuation after a word that ends its phrase: "Hepatitis A, B, and C", "Plan B: ...". */
const ENDS_PHRASE = /[,;:.?!)\]]["'’”)\]]*$/;

/**
 * Nouns that APA capitalises when a number or letter follows (Publication Manual 6.19:
 * "nouns followed by numerals or letters that denote a specific place in a numbered series").
 * Only these keep their capital before a label; "vitamin D", "hepatitis C" are not series.
 * "page", "row" and "column" are APA's own exceptions and are not listed.
 */
const SERIES_NOUNS = new Set([
  'appendix', 'arm', 'article', 'axis', 'book', 'category', 'chapter', 'class', 'cohort', 'condition',
  'day', 'division', 'experiment', 'figure', 'form', 'grade', 'group', 'item', 'level', 'model', 'module',
  'option', 'part', 'phase', 'plan', 'round', 'schedule', 'section', 'session', 'stage', 'step', 'study',
  'table', 'tier', 'title', 'trial', 'type', 'unit', 'version', 'volume', 'wave', 'week',
]);

/** A place in a series after a noun: a capital letter (A, B3), a Roman numeral (I, IV), a number (2, 3b). */
const LABEL = /^(?:\p{Lu}\d{0,2}|[IVX]{1,5}|\d+\p{Ll}?)$/u;

/** The letters and digits of a word without the punctuation around it: `(Plan` → `Plan`. */
function core(word: string): string {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Case one word (no spaces); `capitalise` for the first word of the title or of a clause. */
function caseWord(word: string, capitalise: boolean): string {
  // Hyphenated compounds: only the first part may be capitalised ("Meta-analysis", "HIV-infected").
  const parts = word.split(/([-‐])/);
  let first = true;
  return parts
    .map((part) => {
      if (part === '-' || part === '‐') return part;
      const cased = casePart(part, capitalise && first);
      if (HAS_WORD_CHAR.test(part)) first = false;
      return cased;
    })
    .join('');
}

function casePart(part: string, capitalise: boolean): string {
  const m = /^([^\p{L}\p{N}]*)(.*)$/su.exec(part)!;
  const lead = m[1]!;
  const rest = m[2]!;
  if (rest === '') return part;
  // Acronyms and inner capitals (HIV, NASW, iPhone, McDonald, O'Brien, 3D) keep their case.
  if (/\p{Lu}/u.test([...rest].slice(1).join(''))) return part;
  // One capital letter (R, vitamin D, Plan B, B-cell, R's), and the pronoun I (I'm, I've, I'd, I'll).
  if (/^\p{Lu}(?:['’](?:s|m|ve|d|ll))?[^\p{L}\p{N}]*$/u.test(rest)) return part;
  const lower = rest.toLowerCase();
  if (!capitalise) return lead + lower;
  const [firstChar, ...tail] = [...lower];
  return lead + firstChar!.toUpperCase() + tail.join('');
}

interface Token {
  kind: 'tag' | 'protected' | 'space' | 'dash' | 'word';
  value: string;
}

function tokens(title: string): Token[] {
  const out: Token[] = [];
  for (const seg of segments(title)) {
    if (seg.kind !== 'text') {
      out.push({ kind: seg.kind, value: seg.value });
      continue;
    }
    // Words, spaces and em dashes (which may be written without spaces: "Groups—process").
    for (const piece of seg.value.split(/(\s+|—)/)) {
      if (piece === '') continue;
      out.push({ kind: /^\s+$/.test(piece) ? 'space' : piece === '—' ? 'dash' : 'word', value: piece });
    }
  }
  return out;
}

/** The plain text of a word or protected token. */
function tokenText(token: Token): string {
  return token.kind === 'protected' ? token.value.replace(/<[^>]*>/g, '') : token.value;
}

/**
 * Sentence case for an APA title (see the module comment for the rules). Markup (`<i>`, `<b>`,
 * `<sup>`, ...) is kept; `<span class="nocase">…</span>` is left exactly as it is.
 */
export function toSentenceCase(title: string): string {
  const list = tokens(title);
  /** The next (or previous) word or protected token, across markup but not across words. */
  const neighbour = (from: number, step: 1 | -1): Token | undefined => {
    for (let j = from + step; j >= 0 && j < list.length; j += step) {
      const t = list[j]!;
      if (t.kind === 'word' || t.kind === 'protected' || t.kind === 'dash') return t;
    }
    return undefined;
  };
  const isLabel = (t: Token | undefined): boolean => !!t && t.kind !== 'dash' && LABEL.test(core(tokenText(t)));
  const isSeriesNoun = (t: Token | undefined): boolean =>
    !!t && t.kind === 'word' && !ENDS_PHRASE.test(t.value) && SERIES_NOUNS.has(core(t.value).toLowerCase());
  // A title that writes an article in lower case ("a", "an", "the") does not mean the article
  // by a capital "A" in the middle of a clause: that "A" is a letter (Vitamin A in the Diet).
  const lowerArticles = list.some((t) => t.kind === 'word' && /^(?:a|an|the)$/.test(core(t.value)));

  let capitalise = true;
  let out = '';
  list.forEach((token, i) => {
    switch (token.kind) {
      case 'tag':
      case 'space':
        out += token.value;
        return;
      case 'dash':
        out += token.value;
        capitalise = true;
        return;
      case 'protected': {
        out += token.value;
        const inner = tokenText(token);
        if (HAS_WORD_CHAR.test(inner)) capitalise = false;
        if (ENDS_CLAUSE.test(inner.trimEnd())) capitalise = true;
        return;
      }
      case 'word': {
        const word = token.value;
        const next = neighbour(i, 1);
        if (!capitalise && core(word) === 'A') {
          // The article, or the letter A (Group A, Hepatitis A, Vitamin A in the Diet)?
          const letter = isSeriesNoun(neighbour(i, -1)) || ENDS_PHRASE.test(word) || !next || next.kind === 'dash' || lowerArticles;
          out += letter ? word : word.replace('A', 'a');
        } else if (!capitalise && isSeriesNoun(token) && isLabel(next)) {
          out += word; // "Type I error", "Appendix C", "Study 2": as written in the source
        } else {
          out += caseWord(word, capitalise);
        }
        if (HAS_WORD_CHAR.test(word)) capitalise = false;
        if (ENDS_CLAUSE.test(word)) capitalise = true;
        return;
      }
    }
  });
  return out;
}

/** Group (literal) names among the item's authors and editors. */
function groupNames(item: CslItem): string[] {
  const out: string[] = [];
  for (const role of ['author', 'editor']) {
    const names = item[role];
    if (!Array.isArray(names)) continue;
    for (const n of names) {
      if (!n || typeof n !== 'object') continue;
      const r = n as Record<string, unknown>;
      const literal = typeof r['literal'] === 'string' ? r['literal'] : r['given'] === undefined && typeof r['family'] === 'string' ? r['family'] : undefined;
      if (literal && /\p{Lu}/u.test(literal)) out.push(literal.trim());
    }
  }
  return out;
}

/** Wrap each occurrence of `names` in the title's unprotected text in a `nocase` span. */
export function protectNames(title: string, names: string[]): string {
  if (names.length === 0) return title;
  const escaped = names
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return segments(title)
    .map((seg) => (seg.kind === 'text' ? seg.value.replace(pattern, (m) => `<span class="nocase">${m}</span>`) : seg.value))
    .join('');
}

/** The CSL name variables. */
export const NAME_VARIABLES = new Set([
  'author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor',
  'curator', 'director', 'editor', 'editor-translator', 'editorial-director', 'executive-producer',
  'guest', 'host', 'illustrator', 'interviewer', 'narrator', 'organizer', 'original-author',
  'performer', 'producer', 'recipient', 'reviewed-author', 'script-writer', 'series-creator',
  'translator',
]);

/** Spaces collapsed and trimmed, stray commas and semicolons at either end dropped. */
function tidyPart(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/^[\s,;]+|[\s,;]+$/g, '');
}

/**
 * Given names as APA prints them once citeproc has made initials of them: no space before a
 * period (`M .` → `M.`), no doubled periods (`J..` → `J.`), no stray commas, one space between
 * parts, a period after a lone initial (`E` → `E.`, `hooks, b` → `b.`), and run-together capital
 * initials split (`JE` → `J. E.`, as PubMed and Vancouver-style exports write them; two or three
 * capitals, no lower-case letter).
 */
export function tidyGiven(given: string): string {
  const words = tidyPart(given)
    .replace(/\s+\./g, '.')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+/, '')
    .split(' ')
    .filter((word) => word !== '');
  return words
    .map((word) => {
      if (/^\p{L}$/u.test(word)) return `${word}.`;
      if (/^\p{Lu}{2,3}$/u.test(word)) return [...word].map((c) => `${c}.`).join(' ');
      return word;
    })
    .join(' ');
}

/** One CSL name tidied of stray spaces and punctuation (see `tidyGiven`); other fields kept. */
export function tidyName(name: unknown): unknown {
  if (!name || typeof name !== 'object' || Array.isArray(name)) return name;
  const out: Record<string, unknown> = { ...(name as Record<string, unknown>) };
  for (const part of ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle']) {
    const value = out[part];
    if (typeof value !== 'string') continue;
    const tidy = part === 'given' ? tidyGiven(value) : tidyPart(value);
    if (tidy === '') delete out[part];
    else out[part] = tidy;
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
  if (!Array.isArray(authors) || authors.length !== 1) return undefined;
  const a = authors[0] as Record<string, unknown>;
  if (typeof a['literal'] === 'string') return a['literal'];
  if (typeof a['family'] === 'string' && a['given'] === undefined) return a['family'];
  return undefined;
}

const THESIS_GENRES: Record<string, string> = {
  phdthesis: 'Doctoral dissertation',
  mastersthesis: "Master's thesis",
};

const BIBTEX_GENRES = new Set(['techreport', 'phdthesis', 'mastersthesis', 'thesis', 'report']);

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
