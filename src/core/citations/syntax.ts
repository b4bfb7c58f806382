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
 * The first is `scanner.ts`, the second `locators.ts`; `diagnose.ts` finds the problems we
 * report where pandoc is silent or lenient, and `characters.ts` has the character classes and
 * the placeholder. This file has the result types and `scanCitations`, which puts them together.
 * Each function names the pandoc function it follows. Where we deliberately differ, the comment
 * says so and why; `tests/unit/citations/conformance.test.ts` checks all of it against a table
 * generated with real pandoc (`tests/fixtures/citations/pandoc-conformance.json`, made by
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
import { collapse, trimSpace } from './characters.ts';
import { clusterProblems, diagnose, type SyntaxProblem } from './diagnose.ts';
import { parseLocator } from './locators.ts';
import { Scanner, type Parsed, type RawItem } from './scanner.ts';

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

export interface ScanResult {
  /** Text pieces and clusters in order; joined (clusters as `raw`) they give back the text. */
  parts: (string | CitationCluster)[];
  problems: SyntaxProblem[];
}

export interface ScanOptions {
  /** True when the character at this offset was backslash-escaped in the Markdown source. */
  escaped?: (offset: number) => boolean;
}

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
