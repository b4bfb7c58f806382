// (1) Search: results for a query, the kind filter narrows them, a result opens its entry; the
// header search box submits to /search/ and "/" focuses it.
import { allResultLinks, ENTRIES, expect, searchResultCount, test } from './harness.ts';

test('searching for "confidentiality" on /search/?q= shows results', async ({ site }) => {
  const { page } = await site.open('/search/?q=confidentiality');
  const total = await searchResultCount(page);
  expect(total).toBeGreaterThan(0);
  await page.locator('a.pagefind-ui__result-link').first().waitFor({ state: 'visible' });
  expect(await page.locator('.pagefind-ui__search-input').inputValue()).toBe('confidentiality');
});

test('a kind filter narrows the results to entries of that kind', async ({ site }) => {
  const { page } = await site.open('/search/?q=confidentiality');
  const total = await searchResultCount(page);
  expect(total).toBeGreaterThan(0);

  // The kind filter is open by default (openFilters: ['kind']); pick a value with results.
  const kindBlock = page.locator('details.pagefind-ui__filter-block', { has: page.locator('summary', { hasText: /^\s*kind\s*$/i }) });
  await kindBlock.waitFor({ state: 'visible' });
  if (!(await kindBlock.evaluate((d) => (d as HTMLDetailsElement).open))) await kindBlock.locator('summary').click();
  const labels = kindBlock.locator('label.pagefind-ui__filter-label');
  const options = await labels.evaluateAll((ls) => ls.map((l) => ({ text: l.textContent!.trim(), for: l.getAttribute('for') })));
  expect(options.length, 'kind filter has values').toBeGreaterThan(1);
  const parse = (t: string) => /^(.*?)\s*\((\d+)\)$/.exec(t);
  const withCounts = options.map((o) => ({ ...o, value: parse(o.text)?.[1] ?? o.text, count: Number(parse(o.text)?.[2] ?? NaN) }));
  // Prefer "Standard" (a well-populated kind); else the first value with a count.
  const chosen = withCounts.find((o) => o.value === 'Standard' && o.count > 0) ?? withCounts.find((o) => o.count > 0) ?? withCounts[0]!;
  await labels.filter({ hasText: chosen.text }).first().click();
  await page.waitForFunction((prev) => {
    const m = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
    return m !== prev;
  }, await page.locator('.pagefind-ui__message').first().textContent(), { timeout: 10_000 }).catch(() => {});
  const filtered = await searchResultCount(page);
  expect(filtered, `results with kind=${chosen.value}`).toBeGreaterThan(0);
  expect(filtered).toBeLessThanOrEqual(total);
  if (!Number.isNaN(chosen.count)) expect(filtered).toBe(chosen.count);

  const links = await allResultLinks(page);
  const pages = [...new Set(links.map((l) => l.split('#')[0]!))];
  expect(pages.length).toBe(filtered);
  const wrong: string[] = [];
  for (const url of pages) {
    const html = await (await fetch(url)).text();
    if (!html.includes(`data-pagefind-filter="kind:${chosen.value}"`)) wrong.push(url);
  }
  expect(wrong, `results that are not of kind ${chosen.value}`).toEqual([]);
});

test('clicking a result opens its entry', async ({ site }) => {
  const { page } = await site.open('/search/?q=confidentiality');
  await searchResultCount(page);
  const first = page.locator('li.pagefind-ui__result a.pagefind-ui__result-link').first();
  const title = (await first.textContent())!.trim();
  const href = (await first.getAttribute('href'))!;
  const [response] = await Promise.all([page.waitForNavigation(), first.click()]);
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe(new URL(href, site.baseURL).pathname);
  expect((await page.locator('main h1').first().textContent())!.trim()).toBe(title);
});

test('the header search box submits to /search/ and shows results', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  const box = page.locator('header #site-search-q');
  await box.fill('mutual aid');
  await Promise.all([page.waitForURL(/\/search\/\?q=mutual\+aid$/), box.press('Enter')]);
  expect(await searchResultCount(page)).toBeGreaterThan(0);
  expect(await page.locator('.pagefind-ui__search-input').inputValue()).toBe('mutual aid');
});

test('"/" focuses the header search box, and typing "/" in a field still types it', async ({ site }) => {
  const { page } = await site.open(ENTRIES.standard);
  await page.locator('main h1').click();
  expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('site-search-q');
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-q');
  expect(await page.locator('#site-search-q').inputValue(), '"/" must not be typed into the box').toBe('');
  await page.keyboard.type('a/b');
  expect(await page.locator('#site-search-q').inputValue()).toBe('a/b');
});

/** WCAG contrast ratio of two computed CSS colours (rgb()/rgba(), opaque). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the search fields' text is legible (${colorScheme})`, async ({ site }) => {
    const { page } = await site.open('/search/?q=confidentiality', { colorScheme });
    await searchResultCount(page);
    const problems: string[] = [];
    for (const selector of ['#site-search-q', '.pagefind-ui__search-input']) {
      const field = page.locator(selector);
      await field.fill('confidentiality');
      const { color, background } = await field.evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.color, background: s.backgroundColor };
      });
      const ratio = contrast(color, background);
      if (ratio < 4.5) problems.push(`${selector}: text ${color} on ${background}, contrast ${ratio.toFixed(2)}:1 (under 4.5:1)`);
    }
    expect(problems).toEqual([]);
  });
}
