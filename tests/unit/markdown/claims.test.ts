/**
 * The claim step of Groundwork's Markdown plugin (src/core/markdown/claims.ts), through
 * `analyseMarkdown`, the function `check` parses every body with: which blocks are claims, the
 * anchors they get, the keys they rest on, and the problems reported at their line and column.
 */
import { describe, expect, it } from 'vitest';
import { analyseMarkdown } from '../../../src/core/markdown/parse.ts';

const facts = (md: string, mdx = false) => analyseMarkdown(md, { mdx, self: 'topics/t', mode: 'body' });
const run = (md: string, mdx = false) => {
  const f = facts(md, mdx);
  return {
    problems: f.problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule}`),
    claims: f.claims.map((c) => `${c.kind} ${c.id} [${c.keys.join(',')}]`),
  };
};
const UNCITED_HINT = 'cite the source it rests on, e.g. `[@key]`, or move it into an exempt block (`:::note`, `:::scenario`, `:::question`, `:::objectives`) if it is not a claim';

describe('the claim rule', () => {
  it('accepts cited paragraphs and gives them APA-style anchors under their heading', () => {
    const f = facts('Intro claim [@a].\n\n## Why it matters\n\nFirst [@b].\n\nSecond @c says so.\n');
    expect(f.problems).toEqual([]);
    expect(f.claims.map((c) => `${c.kind} ${c.id} [${c.keys}] ${c.heading}/${c.paragraph} ${c.line}:${c.column}`)).toEqual([
      'paragraph para-1 [a] /1 1:1',
      'paragraph why-it-matters-para-1 [b] Why it matters/1 5:1',
      'paragraph why-it-matters-para-2 [c] Why it matters/2 7:1',
    ]);
    expect(f.headings).toEqual([{ depth: 2, text: 'Why it matters', slug: 'why-it-matters' }]);
    expect(f.anchors).toEqual(['para-1', 'why-it-matters', 'why-it-matters-para-1', 'why-it-matters-para-2']);
    expect(f.citations).toEqual([
      { key: 'a', at: { line: 1, column: 14 } },
      { key: 'b', at: { line: 5, column: 8 } },
      { key: 'c', at: { line: 7, column: 8 } },
    ]);
  });

  it('reports an uncited paragraph at its line and column, quoting it', () => {
    const f = facts('Cited [@a].\n\nNot cited at all.\n');
    expect(f.problems).toEqual([
      { rule: 'claim/uncited', severity: 'error', message: 'This paragraph makes a claim without a citation: "Not cited at all."', at: { line: 3, column: 1 }, hint: UNCITED_HINT },
    ]);
  });

  it('shortens a long uncited paragraph in the message', () => {
    const long = `${'Groups develop norms over many meetings '.repeat(3).trim()}.`;
    const [p] = facts(`${long}\n`).problems;
    expect(p!.message).toBe('This paragraph makes a claim without a citation: "Groups develop norms over many meetings Groups develop no…"');
  });

  it('checks list items, blockquote paragraphs and table data cells (not header cells)', () => {
    const md = ['- item [@a]', '- bare item', '', '> quoted without source', '', '| Head | Head |', '| --- | --- |', '| cell [@a] | bare cell |', ''].join('\n');
    const f = facts(md);
    expect(f.problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule} ${p.message}`)).toEqual([
      '2:1 claim/uncited This list item makes a claim without a citation: "bare item"',
      '4:3 claim/uncited This paragraph makes a claim without a citation: "quoted without source"',
      '8:13 claim/uncited This table cell makes a claim without a citation: "bare cell"',
    ]);
    // Table cells are claims without anchors of their own; the table has one.
    expect(f.claims.map((c) => `${c.kind} ${c.id} [${c.keys}]`)).toEqual(['list-item para-1 [a]', 'list-item para-2 []', 'paragraph para-3 []', 'table-cell  [a]', 'table-cell  []']);
    expect(f.anchors).toEqual(['para-1', 'para-2', 'para-3', 'table-1']);
  });

  it('lets a list inherit the citation of an introducing paragraph that ends with a colon', () => {
    const r = run('The standards name three tasks [@aaswg2006, sec. III.A]:\n\n- contract;\n- cohesion;\n- norms.\n');
    expect(r.problems).toEqual([]);
    expect(r.claims).toEqual(['paragraph para-1 [aaswg2006]', 'list-item para-2 [aaswg2006]', 'list-item para-3 [aaswg2006]', 'list-item para-4 [aaswg2006]']);
  });

  it('lets nested items inherit from an introducing list item', () => {
    const r = run('- Parent [@a]:\n  - child one\n  - child two\n- Other [@b]\n');
    expect(r.problems).toEqual([]);
    expect(r.claims).toEqual(['list-item para-1 [a]', 'list-item para-2 [a]', 'list-item para-3 [a]', 'list-item para-4 [b]']);
  });

  it('does not inherit when the introducing paragraph does not end with a colon', () => {
    expect(run('Tasks follow [@a].\n\n- contract\n').problems).toEqual(['3:1 claim/uncited']);
  });

  it('exempts note, scenario, question(s), objectives and example blocks', () => {
    const md = ':::note\nAn editorial remark.\n:::\n\n:::scenario[The carers group]\nA member arrives late.\n:::\n\n:::question\n1. What would you do?\n:::\n\n:::questions\n- Why?\n:::\n\n:::objectives\n- Compare settings.\n:::\n\n:::example\nAn example.\n:::\n';
    expect(run(md)).toEqual({ problems: [], claims: [] });
  });

  it('rejects an unknown block name, and a leaf directive', () => {
    expect(facts(':::warning\nText.\n:::\n').problems).toEqual([
      { rule: 'directive/unknown', severity: 'error', message: '`:::warning` is not a block Groundwork knows', at: { line: 1, column: 1 }, hint: 'use one of :::note, :::scenario, :::question, :::questions, :::objectives, :::example' },
    ]);
    expect(facts('Claim [@a].\n\n::note\n').problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule} ${p.message}`)).toEqual(['3:1 directive/unknown `::note` is not a block Groundwork knows']);
  });

  it('keeps text like "Note:this" as text (Groundwork has no text directives)', () => {
    expect(run('Note:this is cited [@a].\n')).toEqual({ problems: [], claims: ['paragraph para-1 [a]'] });
  });

  it('does not count a citation inside code or inside link text', () => {
    expect(run('Code `[@a]` is not a citation.\n').problems).toEqual(['1:1 claim/uncited']);
    expect(run('[text [@a]](https://example.org) and more words.\n').problems).toEqual(['1:1 claim/uncited']);
  });

  it('reports a citation syntax error once, not also as an uncited claim', () => {
    expect(facts('A claim [@a; see above].\n').problems).toEqual([
      {
        rule: 'citation/malformed',
        message: '`see above` in the citation `[@a; see above]` names no source',
        hint: 'each item between `;` needs its own `@key`; to comment on a source, write the words after its key: `[@a, see also chapter 2]`',
        // The item, which starts after the `;`.
        at: { line: 1, column: 13 },
      },
    ]);
    expect(run('An empty one [@].\n').problems).toEqual(['1:15 citation/empty']);
  });

  it('skips paragraphs with no words (images, rules) and warns about raw HTML but not comments', () => {
    const f = facts('<div>raw</div>\n\nA claim [@a].\n\n<!-- a comment -->\n\n![a chart](chart.png)\n\n---\n');
    expect(f.problems).toEqual([
      {
        rule: 'markdown/raw-html',
        severity: 'warning',
        message: 'raw HTML `<div>raw</div>` is not rendered: it is dropped, so it can never run a script',
        at: { line: 1, column: 1 },
        hint: 'write it in Markdown instead (links, emphasis, tables and lists all have Markdown forms)',
      },
    ]);
    expect(f.claims.map((c) => c.id)).toEqual(['para-1']);
  });

  it('warns about raw HTML inside a paragraph, heading or table cell, once per element', () => {
    const f = facts('# Head <b>x</b>\n\nA paragraph with <script>alert(1)</script> in it [@a].\n\n| A |\n| - |\n| <i>x</i> [@a] |\n');
    expect(f.problems.map((p) => `${p.at.line}:${p.at.column} ${p.severity} ${p.rule} ${p.message}`)).toEqual([
      '1:8 warning markdown/raw-html raw HTML `<b>` is not rendered: it is dropped, so it can never run a script',
      '3:18 warning markdown/raw-html raw HTML `<script>` is not rendered: it is dropped, so it can never run a script',
      '7:3 warning markdown/raw-html raw HTML `<i>` is not rendered: it is dropped, so it can never run a script',
    ]);
    // An inline comment is allowed.
    expect(facts('A <!-- note to self --> claim [@a].\n').problems).toEqual([]);
  });

  it('keeps file lines when the frontmatter has been blanked', () => {
    // The pipeline replaces the frontmatter with as many empty lines.
    expect(run('\n\n\n\n\nAn uncited claim.\n').problems).toEqual(['6:1 claim/uncited']);
  });

  it('a structured value (mode: field) is one claim with the keys it cites', () => {
    const cited = analyseMarkdown('Mutual aid [@toseland2017, p. 4].', { mdx: false, self: 'models/m', mode: 'field' });
    expect(cited.claims).toEqual([{ id: '', kind: 'attribute', keys: ['toseland2017'], heading: '', paragraph: 0, line: 1, column: 1 }]);
    expect(cited.problems).toEqual([]);
    // An uncited value is reported by the pipeline at the field (see bad-input: uncited-model-attribute).
    expect(analyseMarkdown('Loose.', { mdx: false, self: 'models/m', mode: 'field' }).claims[0]!.keys).toEqual([]);
  });
});

describe('footnotes and headings', () => {
  it("a footnote's text is a claim: cited, or reported at its line and column; it takes no paragraph number", () => {
    const f = facts('Groups help [@a].[^1] Members too.[^2]\n\n## Later\n\nMore [@a].\n\n[^1]: Groups always succeed.\n[^2]: As the review found [@b].\n');
    expect(f.problems).toEqual([
      { rule: 'claim/uncited', severity: 'error', message: 'This footnote makes a claim without a citation: "Groups always succeed."', at: { line: 7, column: 7 }, hint: UNCITED_HINT },
    ]);
    expect(run('Groups help [@a].[^1]\n\n## Later\n\nMore [@a].\n\n[^1]: As the review found [@b].\n').claims).toEqual(['paragraph para-1 [a]', 'paragraph later-para-1 [a]', 'footnote  [b]']);
  });

  it('a citation in a heading is not part of its name or slug', () => {
    const f = facts('## Stages of groups [@a]\n\nText [@a].\n');
    expect(f.headings).toEqual([{ depth: 2, text: 'Stages of groups', slug: 'stages-of-groups' }]);
    expect(f.claims.map((c) => `${c.id} ${c.heading}`)).toEqual(['stages-of-groups-para-1 Stages of groups']);
  });
});

describe('links found in the body', () => {
  it('wiki-links (with fragment and label) and Markdown links to entries, with their positions', () => {
    const f = facts('A [[topics/x#sec|label]] claim [@a].\n\nSee [y](/topics/y/#z) and [w](../topics/w) and [ext](https://example.org) [@a].\n');
    expect(f.links).toEqual([
      { target: 'topics/x', fragment: 'sec', at: { line: 1, column: 3 }, via: 'wikilink' },
      { target: 'topics/y', fragment: 'z', at: { line: 3, column: 5 }, via: 'markdown' },
      { target: 'topics/w', at: { line: 3, column: 27 }, via: 'markdown' },
    ]);
  });
  it('an unsafe URL is recorded for the link rules', () => {
    expect(facts('A claim [x](javascript:alert(1)) here [@a].\n').links).toEqual([{ target: 'unsafe:javascript:alert(1)', at: { line: 1, column: 9 }, via: 'markdown' }]);
  });
  it('a reference-style link is read through its definition, as the link it stands for', () => {
    const f = facts('A claim [x][r], [*y*][s] and [Z] [@a].\n\n[r]: javascript:alert(1)\n[s]: ../topics/other.md#part "T"\n[z]: https://example.org\n');
    expect(f.links).toEqual([
      { target: 'unsafe:javascript:alert(1)', at: { line: 1, column: 9 }, via: 'markdown' },
      { target: 'topics/other', fragment: 'part', at: { line: 1, column: 17 }, via: 'markdown' },
    ]);
    // Without a definition it is text, as the parser leaves it.
    expect(facts('A claim [x][nope] [@a].\n').links).toEqual([]);
  });
  it('a wiki-link with no entry id is link/malformed', () => {
    expect(facts('A [[#frag]] claim [@a].\n').problems).toEqual([{ rule: 'link/malformed', message: '`[[#frag]]` names no entry', hint: 'write the id of an entry, e.g. `[[topics/mutual-aid]]`', at: { line: 1, column: 3 } }]);
  });
  it('`[[]]` and `[[|label]]`, which the parser leaves as text, are link/malformed too, and not also uncited', () => {
    const shown = (md: string) => facts(md).problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule} ${p.message}`);
    expect(shown('See [[|Mutual aid]].\n')).toEqual(['1:5 link/malformed `[[|Mutual aid]]` names no entry']);
    expect(shown('Intro [@a].\n\nSee *the entry* [[]] and **[[ | x ]]**.\n')).toEqual(['3:17 link/malformed `[[]]` names no entry', '3:28 link/malformed `[[ | x ]]` names no entry']);
    // Escaped, or in code, it is what the author meant to show.
    expect(shown('Write \\[[|label]] or `[[|label]]` for nothing [@a].\n')).toEqual([]);
    // A claim that also has a citation keeps it.
    expect(facts('Groups help [[|x]] [@a].\n').claims.map((c) => c.keys)).toEqual([['a']]);
  });
});
