/**
 * The site as data: every page the routes lay out, computed once from the site context. The
 * integration writes it where the routes read it (`virtual:groundwork/site`), so the pages
 * present exactly what `check` validated and never parse or resolve anything themselves.
 *
 * At scale no page lists every page: kind indexes, the evidence map and the references are
 * paginated, "cited by" lists are cut short, and the one-page printable handbook is made for knowledge bases of a
 * printable size (the profile's `handbook:` setting).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../core/problems.ts';
import { HANDBOOK_AUTO_LIMIT } from '../config/schema.ts';
import { applySeverities, evidenceProfile } from '../core/knowledge-base.ts';
import { EVIDENCE_COLUMNS, evidenceLabel } from '../schemas/evidence.ts';
import type { SiteContext } from './context.ts';
import { entryLinks, entryPage, type EntryLink, type EntryPage } from './entry-page.ts';
import { buildHandbook, type HandbookModel } from './handbook.ts';
import { readingApa } from './citations.ts';
import { coins } from './meta.ts';

/** Entries on one page of a kind's index or of the evidence map; sources on one page of /references/. */
export const PAGE_SIZE = 100;
/**
 * Entries listed under a source on /references/ before "and N more": a page of 100 sources then
 * links at most 600 entries, so that no page links a growing share of a large knowledge base.
 */
export const CITED_BY_SHOWN = 6;

export interface Paged<T> {
  /** 1-based. */
  number: number;
  total: number;
  items: T[];
  /** href of each page, for the page navigation. */
  pages: string[];
}

export interface SiteModel {
  config: {
    title: string;
    description: string;
    site: string;
    base: string;
    lang: string;
    edition?: string;
    organisation?: { name: string; logo?: string; url?: string; contact?: string };
  };
  builtAt: string;
  colors: { accent: string; accent_dark: string };
  /** Navigation: the kinds that have entries, then references and the evidence map. */
  nav: { label: string; href: string }[];
  home: { entries: number; claims: number; references: number; kinds: { label: string; href: string; count: number; blurb: string }[] };
  /** Each kind's index, page by page. */
  kinds: { path: string; label: string; blurb: string; count: number; page: Paged<{ title: string; href: string; meta: string; summary: string }> }[];
  /** The entry pages, by id; each page's model is in its own file (see `entryFile`). */
  entries: { id: string; file: string }[];
  /** Old ids (aliases) that redirect to an entry. */
  redirects: { from: string; to: string; title: string }[];
  /** APA 7 HTML of every source a page lists, by key. */
  bibliography: Record<string, string>;
  /** /references/, page by page: every source a published entry cites, in APA order. */
  references: { count: number; page: Paged<{ key: string; evidence: { type: string; label: string }; citing: EntryLink[]; more: number; coins: string }> }[];
  evidence: {
    columns: { type: string; label: string }[];
    /** Claims per kind and type. */
    kinds: { label: string; href: string; entries: number; counts: number[] }[];
    /** Each kind's rows, page by page (/evidence/<kind>/, /evidence/<kind>/page/2/). */
    pages: { kind: string; label: string; path: string; page: Paged<{ title: string; href: string; counts: number[] }> }[];
    totals: { label: string; claims: number }[];
  };
  amendments: {
    edition: string;
    items: { date: string; summary: string; entries: { title: string; href?: string }[] }[];
    reviews: { title: string; href: string; owner: string; reviewed: string; next: string; overdue: boolean }[];
    reviewed: number;
    total: number;
  };
  bibliographies: { id: string; title: string; entryHref: string; bib: string; ris: string; apa: { key: string; html: string }[] }[];
  /** The printable handbook, when the profile (or its size) says to make it. */
  handbook?: HandbookModel;
  urls: { home: string; search: string; references: string; evidence: string; amendments: string; handbook?: string; sitemap: string; pagefind: string; brand: string; favicon: string; logo?: string; referencesJson: string };
}

export interface BuiltSite {
  model: SiteModel;
  pages: EntryPage[];
  /** Problems found while rendering, each once (an entry is rendered on its page and in the handbook); any error fails the build. */
  problems: Problem[];
}

