// (5) A phone-sized viewport (390x844): no horizontal scroll, and the navigation and search work.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { accessibleNode, BIBLIOGRAPHY_PAGE, ENTRIES, EVIDENCE_KIND_PAGE, expect, HANDBOOK, LIST_PAGES, norm, searchResultCount, test } from './harness.ts';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Elements sticking out to the right of the viewport, outside any horizontally scrolling box. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        parts.unshift(e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + [...e.classList].map((c) => `.${c}`).join(''));
      }
      return parts.join(' > ');
    };
    const scrolls = (el: Element) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (/(auto|scroll|hidden)/.test(s.overflowX)) return true;
      }
      return false;
    };
    const wide: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > width + 1 && !scrolls(el)) wide.push(`${describe(el)} (right edge ${Math.round(r.right)}px)`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 15) };
  });
}

const PAGES = ['/', ...Object.values(ENTRIES), '/ethics/casw-2005-code/', '/comparisons/confidentiality-in-three-codes/', ...LIST_PAGES, '/references/', '/evidence/', EVIDENCE_KIND_PAGE, BIBLIOGRAPHY_PAGE, '/amendments/', HANDBOOK];

for (const path of PAGES) {
  test(`phone: no horizontal scroll on ${path}`, async ({ site }) => {
    const { page } = await site.open(path, PHONE);
    const o = await overflow(page);
    expect(o.scrollWidth, `page is ${o.scrollWidth}px wide in a ${o.width}px viewport; too wide:\n  ${o.wide.join('\n  ')}`).toBeLessThanOrEqual(o.width);
  });
}

test('phone: no horizontal scroll on /search/ with results', async ({ site }) => {
  const { page } = await site.open('/search/?q=confidentiality', PHONE);
  await searchResultCount(page);
  const o = await overflow(page);
  expect(o.scrollWidth, `too wide:\n  ${o.wide.join('\n  ')}`).toBeLessThanOrEqual(o.width);
});

test('phone: every section link of the nav is on screen, big enough to tap, and works', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic, PHONE);
  const links = page.locator('nav.site-nav a');
  const n = await links.count();
  expect(n).toBeGreaterThanOrEqual(7);
  const problems: string[] = [];
  const boxes: { text: string; x: number; y: number; width: number; height: number }[] = [];
  for (let i = 0; i < n; i++) {
    const a = links.nth(i);
    const box = await a.boundingBox();
    const text = (await a.textContent())!.trim();
    if (!box || !(await a.isVisible())) problems.push(`${text}: not visible`);
    else {
      boxes.push({ text, ...box });
      if (box.x < 0 || box.x + box.width > 391) problems.push(`${text}: off screen (x ${box.x}..${box.x + box.width})`);
    }
  }
  // No two links overlap.
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) problems.push(`${a.text} overlaps ${b.text}`);
    }
  }
  expect(problems, 'nav links at 390px').toEqual([]);
  // WCAG 2.2 target size (2.5.8, AA): 24 by 24 CSS px or enough space around; axe's rule decides.
  const targetSize = await new AxeBuilder({ page }).include('header.site-header').withRules(['target-size']).analyze();
  expect(targetSize.violations.flatMap((v) => v.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary}`))).toEqual([]);
  const glossary = links.filter({ hasText: /^Glossary$/ });
  await Promise.all([page.waitForURL(/\/glossary\/$/), glossary.tap()]);
  expect((await page.locator('main h1').textContent())!.trim()).toBe('Glossary');
});

test('phone: the header search box is on screen and submits', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic, PHONE);
  const box = page.locator('#site-search-q');
  const button = page.locator('form.site-search button[type="submit"]');
  for (const el of [box, button]) {
    expect(await el.isVisible()).toBe(true);
    const b = (await el.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(391);
  }
  await box.tap();
  await box.fill('ground rules');
  await Promise.all([page.waitForURL(/\/search\/\?q=ground\+rules$/), button.tap()]);
  expect(await searchResultCount(page)).toBeGreaterThan(0);
  const first = page.locator('li.pagefind-ui__result a.pagefind-ui__result-link').first();
  await Promise.all([page.waitForNavigation(), first.tap()]);
  expect(await page.locator('main h1').count()).toBe(1);
});

test('phone: tapping a citation opens its reference on screen with focus in it, and a tap outside closes it', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic, PHONE);
  const problems: string[] = [];
  const links = page.locator('main .gw-cite a');
  const n = Math.min(await links.count(), 12);
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const link = links.nth(i);
    const text = norm(await link.textContent());
    const href = (await link.getAttribute('href')) ?? '';
    if (!href.startsWith('#ref-')) {
      problems.push(`${text}: href="${href}" is not a link to the page's reference list`);
      continue;
    }
    const id = href.slice(1);
    await link.tap();
    const item = page.locator(`[id="${id}"]`);
    if (!(await item.evaluate((el) => el.matches(':popover-open')))) {
      problems.push(`${text}: tapping did not open #${id}`);
      continue;
    }
    if ((await page.evaluate(() => document.activeElement?.id)) !== id) problems.push(`${text}: focus is not in #${id} once it is open`);
    if ((await page.evaluate(() => location.hash)) !== '') problems.push(`${text}: the tap followed the link (${await page.evaluate(() => location.hash)})`);
    const b = (await item.boundingBox())!;
    if (b.x < 0 || b.x + b.width > 391 || b.y < 0 || b.y + b.height > 845) problems.push(`${text}: #${id} spans x ${Math.round(b.x)}..${Math.round(b.x + b.width)}, y ${Math.round(b.y)}..${Math.round(b.y + b.height)} in a 390x844 viewport`);
    // A tap outside the reference closes it (light dismiss).
    await page.touchscreen.tap(4, 4);
    if ((await page.locator(':popover-open').count()) !== 0) problems.push(`${text}: #${id} stayed open after a tap outside`);
  }
  expect(problems).toEqual([]);
});

test('phone: a table written in an entry scrolls by itself, keeps its table semantics, and passes axe', async ({ site }) => {
  const { page } = await site.open('/comparisons/confidentiality-in-three-codes/', PHONE);
  const table = page.locator('main .entry__body > table').first();
  const box = await table.evaluate((t) => ({ client: t.clientWidth, scroll: t.scrollWidth, overflow: getComputedStyle(t).overflowX }));
  expect(box.scroll, 'the table is wider than the screen').toBeGreaterThan(box.client);
  expect(box.overflow).toBe('auto');
  expect((await accessibleNode(page, 'main .entry__body > table')).role).toBe('table');
  expect((await accessibleNode(page, 'main .entry__body > table th')).role).toBe('columnheader');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
