/**
 * The presentation plugin (Sätteri mdast), run after Groundwork's Markdown plugin whenever an
 * entry is rendered — a `.md` body here in `render/markdown.ts`, an `.mdx` body inside Astro's
 * MDX compiler. It only decides what the reader sees; what the text says was settled by the
 * Markdown plugin, which `check` ran on the same tree:
 *
 * - a citation becomes its APA 7 in-text form, each source a link to the page's reference list,
 *   whose item the page's script opens in place as a popover (one copy of each reference);
 * - a wiki-link becomes a link labelled with the entry's title (or text, if it is not published);
 * - an exempt block becomes an aside that says what it is ("Case scenario: …");
 * - each claim gets its ¶ permalink with its APA paragraph position;
 * - the first use of a glossary term links to its definition;
 * - links to entries point at their pages, links off the site get `rel="noopener noreferrer"`.
 *
 * The rendered tree is the parser's tree with these changes made by the plugin; nothing shared
 * is mutated, so an entry can be rendered again with other options (the handbook).
 */
import type { MdastPluginDefinition, MdastVisitorContext } from 'satteri';
import { idPart } from '../core/entries/entry.ts';
import { internalTarget, isUnsafeUrl } from '../core/links.ts';
import { plainText, type ClaimMark } from '../core/markdown/claims.ts';
import { EXEMPT_BLOCKS, EXEMPT_COMPONENTS } from '../core/markdown/exempt.ts';
import { childrenOf, type AnyNode, type Children, type CitationNode, type WikilinkNode } from '../core/markdown/nodes.ts';
import { problem, type Problem } from '../core/problems.ts';
import type { AuthorForm, CiteItem, Formatter } from '../core/references/format.ts';
import { CitationFormatError } from '../core/references/format-error.ts';

type Hast = { type: 'text'; value: string } | { type: 'element'; tagName: string; properties: Record<string, unknown>; children: Hast[] };
const text = (value: string): Hast => ({ type: 'text', value });
/** A link to an entry that is not published: its text, marked (no link that would lead nowhere). */
const unpublished = (children: Hast[]) => ({ hName: 'span', hProperties: { className: ['gw-xref--unpublished'] }, hChildren: children });
const el = (tagName: string, properties: Record<string, unknown>, children: Hast[]): Hast => ({ type: 'element', tagName, properties, children });

/** What citations on one page have said so far (APA 8.21 abbreviations; which previews it needs), and which glossary terms it has linked. */
export interface PageState {
  /** Group-author abbreviations already introduced on the page. */
  mentioned: Set<string>;
  /** Keys cited on the page, in order of first citation. */
  cited: string[];
  /**
   * Glossary terms already linked, as the id prefix of the rendering followed by the term's entry: a page
   * renders its fields (each model attribute, each cell of a comparison) and its body separately,
   * and a term is linked, with its preview's id, at its first use on the page only.
   */
  terms: Set<string>;
}

export function newPageState(): PageState {
  return { mentioned: new Set(), cited: [], terms: new Set() };
}

/** Glossary terms linked on first use: lower-case term → its entry and its definition as text. */
export interface Glossary {
  terms: Map<string, { id: string; definition: string }>;
  /** Every term (`g`: all of a text's terms are looked at). */
  pattern: RegExp;
}

export interface PresentOptions {
  formatter: Formatter;
  /** Entry being rendered, and its file (problems are reported there). */
  self: string;
  file: string;
  page: PageState;
  /** Title of an entry, if it exists. */
  title(id: string): string | undefined;
  /** Where a link to an entry goes; undefined when the entry is not published (rendered as text). */
  href(id: string, fragment?: string): string | undefined;
  /** Where a link to one of the site's own pages goes (`/references/`, `/topics/`); undefined for any other path. */
  sitePage?(path: string, fragment?: string): string | undefined;
  /** Id of the page's reference list item of a source, which its citations open as a popover. */
  previewId(key: string): string;
  glossary?: Glossary | undefined;
  /** Prefix of the ids this rendering creates (a policy inside its standard's page, an entry in the handbook). */
  idPrefix?: string;
  /** Move headings down (an entry inside the handbook's parts). */
  headingShift?: number;
  /** ¶ links on claims (default true). */
  permalinks?: boolean;
  /** Render-time failures (a citation that cannot be formatted) become build errors here. */
  problems: Problem[];
}

