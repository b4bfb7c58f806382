import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { Entry } from '../core/knowledge-base.ts';
import { entryApa, entryBibtex, entryRis, withSuffixes, type EntryCitation } from '../core/cite-entry.ts';
import { escapeHTML } from './escape.ts';
import type { Site } from './site.ts';

/** The "cite this entry" data of an entry. */
export function citationFor(site: Site, entry: Entry): EntryCitation {
  return {
    author: site.config.organisation?.name ?? site.config.title,
    title: entry.data.title,
    siteTitle: site.config.title,
    url: new URL(site.entryUrl(entry.id), site.config.site).href,
    date: entry.data.review?.reviewed,
    retrieved: site.builtAt,
    id: entry.id,
  };
}

/** A reading list's bibliography: its references and the entries it assigns, as APA, BibTeX and RIS. */
export function readingBibliography(site: Site, entry: Entry): { apa: { key: string; html: string }[]; bibtex: string; ris: string } {
  if (entry.data.kind !== 'reading') throw new Error(`${entry.id} is not a reading list`);
  const refKeys: string[] = [];
  const entries: Entry[] = [];
  for (const item of entry.data.items) {
    if ('ref' in item) {
      if (site.kb.references.has(item.ref) && !refKeys.includes(item.ref)) refKeys.push(item.ref);
    } else {
      const target = site.kb.byId.get(item.entry.split('#')[0]!);
      if (target && !entries.includes(target)) entries.push(target);
    }
  }
  const apaRefs = site.formatter.bibliography(refKeys).map((b) => ({ key: b.key, html: b.html, sort: b.text }));
  const cited = withSuffixes(entries.map((e) => citationFor(site, e)));
  const apaEntries = entries.map((e, i) => {
    const a = entryApa(cited[i]!, escapeHTML);
    return { key: `entry-${e.id.replace(/\//g, '-')}`, html: a.html, sort: a.text };
  });
  const apa = [...apaRefs, ...apaEntries].sort((a, b) => a.sort.localeCompare(b.sort)).map(({ key, html }) => ({ key, html }));
  const csl = refKeys.map((k) => site.kb.references.get(k)!.csl);
  const cite = new Cite(csl);
  const bibtex = `${refKeys.length > 0 ? cite.format('bibtex', { format: 'text' }) : ''}${entries.map((e) => entryBibtex(citationFor(site, e))).join('\n')}`;
  const ris = `${refKeys.length > 0 ? String((cite.format as (format: string, options: object) => unknown)('ris', { format: 'text' })).replace(/\r?\n/g, '\r\n') : ''}${entries.map((e) => entryRis(citationFor(site, e))).join('')}`;
  return { apa, bibtex, ris };
}
