// (2) In-text citations. Each source cited in the text is a link (`<a href="#ref-KEY">`) to the
// page's own reference list item for that source: one copy of each reference per page, however
// often it is cited. The items are popovers: the page's script opens the item in place when the
// link is followed (focus moves into it, Escape closes it and focus goes back to the link); without
// the script the link scrolls to the item in the list. The tests check that every link leads to the
// right APA reference (the same text as the site-wide reference list), that it works with the
// mouse, the keyboard and without JavaScript, what a screen reader is told, that a long citation
// wraps like the words around it, and the APA 7 §8.21 group-author abbreviations (full name with
// the abbreviation first, the abbreviation after).
import type { Page } from 'playwright-core';
import { accessibleNode, bracketsCutOff, citationLinks, ENTRIES, expect, longestCitation, norm, siteReferences, test } from './harness.ts';

const citations = (page: Page) => citationLinks(page);
/** The citation link(s) to one reference list item. */
const linkTo = (page: Page, id: string, scope = 'main') => page.locator(`${scope} .gw-cite a[href="#${id}"]`);

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
  test(`${kind} entry ${path}: every citation links to its source's APA reference, once on the page`, async ({ site }) => {
    refs ??= await siteReferences(site.baseURL);
    expect(refs.size, 'sources on /references/').toBeGreaterThan(10);
    const { page } = await site.open(path);
    const cites = await citations(page);
    if (kind !== 'reading') expect(cites.length, 'in-text citations on the page').toBeGreaterThan(0);
    // Stray citation markup of older designs must be gone: no preview links or previews, and no
    // buttons (a citation is a link now, which wraps like text).
    expect(await page.locator('main a.gw-cite-link, main .gw-cite-preview').count()).toBe(0);
    expect(await page.locator('main .gw-cite button, main [popovertarget]').count(), 'citation buttons of the old design').toBe(0);
    const abbr = abbreviations(cites.map((c) => c.text));
    const problems: string[] = [];
    for (const [i, c] of cites.entries()) {
      const where = `"${c.text}" (href="${c.href}")`;
      if (!c.text) problems.push(`${where}: no text`);
      // A citation link leads somewhere on this page: a fragment, not empty, not another page.
      if (!c.href.startsWith('#ref-') || c.target.length <= 'ref-'.length) {
        problems.push(`${where}: not a link to a reference list item of this page (#ref-KEY)`);
        continue;
      }
      const target = page.locator(`[id="${c.target}"]`);
      if ((await target.count()) !== 1) {
        problems.push(`${where}: dangling, ${await target.count()} elements with that id`);
        continue;
      }
      const info = await target.evaluate((el) => ({
        tag: el.tagName.toLowerCase(),
        popover: el.getAttribute('popover'),
        tabindex: el.getAttribute('tabindex'),
        inList: !!el.closest('section.references ol.reference-list'),
        text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      }));
      if (info.popover === null || !['', 'auto'].includes(info.popover)) problems.push(`${where}: the target is not an auto popover (popover="${info.popover}")`);
      if (info.tabindex !== '-1') problems.push(`${where}: the target cannot take focus from the script (tabindex="${info.tabindex}", expected "-1")`);
      if (info.tag !== 'li' || !info.inList) problems.push(`${where}: the target is not an item of the page's reference list`);
      const key = c.target.replace(/^ref-/, '');
      const apa = refs.get(key);
      if (!apa) {
        problems.push(`${where}: no source "${key}" on /references/`);
        continue;
      }
      if (info.text !== apa) problems.push(`${where}: leads to "${info.text}", but the reference of ${key} is "${apa}"`);
      // The same source cited again in one citation gives only the new place, after the author
      // and date it was given with: (NASW, 2021, Section 1.02, Section 1.03(d)).
      const again = c.before === c.href;
      const year = yearOf(c.text);
      if (again) {
        const author = cites[i - 1]!.text.split(',')[0]!.trim();
        if (year) problems.push(`${where}: cited again in the same citation, it repeats the date ${year}`);
        if (c.text.split(',')[0]!.trim() === author) problems.push(`${where}: cited again in the same citation, it repeats the author ${author}`);
        continue;
      }
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

/** Where focus is: the id of the reference list item it is in (or that is focused), and whether it is on a citation link, and which. */
const focusState = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      inItem: el?.closest('li[popover]')?.id ?? null,
      onCitation: el?.matches('.gw-cite a') ? el.getAttribute('href') : null,
    };
  });

