/**
 * An entry's page, as data: everything `src/routes/entry.astro` lays out. Rendered in page
 * order — facts, notice, sections (fields), body, attached policies — so that APA's first
 * citation of a group author (spelled out, with its abbreviation) is the first a reader meets.
 */
import { escape } from 'html-escaper';
import { entryApa, type EntryCitation } from '../core/cite-entry.ts';
import { idPart, type Entry } from '../core/entries/entry.ts';
import { evidenceProfile } from '../core/knowledge-base.ts';
import type { CitationNode } from '../core/markdown/nodes.ts';
import type { PageTools, Section } from '../kinds/define.ts';
import { citationHast, newPageState, type PageState } from '../render/present.ts';
import { EVIDENCE_COLUMNS, evidenceLabel } from '../schemas/evidence.ts';
import type { RenderRequest, SiteContext } from './context.ts';
import { hastToHtml } from './hast.ts';
import { highwireTags } from './meta.ts';

export interface EntryLink {
  title: string;
  href: string;
  kindLabel: string;
}

export interface EntryPage {
  id: string;
  kind: string;
  kindLabel: string;
  kindHref: string;
  title: string;
  summary: string;
  href: string;
  canonical: string;
  facts: { label: string; html: string }[];
  banner?: string;
  sections: Section[];
  /** A `.md` body as HTML; an `.mdx` body is rendered by its compiled component. */
  body: { html: string } | { mdx: true };
  overlays: { id: string; anchor: string; title: string; html: string; review?: string }[];
  evidence: { type: string; label: string; count: number; width: number }[];
  /** Keys of the page's reference list (APA order); each item is also the popover its citations open. */
  references: string[];
  related: EntryLink[];
  seeAlso: EntryLink[];
  backlinks: EntryLink[];
  cite: { citation: EntryCitation; html: string; bib: string; ris: string };
  /** Search filters (`data-pagefind-filter`), e.g. ['kind', 'Standard']. */
  filters: [string, string][];
  /** Highwire Press `citation_*` tags for reference managers (Zotero's connector). */
  meta: [string, string][];
}

/** Citation keys an entry lists as its references: everything it cites except fields that are not claims' sources (reading items, `superseded_by`). */
export function listedKeys(site: SiteContext, entry: Entry): string[] {
  const kind = site.kind(entry);
  const unlisted = new Set((kind.referenceFields?.(entry.data) ?? []).filter((f) => !f.listed).map((f) => f.field));
  const keys = new Set<string>();
  for (const c of entry.citations) if (site.kb.references.has(c.key) && !(c.field && unlisted.has(c.field))) keys.add(c.key);
  return [...keys];
}

export function entryLinks(site: SiteContext, ids: string[]): EntryLink[] {
  return ids
    .map((id) => site.kb.byId.get(id))
    .filter((e): e is Entry => !!e && site.published.has(e.id))
    .map((e) => ({ title: e.data.title, href: site.entryUrl(e.id), kindLabel: site.kind(e).label.one }));
}

export function citationOf(site: SiteContext, entry: Entry): EntryCitation {
  return {
    author: site.config.organisation?.name ?? site.config.title,
    title: entry.data.title,
    siteTitle: site.config.title,
    url: site.absolute(site.entryUrl(entry.id)),
    date: entry.data.review?.reviewed,
    retrieved: site.builtAt,
    id: entry.id,
  };
}

/** A narrative citation of one key, as HTML (a fact such as "Source: AASWG (2006)"). */
function narrative(site: SiteContext, entry: Entry, key: string, page: PageState): string {
  const node: CitationNode = { type: 'citation', value: `@${key}`, data: { citation: { mode: 'narrative', items: [{ key, at: { line: 1, column: 1 } }] } } };
  return hastToHtml(citationHast(node, { formatter: site.formatter, page, previewId: site.previewId, file: entry.file, problems: site.problems }));
}

/** Where an anchor of an entry is, for a reader: " — “Heading”, para. 2". */
function place(entry: Entry, anchor: string): string {
  const claim = entry.claims.find((c) => c.id === anchor);
  // A claim of a frontmatter field (paragraph 0) is placed by its section, not as a paragraph.
  if (claim && claim.paragraph > 0) return claim.heading ? ` — “${claim.heading}”, para. ${claim.paragraph}` : ` — para. ${claim.paragraph}`;
  const heading = entry.headings.find((h) => h.slug === anchor);
  return heading ? ` — “${heading.text}”` : '';
}

export function pageTools(site: SiteContext, entry: Entry, request: RenderRequest): PageTools {
  return {
    field: (name) => site.renderField(entry, name, request),
    fieldOf: (id, name) => {
      const other = site.kb.byId.get(id);
      return other ? site.renderField(other, name, request) : '';
    },
    entry: (id, fragment) => {
      const e = site.kb.byId.get(id);
      if (!e) return undefined;
      const href = (request.href ?? site.href)(id, fragment);
      return { title: e.data.title, kind: e.kind, kindLabel: site.kind(e).label.one, ...(href ? { href } : {}), place: (anchor: string) => place(e, anchor) };
    },
    reference: (key) => site.formatter.bibliographyEntry(key),
    url: request.absoluteLinks ? (path) => site.absolute(site.url(path)) : site.url,
  };
}

