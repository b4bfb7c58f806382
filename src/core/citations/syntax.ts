/**
 * Pandoc citation syntax as plain string parsing (no Markdown): `[@key]`, `[see @a, p. 33; @b]`,
 * `[-@key]`, narrative `@key` and `@key [p. 33]`, braced keys `@{...}`.
 *
 * This is a port of pandoc 2.17's own parsers, not a re-invention, so that a knowledge base means
 * the same thing here as it does under `pandoc --citeproc`:
 *
 * - which `[...]` and `@...` are citations, and how a cluster splits into items, prefixes, keys
 *   and suffixes: pandoc's Markdown reader (`Text.Pandoc.Readers.Markdown`: `cite`, `normalCite`,
 *   `textualCite`, `bareloc`, `citation`, `prefix`, `suffix`; `Text.Pandoc.Parsing`: `citeKey`,
 *   `simpleCiteIdentifier`, `charsInBalanced`, `notAfterString`);
 * - how a suffix splits into locator label, locator and the rest: pandoc's citeproc glue
 *   (`Text.Pandoc.Citeproc.Locator.parseLocator`), with the en-US locale's locator terms.
 *
 * Each function below names the pandoc function it follows. Where we deliberately differ, the
 * comment says so and why; `tests/unit/citations/conformance.test.ts` checks all of it against a
 * table generated with real pandoc (`tests/fixtures/citations/pandoc-conformance.json`, made by
 * `scripts/pandoc-citations.mjs`).
 *
 * Input conventions (set by the Markdown layer that calls us):
 * - the text is the *value* of a run of inline Markdown, backslash escapes already removed;
 *   `options.escaped(offset)` says whether the character there was escaped in the source. An
 *   escaped character is never syntax: `\@key` is literal text, `\[` opens nothing, `\;` and
 *   `\]` separate and close nothing.
 * - every inline node that is not plain text (emphasis, code, links, ...) is one U+FFFC
 *   placeholder. Placeholders may sit in a prefix or suffix (kept verbatim) but never in a key.
 */

export interface CitationItem {
  /** The citation key as written; for `@{...}` without the braces. */
  key: string;
  /** Text before the key, trimmed (`see` in `[see @key]`). A CSL processor adds the space. */
  prefix?: string;
  /**
   * Text after the key and locator exactly as pandoc's citeproc hands it to CSL, leading comma or
   * space included: `, for details` in `[@key, p. 33, for details]`, ` and passim` in
   * `[@key, p. 33 and passim]`, `, see above` in `[@key, see above]`.
   */
  suffix?: string;
  /** The locator, e.g. `33–35` (hyphen ranges between numbers become an en dash). */
  locator?: string;
  /** CSL locator label (CSL term name): `page`, `chapter`, `section`, `sub verbo`, ... */
  label?: string;
  /** `[-@key]`: the author is already named in the text. */
  suppressAuthor?: boolean;
  /** Offset of the `@` in the scanned text. */
  offset: number;
}

export interface CitationCluster {
  /**
   * `parenthetical` for `[...]`; `narrative` for `@key` in running text. In a narrative cluster
   * the first item is the author-in-text one; any further items come from a bracket right after
   * it (`@a [@b]` reads, as in pandoc, as one cluster of `a` narrative and `b` parenthetical).
   */
  mode: 'parenthetical' | 'narrative';
  items: CitationItem[];
  /** Offsets of the whole citation in the scanned text (`end` exclusive), and its text. */
  start: number;
  end: number;
  raw: string;
}

export interface SyntaxProblem {
  rule: 'citation/empty' | 'citation/malformed';
  /** What is wrong, naming what was written. */
  message: string;
  /** How to fix it. */
  hint: string;
  offset: number;
}

export interface ScanResult {
  /** Text pieces and clusters in order; joined (clusters as `raw`) they give back the text. */
  parts: (string | CitationCluster)[];
  problems: SyntaxProblem[];
}

export interface ScanOptions {
  /** True when the character at this offset was backslash-escaped in the Markdown source. */
  escaped?: (offset: number) => boolean;
}

/** The placeholder the Markdown layer puts in the text for each non-text inline node. */
export const PLACEHOLDER = '\uFFFC';

// ---------------------------------------------------------------------------------------------
// Locator terms
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Character classes, as Haskell's Data.Char defines them (pandoc's parsers use these)
// ---------------------------------------------------------------------------------------------

