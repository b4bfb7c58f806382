/**
 * A small, tolerant scanner for BibTeX / BibLaTeX text.
 *
 * It finds each entry (`@type{key, field = {..} or ".." or 123 or macro # "..", ...}`) with its
 * key, type and position, and the name, raw value and position of each field. It skips what is
 * not an entry (text between entries, `%` comment lines, `@comment`, `@preamble`) and records
 * `@string` macros. Malformed input is reported as problems (`reference/malformed-bibtex`) with
 * the line:column where the problem starts; the scanner then recovers at the next entry.
 *
 * Why hand-written and not a library: neither BibTeX parser on npm gives what `check` needs,
 * a line:column for each entry and field and recovery at the next entry. Measured on real
 * exports (1,529 entries from Zotero, JabRef, Mendeley and BibLaTeX files) and on the fixtures
 * in tests/fixtures/references/exports: `@citation-js/plugin-bibtex` (which `bibtex.ts` uses
 * for the LaTeX and the BibLaTeX-to-CSL mapping) throws at the first error in a file, so 3 of
 * 5 real files and 3 of 7 fixtures loaded nothing, and it returns no positions;
 * `@retorquere/bibtex-parser` 9.0.29 (Better BibTeX's parser) recovers, but gives no position
 * for entries or fields (an error says where it noticed, not which entry), resumes at the next
 * `@` even inside a value, returns a broken entry with the fields it swallowed, reads a
 * keyless entry silently, is about 5 times slower (900 ms per 1,000 entries against 170 ms
 * for all of `load.ts`), and yields Zotero fields, not CSL. So this file does the structure
 * (entries, fields, macros, positions, recovery) and the clean-ups of what exports get wrong
 * (`normaliseFieldValue`); the LaTeX and the mapping stay citation-js's.
 */
import { problem, type Problem } from '../problems.ts';
import { editionNumber } from './apa.ts';
import { positionsIn } from '../positions.ts';

export const MALFORMED_BIBTEX = 'reference/malformed-bibtex';

/**
 * Private-use characters that mark a case-protected `{...}` group of a title field. They pass
 * through citation-js untouched (checked with 0.9: its default `sentenceCase: 'never'` drops
 * the braces and leaves no trace of them), and `load.ts` turns them into
 * `<span class="nocase">…</span>`, the CSL-JSON convention that `apa.ts` honours.
 */
export const PROTECT_OPEN = '\uE000';
export const PROTECT_CLOSE = '\uE001';

export interface BibField {
  /** Field name in lower case. */
  name: string;
  /** The value exactly as written, e.g. `{Pearson}`, `"Pearson"`, `2017`, `jan # "~5"`. */
  raw: string;
  /** The value's text without its delimiters, with `@string` macros expanded and `#` joined. */
  value: string;
  line: number;
  column: number;
}

export interface BibEntry {
  /** Entry type in lower case, e.g. `book`. */
  type: string;
  key: string;
  /** Position of the entry's `@`. */
  line: number;
  column: number;
  fields: BibField[];
}

export interface BibScanResult {
  entries: BibEntry[];
  /** `@string` macros, by lower-case name. */
  strings: Map<string, string>;
  problems: Problem[];
}

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

/** Month macros every BibTeX style defines; citation-js resolves them itself. */
const MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);

interface ValuePart {
  kind: 'braced' | 'quoted' | 'number' | 'macro';
  text: string;
}

type ValueResult =
  | { ok: true; parts: ValuePart[]; end: number }
  | { ok: false; reason: 'unclosed'; message: string; resume: number }
  | { ok: false; reason: 'empty'; end: number };

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
  if (!text.startsWith('{') || !text.endsWith('}')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0 && i < text.length - 1) return false;
    }
  }
  return depth === 0;
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

/** The normalised text of one field value (already macro-expanded), by field name. */
export function normaliseFieldValue(name: string, value: string): string {
  if (ADDRESS_FIELDS.has(name)) return unescapeAddress(value);
  if (NAME_FIELDS.has(name)) return normaliseNames(value);
  if (LITERAL_LIST_FIELDS.has(name)) return protectLiteralList(value);
  if (name === 'edition') {
    const n = editionNumber(value.replace(/[{}]/g, ''));
    return n === undefined ? value : String(n);
  }
  if (TITLE_FIELDS.has(name)) return markProtected(value);
  return value;
}