async function expectOnScreen(page: Page, id: string) {
  const box = (await page.locator(`[id="${id}"]`).boundingBox())!;
  const { width, height } = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: innerHeight }));
  expect(box, `#${id} is rendered`).not.toBeNull();
  expect(box.x, `#${id} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `#${id} ends inside the viewport`).toBeLessThanOrEqual(width + 1);
  expect(box.y, `#${id} top inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `#${id} bottom inside the viewport`).toBeLessThanOrEqual(height + 1);
}

test('clicking a citation opens its reference over the page and moves focus into it; Escape closes it and focus is back on the citation', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic, { viewport: { width: 1280, height: 900 } });
  const link = page.locator('main .gw-cite a').first();
  const href = (await link.getAttribute('href'))!;
  const id = href.slice(1);
  expect(await openPopovers(page), 'nothing open at first').toEqual([]);
  // Closed, the reference is an ordinary item of the reference list.
  const item = page.locator(`[id="${id}"]`);
  expect(await item.isVisible()).toBe(true);
  expect(await item.evaluate((el) => el.closest('section.references') !== null && getComputedStyle(el).position)).toBe('static');
  const scrollBefore = await page.evaluate(() => scrollY);
  await link.click();
  expect(await openPopovers(page)).toEqual([id]);
  expect(await focusState(page), 'focus moves into the open reference').toEqual({ inItem: id, onCitation: null });
  // The script opened it in place: the link was not followed (no new fragment, no jump to the list).
  expect(await page.evaluate(() => location.hash), 'the address keeps no #ref- fragment').toBe('');
  expect(await page.evaluate(() => scrollY), 'the page did not scroll to the list').toBe(scrollBefore);
  await expectOnScreen(page, id);
  expect(await item.evaluate((el) => getComputedStyle(el).position), 'open, it is laid over the page').toBe('fixed');
  await site.screenshot(page, 'citation-open', false);
  await page.keyboard.press('Escape');
  expect(await openPopovers(page)).toEqual([]);
  await expect.poll(() => link.evaluate((a) => a === document.activeElement), { message: 'focus is back on the citation' }).toBe(true);
  expect(await item.isVisible(), 'closed again, the item is back in the list').toBe(true);
});

test('one reference open at a time: another source\'s citation replaces the first (focus moves into the new one); clicking elsewhere closes it', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  const targets = [...new Set((await citations(page)).map((c) => c.target))];
  expect(targets.length, 'the topic cites several sources').toBeGreaterThan(1);
  const [a, b] = [targets[0]!, targets[1]!];
  await linkTo(page, a).first().click();
  expect(await openPopovers(page)).toEqual([a]);
  await page.keyboard.press('Escape');
  await linkTo(page, b).first().click();
  expect(await openPopovers(page)).toEqual([b]);
  // With b open, a click on a citation of a: a replaces b, and focus is in a, not left behind.
  await linkTo(page, a).first().click();
  expect(await openPopovers(page)).toEqual([a]);
  await page.waitForTimeout(100);
  expect(await focusState(page), 'focus is in the reference that replaced the first').toEqual({ inItem: a, onCitation: null });
  await page.keyboard.press('Escape');
  expect(await openPopovers(page)).toEqual([]);
  await expect.poll(() => focusState(page), { message: 'Escape returns focus to the citation that opened it' }).toEqual({ inItem: null, onCitation: `#${a}` });
  // The same with the keyboard: Enter on one citation while another's reference is open.
  await linkTo(page, b).first().focus();
  await page.keyboard.press('Enter');
  expect(await openPopovers(page)).toEqual([b]);
  await linkTo(page, a).first().focus();
  await page.keyboard.press('Enter');
  expect(await openPopovers(page)).toEqual([a]);
  await page.waitForTimeout(100);
  expect(await focusState(page), 'Enter on another citation: focus is in its reference').toEqual({ inItem: a, onCitation: null });
  await page.keyboard.press('Escape');
  await linkTo(page, b).first().click();
  expect(await openPopovers(page)).toEqual([b]);
  await page.mouse.click(5, 5);
  expect(await openPopovers(page), 'a click outside closes it (light dismiss)').toEqual([]);
  await expect.poll(() => focusState(page), { message: 'after a light dismiss focus is back on the citation' }).toEqual({ inItem: null, onCitation: `#${b}` });
});