/** `isAlphaNum`: any Unicode letter or number (not marks). */
/** A letter or digit (the ASCII test first: it is nearly every character scanned). */
const isAlphaNum = (c: string): boolean => {
  const k = c.charCodeAt(0);
  if (k < 128) return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
  return /^[\p{L}\p{N}]$/u.test(c);
};
/** `isSpace`: tab, newline, vertical tab, form feed, carriage return, or a Unicode space (Zs, so also U+00A0). */
const isHsSpace = (c: string): boolean => /^[\t\n\v\f\r\p{Zs}]$/u.test(c);
/** `isPunctuation`: Unicode punctuation (Pc, Pd, Ps, Pe, Pi, Pf, Po). */
const isPunctuation = (c: string): boolean => /^\p{P}$/u.test(c);
/** `isDigit`: ASCII digits only. */
const hasDigit = (s: string): boolean => /[0-9]/.test(s);
/** The Markdown reader's `spaceChar`/`isSpaceChar`: what becomes a Space or SoftBreak. */
const isMdSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
/** Characters allowed inside (not at the end of) an unbraced key. */
const KEY_INTERNAL = ':.#$%&-+?<>~/';

/** Collapse whitespace runs to one space, as pandoc's inline builder does (Space, SoftBreak). */
const collapse = (s: string): string => s.replace(/[ \t\r\n]+/g, ' ');
/** `trimInlines`: drop leading and trailing Space/SoftBreak (not no-break spaces, which are text). */
const trimSpace = (s: string): string => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

// ---------------------------------------------------------------------------------------------
// The scanner: pandoc's Markdown citation parsers over a text value
// ---------------------------------------------------------------------------------------------

/** One citation as pandoc's Markdown reader sees it, before the locator is split off. */
interface RawItem {
  key: string;
  suppress: boolean;
  /** Offset of the `@`. */
  at: number;
  /**
   * Where the prefix and suffix are in the text, and whether a space came before the suffix.
   * Their text is made only for citations we keep (`toItem`): a suffix pandoc reads in a bracket
   * that never closes can run to the end of the text, for every `@` in it.
   */
  prefixRange: [number, number];
  suffixRange: [number, number];
  suffixSpace: boolean;
  /** A citation nested in this item's prefix or suffix (pandoc allows it): offset of its `@`. */
  nested?: { at: number; in: 'prefix' | 'suffix' };
}

interface Parsed {
  items: RawItem[];
  end: number;
}

interface Key {
  key: string;
  suppress: boolean;
  at: number;
  end: number;
}

/** A stretch of prefix or suffix text and where it ends. */
interface Run {
  end: number;
  nestedAt: number | undefined;
}
/** How a prefix or suffix read ends: where, whether through a `]`; null when it fails. */
type RunEnd = (Run & { closed: boolean }) | null;

/** pandoc's `noteMarker`: `[^label]`. */
const NOTE_REF = /\[\^[^\s\]]+\]/y;

/** Brackets nested deeper than this are not read as citations (see `Scanner.depth`). */
const MAX_NESTING = 16;

class Scanner {
  readonly text: string;
  readonly escapedAt: (offset: number) => boolean;
  /** Memo of `normalCite`/`textualCite` by start offset: nested brackets would otherwise re-parse. */
  readonly normalMemo = new Map<number, Parsed | null>();
  readonly textualMemo = new Map<number, Parsed | null>();
  /**
   * How deep brackets nest right now. pandoc recurses without limit; we stop at a depth no
   * author writes, so that `[[[[...` cannot exhaust the stack. (Results cut off by the limit are
   * not memoised.)
   */
  depth = 0;
  /** `[` offset → offset after its matching `]` (see `balancedBracket`). */
  closing: Map<number, number> | undefined;
  /**
   * Where a prefix or suffix read from a given state ends. The state is the offset and whether a
   * `str` ends there; a read from any start passes through states whose outcome does not depend
   * on the start, so every state is read once and `[[[[...` stays linear.
   */
  readonly runs = { prefix: new Map<number, RunEnd>(), suffix: new Map<number, RunEnd>() };

  constructor(text: string, escaped: (offset: number) => boolean) {
    this.text = text;
    this.escapedAt = escaped;
  }

  /** Is the character at `i` this syntax character (and not backslash-escaped)? */
  is(i: number, ch: string): boolean {
    return this.text[i] === ch && !this.escapedAt(i);
  }

  /** The code point at `i` (a whole surrogate pair), or '' past the end. */
  cp(i: number): string {
    const k = this.text.charCodeAt(i);
    if (Number.isNaN(k)) return '';
    // Outside the surrogate range a code unit is a whole code point.
    if (k < 0xd800 || k > 0xdbff) return this.text[i]!;
    const c = this.text.codePointAt(i)!;
    return String.fromCodePoint(c);
  }

