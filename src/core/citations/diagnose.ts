/**
 * Problems an author wants to hear about: a bracket that is clearly a citation gone wrong
 * (`[@]`, `[@a; ]`, `[@a; see above]`, `[@{a b}]`), which pandoc reads as plain text, and what
 * pandoc accepts but an author would not mean (a citation inside another one, a lone `@`). Each
 * problem names what was written and says how to fix it.
 */
import { collapse, PLACEHOLDER, trimSpace } from './characters.ts';
import type { Parsed, Scanner } from './scanner.ts';

export interface SyntaxProblem {
  rule: 'citation/empty' | 'citation/malformed';
  /** What is wrong, naming what was written. */
  message: string;
  /** How to fix it. */
  hint: string;
  offset: number;
}

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
export function diagnose(s: Scanner, open: number): { problems: SyntaxProblem[]; end: number } | undefined {
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
export function clusterProblems(s: Scanner, parsed: Parsed, start: number): SyntaxProblem[] {
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
