/**
 * BibLaTeX entries to CSL with citation-js (`@citation-js/plugin-bibtex`): `mapAll` maps all
 * entries of a file with one call, so that `crossref` finds its parent. citation-js throws at
 * the first field whose LaTeX it rejects, so when that call fails, each such field is found,
 * repaired (or read as plain text, or dropped) and reported at its line, and the file is mapped
 * again; as a last resort, entry by entry. So one bad field or entry costs only itself.
 */
import * as citationJs from '@citation-js/core';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { problem, type Problem } from '../problems.ts';
import { pos, type BibEntry, type BibField } from './bibtex-scan.ts';
import type { CslItem } from './csl.ts';
import { RULES } from './rule-ids.ts';


/** An entry as citation-js takes it: BibLaTeX type, key and fields. */
export interface CitationJsEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

/** An entry ready for citation-js, with the entry and fields it came from. */
export interface Prepared {
  entry: BibEntry;
  fields: BibField[];
  /** The field each of `input`'s properties was read from (`number` from Mendeley's `issue`). */
  from: Map<string, BibField>;
  input: CitationJsEntry;
  /** A CSL type to set after mapping (Mendeley's magazine and newspaper articles). */
  cslType?: string;
}

const OPTIONS = { forceType: '@biblatex/entries+list', target: '@csl/list+object', generateGraph: false, strict: true, maxChainLength: 10 };

function toCsl(inputs: CitationJsEntry[]): CslItem[] {
  try {
    return new Cite(inputs, OPTIONS).data as CslItem[];
  } finally {
    // citation-js keeps every log message in memory, even when silent.
    const log = (Reflect.get(citationJs, 'logger') as { _log?: unknown[] } | undefined)?._log;
    if (Array.isArray(log)) log.length = 0;
  }
}

function readable(input: CitationJsEntry): boolean {
  try {
    toCsl([input]);
    return true;
  } catch {
    return false;
  }
}

/** The first line of a citation-js error, without its own (value-relative) position. */
function citationJsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').replace(/\s*at line \d+ col \d+:?\s*$/, '').trim();
}

/**
 * Where in the value citation-js stopped: its message ends `at line L col C` (both from 0).
 */
function errorOffset(error: unknown, value: string): number | undefined {
  const m = /at line (\d+) col (\d+)/.exec(error instanceof Error ? error.message : String(error));
  if (!m) return undefined;
  const lines = value.split('\n');
  const line = Math.min(Number(m[1]), lines.length - 1);
  return lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + Number(m[2]);
}

/**
 * Repair a value citation-js rejects by removing what it stopped at: the last command before
 * that point (JabRef writes `Ragnhei{\d}ur`, an accent without its letter), or an unpaired `$`.
 * A few tries; then the value reduced to plain text.
 */
function repair(value: string, read: (v: string) => unknown): { value: string; removed: string[]; plain: boolean } {
  let current = value;
  const removed: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    let error: unknown;
    try {
      read(current);
      return { value: removed.length > 0 ? current.trim() : current, removed, plain: false };
    } catch (e) {
      error = e;
    }
    const at = errorOffset(error, current) ?? current.length;
    const command = current.lastIndexOf('\\', at);
    const dollar = current.lastIndexOf('$', at);
    if (command === -1 && dollar === -1) break;
    if (command > dollar) {
      const m = /^\\(?:(?:begin|end)\s*\{[^{}]*\}|[A-Za-z]+|.)/.exec(current.slice(command))!;
      removed.push(m[0]);
      current = current.slice(0, command) + current.slice(command + m[0].length);
    } else {
      removed.push('$');
      current = current.slice(0, dollar) + current.slice(dollar + 1);
    }
  }
  return { value: plainText(value), removed: [], plain: true };
}

/** LaTeX reduced to its text, for a field citation-js cannot read: commands go, arguments stay. */
export function plainText(value: string): string {
  return value
    .replace(/\\(?:begin|end)\s*\{[^}]*\}/g, ' ')
    .replace(/\\([&%$#_{}~^])/g, '$1')
    .replace(/\\[A-Za-z]+\*?|\\./g, '')
    .replace(/[{}$]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Map every entry with one citation-js call (so that `crossref` finds its parent). When
 * citation-js rejects the LaTeX of a field, that field is found, reported at its line and read
 * as plain text, and the rest of the file is mapped as usual.
 */
export function mapAll(prepared: Prepared[], file: string, problems: Problem[]): (CslItem | undefined)[] {
  try {
    return toCsl(prepared.map((p) => p.input));
  } catch {
    // Look for the fields citation-js cannot read, below.
  }
  for (const p of prepared) {
    if (readable(p.input)) continue;
    for (const [name, value] of Object.entries(p.input.properties)) {
      const alone = (v: string): CitationJsEntry => ({ type: p.input.type, label: p.input.label, properties: { [name]: v } });
      let reason = '';
      try {
        toCsl([alone(value)]);
        continue;
      } catch (error) {
        reason = citationJsMessage(error);
      }
      const repaired = repair(value, (v) => toCsl([alone(v)]));
      const usable = readable(alone(repaired.value));
      if (usable) p.input.properties[name] = repaired.value;
      else delete p.input.properties[name];
      const shown = repaired.value.length > 60 ? `${repaired.value.slice(0, 60)}…` : repaired.value;
      const without = repaired.removed.map((r) => `\`${r}\``).join(', ');
      const field = p.from.get(name);
      problems.push(
        problem(
          file,
          field ? pos(field) : pos(p.entry),
          'warning',
          RULES.malformedBibtex,
          `the LaTeX in \`${field?.name ?? name}\` of the entry \`${p.entry.key}\` could not be read (${reason}); ${!usable ? 'the field is ignored' : repaired.plain ? `it is read as plain text: "${shown}"` : `it is read without ${without}`}`,
          'check the field for unbalanced braces or `\\begin`/`\\end`, a stray `$`, or a command missing its argument (`{\\d}` for `\\d{d}`)',
        ),
      );
    }
  }
  try {
    return toCsl(prepared.map((p) => p.input));
  } catch {
    // Last resort: entry by entry, so that one entry costs only itself.
  }
  return prepared.map((p) => {
    try {
      return toCsl([p.input])[0];
    } catch (error) {
      problems.push(
        problem(file, pos(p.entry), 'error', RULES.malformedBibtex, `the entry \`${p.entry.key}\` could not be read: ${citationJsMessage(error)}`, 'check the LaTeX in its fields (unbalanced `\\begin`/`\\end`, stray `$`)'),
      );
      return undefined;
    }
  });
}
