/**
 * What every page of a site is built from: the checked knowledge base, the handbook profile's
 * scope (which entries are published), URLs, the APA formatter, the glossary, and functions that
 * render an entry's Markdown. Built once per build (or per change, in the dev server) by the
 * integration; plain TypeScript, no Astro.
 */
import { unescape } from 'html-escaper';
import type { GroundworkConfig } from '../config/schema.ts';
import { bodyOf, type Entry } from '../core/entries/entry.ts';
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import type { Problem } from '../core/problems.ts';
import { escapeRegExp } from '../core/regexp.ts';
import { createFormatter, type BibliographyItem, type Formatter } from '../core/references/format.ts';
import type { AnyKind } from '../kinds/index.ts';
import { renderInline, renderMarkdown, type RenderOptions } from '../render/markdown.ts';
import { newPageState, type Glossary, type PageState } from '../render/present.ts';
import { referenceId, sitePages } from './pages.ts';

export interface RenderRequest {
  page: PageState;
  /** Prefix for the body's ids (a policy inside its standard, an entry in the handbook). */
  idPrefix?: string;
  headingShift?: number;
  /** Where links to entries go (the handbook links within the document). */
  href?: (id: string, fragment?: string) => string | undefined;
  /** Links to the site's other pages are absolute URLs (the handbook, which is also a PDF). */
  absoluteLinks?: boolean;
  permalinks?: boolean;
}

export interface SiteContext {
  kb: KnowledgeBase;
  config: GroundworkConfig;
  formatter: Formatter;
  /** Published entries (not drafts, within the profile's scope), in id order. */
  entries: Entry[];
  published: Set<string>;
  url(path: string): string;
  entryUrl(id: string): string;
  /** The link to a published entry (to `fragment` within it); undefined when it is not published. */
  href(id: string, fragment?: string): string | undefined;
  /** Absolute URL of a path (for canonical links and citations). */
  absolute(path: string): string;
  kind(entry: Entry): AnyKind;
  /** Published entries of a kind, in the kind's order. */
  byKind(kind: string): Entry[];
  /** The whole reference list in APA order (everything cited anywhere). */
  bibliography: BibliographyItem[];
  glossary: Glossary;
  /** The date the site was built (YYYY-MM-DD). */
  builtAt: string;
  /** Render a `.md` body. */
  renderBody(entry: Entry, request: RenderRequest): string;
  /** The presentation options of one rendering (an `.mdx` body is rendered with these by Astro's MDX compiler). */
  presentOptions(entry: Entry, request: RenderRequest): RenderOptions;
  /** Render one of an entry's claim fields (inline). */
  renderField(entry: Entry, field: string, request: RenderRequest): string;
  /** Problems found while rendering (a citation that cannot be formatted): they fail the build. */
  problems: Problem[];
  previewId(key: string): string;
}

function isPublished(e: Entry, config: GroundworkConfig, kinds: (name: string) => AnyKind | undefined): boolean {
  const inc = config.include;
  if (e.data.draft || inc.exclude.includes(e.id)) return false;
  if (kinds(e.kind)?.overlay) return true;
  if (inc.entries && inc.entries.length > 0) return inc.entries.includes(e.id) || (inc.kinds?.includes(e.kind) ?? false);
  if (inc.kinds && inc.kinds.length > 0) return inc.kinds.includes(e.kind);
  return true;
}

