/**
 * MDX entries are real MDX (compiled by @astrojs/mdx at build time): imports, exports,
 * `{expressions}` and imported components are allowed. What `check` still refuses: a component
 * the entry neither imports nor is one of the exempt blocks (it would fail at render time), and
 * MDX the parser cannot read. Text inside an imported component is text of the entry: its claims
 * need citations.
 */
import { describe, expect, it } from 'vitest';
import { analyseMarkdown } from '../../../src/core/markdown/parse.ts';

const facts = (md: string) => analyseMarkdown(md, { mdx: true, self: 'topics/t', mode: 'body' });
const problems = (md: string) => facts(md).problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule}`);
const claims = (md: string) => facts(md).claims.map((c) => `${c.id} [${c.keys.join(',')}] ${c.line}:${c.column}`);
const UNKNOWN_HINT = (name: string) =>
  `import it at the top of the file (e.g. \`import ${name} from '../../components/${name}.astro';\`), or use one of <Note>, <Scenario>, <Question>, <Questions>, <Objectives>, <Example>`;

describe('MDX entries', () => {
  it('accept the exempt blocks without an import; their text is not a claim', () => {
    expect(facts('<Note>\nA remark.\n</Note>\n\n<Scenario title="Late">\nA member arrives late.\n</Scenario>\n\nA claim [@a].\n').problems).toEqual([]);
    expect(claims('<Note>\nA remark.\n</Note>\n\nA claim [@a].\n')).toEqual(['para-1 [a] 5:1']);
  });

  it('accept imports (default, named, renamed, namespace), exports and expressions', () => {
    const md = [
      "import Callout from '../../components/Callout.astro';",
      "import { Box as B, Card } from './ui.js';",
      "import * as UI from './ui.js';",
      '',
      'export const weeks = 12;',
      '',
      'Groups meet for {weeks} weeks [@a].',
      '',
      '<Callout heading={`After ${weeks} weeks`}>',
      'Inside a component [@a].',
      '</Callout>',
      '',
      '<B>',
      'Renamed [@a].',
      '</B>',
      '',
      '<Card />',
      '',
      '<UI.Box>',
      'Namespaced [@a].',
      '</UI.Box>',
      '',
      '{/* a comment */}',
      '',
    ].join('\n');
    expect(facts(md).problems).toEqual([]);
    expect(claims(md)).toEqual(['para-1 [a] 7:1', 'para-2 [a] 10:1', 'para-3 [a] 14:1', 'para-4 [a] 20:1']);
  });

  it('a component defined by an export of the entry is known', () => {
    expect(facts('export function Local() { return null }\n\n<Local />\n\nA claim [@a].\n').problems).toEqual([]);
  });

  it('refuse a component that is neither imported nor an exempt block, at its tag', () => {
    expect(facts('A claim [@a].\n\n<Callout>\nInside [@a].\n</Callout>\n').problems).toEqual([
      { rule: 'mdx/unknown-component', severity: 'error', message: "the component <Callout> is neither imported by this entry nor one of Groundwork's blocks", at: { line: 3, column: 1 }, hint: UNKNOWN_HINT('Callout') },
    ]);
    // A member of a namespace that is not imported.
    expect(problems('<UI.Box>\nText [@a].\n</UI.Box>\n')).toEqual(['1:1 mdx/unknown-component']);
  });

  it('refuse an unknown component inside a paragraph too (MDX would fail at render time)', () => {
    expect(facts('A claim with a <Badge>new</Badge> badge [@a].\n').problems).toEqual([
      { rule: 'mdx/unknown-component', severity: 'error', message: "the component <Badge> is neither imported by this entry nor one of Groundwork's blocks", at: { line: 1, column: 16 }, hint: UNKNOWN_HINT('Badge') },
    ]);
    expect(problems("import Badge from './badge.astro';\n\nA claim with a <Badge>new</Badge> badge [@a].\n")).toEqual([]);
  });

  it('an exempt block written inside a paragraph is not a block', () => {
    expect(facts('A claim with an inline <Note>remark</Note> [@a].\n').problems).toEqual([
      { rule: 'mdx/unknown-component', severity: 'error', message: '<Note> is a block: it cannot be used inside a paragraph', at: { line: 1, column: 24 }, hint: 'put <Note> and </Note> on lines of their own, with blank lines around the block' },
    ]);
  });

  it('lower-case names are HTML elements, not components', () => {
    expect(problems('<div>\nA claim [@a].\n</div>\n\nText with <b>bold</b> [@a].\n')).toEqual([]);
  });

  it('check claims inside a component, imported or not', () => {
    const f = facts("import Callout from './c.astro';\n\nA claim [@a].\n\n<Callout>\nUncited inside.\n</Callout>\n");
    expect(f.problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule} ${p.message}`)).toEqual(['6:1 claim/uncited This paragraph makes a claim without a citation: "Uncited inside."']);
    // An unknown component and the uncited text inside it: both reported.
    expect(problems('<Callout>\nA claim.\n</Callout>\n')).toEqual(['1:1 mdx/unknown-component', '2:1 claim/uncited']);
    // An exempt block nested in a component is still exempt.
    expect(problems("import Callout from './c.astro';\n\n<Callout>\n<Note>\nA remark.\n</Note>\n</Callout>\n")).toEqual([]);
  });

  it('report a syntax error at the `{` or tag instead of throwing', () => {
    expect(facts('A claim [@a].\n\nScores {above 5 are rare.\n').problems).toEqual([
      {
        rule: 'mdx/syntax',
        severity: 'error',
        message: 'MDX syntax error: Unexpected end of file in expression, expected a corresponding closing brace for `{`',
        at: { line: 3, column: 8 },
        hint: 'fix the MDX syntax: a `<` or `{` in text must be escaped as `\\<` or `\\{` in MDX, or rename the file to .md',
      },
    ]);
    const unclosed = facts('A claim [@a].\n\n<Note>\nunclosed\n');
    expect(unclosed.problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule} ${p.message}`)).toEqual(['3:1 mdx/syntax MDX syntax error: Expected a closing tag for `<Note>` (3:1)']);
    // Nothing else is known of a file that cannot be read.
    expect(unclosed.claims).toEqual([]);
  });

  it('escaped braces and angle brackets are text', () => {
    expect(claims('Scores \\{above 5\\} and 3 \\< 4 are cited [@a].\n')).toEqual(['para-1 [a] 1:1']);
  });
});
