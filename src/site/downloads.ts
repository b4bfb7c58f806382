/**
 * The citation downloads of every entry — `cite/<id>.bib` and `cite/<id>.ris` (for a reading
 * list: its whole bibliography) — written straight into the built site. They are plain files,
 * so the build writes them itself instead of routing thousands of tiny endpoints through Astro
 * (which cost about a fifth of the build time at 1,000 entries).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { entryBibtex, entryRis } from '../core/cite-entry.ts';
import { citationFor, readingBibliography } from './citations.ts';
import type { Site } from './site.ts';

export function writeCitationFiles(site: Site, outDir: string): number {
  let written = 0;
  for (const entry of site.entries) {
    const base = join(outDir, 'cite', entry.id);
    mkdirSync(dirname(base), { recursive: true });
    if (entry.kind === 'reading') {
      const bib = readingBibliography(site, entry);
      writeFileSync(`${base}.bib`, bib.bibtex);
      writeFileSync(`${base}.ris`, bib.ris);
    } else {
      const c = citationFor(site, entry);
      writeFileSync(`${base}.bib`, entryBibtex(c));
      writeFileSync(`${base}.ris`, entryRis(c));
    }
    written += 2;
  }
  return written;
}
