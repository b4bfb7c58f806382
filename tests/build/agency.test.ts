// The example agency handbook (examples/agency-handbook), built with the CLI as an agency editor
// would: its handbook profile re-brands and re-scopes the default knowledge base, and its local
// policies appear inside the standard and the code section they implement.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, groundwork } from './cli.ts';
import { byClass as block, byId, citationButtons, inner } from './html.ts';

const ROOT = join(APP_ROOT, 'examples/agency-handbook');
const ORG = 'Riverside Family Services';
const EDITION = 'Edition 2, 2026';
const SITE = 'https://handbook.riverside.example';
const work = mkdtempSync(join(tmpdir(), 'gw-agency-'));
const out = join(work, 'site');
let buildOutput = '';

const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
/** Words of the HTML, each element's text apart (html.ts's `text` joins adjacent cells). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x26;|&#38;|&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:)])/g, '$1')
    .replace(/\( /g, '(')
    .trim();
beforeAll(async () => {
  const r = await groundwork(['build', '--root', ROOT, '--out', out]);
  buildOutput = r.stdout + r.stderr;
  if (r.code !== 0) throw new Error(`building the agency handbook failed (exit ${r.code}):\n${buildOutput}`);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the example agency handbook', () => {
  it('checks clean: 0 errors and 0 warnings', async () => {
    const r = await groundwork(['check', '--root', ROOT, '--format', 'json', '--today', '2026-12-01']);
    expect(r.code).toBe(0);
    const { summary } = JSON.parse(r.stdout) as { summary: { errors: number; warnings: number; references: number } };
    expect(summary).toMatchObject({ errors: 0, warnings: 0 });
    // The default references and the agency's own policy documents, from two folders.
    expect(summary.references).toBeGreaterThan(3);
    // A clean build reports no problem, only where it built.
    expect(buildOutput).not.toMatch(/ {2}(error|warning) {2}/);
    expect(buildOutput).toMatch(/^Built the site into .* in \d+\.\d s\.\n$/);
  });

  it('shows the organisation name, the edition and the logo on every page', () => {
    const pages = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.html'))
      .map((d) => join(d.parentPath, d.name));
    let checked = 0;
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      if (html.includes('http-equiv="refresh"')) continue; // an alias redirect, not a page
      const where = file.slice(out.length);
      expect(html, where).toContain(`<img src="/logo.svg"`);
      const footer = block(html, 'footer', 'site-footer');
      expect(footer, where).toContain(ORG);
      expect(footer, where).toContain(EDITION);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
    // The logo comes from the knowledge base's own public/ folder.
    expect(readFileSync(join(out, 'logo.svg'), 'utf8')).toBe(readFileSync(join(ROOT, 'public/logo.svg'), 'utf8'));
  });

  it('brands the site with the profile accent colour', () => {
    const css = readFileSync(join(out, 'brand.css'), 'utf8');
    expect(css).toMatch(/accent[\w-]*:\s*#0b6e4f/i);
    expect(css).toMatch(/accent[\w-]*dark[\w-]*:\s*#7fd8b5/i);
  });

  it('builds only the included entries', () => {
    for (const id of ['standards/beginning-contract', 'standards/core-values', 'ethics/nasw-1-07-f-group-confidentiality', 'topics/responding-to-a-breach', 'glossary/confidentiality-agreement']) {
      expect(existsSync(join(out, id, 'index.html')), id).toBe(true);
    }
    for (const id of ['topics/mutual-aid', 'topics/privileged-communication-in-groups', 'ethics/casw-2005-code', 'glossary/mutual-aid', 'models/support-groups', 'comparisons/group-models-compared', 'readings/week-4-knowledge-base-of-group-work']) {
      expect(existsSync(join(out, id, 'index.html')), id).toBe(false);
    }
    expect(existsSync(join(out, 'models'))).toBe(false);
    const sitemap = readFileSync(join(out, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain(`${SITE}/standards/beginning-contract/`);
    expect(sitemap).not.toContain('/topics/mutual-aid/');
  });

  it('renders links to excluded entries as text, not links', () => {
    const html = page('ethics/nasw-1-07-f-group-confidentiality');
    // The entry links to [[topics/privileged-communication-in-groups]], which is not in the handbook.
    expect(html).not.toContain('href="/topics/privileged-communication-in-groups/"');
    expect(html).toMatch(/<span class="[^"]*\bgw-xref--unpublished\b[^"]*">Privileged communication in groups<\/span>/);
    // A link to an included entry stays a link.
    expect(html).toContain('href="/ethics/nasw-1-02-self-determination/"');
  });

  for (const [host, policy, key, doc] of [
    ['ethics/nasw-1-07-f-group-confidentiality', 'Riverside procedure: the group confidentiality agreement', 'rfs2026gw03', 'Group work confidentiality procedure</i> (Policy GW-03)'],
    ['standards/beginning-contract', 'Riverside procedure: the first-session contract', 'rfs2026gw01', 'Beginning a group: Contracting and consent procedure</i> (Policy GW-01)'],
  ] as const) {
    it(`shows the local policy inside ${host} in an "Agency policy" box, cited to the page's references`, () => {
      const html = page(host);
      const box = block(html, 'aside', 'agency-policy');
      expect(box).not.toBe('');
      expect(text(box)).toContain(`Agency policy — ${ORG}`);
      expect(box).toContain(policy);
      // Its own citations open this page's reference list, which lists the policy document.
      const opens = citationButtons(box).map((b) => text(byId(html, b.target)));
      const refs = block(html, 'section', 'references');
      const listed = inner(byId(refs, `ref-${key}`));
      expect(listed).toMatch(new RegExp(`^Riverside Family Services\\. \\(2026[ab]?\\)\\. <i>${doc.replace(/[()]/g, '\\$&')}\\.$`));
      expect(opens).toContain(text(listed));
      // Review metadata of the policy.
      expect(text(box)).toContain('Policy last reviewed 2026-10-01 by Practice Standards Lead');
      // The policy comes after the body of the entry and before its reference list.
      expect(html.indexOf('class="entry__body"')).toBeLessThan(html.indexOf('class="agency-policy"'));
      expect(html.indexOf('class="agency-policy"')).toBeLessThan(html.indexOf('class="references"'));
    });
  }

  it('lists the policy documents on the references page as organisational policy', () => {
    const html = page('references');
    const item = html.slice(html.indexOf('<li id="ref-rfs2026gw03">'), html.indexOf('</li>', html.indexOf('<li id="ref-rfs2026gw03">')));
    expect(item).toContain('Group work confidentiality procedure');
    expect(item).toContain('Organisational policy');
  });

  it('lists the amendments with their entries, newest first, and the reviews', () => {
    const html = page('amendments');
    expect(html).toContain(EDITION);
    const list = block(html, 'ol', 'amendments');
    expect(list.indexOf('2026-10-05')).toBeGreaterThan(-1);
    expect(list.indexOf('2026-10-05')).toBeLessThan(list.indexOf('2026-03-02'));
    expect(list).toContain('<a href="/ethics/nasw-1-07-f-group-confidentiality/">NASW 1.07(f): Confidentiality agreements in group services</a>');
    expect(list).toContain('<a href="/standards/beginning-contract/">Beginning phase: establishing a beginning contract</a>');
    // The reviews table: owners and dates, including the agency's own policies.
    expect(text(html)).toContain('Practice Standards Lead 2026-10-01 2027-10-01');
  });

  it('shows the review owner and dates on an entry', () => {
    const facts = text(block(page('standards/beginning-contract'), 'dl', 'entry-facts'));
    expect(facts).toContain('Review owner Groundwork editors');
    expect(facts).toContain('Last reviewed 2026-11-20');
    expect(facts).toContain('Next review 2027-11-20');
  });

  it('gives each entry an APA "cite this" reference with the organisation and the retrieval date', () => {
    const html = page('ethics/nasw-1-07-f-group-confidentiality');
    const built = /Built (\d{4})-(\d{2})-(\d{2})/.exec(html)!;
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const retrieved = `${months[Number(built[2]) - 1]} ${Number(built[3])}, ${built[1]}`;
    const apa = text(block(html, 'p', 'cite-this__apa'));
    expect(apa).toBe(
      `${ORG}. (2026, November 20). NASW 1.07(f): Confidentiality agreements in group services. In Riverside Group Work Practice Handbook. Retrieved ${retrieved}, from ${SITE}/ethics/nasw-1-07-f-group-confidentiality/`,
    );
  });

  it('builds a printable handbook page with every included entry and the policies inside them', () => {
    const html = page('handbook');
    const body = text(html);
    expect(body).toContain('Riverside Group Work Practice Handbook');
    expect(body).toContain(EDITION);
    expect(body).toContain('Uncontrolled when printed');
    for (const title of ['Beginning phase: establishing a beginning contract', 'NASW 1.07(f): Confidentiality agreements in group services', 'Strategies for ensuring confidentiality in groups', 'Riverside procedure: the group confidentiality agreement']) {
      expect(body).toContain(title);
    }
    expect(html).not.toContain('id="entry-topics--mutual-aid"');
    expect(html).not.toMatch(/<h3[^>]*>Mutual aid in groups</);
    // Standards come before ethics, ethics before topics; the references close the document.
    expect(html.indexOf('id="part-standards"')).toBeLessThan(html.indexOf('id="part-ethics"'));
    expect(html.indexOf('id="part-ethics"')).toBeLessThan(html.indexOf('id="part-topics"'));
    expect(html.indexOf('id="part-topics"')).toBeLessThan(html.indexOf('id="hb-references"'));
    // One document: every id once, every in-page link to an id that exists.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const targets = new Set(ids);
    const broken = [...html.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]!).filter((id) => !targets.has(id));
    expect(broken).toEqual([]);
  });
});