/** Cite items as the formatter wants them. */
export function citeItems(node: CitationNode): (CiteItem & { at: { line: number; column: number } })[] {
  return node.data.citation.items.map((i) => ({
    key: i.key,
    at: i.at,
    ...(i.locator !== undefined ? { locator: i.locator, label: i.label ?? 'page' } : {}),
    ...(i.prefix ? { prefix: i.prefix } : {}),
    ...(i.suffix ? { suffix: i.suffix } : {}),
    ...(i.suppressAuthor ? { suppressAuthor: true } : {}),
  }));
}

/** A citation as the reader sees it, with the page's APA state updated. */
export function citationHast(node: CitationNode, options: Pick<PresentOptions, 'formatter' | 'page' | 'previewId' | 'file' | 'problems'>): Hast {
  const { formatter, page } = options;
  const items = citeItems(node);
  const form = (key: string): AuthorForm => {
    const abbr = formatter.abbreviation(key);
    return abbr === undefined ? 'full' : page.mentioned.has(abbr) ? 'subsequent' : 'first';
  };
  let cluster;
  try {
    cluster = formatter.cluster(
      items.map(({ at: _at, ...i }) => i),
      node.data.citation.mode,
      form,
    );
  } catch (error) {
    if (!(error instanceof CitationFormatError)) throw error;
    const at = items.find((i) => i.key === error.key)?.at ?? items[0]?.at;
    options.problems.push(problem(options.file, at, 'error', 'citation/unformattable', `${error.message}: the citation \`${node.value}\` cannot be rendered`, error.reason === 'unknown-key' ? 'add the source to references/, or fix the key' : 'check the reference\'s fields (names, dates, type) in references/'));
    return el('span', { className: ['gw-cite'] }, [text(node.value)]);
  }
  for (const item of items) {
    const abbr = formatter.abbreviation(item.key);
    if (abbr !== undefined && !item.suppressAuthor) page.mentioned.add(abbr);
    if (!page.cited.includes(item.key)) page.cited.push(item.key);
  }
  const children: Hast[] = [];
  if (cluster.open) children.push(text(cluster.open));
  for (const piece of cluster.pieces) {
    if (piece.before) children.push(text(piece.before));
    // A link to the source in the page's reference list; the page's script opens that item in
    // place, as a popover (it wraps like text, which a button cannot).
    // A personal communication (APA 8.9) has no reference-list item: its citation is text.
    children.push(options.formatter.listed(piece.key) ? el('a', { href: `#${options.previewId(piece.key)}` }, [text(piece.text)]) : text(piece.text));
    if (piece.after) children.push(text(piece.after));
  }
  if (cluster.close) children.push(text(cluster.close));
  return el('span', { className: ['gw-cite'] }, children);
}

const SKIP_GLOSSARY = new Set(['link', 'linkReference', 'inlineCode', 'code', 'citation', 'wikilink', 'html', 'mdxJsxTextElement', 'mdxTextExpression', 'mdxFlowExpression', 'mdxjsEsm']);

const NO_REPLACEMENTS: Children = new WeakMap();

class Presenter {
  private readonly ctx: MdastVisitorContext;
  private readonly o: PresentOptions;
  /** The presentation replaces whole nodes, never a node's children: no replaced lists to follow. */
  private readonly replaced: Children = NO_REPLACEMENTS;

  constructor(ctx: MdastVisitorContext, options: PresentOptions) {
    this.ctx = ctx;
    this.o = options;
  }

