/**
 * Build tests on a small fixture knowledge base (tests/fixtures/kb-basic): the CLI builds it
 * once, as a subprocess, and the tests read the HTML it wrote — APA 7 citations (with APA 8.21
 * group-author abbreviations) that open their reference on the page, reference lists, links,
 * backlinks, navigation paragraphs, structured entries, exempt blocks, MDX entries with the
 * knowledge base's own component, permalinks, search, sitemap, citation downloads, reference
 * manager metadata, redirects, and what the pages may load.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, groundwork, internals, pool, type RunResult } from './cli.ts';
import { byClass, byId, citationButtons, duplicates, htmlFiles, ids, inner, text } from './html.ts';

const FIXTURE = join(APP_ROOT, 'tests/fixtures/kb-basic');
const ENTRIES = ['comparisons/models', 'glossary/cohesion', 'models/support-groups', 'topics/callout', 'topics/confidentiality', 'topics/norms', 'topics/stages'];
const TUCKMAN = 'Tuckman, B. W. (1965). Developmental sequence in small groups. <i>Psychological Bulletin</i>, <i>63</i>(6), 384–399. <a href="https://doi.org/10.1037/h0022100"';
const TOSELAND = 'Toseland, R. W., &#38; Rivas, R. F. (2017). <i>An introduction to group work practice</i> (8th ed.). Pearson.';
const NASW = 'National Association of Social Workers. (2021). <i>Code of ethics of the National Association of Social Workers</i>. <a href="https://www.socialworkers.org/About/Ethics/Code-of-Ethics/Code-of-Ethics-English"';

let work: string;
let out: string;
let build: RunResult;
let check: RunResult;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gw-fixture-'));
  out = join(work, 'site');
  const runs = await pool([
    () => groundwork(['build', '--root', FIXTURE, '--out', out]),
    () => groundwork(['check', '--root', FIXTURE, '--format', 'json']),
  ]);
  build = runs[0]!;
  check = runs[1]!;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');

/** Keys the page's citations open, and the keys its References list holds. */
function citationTargets(html: string): { cited: string[]; listed: string[] } {
  const list = byClass(html, 'ol', 'reference-list');
  const listed = [...list.matchAll(/<li\b[^>]*\bid="ref-([^"]+)"/g)].map((m) => m[1]!);
  const cited = citationButtons(html).map((b) => text(byId(html, b.target)));
  const keyOf = (reference: string) => listed.find((k) => text(byId(list, `ref-${k}`)) === reference) ?? `(not in the list: ${reference})`;
  return { cited: [...new Set(cited.map(keyOf))].sort(), listed };
}

describe('building kb-basic', () => {
  it('succeeds and says where it built', () => {
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.code).toBe(0);
    expect(build.stderr).toBe('');
    expect(build.stdout).toMatch(/^Built the site into .*site in \d+\.\d s\.\n$/);
  });

  it('check --format json: no problems, and a summary', () => {
    expect(check.code).toBe(0);
    expect(check.stderr).toBe('');
    const report = JSON.parse(check.stdout);
    expect(Object.keys(report)).toEqual(['problems', 'summary']);
    expect(report.problems).toEqual([]);
    expect(Object.keys(report.summary)).toEqual(['errors', 'warnings', 'entries', 'references', 'ms']);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, entries: 7, references: 3 });
    expect(Number.isInteger(report.summary.ms)).toBe(true);
  });
});

