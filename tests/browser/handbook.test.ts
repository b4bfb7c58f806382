// (10) The printable handbook (/handbook/): every published entry in one document, rendered by
// the same component as its own page (EntryArticle in handbook mode: the title an h3, sections
// h4, ids prefixed entry-<id>--), with contents, one APA reference list whose items the
// citations open, and links between printed entries that stay inside the document.
import type { Page } from 'playwright-core';
import { citationLinks, ENTRIES, expect, HANDBOOK, norm, test } from './harness.ts';

const TOPIC = ENTRIES.topic; // /topics/confidentiality-strategies/
const anchorOf = (path: string) => `entry-${path.replace(/^\/|\/$/g, '').replace(/\//g, '--')}`;

/** The text of each claim paragraph of an entry, by its id on the entry's page, without its citations and ¶ link. */
async function paragraphs(page: Page, scope: string, prefix: string): Promise<Record<string, string>> {
  return page.locator(`${scope} .entry__body [id*="-para-"]`).evaluateAll(
    (els, p) =>
      Object.fromEntries(
        els.map((el) => {
          const copy = el.cloneNode(true) as HTMLElement;
          for (const x of copy.querySelectorAll('.gw-cite, .gw-permalink, .gw-term-preview')) x.remove();
          return [el.id.slice(p.length), (copy.textContent ?? '').replace(/\s+/g, ' ').trim()];
        }),
      ),
    prefix,
  );
}

test('the handbook has a cover, contents that lead to every part and entry, and every published entry once', async ({ site }) => {
  const { page } = await site.open(HANDBOOK);
  expect(norm(await page.locator('main h1').textContent())).toBe('Social Work with Groups — an evidence knowledge base');
  expect(norm(await page.locator('.hb-cover__notice').textContent())).toContain('Uncontrolled when printed.');
  const toc = await page.locator('nav.hb-toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(toc.length).toBeGreaterThan(90);
  const missing = await page.evaluate((hrefs) => hrefs.filter((h) => !h.startsWith('#') || document.querySelectorAll(`[id="${h.slice(1)}"]`).length !== 1), toc);
  expect(missing, 'contents links without exactly one target').toEqual([]);
  // Every entry the kind indexes list is printed once.
  let listed = 0;
  for (const path of ['/standards/', '/ethics/', '/models/', '/comparisons/', '/topics/', '/glossary/', '/readings/']) {
    const index = await site.open(path);
    listed += await index.page.locator('main .entry-list > li').count();
  }
  const articles = await page.locator('main article.hb-entry').evaluateAll((as) => as.map((a) => a.id));
  expect(new Set(articles).size).toBe(articles.length);
  expect(articles.length).toBe(listed);
  expect(articles).toContain(anchorOf(TOPIC));
});

test('an entry in the handbook is its page, with an h3 title, h4 sections and ids prefixed entry-<id>--', async ({ site }) => {
  const own = (await site.open(TOPIC)).page;
  const { page } = await site.open(HANDBOOK);
  const anchor = anchorOf(TOPIC);
  const article = page.locator(`article[id="${anchor}"]`);
  expect(await article.getAttribute('aria-labelledby')).toBe(`${anchor}--title`);
  const title = article.locator(`h3[id="${anchor}--title"]`);
  expect(norm(await title.textContent())).toBe(norm(await own.locator('main h1').textContent()));
  expect(norm(await article.locator('.entry__summary').textContent())).toBe(norm(await own.locator('main .entry__summary').textContent()));
  expect(await article.locator('h1, h2').count(), 'no h1 or h2 inside a printed entry').toBe(0);
  // The sections: the page's h2s are the handbook's h4s, with the same ids prefixed.
  const pageSections = await own.locator('main .entry__body h2').evaluateAll((hs) => hs.map((h) => [h.id, h.textContent!.trim()]));
  const hbSections = await article.locator('.entry__body h4').evaluateAll((hs) => hs.map((h) => [h.id, h.textContent!.trim()]));
  expect(hbSections).toEqual(pageSections.map(([id, text]) => [`${anchor}--${id}`, text]));
  // The same paragraphs, word for word (citations aside: the handbook is one APA document, so a
  // group author is spelled out once in it, not once per entry).
  const pageParas = await paragraphs(own, 'main', '');
  const hbParas = await paragraphs(page, `article[id="${anchor}"]`, `${anchor}--`);
  expect(Object.keys(pageParas).length).toBeGreaterThan(5);
  expect(hbParas).toEqual(pageParas);
  // The exempt blocks come along.
  expect(await article.locator('aside.gw-exempt--scenario[aria-label="Case scenario"]').count()).toBe(1);
  // Every id in the article carries its prefix; permalinks point at the prefixed paragraphs.
  const unprefixed = await article.locator('[id]').evaluateAll((els, a) => els.map((e) => e.id).filter((id) => id !== a && !id.startsWith(`${a}--`) && !id.startsWith('term-')), anchor);
  expect(unprefixed).toEqual([]);
  const permalinks = await article.locator('a.gw-permalink').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.parentElement!.id]));
  expect(permalinks.length).toBeGreaterThan(5);
  for (const [href, id] of permalinks) expect(href).toBe(`#${id}`);
  // Titles read as titles: bigger than the entry's section headings.
  const size = (sel: string) => article.locator(sel).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await size('h3')).toBeGreaterThan(await size('.entry__body h4'));
});

