/**
 * Read a CSL-JSON reference file (Zotero's "CSL JSON" export) into candidate references: each
 * item with its key, the position of its `"id"`, its evidence tags and its group author's
 * abbreviation. Invalid JSON is reported at its line and column, never thrown.
 */
import { problem, type Position, type Problem } from '../problems.ts';
import { positionsIn } from '../positions.ts';
import { cleanCsl } from './bibtex.ts';
import type { CslItem } from './csl.ts';
import { evidenceTags } from './evidence.ts';
import type { Candidate } from './load.ts';
import { RULES } from './rule-ids.ts';

/** line:column of a JSON.parse error, from V8's message. */
function jsonErrorPosition(message: string, text: string): Position {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = positionsIn(text);
  const pos = /position (\d+)/.exec(message);
  if (pos) return at(Number(pos[1]));
  if (/end of JSON input/i.test(message)) return at(text.length);
  return { line: 1, column: 1 };
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * The short form of a CSL-JSON item's group author: the first author's (or editor's) `short`,
 * the item's `shortauthor`, or a `shortauthor: WHO` (or Better BibTeX's `tex.shortauthor: WHO`)
 * line in its `note`, where Zotero's CSL JSON export puts the Extra field. Only for a group.
 */
function cslAbbreviation(csl: CslItem): string | undefined {
  const creators = (Array.isArray(csl['author']) && csl['author'].length > 0 ? csl['author'] : csl['editor']) as unknown[] | undefined;
  const first = creators?.[0] as CslItem | undefined;
  if (!first || typeof first !== 'object' || typeof first['literal'] !== 'string') return undefined;
  const note = typeof csl['note'] === 'string' ? /^\s*(?:tex\.)?shortauthor\s*:\s*(.+?)\s*$/im.exec(csl['note'])?.[1] : undefined;
  for (const value of [first['short'], csl['shortauthor'], note]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

export function loadCslJson(file: string, text: string, problems: Problem[]): Candidate[] {
  const rule = RULES.malformedCslJson;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push(
      problem(file, jsonErrorPosition(message, text), 'error', rule, `invalid JSON: ${message.replace(/ in JSON at position \d+( \(line \d+ column \d+\))?$/, '')}`, 'fix the JSON syntax (a missing comma or quote, or a trailing comma)'),
    );
    return [];
  }
  let items: unknown[];
  if (Array.isArray(data)) items = data;
  else if (data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>)['items'])) {
    items = (data as Record<string, unknown[]>)['items']!;
  } else if (data && typeof data === 'object' && 'id' in data) items = [data];
  else {
    problems.push(
      problem(file, undefined, 'error', rule, 'a CSL-JSON file must hold an array of items (or an object with `items`)', 'export the collection from Zotero as "CSL JSON"'),
    );
    return [];
  }
  const at = positionsIn(text);
  // Where each `"id": …` is written, found in one pass: by the value as JSON writes it, in order.
  const written = new Map<string, number[]>();
  for (const m of text.matchAll(/"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/g)) {
    const list = written.get(m[1]!) ?? [];
    list.push(m.index);
    written.set(m[1]!, list);
  }
  const used = new Map<string, number>();
  /** Where `"id": "key"` is written (the n-th time for the n-th item with that key). */
  const locate = (id: unknown): Position | undefined => {
    const literal = JSON.stringify(id);
    const n = used.get(literal) ?? 0;
    used.set(literal, n + 1);
    const offset = written.get(literal)?.[n];
    return offset === undefined ? undefined : at(offset);
  };
  const candidates: Candidate[] = [];
  items.forEach((raw, index) => {
    const which = `the ${ordinal(index + 1)} item`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(problem(file, undefined, 'error', rule, `${which} is not a CSL-JSON object`));
      return;
    }
    const item = raw as CslItem;
    const id = item['id'];
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
      problems.push(problem(file, undefined, 'error', rule, `${which} has no \`id\` (its citation key)`, 'add `"id": "key"` to the item'));
      return;
    }
    const key = String(id);
    const at = locate(id) ?? { line: 1, column: 1 };
    const evidence: Candidate['evidence'] = [];
    if (typeof item['evidence'] === 'string') evidence.push({ value: item['evidence'], at });
    if (typeof item['keyword'] === 'string') for (const tag of evidenceTags(item['keyword'])) evidence.push({ value: tag, at });
    const csl = cleanCsl(item, key); // cleanCsl builds a new item; the parsed JSON is not changed
    delete csl['evidence'];
    const abbreviation = cslAbbreviation(csl);
    candidates.push({ key, csl, file, at, format: 'csl-json', evidence, ...(abbreviation ? { abbreviation } : {}) });
  });
  return candidates;
}
