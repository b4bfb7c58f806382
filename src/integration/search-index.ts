/**
 * The search index, written by Pagefind after the build: in `astro:build:done` under a plain
 * `astro build`, or by `groundwork build` once Astro's process has exited. A module of its own so
 * that the command loads only Pagefind for it.
 */
import { join } from 'node:path';

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