  /**
   * pandoc's inline parser, one element at `i`, as far as citations care. pandoc reads text
   * inline by inline and looks for a citation only where an element starts; and a citation may
   * not start right where a `str` element ends (`notAfterString`), which keeps `name@example.org`
   * from being one. So we step the same way and track where the last `str` ended (`strEnd`):
   *
   * - `str`: letters and digits, with single periods (`a.b`, `e.g.`);
   * - with pandoc's `smart` extension, `...` (ellipsis) and `--`/`---` (dashes) are one element
   *   each, so `wait...@k` is a citation and `[see --@k]` is not suppress-author;
   * - `@label` that is not a citation is one element (pandoc's `exampleRef`), and is no `str`:
   *   in `x@y@z` the `@z` is a citation, as in pandoc;
   * - an escaped character is its own element, never a `str`;
   * - our choice: a placeholder (an inline node) ends a `str`. For emphasis, by far the most
   *   common node, that is pandoc's rule too (`*Smith*@key` is no citation).
   *
   * With `cites` (inside a citation's prefix or suffix), a `[` or `@` that starts a citation is
   * that whole (nested) citation, and its first `@` is returned as `nestedAt`; and a balanced
   * `[...]` that is not a citation is one element, as pandoc reads it as a footnote reference or
   * a link (kept as literal text when no such link is defined): so `]` inside it closes nothing,
   * and `[see [1] @key]` is a citation with the prefix `see [1]`.
   */
  step(i: number, strEnd: number, cites: boolean): { next: number; strEnd: number; nestedAt?: number } {
    const c = this.cp(i);
    if (this.escapedAt(i)) return { next: i + c.length, strEnd };
    if (cites && c === '[') {
      // `note`: `[^label]`, a label with no spaces.
      if (this.is(i + 1, '^')) {
        NOTE_REF.lastIndex = i;
        const m = NOTE_REF.exec(this.text);
        if (m) return { next: i + m[0].length, strEnd };
      }
      const nested = this.normalCite(i);
      if (nested) return { next: nested.end, strEnd, nestedAt: nested.items[0]!.at };
      // `link`: a balanced bracket, and then a second one (`[text][ref]`) unless that is a citation.
      const end = this.balancedBracket(i);
      if (end !== undefined) {
        const second = this.is(end, '[') && !this.normalCite(end) ? this.balancedBracket(end) : undefined;
        return { next: second ?? end, strEnd };
      }
    }
    if (c === '@') {
      if (cites && strEnd !== i) {
        const nested = this.textualCite(i);
        if (nested) return { next: nested.end, strEnd, nestedAt: i };
      }
      // `exampleRef`: `@`, then runs of letters and digits joined by single `_` or `-`.
      let j = i + 1;
      for (;;) {
        const k = this.is(j, '_') || this.is(j, '-') ? j + 1 : j;
        let e = k;
        while (e < this.text.length && !this.escapedAt(e) && isAlphaNum(this.cp(e))) e += this.cp(e).length;
        if (e === k) break;
        j = e;
      }
      return { next: j, strEnd };
    }
    if (c === PLACEHOLDER) return { next: i + 1, strEnd: i + 1 };
    if (c === '-') return { next: !this.is(i + 1, '-') ? i + 1 : this.is(i + 2, '-') ? i + 3 : i + 2, strEnd };
    if (c === '.' && this.is(i + 1, '.') && this.is(i + 2, '.')) return { next: i + 3, strEnd };
    // `str`: `many1 (many1 alphaNum <|> '.' notFollowedBy '.')`.
    let j = i;
    for (;;) {
      const d = this.cp(j);
      if (d !== '' && !this.escapedAt(j) && isAlphaNum(d)) j += d.length;
      else if (this.is(j, '.') && !this.is(j + 1, '.')) j++;
      else break;
    }
    if (j > i) return { next: j, strEnd: j };
    return { next: i + (c.length || 1), strEnd };
  }

  /**
   * pandoc's `inlinesInBalancedBrackets` (not after `[^`): the offset after the `]` matching the
   * `[` at `i`, escaped brackets not counting.
   */
  balancedBracket(i: number): number | undefined {
    if (!this.is(i, '[') || this.is(i + 1, '^')) return undefined;
    if (!this.closing) {
      // Match all brackets once, with a stack (the same pairs as counting depth from each `[`).
      this.closing = new Map();
      const open: number[] = [];
      for (let j = 0; j < this.text.length; j++) {
        if (this.is(j, '[')) open.push(j);
        else if (this.is(j, ']') && open.length) this.closing.set(open.pop()!, j + 1);
      }
    }
    return this.closing.get(i);
  }

