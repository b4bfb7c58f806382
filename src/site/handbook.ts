/**
 * The handbook: every published entry of the knowledge base in one printable document (the
 * page /handbook/, which `groundwork pdf` prints). This module decides the order of its parts
 * and entries, and makes the HTML of many entries live together in one page: ids made unique
 * per entry, links between printed entries turned into links within the document, citations
 * linked to the one reference list at the end, headings moved down under the entry title, and
 * asides (notes, scenarios) made notes rather than landmarks.
 */
import type { Entry } from '../core/knowledge-base.ts';
import { KIND_LABELS, PHASES, type EntryKind } from '../schemas/entries.ts';
import type { Site } from './site.ts';

/** The order of the handbook's parts. */
export const HANDBOOK_KINDS: EntryKind[] = ['standard', 'ethics', 'model', 'comparison', 'topic', 'reading', 'glossary'];

export interface HandbookPart {
  kind: EntryKind | 'policy';
  /** Anchor of the part's heading. */
  anchor: string;
  title: string;
  entries: Entry[];
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

/** A section number segment as a number: roman numerals, digits, single letters. */
function segmentValue(seg: string): number {
  if (/^\d+$/.test(seg)) return Number(seg);
  if (/^[IVXL]+$/.test(seg)) {
    let n = 0;
    for (let i = 0; i < seg.length; i++) {
      const v = ROMAN[seg[i]!]!;
      const next = ROMAN[seg[i + 1] ?? ''] ?? 0;
      n += v < next ? -v : v;
    }
    return n;
  }
  if (/^[A-Za-z]$/.test(seg)) return seg.toUpperCase().charCodeAt(0) - 64;
  return -1;
}

/** Compare section numbers such as "II.A.8", "1.07(f)", "Purpose": unnumbered ones first. */
export function compareSections(a: string | undefined, b: string | undefined): number {
  const split = (s: string | undefined) => (s ?? '').split(/[.()]+/).filter(Boolean).map(segmentValue);
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -2) - (y[i] ?? -2);
    if (d !== 0) return d;
  }
  return 0;
}

const byTitle = (a: Entry, b: Entry) => a.data.title.localeCompare(b.data.title);

function sortEntries(kind: EntryKind, entries: Entry[]): Entry[] {
  const list = [...entries];
  switch (kind) {
    case 'standard':
      return list.sort((a, b) => {
        const da = a.data as { phase: string; section: string };
        const db = b.data as { phase: string; section: string };
        return PHASES.indexOf(da.phase as never) - PHASES.indexOf(db.phase as never) || compareSections(da.section, db.section) || byTitle(a, b);
      });
    case 'ethics':
      // Overviews (no section) before the sections of the same code; current before superseded.
      return list.sort((a, b) => {
        const da = a.data as { code: string; section?: string; status: string };
        const db = b.data as { code: string; section?: string; status: string };
        return (
          (da.status === 'superseded' ? 1 : 0) - (db.status === 'superseded' ? 1 : 0) ||
          da.code.localeCompare(db.code) ||
          (da.section ? 1 : 0) - (db.section ? 1 : 0) ||
          compareSections(da.section, db.section) ||
          byTitle(a, b)
        );
      });
    case 'glossary':
      return list.sort((a, b) => (a.data as { term: string }).term.localeCompare((b.data as { term: string }).term));
    case 'reading':
      return list.sort((a, b) => {
        const da = a.data as { course: string; week: number | string };
        const db = b.data as { course: string; week: number | string };
        return da.course.localeCompare(db.course) || String(da.week).localeCompare(String(db.week), undefined, { numeric: true });
      });
    default:
      return list.sort(byTitle);
  }
}

export const entryAnchor = (id: string) => `entry-${id.replace(/\//g, '--')}`;
export const partAnchor = (kind: string) => `part-${KIND_LABELS[kind as EntryKind]?.path ?? kind}`;

export interface Handbook {
  parts: HandbookPart[];
  /** Policies shown inside each printed entry. */
  overlays(entry: Entry): Entry[];
  /** APA reference list of everything the printed entries cite. */
  references: { key: string; html: string }[];
  /** Anchor of a printed entry or policy in the document; its ids are prefixed with anchor + "--". */
  anchorOf(id: string): string;
  /** Rewrite one printed fragment of HTML (see the module comment). */
  scope(html: string, prefix: string, headingShift?: number): string;
  /** The handbook's title (the profile's pdf.title, else its title). */
  title: string;
}

