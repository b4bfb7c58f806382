// What students, instructors and agencies use on the default site: glossary previews,
// "cite this entry" with its downloads and the Highwire Press tags reference managers read,
// paragraph permalinks in APA form, exempt blocks (case scenarios, questions), the reading list
// and its bibliography exports, the site's reference list with COinS and CSL-JSON, the evidence
// profile and map, superseded codes, alias redirects.
import { accessibleNode, BIBLIOGRAPHY_PAGE, ENTRIES, EVIDENCE_KIND_PAGE, expect, norm, test } from './harness.ts';

test('a glossary term used in an entry links to its definition and previews it on focus', async ({ site }) => {
  const { page } = await site.open('/topics/mutual-aid/');
  const term = page.locator('main .gw-term-link').first();
  await expect.poll(() => term.count()).toBeGreaterThan(0);
  const href = await term.getAttribute('href');
  expect(href).toMatch(/^\/glossary\/[a-z-]+\/$/);
  await term.focus();
  const preview = term.locator('xpath=following-sibling::span[contains(@class, "gw-term-preview")][1]');
  await preview.waitFor({ state: 'visible', timeout: 5_000 });
  expect(norm(await preview.textContent())).toMatch(/^Mutual aid: .+\(.+, \d{4}.*\)/);
  expect(await term.getAttribute('aria-describedby')).toBe(await preview.getAttribute('id'));
  const definitionPage = await site.open(href!);
  expect(norm(await definitionPage.page.locator('main dfn').textContent())).toBe('Mutual aid');
});

test('"Cite this entry" gives the APA reference with a retrieval date, a copy button, and BibTeX and RIS', async ({ site }) => {
  const { page } = await site.open('/topics/mutual-aid/');
  const apa = norm(await page.locator('#cite-this-apa').textContent());
  expect(apa).toMatch(/^Groundwork editors\. \(2026, November 20\)\. Mutual aid in groups\. In Social Work with Groups — an evidence knowledge base\. Retrieved [A-Z][a-z]+ \d{1,2}, \d{4}, from https:\/\/groundwork\.example\.org\/topics\/mutual-aid\/$/);
  await expect.poll(() => page.locator('button[data-copy="cite-this-apa"]').isVisible()).toBe(true);
  const bib = await page.request.get(site.url('/cite/topics/mutual-aid.bib'));
  expect(bib.status()).toBe(200);
  expect(await bib.text()).toContain('@online{topics-mutual-aid,');
  const ris = await page.request.get(site.url('/cite/topics/mutual-aid.ris'));
  expect(await ris.text()).toMatch(/^TY {2}- ELEC\r\nAU {2}- Groundwork editors\r\nTI {2}- Mutual aid in groups\r\n/);
});