  /** The offsets of `@` where pandoc would look for a citation, between `from` and `to`. */
  citationStarts(from: number, to: number): number[] {
    const found: number[] = [];
    let strEnd = -1;
    for (let j = from; j < to; ) {
      if (this.is(j, '@') && strEnd !== j) found.push(j);
      ({ next: j, strEnd } = this.step(j, strEnd, false));
    }
    return found;
  }

  /**
   * pandoc's `spnl`: spaces, at most one newline, spaces, and no second newline (a blank line
   * ends the paragraph, so it cannot occur in a text value, but the rule costs nothing).
   */
  spnl(i: number): number | undefined {
    const t = this.text;
    while (t[i] === ' ' || t[i] === '\t') i++;
    if (t[i] === '\n') {
      i++;
      while (t[i] === ' ' || t[i] === '\t') i++;
    }
    return t[i] === '\n' ? undefined : i;
  }

  /**
   * pandoc's `simpleCiteIdentifier`: starts with a letter, digit or `_`; then letters, digits and
   * `_`, plus the internal punctuation `:.#$%&-+?<>~/` when a letter, digit or `_` follows (so
   * trailing punctuation and doubled punctuation end the key), plus `:` or `/` before `/` (URLs).
   * Differences: pandoc also takes `*` alone (`@*`, which only means something in `nocite`
   * metadata); we do not. An escaped character or a placeholder always ends the key.
   */
  simpleKey(i: number): number | undefined {
    const regchar = (j: number): boolean => {
      const c = this.cp(j);
      return c !== '' && !this.escapedAt(j) && (c === '_' || isAlphaNum(c));
    };
    if (!regchar(i)) return undefined;
    let j = i + this.cp(i).length;
    for (;;) {
      const c = this.text[j];
      if (c === undefined) break;
      if (regchar(j)) j += this.cp(j).length;
      else if (!this.escapedAt(j) && KEY_INTERNAL.includes(c) && regchar(j + 1)) j++;
      else if (!this.escapedAt(j) && (c === ':' || c === '/') && this.is(j + 1, '/')) j++;
      else break;
    }
    return j;
  }

  /**
   * pandoc's `charsInBalanced '{' '}' (satisfy (not . isSpace))`: `@{...}` with balanced inner
   * braces and no whitespace. Returns the offset after the closing brace. (A placeholder inside
   * is a failure too: keys are plain text.)
   */
  bracedKey(i: number): number | undefined {
    if (!this.is(i, '{')) return undefined;
    let depth = 0;
    for (let j = i; j < this.text.length; j++) {
      const c = this.text[j]!;
      if (this.is(j, '{')) depth++;
      else if (this.is(j, '}')) {
        depth--;
        if (depth === 0) return j + 1;
      } else if (isHsSpace(c) || c === PLACEHOLDER) return undefined;
    }
    return undefined;
  }

  /**
   * pandoc's `citeKey True`: optional `-`, `@`, then a simple or braced key. (Its
   * `notAfterString` guard is the caller's: see `step`.)
   */
  citeKey(i: number): Key | undefined {
    let j = i;
    const suppress = this.is(j, '-');
    if (suppress) j++;
    if (!this.is(j, '@')) return undefined;
    const simple = this.simpleKey(j + 1);
    if (simple !== undefined) return { key: this.text.slice(j + 1, simple), suppress, at: j, end: simple };
    const braced = this.bracedKey(j + 1);
    if (braced !== undefined) return { key: this.text.slice(j + 2, braced - 1), suppress, at: j, end: braced };
    return undefined;
  }

  /**
   * Read inline elements from `i` until `stop` says where the run ends (or that it fails);
   * remembers the outcome of every state passed (see `runs`). Also returns the first nested
   * citation met on the way.
   */
  run(kind: 'prefix' | 'suffix', i: number, stop: (j: number, strEnd: number) => RunEnd | undefined): RunEnd {
    const memo = this.runs[kind];
    const path: [number, number | undefined][] = [];
    let j = i;
    let strEnd = -1;
    let result: RunEnd;
    for (;;) {
      const state = j * 2 + (strEnd === j ? 1 : 0);
      if (memo.has(state)) {
        result = memo.get(state) as RunEnd;
        break;
      }
      const stopped = stop(j, strEnd);
      if (stopped !== undefined) {
        result = stopped;
        memo.set(state, stopped);
        break;
      }
      const step = this.step(j, strEnd, true);
      path.push([state, step.nestedAt]);
      ({ next: j, strEnd } = step);
    }
    for (let k = path.length - 1; k >= 0; k--) {
      const [state, nestedAt] = path[k]!;
      if (result && nestedAt !== undefined) result = { ...result, nestedAt };
      memo.set(state, result);
    }
    return result;
  }

