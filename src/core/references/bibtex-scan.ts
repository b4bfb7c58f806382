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
 * in tests/fixtures/references/exports: `@citation-js/plugin-bibtex` (which
 * `bibtex-citation-js.ts` runs for the LaTeX and the BibLaTeX-to-CSL mapping) throws at the
 * first error in a file, so 3 of 5 real files and 3 of 7 fixtures loaded nothing, and it
 * returns no positions;
 * `@retorquere/bibtex-parser` 9.0.29 (Better BibTeX's parser) recovers, but gives no position
 * for entries or fields (an error says where it noticed, not which entry), resumes at the next
 * `@` even inside a value, returns a broken entry with the fields it swallowed, reads a
 * keyless entry silently, is about 5 times slower (900 ms per 1,000 entries against 170 ms
 * for all of `load.ts`), and yields Zotero fields, not CSL. So this file does the structure
 * (entries, fields, macros, positions, recovery), `bibtex-normalise.ts` the clean-ups of what
 * exports get wrong (`normaliseFieldValue`); the LaTeX and the mapping stay citation-js's.
 *
 * Why this file is long: `scanBibtex` is one hand-written scanner. Its readers (values, macros,
 * `@string`, entries and fields, skipped groups) are closures over one cursor into the text and
 * one list of problems, and each decides where the next one resumes after an error; recovery
 * at the next entry depends on all of them agreeing. Split into files, they would pass that
 * state back and forth on every token, in the loop that has to stay fast.
 */
import { problem, type Position, type Problem } from '../problems.ts';
import { positionsIn } from '../positions.ts';
import { RULES } from './rule-ids.ts';

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

/** Where an entry (its `@`) or a field is written, as a problem's position. */
export const pos = (at: { line: number; column: number }): Position => ({ line: at.line, column: at.column });

export interface BibScanResult {
  entries: BibEntry[];
  /** `@string` macros, by lower-case name. */
  strings: Map<string, string>;
  problems: Problem[];
}

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
    problems.push(problem(file, at(offset), severity, RULES.malformedBibtex, message, hint));
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
