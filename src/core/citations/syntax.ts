/**
 * Pandoc citation syntax, as plain string parsing (no Markdown): `[@key]`, `[@key, p. 12]`,
 * `[see @a, ch. 2; @b]`, `[-@key]` and narrative `@key` / `@key [p. 12]`.
 */

export interface CitationItem {
  key: string;
  /** CSL locator label: page, chapter, section, paragraph, ... */
  label?: string;
  locator?: string;
  prefix?: string;
  suffix?: string;
  suppressAuthor?: boolean;
  /** Offset of the `@` within the scanned text. */
  offset: number;
  /** Where the `@` is in the file (set by the Markdown plugin). */
  at?: { line: number; column: number } | undefined;
}

export interface CitationCluster {
  mode: 'parenthetical' | 'narrative';
  items: CitationItem[];
  /** Offset and length of the whole citation in the scanned text. */
  start: number;
  end: number;
  raw: string;
}

export interface SyntaxProblem {
  rule: 'citation/empty' | 'citation/malformed' | 'citation/malformed-locator';
  message: string;
  hint: string;
  offset: number;
}

export interface ScanResult {
  /** Text pieces and clusters in order. */
  parts: (string | CitationCluster)[];
  problems: SyntaxProblem[];
}

/** Locator labels authors may write, mapped to CSL locator types. */
export const LOCATOR_LABELS: Record<string, string> = {
  'p.': 'page',
  'pp.': 'page',
  'page': 'page',
  'pages': 'page',
  'ch.': 'chapter',
  'chap.': 'chapter',
  'chapter': 'chapter',
  'sec.': 'section',
  'secs.': 'section',
  'section': 'section',
  '§': 'section',
  '§§': 'section',
  'para.': 'paragraph',
  'paras.': 'paragraph',
  '¶': 'paragraph',
  'fig.': 'figure',
  'figure': 'figure',
  'tbl.': 'table',
  'table': 'table',
  'vol.': 'volume',
  'no.': 'issue',
  'l.': 'line',
  'll.': 'line',
  'app.': 'appendix',
  'pt.': 'part',
};

