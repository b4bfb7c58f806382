/**
 * The clean-ups of what exports get wrong in BibTeX field values, applied to each field after
 * `bibtex-scan.ts` has read it and before citation-js maps it (`normaliseFieldValue`): name
 * lists tidied, publisher-like lists kept whole, the case-protected groups of titles marked,
 * TeX escapes taken out of addresses, ordinal editions made numbers. The LaTeX and the
 * BibLaTeX-to-CSL mapping stay citation-js's (see `bibtex-scan.ts` for why the rest is
 * hand-written).
 */
import { editionNumber } from './apa.ts';

/**
 * Private-use characters that mark a case-protected `{...}` group of a title field. They pass
 * through citation-js untouched (checked with 0.9: its default `sentenceCase: 'never'` drops
 * the braces and leaves no trace of them), and `cleanCsl` in `bibtex.ts` turns them into
 * `<span class="nocase">…</span>`, the CSL-JSON convention that `sentence-case.ts` honours.
 */
export const PROTECT_OPEN = '\uE000';
export const PROTECT_CLOSE = '\uE001';

/** Name-list fields: whitespace, `AND`, trailing commas and dangling `and` are tidied. */
const NAME_FIELDS = new Set([
  'author', 'editor', 'translator', 'bookauthor', 'editora', 'editorb', 'editorc', 'annotator',
  'commentator', 'introduction', 'foreword', 'afterword', 'holder',
]);

/** Fields BibLaTeX reads as `and`-separated lists, where one name must be kept whole. */
const LITERAL_LIST_FIELDS = new Set(['publisher', 'institution', 'organization', 'school', 'location', 'address']);

/** Title fields whose top-level `{...}` groups protect case from sentence casing. */
const TITLE_FIELDS = new Set([
  'title', 'subtitle', 'titleaddon', 'booktitle', 'booksubtitle', 'booktitleaddon', 'maintitle',
  'mainsubtitle', 'maintitleaddon', 'shorttitle', 'eventtitle', 'origtitle', 'issuetitle', 'series',
]);

/** Collapse runs of whitespace (including newlines) to one space and trim. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Split `text` on a pattern, but only where it occurs outside braces. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  const sticky = new RegExp(separator.source, separator.flags.includes('y') ? separator.flags : `${separator.flags}y`);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      sticky.lastIndex = i;
      const m = sticky.exec(text);
      if (m && m[0].length > 0) {
        out.push(text.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  out.push(text.slice(start));
  return out;
}

/** True when `text` contains the word `and` outside braces. */
function hasTopLevelAnd(text: string): boolean {
  return splitTopLevel(text, /\s+and\s+/i).length > 1;
}

/** True when the whole of `text` is one `{...}` group. */
function isWhollyBraced(text: string): boolean {
  return text.startsWith('{') && groupEnd(text, 0) === text.length;
}

/**
 * Tidy a name list: collapse whitespace, turn ` AND ` / ` And ` into ` and `, drop trailing
 * commas after a name and a dangling `and` at either end (or doubled `and and`), and close up
 * a space before an initial's full stop (`Bartley, M .` → `Bartley, M.`).
 */
export function normaliseNames(value: string): string {
  const names = splitTopLevel(collapse(value), /\s+and\s+/i)
    .map((name) =>
      name
        .trim()
        .replace(/^(?:and\s+)+/i, '')
        .replace(/(?:\s+and)+$/i, '')
        .replace(/^[,;\s]+|[,;\s]+$/g, '')
        .replace(/(?<=\p{L})\s+\.(?=\s|,|$)/gu, '.'),
    )
    .filter((name) => name !== '' && !/^and$/i.test(name));
  return names.join(' and ');
}

/** Keep a publisher-like value containing ` and ` whole by wrapping it in braces. */
export function protectLiteralList(value: string): string {
  const text = collapse(value);
  if (!hasTopLevelAnd(text) || isWhollyBraced(text)) return text;
  return `{${text}}`;
}

/** Commands whose `{...}` argument is a letter or a name, not text to protect. */
const VERBATIM_COMMANDS = new Set(['c', 'v', 'u', 'H', 'k', 'r', 'b', 'd', 't', 'begin', 'end', 'url', 'href', 'doi']);

