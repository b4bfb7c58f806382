/**
 * The citation parser against what real pandoc does with the same strings.
 *
 * The facts are in tests/fixtures/citations/pandoc-conformance.json, generated with pandoc by
 * scripts/pandoc-citations.mjs (these tests never run pandoc). Every case is checked: which text
 * is a citation, its mode, and per item the key, prefix, suppress-author flag, and the locator
 * label, locator and suffix as pandoc's citeproc splits them. Where we deliberately differ,
 * DIVERGENCES below says what we do instead and why; the pandoc facts stay in the data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER } from '../../../src/core/citations/characters.ts';
import type { SyntaxProblem } from '../../../src/core/citations/diagnose.ts';
import { scanCitations, type CitationCluster } from '../../../src/core/citations/syntax.ts';

interface PandocItem {
  key: string;
  mode: 'NormalCitation' | 'AuthorInText' | 'SuppressAuthor';
  prefix: string;
  suffix: string;
  citeproc: { label: string | null; locator: string | null; printed?: string; suffix: string } | string;
}
interface PandocCite {
  raw: string;
  items: PandocItem[];
}
interface Case {
  id: string;
  about: string;
  input: string;
  parts: (string | PandocCite)[];
}
const data = JSON.parse(readFileSync(new URL('../../fixtures/citations/pandoc-conformance.json', import.meta.url), 'utf8')) as {
  pandoc: string;
  cases: Case[];
};

/**
 * What our Markdown layer hands the parser for a Markdown input: the text value with backslash
 * escapes removed (and their offsets reported as escaped) and each inline node (here `*...*`
 * emphasis and `` `...` `` code, the only ones the table uses) as one placeholder.
 */
