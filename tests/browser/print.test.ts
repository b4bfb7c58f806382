// (9) Print: an entry printed hides the site's header and navigation and shows the
// "Uncontrolled when printed" footer; the in-text citation previews stay hidden.
import { ENTRIES, expect, test } from './harness.ts';

test('an entry emulated as print hides the nav and shows "Uncontrolled when printed"', async ({ site }) => {
  const { page } = await site.open(ENTRIES.standard, { media: 'print' });
  expect(await page.evaluate(() => matchMedia('print').matches)).toBe(true);
  expect(await page.locator('nav.site-nav').isVisible(), 'nav hidden in print').toBe(false);
  expect(await page.locator('header.site-header').isVisible(), 'site header hidden in print').toBe(false);
  expect(await page.locator('#site-search-q').isVisible(), 'search box hidden in print').toBe(false);
  const notice = page.locator('footer .print-only');
  expect(await notice.isVisible(), '.print-only footer shown in print').toBe(true);
  const text = (await notice.textContent())!.replace(/\s+/g, ' ');
  expect(text).toContain('Uncontrolled when printed');
  expect(text).toContain(`${ENTRIES.standard}`);
  expect(await page.locator('main h1').isVisible()).toBe(true);
  expect(await page.locator('section.references').isVisible()).toBe(true);
  expect(await page.locator('.gw-cite-preview:visible').count()).toBe(0);
  await site.screenshot(page, 'print-standard-entry');
});

test('on screen the "Uncontrolled when printed" notice is hidden and the nav shown', async ({ site }) => {
  const { page } = await site.open(ENTRIES.standard);
  expect(await page.locator('nav.site-nav').isVisible()).toBe(true);
  expect(await page.locator('footer .print-only').isVisible()).toBe(false);
});

test('the same browser prints an entry to PDF (the approach the handbook PDF uses)', async ({ site }) => {
  const { page } = await site.open(ENTRIES.standard);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(5_000);
});
