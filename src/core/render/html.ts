import type { Element, ElementContent, Root as HastRoot, Properties } from 'hast';
import type { Nodes as MdastNodes, Root } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { toHast, type Handler, type State } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { KnowledgeBase } from '../knowledge-base.ts';
import { internalTarget } from '../knowledge-base.ts';
import type { CitationNode, WikilinkNode } from '../markdown/nodes.ts';
import { EXEMPT_BLOCKS, EXEMPT_COMPONENTS } from '../markdown/remark-claims.ts';
import type { Formatter } from '../references/format.ts';

/** How a page refers to the reference list and to other entries. */
export interface RenderContext {
  kb: KnowledgeBase;
  formatter: Formatter;
  /** URL of an entry (with the site's base). */
  entryUrl(id: string): string;
  /** href of a reference from this page: `#ref-key` on entry pages. */
  referenceHref(key: string): string;
  /** Glossary terms to link on first use: lower-case term -> glossary entry id. */
  glossary?: Map<string, { id: string; definition: string }>;
  /** Id of the entry being rendered (not linked to itself). */
  self?: string;
  /** Entries that are published; links to others render as text. */
  published?: Set<string>;
  /** Position of a reference in the full APA list (orders sources within a citation). */
  order(key: string): number;
  /** The full APA reference as plain text (for the citation preview). */
  referenceText(key: string): string;
  /** Numbers the citation previews of one page (ids must be unique within it). */
  counter: { n: number; prefix: string };
}

const text = (value: string): ElementContent => ({ type: 'text', value });
const el = (tagName: string, properties: Properties, children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children });


/** An in-text citation: each source linked to the list, with a no-JS preview of the reference. */
function citationElement(node: CitationNode, ctx: RenderContext): Element {
  const { formatter, kb } = ctx;
  const known = node.items.filter((i) => kb.references.has(i.key));
  if (known.length === 0) return el('span', { className: ['gw-cite', 'gw-cite--unknown'] }, [text(node.value)]);
  const pieces: ElementContent[] = [];
  const link = (key: string, label: string): Element => {
    const id = `${ctx.counter.prefix}${++ctx.counter.n}`;
    return el('span', { className: ['gw-cite-item'] }, [
      el('a', { href: ctx.referenceHref(key), className: ['gw-cite-link'], 'aria-describedby': id }, [text(label)]),
      el('span', { className: ['gw-cite-preview'], role: 'tooltip', id, 'data-pagefind-ignore': '' }, [text(ctx.referenceText(key))]),
    ]);
  };
  if (node.mode === 'narrative') {
    const item = known[0]!;
    pieces.push(link(item.key, formatter.cite([toCiteItem(item)], 'narrative')));
  } else {
    // One citeproc call per source, in reference-list order, so each can link to its entry.
    const ordered = [...known].sort((a, b) => ctx.order(a.key) - ctx.order(b.key));
    pieces.push(text('('));
    // APA: works by the same author in one citation share the name: "(CASW, 2005a, 2005b)".
    let previousAuthor: string | undefined;
    ordered.forEach((item, i) => {
      const one = formatter.cite([toCiteItem(item)], 'parenthetical').replace(/^\(/, '').replace(/\)$/, '');
      const m = /^(.+?), ((?:\d{4}|n\.d\.)[a-z]?(?:, .*)?)$/.exec(one);
      const author = !item.prefix && m ? m[1] : undefined;
      if (i > 0 && author !== undefined && author === previousAuthor) {
        pieces.push(text(', '), link(item.key, m![2]!));
      } else {
        if (i > 0) pieces.push(text('; '));
        pieces.push(link(item.key, one));
      }
      previousAuthor = author;
    });
    pieces.push(text(')'));
  }
  return el('span', { className: ['gw-cite'] }, pieces);
}

function toCiteItem(item: CitationNode['items'][number]) {
  return {
    key: item.key,
    ...(item.locator ? { locator: item.locator, label: item.label ?? 'page' } : {}),
    ...(item.prefix ? { prefix: item.prefix } : {}),
    ...(item.suffix ? { suffix: item.suffix } : {}),
    ...(item.suppressAuthor ? { suppressAuthor: true } : {}),
  };
}

function exemptElement(name: string, title: string | undefined, state: State, node: MdastNodes): Element {
  const label = EXEMPT_BLOCKS[name] ?? name;
  return el('aside', { className: ['gw-exempt', `gw-exempt--${name}`], 'aria-label': label }, [
    el('p', { className: ['gw-exempt-label'] }, [text(title ? `${label}: ${title}` : label)]),
    ...(state.all(node as never) as ElementContent[]),
  ]);
}

