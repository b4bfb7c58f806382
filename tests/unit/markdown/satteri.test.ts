/**
 * What Groundwork relies on in Sätteri (Astro 7's Markdown engine), and the few places where it
 * does not give Groundwork what it needs directly — each with how Groundwork copes. If a Sätteri
 * release changes one of these, this test says which assumption broke.
 */
import { defineMdastPlugin, markdownToHtml, markdownToMdast, mdxToMdast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_FEATURES } from '../../../src/core/markdown/parse.ts';

type Node = { type: string; value?: string; url?: string; name?: string; children?: Node[]; position?: { start: { line: number; column: number; offset: number } } };
const first = (md: string): Node => (markdownToMdast(md, { features: MARKDOWN_FEATURES }) as Node).children![0]!;

describe('Sätteri, as Groundwork uses it', () => {
  it('gives every node its line, column and offset in the source (problems point there)', () => {
    const p = first('\n\nSome *text* here.');
    expect(p.position!.start).toEqual({ line: 3, column: 1, offset: 2 });
    expect(p.children![1]!.position!.start).toEqual({ line: 3, column: 6, offset: 7 });
  });

  it('parses [[wiki-links]] as ordinary link nodes with nothing to tell them apart: Groundwork reads the source at the node', () => {
    const link = first('[[topics/a#b|Label]]').children![0]!;
    expect(link).toMatchObject({ type: 'link', url: 'topics/a#b' });
    expect(Object.keys(link).sort()).toEqual(['children', 'position', 'title', 'type', 'url']);
  });

  it('reads `:name` inside text as a text directive, which would split `[@Kim:2009]`: Groundwork gives the author back the characters typed', () => {
    const kids = first('See [@Kim:2009p4370] here.').children!;
    expect(kids.map((k) => k.type)).toEqual(['text', 'textDirective', 'text']);
    expect(kids[1]!.name).toBe('2009p4370');
  });

  it('removes backslash escapes from text values: Groundwork finds them by comparing value and source', () => {
    const text = first('An \\@escaped at').children![0]!;
    expect(text.value).toBe('An @escaped at');
  });

  it('keeps only type, value, data and children of a node a plugin makes: Groundwork keeps its facts in data', () => {
    let seen: unknown;
    const make = defineMdastPlugin({ name: 'make', before(root, ctx) {
      ctx.setProperty((root as unknown as { children: Node[] }).children[0] as never, 'children', [{ type: 'citation', value: '[@k]', key: 'k', data: { citation: { key: 'k' } } }] as never);
    } });
    const read = defineMdastPlugin({ name: 'read', after(root) {
      seen = (root as unknown as { children: Node[] }).children[0]!.children![0];
    } });
    markdownToHtml('x', { mdastPlugins: [make, read] });
    expect(seen).toEqual({ type: 'citation', value: '[@k]', data: { citation: { key: 'k' } } });
  });

  it('does not recover from an MDX syntax error: the whole file is one problem, at the place the message names', () => {
    expect(() => mdxToMdast('A paragraph with {an unclosed brace\n', { features: MARKDOWN_FEATURES })).toThrow(/^\d+:\d+:/);
  });
});
