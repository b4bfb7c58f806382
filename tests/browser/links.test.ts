// (3) "Referenced by" backlinks and cross-links (a.gw-xref) lead to pages that exist: clicked
// in the browser on sample pages, and fetched for every page of the site.
import type { Page } from 'playwright-core';
import { ENTRIES, expect, sitemapPaths, test } from './harness.ts';

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

test('a cross-link (a.gw-xref) opens the entry it names', async ({ site }) => {
  // Find an entry page with a cross-link, starting with the sample entries.
  let found = false;
  for (const path of Object.values(ENTRIES)) {
    const { page } = await site.open(path);
    if ((await page.locator('main a.gw-xref').count()) === 0) continue;
    const { text } = await clickAndCheck(page, 'main a.gw-xref');
    expect(text.length).toBeGreaterThan(0);
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
    const xs = anchors(html).filter((a) => /\bgw-xref\b/.test(a.cls) && !/\bgw-xref--broken\b/.test(a.cls));
    const bs = anchors(section(html, 'backlinks-heading'));
    xrefs += xs.length;
    backlinks += bs.length;
    for (const a of [...xs, ...bs]) {
      const problem = await checkLink(path, a.href, site.baseURL);
      if (problem) broken.push(problem);
    }
    if (/\bgw-xref--broken\b/.test(html)) broken.push(`${path}: has a broken cross-link (span.gw-xref--broken)`);
  }
  expect(xrefs, 'cross-links in the site').toBeGreaterThan(0);
  expect(backlinks, 'backlinks in the site').toBeGreaterThan(0);
  expect(broken).toEqual([]);
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
