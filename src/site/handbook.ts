/**
 * The handbook: every published entry in one printable document (the page /handbook/, which
 * `groundwork pdf` prints). Each entry is rendered by the same code as its own page
 * (`entryPage`), with the options a single document needs: one APA page state for the whole
 * document, ids prefixed per entry, headings moved under the entry's title, links between printed
 * entries kept inside the document, and one reference list at the end.
 */
import type { Entry } from '../core/entries/entry.ts';
import { newPageState } from '../render/present.ts';
import type { SiteContext } from './context.ts';
import { entryPage, type EntryPage } from './entry-page.ts';

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

export const entryAnchor = (id: string) => `entry-${id.replace(/\//g, '--')}`;

export function buildHandbook(site: SiteContext): HandbookModel {
  const registry = site.kb.registry;
  const kinds = registry.kinds.filter((k) => k.handbook !== false && !k.overlay).sort((a, b) => (a.handbook as number) - (b.handbook as number));
  const overlayKinds = registry.kinds.filter((k) => k.overlay && k.handbook !== false);
  const printed = new Map<string, Entry[]>();
  for (const k of kinds) printed.set(k.name, site.byKind(k.name));
  const shownInside = new Set<string>();
  for (const list of printed.values()) for (const e of list) for (const p of site.kb.overlays.get(e.id) ?? []) shownInside.add(p);
  // Published policies whose entry is not printed still appear, in a part of their own.
  for (const k of overlayKinds) printed.set(k.name, site.byKind(k.name).filter((p) => !shownInside.has(p.id)));

  const anchorOf = new Map<string, string>();
  for (const list of printed.values()) for (const e of list) anchorOf.set(e.id, entryAnchor(e.id));
  const href = (id: string, fragment?: string) => {
    const anchor = anchorOf.get(id);
    if (anchor) return `#${fragment ? `${anchor}--${fragment}` : anchor}`;
    return site.published.has(id) ? site.absolute(site.entryUrl(id)) : undefined;
  };

  const page = newPageState();
  const references = new Set<string>();
  const parts: HandbookModel['parts'] = [];
  for (const k of [...kinds, ...overlayKinds]) {
    const list = printed.get(k.name) ?? [];
    if (list.length === 0) continue;
    parts.push({
      kind: k.name,
      anchor: `part-${k.path}`,
      title: k.label.many,
      entries: list.map((e) => {
        const anchor = anchorOf.get(e.id)!;
        const p = entryPage(site, e, { page, idPrefix: `${anchor}--`, headingShift: 2, href });
        for (const k of p.references) references.add(k);
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
      .map((a) => ({ date: a.date, summary: a.summary, entries: a.entries.map((id) => ({ title: site.kb.byId.get(id)?.data.title ?? id, ...(href(id) ? { href: href(id)! } : {}) })) })),
    references: site.bibliography.filter((b) => references.has(b.key)).map((b) => b.key),
    online: site.absolute(site.url('')),
    ...(site.config.organisation?.contact ? { contact: site.config.organisation.contact } : {}),
  };
}
