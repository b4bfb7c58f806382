/**
 * A citation survives every inline context the Markdown parser can put it in, and keeps the
 * exact line:column of its `@` in the file: emphasis around it or inside its prefix, links next
 * to it, table cells, list items, blockquotes, headings, MDX components, structured values, text
 * that the directive syntax would read as `:name`, and escapes.
 */
import { describe, expect, it } from 'vitest';
import { analyseMarkdown } from '../../../src/core/markdown/parse.ts';

const cites = (body: string, mdx = false, mode: 'body' | 'field' = 'body') =>
  analyseMarkdown(body, { mdx, self: 'topics/x', mode }).citations.map((c) => `${c.key}@${c.at.line}:${c.at.column}`);

/** `key@line:column` of the `@` that starts `@key` in the source (its n-th occurrence). */
function at(body: string, key: string, n = 0): string {
  let offset = -1;
  for (let k = 0; k <= n; k++) offset = body.indexOf(`@${key}`, offset + 1);
  const before = body.slice(0, offset).split('\n');
  return `${key}@${before.length}:${before[before.length - 1]!.length + 1}`;
}
const expectCites = (body: string, keys: string[], mdx = false, mode: 'body' | 'field' = 'body') => expect(cites(body, mdx, mode)).toEqual(keys.map((k) => at(body, k)));

describe('citations in every inline context', () => {
  it('inside and around emphasis, strong and code', () => {
    expectCites('*As argued [@a]*, and **[@b, p. 2]** too.', ['a', 'b']);
    expectCites('[see *the* classic @c] and `[@not]`.', ['c']);
  });

  it('next to links and wiki-links, not inside link text', () => {
    expectCites('[text](https://example.org) [@a]; [[topics/y]] [@b]; [[topics/z|@nolabel]].', ['a', 'b']);
    expectCites('[a link with [@inside]](https://example.org) [@after]', ['after']);
  });

  it('in table cells, list items, blockquotes and headings', () => {
    const body = '| A | B |\n|---|---|\n| x [@a] | y [@b] |\n\n- item [@c]\n  - nested [@d]\n\n> quoted [@e]\n> more [@f]\n\n## Heading [@g]\n';
    expectCites(body, ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('with keys a directive would otherwise swallow (`:2009` is not a text directive here)', () => {
    expectCites('As [@Kim:2009p4370] and [see @smith.2010, ch. 2] and @doe:2020 found.', ['Kim:2009p4370', 'smith.2010', 'doe:2020']);
    expectCites('Note:this is text, and [@x:y] is a citation.', ['x:y']);
  });

  it('not when escaped, and at the right column after an escape', () => {
    expectCites('An address \\@home and a real one [@a].', ['a']);
    // An escaped bracket opens nothing: `@b` is a narrative citation, `[@c]` a bracketed one.
    expectCites('Braces \\[not @b\\] and [@c]', ['b', 'c']);
  });

  it('on continuation lines of a paragraph and after entities and smart punctuation', () => {
    expectCites('First line\n   continued "quoted" text -- and... [@a]\nthird &amp; [@b] &#x26; [@c]', ['a', 'b', 'c']);
  });

  it('inside MDX components and inline elements', () => {
    const body = "import C from './C.astro';\n\n<C title=\"x\">\n  Inside [@a].\n\n  <b>bold [@b]</b> text.\n</C>\n";
    expectCites(body, ['a', 'b'], true);
  });

  it('in a structured value (a model attribute or a definition), from the value itself', () => {
    expectCites('Members help one another [@a; @b, p. 3].', ['a', 'b'], false, 'field');
  });
});
