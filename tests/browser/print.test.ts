// (9) Print: an entry printed hides the site's header and navigation and shows the
// "Uncontrolled when printed" footer; citations print as plain text that wraps with the words
// around it, the reference list prints in full, and a reference left open does not cover the page.
import { bracketsCutOff, ENTRIES, expect, longestCitation, norm, test } from './harness.ts';

test('an entry emulated as print hides the nav and shows "Uncontrolled when printed"', async ({ site }) => {
  const { page } = await site.open(ENTRIES.standard, { media: 'print' });
  expect(await page.evaluate(() => matchMedia('print').matches)).toBe(true);
  expect(await page.locator('nav.site-nav').isVisible(), 'nav hidden in print').toBe(false);
  expect(await page.locator('header.site-header').isVisible(), 'site header hidden in print').toBe(false);
  expect(await page.locator('#site-search-q').isVisible(), 'search box hidden in print').toBe(false);
  const notice = page.locator('footer .print-only');
  expect(await notice.isVisible(), '.print-only footer shown in print').toBe(true);
  const text = norm(await notice.textContent());
  expect(text).toContain('Uncontrolled when printed');
  expect(text).toContain(`${ENTRIES.standard}`);
  expect(await page.locator('main h1').isVisible()).toBe(true);
  expect(await page.locator('.gw-permalink:visible').count(), 'no ¶ links on paper').toBe(0);
  // The whole reference list prints, as a list, and no reference is open over the page.
  const items = page.locator('section.references ol.reference-list > li');
  expect(await items.count()).toBeGreaterThan(0);
  expect(await items.evaluateAll((lis) => lis.filter((li) => getComputedStyle(li).display !== 'list-item' || li.getBoundingClientRect().height === 0).length)).toBe(0);
  expect(await page.locator(':popover-open').count()).toBe(0);
  await site.screenshot(page, 'print-standard-entry');
});

test('printed, a citation is plain text that wraps like the words around it', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic, { media: 'print', viewport: { width: 794, height: 1123 } });
  const styles = await page.locator('main .gw-cite a').evaluateAll((as) =>
    as.map((a) => ({
      text: (a.textContent ?? '').replace(/\s+/g, ' ').trim(),
      color: getComputedStyle(a).color,
      around: getComputedStyle(a.closest('p, li, dd, td') ?? a.parentElement!).color,
      decoration: getComputedStyle(a).textDecorationLine,
      display: getComputedStyle(a).display,
    })),
  );
  expect(styles.length).toBeGreaterThan(0);
  // The citation's text is the colour of the words around it (black), with no underline: a link
  // on paper cannot be followed.
  expect(styles.filter((s) => s.color !== s.around), 'citations not in the colour of their text').toEqual([]);
  expect(styles[0]!.color, 'black on paper, not the link colour').toBe('rgb(0, 0, 0)');
  expect(styles.filter((s) => s.decoration !== 'none'), 'underlined citations').toEqual([]);
  expect(styles.filter((s) => s.display !== 'inline'), 'citations that are not inline text').toEqual([]);
  expect(await bracketsCutOff(page), 'the opening bracket stays with the citation').toEqual([]);
  // On a page narrow enough, the longest citation breaks across lines like the words around it.
  await page.setViewportSize({ width: 390, height: 1123 });
  const long = await longestCitation(page);
  expect(long.lines, `"${long.text}" wraps at ${long.width}px`).toBeGreaterThan(1);
  expect(await bracketsCutOff(page), 'the opening bracket stays with the citation (narrow)').toEqual([]);
});

test('a reference left open is closed before printing, so it neither covers the page nor leaves the list', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  await page.locator('main .gw-cite a').first().click();
  expect(await page.locator(':popover-open').count()).toBe(1);
  // Printing (as "groundwork pdf" and the browser's Print do) fires beforeprint.
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(await page.locator(':popover-open').count(), 'closed by printing').toBe(0);
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