describe('APA 7 in-text citations', () => {
  it('parenthetical, with a page', () => {
    const p = byId(page('topics/stages'), 'para-1');
    expect(text(p)).toBe('Groups pass through recognisable stages (Tuckman, 1965, p. 396). ¶');
    // The source opens its reference; the parentheses are text around it.
    expect(citationButtons(p).map((b) => b.text)).toEqual(['Tuckman, 1965, p. 396']);
    expect(p).toMatch(/<span class="gw-cite">\(<(a|button) /);
  });

  it('narrative: "and" between two authors, year in parentheses', () => {
    const p = byId(page('topics/stages'), 'forming-para-1');
    expect(text(p)).toBe('Toseland and Rivas (2017) describe the beginning as a time of testing. ¶');
    expect(citationButtons(p).map((b) => b.text)).toEqual(['Toseland and Rivas (2017)']);
  });

  it('two sources in reference-list order, a section locator, "&" escaped', () => {
    const p = byId(page('topics/confidentiality'), 'para-1');
    expect(text(p)).toBe('The worker cannot guarantee that members keep confidences (National Association of Social Workers [NASW], 2021, Section 1.07(f); Toseland & Rivas, 2017). ¶');
    // Each source opens on its own.
    expect(citationButtons(p).map((b) => b.text)).toEqual(['National Association of Social Workers [NASW], 2021, Section 1.07(f)', 'Toseland & Rivas, 2017']);
    expect(p).toMatch(/>Toseland &amp; Rivas, 2017<\/(a|button)>/);
  });

  it('APA 8.21: a group author is spelled out with its abbreviation at its first citation on a page, abbreviated after', () => {
    const html = page('topics/confidentiality');
    expect(citationButtons(html).filter((b) => b.text.includes('2021')).map((b) => b.text)).toEqual([
      'National Association of Social Workers [NASW], 2021, Section 1.07(f)',
      'NASW, 2021, Section 1.07',
      'NASW, 2021, Section 1.07',
      'NASW, 2021, Section 1.07(f)',
      'NASW, 2021, Section 1.07(f)',
      'NASW, 2021',
    ]);
    // Each page starts afresh; the reference list keeps the full name.
    expect(text(byId(html, 'ref-nasw2021'))).toMatch(/^National Association of Social Workers\. \(2021\)\./);
  });

  it('a chapter locator (`chap. 7`) is APA\'s "Chapter 7"; words pandoc keeps as a suffix (`ch. 7`) stay as written', () => {
    expect(text(byId(page('topics/stages'), 'forming-para-2'))).toBe("The worker’s tasks at the start are (Toseland & Rivas, 2017, Chapter 7): ¶");
    const norms = byId(page('topics/norms'), 'shaping-norms-para-1');
    expect(text(norms)).toBe('The worker models the norms the group needs (Toseland & Rivas, 2017, ch. 7). ¶');
    // The suffix is outside the control that names the source.
    expect(citationButtons(norms).map((b) => b.text)).toEqual(['Toseland & Rivas, 2017']);
  });

  it('the author suppressed with -@', () => {
    expect(text(byId(page('topics/confidentiality'), 'ground-rules-para-1'))).toBe('Ground rules are agreed at the first meeting (2017). ¶');
  });

  it.each(ENTRIES)('%s: every citation opens the one copy on the page of its full reference, in the reference list', (id) => {
    const html = page(id);
    const sources = citationButtons(html);
    expect(sources.length).toBeGreaterThan(0);
    const list = byClass(html, 'ol', 'reference-list');
    for (const b of sources) {
      // In the page's reference list, once per reference per page.
      expect(() => byId(list, b.target), b.target).not.toThrow();
      expect(ids(html).filter((x) => x === b.target), b.target).toHaveLength(1);
    }
  });

  it('the popover of a citation is the APA reference', () => {
    const html = page('topics/stages');
    const [tuckman] = citationButtons(byId(html, 'para-1'));
    expect(inner(byId(html, tuckman!.target))).toContain(TUCKMAN);
  });

  it.each(ENTRIES)('%s: its citations open references of its References list, and the list holds only cited sources', (id) => {
    const { cited, listed } = citationTargets(page(id));
    expect(cited.length).toBeGreaterThan(0);
    expect([...listed].sort()).toEqual(cited);
  });
});

describe('APA 7 reference lists', () => {
  it('a journal article: sentence-case title, italic journal and volume, issue, pages, DOI as a link', () => {
    expect(inner(byId(page('topics/stages'), 'ref-tuckman1965'))).toBe(`${TUCKMAN}>https://doi.org/10.1037/h0022100</a>`);
  });
  it('a book: italic title, edition', () => {
    expect(inner(byId(page('topics/stages'), 'ref-toseland2017'))).toBe(TOSELAND);
  });
  it('a group author and a web page', () => {
    expect(inner(byId(page('topics/confidentiality'), 'ref-nasw2021'))).toBe(`${NASW}>https://www.socialworkers.org/About/Ethics/Code-of-Ethics/Code-of-Ethics-English</a>`);
  });
  it('in APA order (author, then year)', () => {
    expect(citationTargets(page('topics/confidentiality')).listed).toEqual(['nasw2021', 'toseland2017']);
    expect(citationTargets(page('topics/stages')).listed).toEqual(['toseland2017', 'tuckman1965']);
  });
  it('/references/ lists every cited source with its evidence type and the entries that cite it', () => {
    const refs = page('references');
    const citedBy = (key: string) => [...byId(refs, `ref-${key}`).matchAll(/<a href="\/([^"]+)\/">/g)].map((m) => m[1]);
    expect([...refs.matchAll(/<li\b[^>]*\bid="ref-([^"]+)"/g)].map((m) => m[1])).toEqual(['nasw2021', 'toseland2017', 'tuckman1965']);
    expect(citedBy('nasw2021')).toEqual(['topics/confidentiality']);
    // Six citing entries are named; the rest are counted.
    expect(citedBy('toseland2017')).toEqual(['comparisons/models', 'glossary/cohesion', 'models/support-groups', 'topics/callout', 'topics/confidentiality', 'topics/norms']);
    expect(text(byId(refs, 'ref-toseland2017'))).toContain('Group norms (an MDX entry) and 1 more');
    expect(citedBy('tuckman1965')).toEqual(['topics/stages']);
    expect(byId(refs, 'ref-tuckman1965')).toContain(TUCKMAN);
    expect(text(byId(refs, 'ref-nasw2021'))).toContain('Code of ethics Cited by: Confidentiality in groups');
  });
});

describe('links', () => {
  it('a wikilink to a heading of another entry, with its own label; without a label, the entry\'s title', () => {
    const p = byId(page('topics/stages'), 'forming-para-5');
    expect(p).toMatch(/<a href="\/topics\/confidentiality\/#ground-rules"[^>]*>ground rules<\/a>/);
    expect(p).toMatch(/<a href="\/glossary\/cohesion\/"[^>]*>Cohesion<\/a>/);
    expect(byId(page('topics/confidentiality'), 'ground-rules')).toBe('<h2 id="ground-rules">Ground rules</h2>');
  });

  it('a paragraph that only points to other entries is navigation: counted, linked, but no claim and no permalink', () => {
    const nav = byId(page('topics/stages'), 'forming-para-6');
    expect(text(nav)).toBe('See also Confidentiality in groups and Group norms (an MDX entry).');
    expect(nav).not.toContain('¶');
    expect(citationButtons(nav)).toEqual([]);
  });

  it('"Referenced by" lists the entries that link to this one (by a link, `related` or `see_also`)', () => {
    const backlinks = (id: string) => {
      const html = page(id);
      const section = html.slice(html.indexOf('id="backlinks-heading"'), html.indexOf('</section>', html.indexOf('id="backlinks-heading"')));
      return [...section.matchAll(/<a href="\/([^"]+)\/">([^<]*)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`);
    };
    expect(backlinks('topics/confidentiality')).toEqual(['topics/stages Stages of group development']);
    // Cohesion's `see_also`, and norms' `related`.
    expect(backlinks('topics/stages')).toEqual(['glossary/cohesion Cohesion', 'topics/norms Group norms (an MDX entry)']);
  });

  it('external links in entries are marked, and no page sends a referrer or opens a window', () => {
    expect(page('topics/confidentiality')).toContain(
      '<a href="https://www.socialworkers.org/About/Ethics/Code-of-Ethics/Code-of-Ethics-English" rel="noopener noreferrer" class="gw-external">code’s full text</a>',
    );
    let pages = 0;
    for (const file of htmlFiles(out)) {
      const html = readFileSync(file, 'utf8');
      expect(html, file).not.toMatch(/\starget="_blank"/);
      if (html.includes('http-equiv="refresh"')) continue; // an alias redirect
      expect(html, file).toContain('<meta name="referrer" content="no-referrer">');
      pages++;
    }
    expect(pages).toBeGreaterThan(15);
  });

  it('no page shows a placeholder where a citation, a name or a value failed: no ??, [NO_PRINTED_FORM], undefined or [object Object] in the text', () => {
    let pages = 0;
    for (const file of htmlFiles(out)) {
      const shown = text(readFileSync(file, 'utf8').replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ''));
      for (const placeholder of ['??', 'NO_PRINTED_FORM', 'undefined', '[object Object]', 'NaN']) expect(shown.includes(placeholder), `${file}: ${placeholder}`).toBe(false);
      pages++;
    }
    expect(pages).toBeGreaterThan(15);
  });

  it('an alias (old id) redirects to the entry, and is not in the sitemap', () => {
    const redirect = page('topics/group-stages');
    expect(redirect).toContain('<meta http-equiv="refresh" content="0; url=/topics/stages/">');
    expect(redirect).toContain('<link rel="canonical" href="https://fixture.example.org/topics/stages/">');
    expect(redirect).toContain('<a href="/topics/stages/">Stages of group development</a>');
    expect(readFileSync(join(out, 'sitemap-0.xml'), 'utf8')).not.toContain('group-stages');
  });
});

describe('structured entries', () => {
  it('the glossary term and its cited definition', () => {
    const g = page('glossary/cohesion');
    expect(g).toContain('<dfn>Cohesion</dfn>');
    expect(text(byId(g, 'definition'))).toBe('The sense of belonging that holds a group together (Toseland & Rivas, 2017).');
  });

  it('the model attributes, each labelled and cited', () => {
    const m = page('models/support-groups');
    const expected: [string, string, string][] = [
      ['purpose', 'Purpose', 'Members help one another cope'],
      ['composition', 'Composition and size', 'People sharing a situation'],
      ['worker-role', 'Worker role', 'Facilitator'],
      ['structure', 'Structure', 'Loose'],
      ['format', 'Open or closed, and duration', 'Often open'],
      ['strengths', 'Strengths', 'Mutual aid'],
      ['limitations', 'Limitations', 'Little structure'],
      ['best-suited-for', 'Best suited for', 'Shared life events'],
    ];
    for (const [id, label, value] of expected) {
      expect(text(byId(m, `attr-${id}`))).toBe(`${label}${value} (Toseland & Rivas, 2017).`);
    }
  });

  it('the comparison table: one column per model, one row per chosen attribute, cited cells', () => {
    const c = page('comparisons/models');
    const table = byClass(c, 'table', 'comparison');
    expect(text(/<caption\b[^>]*>([\s\S]*?)<\/caption>/.exec(table)![1]!)).toBe('Side by side: Support groups');
    expect(table).toContain('<th scope="col"><a href="/models/support-groups/">Support groups</a></th>');
    const rows = [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)].map((m) => [m[1], [...m[2]!.matchAll(/<td>(.*?)<\/td>/g)].map((d) => text(d[1]!))]);
    expect(rows).toEqual([
      ['Purpose', ['Members help one another cope (Toseland & Rivas, 2017).']],
      ['Limitations', ['Little structure (Toseland & Rivas, 2017).']],
    ]);
  });

  it('a table in the body: every data cell cited', () => {
    const t = byId(page('topics/confidentiality'), 'ground-rules-table-1');
    const cells = [...t.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => text(m[1]!));
    expect(cells).toEqual([
      'Individual work (NASW, 2021, Section 1.07)',
      'The worker (NASW, 2021, Section 1.07)',
      'Group work (NASW, 2021, Section 1.07(f))',
      'The worker; members by agreement only (NASW, 2021, Section 1.07(f))',
    ]);
  });

  it('an exempt block is a note, labelled as what it is', () => {
    expect(page('topics/stages')).toContain(
      '<aside class="gw-exempt gw-exempt--note" role="note" aria-label="Editorial note"><p class="gw-exempt-label">Editorial note</p><p>An editorial remark that needs no citation.</p></aside>',
    );
  });

  it('each claim has a permalink (¶) that says how to cite the paragraph in APA 7', () => {
    const stages = page('topics/stages');
    const permalink = (id: string) => /<a href="#([^"]+)"[^>]*class="gw-permalink"[^>]*>¶<\/a>/.exec(byId(stages, id));
    expect(permalink('forming-para-1')?.[1]).toBe('forming-para-1');
    expect(permalink('forming-para-1')![0]).toContain('(Forming section, para. 1)');
    expect(permalink('para-1')![0]).toContain('(para. 1)');
    // List items are claims too, numbered on from the paragraphs.
    expect(permalink('forming-para-4')![0]).toContain('(Forming section, para. 4)');
  });

  it.each(ENTRIES)('%s: every id on the page is unique', (id) => {
    expect(duplicates(ids(page(id)))).toEqual([]);
  });
});