  /**
   * pandoc's `prefix`: inline elements up to the next key (`-@key` or `@key` where a citation may
   * start), or through a `]`; a `;` fails it. Returns where the key starts.
   */
  prefix(i: number): RunEnd {
    return this.run('prefix', i, (j, strEnd) => {
      if (j >= this.text.length) return null;
      if (this.is(j, ']')) return { end: j + 1, closed: true, nestedAt: undefined };
      // `lookAhead (optional (char ';' >> spnl) >> citeKey)` ends the prefix at a `;`, and then
      // the key itself fails there; `notFollowedBy (char ';')` fails it otherwise. Either way the
      // citation fails.
      if (this.is(j, ';')) return null;
      if ((this.is(j, '@') || this.is(j, '-')) && strEnd !== j && this.citeKey(j)) return { end: j, closed: false, nestedAt: undefined };
      return undefined;
    });
  }

  /** pandoc's `suffix`: inline elements up to `;` or `]`, with a leading space kept as one. */
  suffix(i: number): (Run & { space: boolean; start: number }) | undefined {
    const hasSpace = isMdSpace(this.text[i]) || i >= this.text.length;
    const start = this.spnl(i);
    if (start === undefined) return undefined;
    const { end, nestedAt } = this.run('suffix', start, (j) =>
      j >= this.text.length || this.is(j, ';') || this.is(j, ']') ? { end: j, closed: false, nestedAt: undefined } : undefined,
    )!;
    return { space: hasSpace, start, end, nestedAt };
  }

  /** pandoc's `citation`: prefix, key, suffix. */
  citation(i: number): { item: RawItem; end: number } | undefined {
    const pre = this.prefix(i);
    if (!pre) return undefined;
    const key = this.citeKey(pre.end);
    if (!key) return undefined;
    const suf = this.suffix(key.end);
    if (!suf) return undefined;
    const prefixEnd = pre.closed ? pre.end - 1 : pre.end;
    const item: RawItem = {
      key: key.key,
      suppress: key.suppress,
      at: key.at,
      suffixSpace: suf.space,
      prefixRange: [i, prefixEnd],
      suffixRange: [suf.start, suf.end],
    };
    if (pre.nestedAt !== undefined) item.nested = { at: pre.nestedAt, in: 'prefix' };
    else if (suf.nestedAt !== undefined) item.nested = { at: suf.nestedAt, in: 'suffix' };
    return { item, end: suf.end };
  }

  /** pandoc's `citeList`: `sepBy1 citation (char ';' >> spnl)`; a `;` not followed by a citation fails it. */
  citeList(i: number): Parsed | undefined {
    const first = this.citation(i);
    if (!first) return undefined;
    const items = [first.item];
    let j = first.end;
    while (this.is(j, ';')) {
      const k = this.spnl(j + 1);
      if (k === undefined) break;
      const next = this.citation(k);
      if (!next) return undefined;
      items.push(next.item);
      j = next.end;
    }
    return { items, end: j };
  }

  /** Not followed by `{`, `(` or `[`: then it is a link or bracketed span, not a citation. */
  freeAfterBracket(i: number, forbidden: string): boolean {
    const c = this.text[i];
    return c === undefined || !forbidden.includes(c) || this.escapedAt(i);
  }

  /** pandoc's `normalCite`: `[`, citations separated by `;`, `]`, not followed by `{([`. */
  normalCite(i: number): Parsed | undefined {
    const memo = this.normalMemo.get(i);
    if (memo !== undefined) return memo ?? undefined;
    if (this.depth >= MAX_NESTING) return undefined;
    this.depth++;
    let result: Parsed | undefined;
    const start = this.is(i, '[') ? this.spnl(i + 1) : undefined;
    const list = start === undefined ? undefined : this.citeList(start);
    const close = list ? this.spnl(list.end) : undefined;
    if (list && close !== undefined && this.is(close, ']') && this.freeAfterBracket(close + 1, '{([')) {
      result = { items: list.items, end: close + 1 };
    }
    this.depth--;
    this.normalMemo.set(i, result ?? null);
    return result;
  }