export function renderTree(tree: Root, ctx: RenderContext, opts: { permalinks?: boolean; idPrefix?: string } = {}): string {
  const handlers: Record<string, Handler> = {
    citation: (_state, node) => citationElement(node as CitationNode, ctx),
    wikilink: (_state, node) => {
      const n = node as WikilinkNode;
      const target = ctx.kb.byId.get(n.target);
      const label = n.label ?? target?.data.title ?? n.target;
      if (!target || (ctx.published && !ctx.published.has(target.id))) return el('span', { className: ['gw-xref', 'gw-xref--unpublished'] }, [text(label)]);
      return el('a', { href: `${ctx.entryUrl(target.id)}${n.fragment ? `#${n.fragment}` : ''}`, className: ['gw-xref'] }, [text(label)]);
    },
    containerDirective: (state, node) => {
      const n = node as unknown as { name: string; children: MdastNodes[] };
      // The directive's [label] is its first paragraph, flagged by remark-directive.
      const first = n.children[0] as { data?: { directiveLabel?: boolean } } | undefined;
      let title: string | undefined;
      if (first?.data?.directiveLabel) {
        title = (state.all(first as never) as ElementContent[]).map((c) => ('value' in c ? c.value : '')).join('');
        n.children = n.children.slice(1);
      }
      return exemptElement(n.name, title, state, n as never);
    },
    mdxJsxFlowElement: (state, node) => {
      const n = node as unknown as { name: string; attributes: { name?: string; value?: unknown }[] };
      const name = EXEMPT_COMPONENTS[n.name] ?? 'note';
      const title = n.attributes.find((a) => a.name === 'title')?.value;
      return exemptElement(name, typeof title === 'string' ? title : undefined, state, node as never);
    },
    mdxJsxTextElement: (state, node) => state.all(node as never) as never,
    mdxFlowExpression: () => undefined,
    mdxTextExpression: () => undefined,
    mdxjsEsm: () => undefined,
  };
  const hast = toHast(tree, { handlers, allowDangerousHtml: false }) as HastRoot;
  visit(hast, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'a' && typeof node.properties.href === 'string') {
      const href = node.properties.href;
      if (/^\s*(javascript|vbscript|data):/i.test(href)) {
        node.properties.href = '#';
      } else if (/^https?:\/\//i.test(href) || href.startsWith('//')) {
        node.properties.rel = ['noopener', 'noreferrer'];
        node.properties.className = [...((node.properties.className as string[]) ?? []), 'gw-external'];
      } else if (!node.properties.className || !(node.properties.className as string[]).some((c) => c.startsWith('gw-'))) {
        const t = internalTarget(href, ctx.self ?? '');
        if (t && ctx.kb.byId.has(t.target)) node.properties.href = `${ctx.entryUrl(t.target)}${t.fragment ? `#${t.fragment}` : ''}`;
      }
    }
    const claimProps = node.properties as Record<string, unknown>;
    if ('data-claim' in claimProps || 'dataClaim' in claimProps) {
      const id = String(node.properties.id);
      const para = String(claimProps['data-para'] ?? claimProps.dataPara);
      const heading = String(claimProps['data-heading'] ?? claimProps.dataHeading ?? '');
      delete claimProps['data-heading'];
      delete claimProps.dataHeading;
      delete claimProps['data-para'];
      delete claimProps.dataPara;
      if (opts.permalinks === false || !parent || index === undefined) return;
      const apa = heading ? `(${heading} section, para. ${para})` : `(para. ${para})`;
      const permalink = el('a', { href: `#${id}`, className: ['gw-permalink'], 'data-apa': apa, 'aria-label': `Permalink to paragraph ${para}${heading ? ` of “${heading}”` : ''}; cite as ${apa}`, 'data-pagefind-ignore': '' }, [text('¶')]);
      const target = node.tagName === 'li' ? lastParagraph(node) ?? node : node;
      target.children.push(text(' '), permalink);
    }
  });
  if (ctx.glossary && ctx.glossary.size > 0) linkGlossaryTerms(hast, ctx);
  if (opts.idPrefix) prefixIds(hast, opts.idPrefix);
  return toHtml(hast);
}

/**
 * Make a body's anchors unique when it is shown inside another entry's page (a local policy
 * inside its standard): ids, in-page links and ARIA references get a prefix; links to the
 * page's reference list (#ref-…) stay as they are.
 */
