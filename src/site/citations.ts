/**
 * Citing the knowledge base itself: a reading list's bibliography (its references and the entries
 * it assigns) as APA, BibTeX and RIS, and the `.bib`/`.ris` of every entry.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { escape } from 'html-escaper';
import { entryApa, entryBibtex, entryRis, withSuffixes } from '../core/cite-entry.ts';
import { idPart, type Entry } from '../core/entries/entry.ts';
import type { ReadingItem } from '../kinds/reading.ts';
import type { SiteContext } from './context.ts';
import { citationOf } from './entry-page.ts';
import { risOf } from './ris.ts';

/** A reading list's bibliography: its references and the entries it assigns, as APA, BibTeX and RIS. */
export function readingBibliography(site: SiteContext, entry: Entry): { apa: { key: string; html: string }[]; bibtex: string; ris: string } {
  const refKeys: string[] = [];
  const entries: Entry[] = [];
  for (const item of (entry.data['items'] as ReadingItem[] | undefined) ?? []) {
    if ('ref' in item) {
      if (site.kb.references.has(item.ref) && !refKeys.includes(item.ref)) refKeys.push(item.ref);
    } else {
      const target = site.kb.byId.get(item.entry.split('#')[0]!);
      if (target && !entries.includes(target)) entries.push(target);
    }
  }
  const apaRefs = site.formatter.bibliography(refKeys).map((b) => ({ key: b.key, html: b.html, sort: b.text }));
  const cited = withSuffixes(entries.map((e) => citationOf(site, e)));
  const apaEntries = entries.map((e, i) => {
    const a = entryApa(cited[i]!, escape);
    return { key: `entry-${idPart(e.id)}`, html: a.html, sort: a.text };
  });
  const apa = [...apaRefs, ...apaEntries].sort((a, b) => a.sort.localeCompare(b.sort)).map(({ key, html }) => ({ key, html }));
  const csl = refKeys.map((k) => site.kb.references.get(k)!.csl);
  const cite = new Cite(csl);
  const bibtex = `${refKeys.length > 0 ? cite.format('bibtex', { format: 'text' }) : ''}${entries.map((e) => entryBibtex(citationOf(site, e))).join('\n')}`;
  const ris = `${csl.map(risOf).join('')}${entries.map((e) => entryRis(citationOf(site, e))).join('')}`;
  return { apa, bibtex, ris };
}

/** The `.bib` and `.ris` files of every published entry (a reading list's: its whole bibliography). */
export function citationFiles(site: SiteContext): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  for (const entry of site.entries) {
    if (entry.kind === 'reading') {
      const bib = readingBibliography(site, entry);
      files.push({ path: `cite/${entry.id}.bib`, text: bib.bibtex }, { path: `cite/${entry.id}.ris`, text: bib.ris });
    } else {
      const c = citationOf(site, entry);
      files.push({ path: `cite/${entry.id}.bib`, text: entryBibtex(c) }, { path: `cite/${entry.id}.ris`, text: entryRis(c) });
    }
  }
  return files;
}
