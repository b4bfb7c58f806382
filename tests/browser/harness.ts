/**
 * The browser tests' fixtures: one Chromium per test file, and per test a `site` that opens pages
 * of the served default knowledge base and watches them. At the end of every test, the test fails
 * if any page requested something outside the site's origin or logged a console error (a CSP
 * violation is logged as a console error) or threw an uncaught exception.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, ConsoleMessage, Page, Response } from 'playwright-core';
import { test as base, inject } from 'vitest';
import { launchChromium } from './browser.ts';

export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = join(APP_ROOT, 'tests/artifacts/screenshots');

export interface OpenOptions extends BrowserContextOptions {
  /** Status the navigation must answer with (default 200). */
  status?: number;
  /** Emulated media type ('screen' or 'print'). */
  media?: 'screen' | 'print';
}

export interface Site {
  baseURL: string;
  origin: string;
  /** Absolute URL of a site path. */
  url(path: string): string;
  /** A new page in a fresh context (so colour scheme, viewport and media can differ). */
  newPage(options?: BrowserContextOptions & { media?: 'screen' | 'print' }): Promise<Page>;
  /** newPage, then go to `path` and check the status. */
  open(path: string, options?: OpenOptions): Promise<{ page: Page; response: Response }>;
  /** Console errors matching this are expected in this test (e.g. the 404 of a missing page). */
  allowConsoleError(pattern: RegExp): void;
  /** Save a full-page screenshot to tests/artifacts/screenshots/NAME.png. */
  screenshot(page: Page, name: string, fullPage?: boolean): Promise<string>;
  /** Everything seen so far (for tests that check it themselves). */
  offOrigin: string[];
  consoleErrors: string[];
}

function describeConsole(msg: ConsoleMessage): string {
  const loc = msg.location();
  return `${msg.text()}${loc.url ? ` (at ${loc.url}${loc.lineNumber ? `:${loc.lineNumber}` : ''})` : ''}`;
}

export const test = base.extend<{ $test: { site: Site }; $worker: { browser: Browser } }>({
  browser: [
    async ({}, use) => {
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  site: async ({ browser }, use) => {
    const baseURL = inject('baseURL');
    const origin = new URL(baseURL).origin;
    const contexts: BrowserContext[] = [];
    const offOrigin: string[] = [];
    const consoleErrors: string[] = [];
    const allowed: RegExp[] = [];

    const watch = async (context: BrowserContext) => {
      // Record and refuse any request that would leave the site (so nothing reaches the network).
      await context.route(
        (url) => url.origin !== origin && /^(https?|wss?|ftp):$/.test(url.protocol),
        (route) => {
          offOrigin.push(route.request().url());
          return route.abort('blockedbyclient');
        },
      );
      context.on('request', (req) => {
        const u = req.url();
        if (/^(data|blob|about|chrome-error):/.test(u)) return;
        if (new URL(u).origin !== origin && !offOrigin.includes(u)) offOrigin.push(u);
      });
      context.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const text = describeConsole(msg);
        if (!allowed.some((re) => re.test(text))) consoleErrors.push(`${msg.page()?.url() ?? '?'}: ${text}`);
      });
      context.on('weberror', (err) => consoleErrors.push(`${err.page()?.url() ?? '?'}: uncaught ${err.error().message}`));
    };

    const site: Site = {
      baseURL,
      origin,
      offOrigin,
      consoleErrors,
      url: (path) => new URL(path, baseURL).href,
      async newPage(options = {}) {
        const { media, ...contextOptions } = options;
        const context = await browser.newContext({ baseURL, ...contextOptions });
        contexts.push(context);
        await watch(context);
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        if (media) await page.emulateMedia({ media });
        return page;
      },
      async open(path, options = {}) {
        const { status = 200, ...rest } = options;
        const page = await site.newPage(rest);
        const response = await page.goto(path, { waitUntil: 'load' });
        if (!response) throw new Error(`No response for ${path}`);
        if (response.status() !== status) throw new Error(`${path} answered ${response.status()}, expected ${status}`);
        return { page, response };
      },
      allowConsoleError(pattern) {
        allowed.push(pattern);
      },
      async screenshot(page, name, fullPage = true) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const path = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path, fullPage, animations: 'disabled' });
        return path;
      },
    };

    await use(site);

    for (const c of contexts) await c.close().catch(() => {});
    const problems: string[] = [];
    if (offOrigin.length > 0) problems.push(`Requests left the site's origin (${origin}):\n  ${[...new Set(offOrigin)].join('\n  ')}`);
    if (consoleErrors.length > 0) problems.push(`Console errors:\n  ${[...new Set(consoleErrors)].join('\n  ')}`);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  },
});

