/**
 * Build tests on a small fixture knowledge base (tests/fixtures/kb-basic): the CLI builds it
 * once, as a subprocess, and the tests read the HTML it wrote — APA 7 citations and reference
 * lists, links, backlinks, structured entries, exempt blocks, permalinks, search, sitemap,
 * redirects, and what the pages may load.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, groundwork, internals, pool, type RunResult } from './cli.ts';

const FIXTURE = join(APP_ROOT, 'tests/fixtures/kb-basic');
const ENTRIES = ['comparisons/models', 'glossary/cohesion', 'models/support-groups', 'topics/confidentiality', 'topics/stages'];

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

/** The element with this id, as HTML (from its opening tag to the matching closing tag). */
function byId(html: string, id: string): string {
  const open = new RegExp(`<([a-z0-9]+)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!open) throw new Error(`no element #${id}`);
  const tag = open[1]!;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = open.index + open[0].length;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(open.index, m.index + m[0].length);
  }
  throw new Error(`#${id} is never closed`);
}

/** What a reader sees: tags and citation previews removed, entities kept as written. */
function text(html: string): string {
  return html
    .replace(/<span class="gw-cite-preview"[^>]*>[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keys the page's citations link to, and the keys its References list holds. */
function citationTargets(html: string): { cited: string[]; listed: string[] } {
  const cited = [...html.matchAll(/<a href="#ref-([^"]+)" class="gw-cite-link"/g)].map((m) => m[1]!);
  const list = /<ol class="reference-list">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  const listed = [...list.matchAll(/<li id="ref-([^"]+)">/g)].map((m) => m[1]!);
  return { cited: [...new Set(cited)].sort(), listed };
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath, d.name));
}

describe('building kb-basic', () => {
  it('succeeds and says what it built', () => {
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('✔ 0 errors, 0 warnings in 6 entries and 3 references');
    expect(build.stdout).toMatch(/Built \d+ pages and their search index into /);
  });

  it('check --format json: no problems, and a summary', () => {
    expect(check.code).toBe(0);
    expect(check.stderr).toBe('');
    const report = JSON.parse(check.stdout);
    expect(Object.keys(report)).toEqual(['problems', 'summary']);
    expect(report.problems).toEqual([]);
    expect(Object.keys(report.summary)).toEqual(['errors', 'warnings', 'entries', 'references', 'ms']);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, entries: 6, references: 3 });
    expect(Number.isInteger(report.summary.ms)).toBe(true);
  });
});

describe('APA 7 in-text citations', () => {
  it('parenthetical, with a page', () => {
    expect(text(byId(page('topics/stages'), 'para-1'))).toBe('Groups pass through recognisable stages (Tuckman, 1965, p. 396). ¶');
  });
  it('narrative: "and" between two authors, year in parentheses', () => {
    const p = byId(page('topics/stages'), 'forming-para-1');
    expect(text(p)).toBe('Toseland and Rivas (2017) describe the beginning as a time of testing. ¶');
    expect(p).toMatch(/<a href="#ref-toseland2017" class="gw-cite-link" aria-describedby="[\w-]+">Toseland and Rivas \(2017\)<\/a>/);
  });
  it('two sources in reference-list order, with a section locator, "&" escaped', () => {
    const p = byId(page('topics/confidentiality'), 'para-1');
    expect(text(p)).toBe(
      'The worker cannot guarantee that members keep confidences (National Association of Social Workers, 2021, Section 1.07(f); Toseland &#x26; Rivas, 2017). ¶',
    );
    // Each source links on its own.
    expect(p).toContain('>National Association of Social Workers, 2021, Section 1.07(f)</a>');
    expect(p).toContain('>Toseland &#x26; Rivas, 2017</a>');
  });
  it('chapter locators, and the author suppressed with -@', () => {
    expect(text(byId(page('topics/stages'), 'forming-para-2'))).toBe("The worker's tasks at the start are (Toseland &#x26; Rivas, 2017, Chapter 7): ¶");
    expect(text(byId(page('topics/confidentiality'), 'ground-rules-para-1'))).toBe('Ground rules are agreed at the first meeting (2017). ¶');
  });
  it('a preview of the full reference, for readers without JavaScript', () => {
    const p = byId(page('topics/stages'), 'para-1');
    const link = /<a href="#ref-tuckman1965" class="gw-cite-link" aria-describedby="([\w-]+)">/.exec(p)!;
    expect(p).toContain(
      `<span class="gw-cite-preview" role="tooltip" id="${link[1]}" data-pagefind-ignore="">Tuckman, B. W. (1965). Developmental sequence in small groups. Psychological Bulletin, 63(6), 384–399. https://doi.org/10.1037/h0022100</span>`,
    );
  });
  it.each(ENTRIES)('%s: every citation links to an entry of its References list, and the list holds only cited sources', (id) => {
    const { cited, listed } = citationTargets(page(id));
    expect(cited.length).toBeGreaterThan(0);
    expect([...listed].sort()).toEqual(cited);
  });
});

