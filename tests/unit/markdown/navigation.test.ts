/**
 * Navigation is not a claim: a paragraph or list item that is only links joined by "see",
 * "also", "compare", "cf", "and", "or" (and punctuation) needs no citation; one that carries a
 * citation anyway is `claim/navigation-cited` (a warning). Anything else is a claim.
 */
import { describe, expect, it } from 'vitest';
import { navigationOnly, NAVIGATION_WORDS } from '../../../src/core/markdown/claims.ts';
import { analyseMarkdown } from '../../../src/core/markdown/parse.ts';

const facts = (md: string) => analyseMarkdown(md, { mdx: false, self: 'topics/t', mode: 'body' });
const summary = (md: string) => {
  const f = facts(md);
  return { problems: f.problems.map((p) => `${p.at.line}:${p.at.column} ${p.severity} ${p.rule}`), claims: f.claims.map((c) => c.id), anchors: f.anchors };
};

describe('navigation paragraphs and list items', () => {
  it('the joining words', () => {
    expect([...NAVIGATION_WORDS].sort()).toEqual(['also', 'and', 'cf', 'compare', 'or', 'see']);
  });

  it.each([
    'See [[topics/a]].',
    'See [[topics/a]] and [[topics/b]].',
    'See also [[topics/a]]; compare [[topics/b]].',
    'Cf. [[topics/a]] or [[topics/b|the other view]].',
    'See [[topics/a]] **and** [[topics/b]].',
    'See [the code](/ethics/x/).',
    '[[topics/a]], [[topics/b]] and [[topics/c]].',
  ])('%s is not a claim: no citation needed', (md) => {
    const f = facts(`${md}\n`);
    expect(f.problems).toEqual([]);
    expect(f.claims).toEqual([]);
    // It is still a paragraph a reader counts: the next claim is para-2.
    expect(f.anchors).toEqual(['para-1']);
    expect(f.links.length).toBeGreaterThan(0);
  });

  it('counts in the paragraph numbering, so later anchors stay where APA counts them', () => {
    const r = summary('## Further reading\n\nSee [[topics/a]].\n\nThe next claim [@k].\n');
    expect(r).toEqual({ problems: [], claims: ['further-reading-para-2'], anchors: ['further-reading', 'further-reading-para-1', 'further-reading-para-2'] });
  });

  it('list items of links are navigation too', () => {
    expect(summary('- See [[topics/a]].\n- Cf. [[topics/b]] or [[topics/c]].\n')).toEqual({ problems: [], claims: [], anchors: ['para-1', 'para-2'] });
  });

  it('a link with other words around it is a claim', () => {
    expect(summary('See [[topics/a]] for more on this.\n').problems).toEqual(['1:1 error claim/uncited']);
    expect(summary('Groups differ: see [[topics/a]].\n').problems).toEqual(['1:1 error claim/uncited']);
    expect(summary('- See [[topics/a]], which shows groups work.\n').problems).toEqual(['1:1 error claim/uncited']);
  });

  it('a link to a web address does not point to an entry: its label is read as a claim, and the hint says a link is not a citation', () => {
    const f = facts('[Groups always succeed](https://example.org/groups).\n\nSee [the association](https://example.org/).\n\n- See [[topics/a]] and [a page](mailto:office@example.org).\n');
    expect(f.problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule} ${p.message}`)).toEqual([
      '1:1 claim/uncited This paragraph makes a claim without a citation: "Groups always succeed."',
      '3:1 claim/uncited This paragraph makes a claim without a citation: "See the association."',
      '5:1 claim/uncited This list item makes a claim without a citation: "See [[topics/a]] and a page."',
    ]);
    expect(f.problems[0]!.hint).toBe('a link to a web page is not a citation: add the page to references/ (e.g. an `@online` entry with its `url`) and cite it, `[@key]`, or move the text into an exempt block (`:::note`) if it is not a claim');
    // A protocol-relative address (`//host`) is a web address too, as the link rules read it.
    expect(facts('See [a page](//example.org/x).\n').problems.map((p) => p.rule)).toEqual(['claim/uncited']);
    // Cited, the same paragraph is an ordinary claim.
    expect(facts('[Groups always succeed](https://example.org/groups) [@k].\n').problems).toEqual([]);
  });

  it('connecting words alone, or a link in code, are not navigation', () => {
    expect(summary('See.\n').problems).toEqual(['1:1 error claim/uncited']);
    expect(summary('See `[[topics/a]]`.\n').problems).toEqual(['1:1 error claim/uncited']);
  });

  it('a cited navigation paragraph is a warning at the paragraph, and the citation still counts', () => {
    const f = facts('Intro [@k].\n\nSee [[topics/a]] and [[topics/b]] [@x, p. 3].\n');
    expect(f.problems).toEqual([
      {
        rule: 'claim/navigation-cited',
        severity: 'warning',
        message: 'This paragraph only points to other entries, so it is not a claim and needs no citation',
        at: { line: 3, column: 1 },
        hint: 'remove the citation; cite sources where the linked entries make their claims',
      },
    ]);
    expect(f.claims.map((c) => c.id)).toEqual(['para-1']);
    expect(f.citations.map((c) => c.key)).toEqual(['k', 'x']);
  });

  it('a cited navigation list item is a warning at the item', () => {
    expect(facts('- A claim [@k].\n- See [[topics/a]] [@k].\n').problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule} ${p.message}`)).toEqual([
      '2:1 claim/navigation-cited This list item only points to other entries, so it is not a claim and needs no citation',
    ]);
  });

  it('table cells of links are navigation without a warning position of their own', () => {
    expect(summary('| A | B |\n| - | - |\n| see [[topics/a]] | x [@a] |\n')).toEqual({ problems: [], claims: [''], anchors: ['table-1'] });
  });

  it('navigationOnly reports links, and whether a citation is among them', () => {
    // Exercised on the parser's tree by the plugin; here through its result on a paragraph.
    expect(navigationOnly({ type: 'paragraph', children: [{ type: 'text', value: 'See ' }, { type: 'wikilink', value: '[[a]]' }, { type: 'text', value: '.' }] }, new WeakMap())).toEqual({ navigation: true, cited: false, web: false });
    expect(navigationOnly({ type: 'paragraph', children: [{ type: 'text', value: 'See ' }, { type: 'wikilink', value: '[[a]]' }, { type: 'citation', value: '[@k]' }] }, new WeakMap())).toEqual({ navigation: true, cited: true, web: false });
    expect(navigationOnly({ type: 'paragraph', children: [{ type: 'text', value: 'Only words.' }] }, new WeakMap())).toEqual({ navigation: false, cited: false, web: false });
    expect(navigationOnly({ type: 'paragraph', children: [{ type: 'link', url: 'https://example.org/', children: [{ type: 'text', value: 'Groups work' }] }] }, new WeakMap())).toEqual({ navigation: false, cited: false, web: true });
  });
});
