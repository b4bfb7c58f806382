/**
 * The presentation plugin on its own: what a reader sees of glossary terms (the first use in
 * prose on the page is linked; headings and exempt blocks keep their words as text).
 */
import { describe, expect, it } from 'vitest';
import { createFormatter } from '../../../src/core/references/format.ts';
import { loadReferences } from '../../../src/core/references/load.ts';
import { renderMarkdown } from '../../../src/render/markdown.ts';
import { newPageState, type Glossary, type PresentOptions } from '../../../src/render/present.ts';

const formatter = createFormatter(loadReferences([{ path: 'references/r.bib', text: '@book{toseland2017, author = {Toseland, Ronald W. and Rivas, Robert F.}, title = {An Introduction to Group Work Practice}, year = {2017}, publisher = {Pearson}}' }]).references);

const glossary: Glossary = {
  terms: new Map([
    ['group cohesion', { id: 'glossary/group-cohesion', definition: 'The bonds that hold members to a group.' }],
    ['mutual aid', { id: 'glossary/mutual-aid', definition: 'Members helping one another.' }],
  ]),
  pattern: /\b(group cohesion|mutual aid)\b/gi,
};

const present = (): PresentOptions => ({
  formatter,
  self: 'topics/x',
  file: 'content/topics/x.md',
  page: newPageState(),
  title: () => 'Group cohesion',
  href: (id, fragment) => `/${id}/${fragment ? `#${fragment}` : ''}`,
  previewId: (key) => `ref-${key}`,
  glossary,
  problems: [],
});

describe('glossary terms', () => {
  it('a term already linked does not hide a later term of the same text', () => {
    const html = renderMarkdown('Group cohesion matters [@toseland2017].\n\nGroup cohesion grows with mutual aid [@toseland2017].\n', present());
    expect(html.match(/class="gw-term-link"/g)).toHaveLength(2);
    expect(html).toContain('Group cohesion grows with <span class="gw-term"><a href="/glossary/mutual-aid/" class="gw-term-link"');
  });

  it('a term in a heading stays text; its first use in the prose below is the link', () => {
    const html = renderMarkdown('## Group cohesion over time\n\nGroup cohesion grows as members share [@toseland2017].\n\nLater, group cohesion again.\n', present());
    const heading = /<h2[^>]*>([\s\S]*?)<\/h2>/.exec(html)![1]!;
    expect(heading).toBe('Group cohesion over time');
    expect(html.match(/class="gw-term-link"/g)).toHaveLength(1);
    expect(html).toMatch(/<p id="group-cohesion-over-time-para-1"><span class="gw-term"><a href="\/glossary\/group-cohesion\/" class="gw-term-link" aria-describedby="term-glossary--group-cohesion">Group cohesion<\/a>/);
    expect(html).toContain('Later, group cohesion again.');
  });

  it('a term in an exempt block stays text', () => {
    const html = renderMarkdown(':::note[For editors]\nCheck the group cohesion wording.\n:::\n\nGroup cohesion matters [@toseland2017].\n', present());
    const aside = /<aside[\s\S]*?<\/aside>/.exec(html)![0];
    expect(aside).toContain('Check the group cohesion wording.');
    expect(aside).not.toContain('gw-term');
    expect(html.match(/class="gw-term-link"/g)).toHaveLength(1);
  });

  it('a page rendered in parts (each model attribute, each cell of a comparison, then the body) links a term once, so its preview id is unique', () => {
    const options = present();
    const parts = ['Members feel group cohesion early.', 'Group cohesion is tested.'].map((s) => renderMarkdown(s, options));
    const body = renderMarkdown('Group cohesion grows as members share [@toseland2017].\n', options);
    const html = [...parts, body].join('');
    expect(html.match(/class="gw-term-link"/g)).toHaveLength(1);
    expect(html.match(/id="term-glossary--group-cohesion"/g)).toHaveLength(1);
    expect(parts[0]).toContain('aria-describedby="term-glossary--group-cohesion"');
    // Another rendering with its own id prefix on the same page (a policy, an entry of the
    // handbook) links the term again, with its own id.
    const policy = renderMarkdown('Group cohesion in our groups [@toseland2017].\n', { ...options, idPrefix: 'policy-' });
    expect(policy).toContain('id="policy-term-glossary--group-cohesion"');
    // A new page starts again.
    expect(renderMarkdown('Group cohesion again.', present())).toContain('gw-term-link');
  });
});

describe('citations', () => {
  it('each listed source links to its reference-list item; a personal communication (APA 8.9) is text, since it has none', () => {
    const refs = loadReferences([
      { path: 'references/r.bib', text: '@book{toseland2017, author = {Toseland, Ronald W. and Rivas, Robert F.}, title = {An Introduction to Group Work Practice}, year = {2017}, publisher = {Pearson}}' },
      { path: 'references/pc.json', text: JSON.stringify([{ id: 'smith2020', type: 'personal_communication', title: 'Conversation', author: [{ family: 'Smith', given: 'Jane' }], issued: { 'date-parts': [[2020, 3, 4]] } }]) },
    ]).references;
    const html = renderMarkdown('Members test the worker early [@toseland2017; @smith2020].\n', { ...present(), glossary: undefined, formatter: createFormatter(refs) });
    expect(html).toContain('<span class="gw-cite">(J. Smith, personal communication, March 4, 2020; <a href="#ref-toseland2017">Toseland &amp; Rivas, 2017</a>)</span>');
  });
});

describe('Markdown links, resolved as check resolves them', () => {
  const links = (md: string) =>
    renderMarkdown(md, {
      ...present(),
      glossary: undefined,
      title: (id) => ({ 'topics/y': 'Entry Y', 'topics/draft': 'A draft' })[id],
      href: (id, fragment) => (id === 'topics/y' ? `/kb/${id}/${fragment ? `#${fragment}` : ''}` : undefined),
      sitePage: (path, fragment) => (['references', ''].includes(path) ? `/kb/${path ? `${path}/` : ''}${fragment ? `#${fragment}` : ''}` : undefined),
    });

  it("a link to one of the site's pages takes the site's base, as an entry link does", () => {
    expect(links('See [the references](/references/) and [y](/topics/y/#z).\n')).toContain('See <a href="/kb/references/">the references</a> and <a href="/kb/topics/y/#z">y</a>.');
  });

  it('a link to an entry that is not published is its text, as a wiki-link to it is', () => {
    const html = links('See [the *draft*](/topics/draft/) and [[topics/draft]].\n');
    expect(html).toContain('See <span class="gw-xref--unpublished">the draft</span> and <span class="gw-xref--unpublished">A draft</span>.');
    expect(html).not.toContain('href="/topics/draft/"');
  });
});

describe('reference-style links', () => {
  it('are rendered as the inline links they stand for: an unsafe address is neutralised, a web address marked external', () => {
    const html = renderMarkdown('A claim [x][r] and [Z] [@toseland2017].\n\n[r]: javascript:alert(1)\n[z]: https://example.org\n', present());
    expect(html).toContain('A claim <a href="#">x</a> and <a href="https://example.org" rel="noopener noreferrer" class="gw-external">Z</a>');
    expect(html).not.toContain('javascript:');
  });
});