test('the copy button puts the APA reference on the clipboard (the bundled page script works)', async ({ site }) => {
  const { page } = await site.open('/topics/mutual-aid/', { permissions: ['clipboard-read', 'clipboard-write'] });
  const button = page.locator('button[data-copy="cite-this-apa"]');
  await expect.poll(() => button.isVisible()).toBe(true);
  expect(norm(await button.textContent())).toBe('Copy APA reference');
  await button.click();
  await expect.poll(async () => norm(await button.textContent())).toBe('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(norm(copied)).toBe(norm(await page.locator('#cite-this-apa').textContent()));
});

test('an entry page carries Highwire Press tags for reference managers, matching its APA reference', async ({ site }) => {
  const { page } = await site.open('/topics/mutual-aid/');
  const tags = await page.locator('head meta[name^="citation_"]').evaluateAll((ms) => ms.map((m) => [m.getAttribute('name')!, m.getAttribute('content')!]));
  expect(tags).toEqual([
    ['citation_title', 'Mutual aid in groups'],
    ['citation_author', 'Groundwork editors'],
    ['citation_publication_date', '2026/11/20'],
    ['citation_publisher', 'Groundwork editors'],
    ['citation_public_url', 'https://groundwork.example.org/topics/mutual-aid/'],
    ['citation_language', 'en'],
    ['citation_keywords', 'mutual aid; group process; support'],
  ]);
  // The same facts as the page's own APA reference and canonical address.
  expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe('https://groundwork.example.org/topics/mutual-aid/');
  expect(norm(await page.locator('#cite-this-apa').textContent())).toMatch(/^Groundwork editors\. \(2026, November 20\)\. Mutual aid in groups\./);
  // A superseded code's page is described the same way; pages that are not entries carry none.
  const code = await site.open('/ethics/casw-2005-code/');
  expect(await code.page.locator('meta[name="citation_title"]').getAttribute('content')).toBe('CASW Code of Ethics and Guidelines for Ethical Practice (2005)');
  for (const path of ['/', '/references/', '/topics/']) {
    const other = await site.open(path);
    expect(await other.page.locator('meta[name^="citation_"]').count(), `${path} has no citation_* tags`).toBe(0);
  }
});

test('each paragraph has a permalink that offers its APA form', async ({ site }) => {
  const { page } = await site.open('/topics/mutual-aid/');
  const link = page.locator('main .entry__body .gw-permalink').first();
  const href = await link.getAttribute('href');
  expect(href).toBe('#what-mutual-aid-is-para-1');
  // The link sits in the paragraph it names.
  expect(await link.evaluate((a) => a.parentElement?.id)).toBe('what-mutual-aid-is-para-1');
  const ax = await accessibleNode(page, 'main .entry__body .gw-permalink');
  expect(ax.role).toBe('link');
  expect(ax.name).toBe('Cite as (What mutual aid is section, para. 1)');
  // Pointing at it shows the APA form next to the ¶.
  await link.hover();
  expect(await link.evaluate((a) => getComputedStyle(a, '::after').content)).toBe('" Cite as (What mutual aid is section, para. 1)"');
  await link.click();
  expect(new URL(page.url()).hash).toBe(href);
  expect(await page.locator('#what-mutual-aid-is-para-1').evaluate((p) => p.matches(':target'))).toBe(true);
  // Every claim paragraph of the entry has one; none is inside an exempt block.
  const claims = await page.locator('main .entry__body [id*="-para-"]').evaluateAll((ps) => ps.filter((p) => p.querySelector(':scope > .gw-cite')).map((p) => ({ id: p.id, link: p.querySelector(':scope > a.gw-permalink')?.getAttribute('href') ?? null })));
  expect(claims.length).toBeGreaterThan(3);
  expect(claims.filter((c) => c.link !== `#${c.id}`)).toEqual([]);
  expect(await page.locator('main .gw-exempt .gw-permalink').count()).toBe(0);
});

test('exempt blocks: a case scenario is a labelled note, visibly set apart, with no claims in it', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  const scenario = page.locator('main aside.gw-exempt.gw-exempt--scenario');
  expect(await scenario.count()).toBe(1);
  expect(await scenario.getAttribute('role')).toBe('note');
  expect(await scenario.getAttribute('aria-label')).toBe('Case scenario');
  const label = scenario.locator(':scope > :first-child');
  expect(await label.evaluate((el) => el.tagName + '.' + el.className)).toBe('P.gw-exempt-label');
  expect(norm(await label.textContent())).toBe('Case scenario: A mixed-membership group');
  const ax = await accessibleNode(page, 'main aside.gw-exempt--scenario');
  expect(ax.role).toBe('note');
  expect(ax.name).toBe('Case scenario');
  // Set apart from the text: a rule down its side and its own background.
  const style = await scenario.evaluate((el) => ({ border: getComputedStyle(el).borderLeftWidth, bg: getComputedStyle(el).backgroundColor, body: getComputedStyle(document.body).backgroundColor }));
  expect(parseFloat(style.border)).toBeGreaterThan(0);
  expect(style.bg).not.toBe(style.body);
  expect(await scenario.locator('.gw-cite, .gw-permalink').count(), 'no citations or permalinks in a scenario').toBe(0);
  // The page's other exempt blocks carry their kind too.
  const labels = await page.locator('main aside.gw-exempt').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')));
  expect(labels).toEqual(['Learning objectives', 'Case scenario', 'Discussion questions']);
});

