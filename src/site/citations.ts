/**
 * Citing the knowledge base itself: a reading list's bibliography (its references and the entries
 * it assigns) as APA, BibTeX and RIS, and the `.bib`/`.ris` of every entry.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { escape } from 'html-escaper';
import { entryApa, entryBibtex, entryRis, withSuffixes, type EntryCitation } from '../core/cite-entry.ts';
import { idPart, type Entry } from '../core/entries/entry.ts';
import type { ReadingItem } from '../kinds/reading.ts';
import type { SiteContext } from './context.ts';
import { citationOf } from './entry-page.ts';
import { risOf } from './ris.ts';

/** What a reading list cites: its references (by key) and the entries it assigns, each once, with their citations. */
function readingSources(site: SiteContext, entry: Entry): { refKeys: string[]; entries: Entry[]; citations: EntryCitation[] } {
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
  return { refKeys, entries, citations: entries.map((e) => citationOf(site, e)) };
}

/** A reading list's bibliography in APA order: its references and the entries it assigns (for its page). */
export function readingApa(site: SiteContext, entry: Entry): { key: string; html: string }[] {
  const { refKeys, entries, citations } = readingSources(site, entry);
  const apaRefs = site.formatter.bibliography(refKeys).map((b) => ({ key: b.key, html: b.html, sort: b.text }));
  const cited = withSuffixes(citations);
  const apaEntries = entries.map((e, i) => {
    const a = entryApa(cited[i]!, escape);
    return { key: `entry-${idPart(e.id)}`, html: a.html, sort: a.text };
  });
  return [...apaRefs, ...apaEntries].sort((a, b) => a.sort.localeCompare(b.sort)).map(({ key, html }) => ({ key, html }));
}

/** A reading list's bibliography as BibTeX and RIS (its downloads). */
function readingExports(site: SiteContext, entry: Entry): { bibtex: string; ris: string } {
  const { refKeys, citations } = readingSources(site, entry);
  const csl = refKeys.map((k) => site.kb.references.get(k)!.csl);
  const bibtex = `${refKeys.length > 0 ? new Cite(csl).format('bibtex', { format: 'text' }) : ''}${citations.map(entryBibtex).join('\n')}`;
  const ris = `${csl.map(risOf).join('')}${citations.map(entryRis).join('')}`;
  return { bibtex, ris };
}

/** The `.bib` and `.ris` files of every published entry (a reading list's: its whole bibliography). */
export function citationFiles(site: SiteContext): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  for (const entry of site.entries) {
    if (entry.kind === 'reading') {
      const bib = readingExports(site, entry);
      files.push({ path: `cite/${entry.id}.bib`, text: bib.bibtex }, { path: `cite/${entry.id}.ris`, text: bib.ris });
    } else {
      const c = citationOf(site, entry);
      files.push({ path: `cite/${entry.id}.bib`, text: entryBibtex(c) }, { path: `cite/${entry.id}.ris`, text: entryRis(c) });
    }
  }
  return files;
}