describe('MDX entries', () => {
  it('a block component is an aside labelled with its title, and the citations render', () => {
    const html = page('topics/norms');
    expect(html).toContain('<aside class="gw-exempt gw-exempt--note" role="note" aria-label="Editorial note"><p class="gw-exempt-label">Editorial note: For authors</p>');
    expect(html).toContain('<h2 id="shaping-norms">Shaping norms</h2>');
    expect(text(byId(html, 'para-1'))).toBe('Norms are the shared expectations that guide members’ behaviour (Toseland & Rivas, 2017). ¶');
  });

  it('an imported component of the knowledge base renders with its props and an exported value, and the claim inside it is a cited paragraph', () => {
    const html = page('topics/callout');
    const callout = byClass(html, 'div', 'callout');
    expect(callout).toMatch(/^<div class="callout callout--warning"[^>]*><p class="callout__heading"[^>]*><strong[^>]*>After 12 weeks<\/strong><\/p>/);
    expect(text(byId(callout, 'para-2'))).toBe('A claim inside a component is checked like any other: this one cites its source (Toseland & Rivas, 2017, p. 12). ¶');
    expect(text(byId(html, 'para-1'))).toBe('Groups that agree their norms early meet their goals more often (Toseland & Rivas, 2017). ¶');
    // The `import` and `export` lines are code, not text of the page.
    expect(html).not.toContain('import Callout');
    expect(html).not.toContain('export const');
  });
});