/** Index just past the balanced `{...}` group starting at `start` (on the `{`), or -1. */
function groupEnd(value: string, start: number): number {
  let depth = 0;
  for (let j = start; j < value.length; j++) {
    const c = value[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/**
 * Mark what BibTeX protects from case changes in a title with PROTECT_OPEN / PROTECT_CLOSE:
 * each top-level `{...}` group, and a top-level formatting command with its argument
 * (`\emph{Escherichia coli}`). Not protected: accents (`{\"u}`, `\"{u}`, `\c{c}`), which are
 * letters, and `\begin{...}`/`\end{...}`, `\url{...}`.
 */
export function markProtected(value: string): string {
  let out = '';
  let depth = 0;
  let i = 0;
  while (i < value.length) {
    const ch = value[i]!;
    if (ch === '\\') {
      const name = /^\\([A-Za-z]+|.?)/.exec(value.slice(i))![1]!;
      const j = i + 1 + name.length;
      let k = j;
      while (k < value.length && /[ \t]/.test(value[k]!) && /^[A-Za-z]/.test(name)) k++;
      const end = value[k] === '{' ? groupEnd(value, k) : -1;
      if (end === -1) {
        out += value.slice(i, j);
        i = j;
        continue;
      }
      const command = value.slice(i, end);
      const protect = depth === 0 && /^[A-Za-z]/.test(name) && !VERBATIM_COMMANDS.has(name);
      out += protect ? `${PROTECT_OPEN}${command}${PROTECT_CLOSE}` : command;
      i = end;
      continue;
    }
    if (ch === '{' && depth === 0 && value[i + 1] !== '\\') {
      const end = groupEnd(value, i);
      // A group without a letter (`{``}`, `{''}`, `{2020}`) protects nothing: left unmarked, as
      // a span around a quotation mark alone breaks citeproc's pairing of quotation marks.
      if (end !== -1 && !/\p{L}/u.test(value.slice(i + 1, end - 1))) {
        out += value.slice(i, end);
        i = end;
        continue;
      }
      if (end !== -1) {
        out += `{${PROTECT_OPEN}${value.slice(i + 1, end - 1)}${PROTECT_CLOSE}}`;
        i = end;
        continue;
      }
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    out += ch;
    i++;
  }
  return out;
}

/** Fields that hold an address, not text: TeX escapes in them are export mistakes. */
const ADDRESS_FIELDS = new Set(['url', 'doi']);

/**
 * Undo the TeX escaping some exports (Mendeley) write into addresses, which BibLaTeX reads
 * verbatim: `a{\_}b` → `a_b`, `\%20` → `%20`, `$\sim$` → `~`.
 */
export function unescapeAddress(value: string): string {
  return value
    .trim()
    .replace(/\$\\sim\$|\{\\textasciitilde\}|\\textasciitilde\{\}|\\~\{\}/g, '~')
    .replace(/\{\\([_&%#$])\}|\\([_&%#$])/g, (_, a: string | undefined, b: string | undefined) => a ?? b ?? '');
}

/**
 * Mendeley writes every address it has for an item into `url`, separated by spaces
 * (`http://www.ncbi.nlm.nih.gov/pubmed/123 http://www.pubmedcentral.nih.gov/...`): the first is
 * used. A value with a space that is not a list of addresses is left as it is.
 */
export function firstAddress(value: string): string {
  const parts = value.split(/\s+/).filter((part) => part !== '');
  return parts.length > 1 && parts.every((part) => /^[a-z][a-z0-9+.-]*:\/\//i.test(part)) ? parts[0]! : value;
}

/**
 * Better BibTeX keeps a literal brace balanced for BibTeX with an invisible `\vphantom`:
 * `\{\vphantom\}` is a `{` and `\vphantom\{\}` a `}` (a title typed as `mlr3 in {R}` in Zotero).
 * LaTeX prints nothing for `\vphantom` and its argument; citation-js does not know the command
 * and would print it, so it is dropped.
 */
export function dropPhantoms(value: string): string {
  return value.replace(/\\vphantom\s*(?:\\[{}]|\{[^{}]*\})/g, '');
}

/**
 * LaTeX's `\ldots` and `\dots` (an ellipsis; Mendeley and Google Scholar end a cut-short journal
 * name with one) as `\textellipsis`, the name citation-js (0.9) knows: it prints the others as
 * they are written.
 */
export function ellipses(value: string): string {
  return value.replace(/\\(?:ldots|dots)(?![A-Za-z])/g, '\\textellipsis');
}

/** The normalised text of one field value (already macro-expanded), by field name. */
export function normaliseFieldValue(name: string, value: string): string {
  if (name === 'url') return firstAddress(unescapeAddress(value));
  if (ADDRESS_FIELDS.has(name)) return unescapeAddress(value);
  if (value.includes('\\vphantom')) value = dropPhantoms(value);
  if (value.includes('dots')) value = ellipses(value);
  if (NAME_FIELDS.has(name)) return normaliseNames(value);
  if (LITERAL_LIST_FIELDS.has(name)) return protectLiteralList(value);
  if (name === 'edition') {
    const n = editionNumber(value.replace(/[{}]/g, ''));
    return n === undefined ? value : String(n);
  }
  if (TITLE_FIELDS.has(name)) return markProtected(value);
  return value;
}
