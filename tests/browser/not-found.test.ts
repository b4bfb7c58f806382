// (4) A missing URL answers 404 with the site's 404 page, which has a search form that works.
import { expect, searchResultCount, test } from './harness.ts';

test('a missing URL answers 404 with a page that has a search form', async ({ site }) => {
  // Chrome logs the 404 of the document itself as a console error: that one is expected.
  site.allowConsoleError(/Failed to load resource: the server responded with a status of 404/);
  const { page } = await site.open('/no-such-entry/at-all/', { status: 404 });
  expect(await page.title()).toMatch(/^Page not found/);
  expect((await page.locator('main h1').textContent())!.trim()).toBe('Page not found');
  const form = page.locator('main form[role="search"]');
  expect(await form.count()).toBe(1);
  expect(new URL((await form.getAttribute('action'))!, page.url()).pathname).toBe('/search/');
  const input = form.locator('input[name="q"]');
  expect(await input.count()).toBe(1);
  const label = await input.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '');
  expect(label.length, 'the search field has a label').toBeGreaterThan(0);
  // The page links home, and its assets load from the site root even at a nested address.
  expect(await page.locator('main a[href="/"]').count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/system-ui|sans-serif/);

  await input.fill('confidentiality');
  await Promise.all([page.waitForURL(/\/search\/\?q=confidentiality$/), input.press('Enter')]);
  expect(await searchResultCount(page)).toBeGreaterThan(0);
});

test('a missing file (not a page) also answers 404', async ({ site }) => {
  const r = await fetch(site.url('/no-such-file.js'));
  expect(r.status).toBe(404);
  expect(await r.text()).toContain('Page not found');
});
