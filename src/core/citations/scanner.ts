/**
 * The citation scanner: pandoc's Markdown citation parsers over a text value. It decides which
 * `[...]` and `@...` are citations, and how a cluster splits into items, prefixes, keys and
 * suffixes, as pandoc's Markdown reader does (`Text.Pandoc.Readers.Markdown`: `cite`,
 * `normalCite`, `textualCite`, `bareloc`, `citation`, `prefix`, `suffix`; `Text.Pandoc.Parsing`:
 * `citeKey`, `simpleCiteIdentifier`, `charsInBalanced`, `notAfterString`). Each method names the
 * pandoc function it follows; where we differ, its comment says so and why. The input
 * conventions (escapes, placeholders) are those of `scanCitations` in `syntax.ts`.
 *
 * Why this file is long: `Scanner` is one recursive-descent parser. Its methods call each other
 * in a cycle (`step` reads a nested citation with `normalCite`/`textualCite`, which read items
 * with `citation`, `prefix` and `suffix`, which read inline elements with `step`), and they share
 * the memo tables and the nesting depth that keep `[[[[...` linear and the stack bounded. Split
 * across files, each part would need the others' internals; kept together, it reads in the order
 * of pandoc's own parser.
 */
import { isAlphaNum, isHsSpace, isMdSpace, PLACEHOLDER } from './characters.ts';

/** One citation as pandoc's Markdown reader sees it, before the locator is split off. */
export interface RawItem {
  key: string;
  suppress: boolean;
  /** Offset of the `@`. */
  at: number;
  /**
   * Where the prefix and suffix are in the text, and whether a space came before the suffix.
   * Their text is made only for citations we keep (`toItem` in `syntax.ts`): a suffix pandoc
   * reads in a bracket that never closes can run to the end of the text, for every `@` in it.
   */
  prefixRange: [number, number];
  suffixRange: [number, number];
  suffixSpace: boolean;
  /** A citation nested in this item's prefix or suffix (pandoc allows it): offset of its `@`. */
  nested?: { at: number; in: 'prefix' | 'suffix' };
}

export interface Parsed {
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

/** Characters allowed inside (not at the end of) an unbraced key. */
const KEY_INTERNAL = ':.#$%&-+?<>~/';

/** pandoc's `noteMarker`: `[^label]`. */
const NOTE_REF = /\[\^[^\s\]]+\]/y;

/** Brackets nested deeper than this are not read as citations (see `Scanner.depth`). */
const MAX_NESTING = 16;

export class Scanner {
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
