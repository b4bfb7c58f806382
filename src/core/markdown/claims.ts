/**
 * The claim step of Groundwork's Markdown plugin: walks an entry's blocks after the inline step,
 * and
 *
 * - gives every heading its slug and every claim (paragraph, list item, blockquote paragraph,
 *   table data cell) its APA-style anchor (`heading-slug-para-2`), as the element's `id`;
 * - records which keys each claim rests on (its own, or those of an introducing paragraph that
 *   ends with a colon) and reports a claim without a citation (`claim/uncited`);
 * - knows exempt blocks (`:::note`, `<Note>` …), which are not claims, and navigation (a
 *   paragraph of links joined by "see", "also", "compare", "and", "or"), which is not either;
 * - records the Markdown links of the document (for the link rules) and reports raw HTML,
 *   unknown directives and MDX components that are neither imported nor Groundwork's.
 *
 * Everything it learns goes to the document's facts (`ctx.data.groundwork`); the ids it sets
 * are what the rendered page carries, so a link `#anchor` that `check` accepts exists on the page.
 *
 * Why this file is long (~390 lines): the block walk is one pass whose state (the current
 * heading, the paragraph count, the slugger, an introducing paragraph's keys) every kind of
 * block reads and advances; split across files, each part would need the others' state.
 */
import GithubSlugger from 'github-slugger';
import type { MdastVisitorContext } from 'satteri';
import { internalTarget, isUnsafeUrl, isWebAddress } from '../links.ts';
import { EXEMPT_BLOCKS, EXEMPT_COMPONENTS } from './exempt.ts';
import { childrenOf, type AnyNode, type Children, type Claim, type CitationNode, type MarkdownFacts } from './nodes.ts';
import type { Position } from '../problems.ts';


/**
 * A citation or wiki-link syntax problem: until it is mended, whether the text it is in is cited
 * (or only points elsewhere) is not known, so that text is not also reported as uncited. Body
 * paragraphs and claim fields both use it.
 */
export function isSyntaxProblem(rule: string): boolean {
  return rule.startsWith('citation/') || rule === 'link/malformed';
}

/** Words that may join links in a navigation paragraph ("See [[a]] and [[b]]; compare [[c]]."). */
export const NAVIGATION_WORDS = new Set(['see', 'also', 'compare', 'cf', 'and', 'or']);

/** The text a reader sees in a node (citations and cross-links as written; citations left out when `citations` is false). */
export function plainText(node: AnyNode, replaced: Children, citations = true): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  if (node.type === 'citation') return citations ? (node.value ?? '') : '';
  if (node.type === 'wikilink') return node.value ?? '';
  if (node.type === 'html' || node.type === 'mdxjsEsm' || node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') return '';
  let out = '';
  for (const c of childrenOf(node, replaced)) out += plainText(c, replaced, citations);
  return out;
}

function hasText(node: AnyNode, replaced: Children): boolean {
  return /[\p{L}\p{N}]/u.test(plainText(node, replaced));
}

/** Keys of the citations inside a node (not inside nested lists, when asked). */
function citationKeys(node: AnyNode, replaced: Children, skipLists = false): string[] {
  const keys: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'citation') {
      for (const item of (n as unknown as CitationNode).data.citation.items) keys.push(item.key);
      return;
    }
    if (skipLists && n.type === 'list') return;
    for (const c of childrenOf(n, replaced)) walk(c);
  };
  walk(node);
  return keys;
}

/**
 * A paragraph or list item that only points to other entries is navigation, not a claim: apart
 * from its links (and citations), its text is connecting words and punctuation. A link to a web
 * address does not point to an entry: its label is read as text, so
 * `[Groups always succeed](https://…).` is a claim (`web` says the node has such a link).
 */
export function navigationOnly(node: AnyNode, replaced: Children): { navigation: boolean; cited: boolean; web: boolean } {
  let links = 0;
  let cited = false;
  let web = false;
  let rest = '';
  const walk = (n: AnyNode) => {
    if (n.type === 'link' && isWebAddress(n.url ?? '')) {
      web = true;
    } else if (n.type === 'wikilink' || n.type === 'link' || n.type === 'linkReference') {
      links++;
      return;
    }
    if (n.type === 'citation') {
      cited = true;
      return;
    }
    if (n.type === 'list') return;
    if (n.type === 'text' || n.type === 'inlineCode') rest += ` ${n.value ?? ''}`;
    for (const c of childrenOf(n, replaced)) walk(c);
  };
  walk(node);
  if (links === 0) return { navigation: false, cited, web };
  const words = rest.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return { navigation: words.every((w) => NAVIGATION_WORDS.has(w)), cited, web };
}