/** A regular expression matching any glossary term (longest first), at word boundaries. */
function termPattern(terms: string[]): RegExp {
  const sorted = [...terms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return sorted.length === 0 ? /(?!)/g : new RegExp(`\\b(${sorted.join('|')})s?\\b`, 'gi');
}

export function createSiteContext(kb: KnowledgeBase, settings: { builtAt?: string } = {}): SiteContext {
  const { config, registry } = kb;
  const base = config.base.replace(/\/$/, '');
  const url = (path: string) => `${base}/${path.replace(/^\//, '')}`;
  const entryUrl = (id: string) => url(`${id}/`);
  const siteRoot = config.site.replace(/\/$/, '');
  const formatter = createFormatter(kb.references);
  const entries = kb.entries.filter((e) => isPublished(e, config, registry.get)).sort((a, b) => a.id.localeCompare(b.id));
  const published = new Set(entries.map((e) => e.id));
  const problems: Problem[] = [];
  const kind = (e: Entry) => registry.get(e.kind)!;
  const kindLists = new Map<string, Entry[]>();
  const byKind = (name: string) => {
    let list = kindLists.get(name);
    if (!list) {
      const k = registry.get(name);
      list = entries.filter((e) => e.kind === name).sort((a, b) => (k?.compare ? k.compare(a.data, b.data, registry.ctx) : 0) || a.data.title.localeCompare(b.data.title));
      kindLists.set(name, list);
    }
    return list;
  };
  const bibliography = formatter.bibliography([...kb.references.keys()]);
  const previewId = referenceId;
  // Filled below, once definitions can be rendered.
  const glossary: Glossary = { terms: new Map(), pattern: /(?!)/g };
  const href = (id: string, fragment?: string) => (published.has(id) ? `${entryUrl(id)}${fragment ? `#${fragment}` : ''}` : undefined);
  const pages = sitePages(registry);
  const options = (entry: Entry, request: RenderRequest): RenderOptions => ({
    formatter,
    self: entry.id,
    file: entry.file,
    page: request.page,
    title: (id) => kb.byId.get(id)?.data.title,
    href: request.href ?? href,
    // One of the site's own pages (`[the references](/references/)`), which `check` accepts as a link target.
    sitePage: (path, fragment) => {
      if (!pages.has(path)) return undefined;
      const to = `${url(path ? `${path}/` : '')}${fragment ? `#${fragment}` : ''}`;
      return request.absoluteLinks ? `${siteRoot}${to}` : to;
    },
    previewId,
    glossary: entry.kind === 'glossary' ? undefined : glossary,
    problems,
    ...(request.idPrefix ? { idPrefix: request.idPrefix } : {}),
    ...(request.headingShift ? { headingShift: request.headingShift } : {}),
    ...(request.permalinks === false ? { permalinks: false } : {}),
  });
  const renderField = (entry: Entry, name: string, request: RenderRequest) => {
    const field = entry.fields.find((f) => f.field === name);
    return field ? renderInline(field.value, { ...options(entry, request), permalinks: false }) : '';
  };

  // Glossary terms, with their definitions as plain text for the previews.
  for (const e of entries) {
    if (e.kind !== 'glossary') continue;
    const term = String(e.data['term']);
    const html = renderField(e, 'definition', { page: newPageState(), href: () => undefined });
    // The preview is a text node: tags go, and character references are decoded (numeric ones,
    // as citeproc writes `&#38;`, then the named ones html-escaper knows).
    const numeric = html.replace(/<[^>]*>/g, '').replace(/&#(x[0-9a-f]+|\d+);/gi, (_, n: string) => (n === '38' || n.toLowerCase() === 'x26' ? '&amp;' : String.fromCodePoint(n[0] === 'x' || n[0] === 'X' ? parseInt(n.slice(1), 16) : Number(n))));
    const definition = unescape(numeric).replace(/\s+/g, ' ').trim();
    glossary.terms.set(term.toLowerCase(), { id: e.id, definition: `${term}: ${definition}` });
  }
  glossary.pattern = termPattern([...glossary.terms.keys()]);

  return {
    kb,
    config,
    formatter,
    entries,
    published,
    url,
    entryUrl,
    href,
    absolute: (path) => `${siteRoot}${path.startsWith('/') ? path : `/${path}`}`,
    kind,
    byKind,
    bibliography,
    glossary,
    builtAt: settings.builtAt ?? new Date().toISOString().slice(0, 10),
    renderBody: (entry, request) => renderMarkdown(bodyOf(entry), options(entry, request)),
    presentOptions: options,
    renderField,
    problems,
    previewId,
  };
}