/** The knowledge base's own icon (public/favicon.svg or .ico), if it has one (else Groundwork's, at /favicon.svg). */
function favicon(root: string): string | undefined {
  return ['favicon.svg', 'favicon.ico'].find((f) => existsSync(join(root, 'public', f)));
}

function paged<T>(items: T[], href: (n: number) => string): Paged<T>[] {
  const total = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const pages = Array.from({ length: total }, (_, i) => href(i + 1));
  return pages.map((_, i) => ({ number: i + 1, total, items: items.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE), pages }));
}

export function handbookEnabled(site: SiteContext): boolean {
  const setting = site.config.handbook;
  return setting === 'auto' ? site.entries.length <= HANDBOOK_AUTO_LIMIT : setting;
}

export function buildSiteModel(site: SiteContext): BuiltSite {
  const { kb, config } = site;
  const registry = kb.registry;
  const navKinds = registry.kinds.filter((k) => k.nav !== false && site.byKind(k.name).length > 0);
  const pages = site.entries.map((e) => entryPage(site, e));
  const cited = [...kb.citedBy.keys()].filter((k) => (kb.citedBy.get(k) ?? []).some((id) => site.published.has(id)));
  const refKeys = new Set(cited);
  const handbook = handbookEnabled(site) ? buildHandbook(site) : undefined;

  // Every source some page lists, once.
  const listed = new Set<string>(cited);
  for (const p of pages) for (const k of p.references) listed.add(k);
  for (const k of handbook?.references ?? []) listed.add(k);
  const bibliography: Record<string, string> = {};
  for (const b of site.bibliography) if (listed.has(b.key)) bibliography[b.key] = b.html;

  const rows = site.entries.filter((e) => !site.kind(e).overlay).map((e) => ({ entry: e, profile: evidenceProfile(e, kb.references) }));
  const columns = EVIDENCE_COLUMNS.filter((t) => rows.some((r) => r.profile.has(t)));
  const mapKinds = registry.kinds.filter((k) => rows.some((r) => r.entry.kind === k.name));

  // Overdue by the date the check compared reviews with.
  const today = site.kb.today;
  const withReview = site.entries.filter((e) => e.data.review?.next).sort((a, b) => a.data.review!.next!.localeCompare(b.data.review!.next!));

  const model: SiteModel = {
    config: {
      title: config.title,
      description: config.description,
      site: config.site,
      base: config.base,
      lang: config.lang,
      ...(config.edition ? { edition: config.edition } : {}),
      ...(config.organisation ? { organisation: config.organisation } : {}),
    },
    builtAt: site.builtAt,
    colors: config.colors,
    nav: [...navKinds.map((k) => ({ label: k.label.many, href: site.url(`${k.path}/`) })), { label: 'References', href: site.url('references/') }, { label: 'Evidence map', href: site.url('evidence/') }],
    home: {
      entries: site.entries.length,
      claims: site.entries.reduce((n, e) => n + e.claims.length, 0),
      references: cited.length,
      kinds: navKinds.map((k) => ({ label: k.label.many, href: site.url(`${k.path}/`), count: site.byKind(k.name).length, blurb: k.blurb })),
    },
    kinds: registry.kinds
      .filter((k) => site.byKind(k.name).length > 0)
      .flatMap((k) => {
        const entries = site.byKind(k.name).map((e) => ({ title: e.data.title, href: site.entryUrl(e.id), meta: k.card?.(e.data) ?? '', summary: e.data.summary }));
        return paged(entries, (n) => site.url(n === 1 ? `${k.path}/` : `${k.path}/page/${n}/`)).map((page) => ({ path: k.path, label: k.label.many, blurb: k.blurb, count: entries.length, page }));
      }),
    entries: pages.map((p, i) => ({ id: p.id, file: `${i}.json` })),
    redirects: [...kb.aliases].filter(([, to]) => site.published.has(to)).map(([from, to]) => ({ from, to: site.entryUrl(to), title: kb.byId.get(to)!.data.title })),
    bibliography,
    references: ((sources) => paged(sources, (n) => site.url(n === 1 ? 'references/' : `references/page/${n}/`)).map((page) => ({ count: sources.length, page })))(
      site.bibliography
        .filter((b) => refKeys.has(b.key))
        .map((b) => {
          const ref = kb.references.get(b.key)!;
          const type = ref.evidence ?? 'unclassified';
          const citing = entryLinks(site, kb.citedBy.get(b.key) ?? []);
          return { key: b.key, evidence: { type, label: evidenceLabel(type) }, citing: citing.slice(0, CITED_BY_SHOWN), more: Math.max(0, citing.length - CITED_BY_SHOWN), coins: coins(ref.csl) };
        }),
    ),
    evidence: {
      columns: columns.map((t) => ({ type: t, label: evidenceLabel(t) })),
      kinds: mapKinds.map((k) => {
        const of = rows.filter((r) => r.entry.kind === k.name);
        return { label: k.label.many, href: site.url(`evidence/${k.path}/`), entries: of.length, counts: columns.map((t) => of.reduce((n, r) => n + (r.profile.get(t) ?? 0), 0)) };
      }),
      pages: mapKinds.flatMap((k) => {
        const of = rows.filter((r) => r.entry.kind === k.name).map((r) => ({ title: r.entry.data.title, href: site.entryUrl(r.entry.id), counts: columns.map((t) => r.profile.get(t) ?? 0) }));
        return paged(of, (n) => site.url(n === 1 ? `evidence/${k.path}/` : `evidence/${k.path}/page/${n}/`)).map((page) => ({ kind: k.name, label: k.label.many, path: k.path, page }));
      }),
      totals: columns.map((t) => ({ label: evidenceLabel(t), claims: rows.reduce((n, r) => n + (r.profile.get(t) ?? 0), 0) })),
    },
    amendments: {
      edition: config.edition ?? 'Current edition',
      items: [...config.amendments]
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((a) => ({
          date: a.date,
          summary: a.summary,
          entries: a.entries.map((id) => {
            const e = kb.byId.get(id);
            return e && site.published.has(id) ? { title: e.data.title, href: site.entryUrl(id) } : { title: e?.data.title ?? id };
          }),
        })),
      reviews: withReview.map((e) => ({
        title: e.data.title,
        href: site.entryUrl(e.id),
        owner: e.data.review?.owner ?? '—',
        reviewed: e.data.review?.reviewed ?? '—',
        next: e.data.review!.next!,
        overdue: e.data.review!.next! < today,
      })),
      reviewed: site.entries.filter((e) => e.data.review?.reviewed).length,
      total: site.entries.length,
    },
    bibliographies: site.entries
      .filter((e) => e.kind === 'reading')
      .map((e) => ({ id: e.id, title: e.data.title, entryHref: site.entryUrl(e.id), bib: site.url(`cite/${e.id}.bib`), ris: site.url(`cite/${e.id}.ris`), apa: readingApa(site, e) })),
    ...(handbook ? { handbook } : {}),
    urls: {
      home: site.url(''),
      search: site.url('search/'),
      references: site.url('references/'),
      evidence: site.url('evidence/'),
      amendments: site.url('amendments/'),
      ...(handbook ? { handbook: site.url('handbook/') } : {}),
      sitemap: site.url('sitemap-index.xml'),
      pagefind: site.url('pagefind/'),
      brand: site.url('brand.css'),
      referencesJson: site.url('references.json'),
      favicon: site.url(favicon(kb.root) ?? 'favicon.svg'),
      ...(config.organisation?.logo ? { logo: site.url(config.organisation.logo) } : {}),
    },
  };
  return { model, pages, problems: renderProblems(site) };
}

/**
 * What rendering has found so far (a citation citeproc-js cannot format), each once, at the
 * severity the profile's `rules:` give it (`citation/unformattable: warning`). Rendering goes on
 * after the model is made (each `.mdx` body is compiled by the bundler), so the build asks again
 * when it is done.
 */
export function renderProblems(site: SiteContext): Problem[] {
  const seen = new Set<string>();
  return applySeverities(site.problems, site.config.rules).filter((p) => {
    const id = `${p.file}\0${p.line}\0${p.column}\0${p.rule}\0${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
