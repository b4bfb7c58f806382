// What students, instructors and agencies use on the default site: glossary previews,
// "cite this entry" with its downloads, paragraph permalinks in APA form, the reading list
// and its bibliography exports, the evidence profile and map, alias redirects.
import { expect, test } from './harness.ts';

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

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

test('each paragraph has a permalink that offers its APA form', async ({ site }) => {
  const { page } = await site.open('/topics/mutual-aid/');
  const link = page.locator('main .entry__body .gw-permalink').first();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^#[a-z0-9-]+-para-1$/);
  expect(await link.getAttribute('data-apa')).toMatch(/^\(.+ section, para\. 1\)$/);
  await link.click();
  expect(new URL(page.url()).hash).toBe(href);
});

test('the reading list has ordered items with notes, questions, and bibliography exports', async ({ site }) => {
  const { page } = await site.open('/readings/week-4-knowledge-base-of-group-work/');
  const items = page.locator('.reading-items > ol > li');
  expect(await items.count()).toBeGreaterThanOrEqual(8);
  expect(await page.locator('.reading-item__note').count()).toBe(await items.count());
  // An item that points at one paragraph of an entry names it the APA way.
  const para = page.locator('.reading-items a[href*="#the-core-difference-para-1"]');
  expect(norm(await para.textContent())).toContain('para. 1');
  expect(await page.locator('.questions li').count()).toBeGreaterThanOrEqual(4);
  const bibPage = await site.open('/cite/readings/week-4-knowledge-base-of-group-work/bibliography/');
  expect(norm(await bibPage.page.locator('#ref-lasky2006').textContent())).toBe(
    'Lasky, G. B., & Riva, M. T. (2006). Confidentiality and privileged communication in group psychotherapy. International Journal of Group Psychotherapy, 56(4), 455–476.',
  );
  const bib = await page.request.get(site.url('/cite/readings/week-4-knowledge-base-of-group-work.bib'));
  expect(await bib.text()).toMatch(/@article\{lasky2006,/);
  const ris = await page.request.get(site.url('/cite/readings/week-4-knowledge-base-of-group-work.ris'));
  expect(await ris.text()).toContain('TY  - JOUR');
});

test('an entry shows its evidence profile, and the evidence map sets entries against evidence types', async ({ site }) => {
  const { page } = await site.open('/models/treatment-groups/');
  const profile = page.locator('.evidence-profile li');
  expect(await profile.count()).toBeGreaterThan(0);
  expect(norm(await page.locator('.evidence-profile').textContent())).toContain('Systematic review or meta-analysis');
  const map = await site.open('/evidence/');
  const headers = await map.page.locator('table.evidence-map').first().locator('thead th').allTextContents();
  expect(headers.map(norm)).toEqual(expect.arrayContaining(['Entry', 'Code of ethics', 'Practice standard', 'Textbook or expert text']));
  expect(await map.page.locator('table.evidence-map tbody tr').count()).toBeGreaterThan(50);
});

test('a superseded code says so, and names what replaced it', async ({ site }) => {
  const { page } = await site.open('/ethics/casw-2005-code/');
  expect(norm(await page.locator('.banner--superseded').textContent())).toContain('Canadian Association of Social Workers (2024)');
});
