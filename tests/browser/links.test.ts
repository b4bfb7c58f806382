// (3) "Referenced by" backlinks and cross-links (links in an entry's text to another entry) lead
// to pages that exist: clicked in the browser on sample pages, and fetched for every page of the
// site. Every id on a page is unique, so that a fragment link or an ARIA reference names one
// element.
import type { Page } from 'playwright-core';
import { duplicateIds, ENTRIES, expect, sitemapPaths, test } from './harness.ts';

/** Attributes of every <a> in a chunk of HTML. */
function anchors(html: string): { href: string; cls: string; text: string }[] {
  return [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)].map((m) => ({
    href: /\bhref="([^"]*)"/.exec(m[1]!)?.[1]?.replace(/&amp;/g, '&') ?? '',
    cls: /\bclass="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
    text: m[2]!.replace(/<[^>]+>/g, '').trim(),
  }));
}

function section(html: string, labelledby: string): string {
  const m = new RegExp(`<section\\b[^>]*aria-labelledby="${labelledby}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
  return m?.[1] ?? '';
}

const pageCache = new Map<string, Promise<{ status: number; html: string }>>();
function get(url: string) {
  if (!pageCache.has(url)) pageCache.set(url, fetch(url).then(async (r) => ({ status: r.status, html: await r.text() })));
  return pageCache.get(url)!;
}

/** Check a link: the page answers 200 and, if it has a fragment, that id is in the page. */
async function checkLink(from: string, href: string, baseURL: string): Promise<string | undefined> {
  const url = new URL(href, new URL(from, baseURL));
  if (url.origin !== new URL(baseURL).origin) return undefined;
  const { status, html } = await get(url.href.split('#')[0]!);
  if (status !== 200) return `${from}: ${href} answers ${status}`;
  const id = decodeURIComponent(url.hash.slice(1));
  if (id && !html.includes(`id="${id}"`)) return `${from}: ${href} has no element with id="${id}"`;
  return undefined;
}

async function clickAndCheck(page: Page, selector: string) {
  const link = page.locator(selector).first();
  const text = (await link.textContent())!.trim();
  const href = (await link.getAttribute('href'))!;
  const [response] = await Promise.all([page.waitForNavigation(), link.click()]);
  expect(response?.status(), `${selector} "${text}" -> ${href}`).toBe(200);
  const url = new URL(page.url());
  expect(url.pathname).toBe(new URL(href, url).pathname);
  const id = decodeURIComponent(new URL(href, url).hash.slice(1));
  if (id) expect(await page.locator(`[id="${id}"]`).count(), `#${id} exists`).toBe(1);
  return { text, href };
}

test('a "Referenced by" backlink opens the citing entry, which links back', async ({ site }) => {
  const { page } = await site.open(ENTRIES.glossary);
  const backlinks = page.locator('section[aria-labelledby="backlinks-heading"]');
  expect(await backlinks.locator('h2').textContent()).toBe('Referenced by');
  expect(await backlinks.locator('a').count()).toBeGreaterThan(0);
  await clickAndCheck(page, 'section[aria-labelledby="backlinks-heading"] a');
  // The citing entry links to the page we came from.
  const back = await page.locator('main a').evaluateAll((as, p) => as.some((a) => new URL((a as HTMLAnchorElement).href).pathname === p), ENTRIES.glossary);
  expect(back, `the citing page links to ${ENTRIES.glossary}`).toBe(true);
});

/** A cross-link: a link in an entry's text to another page of the site (not a glossary term's, not a ¶). */
const CROSS_LINK = 'main .entry__body a[href^="/"]:not(.gw-term-link):not(.gw-permalink)';
const isCrossLink = (a: { href: string; cls: string }) => a.href.startsWith('/') && !/\bgw-(term-link|permalink)\b/.test(a.cls);

test('a cross-link in an entry\'s text opens the entry it names', async ({ site }) => {
  // Find an entry page with a cross-link, starting with the sample entries.
  let found = false;
  for (const path of Object.values(ENTRIES)) {
    const { page } = await site.open(path);
    if ((await page.locator(CROSS_LINK).count()) === 0) continue;
    const { text } = await clickAndCheck(page, CROSS_LINK);
    expect(text.length).toBeGreaterThan(0);
    expect(await page.locator('main h1').count(), 'it opens an entry').toBe(1);
    found = true;
    break;
  }
  expect(found, 'one of the sample entries has a cross-link').toBe(true);
});

test('every backlink and cross-link on every page leads to an existing page and anchor', async ({ site }) => {
  const paths = await sitemapPaths(site.baseURL);
  expect(paths.length).toBeGreaterThan(50);
  const broken: string[] = [];
  let xrefs = 0;
  let backlinks = 0;
  for (const path of paths) {
    const { status, html } = await get(site.url(path));
    if (status !== 200) {
      broken.push(`${path} (in the sitemap) answers ${status}`);
      continue;
    }
    const body = /<div class="entry__body">([\s\S]*?)<\/div>(?=<section|<aside class="agency-policy"|<\/article>)/.exec(html)?.[1] ?? '';
    const xs = anchors(body).filter(isCrossLink);
    const bs = anchors(section(html, 'backlinks-heading'));
    xrefs += xs.length;
    backlinks += bs.length;
    for (const a of [...xs, ...bs]) {
      const problem = await checkLink(path, a.href, site.baseURL);
      if (problem) broken.push(problem);
    }
    // A link to an entry that is not published is printed as text; the default site has none.
    if (/\bgw-xref--unpublished\b/.test(html)) broken.push(`${path}: links to an unpublished entry (span.gw-xref--unpublished)`);
  }
  expect(xrefs, 'cross-links in the site').toBeGreaterThan(100);
  expect(backlinks, 'backlinks in the site').toBeGreaterThan(100);
  expect(broken).toEqual([]);
});

test('every id on every page is unique', async ({ site }) => {
  const paths = [...(await sitemapPaths(site.baseURL)), '/404.html'];
  const duplicated: string[] = [];
  for (const path of paths) {
    const { html } = await get(site.url(path));
    const dups = duplicateIds(html);
    if (dups.length > 0) duplicated.push(`${path}: ${dups.slice(0, 6).join(', ')}${dups.length > 6 ? ` and ${dups.length - 6} more` : ''}`);
  }
  expect(duplicated).toEqual([]);
});

test('headings are plain titles: no glossary-term link or preview inside a heading', async ({ site }) => {
  const paths = await sitemapPaths(site.baseURL);
  const found: string[] = [];
  for (const path of paths) {
    const { html } = await get(site.url(path));
    for (const m of html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)) {
      if (/gw-term/.test(m[2]!)) found.push(`${path}: <h${m[1]}> "${m[2]!.replace(/<span class="gw-term-preview"[\s\S]*?<\/span>/g, '').replace(/<[^>]+>/g, '').trim()}"`);
    }
  }
  expect(found).toEqual([]);
});

