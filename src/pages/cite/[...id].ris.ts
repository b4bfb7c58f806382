import type { APIRoute } from 'astro';
import { getSite } from '../../site/site.ts';
import { citationFor, readingBibliography } from '../../site/citations.ts';
import { entryRis } from '../../core/cite-entry.ts';

/** RIS of an entry; for a reading list, of every source on the list. */
export function getStaticPaths() {
  return getSite().entries.map((e) => ({ params: { id: e.id } }));
}

export const GET: APIRoute = ({ params }) => {
  const site = getSite();
  const entry = site.kb.byId.get(String(params.id))!;
  const body = entry.kind === 'reading' ? readingBibliography(site, entry).ris : entryRis(citationFor(site, entry));
  return new Response(body, { headers: { 'Content-Type': 'application/x-research-info-systems; charset=utf-8' } });
};
