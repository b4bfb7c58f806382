/**
 * Locators: how a citation suffix as written after the key (`, pp. 33-35, for details`) splits
 * into locator label, locator and the rest. A port of pandoc 2.17's citeproc glue
 * (`Text.Pandoc.Citeproc.Locator`: `parseLocator` and the parsers it uses), with the en-US
 * locale's locator terms. Each function names the pandoc function it follows; where we differ,
 * the comment says so and why.
 */
import { hasDigit, isHsSpace, isMdSpace, isPunctuation, PLACEHOLDER } from './characters.ts';

/**
 * Locator terms an author may write, mapped to the CSL locator label (the CSL term name).
 *
 * Exactly what pandoc 2.17 recognises: the singular and plural, long and short forms and symbols
 * of the locator terms (`locatorTerms` in `Text.Pandoc.Citeproc.Locator`) in citeproc's en-US
 * locale. Matching ignores case (`P. 3` works). Anything else — `ch.`, `pg`, `tbl.`, `app.` — is
 * not a label; pandoc keeps such text as suffix, and so do we (it prints the same).
 */
export const LOCATOR_LABELS: Readonly<Record<string, string>> = Object.freeze({
  book: 'book', books: 'book', 'bk.': 'book', 'bks.': 'book',
  chapter: 'chapter', chapters: 'chapter', 'chap.': 'chapter', 'chaps.': 'chapter',
  column: 'column', columns: 'column', 'col.': 'column', 'cols.': 'column',
  figure: 'figure', figures: 'figure', 'fig.': 'figure', 'figs.': 'figure',
  folio: 'folio', folios: 'folio', 'fol.': 'folio', 'fols.': 'folio',
  number: 'issue', numbers: 'issue', 'no.': 'issue', 'nos.': 'issue',
  line: 'line', lines: 'line', 'l.': 'line', 'll.': 'line',
  note: 'note', notes: 'note', 'n.': 'note', 'nn.': 'note',
  opus: 'opus', opera: 'opus', 'op.': 'opus', 'opp.': 'opus',
  // `number-of-pages` has the same forms as `page`; pandoc lets `page` win, as here.
  page: 'page', pages: 'page', 'p.': 'page', 'pp.': 'page',
  paragraph: 'paragraph', paragraphs: 'paragraph', 'para.': 'paragraph', 'paras.': 'paragraph', '¶': 'paragraph', '¶¶': 'paragraph',
  part: 'part', parts: 'part', 'pt.': 'part', 'pts.': 'part',
  section: 'section', sections: 'section', 'sec.': 'section', 'secs.': 'section', '§': 'section', '§§': 'section',
  // CSL 1.0.1's name, which pandoc 2.17 uses (CSL 1.0.2 spells it `sub-verbo`; citeproc-js takes both).
  'sub verbo': 'sub verbo', 'sub verbis': 'sub verbo', 's.v.': 'sub verbo', 's.vv.': 'sub verbo',
  verse: 'verse', verses: 'verse', 'v.': 'verse', 'vv.': 'verse',
  volume: 'volume', volumes: 'volume', 'vol.': 'volume', 'vols.': 'volume',
});

/**
 * pandoc splits the suffix into tokens (`splitInp`): a space (Space/SoftBreak), each punctuation
 * character except `:` and each non-breaking/Unicode space on its own, and runs of anything else.
 * An inline node (our placeholder) is a token of its own that is neither.
 */
type Token = { kind: 'space' } | { kind: 'str'; text: string } | { kind: 'node' };

function tokenize(suffix: string): Token[] {
  const tokens: Token[] = [];
  let run = '';
  const flush = () => {
    if (run) tokens.push({ kind: 'str', text: run });
    run = '';
  };
  for (const c of suffix) {
    if (isMdSpace(c)) {
      flush();
      if (tokens.at(-1)?.kind !== 'space') tokens.push({ kind: 'space' });
    } else if (c === PLACEHOLDER) {
      flush();
      tokens.push({ kind: 'node' });
    } else if (isHsSpace(c) || (isPunctuation(c) && c !== ':')) {
      flush();
      tokens.push({ kind: 'str', text: c });
    } else run += c;
  }
  flush();
  return tokens;
}

const show = (t: Token | undefined): string => (t === undefined ? '' : t.kind === 'space' ? ' ' : t.kind === 'node' ? PLACEHOLDER : t.text);
const showAll = (ts: readonly Token[]): string => ts.map(show).join('');
/** `pMatchChar`: a token that is exactly one character satisfying `f`. */
const charTok = (t: Token | undefined, f: (c: string) => boolean): boolean => t?.kind === 'str' && [...t.text].length === 1 && f(t.text);
/** `pSpace`: a space, or a no-break space (which pandoc's `smart` puts after abbreviations like `p.`). */
const spaceTok = (t: Token | undefined): boolean => t?.kind === 'space' || (t?.kind === 'str' && t.text === '\u00a0');
/** `isLocatorPunct`: punctuation that ends a locator word; `-`, `–` (ranges) and `:` do not. */
const locatorPunctTok = (t: Token | undefined): boolean => charTok(t, (c) => c !== '-' && c !== '–' && c !== ':' && isPunctuation(c));

