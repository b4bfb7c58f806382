// (1) Search: results for a query, the kind and evidence filters narrow them (the evidence filter
// offers "Unclassified" exactly when a cited source has no type), a result opens its entry; the
// header search box submits to /search/ and "/" focuses it; the index holds each page's own text,
// not its reference list or the glossary definitions it previews.
import type { Page } from 'playwright-core';
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

/** Open a Pagefind UI filter block by name and return its values with their counts. */
async function filterValues(page: Page, name: string) {
  const block = page.locator('details.pagefind-ui__filter-block', { has: page.locator('summary', { hasText: new RegExp(`^\\s*${name}\\s*$`, 'i') }) });
  await block.waitFor({ state: 'visible' });
  if (!(await block.evaluate((d) => (d as HTMLDetailsElement).open))) await block.locator('summary').click();
  const labels = block.locator('label.pagefind-ui__filter-label');
  const texts = await labels.allTextContents();
  return {
    labels,
    values: texts.map((t) => {
      const m = /^(.*?)\s*\((\d+)\)$/.exec(t.trim());
      return { text: t.trim(), value: m?.[1] ?? t.trim(), count: Number(m?.[2] ?? NaN) };
    }),
  };
}

test('the evidence filter offers the types of the cited sources ("Unclassified" only if a source has none) and narrows the results', async ({ site }) => {
  // The type of every cited source, as /references/ labels it.
  const refs = await (await fetch(site.url('/references/'))).text();
  const types = new Set([...refs.matchAll(/<span class="evidence-tag [^"]*">([^<]+)<\/span>/g)].map((m) => m[1]!));
  expect(types.size).toBeGreaterThan(2);
  const { page } = await site.open('/search/?q=group');
  const total = await searchResultCount(page);
  expect(total).toBeGreaterThan(10);
  const { labels, values } = await filterValues(page, 'evidence');
  expect(values.length).toBeGreaterThan(2);
  for (const v of values) expect(types, `filter value "${v.value}" is a type of a cited source`).toContain(v.value);
  expect(values.some((v) => v.value === 'Unclassified'), '"Unclassified" is offered exactly when some source has no type').toBe(types.has('Unclassified'));

  // Pick the rarest type with results: the results narrow to entries resting on it.
  const chosen = values.filter((v) => v.count > 0).sort((a, b) => a.count - b.count)[0]!;
  const before = await page.locator('.pagefind-ui__message').first().textContent();
  await labels.filter({ hasText: chosen.text }).first().click();
  await page.waitForFunction((prev) => (document.querySelector('.pagefind-ui__message')?.textContent ?? '') !== prev, before, { timeout: 10_000 }).catch(() => {});
  const filtered = await searchResultCount(page);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(total);
  const pages = [...new Set((await allResultLinks(page)).map((l) => l.split('#')[0]!))];
  const wrong: string[] = [];
  for (const url of pages) {
    const html = await (await fetch(url)).text();
    if (!html.includes(`data-pagefind-filter="evidence:${chosen.value}"`)) wrong.push(`${url}: no evidence:${chosen.value} filter`);
    // The entry's evidence profile names the type too.
    const profile = /<section class="evidence-profile"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    if (!profile.includes(`${chosen.value}:`)) wrong.push(`${url}: its evidence profile does not list ${chosen.value}`);
  }
  expect(wrong).toEqual([]);
});

test('the phase and code filters are there with their values', async ({ site }) => {
  const { page } = await site.open('/search/?q=confidentiality');
  await searchResultCount(page);
  const phase = (await filterValues(page, 'phase')).values.map((v) => v.value);
  expect(phase).toEqual(expect.arrayContaining(['beginning', 'middle', 'ending']));
  const code = (await filterValues(page, 'code')).values.map((v) => v.value);
  expect(code).toEqual(expect.arrayContaining(['NASW', 'CASW', 'NOHS']));
});

test('the search index holds each page\'s own text: no reference list, reference or glossary definition repeated in it', async ({ site }) => {
  const { page } = await site.open('/search/');
  // Pagefind's own API, in the page (a string, so that the test runner leaves import() alone).
  const queries: [string, string][] = [['strategies', ENTRIES.topic], ['contract', ENTRIES.standard], ['support', ENTRIES.model]];
  const index = (await page.evaluate(`(async (queries) => {
    const pagefind = await import('/pagefind/pagefind.js');
    const contents = {};
    for (const [q, url] of queries) {
      for (const r of (await pagefind.search(q)).results) {
        const d = await r.data();
        if (d.url === url) contents[url] = d.content;
      }
    }
    const cengageUrls = [];
    for (const r of (await pagefind.search('Cengage')).results) cengageUrls.push((await r.data()).url);
    return { contents, cengageUrls };
  })(${JSON.stringify(queries)})`)) as { contents: Record<string, string>; cengageUrls: string[] };
  for (const url of [ENTRIES.topic, ENTRIES.standard, ENTRIES.model]) {
    const content = index.contents[url];
    expect(content, `${url} is in the index`).toBeDefined();
    // Its own words and in-text citations are there …
    expect(content).toMatch(/\([^()]*\d{4}[^()]*\)/);
    // … but not its reference list, "Cite this entry" or the definitions its glossary terms preview.
    expect(content, `${url}: reference list indexed`).not.toMatch(/Cengage Learning|Pearson\.|\(2018\)\. Groups: Process and practice/);
    expect(content, `${url}: "Cite this entry" indexed`).not.toContain('Retrieved');
    expect(content, `${url}: a glossary preview indexed`).not.toMatch(/Confidentiality: The professional’s obligation|Mutual aid: /);
    expect(content).not.toContain('¶');
  }
  // A publisher's name is only found where an entry's own text names it (a reading list's items).
  expect(index.cengageUrls).toEqual([ENTRIES.reading]);
});
