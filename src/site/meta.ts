/**
 * What reference managers read from a page. Each entry page carries Highwire Press
 * `citation_*` meta tags (the convention Google Scholar defined and Zotero's "Embedded
 * Metadata" translator reads), so the Zotero connector saves the entry with one click; the
 * reference list carries COinS (a `span class="Z3988"` per source, which Zotero detects) and
 * the site publishes its sources as CSL-JSON (`references.json`), which Zotero imports.
 */
import type { EntryCitation } from '../core/cite-entry.ts';
import type { Entry } from '../core/entries/entry.ts';
import type { SiteContext } from './context.ts';

export function highwireTags(site: SiteContext, entry: Entry, c: EntryCitation): [string, string][] {
  const date = c.date ?? site.builtAt;
  // No `citation_journal_title`: with it Zotero would save the page as a journal article.
  const tags: [string, string][] = [
    ['citation_title', c.title],
    ['citation_author', c.author],
    ['citation_publication_date', date.replace(/-/g, '/')],
    ['citation_publisher', site.config.organisation?.name ?? site.config.title],
    ['citation_public_url', c.url],
    ['citation_language', site.config.lang],
  ];
  if (entry.data.tags.length > 0) tags.push(['citation_keywords', entry.data.tags.join('; ')]);
  return tags;
}

/**
 * COinS (ContextObjects in Spans, OpenURL 1.0 KEV format) of one CSL-JSON item, for the
 * `title` of a `<span class="Z3988">`. No maintained library writes COinS from CSL-JSON, and the
 * format is a short list of `key=value` pairs, so it is written here.
 */
export function coins(csl: Record<string, unknown>): string {
  const type = String(csl['type'] ?? 'document');
  const journal = type === 'article-journal' || type === 'article-magazine' || type === 'article-newspaper';
  const book = type === 'book' || type === 'chapter';
  const kev: [string, string][] = [['ctx_ver', 'Z39.88-2004'], ['rft_val_fmt', journal ? 'info:ofi/fmt:kev:mtx:journal' : book ? 'info:ofi/fmt:kev:mtx:book' : 'info:ofi/fmt:kev:mtx:dc']];
  const plain = (v: unknown) => String(v ?? '').replace(/<[^>]*>/g, '');
  const title = plain(csl['title']);
  if (journal) {
    kev.push(['rft.genre', 'article'], ['rft.atitle', title], ['rft.jtitle', plain(csl['container-title'])]);
    if (csl['volume']) kev.push(['rft.volume', plain(csl['volume'])]);
    if (csl['issue']) kev.push(['rft.issue', plain(csl['issue'])]);
    if (csl['page']) kev.push(['rft.pages', plain(csl['page'])]);
  } else if (type === 'chapter') {
    kev.push(['rft.genre', 'bookitem'], ['rft.atitle', title], ['rft.btitle', plain(csl['container-title'])]);
  } else if (book) {
    kev.push(['rft.genre', 'book'], ['rft.btitle', title]);
  } else {
    kev.push(['rft.type', type], ['rft.title', title]);
  }
  if (csl['publisher'] && !journal) kev.push([book ? 'rft.pub' : 'rft.publisher', plain(csl['publisher'])]);
  const issued = csl['issued'] as { 'date-parts'?: number[][] } | undefined;
  const year = issued?.['date-parts']?.[0]?.[0];
  if (year) kev.push([book || journal ? 'rft.date' : 'rft.date', String(year)]);
  for (const a of (csl['author'] as Record<string, string>[] | undefined) ?? []) {
    if (a['literal']) kev.push([book || journal ? 'rft.aucorp' : 'rft.creator', a['literal']]);
    else if (book || journal) kev.push(['rft.au', [a['family'], a['given']].filter(Boolean).join(', ')]);
    else kev.push(['rft.creator', [a['family'], a['given']].filter(Boolean).join(', ')]);
  }
  if (csl['DOI']) kev.push(['rft_id', `info:doi/${plain(csl['DOI'])}`]);
  if (csl['URL']) kev.push(['rft_id', plain(csl['URL'])]);
  if (csl['ISBN']) kev.push(['rft.isbn', plain(csl['ISBN'])]);
  return kev.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}
