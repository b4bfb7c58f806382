/**
 * `check` and rendering share one parse: the same Sätteri parser and the same Groundwork plugin
 * build both the tree that is validated and the tree that is rendered. So every anchor `check`
 * accepts is an id on the rendered page, every citation `check` resolved is a rendered citation
 * (in the same order), and every wiki-link a link — for `.md` bodies (rendered here) and for
 * `.mdx` bodies (compiled as Astro's MDX integration compiles them, with the same plugins).
 */
import { mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { analyseMarkdown, MARKDOWN_FEATURES } from '../../../src/core/markdown/parse.ts';
import { groundworkPlugin } from '../../../src/core/markdown/plugin.ts';
import { createFormatter } from '../../../src/core/references/format.ts';
import { loadReferences } from '../../../src/core/references/load.ts';
import { renderMarkdown } from '../../../src/render/markdown.ts';
import { newPageState, presentPlugin, type PresentOptions } from '../../../src/render/present.ts';

const BIB = `@book{toseland2017, author = {Toseland, Ronald W. and Rivas, Robert F.}, title = {An Introduction to Group Work Practice}, year = {2017}, edition = {8}, publisher = {Pearson}}
@article{tuckman1965, author = {Tuckman, Bruce W.}, title = {Developmental Sequence in Small Groups}, journal = {Psychological Bulletin}, year = {1965}, volume = {63}, number = {6}, pages = {384--399}}
@misc{Kim:2009p4370, author = {Kim, J.}, title = {Groups}, year = {2009}}`;
const references = loadReferences([{ path: 'references/r.bib', text: BIB }]).references;
const formatter = createFormatter(references);

const present = (): PresentOptions => ({
  formatter,
  self: 'topics/x',
  file: 'content/topics/x.md',
  page: newPageState(),
  title: (id) => (id === 'topics/y' ? 'Entry Y' : undefined),
  href: (id, fragment) => `/${id}/${fragment ? `#${fragment}` : ''}`,
  previewId: (key) => `ref-${key}`,
  problems: [],
});

const BODY = `## Why groups

Groups move through stages [@tuckman1965, p. 384]. See [[topics/y#why-para-1|the other entry]] and [[topics/y]].

- a list item [@toseland2017]
- with *emphasis* around [see @Kim:2009p4370, ch. 2]

| A | B |
|---|---|
| cell [@tuckman1965] | cell [-@toseland2017] |

:::note[For editors]
Exempt text.
:::

## Second heading

@toseland2017 argue that members help each other.
`;

const ids = (html: string) => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
const sourceLinks = (html: string) => [...html.matchAll(/href="#ref-([^"]+)"/g)].map((m) => m[1]!);

describe('check and render share one parse', () => {
  it('.md: anchors are ids, citations are citations, links are links', () => {
    const facts = analyseMarkdown(BODY, { mdx: false, self: 'topics/x' });
    const html = renderMarkdown(BODY, present());
    expect(facts.problems).toEqual([]);
    expect(ids(html)).toEqual(facts.anchors);
    expect(sourceLinks(html)).toEqual(facts.citations.map((c) => c.key));
    expect(facts.links.map((l) => `${l.target}${l.fragment ? `#${l.fragment}` : ''}`)).toEqual(['topics/y#why-para-1', 'topics/y']);
    expect(html).toContain('<a href="/topics/y/#why-para-1">the other entry</a> and <a href="/topics/y/">Entry Y</a>');
    expect(html).toContain('<span class="gw-cite">(<a href="#ref-tuckman1965">Tuckman, 1965, p. 384</a>)</span>');
    expect(html).toContain('<span class="gw-cite">(see <a href="#ref-Kim:2009p4370">Kim, 2009</a>, ch. 2)</span>');
    expect(html).toContain('<span class="gw-cite"><a href="#ref-toseland2017">Toseland and Rivas (2017)</a></span> argue');
    expect(html).toContain('<span class="gw-cite">(<a href="#ref-toseland2017">2017</a>)</span>');
  });

  it('.mdx: the tree Astro compiles carries the same ids and citations as the tree check saw', () => {
    const body = `import C from './C.astro';\n\n${BODY}\n<C>\n  Inside a component [@tuckman1965].\n</C>\n`;
    const facts = analyseMarkdown(body, { mdx: true, self: 'topics/x' });
    const { code } = mdxToJs(body, { mdastPlugins: [groundworkPlugin({ self: 'topics/x' }), presentPlugin(present())], features: MARKDOWN_FEATURES, jsxImportSource: 'astro', elementAttributeNameCase: 'html' }) as { code: string };
    const compiledIds = [...code.matchAll(/\bid: "([^"]+)"/g)].map((m) => m[1]!);
    const compiledButtons = [...code.matchAll(/href: "#ref-([^"]+)"/g)].map((m) => m[1]!);
    expect(facts.problems).toEqual([]);
    expect(compiledIds).toEqual(facts.anchors);
    expect(compiledButtons).toEqual(facts.citations.map((c) => c.key));
  });

  it('rendering twice gives the same HTML (nothing shared is changed by a rendering)', () => {
    expect(renderMarkdown(BODY, present())).toBe(renderMarkdown(BODY, present()));
  });
});
