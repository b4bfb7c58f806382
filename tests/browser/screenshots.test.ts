// (7) Screenshots of the main kinds of page, saved to tests/artifacts/screenshots/*.png for a
// person to look at (the folder is gitignored). Each also checks the page rendered its heading.
import { existsSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BIBLIOGRAPHY_PAGE, ENTRIES, EVIDENCE_KIND_PAGE, expect, HANDBOOK, searchResultCount, test } from './harness.ts';

/** Open the first citation of the page's text: the reference shows over the page. */
const openCitation = async (page: Page) => {
  await page.locator('main .gw-cite a').first().click();
  await page.locator(':popover-open').waitFor({ state: 'visible' });
};

const SHOTS: { name: string; path: string; status?: number; colorScheme?: 'light' | 'dark'; phone?: boolean; search?: boolean; fullPage?: boolean; prepare?: (page: Page) => Promise<void> }[] = [
  { name: 'home', path: '/' },
  { name: 'home-dark', path: '/', colorScheme: 'dark' },
  { name: 'home-phone', path: '/', phone: true },
  { name: 'list-topics', path: '/topics/' },
  ...Object.entries(ENTRIES).map(([kind, path]) => ({ name: `entry-${kind}`, path })),
  { name: 'entry-topic-dark', path: ENTRIES.topic, colorScheme: 'dark' as const },
  { name: 'entry-topic-phone', path: ENTRIES.topic, phone: true },
  { name: 'entry-comparison-phone', path: ENTRIES.comparison, phone: true },
  { name: 'entry-table-phone', path: '/comparisons/confidentiality-in-three-codes/', phone: true },
  { name: 'entry-superseded', path: '/ethics/casw-2005-code/' },
  { name: 'citation-open', path: ENTRIES.topic, fullPage: false, prepare: openCitation },
  { name: 'citation-open-dark', path: ENTRIES.topic, colorScheme: 'dark' as const, fullPage: false, prepare: openCitation },
  { name: 'citation-open-phone', path: ENTRIES.topic, phone: true, fullPage: false, prepare: openCitation },
  { name: 'references', path: '/references/' },
  { name: 'bibliography', path: BIBLIOGRAPHY_PAGE },
  { name: 'search-results', path: '/search/?q=confidentiality', search: true },
  { name: 'search-results-phone', path: '/search/?q=confidentiality', search: true, phone: true },
  { name: 'evidence-map', path: '/evidence/' },
  { name: 'evidence-map-topics', path: EVIDENCE_KIND_PAGE },
  { name: 'handbook', path: HANDBOOK, fullPage: false },
  { name: 'amendments', path: '/amendments/' },
  { name: '404', path: '/no-such-page/', status: 404 },
];

for (const s of SHOTS) {
  test(`screenshot ${s.name} (${s.path})`, async ({ site }) => {
    if (s.status === 404) site.allowConsoleError(/status of 404/);
    const { page } = await site.open(s.path, {
      status: s.status ?? 200,
      colorScheme: s.colorScheme ?? 'light',
      ...(s.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: { width: 1280, height: 900 } }),
    });
    if (s.search) {
      expect(await searchResultCount(page)).toBeGreaterThan(0);
      await page.locator('a.pagefind-ui__result-link').first().waitFor({ state: 'visible' });
    }
    await s.prepare?.(page);
    expect(await page.locator('main h1').count()).toBe(1);
    const file = await site.screenshot(page, s.name, s.fullPage ?? true);
    expect(existsSync(file) && statSync(file).size > 1_000).toBe(true);
  });
}