/** The parts of a page before its body; returns the page state after them. */
export function renderLead(site: SiteContext, entry: Entry, request: RenderRequest) {
  const kind = site.kind(entry);
  const facts = (kind.facts?.(entry.data) ?? []).map((f) => ({ label: f.label, html: 'cite' in f ? narrative(site, entry, f.cite, request.page) : escape(f.text) }));
  const review = entry.data.review;
  if (review?.owner) facts.push({ label: 'Review owner', html: escape(review.owner) });
  if (review?.reviewed) facts.push({ label: 'Last reviewed', html: escape(review.reviewed) });
  if (review?.next) facts.push({ label: 'Next review', html: escape(review.next) });
  if (entry.data.tags.length > 0) facts.push({ label: 'Tags', html: escape(entry.data.tags.join(', ')) });
  const notice = kind.banner?.(entry.data);
  const banner = notice ? `${escape(notice.text)}${notice.cite ? ` Now in force: ${narrative(site, entry, notice.cite, request.page)}.` : ''}` : undefined;
  const sections = kind.sections?.(entry.data, pageTools(site, entry, request), entry.id) ?? [];
  return { facts, ...(banner ? { banner } : {}), sections };
}

/** The page state an `.mdx` body starts from (what the parts before it have cited). */
export function stateBeforeBody(site: SiteContext, entry: Entry): PageState {
  const page = newPageState();
  renderLead(site, entry, { page });
  return page;
}

/**
 * How an entry is rendered: on its own page (the defaults), or inside another document (the
 * handbook: one page state for the whole document, ids prefixed, headings moved down, links
 * to printed entries within the document).
 */
export type EntryRenderMode = Partial<RenderRequest>;

export function entryPage(site: SiteContext, entry: Entry, mode: EntryRenderMode = {}): EntryPage {
  const kind = site.kind(entry);
  const page = mode.page ?? newPageState();
  const request: RenderRequest = { ...mode, page };
  const lead = renderLead(site, entry, request);
  let body: EntryPage['body'];
  if (entry.mdx) {
    body = { mdx: true };
    // The compiled body cites what `check` found in it; the page state follows it (as citationHast marks it).
    for (const c of entry.citations) {
      const abbr = site.kb.references.has(c.key) && !c.field && !c.suppressAuthor ? site.formatter.abbreviation(c.key) : undefined;
      if (abbr) page.mentioned.add(abbr);
    }
  } else body = { html: site.renderBody(entry, request) };
  const overlays = (site.kb.overlays.get(entry.id) ?? [])
    .map((id) => site.kb.byId.get(id)!)
    .filter((p) => site.published.has(p.id))
    .map((p) => {
      const anchor = `${mode.idPrefix ?? ''}policy-${idPart(p.id)}`;
      const reviewed = p.data.review?.reviewed;
      return {
        id: p.id,
        anchor,
        title: p.data.title,
        html: site.renderBody(p, { ...request, idPrefix: `${mode.idPrefix ?? ''}${idPart(p.id)}-`, headingShift: (mode.headingShift ?? 0) + 1 }),
        ...(reviewed ? { review: `Policy last reviewed ${reviewed}${p.data.review?.owner ? ` by ${p.data.review.owner}` : ''}.` } : {}),
      };
    });

  // The page's reference list: this entry's sources, those of the models a comparison shows,
  // and those of attached policies; in the order (and with the letters) of the full list.
  const keys = new Set(listedKeys(site, entry));
  if (entry.kind === 'comparison') {
    for (const id of (entry.data['compare'] as string[] | undefined) ?? []) {
      const m = site.kb.byId.get(id);
      if (m?.kind === 'model') for (const c of m.citations) if (c.field?.startsWith('attributes.') && site.kb.references.has(c.key)) keys.add(c.key);
    }
  }
  for (const o of overlays) for (const k of listedKeys(site, site.kb.byId.get(o.id)!)) keys.add(k);
  // Everything a citation on the page opens is in its list (a fact or notice may cite too).
  for (const k of page.cited) keys.add(k);
  const references = site.bibliography.filter((b) => keys.has(b.key)).map((b) => b.key);

  const profile = evidenceProfile(entry, site.kb.references);
  const total = [...profile.values()].reduce((a, b) => a + b, 0);
  const evidence = EVIDENCE_COLUMNS.filter((t) => profile.has(t)).map((t) => ({ type: t, label: evidenceLabel(t), count: profile.get(t)!, width: Math.round((profile.get(t)! / total) * 10) }));

  const citation = citationOf(site, entry);
  const apa = entryApa(citation, escape);
  const filters: [string, string][] = [['kind', kind.label.one], ...Object.entries(kind.filters?.(entry.data) ?? {}), ...evidence.map((e): [string, string] => ['evidence', e.label])];
  const href = site.entryUrl(entry.id);
  return {
    id: entry.id,
    kind: entry.kind,
    kindLabel: kind.label.one,
    kindHref: site.url(`${kind.path}/`),
    title: entry.data.title,
    summary: entry.data.summary,
    href,
    canonical: site.absolute(href),
    ...lead,
    body,
    overlays,
    evidence,
    references,
    related: entryLinks(site, entry.data.related),
    seeAlso: entryLinks(site, (entry.data['see_also'] as string[] | undefined) ?? []),
    // Attached policies are shown on the page itself, not listed as referring to it.
    backlinks: entryLinks(site, (site.kb.backlinks.get(entry.id) ?? []).filter((id) => !site.kind(site.kb.byId.get(id)!).overlay)),
    cite: { citation, html: apa.html, bib: site.url(`cite/${entry.id}.bib`), ris: site.url(`cite/${entry.id}.ris`) },
    filters,
    meta: highwireTags(site, entry, citation),
  };
}
