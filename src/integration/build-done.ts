/**
 * What the build writes besides the pages (the search index aside: `search-index.ts`): each
 * entry's citation downloads (`cite/<id>.bib`, `.ris`) and the sources as CSL-JSON
 * (`references.json`). They are plain files: writing them here costs far less than routing
 * thousands of tiny endpoints through Astro.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { citationFiles } from '../site/citations.ts';
import type { SiteContext } from '../site/context.ts';

export function writeDownloads(site: SiteContext, outDir: string): number {
  const files = citationFiles(site);
  const cited = [...site.kb.citedBy.keys()].filter((k) => (site.kb.citedBy.get(k) ?? []).some((id) => site.published.has(id)));
  files.push({ path: 'references.json', text: `${JSON.stringify(cited.map((k) => site.kb.references.get(k)!.csl), null, 2)}\n` });
  for (const f of files) {
    const path = join(outDir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
  }
  return files.length;
}
