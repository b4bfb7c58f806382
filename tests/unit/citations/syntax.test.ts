/**
 * The citation parser's own conventions (what the Markdown layer relies on) and the problems it
 * reports. Conformance with pandoc itself is in conformance.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER } from '../../../src/core/citations/characters.ts';
import { LOCATOR_LABELS, parseLocator } from '../../../src/core/citations/locators.ts';
import { scanCitations, type CitationCluster } from '../../../src/core/citations/syntax.ts';

const clusters = (text: string, escaped?: (offset: number) => boolean) =>
  scanCitations(text, escaped ? { escaped } : {}).parts.filter((p): p is CitationCluster => typeof p !== 'string');
const items = (text: string, escaped?: (offset: number) => boolean) =>
  clusters(text, escaped).map((c) => c.items.map(({ offset: _o, ...rest }) => rest));
/** Text value and escaped offsets for a string written with `\` escapes, as the Markdown layer gives them. */
const unescape = (source: string) => {
  const escaped = new Set<number>();
  let text = '';
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') escaped.add(text.length), i++;
    text += source[i];
  }
  return { text, escaped: (o: number) => escaped.has(o) };
};

describe('reading citations', () => {
  it('reads a parenthetical citation with prefix, locator and suffix', () => {
    expect(items('Groups help [see @toseland2017, pp. 33-35, for details].')).toEqual([
      [{ key: 'toseland2017', prefix: 'see', label: 'page', locator: '33–35', suffix: ', for details' }],
    ]);
  });
  it('reads several items, each with its own prefix and locator', () => {
    expect(items('[see @a, p. 1; also @b, chap. 2; -@c]')).toEqual([
      [
        { key: 'a', prefix: 'see', label: 'page', locator: '1' },
        { key: 'b', prefix: 'also', label: 'chapter', locator: '2' },
        { key: 'c', suppressAuthor: true },
      ],
    ]);
  });
  it('reads the section locators this knowledge base uses', () => {
    expect(items('[@nasw2021, sec. 1.07(f); @aaswg2006, sec. II.A.5; @casw2005, sec. VI.B]')).toEqual([
      [
        { key: 'nasw2021', label: 'section', locator: '1.07(f)' },
        { key: 'aaswg2006', label: 'section', locator: 'II.A.5' },
        { key: 'casw2005', label: 'section', locator: 'VI.B' },
      ],
    ]);
  });
  it('keeps what pandoc does not read as a locator as suffix, with no problem', () => {
    const r = scanCitations('[@k, ch. 2] [@k, sec. Introduction] [@k, pg 12]');
    expect(r.problems).toEqual([]);
    expect(r.parts.filter((p): p is CitationCluster => typeof p !== 'string').map((c) => c.items[0]!.suffix)).toEqual([
      ', ch. 2',
      ', sec. Introduction',
      ', pg 12',
    ]);
  });
  it('reads narrative citations, with a bracketed locator or further items', () => {
    const [a, b, c] = clusters('@smith04 says; @smith04 [p. 33] says; @smith04 [@doe99, p. 2] agree.');
    expect(a).toMatchObject({ mode: 'narrative', raw: '@smith04', items: [{ key: 'smith04' }] });
    expect(b).toMatchObject({ mode: 'narrative', raw: '@smith04 [p. 33]', items: [{ key: 'smith04', label: 'page', locator: '33' }] });
    expect(c).toMatchObject({ mode: 'narrative', items: [{ key: 'smith04' }, { key: 'doe99', label: 'page', locator: '2' }] });
  });
  it('ends a key before trailing punctuation and keeps braced keys whole', () => {
    expect(items('As @smith.2010. Also @Kim:2009p4370, and [@{https://example.com/a?b=c}, p. 3].').flat().map((i) => i.key)).toEqual([
      'smith.2010',
      'Kim:2009p4370',
      'https://example.com/a?b=c',
    ]);
  });
  it('gives offsets of clusters and of each @', () => {
    const text = 'A [see @a; @b] and @c.';
    const [p, n] = clusters(text);
    expect(text.slice(p!.start, p!.end)).toBe('[see @a; @b]');
    expect(p!.items.map((i) => i.offset)).toEqual([7, 11]);
    expect(n).toMatchObject({ start: 19, end: 21, items: [{ key: 'c', offset: 19 }] });
  });
  it('returns the text around citations unchanged', () => {
    const text = 'Write to help@example.org [see above] or @k.';
    const { parts } = scanCitations(text);
    expect(parts.map((p) => (typeof p === 'string' ? p : p.raw)).join('')).toBe(text);
    expect(parts.filter((p) => typeof p !== 'string')).toHaveLength(1);
  });
});