export { expect } from 'vitest';

/** Entries the tests visit, one of each kind (the default knowledge base). */
export const ENTRIES = {
  standard: '/standards/beginning-contract/',
  ethics: '/ethics/nasw-1-07-f-group-confidentiality/',
  model: '/models/support-groups/',
  comparison: '/comparisons/group-models-compared/',
  topic: '/topics/confidentiality-strategies/',
  glossary: '/glossary/confidentiality/',
  reading: '/readings/week-4-knowledge-base-of-group-work/',
} as const;

export const LIST_PAGES = ['/standards/', '/ethics/', '/models/', '/comparisons/', '/topics/', '/glossary/', '/readings/'] as const;

/** Pages of the other kinds: one kind's rows of the evidence map, a reading list's bibliography, the printable handbook. */
export const EVIDENCE_KIND_PAGE = '/evidence/topics/';
export const BIBLIOGRAPHY_PAGE = '/cite/readings/week-4-knowledge-base-of-group-work/bibliography/';
export const HANDBOOK = '/handbook/';

/** Collapse white space, as a reader (and a screen reader) meets the text. */
export const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The APA reference of every source, by key, as the site-wide reference list (/references/) prints it. */
export async function siteReferences(baseURL: string): Promise<Map<string, string>> {
  const html = await (await fetch(new URL('/references/', baseURL))).text();
  const refs = new Map<string, string>();
  for (const m of html.matchAll(/<li id="ref-([^"]+)"[^>]*><span>([\s\S]*?)<\/span><span class="Z3988"/g)) {
    refs.set(m[1]!, norm(decodeEntities(m[2]!.replace(/<[^>]+>/g, ''))));
  }
  return refs;
}

export function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Ids used more than once in a page's HTML (a fragment link or aria reference to one is ambiguous). */
export function duplicateIds(html: string): string[] {
  const seen = new Map<string, number>();
  for (const m of html.matchAll(/<[a-zA-Z][^>]*?\sid="([^"]+)"/g)) seen.set(m[1]!, (seen.get(m[1]!) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n}×)`);
}

/**
 * What Chromium tells assistive technology about an element: its role, accessible name and
 * states (expanded, focused, …), from the accessibility tree (CDP).
 */