/**
 * pandoc's `romanNumeral True` on the upper-cased token, to the end. The regular expression is
 * the same grammar: every optional part starts with a letter the part before cannot take, so
 * backtracking never accepts what the parser would reject.
 */
const ROMAN = /^M*(?:CM)?D?(?:CD)?C*(?:XC)?L?(?:XL)?X*(?:IX)?V?(?:IV)?I*$/;
const isRoman = (t: Token | undefined): boolean => t?.kind === 'str' && t.text !== '' && ROMAN.test(t.text.toUpperCase());

/** A parsed piece: does it look like a number (digit or roman numeral), its text, where it ends. */
interface Piece {
  digitLike: boolean;
  text: string;
  end: number;
}
type PieceParser = (ts: readonly Token[], i: number) => Piece | undefined;

/** `pPageUnit`: a roman numeral token, or a run of tokens up to a space or locator punctuation. */
const pageUnit: PieceParser = (ts, i) => {
  if (isRoman(ts[i])) return { digitLike: true, text: show(ts[i]), end: i + 1 };
  let j = i;
  while (j < ts.length && !spaceTok(ts[j]) && !locatorPunctTok(ts[j])) j++;
  if (j === i) return undefined;
  const text = showAll(ts.slice(i, j));
  return { digitLike: hasDigit(text), text, end: j };
};

/** `withPeriod`: `.` followed by a page unit. */
const withPeriod: PieceParser = (ts, i) => {
  if (!charTok(ts[i], (c) => c === '.')) return undefined;
  const u = pageUnit(ts, i + 1);
  return u && { digitLike: u.digitLike, text: `.${u.text}`, end: u.end };
};

/** `pPageSeq`: `1`, `1.2`, `1.2.3` (a trailing period is left alone), or `.2`. */
const pageSeq: PieceParser = (ts, i) => {
  const first = pageUnit(ts, i);
  if (!first) return withPeriod(ts, i);
  let piece = first;
  for (let next = withPeriod(ts, piece.end); next; next = withPeriod(ts, piece.end)) {
    piece = { digitLike: piece.digitLike || next.digitLike, text: piece.text + next.text, end: next.end };
  }
  return piece;
};

/**
 * `pBalancedBraces`: one or more of `p`, or `p` (or nothing) wrapped in one level of the given
 * brackets: `34(1)`, `(1)(a)`, `[17]`.
 */
function balanced(pairs: readonly (readonly [string, string])[], p: PieceParser): PieceParser {
  const isBracket = (t: Token | undefined) => charTok(t, (c) => pairs.some(([o, cl]) => c === o || c === cl));
  const surround: PieceParser = (ts, i) => {
    for (const [open, close] of pairs) {
      if (!charTok(ts[i], (c) => c === open)) continue;
      const mid = isBracket(ts[i + 1]) ? undefined : p(ts, i + 1);
      const j = mid ? mid.end : i + 1;
      if (!charTok(ts[j], (c) => c === close)) return undefined;
      return { digitLike: mid?.digitLike ?? false, text: open + (mid?.text ?? '') + close, end: j + 1 };
    }
    return isBracket(ts[i]) ? undefined : p(ts, i);
  };
  return (ts, i) => {
    let piece: Piece | undefined;
    for (let next = surround(ts, i); next; next = surround(ts, piece.end)) {
      piece = piece ? { digitLike: piece.digitLike || next.digitLike, text: piece.text + next.text, end: next.end } : next;
    }
    return piece;
  };
}

const integratedWord = balanced([['(', ')'], ['[', ']'], ['{', '}']], pageSeq);

/**
 * `pLocatorWordIntegrated`: a locator word, after a `,`/`;` (not for the first word) and a space.
 * The separator and space are part of the locator text (`33, 35`).
 */
function locatorWord(ts: readonly Token[], i: number, isFirst: boolean): Piece | undefined {
  let text = '';
  if (!isFirst && charTok(ts[i], (c) => c === ',' || c === ';')) text += show(ts[i++]);
  if (spaceTok(ts[i])) {
    text += ' ';
    i++;
  }
  const w = integratedWord(ts, i);
  return w && { digitLike: w.digitLike, text: text + w.text, end: w.end };
}

/** The length of the longest locator term ("sub verbis"). */
const LONGEST_LABEL = Math.max(...Object.keys(LOCATOR_LABELS).map((k) => k.length));

interface Label {
  raw: string;
  label: string;
  implicit: boolean;
  end: number;
}

/**
 * `pLocatorLabel'`: grow a string token by token, each time up to where `lim` would match, and
 * keep the longest one that is a locator term (ignoring case and surrounding space).
 */