  /**
   * pandoc's `textualCite`: `@key`, then optionally (after spaces) either a bracketed citation
   * list (`@a [@b]`, items added after the narrative one) or `bareloc`: a bracket holding the
   * narrative item's own suffix, optionally followed by `; more citations` (`@a [p. 3; @b]`).
   */
  textualCite(i: number): Parsed | undefined {
    const memo = this.textualMemo.get(i);
    if (memo !== undefined) return memo ?? undefined;
    if (this.depth >= MAX_NESTING) return undefined;
    this.depth++;
    let result: Parsed | undefined;
    const key = this.is(i, '@') ? this.citeKey(i) : undefined;
    if (key) {
      const first: RawItem = { key: key.key, suppress: false, at: i, prefixRange: [i, i], suffixRange: [key.end, key.end], suffixSpace: false };
      const open = this.spnl(key.end);
      const list = open === undefined ? undefined : this.normalCite(open);
      if (list) result = { items: [first, ...list.items], end: list.end };
      else if (open !== undefined && this.is(open, '[') && !this.is(open + 1, '^')) {
        const suf = this.suffix(open + 1);
        if (suf) {
          let j = suf.end;
          let rest: RawItem[] = [];
          if (this.is(j, ';')) {
            const k = this.spnl(j + 1);
            const more = k === undefined ? undefined : this.citeList(k);
            if (more) {
              rest = more.items;
              j = more.end;
            }
          }
          const close = this.spnl(j);
          if (close !== undefined && this.is(close, ']') && this.freeAfterBracket(close + 1, '[(')) {
            first.suffixRange = [suf.start, suf.end];
            first.suffixSpace = suf.space;
            if (suf.nestedAt !== undefined) first.nested = { at: suf.nestedAt, in: 'suffix' };
            result = { items: [first, ...rest], end: close + 1 };
          }
        }
      }
      result ??= { items: [first], end: key.end };
    }
    this.depth--;
    this.textualMemo.set(i, result ?? null);
    return result;
  }
}

// ---------------------------------------------------------------------------------------------
// Locators: pandoc's Text.Pandoc.Citeproc.Locator
// ---------------------------------------------------------------------------------------------

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
    const label = LOCATOR_LABELS[hsStrip(s).toLowerCase()];
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

// ---------------------------------------------------------------------------------------------
// Problems an author wants to hear about
// ---------------------------------------------------------------------------------------------

/**
 * Quote text for a message: backticks, whitespace collapsed, and `…` for an inline node (we only
 * see its placeholder, not how it was written).
 */
const q = (s: string): string => {
  const t = collapse(s).trim().replaceAll(PLACEHOLDER, '…');
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
};

/**
 * Where pandoc finds no citation in `[...]` we stay silent unless the author clearly meant one.
 * Returns problems (and where the bracket ends) when the bracket, read flat up to its first `]`,
 * has an `@` where a citation may start and that `@` carries a key, carries none (`[@]`,
 * `[see @, p. 3]`), or opens the item but fails (`[@ smith]`, `[@{a b}]`). Brackets around
 * nested brackets are left to the inner bracket; brackets that fail only because `(`, `[` or `{`
 * follow (links, spans) are left to pandoc's reading.
 */
