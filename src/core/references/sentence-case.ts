/**
 * Sentence case for APA titles (`toSentenceCase`), and `protectNames`, which keeps the name of a
 * group author in a title from being lower-cased. Used by the APA fix-ups (`apa.ts`), because
 * citation-js's APA style prints titles as they are stored.
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
 * Association of Social Workers") keeps its capitals (`protectNames`). Titles of items whose
 * `language` is not English are left as they are (`apaFixups` does not call `toSentenceCase`).
 */

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
