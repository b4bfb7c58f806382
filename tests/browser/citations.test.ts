// (2) In-text citations. Each source cited in the text is a button that opens, as a popover and
// with no JavaScript, the page's own reference list item for that source: one copy of each
// reference per page, however often it is cited. The tests check that every button opens the
// right APA reference (the same text as the site-wide reference list), that it works with the
// mouse, the keyboard and without JavaScript, what a screen reader is told, and the APA 7 §8.21
// group-author abbreviations (full name with the abbreviation first, the abbreviation after).
import type { Page } from 'playwright-core';
import { accessibleNode, bracketsCutOff, ENTRIES, expect, norm, siteReferences, test } from './harness.ts';

interface Cite {
  text: string;
  target: string;
  type: string | null;
  inForm: boolean;
}

async function citations(page: Page): Promise<Cite[]> {
  return page.locator('main .gw-cite button').evaluateAll((bs) =>
    bs.map((b) => ({ text: (b.textContent ?? '').replace(/\s+/g, ' ').trim(), target: b.getAttribute('popovertarget') ?? '', type: b.getAttribute('type'), inForm: !!b.closest('form') })),
  );
}

/** Group authors the page introduces with an abbreviation: "Name [ABBR]" (parenthetical) or "Name (ABBR, …" (narrative). */
function abbreviations(texts: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const t of texts) {
    const m = /^(.+?) (?:\[([A-Z][A-Za-z&]+)\]|\(([A-Z][A-Za-z&]+), )/.exec(t);
    if (m) map.set(m[2] ?? m[3]!, m[1]!);
  }
  return map;
}

/** The author part of a citation's text ("Corey et al., 2018" → "Corey"), or undefined ("2006, Section X"). */
function citedAuthor(text: string, abbr: Map<string, string>): string | undefined {
  const lead = text.replace(/\s*[[(].*$/, '').split(',')[0]!.trim();
  if (/^(\d{4}[a-z]?|n\.d\.)$/.test(lead)) return undefined;
  const name = lead.replace(/ et al\.$/, '').split(/ & | and /)[0]!.trim();
  return abbr.get(name) ?? name;
}

const yearOf = (text: string) => /\b(\d{4}[a-z]?|n\.d\.)/.exec(text)?.[1];

let refs: Map<string, string>;

for (const [kind, path] of Object.entries(ENTRIES)) {
  test(`${kind} entry ${path}: every citation opens its source's APA reference, once on the page`, async ({ site }) => {
    refs ??= await siteReferences(site.baseURL);
    expect(refs.size, 'sources on /references/').toBeGreaterThan(10);
    const { page } = await site.open(path);
    const cites = await citations(page);
    if (kind !== 'reading') expect(cites.length, 'in-text citations on the page').toBeGreaterThan(0);
    // Stray citation markup of the old design must be gone.
    expect(await page.locator('main a.gw-cite-link, main .gw-cite-preview').count()).toBe(0);
    const abbr = abbreviations(cites.map((c) => c.text));
    const problems: string[] = [];
    for (const c of cites) {
      const where = `"${c.text}" (popovertarget="${c.target}")`;
      if (c.inForm && c.type !== 'button') problems.push(`${where}: a submit button inside a form`);
      if (!c.text) problems.push(`${where}: no text`);
      const target = page.locator(`[id="${c.target}"]`);
      if ((await target.count()) !== 1) {
        problems.push(`${where}: ${await target.count()} elements with that id`);
        continue;
      }
      const info = await target.evaluate((el) => ({
        tag: el.tagName.toLowerCase(),
        popover: el.getAttribute('popover'),
        inList: !!el.closest('section.references ol.reference-list'),
        text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      }));
      if (info.popover === null || !['', 'auto'].includes(info.popover)) problems.push(`${where}: the target is not an auto popover (popover="${info.popover}")`);
      if (info.tag !== 'li' || !info.inList) problems.push(`${where}: the target is not an item of the page's reference list`);
      const key = c.target.replace(/^ref-/, '');
      const apa = refs.get(key);
      if (!apa) {
        problems.push(`${where}: no source "${key}" on /references/`);
        continue;
      }
      if (info.text !== apa) problems.push(`${where}: opens "${info.text}", but the reference of ${key} is "${apa}"`);
      const year = yearOf(c.text);
      if (!year || !apa.includes(`(${year}`)) problems.push(`${where}: year ${year} is not the year of "${apa}"`);
      const author = citedAuthor(c.text, abbr);
      if (author && !apa.startsWith(author)) problems.push(`${where}: author "${author}" does not begin "${apa}"`);
    }
    // One copy of each reference on the page, however often it is cited.
    for (const key of new Set(cites.map((c) => c.target.replace(/^ref-/, '')))) {
      const apa = refs.get(key);
      if (!apa) continue;
      const copies = await page.locator('main section.references li, main [popover]').evaluateAll((els, a) => els.filter((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim() === a).length, apa);
      if (copies !== 1) problems.push(`${key}: its reference is on the page ${copies} times`);
    }
    expect(problems).toEqual([]);
  });
}

/** Ids of the popovers open on the page. */
const openPopovers = (page: Page) => page.evaluate(() => [...document.querySelectorAll(':popover-open')].map((e) => e.id));

async function expectOnScreen(page: Page, id: string) {
  const box = (await page.locator(`[id="${id}"]`).boundingBox())!;
  const { width, height } = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: innerHeight }));
  expect(box, `#${id} is rendered`).not.toBeNull();
  expect(box.x, `#${id} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `#${id} ends inside the viewport`).toBeLessThanOrEqual(width + 1);
  expect(box.y, `#${id} top inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `#${id} bottom inside the viewport`).toBeLessThanOrEqual(height + 1);
}

test('clicking a citation opens its reference over the page; Escape closes it and focus stays on the citation', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic, { viewport: { width: 1280, height: 900 } });
  const button = page.locator('main .gw-cite button').first();
  const id = (await button.getAttribute('popovertarget'))!;
  expect(await openPopovers(page), 'nothing open at first').toEqual([]);
  // Closed, the reference is an ordinary item of the reference list.
  const item = page.locator(`[id="${id}"]`);
  expect(await item.isVisible()).toBe(true);
  expect(await item.evaluate((el) => el.closest('section.references') !== null && getComputedStyle(el).position)).toBe('static');
  await button.click();
  expect(await openPopovers(page)).toEqual([id]);
  await expectOnScreen(page, id);
  expect(await item.evaluate((el) => getComputedStyle(el).position), 'open, it is laid over the page').toBe('fixed');
  await site.screenshot(page, 'citation-open', false);
  await page.keyboard.press('Escape');
  expect(await openPopovers(page)).toEqual([]);
  expect(await button.evaluate((b) => b === document.activeElement), 'focus returns to (stays on) the citation').toBe(true);
  expect(await item.isVisible(), 'closed again, the item is back in the list').toBe(true);
});