function diagnose(s: Scanner, open: number): { problems: SyntaxProblem[]; end: number } | undefined {
  const t = s.text;
  let close = -1;
  for (let j = open + 1; j < t.length; j++) {
    if (s.is(j, '[')) return undefined;
    if (s.is(j, ']')) {
      close = j;
      break;
    }
  }
  if (close < 0) return undefined;
  const raw = t.slice(open, close + 1);
  // Split into items at `;`.
  const items: { start: number; end: number }[] = [];
  let from = open + 1;
  for (let j = open + 1; j <= close; j++) {
    if (j === close || s.is(j, ';')) {
      items.push({ start: from, end: j });
      from = j + 1;
    }
  }
  type Kind =
    | { kind: 'empty' | 'text' | 'cite' }
    | { kind: 'no-key' | 'bad-key'; at: number };
  const classify = (start: number, end: number): Kind => {
    const body = t.slice(start, end);
    if (body.trim() === '') return { kind: 'empty' };
    let firstAt: number | undefined;
    for (const j of s.citationStarts(start, end)) {
      firstAt ??= j;
      if (s.simpleKey(j + 1) !== undefined || (s.bracedKey(j + 1) ?? Infinity) <= end) return { kind: 'cite' };
      if (/^\s*(,|$)/.test(t.slice(j + 1, end))) return { kind: 'no-key', at: j };
      if (s.is(j + 1, '{')) return { kind: 'bad-key', at: j }; // a braced key gone wrong
    }
    // `@` opening the item (after spaces and an optional `-`) but followed by no key: a space
    // then a word is a misplaced space; a space then anything else is an `@` with no key.
    if (firstAt !== undefined && /^\s*-?$/.test(t.slice(start, firstAt))) {
      const after = t.slice(firstAt + 1, end);
      return { kind: /^\s/.test(after) && !/^\s+[\p{L}\p{N}_]/u.test(after) ? 'no-key' : 'bad-key', at: firstAt };
    }
    return { kind: 'text' };
  };
  const kinds = items.map((it) => classify(it.start, it.end));
  if (!kinds.some((k) => k.kind !== 'empty' && k.kind !== 'text')) return undefined;

  const problems: SyntaxProblem[] = [];
  const withoutEmpty = items.filter((_, n) => kinds[n]!.kind !== 'empty').map((it) => trimSpace(collapse(t.slice(it.start, it.end))));
  kinds.forEach((k, n) => {
    const it = items[n]!;
    const body = t.slice(it.start, it.end);
    if (k.kind === 'empty') {
      const where = items.length === 1 ? 'nothing between `[` and `]`' : n === 0 ? 'nothing before the first `;`' : n === items.length - 1 ? 'nothing between the last `;` and `]`' : 'nothing between two `;`';
      problems.push({
        rule: 'citation/empty',
        message: `the citation ${q(raw)} has an empty item (${where})`,
        hint: `remove the extra \`;\` (\`[${withoutEmpty.join('; ')}]\`), or put a source there`,
        offset: n === 0 ? open : it.start - 1,
      });
    } else if (k.kind === 'text') {
      problems.push({
        rule: 'citation/malformed',
        message: `${q(body)} in the citation ${q(raw)} names no source`,
        hint: 'each item between `;` needs its own `@key`; to comment on a source, write the words after its key: `[@a, see also chapter 2]`',
        offset: it.start,
      });
    } else if (k.kind === 'no-key') {
      const whole = /^\s*-?@\s*$/.test(body) && items.length === 1;
      problems.push({
        rule: 'citation/empty',
        message: whole ? `${q(raw)} is an empty citation: \`@\` with no key` : `\`@\` with no key in the citation ${q(raw)}`,
        hint: 'write the key of a reference right after `@`, e.g. `[@smith2020]`, or remove the `@`',
        offset: k.at,
      });
    } else if (k.kind === 'bad-key') {
      problems.push({ rule: 'citation/malformed', ...badKey(s, k.at, it.end, raw), offset: k.at });
    }
  });
  // Every item has a key, yet pandoc read no citation: `(`, `[` or `{` follows (link or span
  // syntax). Not an author's mistake we can name; scanning goes on inside, as in pandoc.
  return problems.length ? { problems, end: close + 1 } : undefined;
}

/** Why `@` at `at` (opening a citation item) has no usable key, and the fix. */
function badKey(s: Scanner, at: number, end: number, raw: string): { message: string; hint: string } {
  const t = s.text;
  const after = t.slice(at + 1, end);
  const spaced = /^\s+([\p{L}\p{N}_][^\s,;]*)/u.exec(after);
  if (spaced) {
    return {
      message: `\`@\` is followed by a space in the citation ${q(raw)}: a key must follow \`@\` directly`,
      hint: `write \`@${spaced[1]}\``,
    };
  }
  if (s.is(at + 1, '{')) {
    let depth = 0;
    for (let j = at + 1; j < end; j++) {
      if (s.is(j, '{')) depth++;
      else if (s.is(j, '}') && --depth === 0) {
        const key = t.slice(at + 2, j);
        if (key.includes(PLACEHOLDER)) {
          return {
            message: `the key after \`@\` in the citation ${q(raw)} holds formatting (emphasis, code or a link); keys are plain text`,
            hint: 'write the key exactly as it is in the bibliography, with backslashes before characters Markdown would format: `@{a\\_b\\_c}`',
          };
        }
        return {
          message: `the key ${q(`{${key}}`)} in the citation ${q(raw)} contains a space; keys cannot, even in braces`,
          hint: 'use the key exactly as it is in the bibliography, without spaces',
        };
      }
    }
    return {
      message: `the \`{\` after \`@\` in the citation ${q(raw)} is not closed`,
      hint: 'close the braced key: `@{key}`',
    };
  }
  const word = /^\S*/.exec(after)![0].replace(/[,;\]]+$/, '');
  if (word === '*') {
    return {
      message: `\`@*\` in the citation ${q(raw)} cites nothing: pandoc's \`@*\` (every reference) only works in \`nocite\` metadata`,
      hint: 'cite a reference by its key, e.g. `[@smith2020]`',
    };
  }
  return {
    message: `${q(`@${word}`)} in the citation ${q(raw)} is not a citation key: a key starts with a letter, digit or \`_\``,
    hint: `put a key that starts with anything else in braces: \`@{${word}}\``,
  };
}

