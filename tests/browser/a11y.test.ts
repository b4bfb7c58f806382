// (6) axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) finds no violation on one page of every kind,
// in the light and the dark colour scheme.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { BIBLIOGRAPHY_PAGE, ENTRIES, EVIDENCE_KIND_PAGE, expect, HANDBOOK, LIST_PAGES, searchResultCount, test } from './harness.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Target {
  name: string;
  path: string;
  status?: number;
  /** What to do after the page loads, before axe runs. */
  prepare?: (page: Page) => Promise<void>;
}

const TARGETS: Target[] = [
  { name: 'home', path: '/' },
  ...LIST_PAGES.map((path) => ({ name: `list ${path}`, path })),
  ...Object.entries(ENTRIES).map(([kind, path]) => ({ name: `${kind} entry`, path })),
  { name: 'superseded ethics entry', path: '/ethics/casw-2005-code/' },
  { name: 'comparison entry with a Markdown table', path: '/comparisons/confidentiality-in-three-codes/' },
  {
    name: 'topic entry with a reference open from a citation',
    path: ENTRIES.topic,
    prepare: async (page) => {
      await page.locator('main .gw-cite a[href="#ref-lasky2006"]').first().click();
      await page.locator('[id="ref-lasky2006"]:popover-open').waitFor({ state: 'visible' });
    },
  },
  {
    name: 'standard entry with its Source reference open',
    path: ENTRIES.standard,
    prepare: async (page) => {
      await page.locator('.entry-facts .gw-cite a').first().click();
      await page.locator(':popover-open').waitFor({ state: 'visible' });
    },
  },
  { name: 'references', path: '/references/' },
  {
    name: 'search after a search',
    path: '/search/?q=confidentiality',
    prepare: async (page) => {
      await searchResultCount(page);
      await page.locator('a.pagefind-ui__result-link').first().waitFor({ state: 'visible' });
    },
  },
  { name: 'search before a search', path: '/search/', prepare: async (page) => void (await page.locator('.pagefind-ui__search-input').waitFor({ state: 'visible' })) },
  { name: 'evidence map', path: '/evidence/' },
  { name: 'evidence map of one kind', path: EVIDENCE_KIND_PAGE },
  { name: 'reading list bibliography', path: BIBLIOGRAPHY_PAGE },
  { name: 'printable handbook', path: HANDBOOK },
  { name: 'amendments', path: '/amendments/' },
  { name: '404', path: '/no-such-page/', status: 404 },
];

function report(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .map((v) =>
      [
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
        v.nodes.length > 8 ? `    … and ${v.nodes.length - 8} more` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const t of TARGETS) {
    test(`axe (${colorScheme}): ${t.name} ${t.path}`, async ({ site }) => {
      if (t.status === 404) site.allowConsoleError(/status of 404/);
      const { page } = await site.open(t.path, { colorScheme, status: t.status ?? 200 });
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      await t.prepare?.(page);
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(results.violations.length, `axe violations on ${t.path} (${colorScheme}):\n${report(results.violations)}`).toBe(0);
    });
  }
}