test('the reading list has ordered items with notes, questions, and bibliography exports', async ({ site }) => {
  const { page } = await site.open(ENTRIES.reading);
  const items = page.locator('.reading-items > ol > li');
  expect(await items.count()).toBeGreaterThanOrEqual(8);
  expect(await page.locator('.reading-item__note').count()).toBe(await items.count());
  // An item that points at one paragraph of an entry names it the APA way.
  const para = page.locator('.reading-items a[href*="#the-core-difference-para-1"]');
  expect(norm(await para.textContent())).toContain('para. 1');
  const questions = page.locator('main section', { has: page.locator('h2', { hasText: /^Discussion questions$/ }) });
  expect(await questions.locator('ol > li').count()).toBeGreaterThanOrEqual(4);
  const objectives = page.locator('main section', { has: page.locator('h2', { hasText: /^Learning objectives$/ }) });
  expect(await objectives.locator('li').count()).toBeGreaterThanOrEqual(2);
  const bibPage = await site.open(BIBLIOGRAPHY_PAGE);
  expect(norm(await bibPage.page.locator('#ref-lasky2006').textContent())).toBe(
    'Lasky, G. B., & Riva, M. T. (2006). Confidentiality and privileged communication in group psychotherapy. International Journal of Group Psychotherapy, 56(4), 455–476. https://doi.org/10.1521/ijgp.2006.56.4.455',
  );
  // The entries the list assigns are cited as web pages, lettered as APA requires.
  const entryRefs = (await bibPage.page.locator('ol.reference-list > li').allTextContents()).map(norm).filter((t) => t.startsWith('Groundwork editors.'));
  expect(entryRefs.length).toBeGreaterThanOrEqual(5);
  expect(entryRefs[0]).toMatch(/^Groundwork editors\. \(2026a, November 20\)\. .+ Retrieved [A-Z][a-z]+ \d{1,2}, \d{4}, from https:\/\/groundwork\.example\.org\//);
  const bib = await page.request.get(site.url('/cite/readings/week-4-knowledge-base-of-group-work.bib'));
  expect(await bib.text()).toMatch(/@article\{lasky2006,/);
  const ris = await page.request.get(site.url('/cite/readings/week-4-knowledge-base-of-group-work.ris'));
  expect(await ris.text()).toContain('TY  - JOUR');
});

test('/references/ gives every cited source with COinS for Zotero, and links the CSL-JSON of them all', async ({ site }) => {
  const { page } = await site.open('/references/');
  const items = page.locator('main ol.reference-list > li');
  const n = await items.count();
  expect(n).toBeGreaterThan(20);
  expect(await page.locator('main ol.reference-list > li > span.Z3988').count(), 'one COinS per source').toBe(n);
  expect(norm(await page.locator('main p.lead').textContent())).toContain(`${n} sources`);

  const coins = async (key: string) => Object.fromEntries([...new URLSearchParams((await page.locator(`li[id="ref-${key}"] > span.Z3988`).getAttribute('title'))!)].reduce((m, [k, v]) => m.set(k, m.has(k) ? `${m.get(k)}|${v}` : v), new Map<string, string>()));
  expect(await coins('lasky2006')).toEqual({
    ctx_ver: 'Z39.88-2004',
    rft_val_fmt: 'info:ofi/fmt:kev:mtx:journal',
    'rft.genre': 'article',
    'rft.atitle': 'Confidentiality and Privileged Communication in Group Psychotherapy',
    'rft.jtitle': 'International Journal of Group Psychotherapy',
    'rft.volume': '56',
    'rft.issue': '4',
    'rft.pages': '455-476',
    'rft.date': '2006',
    'rft.au': 'Lasky, Gina B.|Riva, Maria T.',
    rft_id: 'info:doi/10.1521/ijgp.2006.56.4.455',
  });
  expect(await coins('aaswg2006')).toEqual({
    ctx_ver: 'Z39.88-2004',
    rft_val_fmt: 'info:ofi/fmt:kev:mtx:dc',
    'rft.type': 'report',
    'rft.title': 'Standards for Social Work Practice with Groups',
    'rft.publisher': 'Association for the Advancement of Social Work with Groups',
    'rft.date': '2006',
    'rft.creator': 'Association for the Advancement of Social Work with Groups',
  });
  // COinS spans are empty: nothing extra for a reader or a screen reader.
  expect(await page.locator('span.Z3988').evaluateAll((ss) => ss.filter((s) => s.textContent !== '').length)).toBe(0);

  const link = page.locator('main a[href="/references.json"]');
  expect(norm(await link.textContent())).toBe('all of them as CSL-JSON');
  const response = await page.request.get(site.url('/references.json'));
  expect(response.status()).toBe(200);
  const csl = (await response.json()) as Record<string, unknown>[];
  const ids = await items.evaluateAll((lis) => lis.map((li) => li.id.replace(/^ref-/, '')));
  expect(csl.map((c) => c['id']).sort()).toEqual([...ids].sort());
  expect(csl.find((c) => c['id'] === 'lasky2006')).toMatchObject({
    type: 'article-journal',
    title: 'Confidentiality and Privileged Communication in Group Psychotherapy',
    'container-title': 'International Journal of Group Psychotherapy',
    author: [
      { family: 'Lasky', given: 'Gina B.' },
      { family: 'Riva', given: 'Maria T.' },
    ],
    issued: { 'date-parts': [[2006]] },
    volume: '56',
    issue: '4',
    page: '455-476',
    DOI: '10.1521/ijgp.2006.56.4.455',
  });
  expect(csl.find((c) => c['id'] === 'aaswg2006')).toMatchObject({
    type: 'report',
    title: 'Standards for Social Work Practice with Groups',
    author: [{ literal: 'Association for the Advancement of Social Work with Groups' }],
    publisher: 'Association for the Advancement of Social Work with Groups',
    issued: { 'date-parts': [[2006]] },
    edition: '2',
  });
});

test('an entry shows its evidence profile, and the evidence map sets kinds and entries against evidence types', async ({ site }) => {
  const { page } = await site.open('/models/treatment-groups/');
  const profile = norm(await page.locator('.evidence-profile').textContent());
  expect(profile).toMatch(/Systematic review or meta-analysis: \d+/);
  expect(profile).toMatch(/Textbook or expert text: \d+/);

  const map = await site.open('/evidence/');
  const headers = (await map.page.locator('table.evidence-map').first().locator('thead th').allTextContents()).map(norm);
  expect(headers).toEqual(expect.arrayContaining(['Kind', 'Code of ethics', 'Practice standard', 'Textbook or expert text']));
  const kinds = await map.page.locator('table.evidence-map tbody th[scope="row"] a').evaluateAll((as) => as.map((a) => ({ text: a.textContent!.trim(), href: a.getAttribute('href')! })));
  expect(kinds.map((k) => k.text)).toEqual(['Standards', 'Ethics', 'Group models', 'Comparisons', 'Topics', 'Glossary', 'Reading lists']);
  // Each kind's page lists its entries, one row each, with the same columns.
  let rows = 0;
  for (const k of kinds) {
    const kindPage = await site.open(k.href);
    expect((await kindPage.page.locator('table.evidence-map thead th').allTextContents()).map(norm).slice(1)).toEqual(headers.slice(1));
    const n = await kindPage.page.locator('table.evidence-map tbody tr').count();
    expect(n, `${k.href} rows`).toBeGreaterThan(0);
    rows += n;
  }
  expect(rows, 'entries on the evidence map').toBeGreaterThan(90);
  const topics = await site.open(EVIDENCE_KIND_PAGE);
  const row = topics.page.locator('table.evidence-map tbody tr', { has: topics.page.locator('a[href="/topics/confidentiality-strategies/"]') });
  expect(await row.count()).toBe(1);
});

test('a superseded code says so, and names what replaced it', async ({ site }) => {
  const { page } = await site.open('/ethics/casw-2005-code/');
  const banner = page.locator('.banner--superseded');
  expect(await banner.getAttribute('role')).toBe('note');
  expect(norm(await banner.textContent())).toBe('Historical: this code has been superseded. It is kept for its history and for readers working under it. Now in force: Canadian Association of Social Workers (CASW, 2024).');
  // The successor opens from the banner like any citation.
  const successor = banner.locator('.gw-cite a');
  expect(await successor.getAttribute('href')).toBe('#ref-casw2024');
  await successor.click();
  expect(norm(await page.locator('[id="ref-casw2024"]:popover-open').textContent())).toBe('Canadian Association of Social Workers. (2024). Code of ethics.');
  expect(await page.evaluate(() => document.activeElement?.id), 'focus is in the open reference').toBe('ref-casw2024');
  await page.keyboard.press('Escape');
  expect(await page.locator(':popover-open').count()).toBe(0);
  await expect.poll(() => successor.evaluate((a) => a === document.activeElement), { message: 'focus is back on the banner\'s citation' }).toBe(true);
  // The NOHS 2015 entries now point to the 2024 standards.
  for (const path of ['/ethics/nohs-2015-standards/', '/ethics/nohs-2015-confidentiality/']) {
    const nohs = await site.open(path);
    expect(norm(await nohs.page.locator('.banner--superseded').textContent()), path).toContain('Now in force: National Organization for Human Services (NOHS, 2024).');
  }
});

test('an old entry address redirects to the entry that replaced it', async ({ site }) => {
  // The CASW 2005 guideline entry was merged into the CASW 2005 code entry.
  const { page } = await site.open('/ethics/casw-2005-confidentiality-guideline/');
  await page.waitForURL(/\/ethics\/casw-2005-code\/$/);
  expect(norm(await page.locator('main h1').textContent())).toBe('CASW Code of Ethics and Guidelines for Ethical Practice (2005)');
  const html = await (await fetch(site.url('/ethics/casw-2005-confidentiality-guideline/'))).text();
  expect(html).toContain('<meta name="robots" content="noindex">');
  expect(html).toContain('<link rel="canonical" href="https://groundwork.example.org/ethics/casw-2005-code/">');
  expect(html).toMatch(/<a href="\/ethics\/casw-2005-code\/">/);
  // Not in the sitemap.
  const sitemap = await (await fetch(site.url('/sitemap-0.xml'))).text();
  expect(sitemap).not.toContain('casw-2005-confidentiality-guideline');
});