describe('the Markdown layer conventions', () => {
  it('treats a backslash-escaped @ as text', () => {
    const { text, escaped } = unescape('Tweet \\@smith2000 or [\\@smith2000].');
    expect(clusters(text, escaped)).toEqual([]);
    expect(scanCitations(text, { escaped }).problems).toEqual([]);
  });
  it('does not open a citation at an escaped [', () => {
    const { text, escaped } = unescape('Text \\[@k] here.');
    expect(clusters(text, escaped)).toMatchObject([{ mode: 'narrative', raw: '@k' }]);
  });
  it('does not close or separate at an escaped ] or ;', () => {
    const { text, escaped } = unescape('[@a, see \\] here] [@a, p. 3\\; more]');
    expect(items(text, escaped)).toEqual([[{ key: 'a', suffix: ', see ] here' }], [{ key: 'a', label: 'page', locator: '3', suffix: '; more' }]]);
  });
  it('keeps placeholders for inline nodes in prefix and suffix', () => {
    expect(items(`[see ${PLACEHOLDER} classic @key, p. 33, ${PLACEHOLDER}]`)).toEqual([
      [{ key: 'key', prefix: `see ${PLACEHOLDER} classic`, label: 'page', locator: '33', suffix: `, ${PLACEHOLDER}` }],
    ]);
  });
  it('never puts a placeholder in a key', () => {
    expect(items(`@key${PLACEHOLDER} says`)).toEqual([[{ key: 'key' }]]);
    expect(clusters(`${PLACEHOLDER}@key`)).toEqual([]); // right after emphasis, as after a word
    expect(scanCitations(`[@{a${PLACEHOLDER}b}]`).problems).toMatchObject([{ rule: 'citation/malformed' }]);
  });
});

describe('problems', () => {
  const problems = (text: string) => scanCitations(text).problems;
  it('reports an empty citation, naming it, with a fix', () => {
    expect(problems('A claim [@].')).toEqual([
      {
        rule: 'citation/empty',
        message: '`[@]` is an empty citation: `@` with no key',
        hint: 'write the key of a reference right after `@`, e.g. `[@smith2020]`, or remove the `@`',
        offset: 9,
      },
    ]);
  });
  it('reports an empty item with the fixed citation', () => {
    expect(problems('A claim [@a; @b; ].')).toEqual([
      {
        rule: 'citation/empty',
        message: 'the citation `[@a; @b; ]` has an empty item (nothing between the last `;` and `]`)',
        hint: 'remove the extra `;` (`[@a; @b]`), or put a source there',
        offset: 15,
      },
    ]);
  });
  it('reports an item with no key', () => {
    expect(problems('A claim [@a; see above].')).toEqual([
      {
        rule: 'citation/malformed',
        message: '`see above` in the citation `[@a; see above]` names no source',
        hint: 'each item between `;` needs its own `@key`; to comment on a source, write the words after its key: `[@a, see also chapter 2]`',
        offset: 12,
      },
    ]);
  });
  it('reports a citation inside a citation (a missing `;`)', () => {
    expect(problems('A claim [@a and @b].')).toEqual([
      {
        rule: 'citation/malformed',
        message: '`@b` is inside the suffix of `@a` in the citation `[@a and @b]`: a citation cannot hold another',
        hint: 'separate the sources with `;`, each with its own words: `[@a; see @b]`',
        offset: 16,
      },
    ]);
  });
  it('names a space after @ and a braced key with a space', () => {
    expect(problems('[@ smith2000]')[0]).toMatchObject({ message: '`@` is followed by a space in the citation `[@ smith2000]`: a key must follow `@` directly', hint: 'write `@smith2000`' });
    expect(problems('[@{Smith 2000}]')[0]!.message).toBe('the key `{Smith 2000}` in the citation `[@{Smith 2000}]` contains a space; keys cannot, even in braces');
  });
  it('keeps a bracket with a problem as text', () => {
    expect(scanCitations('A claim [@a; ] here.').parts).toEqual(['A claim [@a; ] here.']);
  });
  it('says nothing about brackets and @ that are not citations', () => {
    for (const text of ['[see above]', 'name@example.org', '[contact name@example.org]', 'meet me @ noon', '[@k][ref]', '[^1]']) {
      expect(problems(text)).toEqual([]);
    }
  });
});

describe('parseLocator (pandoc citeproc split of a suffix)', () => {
  it('splits label, locator and suffix', () => {
    expect(parseLocator(', pp. 33-35, for details')).toEqual({ label: 'page', locator: '33–35', suffix: ', for details' });
    expect(parseLocator(', 33')).toEqual({ label: 'page', locator: '33' });
    expect(parseLocator(' s.v. 12 and more')).toEqual({ label: 'sub verbo', locator: '12', suffix: ' and more' });
    expect(parseLocator(', {ii, A, D-Z}, with a suffix')).toEqual({ label: 'page', locator: 'ii, A, D-Z', suffix: ', with a suffix' });
  });
  it('adds a comma before a suffix with no locator, as pandoc does', () => {
    expect(parseLocator('see above')).toEqual({ suffix: ', see above' });
    expect(parseLocator(' and passim')).toEqual({ suffix: ' and passim' });
    expect(parseLocator('')).toEqual({});
  });
  it('exports the en-US locator terms', () => {
    expect(LOCATOR_LABELS['p.']).toBe('page');
    expect(LOCATOR_LABELS['§§']).toBe('section');
    expect(LOCATOR_LABELS['no.']).toBe('issue');
    expect(LOCATOR_LABELS['ch.']).toBeUndefined();
    expect(new Set(Object.values(LOCATOR_LABELS)).size).toBe(16);
  });
});

describe('robustness', () => {
  it('survives deeply nested brackets', () => {
    const text = `${'['.repeat(5000)}@k${']'.repeat(5000)}`;
    const { parts } = scanCitations(text);
    expect(parts.map((p) => (typeof p === 'string' ? p : p.raw)).join('')).toBe(text);
  });
  it('scans a long text quickly', () => {
    const text = 'Groups help [see @a, p. 3; @b] and @c [ch. 2] while [brackets [and @d more. '.repeat(3000);
    const t0 = performance.now();
    const { parts } = scanCitations(text);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(parts.filter((p) => typeof p !== 'string').length).toBeGreaterThanOrEqual(9000);
  });
});