export function buildHandbook(site: Site): Handbook {
  const parts: HandbookPart[] = [];
  for (const kind of HANDBOOK_KINDS) {
    const entries = sortEntries(kind, site.byKind(kind));
    if (entries.length > 0) parts.push({ kind, anchor: partAnchor(kind), title: KIND_LABELS[kind].many, entries });
  }
  const printed = new Set(parts.flatMap((p) => p.entries.map((e) => e.id)));
  const overlays = (entry: Entry) =>
    (site.kb.overlays.get(entry.id) ?? []).map((id) => site.kb.byId.get(id)!).filter((p) => p && site.published.has(p.id));
  // Published policies whose entry is not in the handbook still appear, in a part of their own.
  const shown = new Set(parts.flatMap((p) => p.entries.flatMap((e) => overlays(e).map((o) => o.id))));
  const orphans = site.byKind('policy').filter((p) => !shown.has(p.id));
  if (orphans.length > 0) parts.push({ kind: 'policy', anchor: partAnchor('policy'), title: KIND_LABELS.policy.many, entries: orphans });
  for (const p of orphans) printed.add(p.id);

  // Where each printed entry (and each policy shown inside one) is in the document.
  const anchorOf = new Map<string, string>();
  for (const id of printed) anchorOf.set(id, entryAnchor(id));
  for (const part of parts) {
    for (const e of part.entries) {
      overlays(e).forEach((p, i) => {
        if (!anchorOf.has(p.id)) anchorOf.set(p.id, `${entryAnchor(e.id)}--policy-${i + 1}`);
      });
    }
  }
  const urlToId = new Map<string, string>();
  for (const id of anchorOf.keys()) urlToId.set(site.entryUrl(id), id);

  const keys = new Set<string>();
  for (const part of parts) for (const e of part.entries) for (const r of site.render(e).references) keys.add(r.key);
  const references = site.formatter.bibliography([...keys]).map((b) => ({ key: b.key, html: b.html }));

  const siteUrl = site.config.site.replace(/\/$/, '');
  const rewriteHref = (href: string, prefix: string): string => {
    if (href.startsWith('#ref-')) return href;
    if (href.startsWith('#')) return `#${prefix}${href.slice(1)}`;
    if (!href.startsWith('/')) return href;
    const [path = '', fragment] = href.split('#') as [string, string | undefined];
    const id = urlToId.get(path);
    if (id) {
      const anchor = anchorOf.get(id)!;
      // Ids inside a printed entry (or policy) are prefixed with its anchor and "--".
      return fragment ? `#${anchor}--${fragment}` : `#${anchor}`;
    }
    return `${siteUrl}${href}`;
  };

  // Start tags (attribute values are quoted by the renderer; text never holds a bare "<").
  const TAG = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>/g;
  const ATTR = /(\s)([^\s=>"'/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?/g;
  const scope = (html: string, prefix: string, headingShift = 0): string =>
    html.replace(TAG, (_m, close: string, tag: string, attrs: string, selfClose: string) => {
      let name = tag;
      const h = /^h([1-6])$/i.exec(tag);
      if (h && headingShift) name = `h${Math.min(6, Number(h[1]) + headingShift)}`;
      if (close) return `</${name}>`;
      const rewritten = attrs.replace(ATTR, (whole: string, sp: string, attr: string, quoted: string | undefined) => {
        if (quoted === undefined) return whole;
        const q = quoted[0] === '"' || quoted[0] === "'" ? quoted[0] : '';
        const value = q ? quoted.slice(1, -1) : quoted;
        const lower = attr.toLowerCase();
        let out = value;
        if (lower === 'id') out = `${prefix}${value}`;
        else if (lower === 'aria-describedby' || lower === 'aria-labelledby' || lower === 'for') out = value.split(/\s+/).map((v) => `${prefix}${v}`).join(' ');
        else if (lower === 'href') out = rewriteHref(value.replace(/&#x26;|&amp;/g, '&'), prefix).replace(/&/g, '&#x26;');
        else return whole;
        return `${sp}${attr}="${out.replace(/"/g, '&#x22;')}"`;
      });
      // Many entries' notes in one page: as landmarks their labels would repeat, so they are notes.
      const role = name === 'aside' && !/\srole=/.test(rewritten) ? ' role="note"' : '';
      return `<${name}${rewritten}${role}${selfClose ? ' /' : ''}>`;
    });

  return { parts, overlays, references, scope, anchorOf: (id) => anchorOf.get(id) ?? entryAnchor(id), title: site.config.pdf.title ?? site.config.title };
}