  private set(node: AnyNode, data: Record<string, unknown>): void {
    this.ctx.setProperty(node as never, 'data', { ...(node.data ?? {}), ...data });
  }

  walk(node: AnyNode, noTerms = false): void {
    switch (node.type) {
      case 'citation': {
        const cite = citationHast(node as unknown as CitationNode, this.o) as Extract<Hast, { type: 'element' }>;
        this.set(node, { hName: 'span', hProperties: cite.properties, hChildren: cite.children });
        return;
      }
      case 'wikilink':
        this.wikilink(node as unknown as WikilinkNode);
        return;
      case 'link':
        this.link(node);
        return;
      case 'heading':
        if (this.o.headingShift) this.ctx.setProperty(node as never, 'depth' as never, Math.min(6, (node.depth ?? 1) + this.o.headingShift) as never);
        // A heading is a label, not prose: a glossary term in it stays text, and is linked at
        // its first use in the prose that follows.
        noTerms = true;
        break;
      case 'containerDirective':
        this.exempt(node, node.name ?? '', undefined);
        noTerms = true;
        break;
      case 'mdxJsxFlowElement':
        if (EXEMPT_COMPONENTS[node.name ?? '']) {
          this.exempt(node, EXEMPT_COMPONENTS[node.name ?? '']!, (node as { attributes?: { name?: string; value?: unknown }[] }).attributes?.find((a) => a.name === 'title')?.value);
          return;
        }
        break;
      case 'html':
        // Raw HTML in Markdown is dropped, never rendered (check warns: markdown/raw-html).
        this.ctx.removeNode(node as never);
        return;
      case 'text':
        if (this.o.glossary && !noTerms) this.glossaryTerm(node);
        return;
      default:
        if (SKIP_GLOSSARY.has(node.type)) return;
    }
    const mark = node.data?.['gwClaim'] as ClaimMark | undefined;
    for (const child of childrenOf(node, this.replaced)) this.walk(child, noTerms);
    if (mark && this.o.permalinks !== false) this.permalink(node, mark);
  }

  private wikilink(node: WikilinkNode): void {
    const w = node.data.wikilink;
    const label = w.label ?? this.o.title(w.target) ?? w.target;
    const href = this.o.href(w.target, w.fragment);
    this.set(node as unknown as AnyNode, href ? { hName: 'a', hProperties: { href }, hChildren: [text(label)] } : unpublished([text(label)]));
  }

  /** A Markdown link resolved as `check` resolved it: an entry (by its current URL), one of the site's pages, or the web. */
  private link(node: AnyNode): void {
    const url = node.url ?? '';
    if (isUnsafeUrl(url)) {
      this.set(node, { hProperties: { href: '#' } });
    } else if (/^https?:\/\//i.test(url) || url.startsWith('//')) {
      this.set(node, { hProperties: { rel: ['noopener', 'noreferrer'], className: ['gw-external'] } });
    } else {
      const t = internalTarget(url, this.o.self);
      if (!t) return;
      if (this.o.title(t.target) !== undefined) {
        const href = this.o.href(t.target, t.fragment);
        if (href) this.set(node, { hProperties: { href } });
        // An entry that is not published is text, as a wiki-link to it is (a new node: a link keeps its href).
        else this.ctx.replaceNode(node as never, { type: 'unpublishedLink', data: unpublished([text(plainText(node, this.replaced))]) } as never);
      } else {
        const href = this.o.sitePage?.(t.target, t.fragment);
        if (href) this.set(node, { hProperties: { href } });
      }
    }
  }

