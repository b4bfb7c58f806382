/**
 * Everything the pages present, computed once per build from the knowledge base. Pages and
 * components only present this; the domain logic lives in src/core.
 */
import { loadForRoot } from './load.ts';
import { evidenceProfile, type Entry, type KnowledgeBase } from '../core/knowledge-base.ts';
import { createFormatter, type Formatter } from '../core/references/format.ts';
import { renderInline, renderInlineText, renderTree, type RenderContext } from '../core/render/html.ts';
import { KIND_LABELS, MODEL_ATTRIBUTES, type EntryKind } from '../schemas/entries.ts';
import { EVIDENCE_TYPES, type EvidenceType } from '../schemas/evidence.ts';
import type { GroundworkConfig } from '../schemas/config.ts';

export interface RenderedEntry {
  html: string;
  /** Model attributes (and other structured values) as inline HTML. */
  fields: Record<string, string>;
  /** APA reference list of the sources this entry cites, in APA order. */
  references: { key: string; html: string }[];
  evidence: [EvidenceType, number][];
}

export interface Site {
  kb: KnowledgeBase;
  config: GroundworkConfig;
  formatter: Formatter;
  /** Entries that are published (the handbook profile's scope), in id order. */
  entries: Entry[];
  published: Set<string>;
  url(path: string): string;
  entryUrl(id: string): string;
  render(entry: Entry): RenderedEntry;
  definitionText(entry: Entry): string;
  byKind(kind: EntryKind): Entry[];
  builtAt: string;
}

declare global {
  // Handed over by the CLI so that `build` renders exactly what `check` validated.
  var __groundworkSite: Site | undefined;
  var __groundworkKb: { kb: KnowledgeBase; config: GroundworkConfig } | undefined;
}

export function createSite(kb: KnowledgeBase, config: GroundworkConfig): Site {
  const base = config.base.replace(/\/$/, '');
  const url = (path: string) => `${base}/${path.replace(/^\//, '')}`;
  const entryUrl = (id: string) => url(`${id}/`);
  const formatter = createFormatter(kb.references);

  const inc = config.include;
  const isIncluded = (e: Entry) => {
    if (e.data.draft) return false;
    if (inc.exclude.includes(e.id)) return false;
    if (e.kind === 'policy') return true;
    if (inc.entries && inc.entries.length > 0) return inc.entries.includes(e.id) || (inc.kinds?.includes(e.kind) ?? false);
    if (inc.kinds && inc.kinds.length > 0) return inc.kinds.includes(e.kind);
    return true;
  };
  const entries = kb.entries.filter(isIncluded).sort((a, b) => a.id.localeCompare(b.id));
  const published = new Set(entries.map((e) => e.id));

  const all = formatter.bibliography([...kb.references.keys()]);
  const orderOf = new Map(all.map((b, i) => [b.key, i]));
  const textOf = new Map(all.map((b) => [b.key, b.text]));
  const order = (key: string) => orderOf.get(key) ?? Number.MAX_SAFE_INTEGER;
  const referenceText = (key: string) => textOf.get(key) ?? key;
  const glossary = new Map<string, { id: string; definition: string }>();
  const ctxBase: Omit<RenderContext, 'self' | 'referenceHref' | 'counter'> = { kb, formatter, entryUrl, published, order, referenceText };
  for (const e of entries) {
    if (e.data.kind !== 'glossary') continue;
    const def = renderInlineText(e.fields.definition!, { ...ctxBase, referenceHref: (k) => url(`references/#ref-${k}`), counter: { n: 0, prefix: 'g-' } });
    glossary.set(e.data.term.toLowerCase(), { id: e.id, definition: `${e.data.term}: ${def}` });
  }

  const cache = new Map<string, RenderedEntry>();
  const kinds = new Map<EntryKind, Entry[]>();
  const entryIndex = new Map(kb.entries.map((e, i) => [e.id, i]));
  const render = (entry: Entry): RenderedEntry => {
    let r = cache.get(entry.id);
    if (r) return r;
    const ctx: RenderContext = {
      ...ctxBase,
      self: entry.id,
      referenceHref: (key) => `#ref-${key}`,
      // Preview ids are unique across entries, since a page can show parts of several.
      counter: { n: 0, prefix: `c${entryIndex.get(entry.id) ?? 0}-` },
      ...(entry.kind !== 'glossary' ? { glossary } : {}),
    };
    const fields: Record<string, string> = {};
    for (const [name, tree] of Object.entries(entry.fields)) fields[name] = renderInline(tree, ctx);
    const keys = new Set<string>();
    for (const c of entry.citations) if (kb.references.has(c.key) && !c.field?.startsWith('items[') && c.field !== 'superseded_by') keys.add(c.key);
    // A comparison's table shows the compared models' cited attributes.
    if (entry.data.kind === 'comparison') {
      for (const cid of entry.data.compare) {
        const m = kb.byId.get(cid);
        if (m?.kind === 'model') for (const c of m.citations) if (c.field?.startsWith('attributes.') && kb.references.has(c.key)) keys.add(c.key);
      }
    }
    // Attached local policies cite their own sources: they appear in this page's list too.
    for (const pid of kb.overlays.get(entry.id) ?? []) for (const c of kb.byId.get(pid)!.citations) if (kb.references.has(c.key) && c.field !== 'attaches_to') keys.add(c.key);
    // The full list, filtered: APA order and year suffixes (2005a/2005b) as on /references/.
    const references = all.filter((b) => keys.has(b.key)).map((b) => ({ key: b.key, html: b.html }));
    const profile = evidenceProfile(entry, kb.references);
    r = {
      // A policy is shown inside the entry it attaches to: its anchors must not clash with the host's.
      html: renderTree(entry.tree, ctx, entry.kind === 'policy' ? { idPrefix: `${entry.id.replace(/[^a-z0-9]+/g, '-')}-` } : {}),
      fields,
      references,
      evidence: EVIDENCE_TYPES.filter((t) => profile.has(t)).map((t) => [t, profile.get(t)!]),
    };
    cache.set(entry.id, r);
    return r;
  };

  return {
    kb,
    config,
    formatter,
    entries,
    published,
    url,
    entryUrl,
    render,
    definitionText: (e) => glossary.get(e.data.kind === 'glossary' ? e.data.term.toLowerCase() : '')?.definition ?? '',
    byKind: (kind) => {
      let list = kinds.get(kind);
      if (!list) {
        list = entries.filter((e) => e.kind === kind).sort((a, b) => a.data.title.localeCompare(b.data.title));
        kinds.set(kind, list);
      }
      return list;
    },
    builtAt: new Date().toISOString().slice(0, 10),
  };
}

export function getSite(): Site {
  if (globalThis.__groundworkSite) return globalThis.__groundworkSite;
  const handed = globalThis.__groundworkKb ?? loadForRoot(process.env.GROUNDWORK_ROOT ?? process.cwd());
  globalThis.__groundworkSite = createSite(handed.kb, handed.config);
  return globalThis.__groundworkSite;
}

export { KIND_LABELS, MODEL_ATTRIBUTES };