function prefixIds(hast: HastRoot, prefix: string): void {
  visit(hast, 'element', (node: Element) => {
    const p = node.properties;
    if (typeof p.id === 'string') p.id = `${prefix}${p.id}`;
    if (typeof p.href === 'string' && p.href.startsWith('#') && !p.href.startsWith('#ref-')) p.href = `#${prefix}${p.href.slice(1)}`;
    const described = p.ariaDescribedBy ?? p['aria-describedby'];
    if (described !== undefined) {
      const ids = (Array.isArray(described) ? described : String(described).split(/\s+/)).map((d) => `${prefix}${d}`);
      if ('ariaDescribedBy' in p) p.ariaDescribedBy = ids;
      else p['aria-describedby'] = ids.join(' ');
    }
  });
}

function lastParagraph(li: Element): Element | undefined {
  for (let i = li.children.length - 1; i >= 0; i--) {
    const c = li.children[i]!;
    if (c.type === 'element' && c.tagName === 'p') return c;
  }
  return undefined;
}

const SKIP_TAGS = new Set(['a', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'span', 'dfn', 'abbr']);

/** Link the first use of each glossary term in an entry to its definition (with a no-JS preview). */
/** The pattern matching any glossary term (longest first), built once per glossary. */
const termPatterns = new WeakMap<Map<string, unknown>, RegExp>();
function termPattern(glossary: Map<string, unknown>): RegExp {
  let re = termPatterns.get(glossary);
  if (!re) {
    const terms = [...glossary.keys()].sort((a, b) => b.length - a.length);
    re = new RegExp(`\\b(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})s?\\b`, 'i');
    termPatterns.set(glossary, re);
  }
  return re;
}

function linkGlossaryTerms(hast: HastRoot, ctx: RenderContext): void {
  if (ctx.glossary!.size === 0) return;
  const re = termPattern(ctx.glossary!);
  const done = new Set<string>();
  const walk = (node: Element | HastRoot) => {
    for (let i = 0; i < node.children.length; i++) {
      const c = node.children[i]!;
      if (c.type === 'element') {
        if (SKIP_TAGS.has(c.tagName) || (c.properties.className as string[] | undefined)?.includes('gw-exempt-label')) continue;
        walk(c);
      } else if (c.type === 'text') {
        const m = re.exec(c.value);
        if (!m) continue;
        const key = m[1]!.toLowerCase();
        const g = ctx.glossary!.get(key);
        if (!g || done.has(key) || g.id === ctx.self) continue;
        done.add(key);
        const id = `term-${g.id.replace(/\//g, '-')}`;
        const before = c.value.slice(0, m.index);
        const after = c.value.slice(m.index + m[0].length);
        const link = el('span', { className: ['gw-term'] }, [
          el('a', { href: ctx.entryUrl(g.id), className: ['gw-term-link'], 'aria-describedby': id }, [text(m[0])]),
          el('span', { className: ['gw-term-preview'], role: 'tooltip', id, 'data-pagefind-ignore': '' }, [text(g.definition)]),
        ]);
        const repl: ElementContent[] = [];
        if (before) repl.push(text(before));
        repl.push(link);
        if (after) repl.push(text(after));
        (node.children as ElementContent[]).splice(i, 1, ...repl);
        i += repl.length - 1;
      }
    }
  };
  walk(hast);
}

/** Plain text of a claim-bearing value (e.g. a glossary definition) with citations as APA text. */
export function renderInlineText(tree: Root, ctx: RenderContext): string {
  let out = '';
  visit(tree, (node) => {
    if (node.type === 'text' || node.type === 'inlineCode') out += (node as { value: string }).value;
    else if (node.type === 'citation') {
      const c = node as CitationNode;
      const known = c.items.filter((i) => ctx.kb.references.has(i.key));
      if (known.length > 0) out += c.mode === 'narrative' ? ctx.formatter.cite([toCiteItem(known[0]!)], 'narrative') : ctx.formatter.cite(known.map(toCiteItem), 'parenthetical');
    } else if (node.type === 'wikilink') {
      const w = node as WikilinkNode;
      out += w.label ?? ctx.kb.byId.get(w.target)?.data.title ?? w.target;
    }
  });
  return out.replace(/\s+/g, ' ').trim();
}

/** Render a one-paragraph value (a model attribute) without its <p> wrapper. */
export function renderInline(tree: Root, ctx: RenderContext): string {
  const html = renderTree(tree, ctx, { permalinks: false });
  return html.replace(/^<p>/, '').replace(/<\/p>$/, '');
}