test('one reference open at a time: opening another citation closes the first; clicking elsewhere closes it', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  const targets = [...new Set((await citations(page)).map((c) => c.target))];
  expect(targets.length, 'the topic cites several sources').toBeGreaterThan(1);
  await page.locator(`main .gw-cite button[popovertarget="${targets[0]}"]`).first().click();
  expect(await openPopovers(page)).toEqual([targets[0]]);
  await page.keyboard.press('Escape');
  await page.locator(`main .gw-cite button[popovertarget="${targets[1]}"]`).first().click();
  expect(await openPopovers(page)).toEqual([targets[1]]);
  await page.locator(`main .gw-cite button[popovertarget="${targets[0]}"]`).first().click();
  expect(await openPopovers(page)).toEqual([targets[0]]);
  await page.mouse.click(5, 5);
  expect(await openPopovers(page), 'a click outside closes it (light dismiss)').toEqual([]);
});

test('keyboard: Tab reaches a citation, Enter and Space open its reference, Tab moves into it, Escape closes it', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  await page.locator('main h1').click();
  let focused = false;
  for (let i = 0; i < 80 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => !!document.activeElement?.matches('main .gw-cite button'));
  }
  expect(focused, 'a citation is reachable with Tab').toBe(true);
  const id = (await page.evaluate(() => document.activeElement!.getAttribute('popovertarget')))!;
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle), 'the focused citation shows a focus ring').not.toBe('none');
  await page.keyboard.press('Enter');
  expect(await openPopovers(page)).toEqual([id]);
  await page.keyboard.press('Escape');
  expect(await openPopovers(page)).toEqual([]);
  await page.keyboard.press(' ');
  expect(await openPopovers(page), 'Space opens it too').toEqual([id]);
  await page.keyboard.press('Escape');

  // A reference with a link (a DOI): Tab from the open citation goes into the reference.
  const withLink = page.locator('main .gw-cite button[popovertarget="ref-lasky2006"]').first();
  await withLink.focus();
  await page.keyboard.press('Enter');
  expect(await openPopovers(page)).toEqual(['ref-lasky2006']);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('[popover]')?.id), 'Tab moves into the open reference').toBe('ref-lasky2006');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('https://doi.org/10.1521/ijgp.2006.56.4.455');
  await page.keyboard.press('Escape');
  expect(await openPopovers(page)).toEqual([]);
});

test('screen readers: a citation is a button named by its text, collapsed until its reference is open', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  const first = await citations(page).then((cs) => cs[0]!);
  const selector = `main .gw-cite button[popovertarget="${first.target}"]`;
  const closed = await accessibleNode(page, selector);
  expect(closed.role).toBe('button');
  expect(closed.name, 'the accessible name is the citation as printed').toBe(first.text);
  expect(closed.properties['expanded']).toBe(false);
  await page.locator(selector).first().click();
  const open = await accessibleNode(page, selector);
  expect(open.properties['expanded'], 'aria-expanded is true while the reference is open').toBe(true);
  await page.keyboard.press('Escape');
  expect((await accessibleNode(page, selector)).properties['expanded']).toBe(false);
  // The reference list is still a list of references for a screen reader.
  const list = await accessibleNode(page, 'main section.references ol.reference-list');
  expect(list.role).toBe('list');
  const heading = await accessibleNode(page, 'main section.references');
  expect(heading.name).toBe('References');
});

