/**
 * The handbook: every published entry in one printable document (the page /handbook/, which
 * `groundwork pdf` prints). Each entry is rendered by the same code as its own page
 * (`entryPage`), with the options a single document needs: one APA page state for the whole
 * document, ids prefixed per entry, headings moved under the entry's title, links between printed
 * entries kept inside the document, and one reference list at the end.
 */
import { idPart, type Entry } from '../core/entries/entry.ts';
import type { AnyKind } from '../kinds/index.ts';
import { newPageState, type PageState } from '../render/present.ts';
import type { SiteContext } from './context.ts';
import { entryPage, renderLead, type EntryPage } from './entry-page.ts';

export interface HandbookEntry {
  anchor: string;
  /** "Standard · section II.A.5", "NASW 2021 · section 1.07(f)" … */
  label: string;
  online: string;
  page: EntryPage;
}

export interface HandbookModel {
  title: string;
  parts: { kind: string; anchor: string; title: string; entries: HandbookEntry[] }[];
  amendments: { date: string; summary: string; entries: { title: string; href?: string }[] }[];
  /** Keys of the one reference list, in APA order. */
  references: string[];
  online: string;
  contact?: string;
}

export const entryAnchor = (id: string) => `entry-${idPart(id)}`;

/** What the handbook prints, in order, and where each printed entry is in the document. */
export interface HandbookLayout {
  parts: { kind: AnyKind; entries: Entry[] }[];
  anchorOf: Map<string, string>;
  /** A link to an entry: within the document when it is printed, else to its page online. */
  href(id: string, fragment?: string): string | undefined;
}

const layouts = new WeakMap<SiteContext, HandbookLayout>();

export function handbookLayout(site: SiteContext): HandbookLayout {
  const known = layouts.get(site);
  if (known) return known;
  const registry = site.kb.registry;
  const kinds = registry.kinds.filter((k) => k.handbook !== false && !k.overlay).sort((a, b) => (a.handbook as number) - (b.handbook as number));
  const overlayKinds = registry.kinds.filter((k) => k.overlay && k.handbook !== false);
  const parts = kinds.map((kind) => ({ kind, entries: site.byKind(kind.name) }));
  const shownInside = new Set<string>();
  for (const part of parts) for (const e of part.entries) for (const p of site.kb.overlays.get(e.id) ?? []) shownInside.add(p);
  // Published policies whose entry is not printed still appear, in a part of their own.
  for (const kind of overlayKinds) parts.push({ kind, entries: site.byKind(kind.name).filter((p) => !shownInside.has(p.id)) });
  const anchorOf = new Map<string, string>();
  for (const part of parts) for (const e of part.entries) anchorOf.set(e.id, entryAnchor(e.id));
  const href = (id: string, fragment?: string) => {
    const anchor = anchorOf.get(id);
    if (anchor) return `#${fragment ? `${anchor}--${fragment}` : anchor}`;
    const online = site.href(id, fragment);
    return online && site.absolute(online);
  };
  const layout = { parts: parts.filter((p) => p.entries.length > 0), anchorOf, href };
  layouts.set(site, layout);
  return layout;
}

/** How an entry is rendered inside the handbook (the same options for `.md` and compiled `.mdx` bodies). */
export function handbookMode(site: SiteContext, id: string) {
  const layout = handbookLayout(site);
  return { idPrefix: `${layout.anchorOf.get(id) ?? entryAnchor(id)}--`, headingShift: 2, href: layout.href, absoluteLinks: true };
}

/**
 * The APA state an `.mdx` body starts from in the handbook: what the entries printed before it
 * left (as the handbook rendered them) and its own facts and sections.
 */
export function handbookStateBefore(site: SiteContext, id: string): PageState {
  const before = handbookBuild(site).before.get(id);
  const entry = site.kb.byId.get(id);
  if (!before || !entry) return newPageState();
  const page = { mentioned: new Set(before.mentioned), cited: [...before.cited], terms: new Set(before.terms) };
  renderLead(site, entry, { page, ...handbookMode(site, id) });
  return page;
}

const builds = new WeakMap<SiteContext, { model: HandbookModel; before: Map<string, PageState> }>();

/** The handbook, rendered once per site: the model, and the page state before each `.mdx` entry. */
function handbookBuild(site: SiteContext): { model: HandbookModel; before: Map<string, PageState> } {
  let built = builds.get(site);
  if (!built) {
    const before = new Map<string, PageState>();
    built = { model: renderHandbook(site, before), before };
    builds.set(site, built);
  }
  return built;
}

export function buildHandbook(site: SiteContext): HandbookModel {
  return handbookBuild(site).model;
}

function renderHandbook(site: SiteContext, before: Map<string, PageState>): HandbookModel {
  const layout = handbookLayout(site);
  const page = newPageState();
  const references = new Set<string>();
  const parts: HandbookModel['parts'] = [];
  for (const { kind: k, entries: list } of layout.parts) {
    parts.push({
      kind: k.name,
      anchor: `part-${k.path}`,
      title: k.label.many,
      entries: list.map((e) => {
        const anchor = layout.anchorOf.get(e.id)!;
        // Its body is compiled by MDX, which starts from the state the entries before it left.
        if (e.mdx) before.set(e.id, { mentioned: new Set(page.mentioned), cited: [...page.cited], terms: new Set(page.terms) });
        const p = entryPage(site, e, { page, ...handbookMode(site, e.id) });
        for (const key of p.references) references.add(key);
        const card = k.card?.(e.data);
        return { anchor, label: card ? `${k.label.one} · ${card}` : k.label.one, online: site.absolute(site.entryUrl(e.id)), page: p };
      }),
    });
  }
  return {
    title: site.config.pdf.title ?? site.config.title,
    parts,
    amendments: [...site.config.amendments]
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((a) => ({ date: a.date, summary: a.summary, entries: a.entries.map((id) => ({ title: site.kb.byId.get(id)?.data.title ?? id, ...(layout.href(id) ? { href: layout.href(id)! } : {}) })) })),
    references: site.bibliography.filter((b) => references.has(b.key)).map((b) => b.key),
    online: site.absolute(site.url('')),
    ...(site.config.organisation?.contact ? { contact: site.config.organisation.contact } : {}),
  };
}