function locatorLabel(ts: readonly Token[], i: number, lim: (ts: readonly Token[], i: number) => boolean): Label | undefined {
  const go = (acc: string, at: number): Label | undefined => {
    if (at >= ts.length) return undefined;
    let j = at + 1;
    while (!lim(ts, j)) {
      if (j >= ts.length) return undefined;
      j++;
    }
    const s = acc + showAll(ts.slice(at, j));
    const stripped = hsStrip(s);
    // The string only grows: once longer than any term (twice, for lower-casing that lengthens), none can match.
    if (stripped.length > 2 * LONGEST_LABEL) return undefined;
    const label = LOCATOR_LABELS[stripped.toLowerCase()];
    if (label !== undefined) return go(s, j) ?? { raw: s, label, implicit: false, end: j };
    return go(s, j);
  };
  return go('', i);
}

/** `T.strip`: Haskell `isSpace` on both ends. */
function hsStrip(s: string): string {
  const cs = [...s];
  while (cs.length && isHsSpace(cs[0]!)) cs.shift();
  while (cs.length && isHsSpace(cs.at(-1)!)) cs.pop();
  return cs.join('');
}

interface Locator {
  label: string;
  locator: string;
  end: number;
}

/**
 * `pLocatorDelimited`: `{...}` forces a locator: an optional term then anything (brackets
 * balanced one level) up to the closing brace; with no term the label is `page`.
 */
function delimitedLocator(ts: readonly Token[], i: number): Locator | undefined {
  if (!charTok(ts[i], (c) => c === '{')) return undefined;
  i++;
  while (spaceTok(ts[i])) i++;
  const label = locatorLabel(ts, i, (t, j) => j < t.length) ?? { raw: '', label: 'page', implicit: true, end: i };
  const anyToken: PieceParser = (t, j) => (j < t.length ? { digitLike: true, text: show(t[j]), end: j + 1 } : undefined);
  const inner = balanced([['{', '}'], ['[', ']']], anyToken);
  let locator = '';
  let j = label.end;
  for (let piece = inner(ts, j); piece; piece = inner(ts, j)) {
    locator += piece.text;
    j = piece.end;
  }
  if (!charTok(ts[j], (c) => c === '}')) return undefined;
  return { label: label.label, locator, end: j + 1 };
}

/**
 * `pLocatorIntegrated`: a term followed by words that contain a digit or are roman numerals
 * (`p. 33`, `pp. 33-35, 40`, `sec. II.A.5`, `p. iv`); or, with no term, words that contain a digit
 * (`33`, `1.07(f)`), labelled `page`.
 */
function integratedLocator(ts: readonly Token[], i: number): Locator | undefined {
  const lim = (t: readonly Token[], j: number) => locatorWord(t, j, true)?.digitLike ?? false;
  const digital = (t: readonly Token[], j: number) => hasDigit(locatorWord(t, j, true)?.text ?? '');
  const label = locatorLabel(ts, i, lim) ?? (digital(ts, i) ? { raw: '', label: 'page', implicit: true, end: i } : undefined);
  if (!label) return undefined;
  const ok = (w: Piece | undefined): w is Piece => w !== undefined && (label.implicit ? hasDigit(w.text) : w.digitLike);
  const first = locatorWord(ts, label.end, !label.implicit);
  if (!ok(first)) return undefined;
  let locator = first.text;
  let j = first.end;
  for (let w = locatorWord(ts, j, false); ok(w); w = locatorWord(ts, j, false)) {
    locator += w.text;
    j = w.end;
  }
  return { label: label.label, locator, end: j };
}

/**
 * pandoc's `parseLocator` (`pLocatorWords`, `maybeAddComma`): split a citation suffix as written
 * after the key (`, pp. 33-35, for details`) into locator label, locator and the rest.
 *
 * - optional `,` and space, then a forced `{...}` locator or a term-led or bare-number one;
 * - the rest is the suffix, verbatim;
 * - with no locator, a suffix that does not start with a space or punctuation gets `, ` in front
 *   (`@key [see above]` → `, see above`).
 *
 * Differences: hyphen ranges between numbers become en dashes (`33-35` → `33–35`, as pandoc's
 * `smart` extension does for `33--35` and CSL output does for all); an empty forced locator
 * (`@key{}`) is no locator (pandoc 2.17 hands CSL an empty page locator, which prints nothing);
 * a suffix that is only space is no suffix.
 */
export function parseLocator(suffix: string): { label?: string; locator?: string; suffix?: string } {
  const ts = tokenize(suffix);
  let i = 0;
  if (charTok(ts[i], (c) => c === ',')) i++;
  if (spaceTok(ts[i])) i++;
  const found = delimitedLocator(ts, i) ?? integratedLocator(ts, i);
  let rest: Token[];
  const out: { label?: string; locator?: string; suffix?: string } = {};
  if (found) {
    rest = ts.slice(found.end);
    if (found.locator !== '') {
      out.label = found.label;
      out.locator = found.locator.replace(/(\d)\s*-+\s*(?=\d)/g, '$1–');
    }
  } else {
    const t = ts[0];
    const keep = t === undefined || t.kind === 'space' || (t.kind === 'str' && isPunctuation([...t.text][0]!));
    rest = keep ? ts : [{ kind: 'str', text: ',' }, { kind: 'space' }, ...ts];
  }
  const text = showAll(rest);
  if (text.trim() !== '') out.suffix = text;
  return out;
}