/**
 * Problems in a cluster pandoc does accept: a citation nested in another one's prefix or suffix
 * (pandoc nests it; we cannot, and it is nearly always a missing `;`), and a lone `@` with no key
 * (pandoc keeps it as text of the suffix: `[@a, @]`).
 */
function clusterProblems(s: Scanner, parsed: Parsed, start: number): SyntaxProblem[] {
  const raw = s.text.slice(start, parsed.end);
  const problems: SyntaxProblem[] = [];
  for (const item of parsed.items) {
    if (item.nested) {
      const inner = s.citeKey(item.nested.at)!.key;
      problems.push({
        rule: 'citation/malformed',
        message: `\`@${inner}\` is inside the ${item.nested.in} of \`@${item.key}\` in the citation ${q(raw)}: a citation cannot hold another`,
        hint: `separate the sources with \`;\`, each with its own words: \`[@${item.key}; see @${inner}]\``,
        offset: item.nested.at,
      });
      continue;
    }
    for (const [from, to] of [item.prefixRange, item.suffixRange]) {
      for (const j of s.citationStarts(from!, to!)) {
        if (/^\s*(,|$)/.test(s.text.slice(j + 1, to))) {
          problems.push({
            rule: 'citation/empty',
            message: `\`@\` with no key in the citation ${q(raw)}`,
            hint: 'write the key of a reference right after `@`, or remove the `@`',
            offset: j,
          });
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The scan
// ---------------------------------------------------------------------------------------------

function toItem(text: string, raw: RawItem): CitationItem {
  const item: CitationItem = { key: raw.key, offset: raw.at };
  // pandoc's `trimInlinesF` on both; the suffix keeps one space if one followed the key.
  const prefix = trimSpace(collapse(text.slice(...raw.prefixRange)));
  if (prefix) item.prefix = prefix;
  if (raw.suppress) item.suppressAuthor = true;
  const suffix = trimSpace(collapse(text.slice(...raw.suffixRange)));
  Object.assign(item, parseLocator(raw.suffixSpace ? ` ${suffix}` : suffix));
  return item;
}

/**
 * Scan a text value for citations, left to right as pandoc's inline parser does: at an unescaped
 * `[` try a bracketed citation; at an unescaped `@` where a citation may start (not right after
 * a word, as in `name@example.org`: see `Scanner.step`) try a narrative one. A bracket
 * that is not a citation is text, and scanning goes on inside it (pandoc does the same: in
 * `[@a][ref]` the `@a` is narrative).
 *
 * Where pandoc accepts something an author would not mean (a citation inside a citation, a lone
 * `@`), or where a bracket is clearly a citation gone wrong (`[@]`, `[@a; ]`, `[@a; see above]`,
 * `[@{a b}]`), we report a problem and keep the bracket as text instead.
 */
export function scanCitations(text: string, options: ScanOptions = {}): ScanResult {
  const s = new Scanner(text, options.escaped ?? (() => false));
  const parts: (string | CitationCluster)[] = [];
  const problems: SyntaxProblem[] = [];
  let last = 0;
  const emit = (mode: CitationCluster['mode'], start: number, parsed: Parsed) => {
    if (start > last) parts.push(text.slice(last, start));
    const items = parsed.items.map((raw) => toItem(text, raw));
    parts.push({ mode, items, start, end: parsed.end, raw: text.slice(start, parsed.end) });
    last = parsed.end;
  };
  let i = 0;
  let strEnd = -1; // where the last `str` element ended (see `Scanner.step`)
  while (i < text.length) {
    if (s.is(i, '[')) {
      const parsed = s.normalCite(i);
      if (parsed) {
        const found = clusterProblems(s, parsed, i);
        if (found.length) problems.push(...found);
        else emit('parenthetical', i, parsed);
        i = parsed.end;
        continue;
      }
      const diagnosed = diagnose(s, i);
      if (diagnosed) {
        problems.push(...diagnosed.problems);
        i = diagnosed.end;
        continue;
      }
    } else if (s.is(i, '@') && strEnd !== i) {
      const parsed = s.textualCite(i);
      if (parsed) {
        const found = clusterProblems(s, parsed, i);
        if (found.length) problems.push(...found);
        else emit('narrative', i, parsed);
        i = parsed.end;
        continue;
      }
    }
    ({ next: i, strEnd } = s.step(i, strEnd, false));
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, problems };
}