export async function accessibleNode(page: Page, selector: string): Promise<{ role: string; name: string; properties: Record<string, unknown> }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no element matches ${selector}`);
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes[0]!;
    const properties: Record<string, unknown> = {};
    for (const p of node.properties ?? []) properties[p.name] = p.value.value;
    return { role: String(node.role?.value ?? ''), name: String(node.name?.value ?? ''), properties };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Paths of every page in the sitemap (site URLs mapped onto the test server). */
export async function sitemapPaths(baseURL: string): Promise<string[]> {
  const index = await (await fetch(new URL('/sitemap-index.xml', baseURL))).text();
  const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const paths: string[] = [];
  for (const map of maps) {
    const xml = await (await fetch(new URL(map, baseURL))).text();
    for (const m of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) paths.push(new URL(m[1]!).pathname);
  }
  return paths;
}

/** Wait until Pagefind UI has shown its result count; returns the number it reports. */
export async function searchResultCount(page: Page): Promise<number> {
  const message = page.locator('.pagefind-ui__message');
  await message.filter({ hasText: /result/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
  // Pagefind updates the message as results load: wait until it stays the same.
  let last = '';
  for (let i = 0; i < 20; i++) {
    const text = (await message.first().textContent())?.trim() ?? '';
    if (text === last && text !== '') break;
    last = text;
    await page.waitForTimeout(150);
  }
  const n = /(\d[\d,]*)\s+result/.exec(last);
  if (/^No results/i.test(last)) return 0;
  if (!n) throw new Error(`Unexpected Pagefind message: ${last}`);
  return Number(n[1]!.replace(/,/g, ''));
}

/** Click Pagefind's "Load more results" until every result is shown; return the result links. */
export async function allResultLinks(page: Page): Promise<string[]> {
  for (let i = 0; i < 50; i++) {
    const more = page.locator('button.pagefind-ui__button', { hasText: /load more/i });
    if ((await more.count()) === 0 || !(await more.first().isVisible())) break;
    await more.first().click();
    await page.waitForTimeout(200);
  }
  return page.locator('a.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
}

/**
 * An in-text citation's link to its source: its text, its href, the id it points to ('' unless
 * the href is a fragment), and the href of the link before it in the same citation (null if it is
 * the citation's first).
 */
export interface CitationLink {
  text: string;
  href: string;
  target: string;
  before: string | null;
}

/** The citation links (`.gw-cite a`, each one source of a citation) matching `selector`, in page order. */
export async function citationLinks(page: Page, selector = 'main .gw-cite a'): Promise<CitationLink[]> {
  return page.locator(selector).evaluateAll((as) =>
    as.map((a) => {
      const href = a.getAttribute('href') ?? '';
      let target = '';
      if (href.startsWith('#')) {
        try {
          target = decodeURIComponent(href.slice(1));
        } catch {
          target = href.slice(1);
        }
      }
      const links = [...(a.closest('.gw-cite')?.querySelectorAll('a') ?? [])];
      const i = links.indexOf(a as HTMLAnchorElement);
      const before = i > 0 ? (links[i - 1]!.getAttribute('href') ?? '') : null;
      return { text: (a.textContent ?? '').replace(/\s+/g, ' ').trim(), href, target, before };
    }),
  );
}

/** Citations whose opening bracket is on another line than the citation's first letter. */
export async function bracketsCutOff(page: Page): Promise<string[]> {
  return page.locator('main .gw-cite').evaluateAll((spans) =>
    spans.flatMap((span) => {
      const open = span.firstChild;
      const link = span.querySelector('a');
      if (!open || open.nodeType !== Node.TEXT_NODE || !open.textContent?.endsWith('(') || !link?.firstChild || open.nextSibling !== link) return [];
      const bracket = document.createRange();
      bracket.setStart(open, open.textContent.length - 1);
      bracket.setEnd(open, open.textContent.length);
      const letter = document.createRange();
      letter.setStart(link.firstChild, 0);
      letter.setEnd(link.firstChild, 1);
      const a = bracket.getClientRects()[0];
      const b = letter.getClientRects()[0];
      return a && b && Math.abs(a.bottom - b.bottom) > 2 ? [`(${link.textContent}`] : [];
    }),
  );
}

/** The line boxes of the longest citation link on the page: its text and how many lines it takes (getClientRects). */
export async function longestCitation(page: Page): Promise<{ text: string; lines: number; width: number }> {
  return page.locator('main .gw-cite a').evaluateAll((as) => {
    const a = as.reduce((x, y) => ((y.textContent ?? '').length > (x.textContent ?? '').length ? y : x));
    const rects = [...a.getClientRects()].filter((r) => r.width > 0);
    const tops = new Set(rects.map((r) => Math.round(r.top)));
    return { text: (a.textContent ?? '').replace(/\s+/g, ' ').trim(), lines: tops.size, width: document.documentElement.clientWidth };
  });
}