test('without JavaScript a citation still opens its reference', async ({ site }) => {
  const { page } = await site.open(ENTRIES.standard, { javaScriptEnabled: false });
  // The page's script did not run: it would have shown the copy button.
  expect(await page.locator('button[data-copy]').isVisible(), 'page scripts are off').toBe(false);
  const button = page.locator('main .gw-cite button').first();
  const id = (await button.getAttribute('popovertarget'))!;
  await button.click();
  expect(await page.locator(`[id="${id}"]:popover-open`).count()).toBe(1);
  await page.keyboard.press('Escape');
  expect(await page.locator(':popover-open').count()).toBe(0);
});

test('every reference a topic page opens stays inside a desktop viewport (1280px)', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic, { viewport: { width: 1280, height: 900 } });
  const targets = [...new Set((await citations(page)).map((c) => c.target))];
  const problems: string[] = [];
  for (const id of targets) {
    const button = page.locator(`main .gw-cite button[popovertarget="${id}"]`).last();
    await button.scrollIntoViewIfNeeded();
    await button.click();
    const b = (await page.locator(`[id="${id}"]`).boundingBox())!;
    if (b.x < 0 || b.x + b.width > 1281 || b.y < 0 || b.y + b.height > 901) problems.push(`${id}: spans x ${Math.round(b.x)}..${Math.round(b.x + b.width)}, y ${Math.round(b.y)}..${Math.round(b.y + b.height)}`);
    await page.keyboard.press('Escape');
  }
  expect(problems).toEqual([]);
});

test('on screen a citation reads as part of its sentence: its opening bracket is on the line where it begins', async ({ site }) => {
  const problems: string[] = [];
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const { page } = await site.open(ENTRIES.topic, { viewport });
    for (const c of await bracketsCutOff(page)) problems.push(`${viewport.width}px: ${c}`);
    // The citation looks like a link in the text, not like a form button.
    const style = await page.locator('main .gw-cite button').first().evaluate((b) => ({ bg: getComputedStyle(b).backgroundColor, border: getComputedStyle(b).borderTopWidth, underline: getComputedStyle(b).textDecorationLine }));
    expect(style).toEqual({ bg: 'rgba(0, 0, 0, 0)', border: '0px', underline: 'underline' });
  }
  expect(problems).toEqual([]);
});

// APA 7 §8.21: a group author with an abbreviation is cited in full, with the abbreviation, the
// first time on a page, and by the abbreviation after.
test('group authors: "Association for the Advancement of Social Work with Groups [AASWG], 2006" first, "AASWG, 2006" after', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  const texts = (await citations(page)).map((c) => c.text);
  const aaswg = texts.filter((t) => /AASWG|Association for the Advancement/.test(t));
  expect(aaswg[0]).toBe('Association for the Advancement of Social Work with Groups [AASWG], 2006, Section III.A.3');
  expect(aaswg.slice(1).length).toBeGreaterThan(0);
  for (const t of aaswg.slice(1)) expect(t).toMatch(/^AASWG, 2006\b/);
  const nasw = texts.filter((t) => /NASW|National Association of Social Workers(?! et al)/.test(t));
  expect(nasw[0]).toBe('National Association of Social Workers [NASW], 2021, Section 1.07(f)');
  for (const t of nasw.slice(1)) expect(t).toMatch(/^NASW, 2021\b/);
});

test('group authors in narrative form: a standard\'s Source reads "… (AASWG, 2006)" and the text after it "AASWG, 2006"', async ({ site }) => {
  const { page } = await site.open(ENTRIES.standard);
  const source = page.locator('.entry-facts div', { has: page.locator('dt', { hasText: /^Source$/ }) }).locator('dd');
  expect(norm(await source.textContent())).toBe('Association for the Advancement of Social Work with Groups (AASWG, 2006)');
  expect(await source.locator('.gw-cite button').getAttribute('popovertarget')).toBe('ref-aaswg2006');
  const body = await page.locator('main .entry__body .gw-cite button').allTextContents();
  const aaswg = body.map(norm).filter((t) => /AASWG|Association for the Advancement/.test(t));
  expect(aaswg.length).toBeGreaterThan(0);
  for (const t of aaswg) expect(t, 'after the Source fact, the abbreviation').toMatch(/^AASWG, 2006\b/);
  // A superseded code names its successor the same way.
  const casw = await site.open('/ethics/casw-2005-code/');
  expect(norm(await casw.page.locator('.banner--superseded .gw-cite').textContent())).toBe('Canadian Association of Social Workers (CASW, 2024)');
});