/** Names an MDX document imports or exports (components it may use). */
function mdxNames(root: AnyNode): Set<string> {
  const names = new Set<string>();
  for (const n of root.children ?? []) {
    if (n.type !== 'mdxjsEsm') continue;
    const code = n.value ?? '';
    for (const m of code.matchAll(/import\s+([\s\S]*?)\s+from\s+['"]/g)) {
      const clause = m[1]!;
      const def = /^([A-Za-z_$][\w$]*)/.exec(clause);
      if (def) names.add(def[1]!);
      const ns = /\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(clause);
      if (ns) names.add(ns[1]!);
      const named = /\{([^}]*)\}/.exec(clause);
      if (named) for (const part of named[1]!.split(',')) {
        const name = part.trim().split(/\s+as\s+/).pop()?.trim();
        if (name) names.add(name);
      }
    }
    for (const m of code.matchAll(/export\s+(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  }
  return names;
}

export interface ClaimOptions {
  /** `field`: the document is one structured value (a model attribute, a definition): no anchors of its own. */
  mode?: 'body' | 'field';
  /** Rendering a body inside another page (a policy in its standard, an entry in the handbook): prefix its ids. */
  idPrefix?: string;
}

/** What the claim step leaves on a claim's node for the renderer: its permalink's APA position. */
export interface ClaimMark {
  id: string;
  heading: string;
  paragraph: number;
}

class ClaimWalker {
  private readonly slugger = new GithubSlugger();
  private heading = '';
  private headingSlug = '';
  private para = 0;
  private tables = 0;
  private readonly components: Set<string>;
  private readonly ctx: MdastVisitorContext;
  private readonly facts: MarkdownFacts;
  private readonly replaced: Children;

  private readonly idPrefix: string;

  constructor(ctx: MdastVisitorContext, facts: MarkdownFacts, root: AnyNode, replaced: Children, idPrefix = '') {
    this.idPrefix = idPrefix;
    this.ctx = ctx;
    this.facts = facts;
    this.replaced = replaced;
    this.components = ctx.sourceFormat === 'mdx' ? mdxNames(root) : new Set();
  }

  private kids(node: AnyNode): AnyNode[] {
    return childrenOf(node, this.replaced);
  }

  private text(node: AnyNode): string {
    return plainText(node, this.replaced);
  }

  private at(node: AnyNode): Position {
    const s = node.position?.start;
    return s ? { line: s.line, column: s.column } : { line: 1, column: 1 };
  }

  private report(rule: string, severity: 'error' | 'warning', message: string, at: Position, hint?: string): void {
    this.facts.problems.push({ rule, severity, message, at, ...(hint ? { hint } : {}) });
  }

  private setId(node: AnyNode, id: string, claim?: ClaimMark): void {
    const data = node.data ?? {};
    const hProperties = { ...((data.hProperties as Record<string, unknown> | undefined) ?? {}), id: `${this.idPrefix}${id}` };
    this.ctx.setProperty(node as never, 'data', { ...data, hProperties, ...(claim ? { gwClaim: claim } : {}) });
  }

  private anchor(): string {
    this.para++;
    const id = this.headingSlug ? `${this.headingSlug}-para-${this.para}` : `para-${this.para}`;
    this.facts.anchors.push(id);
    return id;
  }

  /**
   * True when a syntax problem (`isSyntaxProblem`) was reported inside the node: until that is
   * mended, whether the text is cited (or only points elsewhere) is not known, so it is not also
   * "uncited".
   */
  private hasSyntaxProblem(node: AnyNode): boolean {
    const s = node.position?.start;
    const e = node.position?.end;
    if (!s || !e) return false;
    return this.facts.problems.some((p) => {
      if (!isSyntaxProblem(p.rule)) return false;
      const afterStart = p.at.line > s.line || (p.at.line === s.line && p.at.column >= s.column);
      const beforeEnd = p.at.line < e.line || (p.at.line === e.line && p.at.column <= e.column);
      return afterStart && beforeEnd;
    });
  }

  claim(node: AnyNode, kind: Claim['kind'], inherited: string[], label: string): string[] {
    const nav = navigationOnly(node, this.replaced);
    if (nav.navigation) {
      // Navigation is a paragraph a reader counts, but not a claim: no citation, no permalink.
      if (kind !== 'table-cell' && kind !== 'footnote') this.setId(node, this.anchor());
      if (nav.cited) {
        this.report('claim/navigation-cited', 'warning', `${label} only points to other entries, so it is not a claim and needs no citation`, this.at(node), 'remove the citation; cite sources where the linked entries make their claims');
      }
      return [];
    }
    const own = citationKeys(node, this.replaced, kind === 'list-item');
    const keys = own.length > 0 ? own : inherited;
    const at = this.at(node);
    // A table cell is anchored by its table; a footnote is not a paragraph of the section it is written in.
    const id = kind === 'table-cell' || kind === 'footnote' ? '' : this.anchor();
    if (id) this.setId(node, id, { id: `${this.idPrefix}${id}`, heading: this.heading, paragraph: this.para });
    this.facts.claims.push({ id, kind, keys, heading: this.heading, paragraph: this.para, line: at.line, column: at.column });
    if (keys.length === 0 && !this.hasSyntaxProblem(node)) {
      const text = this.text(node).trim().replace(/\s+/g, ' ');
      const excerpt = text.length > 60 ? `${text.slice(0, 57)}…` : text;
      this.report(
        'claim/uncited',
        'error',
        `${label} makes a claim without a citation: "${excerpt}"`,
        at,
        nav.web
          ? 'a link to a web page is not a citation: add the page to references/ (e.g. an `@online` entry with its `url`) and cite it, `[@key]`, or move the text into an exempt block (`:::note`) if it is not a claim'
          : 'cite the source it rests on, e.g. `[@key]`, or move it into an exempt block (`:::note`, `:::scenario`, `:::question`, `:::objectives`) if it is not a claim',
      );
    }
    return keys;
  }

  blocks(children: AnyNode[], inherited: string[] = []): void {
    let introduces: string[] = [];
    for (const node of children) {
      const carry = introduces;
      introduces = [];
      switch (node.type) {
        case 'heading': {
          // A citation in a heading is shown, but it is not part of the heading's name or slug.
          const text = plainText(node, this.replaced, false).replace(/\s+/g, ' ').trim();
          const slug = this.slugger.slug(text);
          this.setId(node, slug);
          this.facts.headings.push({ depth: node.depth ?? 1, text, slug });
          this.facts.anchors.push(slug);
          this.heading = text;
          this.headingSlug = slug;
          this.para = 0;
          break;
        }
        case 'paragraph': {
          if (!hasText(node, this.replaced) || this.onlyImages(node)) break;
          const keys = this.claim(node, 'paragraph', inherited, 'This paragraph');
          if (keys.length > 0 && /:\s*$/.test(this.text(node)) && citationKeys(node, this.replaced).length > 0) introduces = keys;
          break;
        }
        case 'blockquote':
          this.blocks(node.children ?? [], inherited);
          break;
        case 'list':
          this.list(node, carry.length > 0 ? carry : inherited);
          break;
        case 'table':
          this.table(node, inherited);
          break;
        case 'containerDirective': {
          if (!EXEMPT_BLOCKS[node.name ?? '']) {
            this.report('directive/unknown', 'error', `\`:::${node.name}\` is not a block Groundwork knows`, this.at(node), `use one of ${Object.keys(EXEMPT_BLOCKS).map((n) => `:::${n}`).join(', ')}`);
          }
          break;
        }
        case 'leafDirective':
          this.report('directive/unknown', 'error', `\`::${node.name}\` is not a block Groundwork knows`, this.at(node), 'exempt blocks are written `:::note` … `:::` on their own lines');
          break;
        case 'mdxJsxFlowElement': {
          const name = node.name ?? '';
          if (EXEMPT_COMPONENTS[name]) break; // an exempt block: not claims
          this.checkComponent(node);
          // Text inside any other component is part of the entry: its claims need citations.
          this.blocks(node.children ?? [], inherited);
          break;
        }
        case 'html':
          this.rawHtml(node);
          break;
        case 'footnoteDefinition':
          // A footnote's text is the entry's text too: a claim in it needs its source.
          for (const child of this.kids(node)) {
            if (child.type === 'paragraph' && hasText(child, this.replaced)) this.claim(child, 'footnote', [], 'This footnote');
          }
          break;
        default:
          break;
      }
    }
  }

  private onlyImages(p: AnyNode): boolean {
    return this.kids(p).every((c) => c.type === 'image' || c.type === 'imageReference' || (c.type === 'text' && (c.value ?? '').trim() === ''));
  }

  /** A component must be imported (or exported) by the document, unless it is an HTML element. */
  private checkComponent(node: AnyNode): void {
    const name = node.name ?? '';
    const root = name.split('.')[0]!;
    if (!name || /^[a-z]/.test(name) || this.components.has(root)) return;
    this.report(
      'mdx/unknown-component',
      'error',
      `the component <${name}> is neither imported by this entry nor one of Groundwork's blocks`,
      this.at(node),
      `import it at the top of the file (e.g. \`import ${root} from '../../components/${root}.astro';\`), or use one of ${Object.keys(EXEMPT_COMPONENTS).map((n) => `<${n}>`).join(', ')}`,
    );
  }

  /**
   * Components used inside a paragraph (`text <Badge>new</Badge> text`): the same rule as for
   * blocks, or MDX would fail at render time with "Expected component … to be defined". An
   * exempt block is a block: written inline it is not one (and is not defined either).
   */
  inlineComponents(node: AnyNode): void {
    if (node.type === 'mdxJsxTextElement') {
      const name = node.name ?? '';
      if (EXEMPT_COMPONENTS[name] && !this.components.has(name)) {
        this.report('mdx/unknown-component', 'error', `<${name}> is a block: it cannot be used inside a paragraph`, this.at(node), `put <${name}> and </${name}> on lines of their own, with blank lines around the block`);
      } else this.checkComponent(node);
    }
    for (const c of this.kids(node)) this.inlineComponents(c);
  }

  /** Raw HTML inside a paragraph, heading or table cell (block HTML is reported by `blocks`); a closing tag is not reported again. */
  inlineHtml(node: AnyNode, inline = false): void {
    if (node.type === 'html') {
      if (inline && !/^<\//.test((node.value ?? '').trim())) this.rawHtml(node);
      return;
    }
    const inside = inline || node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell';
    for (const c of this.kids(node)) this.inlineHtml(c, inside);
  }

  private rawHtml(node: AnyNode): void {
    const value = (node.value ?? '').trim();
    if (/^<!--[\s\S]*-->$/.test(value)) return; // comments are fine
    this.report('markdown/raw-html', 'warning', `raw HTML \`${value.slice(0, 40)}\` is not rendered: it is dropped, so it can never run a script`, this.at(node), 'write it in Markdown instead (links, emphasis, tables and lists all have Markdown forms)');
  }

  list(node: AnyNode, inherited: string[]): void {
    for (const item of node.children ?? []) {
      const own = (item.children ?? []).filter((c) => c.type !== 'list');
      const text = own.map((c) => this.text(c)).join(' ');
      let keys = inherited;
      if (/[\p{L}\p{N}]/u.test(text)) keys = this.claim(item, 'list-item', inherited, 'This list item');
      const introducing = citationKeys(item, this.replaced, true).length > 0 && /:\s*$/.test(text);
      for (const c of item.children ?? []) {
        if (c.type === 'list') this.list(c, introducing || inherited.length > 0 ? keys : []);
        else if (c.type !== 'paragraph') this.blocks([c], keys);
      }
    }
  }

  table(node: AnyNode, inherited: string[]): void {
    this.tables++;
    const id = this.headingSlug ? `${this.headingSlug}-table-${this.tables}` : `table-${this.tables}`;
    this.setId(node, id);
    this.facts.anchors.push(id);
    (node.children ?? []).forEach((row, r) => {
      if (r === 0) return; // header row
      for (const cell of row.children ?? []) if (hasText(cell, this.replaced)) this.claim(cell, 'table-cell', inherited, 'This table cell');
    });
  }

  /** Markdown links (internal targets and unsafe URLs), anywhere in the document. */
  links(node: AnyNode, self: string): void {
    if (node.type === 'link' && typeof node.url === 'string') {
      const at = this.at(node);
      if (isUnsafeUrl(node.url)) this.facts.links.push({ target: `unsafe:${node.url}`, at, via: 'markdown' });
      else {
        const t = internalTarget(node.url, self);
        if (t) this.facts.links.push({ ...t, at, via: 'markdown' });
      }
    }
    if (node.type === 'wikilink' || node.type === 'citation') return;
    for (const c of this.kids(node)) this.links(c, self);
  }

  /** A structured value (a model attribute, a definition) is one claim. */
  field(root: AnyNode): void {
    const keys = citationKeys(root, this.replaced);
    this.facts.claims.push({ id: '', kind: 'attribute', keys, heading: '', paragraph: 0, line: 1, column: 1 });
  }
}

/** Run the claim rule over a document whose inline content has been rewritten. */
export function collectClaims(root: AnyNode, ctx: MdastVisitorContext, facts: MarkdownFacts, replaced: Children, options: ClaimOptions & { self?: string }): void {
  const walker = new ClaimWalker(ctx, facts, root, replaced, options.idPrefix);
  if (options.mode === 'field') walker.field(root);
  else walker.blocks(root.children ?? []);
  walker.links(root, options.self ?? '');
  if (ctx.sourceFormat === 'mdx') walker.inlineComponents(root);
  else walker.inlineHtml(root);
}