test('focus the reader moves elsewhere while a reference closes stays there: clicking the search box, or focusing another citation before the close is reported', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  const targets = [...new Set((await citations(page)).map((c) => c.target))];
  const [a, b] = [targets[0]!, targets[1]!];
  // A click on the search box while a reference is open: the click closes the reference and the box keeps focus.
  await linkTo(page, a).first().click();
  expect(await openPopovers(page)).toEqual([a]);
  await page.locator('#site-search-q').click();
  expect(await openPopovers(page)).toEqual([]);
  await page.waitForTimeout(150);
  expect(await page.evaluate(() => document.activeElement?.id), 'the search box keeps the focus the click gave it').toBe('site-search-q');
  // The close is reported by a queued event: a focus move made before it arrives is not undone by it.
  await linkTo(page, a).first().click();
  expect(await openPopovers(page)).toEqual([a]);
  await page.evaluate(([ida, idb]) => {
    document.getElementById(ida!)!.hidePopover();
    document.querySelector<HTMLElement>(`main .gw-cite a[href="#${idb}"]`)!.focus();
  }, [a, b]);
  await page.waitForTimeout(150);
  expect(await focusState(page), 'focus stays on the other citation').toEqual({ inItem: null, onCitation: `#${b}` });
  await page.keyboard.press('Enter');
  expect(await openPopovers(page), 'and Enter opens that citation\'s reference').toEqual([b]);
});

test('keyboard: Tab reaches a citation, Enter opens its reference with focus in it, Tab moves to its link, Escape closes it and returns to the citation', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  await page.locator('main h1').click();
  let focused = false;
  for (let i = 0; i < 80 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => !!document.activeElement?.matches('main .gw-cite a'));
  }
  expect(focused, 'a citation is reachable with Tab').toBe(true);
  const href = (await page.evaluate(() => document.activeElement!.getAttribute('href')))!;
  const id = href.slice(1);
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle), 'the focused citation shows a focus ring').not.toBe('none');
  await page.keyboard.press('Enter');
  expect(await openPopovers(page)).toEqual([id]);
  expect(await focusState(page), 'Enter moves focus into the reference').toEqual({ inItem: id, onCitation: null });
  expect(await page.evaluate(() => location.hash), 'Enter did not follow the link').toBe('');
  await page.keyboard.press('Escape');
  expect(await openPopovers(page)).toEqual([]);
  await expect.poll(() => focusState(page), { message: 'Escape returns focus to the citation' }).toEqual({ inItem: null, onCitation: href });

  // A reference with a link (a DOI): Tab from the open reference goes to its link.
  const withLink = linkTo(page, 'ref-lasky2006').first();
  await withLink.focus();
  await page.keyboard.press('Enter');
  expect(await openPopovers(page)).toEqual(['ref-lasky2006']);
  expect(await focusState(page)).toEqual({ inItem: 'ref-lasky2006', onCitation: null });
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('[popover]')?.id), 'Tab moves within the open reference').toBe('ref-lasky2006');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('https://doi.org/10.1521/ijgp.2006.56.4.455');
  await page.keyboard.press('Escape');
  expect(await openPopovers(page)).toEqual([]);
  await expect.poll(() => focusState(page), { message: 'Escape from the DOI link returns focus to the citation' }).toEqual({ inItem: null, onCitation: '#ref-lasky2006' });
});

test('screen readers: a citation is a link named by its text to its reference list item, which takes focus when it opens', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic);
  const first = await citations(page).then((cs) => cs[0]!);
  const selector = `main .gw-cite a[href="${first.href}"]`;
  const link = await accessibleNode(page, selector);
  expect(link.role).toBe('link');
  expect(link.name, 'the accessible name is the citation as printed').toBe(first.text);
  // Not a button any more: no expanded state to announce, and nothing pretends to be one.
  expect(link.properties['expanded']).toBeUndefined();
  expect(await page.locator(selector).first().getAttribute('role')).toBeNull();
  await page.locator(selector).first().click();
  expect(await openPopovers(page)).toEqual([first.target]);
  const item = await accessibleNode(page, `[id="${first.target}"]`);
  expect(item.role, 'the open reference is still an item of the list').toBe('listitem');
  expect(item.properties['focused'], 'and it has focus').toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await accessibleNode(page, selector)).properties['focused'], { message: 'focus is back on the link' }).toBe(true);
  // The reference list is still a list of references for a screen reader.
  const list = await accessibleNode(page, 'main section.references ol.reference-list');
  expect(list.role).toBe('list');
  const heading = await accessibleNode(page, 'main section.references');
  expect(heading.name).toBe('References');
});

