import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { scanCitations, type CitationCluster } from '../../../src/core/citations/syntax.ts';
import { createFormatter } from '../../../src/core/references/format.ts';
import { loadReferences } from '../../../src/core/references/load.ts';

// The formatter composes "base citation + locator" instead of asking citeproc for every
// distinct locator. It must give citeproc's exact output: check every citation with a
// locator in the default knowledge base against a formatter that cannot take the shortcut
// (a suffix forces the slow path, so compare through a fresh engine call instead).
describe('locator fast path', () => {
  const files = globSync('references/*.bib').map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const { references } = loadReferences(files);
  it('matches citeproc for every located citation of the default content', () => {
    const fast = createFormatter(references);
    const items = new Map<string, { key: string; label: string; locator: string; prefix?: string; suppressAuthor?: boolean }>();
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
      const composed = fast.cite([item], 'parenthetical');
      // Two sources in one citation never take the shortcut: citeproc formats them itself.
      const other = item.key === 'toseland2017' ? 'yalom2020' : 'toseland2017';
      const viaCiteproc = fast.cite([item, { key: other }], 'parenthetical');
      const own = viaCiteproc.slice(1, -1).split('; ').find((p) => !p.startsWith(other === 'toseland2017' ? 'Toseland' : 'Yalom'));
      expect(`(${own})`).toBe(composed);
      expect(fast.cite([item], 'narrative')).toMatch(/\)$/);
    }
  });
});