test('"See …" lines are navigation: links only, with no token citation and no permalink', async ({ site }) => {
  const paths = await sitemapPaths(site.baseURL);
  const found: string[] = [];
  let lines = 0;
  for (const path of paths) {
    const { html } = await get(site.url(path));
    for (const m of html.matchAll(/<(p|li)\b[^>]*>(See <a\b[\s\S]*?)<\/\1>/g)) {
      lines++;
      if (/gw-cite|gw-permalink/.test(m[2]!)) found.push(`${path}: "${m[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').slice(0, 120)}"`);
    }
  }
  expect(lines, '"See" lines in the site').toBeGreaterThan(20);
  expect(found).toEqual([]);
});

test('every internal link on every page leads to an existing page and anchor', async ({ site }) => {
  const paths = await sitemapPaths(site.baseURL);
  const broken = new Set<string>();
  for (const path of paths) {
    const { html } = await get(site.url(path));
    for (const a of anchors(html)) {
      if (!a.href || /^(mailto:|tel:|javascript:)/.test(a.href)) continue;
      if (a.href.startsWith('#')) {
        const id = decodeURIComponent(a.href.slice(1));
        if (id && !html.includes(`id="${id}"`)) broken.add(`${path}: ${a.href} has no element with id="${id}"`);
        continue;
      }
      const problem = await checkLink(path, a.href, site.baseURL);
      if (problem) broken.add(problem);
    }
  }
  expect([...broken]).toEqual([]);
});
