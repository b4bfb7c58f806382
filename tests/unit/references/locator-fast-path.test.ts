import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { scanCitations, type CitationCluster } from '../../../src/core/citations/syntax.ts';
import { createFormatter, type CiteItem } from '../../../src/core/references/format.ts';
import { loadReferences, type Reference } from '../../../src/core/references/load.ts';

// The formatter composes "citation without locator + locator" instead of asking citeproc for
// every distinct locator. It must give citeproc's exact output: compare it with a formatter
// that asks citeproc every time (`locatorFastPath: false`).
describe('locator fast path', () => {
  it('matches citeproc for every label, singular and plural, in every mode', () => {
    const refs = new Map<string, Reference>();
    const add = (key: string, csl: Record<string, unknown>) => refs.set(key, { key, csl: { id: key, ...csl }, evidence: 'other', file: 'x.json', line: 1, column: 1 });
    add('one', { type: 'book', title: 'One', author: [{ family: 'Toseland', given: 'R.' }, { family: 'Rivas', given: 'R.' }], issued: { 'date-parts': [[2017]] } });
    add('group', { type: 'report', title: 'Standards', author: [{ literal: 'Association for the Advancement of Social Work with Groups' }], issued: { 'date-parts': [[2006]] } });
    add('undated', { type: 'webpage', title: 'Page', author: [{ literal: 'Examzify' }] });
    add('notitle', { type: 'article-journal', title: 'No Author Here', 'container-title': 'J', issued: { 'date-parts': [[2019]] } });
    const fast = createFormatter(refs);
    const slow = createFormatter(refs, { locatorFastPath: false });
    const locators: [string, string][] = [
      ['page', '12'], ['page', '33–35'], ['page', 'iv'], ['page', '3, 7'], ['section', 'II.A.5'], ['section', '1.07(f)'],
      ['chapter', '3'], ['paragraph', '4'], ['paragraph', '4–6'], ['figure', '2'], ['table', '1'], ['volume', '2'],
    ];
    let n = 0;
    for (const key of refs.keys()) {
      for (const [label, locator] of locators) {
        for (const suppressAuthor of [false, true]) {
          const item: CiteItem = { key, label, locator, ...(suppressAuthor ? { suppressAuthor } : {}) };
          for (const mode of ['parenthetical', 'narrative'] as const) {
            expect(fast.cluster([item], mode)).toEqual(slow.cluster([item], mode));
            n++;
          }
        }
      }
    }
    expect(n).toBe(4 * locators.length * 4);
    expect(fast.cite([{ key: 'notitle', locator: '12' }], 'parenthetical')).toBe('(“No Author Here,” 2019, p. 12)');
  });

  it('matches citeproc for every located citation of the default content', () => {
    const files = globSync('references/*.bib').map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    const { references } = loadReferences(files);
    const fast = createFormatter(references);
    const slow = createFormatter(references, { locatorFastPath: false });
    const items = new Map<string, CiteItem>();
    for (const f of globSync('content/**/*.md')) {
      for (const part of scanCitations(readFileSync(f, 'utf8')).parts) {
        if (typeof part === 'string') continue;
        for (const i of (part as CitationCluster).items) {
          if (i.locator && references.has(i.key)) items.set(`${i.key}|${i.label}|${i.locator}`, { key: i.key, label: i.label!, locator: i.locator });
        }
      }
    }
    expect(items.size).toBeGreaterThan(50);
    for (const item of items.values()) {
      expect(fast.cite([item], 'parenthetical')).toBe(slow.cite([item], 'parenthetical'));
      expect(fast.cite([item], 'narrative')).toBe(slow.cite([item], 'narrative'));
    }
  });
});