const KEY = /[A-Za-z0-9_][\w:.#$%&+?<>~/-]*/y;

function readKey(text: string, at: number): string | undefined {
  KEY.lastIndex = at;
  const m = KEY.exec(text);
  if (!m) return undefined;
  // Trailing punctuation belongs to the sentence, not the key (pandoc does the same).
  return m[0].replace(/[.:?#$%&+<>~/-]+$/, '');
}

/** Parse `label value` after a key, e.g. `p. 12`, `sec. 1.07(f)`, or a bare page `12`. */
export function parseLocator(raw: string): { label: string; locator: string; suffix?: string } | { error: string; hint: string } {
  const text = raw.trim();
  if (text === '') return { error: 'the locator after the comma is empty', hint: 'write a locator such as `p. 12` or `sec. 1.07(f)`, or remove the comma' };
  const m = /^(\S+)\s*(.*)$/.exec(text)!;
  const word = m[1]!;
  const rest = m[2]!.trim();
  const label = LOCATOR_LABELS[word.toLowerCase()];
  if (label) {
    if (rest === '') return { error: `the locator label \`${word}\` has no value`, hint: `write the number after it, e.g. \`${word} 12\`` };
    if (label === 'page' && !/^[0-9ivxlcdmIVXLCDM]+([-–—,]\s*[0-9ivxlcdmIVXLCDM]+)*$/.test(rest)) {
      return { error: `\`${word} ${rest}\` is not a page or page range`, hint: 'pages are numbers or ranges, e.g. `p. 12` or `pp. 3-4`' };
    }
    return { label, locator: rest.replace(/(\d)\s*-+\s*(\d)/g, '$1–$2') };
  }
  // A bare number or range is a page (pandoc's rule).
  if (/^[0-9]+([-–][0-9]+)?$/.test(text)) return { label: 'page', locator: text.replace(/-+/g, '–') };
  const known = Object.keys(LOCATOR_LABELS).filter((l) => /^[a-z]/.test(l));
  return {
    error: `\`${word}\` is not a locator label`,
    hint: `use one of ${known.filter((l) => l.endsWith('.')).join(', ')} — e.g. \`p. 12\`, \`sec. II.A.5\``,
  };
}

/** Parse the inside of `[...]` as a citation cluster; undefined when it is not a citation. */
function parseCluster(inner: string, innerOffset: number, problems: SyntaxProblem[]): CitationItem[] | undefined {
  // Is there an `@` at a citation position (start, after space, `-`, `;` or `[`)?
  if (!/(^|[\s;])-?@/.test(inner)) return undefined;
  const items: CitationItem[] = [];
  let pos = 0;
  for (const piece of inner.split(';')) {
    const pieceOffset = innerOffset + pos;
    pos += piece.length + 1;
    const at = /(^|\s)(-?)@/.exec(piece);
    if (!at) {
      problems.push({
        rule: 'citation/malformed',
        message: `\`${piece.trim()}\` in the citation \`[${inner}]\` names no source`,
        hint: 'separate sources with `;` and start each with `@key`, e.g. `[@a; @b]`',
        offset: pieceOffset,
      });
      continue;
    }
    const atIndex = at.index + at[1]!.length + at[2]!.length;
    const prefix = piece.slice(0, at.index + at[1]!.length).trim();
    const key = readKey(piece, atIndex + 1);
    if (!key) {
      problems.push({
        rule: 'citation/empty',
        message: piece.trim() === '@' || piece.trim() === '-@' ? 'empty citation: `@` with no key' : `\`${piece.trim()}\` has \`@\` but no citation key after it`,
        hint: 'write the key of a reference after `@`, e.g. `[@toseland2017]`',
        offset: pieceOffset + atIndex,
      });
      continue;
    }
    const after = piece.slice(atIndex + 1 + key.length);
    const item: CitationItem = { key, offset: pieceOffset + atIndex };
    if (at[2] === '-') item.suppressAuthor = true;
    if (prefix) item.prefix = prefix;
    const rest = after.trim();
    if (rest.startsWith(',')) {
      const loc = parseLocator(rest.slice(1));
      if ('error' in loc) {
        problems.push({ rule: 'citation/malformed-locator', message: `${loc.error} in \`[${inner}]\``, hint: loc.hint, offset: pieceOffset + atIndex });
        continue;
      }
      item.label = loc.label;
      item.locator = loc.locator;
    } else if (rest !== '') {
      item.suffix = rest;
    }
    items.push(item);
  }
  return items;
}

/**
 * Scan running text for citations. Brackets are matched without nesting; an `@` counts only
 * at the start of the text or after whitespace, `(` or `[`, so e-mail addresses are not read
 * as citations.
 */
export function scanCitations(text: string): ScanResult {
  const parts: (string | CitationCluster)[] = [];
  const problems: SyntaxProblem[] = [];
  let last = 0;
  let i = 0;
  const push = (c: CitationCluster) => {
    if (c.start > last) parts.push(text.slice(last, c.start));
    parts.push(c);
    last = c.end;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[') {
      const close = text.indexOf(']', i + 1);
      const nextOpen = text.indexOf('[', i + 1);
      if (close !== -1 && (nextOpen === -1 || nextOpen > close)) {
        const inner = text.slice(i + 1, close);
        const before = problems.length;
        const items = parseCluster(inner, i + 1, problems);
        if (items !== undefined) {
          if (items.length > 0 && problems.length === before) {
            push({ mode: 'parenthetical', items, start: i, end: close + 1, raw: text.slice(i, close + 1) });
          } else {
            // Keep the text as written; the problem is reported.
          }
          i = close + 1;
          continue;
        }
      }
      i++;
      continue;
    }
    if (ch === '@' && (i === 0 || /[\s(]/.test(text[i - 1]!))) {
      const key = readKey(text, i + 1);
      if (key) {
        const item: CitationItem = { key, offset: i };
        let end = i + 1 + key.length;
        // `@key [p. 12]`: a locator in brackets right after a narrative citation.
        const loc = /^ \[([^\]@]*)\]/.exec(text.slice(end));
        if (loc) {
          const parsed = parseLocator(loc[1]!);
          if ('error' in parsed) {
            problems.push({ rule: 'citation/malformed-locator', message: `${parsed.error} in \`@${key} [${loc[1]}]\``, hint: parsed.hint, offset: i });
          } else {
            item.label = parsed.label;
            item.locator = parsed.locator;
            end += loc[0].length;
          }
        }
        push({ mode: 'narrative', items: [item], start: i, end, raw: text.slice(i, end) });
        i = end;
        continue;
      }
    }
    i++;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, problems };
}