describe('the site around the entries', () => {
  it('has a search index, a sitemap and a 404 page', () => {
    expect(existsSync(join(out, 'pagefind/pagefind.js'))).toBe(true);
    expect(readdirSync(join(out, 'pagefind')).some((f) => f.startsWith('pagefind-entry'))).toBe(true);
    expect(readFileSync(join(out, 'sitemap-index.xml'), 'utf8')).toContain('<loc>https://fixture.example.org/sitemap-0.xml</loc>');
    const sitemap = readFileSync(join(out, 'sitemap-0.xml'), 'utf8');
    for (const id of ENTRIES) expect(sitemap).toContain(`<loc>https://fixture.example.org/${id}/</loc>`);
    expect(readFileSync(join(out, '404.html'), 'utf8')).toContain('<title>Page not found · Fixture knowledge base</title>');
  });

  it('a page per kind lists its entries', () => {
    const topics = page('topics');
    expect(topics).toContain('<title>Topics · Fixture knowledge base</title>');
    expect([...byClass(topics, 'ul', 'entry-list').matchAll(/<a href="\/([^"]+)\/">/g)].map((m) => m[1])).toEqual(['topics/confidentiality', 'topics/norms', 'topics/callout', 'topics/stages']);
  });

  it('each entry can be cited: BibTeX and RIS downloads, and its APA reference on the page', () => {
    const built = /Built (\d{4}-\d{2}-\d{2})/.exec(page('topics/stages'))![1]!;
    expect(readFileSync(join(out, 'cite/topics/stages.bib'), 'utf8')).toBe(
      `@online{topics-stages,\n  author = {{Fixture editors}},\n  title = {Stages of group development},\n  organization = {Fixture knowledge base},\n  date = {2026-01-10},\n  url = {https://fixture.example.org/topics/stages/},\n  urldate = {${built}},\n}\n`,
    );
    expect(readFileSync(join(out, 'cite/topics/stages.ris'), 'utf8')).toBe(
      `TY  - ELEC\r\nAU  - Fixture editors\r\nTI  - Stages of group development\r\nT2  - Fixture knowledge base\r\nDA  - 2026/01/10\r\nPY  - 2026\r\nUR  - https://fixture.example.org/topics/stages/\r\nY2  - ${built.replace(/-/g, '/')}\r\nER  - \r\n`,
    );
    for (const id of ENTRIES) {
      expect(existsSync(join(out, `cite/${id}.bib`)), id).toBe(true);
      expect(existsSync(join(out, `cite/${id}.ris`)), id).toBe(true);
    }
    const apa = text(byClass(page('topics/stages'), 'p', 'cite-this__apa'));
    expect(apa).toMatch(/^Fixture editors\. \(2026, January 10\)\. Stages of group development\. In Fixture knowledge base\. Retrieved \w+ \d+, \d{4}, from https:\/\/fixture\.example\.org\/topics\/stages\/$/);
  });

  it('references.json holds the cited sources as CSL-JSON', () => {
    const items = JSON.parse(readFileSync(join(out, 'references.json'), 'utf8')) as { id: string; type: string; title: string }[];
    expect(items.map((i) => i.id).sort()).toEqual(['nasw2021', 'toseland2017', 'tuckman1965']);
    expect(items.find((i) => i.id === 'tuckman1965')).toMatchObject({ type: 'article-journal', title: 'Developmental Sequence in Small Groups', DOI: '10.1037/h0022100' });
  });

  it('entry pages carry Highwire citation_* tags for reference managers', () => {
    const meta = [...page('topics/stages').matchAll(/<meta name="(citation_[a-z_]+)" content="([^"]*)">/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(meta).toEqual(expect.arrayContaining([
      'citation_title=Stages of group development',
      'citation_author=Fixture editors',
      'citation_publication_date=2026/01/10',
      'citation_public_url=https://fixture.example.org/topics/stages/',
      'citation_language=en',
    ]));
    expect(page('references')).not.toContain('name="citation_title"');
  });

  it('the printable handbook is one document: every entry once, every id once, every in-page link to an id that exists', () => {
    const html = page('handbook');
    for (const id of ENTRIES) expect(html, id).toContain(`id="entry-${id.replace('/', '--')}"`);
    const all = ids(html);
    expect(duplicates(all)).toEqual([]);
    const targets = new Set(all);
    expect([...html.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]!).filter((id) => !targets.has(id))).toEqual([]);
    // Bodies keep their anchors under the entry's prefix, MDX bodies too.
    expect(text(byId(html, 'entry-topics--norms--para-1'))).toMatch(/^Norms are the shared expectations/);
    expect(text(byId(html, 'entry-topics--stages--forming-para-1'))).toMatch(/^Toseland and Rivas \(2017\) describe/);
  });

  it.each(ENTRIES)('%s loads only the site\'s own script files, none inline', (id) => {
    const html = page(id);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toMatch(/^<script\b[^>]*\ssrc="\/[^/"][^"]*"[^>]*>$/);
    expect(html).not.toMatch(/<script\b[^>]*>[^<]/); // no inline script
  });
});
