// (7) Screenshots of the main kinds of page, saved to tests/artifacts/screenshots/*.png for a
// person to look at (the folder is gitignored). Each also checks the page rendered its heading.
import { existsSync, statSync } from 'node:fs';
import { ENTRIES, expect, searchResultCount, test } from './harness.ts';

const SHOTS: { name: string; path: string; status?: number; colorScheme?: 'light' | 'dark'; phone?: boolean; search?: boolean }[] = [
  { name: 'home', path: '/' },
  { name: 'home-dark', path: '/', colorScheme: 'dark' },
  { name: 'home-phone', path: '/', phone: true },
  { name: 'list-topics', path: '/topics/' },
  ...Object.entries(ENTRIES).map(([kind, path]) => ({ name: `entry-${kind}`, path })),
  { name: 'entry-topic-dark', path: ENTRIES.topic, colorScheme: 'dark' as const },
  { name: 'entry-topic-phone', path: ENTRIES.topic, phone: true },
  { name: 'entry-comparison-phone', path: ENTRIES.comparison, phone: true },
  { name: 'references', path: '/references/' },
  { name: 'search-results', path: '/search/?q=confidentiality', search: true },
  { name: 'search-results-phone', path: '/search/?q=confidentiality', search: true, phone: true },
  { name: 'evidence-map', path: '/evidence/' },
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
    expect(await page.locator('main h1').count()).toBe(1);
    const file = await site.screenshot(page, s.name);
    expect(existsSync(file) && statSync(file).size > 1_000).toBe(true);
  });
}
