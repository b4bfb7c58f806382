// (2) In-text citations: each link leads to its entry in the page's References list, and
// hovering or focusing it shows a preview whose text is that APA reference.
import type { Locator, Page } from 'playwright-core';
import { ENTRIES, expect, test } from './harness.ts';

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

async function citeLinks(page: Page) {
  return page.locator('main a.gw-cite-link').evaluateAll((as) =>
    as.map((a) => ({
      href: a.getAttribute('href') ?? '',
      describedby: a.getAttribute('aria-describedby') ?? '',
      preview: a.nextElementSibling?.classList.contains('gw-cite-preview') ? a.nextElementSibling.textContent ?? '' : null,
    })),
  );
}

async function referenceText(page: Page, key: string) {
  const li = page.locator(`section.references ol.reference-list > li[id="ref-${key}"]`);
  return (await li.count()) === 1 ? norm(await li.textContent()) : null;
}

for (const [kind, path] of Object.entries(ENTRIES)) {
  test(`${kind} entry ${path}: every citation links to a reference in the page's References list`, async ({ site }) => {
    const { page } = await site.open(path);
    const links = await citeLinks(page);
    if (kind !== 'reading') expect(links.length, 'in-text citations on the page').toBeGreaterThan(0);
    const problems: string[] = [];
    for (const l of links) {
      if (!l.href.startsWith('#ref-')) {
        problems.push(`${l.href}: not a link to #ref-KEY`);
        continue;
      }
      const key = decodeURIComponent(l.href.slice('#ref-'.length));
      const ref = await referenceText(page, key);
      if (ref === null) {
        problems.push(`${l.href}: no li#ref-${key} in section.references`);
        continue;
      }
      if (l.preview === null) problems.push(`${l.href}: no .gw-cite-preview right after the link`);
      else if (norm(l.preview) !== ref) problems.push(`${l.href}: preview "${norm(l.preview)}" differs from the reference "${ref}"`);
      const tooltip = page.locator(`[id="${l.describedby}"]`);
      if (!l.describedby || (await tooltip.count()) !== 1) problems.push(`${l.href}: aria-describedby="${l.describedby}" names no single element`);
    }
    expect(problems).toEqual([]);
  });
}

async function expectPreviewShown(link: Locator, page: Page) {
  const preview = link.locator('xpath=following-sibling::span[contains(@class, "gw-cite-preview")][1]');
  await preview.waitFor({ state: 'visible', timeout: 5_000 });
  const key = decodeURIComponent((await link.getAttribute('href'))!.slice('#ref-'.length));
  expect(norm(await preview.textContent())).toBe(await referenceText(page, key));
  // The preview must be on screen (not cut off at the right edge).
  const box = (await preview.boundingBox())!;
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  expect(box.x, 'preview starts inside the viewport').toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, 'preview ends inside the viewport').toBeLessThanOrEqual(width + 1);
  return preview;
}

test('hovering a citation shows its APA reference; moving away hides it', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  const link = page.locator('main a.gw-cite-link').first();
  const preview = link.locator('xpath=following-sibling::span[contains(@class, "gw-cite-preview")][1]');
  expect(await preview.isVisible(), 'hidden before hover').toBe(false);
  await link.hover();
  await expectPreviewShown(link, page);
  await page.mouse.move(0, 0);
  await preview.waitFor({ state: 'hidden', timeout: 5_000 });
});

test('focusing a citation with the keyboard shows its APA reference', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  // Tab from the start of the article until the first citation link has focus.
  await page.locator('main h1').click();
  let focused = false;
  for (let i = 0; i < 80 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.classList.contains('gw-cite-link') ?? false);
  }
  expect(focused, 'a citation link is reachable with Tab').toBe(true);
  const link = page.locator('a.gw-cite-link:focus');
  await expectPreviewShown(link, page);
});

test('clicking a citation goes to its reference, which is the target', async ({ site }) => {
  const { page } = await site.open(ENTRIES.standard);
  const link = page.locator('main a.gw-cite-link').first();
  const href = (await link.getAttribute('href'))!;
  await link.click();
  await page.waitForFunction((h) => location.hash === h, href);
  const target = page.locator(`section.references li[id="${decodeURIComponent(href.slice(1))}"]`);
  expect(await target.evaluate((el) => el.matches(':target'))).toBe(true);
  expect(await target.isVisible()).toBe(true);
  const inView = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight;
  });
  expect(inView, 'the reference is scrolled into view').toBe(true);
});

test('every citation preview on a topic page stays inside a desktop viewport (1280px)', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic, { viewport: { width: 1280, height: 900 } });
  const links = page.locator('main a.gw-cite-link');
  const n = await links.count();
  const problems: string[] = [];
  for (let i = 0; i < n; i++) {
    const link = links.nth(i);
    await link.focus();
    const preview = link.locator('xpath=following-sibling::span[contains(@class, "gw-cite-preview")][1]');
    await preview.waitFor({ state: 'visible' });
    const b = (await preview.boundingBox())!;
    if (b.x < 0 || b.x + b.width > 1281) problems.push(`${norm(await link.textContent())}: preview spans x ${Math.round(b.x)}..${Math.round(b.x + b.width)}`);
  }
  expect(problems).toEqual([]);
});