describe('APA 7 reference lists', () => {
  it('a journal article: sentence-case title, italic journal and volume, issue, pages, DOI as a link', () => {
    expect(byId(page('topics/stages'), 'ref-tuckman1965')).toBe(
      '<li id="ref-tuckman1965">Tuckman, B. W. (1965). Developmental sequence in small groups. <i>Psychological Bulletin</i>, <i>63</i>(6), 384–399. <a href="https://doi.org/10.1037/h0022100" rel="noopener noreferrer">https://doi.org/10.1037/h0022100</a></li>',
    );
  });
  it('a book: italic title, edition', () => {
    expect(byId(page('topics/stages'), 'ref-toseland2017')).toBe(
      '<li id="ref-toseland2017">Toseland, R. W., &#38; Rivas, R. F. (2017). <i>An introduction to group work practice</i> (8th ed.). Pearson.</li>',
    );
  });
  it('a group author and a web page', () => {
    expect(byId(page('topics/confidentiality'), 'ref-nasw2021')).toBe(
      '<li id="ref-nasw2021">National Association of Social Workers. (2021). <i>Code of ethics of the National Association of Social Workers</i>. <a href="https://www.socialworkers.org/About/Ethics/Code-of-Ethics/Code-of-Ethics-English" rel="noopener noreferrer">https://www.socialworkers.org/About/Ethics/Code-of-Ethics/Code-of-Ethics-English</a></li>',
    );
  });
  it('in APA order (author, then year)', () => {
    expect(citationTargets(page('topics/confidentiality')).listed).toEqual(['nasw2021', 'toseland2017']);
    expect(citationTargets(page('topics/stages')).listed).toEqual(['toseland2017', 'tuckman1965']);
  });
  it('/references/ lists every cited source with the entries that cite it', () => {
    const refs = page('references');
    const citedBy = (key: string) => [...byId(refs, `ref-${key}`).matchAll(/<a href="\/([^"]+)\/">/g)].map((m) => m[1]);
    expect([...refs.matchAll(/<li id="ref-([^"]+)">/g)].map((m) => m[1])).toEqual(['nasw2021', 'toseland2017', 'tuckman1965']);
    expect(citedBy('nasw2021')).toEqual(['topics/confidentiality']);
    expect(citedBy('toseland2017')).toEqual(['comparisons/models', 'glossary/cohesion', 'models/support-groups', 'topics/confidentiality', 'topics/norms', 'topics/stages']);
    expect(citedBy('tuckman1965')).toEqual(['topics/stages']);
    expect(byId(refs, 'ref-tuckman1965')).toContain('Tuckman, B. W. (1965). Developmental sequence in small groups. <i>Psychological Bulletin</i>');
  });
});

describe('links', () => {
  it('a wikilink to a heading of another entry, with its own label', () => {
    const stages = page('topics/stages');
    expect(stages).toContain('<a href="/topics/confidentiality/#ground-rules" class="gw-xref">ground rules</a>');
    expect(page('topics/confidentiality')).toContain('<h2 id="ground-rules">Ground rules</h2>');
    // Without a label, the link shows the entry's title.
    expect(stages).toContain('<a href="/glossary/cohesion/" class="gw-xref">Cohesion</a>');
  });
  it('"Referenced by" lists the entries that link to this one', () => {
    const backlinks = byId(page('topics/confidentiality').replace('aria-labelledby="backlinks-heading"', 'id="backlinks"'), 'backlinks');
    expect(backlinks).toContain('<h2 id="backlinks-heading">Referenced by</h2>');
    expect([...backlinks.matchAll(/<a href="\/([^"]+)\/">([^<]*)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['topics/stages Stages of group development']);
  });
  it('external links open with no opener and no referrer', () => {
    let external = 0;
    for (const file of htmlFiles(out)) {
      for (const [a] of readFileSync(file, 'utf8').matchAll(/<a [^>]*href="(?:https?:)?\/\/[^"]*"[^>]*>/g)) {
        if (a.includes('href="https://fixture.example.org/')) continue; // the site itself
        external++;
        expect(a, file).toContain('rel="noopener noreferrer"');
      }
    }
    expect(external).toBeGreaterThan(3);
    expect(page('topics/confidentiality')).toContain(
      '<a href="https://www.socialworkers.org/About/Ethics/Code-of-Ethics/Code-of-Ethics-English" rel="noopener noreferrer" class="gw-external">code\'s full text</a>',
    );
  });
  it('an alias (old id) redirects to the entry', () => {
    const redirect = page('topics/group-stages');
    expect(redirect).toContain('<meta http-equiv="refresh" content="0; url=/topics/stages/">');
    expect(redirect).toContain('<link rel="canonical" href="https://fixture.example.org/topics/stages/">');
    expect(redirect).toContain('<a href="/topics/stages/">Stages of group development</a>');
  });
});

describe('structured entries', () => {
  it('the glossary term and its cited definition', () => {
    const g = page('glossary/cohesion');
    expect(g).toContain('<dfn>Cohesion</dfn>');
    expect(text(byId(g, 'definition'))).toBe('The sense of belonging that holds a group together (Toseland &#x26; Rivas, 2017).');
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
      expect(text(byId(m, `attr-${id}`))).toBe(`${label}${value} (Toseland &#x26; Rivas, 2017).`);
    }
  });
  it('the comparison table: one column per model, one row per chosen attribute, cited cells', () => {
    const c = page('comparisons/models');
    const table = /<table class="comparison">[\s\S]*?<\/table>/.exec(c)![0];
    expect(table).toContain('<caption id="comparison-caption">Side by side: Support groups</caption>');
    expect(table).toContain('<th scope="col"><a href="/models/support-groups/">Support groups</a></th>');
    const rows = [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)].map((m) => [m[1], [...m[2]!.matchAll(/<td>(.*?)<\/td>/g)].map((d) => text(d[1]!))]);
    expect(rows).toEqual([
      ['Purpose', ['Members help one another cope (Toseland &#x26; Rivas, 2017).']],
      ['Limitations', ['Little structure (Toseland &#x26; Rivas, 2017).']],
    ]);
  });
  it('a table in the body: every data cell cited', () => {
    const t = byId(page('topics/confidentiality'), 'ground-rules-table-1');
    const cells = [...t.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => text(m[1]!));
    expect(cells).toEqual([
      'Individual work (National Association of Social Workers, 2021, Section 1.07)',
      'The worker (National Association of Social Workers, 2021, Section 1.07)',
      'Group work (National Association of Social Workers, 2021, Section 1.07(f))',
      'The worker; members by agreement only (National Association of Social Workers, 2021, Section 1.07(f))',
    ]);
  });
  it('an MDX entry renders its block component as a labelled aside, and its citations', () => {
    const html = page('topics/norms');
    expect(html).toContain('<aside class="gw-exempt gw-exempt--note" aria-label="Editorial note"><p class="gw-exempt-label">Editorial note: For authors</p>');
    expect(html).toContain('<h2 id="shaping-norms">Shaping norms</h2>');
    expect(html).toContain('>Toseland &#x26; Rivas, 2017, Chapter 7</a>');
  });

  it('an exempt block is an aside, labelled as what it is', () => {
    expect(page('topics/stages')).toContain(
      '<aside class="gw-exempt gw-exempt--note" aria-label="Editorial note"><p class="gw-exempt-label">Editorial note</p><p>An editorial remark that needs no citation.</p></aside>',
    );
  });
  it('each claim has a permalink (¶) that says how to cite the paragraph in APA 7', () => {
    const stages = page('topics/stages');
    expect(byId(stages, 'forming-para-1')).toContain(
      '<a href="#forming-para-1" class="gw-permalink" data-apa="(Forming section, para. 1)" aria-label="Permalink to paragraph 1 of “Forming”; cite as (Forming section, para. 1)" data-pagefind-ignore="">¶</a>',
    );
    expect(byId(stages, 'para-1')).toContain('data-apa="(para. 1)"');
    // List items are claims too, numbered on from the paragraphs.
    expect(byId(stages, 'forming-para-4')).toContain('data-apa="(Forming section, para. 4)"');
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
  it.each(ENTRIES)('%s loads no script but the site\'s own gw.js', (id) => {
    const scripts = [...page(id).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual(['<script src="/gw.js" defer>']);
    expect(page(id)).not.toMatch(/<script\b[^>]*>[^<]/); // no inline script
  });
});