test('links between printed entries stay inside the document', async ({ site }) => {
  const { page } = await site.open(HANDBOOK);
  const links = await page.locator('main article.hb-entry a[href]').evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href')!, text: (a.textContent ?? '').trim(), online: !!a.closest('.hb-entry__online'), inReference: !!a.closest('.reading-item__ref') })),
  );
  expect(links.length).toBeGreaterThan(500);
  const problems: string[] = [];
  const site0 = 'https://groundwork.example.org/';
  for (const l of links) {
    if (l.href.startsWith('#')) {
      const n = await page.locator(`[id="${l.href.slice(1)}"]`).count();
      if (n !== 1) problems.push(`"${l.text}" → ${l.href}: ${n} elements with that id`);
    } else if (l.href.startsWith('/')) {
      problems.push(`"${l.text}" → ${l.href}: a site-relative link, which leaves the printed document`);
    } else if (l.href.startsWith(site0) && !l.online) {
      // An entry that is printed is linked inside the document, not on the web site.
      const path = new URL(l.href).pathname;
      if ((await page.locator(`article[id="${anchorOf(path)}"]`).count()) > 0) problems.push(`"${l.text}" → ${l.href}: that entry is in the handbook`);
    }
  }
  expect(problems).toEqual([]);
  // Known examples: a glossary term and a cross-link of the topic, and a reading list's item that
  // points at one paragraph of a comparison.
  const topic = page.locator(`article[id="${anchorOf(TOPIC)}"]`);
  expect(await topic.locator('a.gw-term-link', { hasText: /^Confidentiality$/ }).first().getAttribute('href')).toBe('#entry-glossary--confidentiality');
  expect(await topic.locator('a', { hasText: /^Confidentiality in group and individual work$/ }).first().getAttribute('href')).toBe('#entry-comparisons--confidentiality-group-vs-individual');
  expect(await page.locator(`article[id="${anchorOf(ENTRIES.reading)}"] .reading-items a`, { hasText: /The core difference/ }).getAttribute('href')).toBe('#entry-comparisons--confidentiality-group-vs-individual--the-core-difference-para-1');
  // Each printed entry names its online address.
  expect(norm(await topic.locator('.hb-entry__online').textContent())).toBe(`Online: ${site0}topics/confidentiality-strategies/`);
});

test('citations in the handbook open the items of its one reference list, and a group author is spelled out once', async ({ site }) => {
  const { page } = await site.open(HANDBOOK);
  expect(await page.locator('main section.references').count(), 'one reference list').toBe(1);
  const cites = await citationLinks(page);
  expect(cites.length).toBeGreaterThan(500);
  expect(await page.locator('main .gw-cite button, main [popovertarget]').count(), 'citation buttons of the old design').toBe(0);
  expect(cites.filter((c) => !/^#ref-./.test(c.href)).map((c) => `"${c.text}" (href="${c.href}")`), 'citation links that are empty or not to a reference of the handbook').toEqual([]);
  const targets = [...new Set(cites.map((c) => c.target))];
  const bad = await page.evaluate((ids) => ids.filter((id) => {
    const el = document.getElementById(id);
    return !el || el.tagName !== 'LI' || !el.closest('#hb-references') || !el.hasAttribute('popover');
  }), targets);
  expect(bad, 'citation targets that are not items of the handbook\'s reference list').toEqual([]);
  const full = cites.filter((c) => c.text.includes('Association for the Advancement of Social Work with Groups'));
  expect(full.map((c) => c.text), 'AASWG in full once, at its first citation').toEqual(['Association for the Advancement of Social Work with Groups (AASWG, 2006)']);
  expect(cites.findIndex((c) => c.target === 'ref-aaswg2006')).toBe(cites.indexOf(full[0]!));
  // Clicking one opens the reference on screen, with focus in it.
  const link = page.locator('main .gw-cite a').first();
  await link.click();
  const open = page.locator(':popover-open');
  expect(await open.getAttribute('id')).toBe(cites[0]!.target);
  expect(await page.evaluate(() => document.activeElement?.id), 'focus is in the open reference').toBe(cites[0]!.target);
  expect(await page.evaluate(() => location.hash), 'the link was not followed').toBe('');
  const box = (await open.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  await page.keyboard.press('Escape');
  expect(await page.locator(':popover-open').count()).toBe(0);
  await expect.poll(() => link.evaluate((a) => a === document.activeElement), { message: 'focus is back on the citation' }).toBe(true);
});

test('printed, the handbook starts each part and entry on a new page and hides the site around it', async ({ site }) => {
  const { page } = await site.open(HANDBOOK, { media: 'print' });
  expect(await page.locator('header.site-header').isVisible()).toBe(false);
  expect(await page.locator('footer.site-footer').isVisible()).toBe(false);
  const breaks = await page.evaluate(() => ({
    cover: getComputedStyle(document.querySelector('.hb-cover')!).breakAfter,
    toc: getComputedStyle(document.querySelector('.hb-toc')!).breakAfter,
    part: getComputedStyle(document.querySelector('.hb-part')!).breakBefore,
    entry: getComputedStyle(document.querySelectorAll('.hb-part--standard .hb-entry')[1]!).breakBefore,
  }));
  expect(breaks).toEqual({ cover: 'page', toc: 'page', part: 'page', entry: 'page' });
  expect(await page.locator(':popover-open').count()).toBe(0);
  await site.screenshot(page, 'print-handbook', false);
});

test('the handbook is not in the search index (its entries are, on their own pages)', async ({ site }) => {
  const { page } = await site.open('/search/');
  const urls = (await page.evaluate(`(async () => {
    const pagefind = await import('/pagefind/pagefind.js');
    const out = [];
    for (const r of (await pagefind.search('strategies for ensuring confidentiality')).results) out.push((await r.data()).url);
    return out;
  })()`)) as string[];
  expect(urls).toContain(TOPIC);
  expect(urls.filter((u) => u.startsWith(HANDBOOK))).toEqual([]);
});