const IDENT_START = /[A-Za-z_]/;
const FIELD_NAME = /[^\s=,{}"#%()@]+/y;
const ENTRY_TYPE = /[A-Za-z][\w-]*/y;
const NUMBER = /[0-9]+/y;
const MACRO = /[A-Za-z_][^\s=,{}"#%()]*/y;
/** A value that has swallowed the fields after it: a new line with `name = {`. */
const SWALLOWED_FIELD = /\n\s*[A-Za-z][\w-]*\s*=\s*[{"0-9]/;
/** A line that starts a new entry: the tell-tale sign that the previous one never closed. */
const ENTRY_LINE = /[ \t]*@[A-Za-z]+[ \t]*[{(]/y;

export function scanBibtex(text: string, file: string): BibScanResult {
  const at = positionsIn(text);
  const problems: Problem[] = [];
  const strings = new Map<string, string>();
  const entries: BibEntry[] = [];
  const n = text.length;
  let i = 0;

  const report = (offset: number, message: string, hint?: string, severity: 'error' | 'warning' = 'error') => {
    problems.push(problem(file, at(offset), severity, MALFORMED_BIBTEX, message, hint));
  };

  /** True when a new entry starts at the beginning of the line that begins at `offset`. */
  const entryLineAt = (offset: number): boolean => {
    ENTRY_LINE.lastIndex = offset;
    return ENTRY_LINE.test(text);
  };

  /** Skip whitespace and `%` comments (to the end of the line) between tokens. */
  const skipSpace = () => {
    while (i < n) {
      const ch = text[i]!;
      if (ch === '%') {
        while (i < n && text[i] !== '\n') i++;
      } else if (/\s/.test(ch)) {
        i++;
      } else {
        break;
      }
    }
  };

  /** Offset of the next line that starts an entry, after `from`; n when there is none. */
  const nextEntryLine = (from: number): number => {
    let j = text.indexOf('\n', from);
    while (j !== -1) {
      if (entryLineAt(j + 1)) return j + 1;
      j = text.indexOf('\n', j + 1);
    }
    return n;
  };

  /** Read a balanced `{...}` starting at `i` (on the `{`). */
  const readBraced = (): { ok: true; text: string } | { ok: false; resume: number } => {
    const open = i;
    let depth = 0;
    for (let j = i; j < n; j++) {
      const ch = text[j];
      if (ch === '\\') {
        j++;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === 0) {
          i = j + 1;
          return { ok: true, text: text.slice(open + 1, j) };
        }
      } else if (ch === '\n' && entryLineAt(j + 1)) {
        return { ok: false, resume: j + 1 };
      }
    }
    return { ok: false, resume: n };
  };

  /** Read a `"..."` string starting at `i` (on the `"`); braces inside must balance. */
  const readQuoted = (): { ok: true; text: string } | { ok: false; resume: number } => {
    const open = i;
    let depth = 0;
    for (let j = i + 1; j < n; j++) {
      const ch = text[j];
      if (ch === '\\') {
        j++;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}') depth = Math.max(0, depth - 1);
      else if (ch === '"' && depth === 0) {
        i = j + 1;
        return { ok: true, text: text.slice(open + 1, j) };
      } else if (ch === '\n' && entryLineAt(j + 1)) {
        return { ok: false, resume: j + 1 };
      }
    }
    return { ok: false, resume: n };
  };

  /** Read `part (# part)*`. */
  const readValue = (): ValueResult => {
    const parts: ValuePart[] = [];
    for (;;) {
      skipSpace();
      const ch = text[i];
      const partStart = i;
      if (ch === '{') {
        const r = readBraced();
        if (!r.ok) {
          const p = at(partStart);
          return {
            ok: false,
            reason: 'unclosed',
            message: `the \`{\` at line ${p.line}:${p.column} has no matching \`}\``,
            resume: r.resume,
          };
        }
        parts.push({ kind: 'braced', text: r.text });
      } else if (ch === '"') {
        const r = readQuoted();
        if (!r.ok) {
          const p = at(partStart);
          return {
            ok: false,
            reason: 'unclosed',
            message: `the \`"\` at line ${p.line}:${p.column} has no closing \`"\``,
            resume: r.resume,
          };
        }
        parts.push({ kind: 'quoted', text: r.text });
      } else {
        NUMBER.lastIndex = i;
        const num = NUMBER.exec(text);
        MACRO.lastIndex = i;
        const macro = num ? null : MACRO.exec(text);
        if (num) {
          parts.push({ kind: 'number', text: num[0] });
          i += num[0].length;
        } else if (macro) {
          parts.push({ kind: 'macro', text: macro[0] });
          i += macro[0].length;
        } else {
          return { ok: false, reason: 'empty', end: i };
        }
      }
      const save = i;
      skipSpace();
      if (text[i] === '#') {
        i++;
        continue;
      }
      i = save;
      return { ok: true, parts, end: i };
    }
  };

  /**
   * Resolve parts into text. An undefined macro is reported and kept as its name; month macros
   * (`jan`) are kept as their names, which citation-js reads as months.
   */
  const resolve = (parts: ValuePart[], offset: number): string => {
    let value = '';
    for (const part of parts) {
      if (part.kind === 'macro') {
        const name = part.text.toLowerCase();
        const expansion = strings.get(name);
        if (expansion !== undefined) value += expansion;
        else {
          value += part.text;
          if (!MONTHS.has(name)) {
            report(
              offset,
              `the macro \`${part.text}\` is not defined`,
              `define it with \`@string{${part.text} = {...}}\` before this entry, or write the value in braces: \`{${part.text}}\``,
              'warning',
            );
          }
        }
      } else {
        value += part.text;
      }
    }
    return value;
  };

  /** Skip a balanced group (for @comment / @preamble); returns false when it never closes. */
  const skipGroup = (open: string): boolean => {
    const close = open === '{' ? '}' : ')';
    let depth = 0;
    for (let j = i; j < n; j++) {
      const ch = text[j];
      if (ch === '\\') {
        j++;
        continue;
      }
      if (ch === '{' || ch === open) depth++;
      else if (ch === '}' || ch === close) {
        depth--;
        if (depth === 0) {
          i = j + 1;
          return true;
        }
      }
    }
    return false;
  };

  const parseString = (atOffset: number, close: string) => {
    for (;;) {
      skipSpace();
      if (i >= n) {
        report(atOffset, 'this `@string` never closes', `add the missing \`${close}\``);
        return;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] === ',') {
        i++;
        continue;
      }
      FIELD_NAME.lastIndex = i;
      const m = FIELD_NAME.exec(text);
      if (!m) {
        report(i, `unexpected \`${text[i]}\` in \`@string\``, 'write `@string{name = {value}}`');
        i = nextEntryLine(i);
        return;
      }
      const name = m[0].toLowerCase();
      i += m[0].length;
      skipSpace();
      if (text[i] !== '=') {
        report(i, `the macro \`${m[0]}\` has no \`=\``, 'write `@string{name = {value}}`');
        i = nextEntryLine(i);
        return;
      }
      i++;
      const valueStart = i;
      const r = readValue();
      if (!r.ok) {
        if (r.reason === 'unclosed') {
          report(atOffset, `this \`@string\` never closes: ${r.message}`, 'add the missing `}`');
          i = r.resume;
        } else {
          report(r.end, `the macro \`${m[0]}\` has no value`, 'write `@string{name = {value}}`');
          i = nextEntryLine(i);
        }
        return;
      }
      strings.set(name, resolve(r.parts, valueStart));
    }
  };

  const parseEntry = (atOffset: number, type: string, typeAsWritten: string, close: string) => {
    const where = at(atOffset);
    const afterBrace = i;
    skipSpace();
    // The key: everything up to a comma, space or brace.
    const keyStart = i;
    while (i < n && !/[\s,{}()="#%]/.test(text[i]!)) i++;
    let key = text.slice(keyStart, i);
    skipSpace();
    let valid = true;
    if (key === '' || text[i] === '=') {
      // `@book{, title = ...}` or `@book{title = ...}`: no key.
      report(
        afterBrace,
        `the \`@${typeAsWritten}\` entry at line ${where.line} has no citation key`,
        `add a key after \`@${typeAsWritten}{\`, e.g. \`@${typeAsWritten}{toseland2017,\``,
      );
      valid = false;
      if (text[i] === '=') i = keyStart;
      key = '';
    }
    if (valid && text[i] !== ',' && text[i] !== close) {
      report(i, `missing comma after the key \`${key}\``, `write \`@${typeAsWritten}{${key},\``);
    }
    const label = key === '' ? `the \`@${typeAsWritten}\` entry at line ${where.line}` : `the entry \`${key}\``;
    const fields: BibField[] = [];
    const seen = new Set<string>();
    let previous: BibField | undefined;
    let expectComma = false;
    for (;;) {
      skipSpace();
      if (i >= n || text[i] === '@') {
        if (previous && SWALLOWED_FIELD.test(previous.raw)) {
          // A `{` left open in a value ran on over the following fields to the entry's `}`.
          report(
            atOffset,
            `${label} never closes: the value of \`${previous.name}\` (line ${previous.line}) has a \`{\` without its \`}\`, so it runs on over the fields after it`,
            `add the missing \`}\` in the value of \`${previous.name}\` on line ${previous.line}`,
          );
        } else {
          const hint = previous
            ? `add the missing \`${close}\` after the last field (\`${previous.name}\`, line ${previous.line})`
            : `add the missing \`${close}\``;
          report(atOffset, `${label} never closes`, hint);
        }
        return;
      }
      const ch = text[i]!;
      if (ch === close) {
        i++;
        break;
      }
      if (ch === ',') {
        i++;
        expectComma = false;
        continue;
      }
      FIELD_NAME.lastIndex = i;
      const m = IDENT_START.test(ch) ? FIELD_NAME.exec(text) : null;
      if (!m) {
        report(i, `unexpected \`${ch}\` in ${label}`, 'each field is `name = {value}`, separated by commas');
        // Skip the rest of this piece: up to the next comma, the end of the entry or the line.
        i++;
        while (i < n && text[i] !== ',' && text[i] !== close && text[i] !== '\n') i++;
        expectComma = false;
        continue;
      }
      if (expectComma && previous) {
        report(
          i,
          `missing comma before the field \`${m[0]}\` in ${label}`,
          `add a \`,\` after the value of \`${previous.name}\` (line ${previous.line})`,
        );
      }
      const nameOffset = i;
      const name = m[0].toLowerCase();
      i += m[0].length;
      skipSpace();
      if (text[i] !== '=') {
        report(i, `the field \`${m[0]}\` in ${label} has no \`=\``, `write \`${m[0]} = {value}\``);
        // Recover at the next comma or the end of the entry on this line.
        while (i < n && text[i] !== ',' && text[i] !== close && text[i] !== '\n') i++;
        expectComma = false;
        continue;
      }
      i++;
      skipSpace();
      const valueStart = i;
      const r = readValue();
      if (!r.ok) {
        if (r.reason === 'unclosed') {
          const p = at(nameOffset);
          report(atOffset, `${label} never closes: in the field \`${m[0]}\` (line ${p.line}), ${r.message}`, 'add the missing `}`');
          i = r.resume;
          return;
        }
        report(r.end, `the field \`${m[0]}\` in ${label} has no value`, `write \`${m[0]} = {value}\`, or remove the field`);
        while (i < n && text[i] !== ',' && text[i] !== close && text[i] !== '\n') i++;
        expectComma = false;
        continue;
      }
      const value = resolve(r.parts, valueStart);
      const p = at(nameOffset);
      const field: BibField = { name, raw: text.slice(valueStart, r.end), value, line: p.line, column: p.column };
      previous = field;
      expectComma = true;
      if (seen.has(name)) {
        report(nameOffset, `the field \`${m[0]}\` appears twice in ${label}; the first is used`, 'remove one of them', 'warning');
        continue;
      }
      seen.add(name);
      fields.push(field);
    }
    if (!valid) return;
    entries.push({ type, key, line: where.line, column: where.column, fields });
  };

  while (i < n) {
    const ch = text[i];
    if (ch === '%') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (ch !== '@') {
      i++;
      continue;
    }
    const atOffset = i;
    i++;
    while (i < n && /[ \t]/.test(text[i]!)) i++;
    ENTRY_TYPE.lastIndex = i;
    const m = ENTRY_TYPE.exec(text);
    if (!m) continue; // a stray `@` in text between entries: BibTeX ignores it too
    i += m[0].length;
    const type = m[0].toLowerCase();
    skipSpace();
    const open = text[i];
    if (type === 'comment') {
      // `@comment{...}` skips a group; `@comment text` comments out the rest of the line.
      if (open === '{' || open === '(') {
        const from = i;
        if (!skipGroup(open)) {
          report(atOffset, 'this `@comment` never closes', 'add the missing `}`');
          i = nextEntryLine(from);
        }
      } else {
        while (i < n && text[i] !== '\n') i++;
      }
      continue;
    }
    if (open !== '{' && open !== '(') {
      // Text between entries is a comment to BibTeX; only an `@` that starts its line is meant
      // as an entry (an e-mail address in a note is not).
      const lineStart = text.lastIndexOf('\n', atOffset - 1) + 1;
      if (text.slice(lineStart, atOffset).trim() === '') {
        report(atOffset, `\`@${m[0]}\` is not followed by \`{\``, `write \`@${m[0]}{key,\``);
      }
      continue;
    }
    const close = open === '{' ? '}' : ')';
    if (type === 'preamble') {
      const from = i;
      if (!skipGroup(open)) {
        report(atOffset, 'this `@preamble` never closes', `add the missing \`${close}\``);
        i = nextEntryLine(from);
      }
      continue;
    }
    i++;
    if (type === 'string') parseString(atOffset, close);
    else parseEntry(atOffset, type, m[0], close);
  }

  return { entries, strings, problems };
}
