// (8) No request leaves the site's origin and no page logs a console error (a CSP violation is
// one), on every page of the site. (Every other test checks the same for the pages it opens.)
import { ENTRIES, expect, HANDBOOK, sitemapPaths, test } from './harness.ts';

test('every page of the sitemap loads with no off-origin request and no console error', async ({ site }) => {
  const paths = await sitemapPaths(site.baseURL);
  expect(paths.length).toBeGreaterThan(50);
  const page = await site.newPage();
  const failed: string[] = [];
  for (const path of paths) {
    const response = await page.goto(path, { waitUntil: 'load' });
    if (response?.status() !== 200) failed.push(`${path}: ${response?.status()}`);
    // Links out (a reference's DOI, say) carry no rel: the page itself must send no referrer.
    const head = await page.evaluate(() => ({
      referrer: document.querySelector('meta[name="referrer"]')?.getAttribute('content'),
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    }));
    if (head.referrer !== 'no-referrer') failed.push(`${path}: referrer policy ${head.referrer}`);
    if (!head.csp.includes("default-src 'self'")) failed.push(`${path}: no Content-Security-Policy with default-src 'self'`);
  }
  expect(failed).toEqual([]);
  // The fixture fails the test on off-origin requests and console errors; say so here too.
  expect(site.offOrigin).toEqual([]);
  expect(site.consoleErrors).toEqual([]);
}, 600_000);

test('the search page (Pagefind, WebAssembly) runs under the CSP with no console error', async ({ site }) => {
  const page = await site.newPage();
  const response = await page.goto('/search/?q=group', { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  await page.locator('a.pagefind-ui__result-link').first().waitFor({ state: 'visible', timeout: 30_000 });
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(site.offOrigin).toEqual([]);
  expect(site.consoleErrors).toEqual([]);
});

test('the response of each kind of file has the right content type', async ({ site }) => {
  const check = async (path: string, type: RegExp) => {
    const r = await fetch(site.url(path));
    expect(r.status, path).toBe(200);
    expect(r.headers.get('content-type'), path).toMatch(type);
  };
  const home = await (await fetch(site.url('/'))).text();
  const script = /<script type="module" src="(\/_astro\/[^"]+\.js)"/.exec(home)?.[1];
  expect(script, 'the page script is bundled into /_astro/').toBeDefined();
  const style = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/.exec(home)?.[1];
  expect(style, 'the stylesheet is bundled into /_astro/').toBeDefined();
  await check('/', /^text\/html/);
  await check(script!, /^text\/javascript/);
  await check(style!, /^text\/css/);
  await check('/brand.css', /^text\/css/);
  await check('/favicon.svg', /^image\/svg\+xml/);
  await check('/references.json', /^application\/json/);
  await check('/sitemap-index.xml', /^(application|text)\/xml/);
  await check('/cite/topics/mutual-aid.bib', /^application\/x-bibtex/);
  await check('/cite/topics/mutual-aid.ris', /^application\/x-research-info-systems/);
  await check('/pagefind/pagefind-entry.json', /^application\/json/);
  await check('/pagefind/pagefind-ui.js', /^text\/javascript/);
  const html = await (await fetch(site.url('/search/'))).text();
  expect(html).toMatch(/<script src="\/pagefind\/pagefind-ui\.js"/);
});

test('JavaScript before a search is small: pages load only the site\'s own bundled script, under 10 KB', async ({ site }) => {
  const LIMIT = 10 * 1024;
  const problems: string[] = [];
  for (const path of ['/', ENTRIES.topic, ENTRIES.comparison, '/references/', '/evidence/', HANDBOOK]) {
    const page = await site.newPage();
    const scripts: { url: string; bytes: number }[] = [];
    page.on('response', async (r) => {
      if (r.request().resourceType() === 'script') scripts.push({ url: r.url(), bytes: (await r.body()).length });
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    const inline = await page.locator('script:not([src])').count();
    if (inline > 0) problems.push(`${path}: ${inline} inline script(s)`);
    const total = scripts.reduce((n, s) => n + s.bytes, 0);
    if (scripts.length === 0) problems.push(`${path}: no script (a citation opening its reference in place, the "/" shortcut and copy buttons need one)`);
    for (const s of scripts) if (!new URL(s.url).pathname.startsWith('/_astro/')) problems.push(`${path}: script ${s.url} is not a bundled /_astro/ script`);
    if (total >= LIMIT) problems.push(`${path}: ${total} bytes of JavaScript (limit ${LIMIT})`);
  }
  expect(problems).toEqual([]);
});