  /** An exempt block: an aside labelled with what it is ("Case scenario: The new member"). */
  private exempt(node: AnyNode, name: string, title: unknown): void {
    const label = EXEMPT_BLOCKS[name] ?? name;
    const kids = childrenOf(node, this.replaced);
    const first = kids[0];
    // A note, not a landmark: a page (the handbook most of all) may have many of them.
    const aside = { hName: 'aside', hProperties: { className: ['gw-exempt', `gw-exempt--${name}`], role: 'note', ariaLabel: label } };
    const heading = (text: string) => ({ type: 'paragraph', data: { hProperties: { className: ['gw-exempt-label'] } }, children: [{ type: 'text', value: text }] });
    if (node.type === 'mdxJsxFlowElement') {
      // A component becomes a plain element, its label first, its children as they are.
      const labelText = typeof title === 'string' && title ? `${label}: ${title}` : label;
      this.ctx.replaceNode(node as never, { type: 'exempt', data: aside, children: [heading(labelText), ...kids] } as never);
      return;
    }
    if (first?.data?.['directiveLabel']) {
      const written = this.ctx.textContent(first as never);
      this.set(first, { hName: 'p', hProperties: { className: ['gw-exempt-label'] }, hChildren: [text(`${label}: ${written}`)] });
    } else {
      this.ctx.prependChild(node as never, heading(label) as never);
    }
    this.set(node, aside);
  }

  private permalink(node: AnyNode, mark: ClaimMark): void {
    const apa = mark.heading ? `(${mark.heading} section, para. ${mark.paragraph})` : `(para. ${mark.paragraph})`;
    const link = {
      type: 'permalink',
      data: {
        hName: 'a',
        hProperties: { href: `#${mark.id}`, className: ['gw-permalink'], ariaLabel: `Cite as ${apa}` },
        hChildren: [text('¶')],
      },
    };
    // In a list item the mark goes at the end of its own text, not after a nested list.
    let target = node;
    if (node.type === 'listItem') {
      const paragraphs = childrenOf(node, this.replaced).filter((c) => c.type === 'paragraph');
      target = paragraphs[paragraphs.length - 1] ?? node;
    }
    this.ctx.appendChild(target as never, [{ type: 'text', value: ' ' }, link] as never);
  }

  /** Link the first use of each glossary term on the page to its definition. */
  private glossaryTerm(node: AnyNode): void {
    const g = this.o.glossary!;
    const value = node.value ?? '';
    // The first term in the text that is still to be linked here (an earlier one may be linked already).
    let found: { m: RegExpMatchArray; term: { id: string; definition: string }; href: string; linked: string } | undefined;
    for (const m of value.matchAll(g.pattern)) {
      const term = g.terms.get(m[1]!.toLowerCase());
      if (!term || term.id === this.o.self) continue;
      const linked = `${this.o.idPrefix ?? ''}${term.id}`;
      const href = this.o.page.terms.has(linked) ? undefined : this.o.href(term.id);
      if (href) {
        found = { m, term, href, linked };
        break;
      }
    }
    if (!found) return;
    const { m, term, href, linked } = found;
    const index = m.index!;
    this.o.page.terms.add(linked);
    // Prefixed like the rendering's other ids: a term may be linked in a body and again in a policy shown on the same page, or in many entries of the handbook.
    const id = `${this.o.idPrefix ?? ''}term-${idPart(term.id)}`;
    const before = value.slice(0, index);
    const after = value.slice(index + m[0].length);
    const link = {
      type: 'glossaryTerm',
      data: {
        hName: 'span',
        hProperties: { className: ['gw-term'] },
        hChildren: [el('a', { href, className: ['gw-term-link'], ariaDescribedBy: id }, [text(m[0])]), el('span', { className: ['gw-term-preview'], role: 'tooltip', id, dataPagefindIgnore: '' }, [text(term.definition)])],
      },
    };
    const out: AnyNode[] = [];
    if (before) out.push({ type: 'text', value: before });
    out.push(link);
    if (after) out.push({ type: 'text', value: after });
    this.ctx.replaceNode(node as never, out as never);
  }
}

/** The presentation plugin for one rendering of one document. */
export function presentPlugin(options: PresentOptions): MdastPluginDefinition {
  return {
    name: 'groundwork-present',
    before(root, ctx) {
      new Presenter(ctx, options).walk(root as unknown as AnyNode);
    },
  };
}
