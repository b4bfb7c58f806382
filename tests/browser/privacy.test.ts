// (8) No request leaves the site's origin and no page logs a console error (a CSP violation is
// one), on every page of the site. (Every other test checks the same for the pages it opens.)
import { expect, sitemapPaths, test } from './harness.ts';

test('every page of the sitemap loads with no off-origin request and no console error', async ({ site }) => {
  const paths = await sitemapPaths(site.baseURL);
  expect(paths.length).toBeGreaterThan(50);
  const page = await site.newPage();
  const failed: string[] = [];
  for (const path of paths) {
    const response = await page.goto(path, { waitUntil: 'load' });
    if (response?.status() !== 200) failed.push(`${path}: ${response?.status()}`);
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
  await check('/', /^text\/html/);
  await check('/gw.js', /^text\/javascript/);
  await check('/brand.css', /^text\/css/);
  await check('/pagefind/pagefind-entry.json', /^application\/json/);
  const html = await (await fetch(site.url('/search/'))).text();
  expect(html).toMatch(/pagefind\/pagefind-ui\.js/);
});