function textValue(markdown: string): { text: string; escaped: (offset: number) => boolean } {
  const escaped = new Set<number>();
  let text = '';
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i]!;
    if (c === '\\' && /[!-/:-@[-`{-~]/.test(markdown[i + 1] ?? '')) {
      escaped.add(text.length);
      text += markdown[++i];
    } else if ((c === '*' && /^\*[^*\s][^*]*\*/.test(markdown.slice(i))) || (c === '`' && markdown.includes('`', i + 1))) {
      text += PLACEHOLDER;
      i = markdown.indexOf(c, i + 1);
    } else text += c;
  }
  return { text, escaped: (offset) => escaped.has(offset) };
}

/**
 * pandoc reads Markdown with its `smart` extension (`--` → –, `...` → …, `'` → ’, a no-break space
 * after known abbreviations such as `p.`); our text values are not smartened. Compare modulo that.
 */
const smart = (s: string): string =>
  s.replace(/---/g, '—').replace(/--/g, '–').replace(/\.\.\./g, '…').replace(/'/g, '’').replace(/\s+/g, ' ');
const unsmartSpace = (s: string): string => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');

/** A hyphen range between numbers in a locator is an en dash in our output (as it is in print). */
const enDash = (s: string): string => s.replace(/(\d)\s*-+\s*(?=\d)/g, '$1–');

interface Divergence {
  /** Why we differ from pandoc here. */
  why: string;
  /** The problems we report instead (rule and the offset in the text value). */
  problems: Pick<SyntaxProblem, 'rule' | 'offset'>[];
  /** Clusters we still read (raw text), when not none. */
  clusters?: string[];
}

/**
 * Cases where we deliberately do not do what pandoc does. Everything not listed here must match
 * pandoc exactly (modulo `smart`, above).
 */
const DIVERGENCES: Record<string, Divergence> = {
  'key-star': {
    why: '`@*` is pandoc\'s wildcard for `nocite` metadata; in running text it cites nothing, so we flag it',
    problems: [{ rule: 'citation/malformed', offset: 5 }],
  },
  'key-braced-space': {
    why: 'pandoc keeps `[@{Smith 2000}]` as text (braced keys may not hold spaces); the author meant a citation, so we say why it is not one',
    problems: [{ rule: 'citation/malformed', offset: 5 }],
  },
  'key-braced-unclosed': {
    why: 'pandoc keeps it as text; the author meant a citation and forgot the `}`',
    problems: [{ rule: 'citation/malformed', offset: 5 }],
  },
  empty: { why: 'pandoc keeps `[@]` as text; an empty citation is a mistake worth reporting', problems: [{ rule: 'citation/empty', offset: 9 }] },
  'empty-suppress': { why: 'as `[@]`', problems: [{ rule: 'citation/empty', offset: 10 }] },
  'empty-locator': { why: 'a locator with no key: as `[@]`', problems: [{ rule: 'citation/empty', offset: 9 }] },
  'empty-item-end': {
    why: 'pandoc gives up on the bracket and reads `@a` inside it as narrative, printing the brackets; we report the empty item instead',
    problems: [{ rule: 'citation/empty', offset: 11 }],
  },
  'empty-item-start': { why: 'as empty-item-end', problems: [{ rule: 'citation/empty', offset: 8 }] },
  'lone-at-second': { why: 'as empty-item-end, for an item that is a bare `@`', problems: [{ rule: 'citation/empty', offset: 13 }] },
  'item-no-key': {
    why: 'as empty-item-end, for an item with words but no key (a comment belongs after a key, not after `;`)',
    problems: [{ rule: 'citation/malformed', offset: 12 }],
  },
  'lone-at-suffix': {
    why: 'pandoc accepts `[@a, @]` with the suffix `, @`; a bare `@` there is surely a key left out',
    problems: [{ rule: 'citation/empty', offset: 13 }],
  },
  'space-after-at': { why: 'pandoc keeps it as text; the space after `@` is a typo worth naming', problems: [{ rule: 'citation/malformed', offset: 9 }] },
  'at-quote': { why: 'pandoc keeps it as text; `@` opening the item means a citation was meant', problems: [{ rule: 'citation/malformed', offset: 9 }] },
  'nested-suffix': {
    why: 'pandoc nests a narrative citation of `b` inside the suffix of `a`; we cannot represent that, and it is nearly always a missing `;`',
    problems: [{ rule: 'citation/malformed', offset: 17 }],
  },
  'nested-missing-semicolon': { why: 'as nested-suffix', problems: [{ rule: 'citation/malformed', offset: 12 }] },
  'after-code': {
    why: 'we do not know which inline node a placeholder stands for, and treat all like emphasis, after which pandoc starts no citation (see after-emphasis); after inline code pandoc does',
    problems: [],
    clusters: [],
  },
  'nested-bracket': { why: 'pandoc nests the citation `[@a]` in the prefix of `b`; as nested-suffix', problems: [{ rule: 'citation/malformed', offset: 6 }] },
};

const ourClusters = (parts: (string | CitationCluster)[]) => parts.filter((p): p is CitationCluster => typeof p !== 'string');

describe(`pandoc conformance (pandoc ${data.pandoc}, ${data.cases.length} cases)`, () => {
  it('has the cases the brief asks for', () => {
    expect(data.cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(data.cases.map((c) => c.id)).size).toBe(data.cases.length);
    for (const id of Object.keys(DIVERGENCES)) expect(data.cases.map((c) => c.id)).toContain(id);
  });

  for (const c of data.cases) {
    it(`${c.id}: ${c.about}`, () => {
      const { text, escaped } = textValue(c.input);
      const { parts, problems } = scanCitations(text, { escaped });

      // Invariants of every scan.
      expect(parts.map((p) => (typeof p === 'string' ? p : p.raw)).join('')).toBe(text);
      for (const cl of ourClusters(parts)) {
        expect(text.slice(cl.start, cl.end)).toBe(cl.raw);
        for (const item of cl.items) expect(text[item.offset]).toBe('@');
      }

      const divergence = DIVERGENCES[c.id];
      if (divergence) {
        expect(problems.map((p) => ({ rule: p.rule, offset: p.offset }))).toEqual(divergence.problems);
        for (const p of problems) {
          expect(p.message.length).toBeGreaterThan(10);
          expect(p.hint.length).toBeGreaterThan(10);
        }
        expect(ourClusters(parts).map((cl) => cl.raw)).toEqual(divergence.clusters ?? []);
        return;
      }

      expect(problems).toEqual([]);
      // Same shape: text and citations alternate the same way.
      expect(parts.map((p) => (typeof p === 'string' ? 'text' : 'cite'))).toEqual(c.parts.map((p) => (typeof p === 'string' ? 'text' : 'cite')));
      c.parts.forEach((expected, n) => {
        const ours = parts[n]!;
        if (typeof expected === 'string') {
          expect(smart(ours as string)).toBe(unsmartSpace(expected));
          return;
        }
        const cl = ours as CitationCluster;
        // The Cite element's text is the Markdown source of the citation, except that for a
        // narrative one pandoc writes `@key` (no braces) and one space before a bracket.
        const squeeze = (s: string) => s.replace(/\s+/g, '');
        expect(squeeze(cl.raw).replace(/^@\{(.*?)\}/, '@$1')).toBe(squeeze(textValue(expected.raw).text));
        expect(cl.mode).toBe(expected.items[0]!.mode === 'AuthorInText' ? 'narrative' : 'parenthetical');
        expect(cl.items.length).toBe(expected.items.length);
        expected.items.forEach((e, k) => {
          const item = cl.items[k]!;
          expect(item.key).toBe(e.key);
          expect(item.suppressAuthor ?? false).toBe(e.mode === 'SuppressAuthor');
          expect(smart(item.prefix ?? '')).toBe(unsmartSpace(e.prefix));
          if (typeof e.citeproc === 'string') throw new Error(`${c.id}: no citeproc facts (${e.citeproc})`);
          // pandoc 2.17 hands CSL an empty page locator for `@key{}` (it prints nothing): no locator.
          const locator = e.citeproc.locator || undefined;
          expect(item.locator).toBe(locator === undefined ? undefined : enDash(unsmartSpace(locator)));
          expect(item.label).toBe(locator === undefined ? undefined : e.citeproc.label);
          // A suffix of only spaces prints nothing: no suffix.
          const suffix = e.citeproc.suffix.trim() === '' ? undefined : unsmartSpace(e.citeproc.suffix);
          expect(item.suffix === undefined ? undefined : smart(item.suffix)).toBe(suffix);
        });
      });
    });
  }
});