test('without JavaScript a citation is an ordinary link: it goes to its reference in the list, and no popover opens', async ({ site }) => {
  const { page } = await site.open(ENTRIES.standard, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  // The page's script did not run: it would have shown the copy button.
  expect(await page.locator('button[data-copy]').isVisible(), 'page scripts are off').toBe(false);
  const link = page.locator('main .entry__body .gw-cite a').first();
  const href = (await link.getAttribute('href'))!;
  const id = href.slice(1);
  const item = page.locator(`[id="${id}"]`);
  expect(await page.evaluate(() => scrollY), 'at the top of the page').toBe(0);
  expect((await item.boundingBox())!.y, 'the reference list is below the fold').toBeGreaterThan(900);
  await link.click();
  await page.waitForURL((u) => u.hash === href);
  expect(await page.locator(':popover-open').count(), 'no popover opens').toBe(0);
  expect(await item.evaluate((el) => el.matches(':target')), 'the reference is the target').toBe(true);
  expect(await item.evaluate((el) => getComputedStyle(el).position), 'an ordinary list item').toBe('static');
  await expectOnScreen(page, id);
  expect(await page.evaluate(() => scrollY), 'the page scrolled to the list').toBeGreaterThan(0);
  // With the keyboard too: back to the top, Enter on a citation of another source.
  const other = (await citations(page)).find((c) => c.target !== id && c.target.startsWith('ref-'));
  expect(other, 'the standard cites a second source').toBeDefined();
  await page.evaluate(() => scrollTo(0, 0));
  await linkTo(page, other!.target).first().focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.hash === other!.href);
  expect(await page.locator(':popover-open').count()).toBe(0);
  expect(await page.locator(`[id="${other!.target}"]`).evaluate((el) => el.matches(':target'))).toBe(true);
  await expectOnScreen(page, other!.target);
});

test('every reference a topic page opens stays inside a desktop viewport (1280px)', async ({ site }) => {
  const { page } = await site.open(ENTRIES.topic, { viewport: { width: 1280, height: 900 } });
  const targets = [...new Set((await citations(page)).map((c) => c.target))];
  const problems: string[] = [];
  for (const id of targets) {
    const link = linkTo(page, id).last();
    await link.scrollIntoViewIfNeeded();
    await link.click();
    if (!(await page.locator(`[id="${id}"]`).evaluate((el) => el.matches(':popover-open')))) {
      problems.push(`${id}: did not open`);
      continue;
    }
    const b = (await page.locator(`[id="${id}"]`).boundingBox())!;
    if (b.x < 0 || b.x + b.width > 1281 || b.y < 0 || b.y + b.height > 901) problems.push(`${id}: spans x ${Math.round(b.x)}..${Math.round(b.x + b.width)}, y ${Math.round(b.y)}..${Math.round(b.y + b.height)}`);
    await page.keyboard.press('Escape');
  }
  expect(problems).toEqual([]);
});

test('on screen a citation reads as part of its sentence: an inline link whose bracket stays on its line, and a long one wraps like text', async ({ site }) => {
  const problems: string[] = [];
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const { page } = await site.open(ENTRIES.topic, { viewport });
    for (const c of await bracketsCutOff(page)) problems.push(`${viewport.width}px: ${c}`);
    // The citation looks like a link in the text: inline, underlined, in the link colour.
    const style = await page.locator('main .gw-cite a').first().evaluate((a) => ({
      display: getComputedStyle(a).display,
      underline: getComputedStyle(a).textDecorationLine,
      linkColour: getComputedStyle(a).color !== getComputedStyle(a.closest('p, li, dd') ?? a.parentElement!).color,
    }));
    expect(style).toEqual({ display: 'inline', underline: 'underline', linkColour: true });
    if (viewport.width === 390) {
      // On a phone the longest citation does not fit on one line: it breaks across lines like
      // the words around it, instead of jumping whole to a line of its own.
      const long = await longestCitation(page);
      expect(long.text.length, 'the longest citation is long').toBeGreaterThan(60);
      expect(long.lines, `"${long.text}" wraps at ${long.width}px`).toBeGreaterThan(1);
    }
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
  expect(await source.locator('.gw-cite a').getAttribute('href')).toBe('#ref-aaswg2006');
  expect(await page.locator('[id="ref-aaswg2006"]').count(), 'the Source links to an item of the page').toBe(1);
  const body = await page.locator('main .entry__body .gw-cite a').allTextContents();
  const aaswg = body.map(norm).filter((t) => /AASWG|Association for the Advancement/.test(t));
  expect(aaswg.length).toBeGreaterThan(0);
  for (const t of aaswg) expect(t, 'after the Source fact, the abbreviation').toMatch(/^AASWG, 2006\b/);
  // A superseded code names its successor the same way.
  const casw = await site.open('/ethics/casw-2005-code/');
  expect(norm(await casw.page.locator('.banner--superseded .gw-cite').textContent())).toBe('Canadian Association of Social Workers (CASW, 2024)');
});
