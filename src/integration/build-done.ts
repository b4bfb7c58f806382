/**
 * What the build writes besides the pages: each entry's citation downloads (`cite/<id>.bib`,
 * `.ris`), the sources as CSL-JSON (`references.json`), and the search index (Pagefind). They
 * are plain files: writing them here costs far less than routing thousands of tiny endpoints
 * through Astro.
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

/** Index the built site with Pagefind's Node API: entry pages only (they mark `data-pagefind-body`). */
export async function writeSearchIndex(outDir: string): Promise<number> {
  const pagefind = await import('pagefind');
  // Permalinks (¶) are not text; the reference lists are marked data-pagefind-ignore.
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: ['.gw-permalink'] });
  if (!index || errors.length > 0) throw new Error(`search index: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`search index: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
